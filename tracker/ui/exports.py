"""Writing files from the TUI (dossiers, exports) off the event loop, and saying where."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.dom import DOMNode

from tracker.display import literal
from tracker.i18n import N_, _
from tracker.ui.jobs import run_job
from tracker.ui.services import services

# What each export holds, for the palette.
FORMATS: dict[str, str] = {
    "json": N_("every case, trash included, as JSON (a full backup)"),
    "csv": N_("the open cases as CSV (a spreadsheet)"),
    "ics": N_("the open follow-ups and deadlines as iCalendar"),
}


def export(node: DOMNode, fmt: str) -> None:
    """Export in ``fmt`` into the exports folder and say where the file went."""
    from tracker.exchange.export import export_to_folder

    def written(path: Path) -> None:
        node.app.notify(
            _("{format} export written to {path}").format(format=fmt.upper(), path=literal(str(path))),
            markup=False,
            timeout=10,
        )

    run_job(node, partial(export_to_folder, services(node).tracker, fmt), written)


def write_dossier(node: DOMNode, case_id: int) -> None:
    """Write the case's Markdown dossier (as it is now) and say where it went."""
    from tracker.exchange.dossier import write_dossier as write

    tracker = services(node).tracker

    def work() -> Path:
        return write(tracker, tracker.get(case_id), None)

    def written(path: Path) -> None:
        node.app.notify(
            _("Dossier written to {path}").format(path=literal(str(path))), markup=False, timeout=10
        )

    run_job(node, work, written)
