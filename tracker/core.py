"""The user's actions as units of work: load a case, apply a domain rule, save it.

The command line and the TUI both go through :class:`Tracker`, so each action has
one implementation. It joins the store, the playbooks, the config and the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from tracker import paths
from tracker.clock import Clock, SystemClock
from tracker.config import Config, load_config
from tracker.domain import workflow
from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.flags import Flag, case_flags, sort_by_urgency
from tracker.domain.model import Case, Channel, CheckState
from tracker.domain.playbooks import Playbook, PlaybookRegistry
from tracker.domain.workflow import CaseDraft, PlannedDates
from tracker.store.database import Database, open_database
from tracker.store.repository import CaseRepository, CaseSummary

T = TypeVar("T")


class Tracker:
    def __init__(self, database: Database, config: Config, playbooks: PlaybookRegistry,
                 clock: Clock) -> None:
        self.database = database
        self.config = config
        self.playbooks = playbooks
        self.clock = clock
        self.cases = CaseRepository(database)

    @classmethod
    def open(cls, target: str | None = None, *, clock: Clock | None = None,
             config_folder: Path | None = None) -> Tracker:
        """Open the database the user chose (``--db``, ``TRACKER_DB`` or the default)."""
        clock = clock or SystemClock()
        config = load_config(config_folder or paths.config_dir())
        playbooks = PlaybookRegistry.load(config.playbook_folder)
        chosen = paths.database_target(target)
        database = open_database(
            chosen, create_parent=chosen == str(paths.default_database()), now=clock.now()
        )
        return cls(database, config, playbooks, clock)

    def close(self) -> None:
        self.database.close()

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

    def flags(self, case: Case) -> list[Flag]:
        return case_flags(case, self.today())

    # -- actions -----------------------------------------------------------

    def add_case(self, draft: CaseDraft) -> Case:
        playbook = self.playbooks.get(draft.playbook)
        case = workflow.open_case(draft, playbook, self.calendar(playbook), self.now(),
                                  self.today())
        return self.cases.add(case)

    def update(self, ref: str | int, change: Callable[[Case], T]) -> tuple[Case, T]:
        """Load a case, apply ``change`` to it, save it; returns the saved case and the result."""
        case = self.cases.get(ref)
        result = change(case)
        return self.cases.save(case), result

    def edit_case(self, ref: str | int, draft: CaseDraft) -> Case:
        playbook = self.playbooks.get(draft.playbook)
        return self.update(ref, lambda case: workflow.edit_case(
            case, draft, playbook, self.calendar(playbook), self.now(), self.today()))[0]

    def log_contact(self, ref: str | int, summary: str, *, channel: Channel = Channel.PHONE,
                    ticket: str = "", agent: str = "", next_follow_up: date | None = None,
                    confirmed: bool = False) -> Case:
        def change(case: Case) -> None:
            playbook = self.playbooks.for_case(case.playbook)
            workflow.log_contact(
                case, summary, playbook, self.calendar(playbook), self.now(), self.today(),
                channel=channel, ticket=ticket, agent=agent, next_follow_up=next_follow_up,
                confirmed=confirmed,
            )

        return self.update(ref, change)[0]

    def set_check(self, ref: str | int, name: str, state: CheckState, note: str = "") -> Case:
        return self.update(ref, lambda case: workflow.set_check(
            case, name, state, self.now(), self.today(), note))[0]

    def add_check(self, ref: str | int, name: str, required: bool = False) -> Case:
        return self.update(ref, lambda case: workflow.add_check(case, name, self.now(),
                                                                required))[0]

    def verify(self, ref: str | int) -> Case:
        return self.update(ref, lambda case: workflow.verify(
            case, self.playbooks.for_case(case.playbook), self.now(), self.today()))[0]

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
        from tracker.store.listing import CaseListing
        from tracker.store.loader import load_cases

        ids = CaseListing(self.database).ordered_ids(self.today(), include_closed)
        with self.database.engine.connect() as connection:
            return load_cases(connection, ids)

    def due_summaries(self, within_days: int = 0) -> list[CaseSummary]:
        """Like :meth:`due_cases`, as summary rows (no checks or timeline): the fast path."""
        from tracker.store.listing import CaseListing

        listing = CaseListing(self.database)
        ids = listing.due_ids(self.today(), within_days)
        rows = listing.summaries(ids)
        return [rows[i] for i in ids if i in rows]

    def due_cases(self, within_days: int = 0) -> list[Case]:
        """Follow-ups overdue or due within the next ``within_days`` days, most urgent first.

        Its cost follows the number of cases due, not the size of the table.
        """
        from datetime import timedelta

        from tracker.store.loader import due_ids, load_cases
        from tracker.store.repository import FOLLOW_UP_STATUSES

        horizon = self.today() + timedelta(days=within_days)
        with self.database.engine.connect() as connection:
            cases = load_cases(connection, due_ids(connection, horizon, FOLLOW_UP_STATUSES))
        return sort_by_urgency(cases, self.today())
