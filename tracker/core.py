"""The user's actions as units of work: one door to the data for the CLI and the TUI.

Each action reads the case inside a write transaction, applies a domain rule and
writes back what changed, in that same transaction: a writer in another window
or process is either done before it starts or waits until it ends, so nothing
one does can undo the other. The command line and the TUI both go through
:class:`Tracker`; neither imports the store.
"""

from __future__ import annotations

import copy
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tracker import paths
from tracker.clock import Clock, SystemClock
from tracker.config import Config, load_config
from tracker.domain.businessdays import BusinessCalendar, HolidaySource
from tracker.domain.errors import InvalidInput, StoreError
from tracker.domain.model import Action, Attachment, Case, Channel, CheckState, Outcome, StageKind, Topic
from tracker.domain.playbooks import Playbook, PlaybookRegistry
from tracker.domain.search import SearchIndex
from tracker.domain.summary import CaseSummary, ListStats
from tracker.i18n import _
from tracker.records import record

if TYPE_CHECKING:
    from decimal import Decimal

    from tracker.domain import charges, deadlines
    from tracker.domain.caserules import CaseRules
    from tracker.domain.changes import LoggedChange
    from tracker.domain.merge import ImportResult
    from tracker.domain.reminders import Reminder
    from tracker.domain.rules import RuleBook
    from tracker.domain.workflow import CaseDraft, PlannedDates
    from tracker.store import Target
    from tracker.store.base import Store
    from tracker.store.blobs import BlobStore
    from tracker.store.copy import Copied
    from tracker.store.transaction import Transaction

T = TypeVar("T")

# The largest case number: what both backends' integer keys hold.
MAX_CASE_ID = 2**63 - 1


@record(frozen=True)
class Changes:
    """The answer to :meth:`Tracker.poll_changes`."""

    #: Someone committed a change (or the database is back): reload what is shown.
    changed: bool
    #: The database just became unreachable: why, in one line (given once, not at every poll).
    lost: str | None = None
    #: The database is reachable again after being lost.
    back: bool = False


