"""Take back a change: ``tracker undo [ID]``, and the list of what can be undone."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tracker.cli.arguments import case_ref
from tracker.cli.command_spec import Command
from tracker.i18n import N_, _

if TYPE_CHECKING:
    from tracker.cli.argparse_glue import Parser
    from tracker.clock import Clock
    from tracker.core import Tracker
    from tracker.domain.changes import LoggedChange

# How many changes --list shows.
LISTED = 20
# How much of what a change said a line repeats (a long note is cut with …).
SAID_COLUMNS = 100


def _arguments(undo: Parser, m: Mapping[str, str]) -> None:
    undo.add_argument(
        "id", nargs="?", metavar=m["ID"], type=case_ref, help=_("case number or UUID (default: any case)")
    )
    undo.add_argument(
        "--change", type=int, metavar=m["CHANGE"], help=_("undo this change (its number in --list)")
    )
    undo.add_argument("--list", action="store_true", help=_("list the recent changes that can be undone"))
    undo.add_argument("--all", action="store_true", help=_("with --list: undone changes and undos too"))
    undo.add_argument("--json", action="store_true", help=_("print JSON (for scripts)"))


def _writes(args: argparse.Namespace) -> bool:
    return not args.list


def _when(tracker: Tracker, change: LoggedChange) -> str:
    return tracker.clock.local(change.at).strftime("%Y-%m-%d %H:%M")


def _json(change: LoggedChange) -> dict[str, Any]:
    from tracker.exchange.serialize import entry_to_dict

    return {
        "change": change.id,
        "at": change.at.isoformat(),
        "case": change.case_id,
        "tables": list(change.tables),
        "entries": [entry_to_dict(entry) for entry in change.entries],
        "undoes": change.undoes,
        "undone_by": change.undone_by,
    }


def _line(tracker: Tracker, change: LoggedChange) -> str:
    from tracker.display import headline
    from tracker.wording.changes import change_text

    line = _("{change:>5}  {when}  case {id}  {what}").format(
        change=change.id,
        when=_when(tracker, change),
        id=change.case_id,
        what=headline(change_text(change), SAID_COLUMNS),
    )
    if change.undone_by is not None:
        line += "  " + _("(undone by change {undo})").format(undo=change.undone_by)
    return line


def undo(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.output import print_json
    from tracker.cli.terminal import say
    from tracker.core import Tracker
    from tracker.display import headline
    from tracker.wording.changes import change_text

    tracker = Tracker.open(args.db, clock=clock)
    if args.list:
        changes = tracker.history.changes(args.id, limit=LISTED, everything=args.all)
        if args.json:
            print_json([_json(change) for change in changes])
        elif not changes:
            say(_("Nothing to undo."))
        else:
            say("\n".join(_line(tracker, change) for change in changes))
        return 0
    undone, logged = tracker.history.undo(args.id, change=args.change)
    if args.json:
        print_json({"undone": _json(undone), "undo": _json(logged)})
        return 0
    say(
        _("Undid change {change} on case {id} ({when}): {what}").format(
            change=undone.id,
            id=undone.case_id,
            when=_when(tracker, undone),
            # What the change said, on one line and cut to fit: a 5,000-character note is not repeated.
            what=headline(change_text(undone), SAID_COLUMNS),
        )
    )
    if "attachments" in logged.tables:
        # Files are kept under their SHA-256 and may be another attachment's too: never removed here.
        say("  " + _("The attached file stays in {folder}.").format(folder=tracker.evidence.blobs.folder))
    return 0


COMMANDS = (
    Command(
        "undo",
        N_("take back the latest change (on a case, or anywhere)"),
        undo,
        _arguments,
        description=N_(
            "Take back the latest change on case {id}, or the latest anywhere: the rows it wrote "
            "are put back as they were, its timeline entries go, and the undo is kept in the log. "
            "Run it again to go back further. Refused when a later change wrote the same rows: "
            "undo that one first. An attached file stays in the attachments folder."
        ),
        writes=_writes,
    ),
)
