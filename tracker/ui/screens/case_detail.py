"""The Case screen: every field, the checklist, the playbook's steps, the timeline."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Collapsible, Static

from tracker.clock import Local
from tracker.display import cell_width, fit, headline, literal
from tracker.domain.flags import case_flags
from tracker.domain.model import Case, CheckState, Status
from tracker.domain.playbooks import Playbook
from tracker.domain.workflow import recheck_checks, recheck_due
from tracker.i18n import _, ngettext
from tracker.ui import keys, styles
from tracker.ui.case_actions import CaseActions
from tracker.ui.check_cycle import cycle_check
from tracker.ui.escalation_actions import EscalationActions, escalation_widgets
from tracker.ui.jobs import run_job
from tracker.ui.messages import DataChanged
from tracker.ui.painter import Painter
from tracker.ui.rows import flag_text, status_text
from tracker.ui.screens.base import TrackerScreen
from tracker.ui.widgets.checklist import Checklist, check_prompt
from tracker.ui.widgets.footer import FittingFooter
from tracker.wording.entries import details_text, entry_details, entry_when
from tracker.wording.formats import describe_due, listed
from tracker.wording.terms import action_label, channel_label, check_label, entry_kind_label, playbook_steps
from tracker.wording.timeline import describe


def _grid(rows: list[tuple[str, Text | str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(label, value if isinstance(value, Text) else Text(value))
    return table


def fee_words(case: Case) -> str:
    if case.fee_amount is None:
        return _("none")
    return f"{case.fee_amount} {literal(case.fee_currency)}".strip()


def facts_table(case: Case, due_label: str, flags: Text, paint: Painter) -> Table:
    """What matters first: who, what, where it stands, the dates."""
    status = paint.text(status_text(case.status))
    if flags.plain:
        status.append("  ")
        status.append_text(flags)
    if case.next_follow_up:
        due = _("{date} ({when})").format(date=case.next_follow_up.isoformat(), when=due_label)
    else:
        due = _("none")
    ticket: Text | str = literal(case.ticket) or paint.text(
        Text(_("none — ask for one"), style=styles.EMPHASIS)
    )
    return _grid(
        [
            (_("Provider"), literal(case.provider)),
            (_("Cancelling"), literal(case.service) or "—"),
            (_("Status"), status),
            (_("Ticket"), ticket),
            (
                _("Dates"),
                _("requested {requested} · promised by {promised}").format(
                    requested=case.requested_on.isoformat(), promised=case.promised_by.isoformat()
                ),
            ),
            (_("Next follow-up"), due),
        ]
    )


def details_table(case: Case) -> Table:
    """The rest of the fields."""
    rows: list[tuple[str, Text | str]] = [
        (_("Action"), action_label(case.action)),
        (_("Playbook"), literal(case.playbook)),
        (_("Channel"), channel_label(case.channel)),
        (_("Cancellation fee"), fee_words(case)),
        (_("UUID"), case.uuid),
    ]
    if case.notes:
        rows.append((_("Notes"), literal(case.notes, multiline=True)))
    return _grid(rows)


def timeline_text(case: Case, paint: Painter, local: Local) -> Text:
    """The timeline, newest first, in local time (the clock's); a back-dated request is dated
    by its request date."""
    text = Text()
    width = max([8, *(cell_width(entry_kind_label(entry.kind)) for entry in case.timeline)])
    for entry in reversed(case.timeline):
        text.append(f"{entry_when(entry, case.requested_on, local)}  ", style=paint.style(styles.MUTED))
        text.append(fit(entry_kind_label(entry.kind), width) + " ", style="bold")
        text.append(literal(describe(entry), multiline=True))
        extra = entry_details(entry)
        if extra:
            text.append(f"  [{details_text(extra)}]", style=paint.style(styles.MUTED))
        text.append("\n")
    return text


def steps_text(playbook: Playbook) -> Text:
    text = Text()
    for number, step in enumerate(playbook_steps(playbook), start=1):
        text.append(f"{number}. ", style="bold")
        text.append(literal(step) + "\n")
    return text


class CaseScreen(EscalationActions, CaseActions, TrackerScreen[None]):
    KEY_PREFIX = "case"
    BINDINGS: ClassVar[list[BindingType]] = [*keys.CASE]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.case: Case | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(_("Case {id}").format(id=self.case_id), id="title", markup=False)
            yield Static("", id="summary", markup=False)
        with VerticalScroll(id="case-body"):
            yield Static(_("Loading…"), id="facts", markup=False)
            yield Static("", id="checks-title", classes="section", markup=False)
            yield Checklist(id="checks")
            yield Static("", id="recheck", markup=False)
            yield from escalation_widgets()
            with Collapsible(title=_("Playbook steps"), id="steps", collapsed=True):
                yield Static("", id="steps-text", markup=False)
            yield Static(_("Details"), classes="section", markup=False)
            yield Static("", id="details", markup=False)
            yield Static(_("Timeline (newest first)"), classes="section", markup=False)
            yield Static("", id="timeline", markup=False)
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._repaint)
        self.set_case(self.case_id)

    def _repaint(self, _theme: object) -> None:
        if self.case is not None:
            self.show(self.case)

    def set_case(self, case_id: int) -> None:
        """Show another case: this screen is made once and kept (see TrackerApp.open_case)."""
        self.case_id = case_id
        self.case = None
        checks = self.query_one("#checks", Checklist)
        checks.clear_options()  # nothing of the case shown before stays, not even its cursor
        checks.focus()
        self.query_one("#case-body", VerticalScroll).scroll_home(animate=False)
        cached = self.services.case_cache.get(case_id)
        if cached is not None:
            self.show(cached)  # loaded while the cursor rested on it
        else:
            self.query_one("#title", Static).update(_("Case {id}").format(id=case_id))
            for part in ("#summary", "#details", "#timeline", "#recheck", "#checks-title"):
                self.query_one(part, Static).update("")
            self.query_one("#steps", Collapsible).display = False
            self.query_one("#facts", Static).update(_("Loading…"))
        self.reload()

    def selected_case_id(self) -> int | None:
        return self.case_id

    def after_delete(self) -> None:
        self.app.pop_screen()

    def reload(self) -> None:
        case_id = self.case_id
        run_job(
            self,
            partial(self.services.tracker.get, case_id),
            partial(self._loaded, case_id),
            refused=self._gone,
            group="load",
            exclusive=True,
        )

    def _gone(self, error: Exception) -> None:
        self.notify(literal(str(error)), severity="error", markup=False)
        if self.is_current:
            self.app.pop_screen()

    def _loaded(self, case_id: int, case: Case) -> None:
        if case_id == self.case_id and case != self.case:
            self.show(case)

    def _painter(self, selector: str = "#case-body") -> Painter:
        return self.services.painter(self.query_one(selector).rich_style.bgcolor)

    def show(self, case: Case) -> None:
        self.case = case
        tracker = self.services.tracker
        today = tracker.today()
        playbook = tracker.playbooks.for_case(case.playbook)
        paint = self._painter()
        flags = case_flags(case, today)
        self.query_one("#title", Static).update(
            Text(_("Case {id} · {provider}").format(id=case.id, provider=headline(case.provider)))
        )
        self.query_one("#summary", Static).update(self._painter("#topbar").text(flag_text(flags)))
        self.query_one("#facts", Static).update(
            facts_table(case, describe_due(case.next_follow_up, today), paint.text(flag_text(flags)), paint)
        )
        self.query_one("#details", Static).update(details_table(case))
        self.query_one("#checks-title", Static).update(
            _("Checks ({progress} passed) — {key}: pending → passed → failed → n/a; {add} adds one").format(
                progress=case.progress,
                key=self.services.key_hint("case.cycle_check"),
                add=self.services.key_hint("case.add_check"),
            )
        )
        checks = self.query_one("#checks", Checklist)
        checks.show_checks([(i, paint.text(check_prompt(c))) for i, c in enumerate(case.checks)])
        recheck = self._recheck_words(case, playbook)
        self.query_one("#recheck", Static).update(recheck)
        self.query_one("#recheck", Static).display = bool(recheck)
        steps = self.query_one("#steps", Collapsible)
        steps.display = case.is_open and bool(playbook.steps)
        steps.title = ngettext(
            "Playbook steps: {count} step of {playbook} (enter shows it)",
            "Playbook steps: {count} steps of {playbook} (enter shows them)",
            len(playbook.steps),
        ).format(count=len(playbook.steps), playbook=literal(playbook.name))
        self.query_one("#steps-text", Static).update(steps_text(playbook))
        self.query_one("#timeline", Static).update(
            timeline_text(case, paint, self.services.tracker.clock.local)
        )
        self.show_escalation(case)

    def _recheck_words(self, case: Case, playbook: Playbook) -> str:
        """On a verified case with a recheck ahead or due: when, and which checks it is about."""
        if case.next_follow_up is None or case.status is not Status.VERIFIED:
            return ""
        names = listed(literal(check_label(c.name)) for c in recheck_checks(case, playbook))
        key = self.services.key_hint("case.verify")
        if recheck_due(case, self.services.tracker.today()):
            if names:
                return _("The recheck after the next bill is due: check {names}, then press {key}.").format(
                    names=names, key=key
                )
            return _("The recheck after the next bill is due: press {key} once it is done.").format(key=key)
        return _("Recheck after the next bill on {date}{about}.").format(
            date=case.next_follow_up.isoformat(), about=_(": {names}").format(names=names) if names else ""
        )

    @on(DataChanged)
    def data_changed(self) -> None:
        self.reload()

    def action_page(self, direction: int) -> None:
        body = self.query_one("#case-body", VerticalScroll)
        if direction < 0:
            body.scroll_page_up(animate=False)
        else:
            body.scroll_page_down(animate=False)

    def action_cycle_check(self) -> None:
        case = self.case
        index = self.query_one("#checks", Checklist).highlighted_index
        if case is None or index is None:
            return
        cycle_check(self, self.case_id, case.checks[index], partial(self._cycled, index))

    def _cycled(self, index: int, updated: Case) -> None:
        if updated.id != self.case_id:
            return
        self.show(updated)
        self.services.data_changed()
        check = updated.checks[index]
        if check.state is CheckState.FAILED:
            self.notify(
                _("{check} failed: the case needs a follow-up today.").format(
                    check=literal(check_label(check.name))
                ),
                severity="warning",
                markup=False,
            )

    def action_add_check(self) -> None:
        from tracker.ui.screens.add_check import AddCheckScreen

        if self.case is None:
            return

        def added(case: Case | None) -> None:
            if case is not None:
                self.services.data_changed()

        self.app.push_screen(AddCheckScreen(self.case), added)
