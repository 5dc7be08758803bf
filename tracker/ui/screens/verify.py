"""Verify: tick the checks that matter here, then mark the case verified.

Each check cycled here is saved at once, as on the Case screen, and the dialog
says so: closing it keeps them. On a verified case whose recheck after the next
bill is due, it shows the checks the recheck is about.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tracker.display import headline, literal
from tracker.domain.model import Case, Check, CheckState, Status
from tracker.domain.workflow import recheck_checks, recheck_due
from tracker.i18n import _
from tracker.ui import keys
from tracker.ui.check_cycle import cycle_check
from tracker.ui.jobs import run_job
from tracker.ui.screens.base import TrackerModal
from tracker.ui.services import services
from tracker.ui.widgets.checklist import Checklist, check_prompt
from tracker.ui.widgets.footer import FittingFooter
from tracker.wording.phrases import checks_and_states
from tracker.wording.terms import check_label


class VerifyScreen(TrackerModal[bool]):
    """Dismisses True once the case is verified (or its recheck recorded)."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.VERIFY]

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case
        self.recheck = False  # worked out once the app is at hand (compose)

    def compose(self) -> ComposeResult:
        hub = services(self)
        self.recheck = recheck_due(self.case, hub.tracker.today())
        title = (
            _("Recheck case {id} — {provider}") if self.recheck else _("Verify case {id} — {provider}")
        ).format(id=self.case.id, provider=headline(self.case.provider))
        with Vertical(id="dialog", classes="wide"):
            yield Static(title, classes="dialog-title", markup=False)
            yield Static(self._intro(), id="intro", markup=False)
            yield Checklist(id="required")
            yield Static("", id="verdict", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(
                    _("{label} ({key})").format(
                        label=_("Record the recheck") if self.recheck else _("Mark verified"),
                        key=hub.key_hint("verify.confirm"),
                    ),
                    variant="success",
                    id="verify",
                )
                yield Button(_("Close ({key})").format(key=hub.key_hint("verify.cancel")), id="close")
        yield FittingFooter(show_command_palette=False)

    def _intro(self) -> str:
        key = services(self).key_hint("verify.cycle_check")
        if self.recheck:
            what = _("The checks the recheck after the next bill is about")
        else:
            what = _("Required checks")
        return _(
            "{what} ({key} cycles pending → passed → failed → n/a; each change is saved at once):"
        ).format(what=what, key=key)

    def on_mount(self) -> None:
        self.show(self.case)
        self.query_one("#required", Checklist).focus()

    def _shown(self, case: Case) -> list[int]:
        """Indexes of the checks this dialog is about."""
        if self.recheck:
            playbook = services(self).tracker.playbooks.for_case(case.playbook)
            names = {id(c) for c in recheck_checks(case, playbook)}
            return [i for i, c in enumerate(case.checks) if id(c) in names]
        # A failed check blocks "verified" even when it is not required: it is shown here
        # so that it can be cycled again without leaving the dialog.
        return [i for i, c in enumerate(case.checks) if c.required or c.state is CheckState.FAILED]

    def _blocking(self, case: Case) -> list[Check]:
        """The shown checks that stand between the case and verified (or its recheck)."""
        shown = [case.checks[i] for i in self._shown(case)]
        if self.recheck:
            return [c for c in shown if c.state is not CheckState.PASSED]
        return [c for c in shown if c.state is CheckState.FAILED or c.state is CheckState.PENDING]

    def _not_yet(self, blocking: list[Check]) -> str:
        failed = [c for c in blocking if c.state is CheckState.FAILED]
        if failed and not self.recheck:
            return _(
                "Not yet: {checks} failed. Test it again and press {key} on it to record what you find."
            ).format(
                checks=literal(checks_and_states(failed)),
                key=services(self).key_hint("verify.cycle_check"),
            )
        return _("Not yet: {checks}.").format(checks=literal(checks_and_states(blocking)))

    def show(self, case: Case) -> None:
        self.case = case
        paint = services(self).painter(self.query_one("#dialog").rich_style.bgcolor)
        shown = self._shown(case)
        self.query_one("#required", Checklist).show_checks(
            [(i, paint.text(check_prompt(case.checks[i]))) for i in shown]
        )
        blocking = self._blocking(case)
        verdict = self.query_one("#verdict", Static)
        if self.recheck and case.status is not Status.VERIFIED:
            verdict.update(_("A check failed: the case is open again and needs a follow-up today."))
        elif not shown:
            verdict.update(
                _("Nothing to tick: the recheck can be recorded.")
                if self.recheck
                else _("This case has no required checks: it can be verified.")
            )
        elif blocking:
            verdict.update(self._not_yet(blocking))
        else:
            verdict.update(
                _("Every check here has passed: the recheck can be recorded.")
                if self.recheck
                else _("Every required check has passed: it can be verified.")
            )
        verdict.set_class(bool(blocking), "error")

    def action_cycle_check(self) -> None:
        index = self.query_one("#required", Checklist).highlighted_index
        if index is None:
            return
        check = self.case.checks[index]
        case_id = self.case.id
        assert case_id is not None
        cycle_check(self, case_id, check, partial(self._cycled, index))

    def _cycled(self, index: int, case: Case) -> None:
        self.show(case)
        check = case.checks[index]
        if check.state is CheckState.FAILED:
            self.notify(
                _("{check} failed (saved): the case needs a follow-up today.").format(
                    check=literal(check_label(check.name))
                ),
                severity="warning",
                markup=False,
            )

    def action_verify(self) -> None:
        if self.recheck and self.case.status is not Status.VERIFIED:
            self.notify(_("A check failed: the case cannot be closed."), severity="error", markup=False)
            return
        blocking = self._blocking(self.case)
        if blocking:
            self.notify(
                self._not_yet(blocking),
                severity="error",
                markup=False,
            )
            return
        case_id = self.case.id
        assert case_id is not None
        run_job(self, partial(services(self).tracker.cases.verify, case_id), self._verified)

    def _verified(self, case: Case) -> None:
        if self.recheck:
            message = _("Case {id}: recheck recorded, the case is closed.")
        else:
            message = _("Case {id} verified: {provider}.")
        self.notify(message.format(id=case.id, provider=headline(case.provider)), markup=False)
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "verify":
            self.action_verify()
        else:
            self.action_close()
