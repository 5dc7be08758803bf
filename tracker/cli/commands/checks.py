"""Whether the cancellation really happened: record a check, mark a case verified."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tracker.cli.arguments import case_ref
from tracker.cli.command_spec import Command, always
from tracker.i18n import N_, _

if TYPE_CHECKING:
    from tracker.cli.argparse_glue import Parser
    from tracker.clock import Clock


def _check_arguments(check: Parser, m: Mapping[str, str]) -> None:
    check.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))
    check.add_argument("check", metavar=m["CHECK"], help=_('e.g. "calls blocked"'))
    check.add_argument(
        "state",
        type=_state_or_add,
        metavar=m["STATE"],
        help=_(
            "pass (or passed), fail (or failed), pending, n/a (does not apply to this case; a "
            "required check needs --note), or add"
        ),
    )
    check.add_argument(
        "--note", "-n", default="", metavar=m["NOTE"], help=_("why, e.g. why it does not apply")
    )
    check.add_argument("--required", action="store_true", help=_("with 'add': a required check"))
    check.add_argument("--json", action="store_true", help=_("print JSON (for scripts)"))


def _state_or_add(text: str) -> str:
    """A check state as typed (in English or the reader's language) as its code, or "add"."""
    if text.strip().casefold() == "add":
        return "add"
    from tracker.wording.terms import typed_check_state

    state = typed_check_state(text)
    if state is None:
        raise argparse.ArgumentTypeError(
            _("{value} is not a check state: pass, fail, pending, n/a or add").format(value=repr(text))
        )
    return state.value


def record_check(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.output import print_case
    from tracker.core import Tracker
    from tracker.display import literal
    from tracker.domain.model import CheckState
    from tracker.domain.playbooks import find_check
    from tracker.wording import terms

    tracker = Tracker.open(args.db, clock=clock)
    if args.state == "add":
        case = tracker.cases.add_check(args.id, args.check, args.required)
        message = _("Check {check} added to case {id}").format(
            check=terms.quoted(literal(args.check)), id=case.id
        )
    else:
        case = tracker.cases.set_check(args.id, args.check, CheckState(args.state), args.note)
        check = find_check(case.checks, args.check)
        assert check is not None
        name = terms.quoted(literal(terms.check_label(check.name)))
        if check.state is CheckState.FAILED:
            message = _("Case {id}: {check} failed; the case is failed and needs a follow-up today").format(
                id=case.id, check=name
            )
        else:
            message = _("Case {id}: {check} {state}").format(
                id=case.id, check=name, state=terms.check_state_label(check.state)
            )
    print_case(tracker, case, args.json, message)
    return 0


def _verify_arguments(verify: Parser, m: Mapping[str, str]) -> None:
    verify.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))
    verify.add_argument("--json", action="store_true", help=_("print JSON (for scripts)"))


def verify(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.output import print_case
    from tracker.core import Tracker

    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.cases.verify(args.id)
    if case.next_follow_up:
        message = _("Case {id} verified. Recheck after the next bill: {date}.").format(
            id=case.id, date=case.next_follow_up.isoformat()
        )
    else:
        message = _("Case {id} verified.").format(id=case.id)
    print_case(tracker, case, args.json, message)
    return 0


COMMANDS = (
    Command(
        "check",
        N_("record a verification check"),
        record_check,
        _check_arguments,
        description=N_(
            "Record a check's result (by name, any case), or add a check of your own with the state 'add'."
        ),
        writes=always,
    ),
    Command(
        "verify",
        N_("mark a case verified (required checks passed)"),
        verify,
        _verify_arguments,
        writes=always,
    ),
)
