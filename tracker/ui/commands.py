"""Every action by name in the command palette, and the file-writing ones it starts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.screen import Screen

from tracker.domain.model import Case
from tracker.i18n import _

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


def palette_commands(app: TrackerApp, screen: Screen[Any]) -> Iterable[SystemCommand]:
    from tracker.ui.case_actions import CaseActions
    from tracker.ui.screens.cases import CasesScreen

    def run(action: str) -> Any:
        async def go() -> None:
            await screen.run_action(action)

        return go

    if isinstance(screen, CasesScreen):
        yield SystemCommand("New case", "Log a new cancellation case (a)", run("new_case"))
        yield SystemCommand(
            "Follow-ups", "Open follow-ups: overdue, today, next 7 days (d)", run("follow_ups")
        )
        yield SystemCommand(
            "Show or hide closed cases", "Verified and withdrawn cases (c)", run("toggle_closed")
        )
        yield SystemCommand("Filter", "Filter cases as you type (/)", run("filter"))
    if isinstance(screen, CaseActions):
        yield SystemCommand("Log contact", "Log a contact on the selected case (f)", run("log_contact"))
        yield SystemCommand("Verify case", "Tick required checks and mark verified (v)", run("verify"))
        yield SystemCommand("Edit case", "Edit the selected case (e)", run("edit"))
        yield SystemCommand("Export dossier", "Write the case's Markdown dossier (x)", run("export"))
        yield SystemCommand("Withdraw case", "Drop the selected case; undo is offered (w)", run("withdraw"))
        yield SystemCommand("Delete case", "Move the selected case to the trash (delete)", run("delete"))
    for fmt, what in (
        ("json", "every case, trash included, as JSON (a full backup)"),
        ("csv", "the open cases as CSV (a spreadsheet)"),
        ("ics", "the open follow-ups and deadlines as iCalendar"),
    ):
        yield SystemCommand(f"Export {fmt.upper()}", f"Export {what}", _exporter(app, fmt))
    yield SystemCommand(
        "Import",
        "Import a JSON export (merged by UUID, checked first)",
        lambda: app.push_screen(_import_screen()),
    )
    yield SystemCommand(
        _("Reminders: set-up"),
        _("Reminder channels, the daily timer, what went out today (tracker notify)"),
        _reminders(app, test=False),
    )
    yield SystemCommand(
        _("Reminders: send a test"),
        _("A test message through each reminder channel"),
        _reminders(app, test=True),
    )
    yield SystemCommand("Help", "Every key on one screen (?)", app.action_help)
    yield SystemCommand("Undo", "Undo the last withdraw or delete (ctrl+z)", app.action_undo)


def _reminders(app: TrackerApp, test: bool) -> Any:
    async def show() -> None:
        from tracker.notify import overview

        report = overview.trial_report if test else overview.setup_report
        result = await app.attempt(report, app.tracker)
        if result is not None:
            text, ok = result
            app.notify(
                text,
                title=_("Reminders"),
                severity="information" if ok else "error",
                markup=False,
                timeout=20,
            )

    return show


def _import_screen() -> Screen[bool]:
    from tracker.ui.screens.import_file import ImportScreen

    return ImportScreen()


def _exporter(app: TrackerApp, fmt: str) -> Any:
    async def export() -> None:
        from tracker.exchange.export import export_to_folder

        path = await app.attempt(export_to_folder, app.tracker, fmt)
        if path is not None:
            app.notify(f"Exported to {path}", title="Exported", markup=False, timeout=10)

    return export


async def write_dossier_for(app: TrackerApp, case: Case) -> None:
    """Write the case's Markdown dossier and say where it went."""
    from tracker.exchange.dossier import write_dossier

    path = await app.attempt(write_dossier, app.tracker, case, None)
    if path is not None:
        app.notify(f"Dossier written to {path}", title="Exported", markup=False, timeout=10)
