"""What every service behind the door shares: the database, the config, the playbooks,
the clock, the rules a case follows, and the one unit of work that writes a case.

Each action reads the case inside a write transaction, applies a domain rule and
writes back what changed, in that same transaction: a writer in another window
or process is either done before it starts or waits until it ends, so nothing
one does can undo the other.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tracker import paths
from tracker.clock import Clock
from tracker.config import Config
from tracker.domain.businessdays import BusinessCalendar, HolidaySource
from tracker.domain.limits import check_case_dates
from tracker.domain.model import Case
from tracker.domain.playbooks import Playbook, PlaybookRegistry

if TYPE_CHECKING:
    from tracker.domain.caserules import CaseRules
    from tracker.domain.rules import RuleBook
    from tracker.store import Target
    from tracker.store.base import Store
    from tracker.store.transaction import Transaction

T = TypeVar("T")


class Context:
    """The database (opened on first use, or by :meth:`open_store`), the config, the
    playbooks and the clock, with the rules and the unit of work built on them."""

    def __init__(self, target: Target, config: Config, playbooks: PlaybookRegistry, clock: Clock) -> None:
        self.target = target
        self.config = config
        self.playbooks = playbooks
        self.clock = clock
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._holidays: HolidaySource | None = None
        self._rulebooks: dict[str, RuleBook] = {}
        #: Where the copy made before a migration went, when opening migrated the database.
        self.backup_made: str | None = None
        #: The undo log's ids of the changes made through this door, oldest first (the TUI's ctrl+z).
        self.own_changes: list[int] = []

    def open_store(self, create: bool = True) -> Store:
        """Open the database now (creating or migrating it as needed)."""
        with self._lock:
            if self._store is None:
                from tracker.store import open_store

                default = self.target.path is not None and self.target.path == paths.default_database()
                opened = open_store(self.target, create=create, create_parent=default, now=self.local_now())
                self._store, self.backup_made = opened.store, opened.backup_made
            return self._store

    @property
    def store(self) -> Store:
        return self._store or self.open_store()

    @property
    def path(self) -> Path | None:
        """The database file (SQLite), None for a database server."""
        return self.target.path

    @property
    def location(self) -> str:
        """Where the data is, for people: a file, or a server URL without its password."""
        return self.target.shown

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    # -- dates -------------------------------------------------------------

    def today(self) -> date:
        return self.clock.today()

    def now(self) -> datetime:
        return self.clock.now()

    def local_now(self) -> datetime:
        """Now, in local time (file names, times shown to people)."""
        return self.clock.local(self.clock.now())

    def local_day(self, moment: datetime) -> date:
        """The user's calendar day of a stored (UTC) timestamp."""
        return self.clock.local(moment).date()

    # -- the rules of law a case follows -----------------------------------

    def calendar(self, playbook: Playbook) -> BusinessCalendar:
        if self._holidays is None:
            from tracker.caches.holidays import CachedHolidays

            self._holidays = CachedHolidays(paths.cache_dir())
        return playbook.calendar(self.config.extra_days_off, self._holidays)

    def rulebook(self, playbook: Playbook) -> RuleBook | None:
        """The playbook's rule book with the norm dates the user set, or None."""
        if playbook.rulebook is None:
            return None
        book = self._rulebooks.get(playbook.rulebook)
        if book is None:
            from tracker.caches.rulebooks import cached_rulebook

            book = self._rulebooks[playbook.rulebook] = cached_rulebook(playbook.rulebook, paths.cache_dir())
        return book.with_dates(self.config.norm_dates).with_line(self.config.not_owed_from)

    def rules_for(self, case: Case) -> CaseRules:
        """What ``case`` is measured against: its playbook, calendar and rule book."""
        playbook = self.playbooks.for_case(case.playbook)
        from tracker.domain.caserules import CaseRules

        return CaseRules(playbook, self.calendar(playbook), self.rulebook(playbook), self.local_day)

    # -- the unit of work ----------------------------------------------------

    def read(self, work: Callable[[Transaction], T]) -> T:
        """``work`` in one read transaction."""
        with self.store.read() as tx:
            return work(tx)

    def update(
        self, ref: str | int, change: Callable[[Case], T], include_deleted: bool = False
    ) -> tuple[Case, T]:
        """Apply ``change`` to the case as it is now and write what it changed, in one
        write transaction; returns the saved case and the change's result."""
        with self.store.write() as tx:
            case = tx.get(ref, include_deleted=include_deleted, lock=True)
            before = copy.deepcopy(case)
            result = change(case)
            # The deadline dates kept on the case for lists and flags follow what changed.
            self.refresh_deadline_dates(case)
            check_case_dates(case)  # whatever was worked out stays within the dates tracker keeps
            saved = tx.save(case, before)
            self.made(tx.last_change)
            return saved, result

    def made(self, change: int | None) -> None:
        """Note a change this door wrote (its id in the undo log), for :meth:`Tracker.history`'s own undo."""
        if change is not None:
            self.own_changes.append(change)  # one append: safe from the TUI's worker threads

    def refresh_deadline_dates(self, case: Case) -> None:
        """Bring the deadline dates stored on a case (for lists) up to date with the rules."""
        if not case.stages and not case.charges:
            # Only stages and charges carry the deadlines these dates keep (the test
            # of deadlines.refresh holds it): most writes need not load the rules.
            case.answer_due = case.user_due = case.user_alert_on = None
            return
        from tracker.domain import deadlines

        deadlines.refresh(case, self.rules_for(case))
