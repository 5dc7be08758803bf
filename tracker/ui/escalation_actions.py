"""What the Case screen offers past the provider's deadline: the ladder of stages, the next
step (s), the letters (l), the phone script (p) and the charges (c). Kept apart so the Case
screen itself changes little."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tracker.domain.deadlines import Step
from tracker.domain.deadlines import next_step as find_next_step
from tracker.domain.model import Case, StageKind
from tracker.i18n import _
from tracker.ui.services import AppServices, services
from tracker.ui.widgets.escalation_panel import escalation_text, has_escalation
from tracker.wording.escalation import next_step
from tracker.wording.glossary import Term, case_term

STEP_STAGES = {
    Step.RECLAMO: StageKind.RECLAMO,
    Step.QUEJA: StageKind.QUEJA,
    Step.APELACION: StageKind.APELACION,
    Step.OSIPTEL_FORM: StageKind.OSIPTEL_FORM,
}


def escalation_widgets() -> Iterator[Widget]:
    title = Static("", id="escalation-title", markup=False)
    title.add_class("section")
    body = Static("", id="escalation")
    # Where the case's Peruvian term leads: "g: what “reclamo” means".
    hint = Static("", id="glossary-hint", markup=False)
    title.display = body.display = hint.display = False
    yield title
    yield body
    yield hint


class EscalationActions:
    """Mixin for the Case screen: it provides ``case`` (the case shown, or None)."""

    case: Case | None

    @property
    def _screen(self) -> Screen[object]:
        return cast("Screen[object]", self)

    @property
    def _app(self) -> AppServices:
        return services(self._screen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Next step and letters only where the case's playbook has a regulator's rules."""
        if action in ("next_step", "letter", "charge", "glossary", "phone"):
            case = self.case
            return case is not None and self._app.tracker.rules_for(case).book is not None
        if action == "answer":
            return self.case is not None and bool(self.case.stages)
        return True

    def show_escalation(self, case: Case) -> None:
        screen = self._screen
        screen.refresh_bindings()
        tracker = self._app.tracker
        rules = tracker.rules_for(case)
        today = tracker.today()
        shown = has_escalation(case, rules, today)
        title, body = screen.query_one("#escalation-title", Static), screen.query_one("#escalation", Static)
        title.display = body.display = shown
        self._show_glossary_hint(case, shown)
        if shown:
            # The keys as the keymap has them now (they can be remapped in config.toml).
            hints = {
                "step": self._app.key_hint("case.next_step"),
                "letter": self._app.key_hint("case.letter"),
                "answer": self._app.key_hint("case.answer"),
            }
            if case.stages:
                title.update(
                    _(
                        "Past the deadline — {step}: next step, {answer}: record an answer, {letter}: letter"
                    ).format(**hints)
                )
            else:
                title.update(
                    _("Past the deadline — {step}: file the next step, {letter}: write a letter").format(
                        **hints
                    )
                )
            body.update(escalation_text(case, rules, today))

    def _glossary_term(self, case: Case) -> Term:
        tracker = self._app.tracker
        return case_term(case, has_escalation(case, tracker.rules_for(case), tracker.today()))

    def _show_glossary_hint(self, case: Case, past_deadline: bool) -> None:
        """Under a Peruvian case's escalation (or where it would be), the key that explains
        the term the case is at: the request (baja), the stage filed, or its answer."""
        hint = self._screen.query_one("#glossary-hint", Static)
        hint.display = self._app.tracker.rules_for(case).book is not None
        if hint.display:
            term = case_term(case, past_deadline)
            hint.update(
                _("{key}: what “{term}” means").format(
                    key=self._app.key_hint("case.glossary"), term=term.spanish
                )
            )

    def action_glossary(self) -> None:
        """Help's Glossary tab, at the term the case shows."""
        from tracker.ui.screens.help import HelpScreen

        case = self.case
        if case is not None:
            self._screen.app.push_screen(HelpScreen(self._glossary_term(case)))

    def _suggestion(self, case: Case) -> tuple[StageKind | None, str]:
        tracker = self._app.tracker
        step = find_next_step(case, tracker.rules_for(case), tracker.today())
        if step is None:
            return None, ""
        return STEP_STAGES.get(step.step), next_step(step, case.id)

    def action_next_step(self) -> None:
        from tracker.ui.screens.escalate import EscalateScreen

        case = self.case
        if case is None:
            return
        if self._app.tracker.rules_for(case).book is None:
            self._screen.notify(
                _("This case's playbook has no regulator's rules: no reclamo or queja to file."), markup=False
            )
            return
        kind, advice = self._suggestion(case)

        def done(updated: Case | None) -> None:
            if updated is not None:
                self._app.data_changed()

        self._screen.app.push_screen(EscalateScreen(case, kind or StageKind.RECLAMO, advice), done)

    def action_answer(self) -> None:
        """Record the operator's (or TRASU's) answer to a stage filed on the case."""
        from tracker.ui.screens.answer import AnswerScreen

        case = self.case
        if case is None or not case.stages:
            return

        def done(updated: Case | None) -> None:
            if updated is not None:
                self._app.data_changed()

        self._screen.app.push_screen(AnswerScreen(case), done)

    def action_charge(self) -> None:
        """Record a charge, or complete a recorded one (its period, receipt, due date)."""
        from tracker.ui.screens.charge import ChargeScreen

        case = self.case
        if case is None:
            return
        book = self._app.tracker.rules_for(case).book
        currency = book.currency if book is not None and book.currency else case.fee_currency

        def done(updated: Case | None) -> None:
            if updated is not None:
                self._app.data_changed()

        self._screen.app.push_screen(ChargeScreen(case, currency or ""), done)

    def action_phone(self) -> None:
        from tracker.ui.screens.phone import PhoneScreen

        if self.case is not None:
            self._screen.app.push_screen(PhoneScreen(self.case))

    def action_letter(self) -> None:
        from tracker.ui.screens.letter import LetterScreen

        case = self.case
        if case is None:
            return
        kind, _advice = self._suggestion(case)
        self._screen.app.push_screen(LetterScreen(case, kind))
