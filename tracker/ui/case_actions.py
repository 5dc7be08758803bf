"""Actions on one case, shared by the Cases, Follow-ups and Case screens.

A screen that mixes this in provides ``selected_case_id()``; the actions load the
case in a worker, open the right dialog and write through ``Tracker``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar, cast

from textual.screen import Screen

from tracker.display import headline
from tracker.domain.model import Case
from tracker.i18n import _
from tracker.ui import exports
from tracker.ui.jobs import run_job
from tracker.ui.services import AppServices, services
from tracker.ui.widgets.case_table import CaseTable


class CaseActions:
    """Mixin for screens that act on a selected case."""

    KEY_PREFIX: ClassVar[str] = ""  # where its binding ids start: "cases", "case", ...

    def selected_case_id(self) -> int | None:
        raise NotImplementedError

    @property
    def _screen(self) -> Screen[object]:
        return cast("Screen[object]", self)

    @property
    def services(self) -> AppServices:
        return services(self._screen)

    def on_case_table_highlighted(self, message: CaseTable.Highlighted) -> None:
        self.services.prefetch(message.case_id)

    def rows_pending(self) -> bool:
        """Whether the list's first rows are still on their way (nothing can be selected yet)."""
        return False

    def with_selected_case(self, then: Callable[[Case], object], waited: int = 0) -> None:
        """Load the selected case in a worker, then act on it. A key pressed before the first
        rows arrive waits for them (up to 10 s) rather than finding no case."""
        case_id = self.selected_case_id()
        if case_id is None and self.rows_pending() and waited < 200:
            self._screen.set_timer(0.05, partial(self.with_selected_case, then, waited + 1))
            return
        if case_id is None:
            self._screen.notify(_("No case selected."), markup=False)
            return
        run_job(self._screen, partial(self.services.tracker.get, case_id), then)

    def _open(self, dialog: Callable[[Case], Screen[Any]]) -> None:
        """Load the selected case, open ``dialog`` on it; whatever it did, the lists reload."""

        def opened(case: Case) -> None:
            self._screen.app.push_screen(dialog(case), lambda _result: self.services.data_changed())

        self.with_selected_case(opened)

    def action_log_contact(self) -> None:
        from tracker.ui.screens.log_contact import LogContactScreen

        self._open(LogContactScreen)

    def action_verify(self) -> None:
        from tracker.ui.screens.verify import VerifyScreen

        self._open(VerifyScreen)

    def action_edit(self) -> None:
        from tracker.ui.screens.case_form import CaseFormScreen

        self._open(CaseFormScreen)

    def _confirm_undoable(
        self,
        question: str,
        detail: str,
        yes: str,
        act: Callable[[int], object],
        done: str,
        after: Callable[[], None] | None = None,
    ) -> None:
        """Ask, do it, and say in the notification that follows that the undo key takes it back.

        ``question`` and ``done`` are formatted with the case's ``id`` (and ``provider``
        for the question).
        """
        from tracker.ui.screens.confirm import ConfirmScreen

        def ask(case: Case) -> None:
            case_id = case.id
            assert case_id is not None

            def acted(_result: object) -> None:
                if after is not None:
                    after()
                self.services.data_changed()
                self.services.offer_undo(done.format(id=case_id))

            def confirmed(answer: bool | None) -> None:
                if answer:
                    run_job(self._screen.app, partial(act, case_id), acted)

            self._screen.app.push_screen(
                ConfirmScreen(question.format(id=case_id, provider=headline(case.provider)), detail, yes),
                confirmed,
            )

        self.with_selected_case(ask)

    def action_withdraw(self) -> None:
        tracker = self.services.tracker
        self._confirm_undoable(
            _("Withdraw case {id} ({provider})?"),
            _("It stops being followed up; its history is kept."),
            _("Withdraw"),
            tracker.cases.withdraw,
            _("Case {id} withdrawn."),
        )

    def action_delete(self) -> None:
        tracker = self.services.tracker
        self._confirm_undoable(
            _("Delete case {id} ({provider})?"),
            _("It moves to the trash and can be restored."),
            _("Delete"),
            tracker.cases.delete,
            _("Case {id} moved to the trash."),
            after=self.after_delete,
        )

    def after_delete(self) -> None:
        """Called once the selected case went to the trash."""

    def action_export(self) -> None:
        case_id = self.selected_case_id()
        if case_id is None:
            self._screen.notify(_("No case selected."), markup=False)
            return
        exports.write_dossier(self._screen, case_id)
