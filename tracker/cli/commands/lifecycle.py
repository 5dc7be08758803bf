"""A case's life beside its progress: withdraw and reopen it, move it to the trash and back."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tracker.cli.arguments import case_ref
from tracker.cli.command_spec import Command, always
from tracker.cli.terminal import say
from tracker.i18n import N_, _

if TYPE_CHECKING:
    from tracker.cli.argparse_glue import Parser
    from tracker.clock import Clock


def _case_argument(parser: Parser, m: Mapping[str, str]) -> None:
    parser.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))


def _withdraw_arguments(withdraw: Parser, m: Mapping[str, str]) -> None:
    _case_argument(withdraw, m)
    withdraw.add_argument(
        "--reason", default="", metavar=m["REASON"], help=_("why you no longer want it, kept in the timeline")
    )


def withdraw(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.core import Tracker

    case = Tracker.open(args.db, clock=clock).cases.withdraw(args.id, args.reason)
    say(_("Case {id} withdrawn. (tracker reopen {id} undoes it)").format(id=case.id))
    return 0


def reopen(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.core import Tracker
    from tracker.wording import terms

    case = Tracker.open(args.db, clock=clock).cases.reopen(args.id)
    say(_("Case {id} reopened ({status}).").format(id=case.id, status=terms.status_label(case.status)))
    return 0


def delete(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.core import Tracker

    case = Tracker.open(args.db, clock=clock).cases.delete(args.id)
    say(_("Case {id} moved to the trash. (tracker restore {id} brings it back)").format(id=case.id))
    return 0


def restore(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.core import Tracker

    case = Tracker.open(args.db, clock=clock).cases.restore(args.id)
    say(_("Case {id} restored.").format(id=case.id))
    return 0


def _trash_arguments(trash: Parser, m: Mapping[str, str]) -> None:
    trash.add_argument("--json", action="store_true", help=_("print JSON (for scripts)"))


def list_trash(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.output import case_json, case_table, print_json
    from tracker.core import Tracker

    tracker = Tracker.open(args.db, clock=clock)
    trashed = tracker.trash()
    if args.json:
        print_json([case_json(c, tracker.today()) for c in trashed])
    elif not trashed:
        say(_("The trash is empty."))
    else:
        say(case_table(trashed, tracker.today()))
    return 0


COMMANDS = (
    Command("withdraw", N_("drop a case (it can be reopened)"), withdraw, _withdraw_arguments, writes=always),
    Command("reopen", N_("undo a withdrawal"), reopen, _case_argument, writes=always),
    Command("delete", N_("move a case to the trash"), delete, _case_argument, writes=always),
    Command("restore", N_("bring a case back from the trash"), restore, _case_argument, writes=always),
    Command("trash", N_("list the cases in the trash"), list_trash, _trash_arguments),
)
