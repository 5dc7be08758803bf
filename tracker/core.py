"""The user's actions as units of work: load a case, apply a domain rule, save it.

The command line and the TUI both go through :class:`Tracker`, so each action has
one implementation. It joins the store, the playbooks, the config and the clock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tracker import paths
from tracker.clock import Clock, SystemClock
from tracker.config import Config, load_config
from tracker.domain import workflow
from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.errors import InvalidInput
from tracker.domain.model import Case, Channel, CheckState
from tracker.domain.playbooks import Playbook, PlaybookRegistry
from tracker.domain.workflow import CaseDraft, PlannedDates

if TYPE_CHECKING:
    from tracker.store.database import Database
    from tracker.store.listing import CaseListing, CaseSummary
    from tracker.store.repository import CaseRepository

T = TypeVar("T")


class Tracker:
    """The database, the config, the playbooks and the clock, behind one set of actions.

    The SQLAlchemy side of the store is opened on first use, so that a screen can
    be painted from the plain-SQL :attr:`listing` before SQLAlchemy has loaded.
    """

    def __init__(
        self,
        target: str,
        config: Config,
        playbooks: PlaybookRegistry,
        clock: Clock,
        database: Database | None = None,
    ) -> None:
        self.target = target
        self.config = config
        self.playbooks = playbooks
        self.clock = clock
        self._database = database
        self._cases: CaseRepository | None = None
        self._listing: CaseListing | None = None
        self._lock = threading.Lock()

    @classmethod
    def open(
        cls,
        target: str | None = None,
        *,
        clock: Clock | None = None,
        config_folder: Path | None = None,
        lazy: bool = False,
        defer: bool = False,
    ) -> Tracker:
        """Open the database the user chose (``--db``, ``TRACKER_DB`` or the default).

        With ``lazy``, a file that is already a tracker database at the current
        schema is only checked now; SQLAlchemy opens it on first use. Anything
        else (a new file, a migration, a problem to report) is dealt with at once.
        With ``defer`` nothing is opened, created or checked until first use: for
        commands that validate what the user typed before touching the database.
        """
        clock = clock or SystemClock()
        config = load_config(config_folder or paths.config_dir())
        playbooks = PlaybookRegistry.load(config.playbook_folder)
        chosen = paths.database_target(target)
        from tracker.store.location import resolve

        if resolve(chosen).path is None:
            raise InvalidInput(
                f"{chosen}: an in-memory database forgets everything when tracker exits; give a file path"
            )
        tracker = cls(chosen, config, playbooks, clock)
        if defer:
            return tracker
        if not (lazy and tracker._ready_without_opening()):
            tracker._open_database()
        return tracker

    def _ready_without_opening(self) -> bool:
        from tracker.store.location import quick_revision, resolve
        from tracker.store.migrate import SCHEMA_HEAD

        path = resolve(self.target).path
        return path is not None and quick_revision(path) == SCHEMA_HEAD

    def _open_database(self) -> Database:
        with self._lock:
            if self._database is None:
                from tracker.store.database import open_database

                self._database = open_database(
                    self.target,
                    create_parent=self.target == str(paths.default_database()),
                    now=self.clock.local(self.clock.now()),
                )
            return self._database

    @property
    def store_open(self) -> bool:
        """Whether SQLAlchemy's side of the store has been opened yet."""
        return self._database is not None

    @property
    def database(self) -> Database:
        return self._database or self._open_database()

    @property
    def cases(self) -> CaseRepository:
        if self._cases is None:
            from tracker.store.repository import CaseRepository

            self._cases = CaseRepository(self.database)
        return self._cases

    @property
    def path(self) -> Path | None:
        from tracker.store.location import resolve

        return resolve(self.target).path

    @property
    def listing(self) -> CaseListing:
        """Plain-SQL list queries (ids in urgency order, summaries, counts)."""
        if self._listing is None:
            from tracker.store.listing import CaseListing

            if self.path is None:
                raise ValueError("lists need a database file")
            self._listing = CaseListing(self.path)
        return self._listing

    def close(self) -> None:
        if self._listing is not None:
            self._listing.close()
        if self._database is not None:
            self._database.close()

    # -- dates -------------------------------------------------------------

    def today(self) -> date:
        return self.clock.today()

    def now(self) -> datetime:
        return self.clock.now()

    def calendar(self, playbook: Playbook) -> BusinessCalendar:
        return playbook.calendar(self.config.extra_days_off)

    def plan(self, draft: CaseDraft) -> PlannedDates:
        """The promised date and first follow-up a draft would get (for live previews)."""
        playbook = self.playbooks.get(draft.playbook)
        return workflow.plan_dates(draft, playbook, self.calendar(playbook), self.today())

    # -- actions -----------------------------------------------------------

    def add_case(self, draft: CaseDraft) -> Case:
        playbook = self.playbooks.get(draft.playbook)
        case = workflow.open_case(draft, playbook, self.calendar(playbook), self.now(), self.today())
        return self.cases.add(case)

    def update(self, ref: str | int, change: Callable[[Case], T]) -> tuple[Case, T]:
        """Load a case, apply ``change`` to it, save it; returns the saved case and the result."""
        case = self.cases.get(ref)
        result = change(case)
        return self.cases.save(case), result

    def edit_case(self, ref: str | int, draft: CaseDraft) -> Case:
        playbook = self.playbooks.get(draft.playbook)
        return self.update(
            ref,
            lambda case: workflow.edit_case(
                case, draft, playbook, self.calendar(playbook), self.now(), self.today()
            ),
        )[0]

    def log_contact(
        self,
        ref: str | int,
        summary: str,
        *,
        channel: Channel = Channel.PHONE,
        ticket: str = "",
        agent: str = "",
        next_follow_up: date | None = None,
        confirmed: bool = False,
    ) -> Case:
        def change(case: Case) -> None:
            playbook = self.playbooks.for_case(case.playbook)
            workflow.log_contact(
                case,
                summary,
                playbook,
                self.calendar(playbook),
                self.now(),
                self.today(),
                channel=channel,
                ticket=ticket,
                agent=agent,
                next_follow_up=next_follow_up,
                confirmed=confirmed,
            )

        return self.update(ref, change)[0]

    def set_check(self, ref: str | int, name: str, state: CheckState, note: str = "") -> Case:
        return self.update(
            ref, lambda case: workflow.set_check(case, name, state, self.now(), self.today(), note)
        )[0]

    def add_check(self, ref: str | int, name: str, required: bool = False) -> Case:
        return self.update(ref, lambda case: workflow.add_check(case, name, self.now(), required))[0]

    def verify(self, ref: str | int) -> Case:
        return self.update(
            ref,
            lambda case: workflow.verify(
                case, self.playbooks.for_case(case.playbook), self.now(), self.today()
            ),
        )[0]

    def withdraw(self, ref: str | int, reason: str = "") -> Case:
        return self.update(ref, lambda case: workflow.withdraw(case, self.now(), reason))[0]

    def reopen(self, ref: str | int) -> Case:
        return self.update(ref, lambda case: workflow.reopen(case, self.now(), self.today()))[0]

    def delete(self, ref: str | int) -> Case:
        return self.cases.delete(ref, self.now())

    def restore(self, ref: str | int) -> Case:
        return self.cases.restore(ref)

    # -- queries -----------------------------------------------------------

    def open_cases(self, include_closed: bool = False) -> list[Case]:
        """Live cases, most urgent first (closed ones only when asked); no timelines."""
        return self.cases.in_order(self.listing.ordered_ids(self.today(), include_closed))

    def due_summaries(self, within_days: int = 0) -> list[CaseSummary]:
        """Like :meth:`due_cases`, as summary rows (no checks or timeline): the fast path."""
        return self.listing.due_summaries(self.today(), within_days)

    def due_cases(self, within_days: int = 0) -> list[Case]:
        """Follow-ups overdue or due within the next ``within_days`` days, most urgent first.

        Its cost follows the number of cases due, not the size of the table.
        """
        return self.cases.in_order(self.listing.due_ids(self.today(), within_days))
