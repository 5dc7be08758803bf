"""Help: every binding on one screen, with the keys in force (after the config's keymap)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp

KEY_NAMES = {"question_mark": "?", "slash": "/", "space": "space", "delete": "delete"}


def key_label(keys: str) -> str:
    return ", ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def binding_groups() -> list[tuple[str, list[Binding]]]:
    from tracker.ui.app import TrackerApp
    from tracker.ui.screens.case_detail import CaseScreen
    from tracker.ui.screens.case_form import CaseFormScreen
    from tracker.ui.screens.cases import CasesScreen
    from tracker.ui.screens.follow_ups import FollowUpsScreen
    from tracker.ui.screens.verify import VerifyScreen
    from tracker.ui.widgets.case_table import CaseTable

    def bindings(owner: Any) -> list[Binding]:
        return [b for b in owner.BINDINGS if isinstance(b, Binding)]

    return [
        ("Everywhere", bindings(TrackerApp)),
        ("Cases", bindings(CasesScreen)),
        ("Tables", bindings(CaseTable) + [Binding("enter", "open", "Open the case")]),
        ("Follow-ups", bindings(FollowUpsScreen)),
        ("Case", bindings(CaseScreen)),
        ("Forms: new case, edit, log contact", bindings(CaseFormScreen)),
        ("Verify", bindings(VerifyScreen)),
    ]


def help_table(keymap: dict[str, str]) -> Table:
    table = Table(expand=True, show_edge=False, pad_edge=False, box=None)
    table.add_column("Key", style="bold cyan", no_wrap=True, min_width=8)
    table.add_column("Does", ratio=2)
    table.add_column(
        Text("Binding id (config.toml [keys])"), style="dim", no_wrap=True, overflow="ellipsis", ratio=1
    )
    for group, bindings in binding_groups():
        table.add_row("", Text(group, style="bold underline"), "")
        for binding in bindings:
            keys = keymap.get(binding.id or "", binding.key)
            table.add_row(key_label(keys), binding.tooltip or binding.description, binding.id or "")
    table.add_row("", Text("Anywhere", style="bold underline"), "")
    table.add_row("ctrl+p", "Command palette: every action by name", "")
    return table


class HelpScreen(Screen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "app.pop_screen", "Back", id="help.back")]

    def compose(self) -> ComposeResult:
        keymap = cast("TrackerApp", self.app).tracker.config.keys
        with VerticalScroll():
            yield Static("Keys", classes="dialog-title")
            yield Static(help_table(keymap))
            yield Static(
                "Flags: OVERDUE (follow-up date passed) · DUE TODAY · PROVIDER LATE (still "
                "requested after the promised date) · NO TICKET · CHECK FAILED · RECHECK "
                "(a verified case's check after the next bill is due).",
                markup=False,
            )
        yield Footer(show_command_palette=False)
