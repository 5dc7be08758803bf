"""The Case screen: every field, the checklist, the timeline newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tracker.display import entry_details, headline, literal
from tracker.domain.flags import case_flags
from tracker.domain.model import Case, Check, CheckState
from tracker.i18n.formats import describe_due
from tracker.i18n.timeline import describe
from tracker.ui.app import DataChanged
from tracker.ui.case_actions import CaseActions
from tracker.ui.rows import STATUS_STYLES, flag_text

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp

MARKS = {
    CheckState.PENDING: ("[ ]", ""),
    CheckState.PASSED: ("[✓]", "green"),
    CheckState.FAILED: ("[✗]", "bold red"),
}


def check_prompt(check: Check) -> Text:
    mark, style = MARKS[check.state]
    text = Text(no_wrap=False)
    text.append(f"{mark} ", style=style)
    text.append(literal(check.name))
    if check.required:
        text.append(" (required)", style="bold")
    text.append(f"  {check.state.value}", style=style or "dim")
    if check.note:
        text.append(f" — {literal(check.note)}", style="dim")
    return text


def _grid(rows: list[tuple[str, Text | str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(label, value if isinstance(value, Text) else Text(value))
    return table


def facts_table(case: Case, due_label: str, flags: Text) -> Table:
    """What matters first: who, what, where it stands, the dates."""
    status = Text(case.status.value, style=STATUS_STYLES[case.status])
    if flags.plain:
        status.append("  ")
        status.append_text(flags)
    due = f"{case.next_follow_up.isoformat()} ({due_label})" if case.next_follow_up else "none"
    return _grid(
        [
            ("Provider", literal(case.provider)),
            ("Cancelling", literal(case.service) or "—"),
            ("Status", status),
            ("Ticket", literal(case.ticket) or Text("none — ask for one", style="yellow")),
            (
                "Dates",
                f"requested {case.requested_on.isoformat()} · promised by {case.promised_by.isoformat()}",
            ),
            ("Next follow-up", due),
        ]
    )


def details_table(case: Case) -> Table:
    """The rest of the fields."""
    fee = "none"
    if case.fee_amount is not None:
        fee = f"{case.fee_amount} {literal(case.fee_currency)}".strip()
    rows: list[tuple[str, Text | str]] = [
        ("Action", case.action.value),
        ("Playbook", case.playbook),
        ("Channel", case.channel.value),
        ("Fee", fee),
        ("UUID", case.uuid),
    ]
    if case.notes:
        rows.append(("Notes", literal(case.notes, multiline=True)))
    return _grid(rows)


def timeline_text(case: Case) -> Text:
    text = Text()
    for entry in reversed(case.timeline):
        when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M")
        text.append(f"{when}  ", style="dim")
        text.append(f"{entry.kind.value:<8} ", style="bold")
        text.append(literal(describe(entry), multiline=True))
        extra = entry_details(entry)
        if extra:
            text.append(f"  [{'; '.join(extra)}]", style="dim")
        text.append("\n")
    return text


class CaseScreen(CaseActions, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="case.back"),
        Binding(
            "space",
            "cycle_check",
            "Check",
            id="case.cycle_check",
            tooltip="Cycle the highlighted check: pending → passed → failed",
        ),
        Binding("f", "log_contact", "Log contact", id="case.log"),
        Binding("v", "verify", "Verify", id="case.verify"),
        Binding("e", "edit", "Edit", id="case.edit"),
        Binding("x", "export", "Dossier", id="case.export", show=False),
        Binding("w", "withdraw", "Withdraw", id="case.withdraw", show=False),
        Binding("delete", "delete", "Delete", id="case.delete", show=False),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.case: Case | None = None

    @property
    def tapp(self) -> TrackerApp:
        return cast("TrackerApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(f"Case {self.case_id}", id="title")
            yield Static("", id="summary")
        with VerticalScroll(id="case-body"):
            yield Static("Loading…", id="facts")
            yield Static("Checks", id="checks-title", classes="section")
            yield OptionList(id="checks")
            yield Static("Details", classes="section")
            yield Static("", id="details")
            yield Static("Timeline (newest first)", classes="section")
            yield Static("", id="timeline")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.set_case(self.case_id)

    def set_case(self, case_id: int) -> None:
        """Show another case: this screen is made once and kept (see TrackerApp.open_case)."""
        self.case_id = case_id
        self.case = None
        checks = self.query_one("#checks", OptionList)
        checks.clear_options()  # nothing of the case shown before stays, not even its cursor
        checks.focus()
        self.query_one("#case-body", VerticalScroll).scroll_home(animate=False)
        cached = self.tapp.case_cache.get(case_id)
        if cached is not None:
            self.show(cached)  # loaded while the cursor rested on it
        else:
            self.query_one("#title", Static).update(f"Case {case_id}")
            for part in ("#summary", "#details", "#timeline"):
                self.query_one(part, Static).update("")
            self.query_one("#facts", Static).update("Loading…")
        self.reload()

    def selected_case_id(self) -> int | None:
        return self.case_id

    def after_delete(self) -> None:
        self.app.pop_screen()

    def reload(self) -> None:
        self.run_worker(self._reload(), group="load", exclusive=True)

    async def _reload(self) -> None:
        case = await self.tapp.attempt(self.tapp.tracker.get, self.case_id)
        if case is None:
            if self.is_current:
                self.app.pop_screen()
            return
        if case.id == self.case_id and case != self.case:
            self.show(case)

    def show(self, case: Case) -> None:
        self.case = case
        today = self.tapp.tracker.today()
        flags = flag_text(case_flags(case, today))
        self.query_one("#title", Static).update(
            Text(f"Case {case.id} · {headline(case.provider)}")
        )  # Text: never markup
        self.query_one("#summary", Static).update(flags)
        self.query_one("#facts", Static).update(
            facts_table(case, describe_due(case.next_follow_up, today), flags)
        )
        self.query_one("#details", Static).update(details_table(case))
        self.query_one("#checks-title", Static).update(
            f"Checks ({case.progress} passed) — space cycles pending → passed → failed"
        )
        checks = self.query_one("#checks", OptionList)
        highlighted = checks.highlighted
        checks.clear_options()
        checks.add_options([Option(check_prompt(c), id=str(i)) for i, c in enumerate(case.checks)])
        if case.checks:
            checks.highlighted = min(highlighted or 0, len(case.checks) - 1)
        self.query_one("#timeline", Static).update(timeline_text(case))

    @on(DataChanged)
    def data_changed(self) -> None:
        self.reload()

    async def action_cycle_check(self) -> None:
        if self.case is None or not self.case.checks:
            return
        index = self.query_one("#checks", OptionList).highlighted or 0
        check = self.case.checks[index]
        updated = await self.tapp.attempt(
            self.tapp.tracker.set_check, self.case_id, check.name, check.state.cycled()
        )
        if updated is not None:
            self.show(updated)
            if updated.checks[index].state is CheckState.FAILED:
                self.notify(
                    f"{literal(check.name)} failed: the case needs a follow-up today.",
                    severity="warning",
                    markup=False,
                )
