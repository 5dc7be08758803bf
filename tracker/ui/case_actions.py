"""Actions on one case, shared by the Cases, Follow-ups and Case screens.

A screen that mixes this in provides ``selected_case_id()``; the actions load the
case off the event loop, open the right dialog and write through ``Tracker``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from tracker.display import headline
from tracker.domain.model import Case
from tracker.ui.widgets.case_table import CaseTable

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


class CaseActions:
    """Mixin for screens that act on a selected case."""

    def selected_case_id(self) -> int | None:
        raise NotImplementedError

    def on_case_table_highlighted(self, message: CaseTable.Highlighted) -> None:
        self.tracker_app.prefetch(message.case_id)

    @property
    def tracker_app(self) -> TrackerApp:
        return cast("TrackerApp", cast("Screen[object]", self).app)

    async def _selected_case(self) -> Case | None:
        case_id = self.selected_case_id()
        if case_id is None:
            self.tracker_app.notify("No case selected.", markup=False)
            return None
        app = self.tracker_app
        return await app.attempt(app.tracker.get, case_id)

    async def action_log_contact(self) -> None:
        from tracker.ui.screens.log_contact import LogContactScreen

        case = await self._selected_case()
        if case is None:
            return
        app = self.tracker_app
        playbook = app.tracker.playbooks.for_case(case.playbook)
        default_next = playbook.next_follow_up(app.tracker.today(), app.tracker.calendar(playbook))

        async def save(form: object) -> None:
            if form is None:
                return
            app.data_changed()

        app.push_screen(LogContactScreen(case, default_next), save)

    async def action_verify(self) -> None:
        from tracker.ui.screens.verify import VerifyScreen

        case = await self._selected_case()
        if case is None:
            return
        app = self.tracker_app

        def done(verified: bool | None) -> None:
            app.data_changed()
            if verified:
                app.notify(f"Case {case.id} verified: {headline(case.provider)}.", markup=False)

        app.push_screen(VerifyScreen(case), done)

    async def action_edit(self) -> None:
        from tracker.ui.screens.case_form import CaseFormScreen

        case = await self._selected_case()
        if case is None:
            return
        app = self.tracker_app

        def done(saved: Case | None) -> None:
            if saved is not None:
                app.notify(f"Case {saved.id} saved.", markup=False)
                app.data_changed()

        app.push_screen(CaseFormScreen(case), done)

    async def _confirm_undoable(
        self,
        verb: str,
        detail: str,
        act: Callable[[int], object],
        undo: Callable[[int], object],
        done: str,
        after: Callable[[], None] | None = None,
    ) -> None:
        """Ask, do it, and offer undo in the notification that follows."""
        from tracker.ui.screens.confirm import ConfirmScreen

        case = await self._selected_case()
        if case is None or case.id is None:
            return
        app = self.tracker_app
        case_id = case.id

        async def confirmed(yes: bool | None) -> None:
            if not yes or await app.attempt(act, case_id) is None:
                return
            if after is not None:
                after()
            app.data_changed()
            app.offer_undo(f"Case {case_id} {done}.", f"{verb.lower()} case {case_id}", lambda: undo(case_id))

        app.push_screen(
            ConfirmScreen(f"{verb} case {case_id} ({headline(case.provider)})?", detail, verb), confirmed
        )

    async def action_withdraw(self) -> None:
        tracker = self.tracker_app.tracker
        await self._confirm_undoable(
            "Withdraw",
            "It stops being followed up; its history is kept.",
            tracker.withdraw,
            tracker.reopen,
            "withdrawn",
        )

    async def action_delete(self) -> None:
        tracker = self.tracker_app.tracker
        await self._confirm_undoable(
            "Delete",
            "It moves to the trash and can be restored.",
            tracker.delete,
            tracker.restore,
            "moved to the trash",
            after=self.after_delete,
        )

    def after_delete(self) -> None:
        """Called once the selected case went to the trash."""

    async def action_export(self) -> None:
        case = await self._selected_case()
        if case is None:
            return
        app = self.tracker_app
        from tracker.ui.commands import write_dossier_for

        await write_dossier_for(app, case)
