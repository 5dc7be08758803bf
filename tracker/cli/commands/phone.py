"""What to say on the phone to the operator's hotline: the Spanish lines for the case's next
step, with the reader's language beside them."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tracker.cli.arguments import case_ref
from tracker.cli.command_spec import Command
from tracker.cli.terminal import say
from tracker.i18n import N_, _

if TYPE_CHECKING:
    from tracker.cli.argparse_glue import Parser
    from tracker.clock import Clock


def _call_arguments(call: Parser, m: Mapping[str, str]) -> None:
    call.add_argument("id", metavar=m["ID"], type=case_ref, help=_("case number or UUID"))
    call.add_argument(
        "--all",
        action="store_true",
        dest="whole",
        help=_("the whole script, every part of a call, whatever the case's state"),
    )


def call(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.help_format import terminal_width
    from tracker.core import Tracker
    from tracker.exchange.phone_script import script_for
    from tracker.exchange.phone_text import script_text

    tracker = Tracker.open(args.db, clock=clock)
    case = tracker.get(args.id, include_deleted=True)
    say(script_text(script_for(tracker, case, whole=args.whole), terminal_width()).rstrip("\n"))
    return 0


COMMANDS = (
    Command(
        "call",
        N_("what to say on the phone to the operator, in Spanish, for the case's next step"),
        call,
        _call_arguments,
        description=N_(
            "Print what to say on the phone for the case's next step: ask for the baja, for the "
            "código de pedido (and repeat it back), the status, decline a retention offer, ask for "
            "the código de reclamo and when the answer is due. Each line is in Spanish, filled from "
            "the case and the holder's data (tracker me), with its meaning in your language; then "
            "what the agent may answer, and what that means. --all gives every part."
        ),
    ),
)
