"""Evidence on a case: a file kept under its SHA-256 beside the database.

(The bundle of a case's evidence for OSIPTEL is ``tracker report --bundle``, in the exchange topic.)
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.command_spec import Command, always
from tracker.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from tracker.cli.argparse_glue import Parser
    from tracker.clock import Clock


def _attach_arguments(attach: Parser, m: Mapping[str, str]) -> None:
    attach.add_argument("id", metavar=m["ID"], help=_("case number or UUID"))
    attach.add_argument(
        "file", metavar=m["FILE"], help=_("the file to keep with the case: a receipt, a screenshot, a letter")
    )
    attach.add_argument(
        "--note", "-n", default="", metavar=m["NOTE"], help=_("what the file shows, e.g. the bill of March")
    )
    attach.add_argument("--json", action="store_true", help=_("print the case as JSON"))


def attach(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.output import print_case
    from tracker.core import Tracker
    from tracker.display import literal

    source = Path(args.file).expanduser()
    tracker = Tracker.open(args.db, clock=clock)
    case, attachment = tracker.evidence.attach(args.id, source, args.note)
    size = ngettext("{n} byte", "{n} bytes", attachment.size).format(n=f"{attachment.size:,}")
    lines = [
        _("Case {id}: {name} attached ({size}), SHA-256 {sha256}.").format(
            id=case.id, name=literal(attachment.name), size=size, sha256=attachment.sha256
        ),
        "  " + _("Kept in {folder}; the original can go.").format(folder=tracker.evidence.blobs.folder),
    ]
    print_case(tracker, case, args.json, "\n".join(lines))
    return 0


COMMANDS = (
    Command(
        "attach",
        N_("keep a file as evidence on a case (stored under its SHA-256)"),
        attach,
        _attach_arguments,
        description=N_(
            "Copy a file (a screenshot of the constancia, an e-mail, a PDF bill) into the "
            "attachments folder beside the database, under its SHA-256, owner-only. The original "
            "can be deleted afterwards."
        ),
        writes=always,
    ),
)
