"""The one door to the data for the CLI, the TUI, exports and reminders: :class:`Tracker`.

It opens the database and holds what every action shares (:class:`~tracker.core.context.Context`);
what reads lists lives here, and the actions live in a few services it exposes, each
built on first use so that a command loads only the ones it calls:
``tracker.cases`` (:mod:`tracker.core.cases`), ``tracker.escalation``
(:mod:`tracker.core.escalation`), ``tracker.evidence`` (:mod:`tracker.core.evidence`),
``tracker.exchange`` (:mod:`tracker.core.exchange`) and ``tracker.history``
(:mod:`tracker.core.history`, the undo log). Nothing above the core
imports the store.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tracker import paths
from tracker.clock import Clock, SystemClock
from tracker.config import Config, Holder, load_config
from tracker.core.context import Context
from tracker.domain.errors import InvalidInput, StoreError
from tracker.domain.model import Case
from tracker.domain.playbooks import PlaybookRegistry
from tracker.domain.search import Ordered
from tracker.domain.summary import CaseSummary, ListStats
from tracker.records import record

if TYPE_CHECKING:
    from tracker.core.cases import Cases
    from tracker.core.escalation import Escalation
    from tracker.core.evidence import Evidence
    from tracker.core.exchange import Exchange
    from tracker.core.history import History
    from tracker.domain.reminders import Reminder
    from tracker.domain.suspension import YearOverrun
    from tracker.live_files import LiveFiles
    from tracker.store import Target
    from tracker.store.blobs import Carried
    from tracker.store.copy import Copied
    from tracker.store.transaction import Transaction


@record(frozen=True)
class BackedUp:
    """Where a backup went, and what became of the attached files."""

    #: The copy of the database (and, for a server, how to restore it).
    written: str
    #: The attached files carried beside the copy; None when they were left where they are.
    files: Carried | None
    #: The attachments folder of the database that was backed up.
    folder: Path
    #: Whether the cases hold any attached file at all.
    attached: bool = True


@record(frozen=True)
class Changes:
    """The answer to :meth:`Tracker.poll_changes`."""

    #: Someone committed a change (or the database is back): reload what is shown.
    changed: bool
    #: The database just became unreachable: why, in one line (given once, not at every poll).
    lost: str | None = None
    #: The database is reachable again after being lost.
    back: bool = False


# Cases a streaming read holds at once: one query per table per batch, little memory.
_BATCH = 500


def _in_batches(tx: Transaction, ids: Sequence[int], timeline: bool) -> Iterator[Case]:
    for start in range(0, len(ids), _BATCH):
        yield from tx.load(ids[start : start + _BATCH], timeline=timeline)


class Tracker(Context):
    """The database, the config, the playbooks and the clock, behind one set of actions.

    The database is opened on first use (or by :meth:`open_store`), so a command
    can check what the user typed before any file is created.
    """

    def __init__(self, target: Target, config: Config, playbooks: PlaybookRegistry, clock: Clock) -> None:
        super().__init__(target, config, playbooks, clock)
        # What poll_changes saw last: the change token, and why the database was unreachable.
        self._token: object = None
        self._lost: str | None = None

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

    # -- the services, each loaded on first use --------------------------------

    @cached_property
    def cases(self) -> Cases:
        """A case's own life: add, edit, log_contact, set_check, verify, withdraw, delete..."""
        from tracker.core.cases import Cases

        return Cases(self)

    @cached_property
    def escalation(self) -> Escalation:
        """Past the deadline: file and answer stages, charges, the user's own deadlines."""
        from tracker.core.escalation import Escalation

        return Escalation(self)

    @cached_property
    def evidence(self) -> Evidence:
        """Files attached to cases."""
        from tracker.core.evidence import Evidence

        return Evidence(self)

    @cached_property
    def history(self) -> History:
        """The undo log: undo a change, list the changes that can be undone."""
        from tracker.core.history import History

        return History(self)

    @cached_property
    def exchange(self) -> Exchange:
        """Cases from another copy merged in."""
        from tracker.core.exchange import Exchange

        return Exchange(self)

    # -- settings ------------------------------------------------------------

    def set_holder(self, values: Mapping[str, str]) -> Holder:
        """Write the holder's data (``[me]`` keys) into config.toml; the letters use it from now on."""
        from tracker.config.holder import set_holder

        self.config.me = set_holder(self.config.folder or paths.config_dir(), values)
        return self.config.me

    # -- reading -------------------------------------------------------------

    def get(self, ref: str | int, include_deleted: bool = False) -> Case:
        """One whole case, by number or UUID."""
        return self.read(lambda tx: tx.get(ref, include_deleted=include_deleted))

    def trash(self) -> list[Case]:
        return self.read(lambda tx: tx.trash())

    def open_cases(self, include_closed: bool = False) -> list[Case]:
        """Live cases, most urgent first (closed ones only when asked); no timelines."""
        today = self.today()
        return self.read(lambda tx: tx.load(tx.ordered_ids(today, include_closed), timeline=False))

    def each_open_case(self, include_closed: bool = False, timeline: bool = False) -> Iterator[Case]:
        """Like :meth:`open_cases`, a batch at a time from one read snapshot: what a
        command streams (``list --json``) holds one batch, never every case."""
        today = self.today()
        with self.store.read() as tx:
            yield from _in_batches(tx, tx.ordered_ids(today, include_closed), timeline)

    def each_due_case(self, within_days: int = 0) -> Iterator[Case]:
        """Like :meth:`due_cases`, a batch at a time from one read snapshot."""
        today = self.today()
        with self.store.read() as tx:
            yield from _in_batches(tx, tx.due_ids(today, within_days), timeline=True)

    def each_open_summary(self, include_closed: bool = False) -> Iterator[CaseSummary]:
        """Like :meth:`open_summaries`, a row at a time from one read snapshot (``list``)."""
        today = self.today()
        with self.store.read() as tx:
            yield from tx.each_ordered_summary(today, include_closed)

    def open_summaries(self, include_closed: bool = False) -> list[CaseSummary]:
        """Like :meth:`open_cases`, as summary rows (no checks or timeline): the fast path."""
        today = self.today()
        return self.read(lambda tx: tx.ordered_summaries(today, include_closed))

    def each_due_summary(self, within_days: int = 0) -> Iterator[CaseSummary]:
        """Like :meth:`due_summaries`, a row at a time from one read snapshot (``due``)."""
        today = self.today()
        with self.store.read() as tx:
            yield from tx.each_due_summary(today, within_days)

    def due_summaries(self, within_days: int = 0) -> list[CaseSummary]:
        """Like :meth:`due_cases`, as summary rows (no checks or timeline): the fast path."""
        today = self.today()
        return self.read(lambda tx: tx.due_summaries(today, within_days))

    def your_deadline_summaries(self) -> list[CaseSummary]:
        """Cases with a deadline of the user's own close or missed (YOUR DEADLINE), soonest first."""
        today = self.today()
        return self.read(lambda tx: tx.your_deadline_summaries(today))

    def due_cases(self, within_days: int = 0) -> list[Case]:
        """Follow-ups overdue or due within the next ``within_days`` days, most urgent first.

        Its cost follows the number of cases due, not the size of the table.
        """
        today = self.today()
        return self.read(lambda tx: tx.load(tx.due_ids(today, within_days)))

    def reminders(self) -> list[Reminder]:
        """What `tracker notify` announces today: follow-ups overdue or due today.

        The user's own deadlines (the stages work) join here as reminders of kind
        ``DEADLINE``; everything that reminds reads through this one method.
        """
        from tracker.domain.deadlines import ALERT_BUSINESS_DAYS
        from tracker.domain.reminders import Reminder, ReminderKind, follow_up_reminder

        today = self.today()
        found: list[Reminder] = []
        for case, deadline in self.escalation.user_deadlines():
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
        return self.read(lambda tx: tx.ordered_ids(today, include_closed, text, limit))

    def first_ids(self, count: int) -> array[int] | None:
        """The ``count`` most urgent cases when that many are due (cheap at any size), else None."""
        today = self.today()
        return self.read(lambda tx: tx.first_ids(today, count))

    def due_ids(self, within_days: int) -> array[int]:
        today = self.today()
        return self.read(lambda tx: tx.due_ids(today, within_days))

    def summaries(self, ids: Iterable[int]) -> dict[int, CaseSummary]:
        return self.read(lambda tx: tx.summaries(ids))

    def last_contacts(self, ids: Iterable[int]) -> dict[int, str]:
        return self.read(lambda tx: tx.last_contacts(ids))

    def stats(self) -> ListStats:
        today = self.today()
        return self.read(lambda tx: tx.stats(today))

    def ordered_texts(self, include_closed: bool = False) -> Ordered:
        """:meth:`ordered_ids` with each case's search text beside it, for the filter."""
        today = self.today()
        return self.read(lambda tx: tx.ordered_texts(today, include_closed))

    def search_ids(self, text: str) -> set[int] | None:
        """Ids of the cases whose text holds ``text``, from the database's index (None: too short)."""
        return self.read(lambda tx: tx.search_ids(text))

    def all_cases(self, include_deleted: bool = True) -> Iterator[Case]:
        """Every case in number order, from one consistent snapshot (exports)."""
        with self.store.read() as tx:
            yield from tx.iter_all(include_deleted=include_deleted)

    def suspension_overruns(self, case: Case) -> list[YearOverrun]:
        """The years in which this suspension and the same line's others pass the yearly
        maximum (a warning: the law leaves the year's reckoning open)."""
        from tracker.domain.suspension import yearly_overruns

        playbook = self.playbooks.for_case(case.playbook)
        book = self.rulebook(playbook)
        if book is None or case.ends_on is None:
            return []
        others = (other for other in self.all_cases(include_deleted=False) if other.id != case.id)
        return yearly_overruns(case, others, book, self.calendar(playbook))

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

    # -- the database itself -----------------------------------------------------

    def live_files(self) -> LiveFiles:
        """What no output may be written over: the database, its companions, the attachments."""
        from tracker.live_files import live_files

        return live_files(self.path, self.evidence.blobs.folder)

    def backup(
        self, destination: Path | None = None, progress: Callable[[int, int], None] | None = None
    ) -> BackedUp:
        """A safe copy of the database while in use, and its evidence: the attached files
        go to ``attachments/`` beside the copy (where its ``db check`` and bundles look),
        checked against their SHA-256 on the way; ``progress`` counts them."""
        if destination is not None:
            from tracker.live_files import refuse_live

            refuse_live(destination, self.live_files())
        written = self.store.backup(destination, self.local_now())
        folder = self.evidence.blobs.folder
        if not self.evidence.any_attached():
            return BackedUp(written, None, folder, attached=False)
        if destination is None and self.path is None:
            # A server's default backup goes to the backups folder; its evidence stays where it is.
            return BackedUp(written, None, folder)
        beside = destination if destination is not None else Path(written)
        from tracker.live_files import same_file
        from tracker.store.blobs import BlobStore, attachments_folder

        into = attachments_folder(beside)
        if same_file(into, folder):
            return BackedUp(written, None, folder)  # beside the database: one folder for both
        return BackedUp(written, self.evidence.carry_to(BlobStore(into), progress), folder)

    def check_database(
        self, progress: Callable[[int, int], None] | None = None
    ) -> tuple[list[str], list[str]]:
        """What is wrong with the database (empty when it is sound) and notes, found
        without creating, changing or migrating anything (beyond sweeping the partial
        copies a killed ``attach`` left). Every stored file is read and checked
        against its SHA-256: ``progress(done, total)`` counts them."""
        from tracker.store import check_target

        problems, notes = check_target(self.target)
        if problems:
            return problems, notes
        if notes:
            # Not at the newest schema: reading its cases would upgrade it, which a check never does.
            from tracker.i18n import _

            return problems, [*notes, _("attached files are checked once the database is upgraded")]
        found, more = self.evidence.check(progress)
        return problems + found, notes + more

    def schema_revision(self) -> str | None:
        return self.store.revision()

    def copy_to(self, destination: str, progress: Callable[[int, int], None] | None = None) -> Copied:
        """Copy every case (the trash included, same numbers and UUIDs) into another database,
        of either backend, which must hold no case; made there first when it is new. The
        attached files go to the copy's attachments folder."""
        from tracker.i18n import _
        from tracker.store import open_store
        from tracker.store.copy import copy_cases
        from tracker.store.location import resolve

        target = resolve(destination)
        if target.path is not None:
            from tracker.live_files import refuse_live, same_file

            if self.target.path is not None and same_file(target.path, self.target.path):
                raise InvalidInput(_("{target} is the database being copied").format(target=target.shown))
            refuse_live(target.path, self.live_files())
        if target.url == self.target.url:
            raise InvalidInput(_("{target} is the database being copied").format(target=target.shown))
        source = self.store
        opened = open_store(target, create=True, now=self.local_now())
        try:
            copied = copy_cases(source, opened.store, progress)
        finally:
            opened.store.close()
        from tracker.store.blobs import BlobStore, attachments_folder

        copied.files = self.evidence.carry_to(BlobStore(attachments_folder(target.path)), progress)
        return copied
