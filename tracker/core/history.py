"""The undo log behind the door (``tracker.history``): take back a change, several levels,
and list what can be taken back. The store keeps the log (:mod:`tracker.store.undo_log`),
written in the same transaction as each change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.core.context import Context
from tracker.domain.changes import LoggedChange

if TYPE_CHECKING:
    from tracker.store.transaction import Transaction


class History:
    """Undo and the list of changes that can be undone."""

    def __init__(self, context: Context) -> None:
        self._context = context

    def undo(
        self, ref: str | int | None = None, *, change: int | None = None, own: bool = False
    ) -> tuple[LoggedChange, LoggedChange]:
        """Take back one change: ``change``, or the newest on case ``ref``, or with ``own`` the
        newest this door made that is not undone yet, or else the newest of all. Refused,
        changing nothing, when a later change wrote the same fields. Returns the change
        undone and the undo, as the log keeps them."""
        ctx = self._context
        with ctx.store.write() as tx:
            case_id = tx.find_id(ref, include_deleted=True) if ref is not None else None
            if own and change is None:
                mine = ctx.own_changes[-1000:]
                open_ones = tx.open_changes(mine)
                change = next((c for c in reversed(mine) if c in open_ones), None)
            return tx.undo(ctx.now(), change_id=change, case_id=case_id)

    def changes(
        self, ref: str | int | None = None, *, limit: int = 20, everything: bool = False
    ) -> list[LoggedChange]:
        """The newest changes that can be undone (on case ``ref``), newest first; with
        ``everything`` the whole log, undone changes and undos too."""

        def read(tx: Transaction) -> list[LoggedChange]:
            case_id = tx.find_id(ref, include_deleted=True) if ref is not None else None
            return tx.changes(case_id, limit, everything)

        return self._context.read(read)
