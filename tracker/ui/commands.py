"""Every action by name in the command palette, each with the key that does it now."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from tracker.i18n import N_, _
from tracker.ui import exports
from tracker.ui.case_actions import CaseActions
from tracker.ui.jobs import run_job
from tracker.ui.services import services

# (title, what it does, action, binding id whose key is named)
CASES_COMMANDS = (
    (N_("New case"), N_("Log a new cancellation case"), "new_case", "cases.new"),
    (N_("Follow-ups"), N_("Open follow-ups: overdue, today, next 7 days"), "follow_ups", "cases.follow_ups"),
    (N_("Show or hide closed cases"), N_("Verified and withdrawn cases"), "toggle_closed", "cases.closed"),
    (N_("Filter"), N_("Filter cases as you type"), "filter", "cases.filter"),
    (
        N_("Your data for the letters"),
        N_("Your name, document and address for the letters"),
        "holder",
        "cases.holder",
    ),
)

CASE_COMMANDS = (
    (N_("Log contact"), N_("Log a contact on the selected case"), "log_contact", "log"),
    (N_("Verify case"), N_("Tick required checks and mark verified"), "verify", "verify"),
    (N_("Edit case"), N_("Edit the selected case"), "edit", "edit"),
    (N_("Export dossier"), N_("Write the case's Markdown dossier"), "export", "export"),
    (N_("Withdraw case"), N_("Drop the selected case; undo is offered"), "withdraw", "withdraw"),
    (N_("Delete case"), N_("Move the selected case to the trash"), "delete", "delete"),
)


def _with_key(help_text: str, key: str) -> str:
    return _("{what} ({key})").format(what=_(help_text), key=key)


def palette_commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    """The tracker's own commands for ``screen``; keys named as they are bound now."""
    from tracker.ui.screens.case_detail import CaseScreen
    from tracker.ui.screens.cases import CasesScreen
    from tracker.ui.screens.undo import UndoScreen

    hub = services(app)

    def run(action: str) -> Callable[[], Any]:
        async def go() -> None:
            await screen.run_action(action)

        return go

    if isinstance(screen, CasesScreen):
        for title, help_text, action, binding_id in CASES_COMMANDS:
            yield SystemCommand(_(title), _with_key(help_text, hub.key_hint(binding_id)), run(action))
    if isinstance(screen, CaseActions):
        for title, help_text, action, name in CASE_COMMANDS:
            key = hub.key_hint(f"{screen.KEY_PREFIX}.{name}")
            yield SystemCommand(_(title), _with_key(help_text, key), run(action))
    if isinstance(screen, CaseScreen):
        yield SystemCommand(
            _("Add a check"),
            _with_key(N_("Add a check of your own to this case"), hub.key_hint("case.add_check")),
            run("add_check"),
        )
    for fmt, what in exports.FORMATS.items():
        yield SystemCommand(
            _("Export {format}").format(format=fmt.upper()),
            _("Export {what}").format(what=_(what)),
            partial(exports.export, app, fmt),
        )
    yield SystemCommand(_("Import"), _("Import a JSON export (merged by UUID, checked first)"), _import(app))
    yield SystemCommand(
        _("Reminders: set-up"),
        _("Reminder channels, the daily timer, what went out today (tracker notify)"),
        partial(_reminders, app, False),
    )
    yield SystemCommand(
        _("Reminders: send a test"),
        _("A test message through each reminder channel"),
        partial(_reminders, app, True),
    )
    yield SystemCommand(
        _("Help"), _with_key(N_("Every key on one screen"), hub.key_hint("app.help")), run("app.help")
    )
    yield SystemCommand(
        _("Undo"),
        _with_key(
            N_("Take back the latest change: a contact, a check, an edit, a stage..."),
            hub.key_hint("app.undo"),
        ),
        run("app.undo"),
    )
    yield SystemCommand(
        _("Undo history"),
        _("The recent changes that can be undone; pick one to take it back"),
        lambda: app.push_screen(UndoScreen(), lambda _result: hub.data_changed()),
    )


def _reminders(app: App[Any], test: bool) -> None:
    """The reminder set-up, or a test through each channel, said in a notice (tracker notify)."""
    from tracker.notify import overview

    report = overview.trial_report if test else overview.setup_report

    def said(result: tuple[str, bool]) -> None:
        text, ok = result
        app.notify(
            text, title=_("Reminders"), severity="information" if ok else "error", markup=False, timeout=20
        )

    tracker = services(app).tracker
    run_job(app, lambda: report(tracker), said)


def _import(app: App[Any]) -> Callable[[], Any]:
    def open_dialog() -> None:
        from tracker.ui.screens.import_file import ImportScreen

        app.push_screen(ImportScreen())

    return open_dialog