class Tracker:
    """The database, the config, the playbooks and the clock, behind one set of actions.

    The database is opened on first use (or by :meth:`open_store`), so a command
    can check what the user typed before any file is created.
    """

    def __init__(self, target: Target, config: Config, playbooks: PlaybookRegistry, clock: Clock) -> None:
        self.target = target
        self.config = config
        self.playbooks = playbooks
        self.clock = clock
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._holidays: HolidaySource | None = None
        self._rulebooks: dict[str, RuleBook] = {}
        # What poll_changes saw last: the change token, and why the database was unreachable.
        self._token: object = None
        self._lost: str | None = None
        #: Where the copy made before a migration went, when opening migrated the database.
        self.backup_made: str | None = None
        # The undo log's ids of the changes made through this Tracker, oldest first (the TUI's ctrl+z).
        self._own_changes: list[int] = []

    @classmethod
    def open(
        cls,
        target: str | None = None,
        *,
        clock: Clock | None = None,
        config_folder: Path | None = None,
        defer: bool = False,
    ) -> Tracker:
        """The tracker on the database the user chose (``--db``, ``TRACKER_DB`` or the default).

        With ``defer`` the database is opened on first use: for commands that check
        what the user typed before touching it.
        """
        from tracker.store.location import resolve

        clock = clock or SystemClock()
        config = load_config(config_folder or paths.config_dir())
        playbooks = PlaybookRegistry.load(config.playbook_folder)
        tracker = cls(resolve(paths.database_target(target)), config, playbooks, clock)
        if not defer:
            tracker.open_store()
        return tracker

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

    def calendar(self, playbook: Playbook) -> BusinessCalendar:
        if self._holidays is None:
            from tracker.holiday_cache import CachedHolidays

            self._holidays = CachedHolidays(paths.cache_dir())
        return playbook.calendar(self.config.extra_days_off, self._holidays)

    def plan(self, draft: CaseDraft) -> PlannedDates:
        """The promised date and first follow-up a draft would get (for live previews)."""
        from tracker.domain import workflow

        playbook = self.playbooks.get(draft.playbook)
        return workflow.plan_dates(
            draft, playbook, self.calendar(playbook), self.today(), self.rulebook(playbook)
        )

    # -- the rules of law a case follows -----------------------------------

    def rulebook(self, playbook: Playbook) -> RuleBook | None:
        """The playbook's rule book with the norm dates the user set, or None."""
        if playbook.rulebook is None:
            return None
        book = self._rulebooks.get(playbook.rulebook)
        if book is None:
            from tracker.rulebook_cache import cached_rulebook

            book = self._rulebooks[playbook.rulebook] = cached_rulebook(playbook.rulebook, paths.cache_dir())
        return book.with_dates(self.config.norm_dates)

    def rules_for(self, case: Case) -> CaseRules:
        """What ``case`` is measured against: its playbook, calendar and rule book."""
        playbook = self.playbooks.for_case(case.playbook)
        from tracker.domain.caserules import CaseRules

        return CaseRules(playbook, self.calendar(playbook), self.rulebook(playbook), self.local_day)

    # -- reading -------------------------------------------------------------

    def _read(self, work: Callable[[Transaction], T]) -> T:
        with self.store.read() as tx:
            return work(tx)

    def get(self, ref: str | int, include_deleted: bool = False) -> Case:
        """One whole case, by number or UUID."""
        return self._read(lambda tx: tx.get(ref, include_deleted=include_deleted))

    def trash(self) -> list[Case]:
        return self._read(lambda tx: tx.trash())

    def open_cases(self, include_closed: bool = False) -> list[Case]:
        """Live cases, most urgent first (closed ones only when asked); no timelines."""
        today = self.today()
        return self._read(lambda tx: tx.load(tx.ordered_ids(today, include_closed), timeline=False))

    def open_summaries(self, include_closed: bool = False) -> list[CaseSummary]:
        """Like :meth:`open_cases`, as summary rows (no checks or timeline): the fast path."""
        today = self.today()
        return self._read(lambda tx: tx.ordered_summaries(today, include_closed))

    def due_summaries(self, within_days: int = 0) -> list[CaseSummary]:
        """Like :meth:`due_cases`, as summary rows (no checks or timeline): the fast path."""
        today = self.today()
        return self._read(lambda tx: tx.due_summaries(today, within_days))

    def your_deadline_summaries(self) -> list[CaseSummary]:
        """Cases with a deadline of the user's own close or missed (YOUR DEADLINE), soonest first."""
        today = self.today()
        return self._read(lambda tx: tx.your_deadline_summaries(today))

    def due_cases(self, within_days: int = 0) -> list[Case]:
        """Follow-ups overdue or due within the next ``within_days`` days, most urgent first.

        Its cost follows the number of cases due, not the size of the table.
        """
        today = self.today()
        return self._read(lambda tx: tx.load(tx.due_ids(today, within_days)))

    def reminders(self) -> list[Reminder]:
        """What `tracker notify` announces today: follow-ups overdue or due today.

        The user's own deadlines (the stages work) join here as reminders of kind
        ``DEADLINE``; everything that reminds reads through this one method.
        """
        from tracker.domain.deadlines import ALERT_BUSINESS_DAYS
        from tracker.domain.reminders import Reminder, ReminderKind, follow_up_reminder

        today = self.today()
        found: list[Reminder] = []
        for case, deadline in self.user_deadlines():
            # As the YOUR DEADLINE flag: from five business days before, while it can be met.
            alert = self.rules_for(case).calendar.add(deadline.due, -ALERT_BUSINESS_DAYS)
            if alert <= today <= deadline.due and case.id is not None:
                found.append(
                    Reminder(
                        ReminderKind.DEADLINE, case.id, case.uuid, case.provider, deadline.due, deadline.what
                    )
                )
        found += [
            follow_up_reminder(s.id, s.uuid, s.provider, s.status, s.next_follow_up, today)
            for s in self.due_summaries()
            if s.next_follow_up is not None
        ]
        return found

    def ordered_ids(
        self, include_closed: bool = False, text: str = "", limit: int | None = None
    ) -> array[int]:
        """Ids of live cases in urgency order, optionally filtered by text."""
        today = self.today()
        return self._read(lambda tx: tx.ordered_ids(today, include_closed, text, limit))

    def first_ids(self, count: int) -> array[int] | None:
        """The ``count`` most urgent cases when that many are due (cheap at any size), else None."""
        today = self.today()
        return self._read(lambda tx: tx.first_ids(today, count))

    def due_ids(self, within_days: int) -> array[int]:
        today = self.today()
        return self._read(lambda tx: tx.due_ids(today, within_days))

    def summaries(self, ids: Iterable[int]) -> dict[int, CaseSummary]:
        return self._read(lambda tx: tx.summaries(ids))

    def last_contacts(self, ids: Iterable[int]) -> dict[int, str]:
        return self._read(lambda tx: tx.last_contacts(ids))

    def stats(self) -> ListStats:
        today = self.today()
        return self._read(lambda tx: tx.stats(today))

    def search_index(self) -> SearchIndex:
        return self._read(lambda tx: tx.search_index())

    def all_cases(self, include_deleted: bool = True) -> Iterator[Case]:
        """Every case in number order, from one consistent snapshot (exports)."""
        with self.store.read() as tx:
            yield from tx.iter_all(include_deleted=include_deleted)

    def change_token(self) -> object:
        """Changes whenever anyone commits a change to the database (for screens to reload)."""
        return self.store.change_token()

    def poll_changes(self) -> Changes:
        """What a screen that polls needs to know since the last poll: reload? was the database
        lost just now (say so once), or is it back? Never raises for an unreachable database."""
        try:
            token = self.store.change_token()
        except StoreError as exc:
            first = self._lost is None
            self._lost = str(exc)
            return Changes(changed=False, lost=self._lost if first else None)
        back = self._lost is not None
        self._lost = None
        changed = self._token is not None and token != self._token
        self._token = token
        return Changes(changed=changed or back, back=back)

    # -- actions -------------------------------------------------------------

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
            saved = tx.save(case, before)
            self._made(tx.last_change)
            return saved, result

    def add_case(self, draft: CaseDraft) -> Case:
        from tracker.domain import workflow

        playbook = self.playbooks.get(draft.playbook)
        if draft.action is Action.SUSPEND and playbook.suspends_with:
            # A suspension gets the suspension's checks and rules, not the cancellation's.
            playbook = self.playbooks.get(playbook.suspends_with)
            draft.playbook = playbook.name
        case = workflow.open_case(
            draft, playbook, self.calendar(playbook), self.now(), self.today(), self.rulebook(playbook)
        )
        with self.store.write() as tx:
            added = tx.add(case)
            self._made(tx.last_change)
            return added

    def add_many(self, cases: Iterable[Case], progress: Callable[[int], None] | None = None) -> int:
        """Store many new cases at once (generated data, benchmarks)."""
        with self.store.write() as tx:
            return tx.add_many(cases, progress=progress)

    def edit_case(self, ref: str | int, draft: CaseDraft, fields: Sequence[str]) -> Case:
        """Write the ``fields`` the user changed (valued from ``draft``) onto the case as it is now."""
        from tracker.domain import workflow

        def change(case: Case) -> list[str]:

            if "playbook" in fields and draft.playbook != case.playbook:
                playbook: Playbook | None = self.playbooks.get(draft.playbook)
            else:
                playbook = self.playbooks.find(case.playbook)
            calendar = self.calendar(playbook) if playbook is not None else None
            book = self.rulebook(playbook) if playbook is not None else None
            return workflow.edit_case(case, draft, fields, playbook, calendar, self.now(), self.today(), book)

        return self.update(ref, change)[0]

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
        from tracker.domain import workflow

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
        from tracker.domain import workflow

        return self.update(
            ref, lambda case: workflow.set_check(case, name, state, self.now(), self.today(), note)
        )[0]

    def add_check(self, ref: str | int, name: str, required: bool = False) -> Case:
        from tracker.domain import workflow

        return self.update(ref, lambda case: workflow.add_check(case, name, self.now(), required))[0]

    def verify(self, ref: str | int) -> Case:
        from tracker.domain import workflow

        return self.update(
            ref,
            lambda case: workflow.verify(
                case, self.playbooks.for_case(case.playbook), self.now(), self.today()
            ),
        )[0]

    def withdraw(self, ref: str | int, reason: str = "") -> Case:
        from tracker.domain import workflow

        return self.update(ref, lambda case: workflow.withdraw(case, self.now(), reason))[0]

    def reopen(self, ref: str | int) -> Case:
        from tracker.domain import workflow

        return self.update(ref, lambda case: workflow.reopen(case, self.now(), self.today()))[0]

    def delete(self, ref: str | int) -> Case:
        """Move a case to the trash; it can be restored."""
        from tracker.domain import workflow

        return self.update(ref, lambda case: workflow.trash(case, self.now()))[0]

    def restore(self, ref: str | int) -> Case:
        from tracker.domain import workflow

        return self.update(ref, lambda case: workflow.restore(case, self.now()), include_deleted=True)[0]

    # -- the undo log ----------------------------------------------------------

    def _made(self, change: int | None) -> None:
        if change is not None:
            self._own_changes.append(change)  # one append: safe from the TUI's worker threads

    def undo(
        self, ref: str | int | None = None, *, change: int | None = None, own: bool = False
    ) -> tuple[LoggedChange, LoggedChange]:
        """Take back one change: ``change``, or the newest on case ``ref``, or with ``own`` the
        newest this Tracker made that is not undone yet, or else the newest of all. Refused,
        changing nothing, when a later change wrote the same rows. Returns the change undone
        and the undo, as the log keeps them."""
        with self.store.write() as tx:
            case_id = tx.find_id(ref, include_deleted=True) if ref is not None else None
            if own and change is None:
                open_ones = tx.open_changes(self._own_changes[-1000:])
                change = next((c for c in reversed(self._own_changes) if c in open_ones), None)
            return tx.undo(self.now(), change_id=change, case_id=case_id)

    def changes(
        self, ref: str | int | None = None, *, limit: int = 20, everything: bool = False
    ) -> list[LoggedChange]:
        """The newest changes that can be undone (on case ``ref``), newest first; with
        ``everything`` the whole log, undone changes and undos too."""

        def read(tx: Transaction) -> list[LoggedChange]:
            case_id = tx.find_id(ref, include_deleted=True) if ref is not None else None
            return tx.changes(case_id, limit, everything)

        return self._read(read)

    # -- the Peruvian path: stages, charges, evidence ------------------------

    def escalate(
        self,
        ref: str | int,
        kind: StageKind,
        filed_on: date,
        *,
        code: str = "",
        topic: Topic | None = None,
        amount: Decimal | None = None,
        channel: Channel | None = None,
        note: str = "",
    ) -> Case:
        """File a reclamo, queja, apelación or OSIPTEL form on a case."""
        from tracker.domain import stages

        return self.update(
            ref,
            lambda case: stages.escalate(
                case,
                kind,
                filed_on,
                self.rules_for(case),
                self.now(),
                self.today(),
                code=code,
                topic=topic,
                amount=amount,
                channel=channel,
                note=note,
            ),
        )[0]

    def answer(
        self,
        ref: str | int,
        on: date,
        outcome: Outcome,
        *,
        kind: StageKind | None = None,
        code: str = "",
        note: str = "",
        issued: date | None = None,
    ) -> Case:
        """Record the answer to the case's latest stage (of ``kind`` when given), notified on
        ``on`` and issued on ``issued`` when known."""
        from tracker.domain import stages

        return self.update(
            ref,
            lambda case: stages.answer(
                case,
                on,
                outcome,
                self.rules_for(case),
                self.now(),
                self.today(),
                kind=kind,
                code=code,
                note=note,
                issued=issued,
            ),
        )[0]

    def add_charge(
        self,
        ref: str | int,
        amount: Decimal,
        currency: str,
        on: date,
        *,
        period: tuple[date, date] | None = None,
        owed: bool | None = None,
        note: str = "",
    ) -> Case:
        from tracker.domain import charges

        return self.update(
            ref,
            lambda case: charges.add_charge(
                case, amount, currency, on, self.now(), self.today(), period=period, owed=owed, note=note
            ),
        )[0]

    def set_charge_owed(self, ref: str | int, number: int, owed: bool | None) -> Case:
        """The user's word on a charge (numbered from 1): owed, not owed, or None for the rules'."""
        from tracker.domain import charges

        return self.update(ref, lambda case: charges.set_charge_owed(case, number, owed, self.now()))[0]

    @property
    def blobs(self) -> BlobStore:
        """Attached files, in ``attachments/`` beside the database."""
        from tracker.store.blobs import BlobStore

        folder = self.path.parent if self.path is not None else paths.data_dir()
        return BlobStore(folder / "attachments")

    def attach(self, ref: str | int, source: Path, note: str = "") -> tuple[Case, Attachment]:
        """Copy a file into the attachments folder and record it on the case."""
        self.get(ref)  # an unknown case is refused before anything is copied
        stored = self.blobs.put(source)
        from tracker.domain import evidence

        return self.update(
            ref, lambda case: evidence.attach(case, source.name, stored.sha256, stored.size, self.now(), note)
        )

    def refresh_deadline_dates(self, case: Case) -> None:
        """Bring the deadline dates stored on a case (for lists) up to date with the rules."""
        if not case.stages and not case.charges:
            # Only stages and charges carry the deadlines these dates keep (the test
            # of deadlines.refresh holds it): most writes need not load the rules.
            case.answer_due = case.user_due = case.user_alert_on = None
            return
        from tracker.domain import deadlines

        deadlines.refresh(case, self.rules_for(case))

    def not_owed_overview(self) -> charges.NotOwedOverview:
        """Money not owed across the live cases: totals by currency and how many cases."""
        cases = self._read(lambda tx: tx.load(tx.ids_with_charges()))
        from tracker.domain import charges

        return charges.overview(charges.not_owed_totals(c, self.rules_for(c)) for c in cases)

    def user_deadlines(self) -> list[tuple[Case, deadlines.Deadline]]:
        """The user's own open deadlines on live cases, soonest first."""
        cases = self._read(lambda tx: tx.load(tx.user_deadline_ids()))
        from tracker.domain import deadlines

        found = [(c, d) for c in cases for d in deadlines.user_deadlines(c, self.rules_for(c))]
        return sorted(found, key=lambda pair: (pair[1].due, pair[0].id or 0))

    # -- imports -----------------------------------------------------------

    def import_cases(
        self,
        cases: Sequence[Case],
        *,
        dry_run: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportResult:
        """Merge cases from another copy (validated already) in one write transaction.

        The plan is made inside the transaction that writes it, so two imports at
        once are merged one after the other, never against a stale picture.
        ``progress(done, total)`` counts cases written.
        """
        from tracker.domain import merge

        with self.store.read() if dry_run else self.store.write() as tx:
            if not dry_run:
                tx.lock_all_cases()
            try:
                result = merge.plan(tx, cases, MAX_CASE_ID)
            except merge.NoFreeNumber:
                raise InvalidInput(
                    _("no case number is free for the new cases: numbers up to {most} are taken").format(
                        most=f"{MAX_CASE_ID:,}"
                    )
                ) from None
            result.dry_run = dry_run
            if dry_run:
                return result
            for case in [*result.added, *(update.case for update in result.updated)]:
                self.refresh_deadline_dates(case)
            total = len(result.added) + len(result.updated)
            for done, update in enumerate(result.updated, start=1):
                tx.replace(update.case)
                if progress is not None and done % 500 == 0:
                    progress(done, total)
            replaced = len(result.updated)
            tx.add_many(
                result.added,
                keep_ids=True,
                progress=None if progress is None else (lambda count: progress(replaced + count, total)),
            )
            return result

    # -- the database itself -----------------------------------------------------

    def backup(self, destination: Path | None = None) -> str:
        """A safe copy of the database while in use; returns where it went."""
        return self.store.backup(destination, self.local_now())

    def check_database(self) -> tuple[list[str], list[str]]:
        """What is wrong with the database (empty when it is sound) and notes, found
        without creating, changing or migrating anything."""
        from tracker.store import check_target

        return check_target(self.target)

    def schema_revision(self) -> str | None:
        return self.store.revision()

    def copy_to(self, destination: str, progress: Callable[[int, int], None] | None = None) -> Copied:
        """Copy every case (the trash included, same numbers and UUIDs) into another database,
        of either backend, which must hold no case; made there first when it is new."""
        from tracker.i18n import _
        from tracker.store import open_store
        from tracker.store.copy import copy_cases
        from tracker.store.location import resolve

        target = resolve(destination)
        same_file = (
            target.path is not None
            and self.target.path is not None
            and (target.path.resolve() == self.target.path.resolve())
        )
        if same_file or target.url == self.target.url:
            raise InvalidInput(_("{target} is the database being copied").format(target=target.shown))
        source = self.store
        opened = open_store(target, create=True, now=self.local_now())
        try:
            return copy_cases(source, opened.store, progress)
        finally:
            opened.store.close()
