"""Merging cases from another copy of the tracker (an import), by UUID, without duplicates.

Which side's fields win is decided by history, not by clocks. Every change the
program makes to a case writes a timeline entry, and the timeline is append-only,
so it is the case's causal record:

- if the incoming copy has no entry the stored case lacks, it has nothing new and
  the stored case keeps its fields (however far ahead the other device's clock is);
- if the stored case has no entry the incoming copy lacks, the incoming copy is
  ahead and its fields are taken;
- if both have entries the other lacks (both sides changed), the side whose latest
  such entry is later wins.

Checks follow the same rule, each on its own (by the entries that name it). Timeline
entries the stored case lacks are woven in after the entry they follow in the copy;
entries are never duplicated and the stored order never changes.

Which entry, check, stage, charge or attachment of the copy is which stored one is
decided by identity: each is given a ``uid`` when it is entered, so two charges of
S/ 79.80 on the same day are two charges. What identity cannot pair (a file older
than identities, or two copies that each gave the same old entry an identity of its
own when they were upgraded) is paired by content, each stored item with at most one
of the copy's: a merge keeps as many look-alikes as the side that has more, never
fewer than either side has.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Hashable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from tracker.domain.model import Attachment, Case, Charge, Check, Stage, TimelineEntry
from tracker.domain.phrases import CheckName, FieldName, Phrase, Quoted
from tracker.i18n import _, ngettext
from tracker.records import field, fields, record, replace

# The fields of a case that come from whichever side wins.
CASE_FIELDS = (
    "provider",
    "service",
    "action",
    "playbook",
    "channel",
    "status",
    "requested_on",
    "ticket",
    "promised_by",
    "next_follow_up",
    "notes",
    "fee_amount",
    "fee_currency",
    "updated_at",
    "deleted_at",
    "effective_on",
    "ends_on",
)


class StoredCases(Protocol):
    """What merging reads of the database (a store transaction provides it)."""

    def ids_for_uuids(self, uuids: Collection[str]) -> dict[str, int]: ...

    def load(self, ids: Sequence[int], timeline: bool = True) -> list[Case]: ...

    def taken_ids(self, ids: Collection[int]) -> set[int]: ...

    def max_id(self) -> int: ...


@record
class CaseUpdate:
    """A stored case the import changes: the merged case and what changed, in words (the
    wording layer's, through :mod:`tracker.domain.phrases`)."""

    case: Case
    changes: list[str]


@record
class ImportResult:
    """What an import added, updated and renumbered (or would, on a dry run): counts, and
    the first :data:`SHOWN` cases of each kind to show; never every case (an import's
    memory does not grow with its file)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    # The first SHOWN cases added (with their numbers here) and updates, in file order.
    shown_added: list[Case] = field(default_factory=list)
    shown_updates: list[CaseUpdate] = field(default_factory=list)
    # New cases whose number was already taken, so they got another one: (old, new).
    renumbered: list[tuple[int, int]] = field(default_factory=list)
    dry_run: bool = False


# How many added cases and updates an ImportResult keeps to be shown.
SHOWN = 50


# What makes two entries look alike: everything but the database id and the identity.
_ENTRY_KEY = tuple(name for name in fields(TimelineEntry) if name not in ("id", "uid"))

Item = TypeVar("Item", TimelineEntry, Check, Stage, Charge, Attachment)


def entry_key(entry: TimelineEntry) -> tuple[object, ...]:
    return tuple(
        tuple(sorted(value.items())) if isinstance(value := getattr(entry, name), dict) else value
        for name in _ENTRY_KEY
    )


def pair(
    stored: Sequence[Item], incoming: Sequence[Item], key: Callable[[Item], Hashable]
) -> list[int | None]:
    """For each incoming item, the index of the stored item it is (None: it is new).

    First by identity. Then what identity left unpaired on both sides (items without
    one, from older files, or items whose identity the other side does not know) by
    content: look-alikes pair one to one, in order, so three look-alikes against two
    pair two and leave one new; a stored item is never paired twice.
    """
    by_uid = {item.uid: index for index, item in enumerate(stored) if item.uid}
    incoming_uids = {item.uid for item in incoming if item.uid}
    partners: list[int | None] = [by_uid.get(item.uid) if item.uid else None for item in incoming]
    free: dict[Hashable, deque[int]] = {}
    for index, item in enumerate(stored):
        if not item.uid or item.uid not in incoming_uids:
            free.setdefault(key(item), deque()).append(index)
    for number, item in enumerate(incoming):
        if partners[number] is None:
            waiting = free.get(key(item))
            if waiting:
                partners[number] = waiting.popleft()
    return partners


def _exclusive_pair(
    stored: list[TimelineEntry], incoming: list[TimelineEntry]
) -> tuple[list[TimelineEntry], list[TimelineEntry], list[int | None]]:
    """The entries only the stored side has, those only the copy has, and the pairing."""
    partners = pair(stored, incoming, entry_key)
    paired = {index for index in partners if index is not None}
    stored_only = [entry for index, entry in enumerate(stored) if index not in paired]
    incoming_only = [entry for entry, partner in zip(incoming, partners, strict=True) if partner is None]
    return stored_only, incoming_only, partners


def incoming_wins(stored_only: list[TimelineEntry], incoming_only: list[TimelineEntry]) -> bool:
    """Whether the incoming side's values replace the stored ones, by what each side has seen."""
    if not incoming_only:
        return False
    if not stored_only:
        return True
    return max(e.at for e in incoming_only) > max(e.at for e in stored_only)


def _check_name(entry: TimelineEntry) -> str | None:
    name = entry.params.get("check") if entry.params else None
    return name.strip().casefold() if name else None


def _merge_checks(
    stored: list[Check],
    incoming: list[Check],
    stored_only: list[TimelineEntry],
    incoming_only: list[TimelineEntry],
) -> tuple[list[Check], list[Phrase]]:
    merged = list(stored)
    changes: list[Phrase] = []
    index = {c.name.strip().casefold(): i for i, c in enumerate(merged)}
    by_uid = {c.uid: i for i, c in enumerate(merged) if c.uid}
    case_winner = incoming_wins(stored_only, incoming_only)
    for check in incoming:
        key = check.name.strip().casefold()
        # A check's name is unique in its case, so a check identity does not pair is paired by name.
        at = by_uid.get(check.uid) if check.uid else None
        if at is None:
            at = index.get(key)
        else:
            key = merged[at].name.strip().casefold()
        if at is None:
            index[key] = len(merged)
            merged.append(replace(check, id=None))
            changes.append(Phrase(_("check {name} added"), name=Quoted(CheckName(check.name))))
            continue
        mine = merged[at]
        theirs_about = [e for e in incoming_only if _check_name(e) == key]
        mine_about = [e for e in stored_only if _check_name(e) == key]
        # Entries that do not name their check (older files) leave it to the case's winner.
        take = incoming_wins(mine_about, theirs_about) if theirs_about or mine_about else case_winner
        same = (check.required, check.state, check.checked_at, check.note) == (
            mine.required,
            mine.state,
            mine.checked_at,
            mine.note,
        )
        if take and not same:
            merged[at] = replace(check, id=mine.id, name=mine.name)
            changes.append(
                Phrase(_("check {name} {state}"), name=Quoted(CheckName(check.name)), state=check.state)
            )
    return merged, changes


def _weave(
    stored: list[TimelineEntry], incoming: list[TimelineEntry], partners: list[int | None]
) -> tuple[list[TimelineEntry], int]:
    """The stored timeline with the incoming copy's missing entries woven in.

    A missing entry goes right after the entry that precedes it in the copy (the
    last one matched or inserted), so a copy that extends the stored timeline
    gives exactly the copy's order.
    """
    head: list[TimelineEntry] = []
    after: list[list[TimelineEntry]] = [[] for _ in stored]
    anchor = -1
    added = 0
    for entry, partner in zip(incoming, partners, strict=True):
        if partner is not None:
            anchor = partner
            continue
        (head if anchor < 0 else after[anchor]).append(replace(entry, id=None))
        added += 1
    if not added:
        return stored, 0
    merged = list(head)
    for entry, following in zip(stored, after, strict=True):
        merged.append(entry)
        merged.extend(following)
    return merged, added


def _stage_key(stage: Stage) -> Hashable:
    return (stage.kind, stage.filed_on, stage.code)


def _charge_key(charge: Charge) -> Hashable:
    return (charge.amount, charge.currency, charge.on, charge.period_start, charge.period_end)


def _charge_lacks(ours: Charge, theirs: Charge) -> dict[str, Any]:
    """What the copy's charge has that the stored one lacks: its period, receipt, due date
    (given later with `charge --number N`); nothing the stored one has is overwritten."""
    lacked: dict[str, Any] = {}
    if ours.period_start is None and theirs.period_start is not None:
        lacked["period_start"], lacked["period_end"] = theirs.period_start, theirs.period_end
    if not ours.receipt and theirs.receipt:
        lacked["receipt"] = theirs.receipt
    if ours.due_on is None and theirs.due_on is not None:
        lacked["due_on"] = theirs.due_on
    return lacked


def _attachment_key(attachment: Attachment) -> Hashable:
    return (attachment.sha256,)


def _merge_children(
    stored: Case, incoming: Case, newer: bool
) -> tuple[dict[str, list[object]], list[Phrase]]:
    """Stages, charges and attachments of both sides: those only in the copy are added;
    for one on both sides an answer the stored stage lacks is taken, and a charge's
    owed/not-owed word comes from the side that wins by history."""
    merged: dict[str, list[object]] = {}
    changes: list[Phrase] = []
    lists: tuple[tuple[str, Callable[[Any], Hashable]], ...] = (
        ("stages", _stage_key),
        ("charges", _charge_key),
        ("attachments", _attachment_key),
    )
    for name, key in lists:
        mine: list[Any] = list(getattr(stored, name))
        theirs: list[Any] = getattr(incoming, name)
        added = 0
        for item, at in zip(theirs, pair(mine[:], theirs, key), strict=True):
            if at is None:
                mine.append(replace(item, id=None))
                added += 1
                continue
            ours = mine[at]
            if isinstance(item, Stage) and isinstance(ours, Stage) and item.answered and not ours.answered:
                mine[at] = replace(item, id=ours.id)
                changes.append(
                    Phrase(_("{stage} of {day} answered"), stage=item.kind, day=item.filed_on.isoformat())
                )
            elif isinstance(item, Charge) and isinstance(ours, Charge):
                if newer and item.owed != ours.owed:
                    mine[at] = ours = replace(ours, owed=item.owed)
                    changes.append(Phrase(_("charge of {day} marked"), day=item.on.isoformat()))
                lacked = _charge_lacks(ours, item)
                if lacked:
                    mine[at] = replace(ours, **lacked)
                    changes.append(Phrase(_("charge of {day} completed"), day=item.on.isoformat()))
        if added:
            changes.append(_added_words(name, added))
        if name == "stages":
            mine.sort(key=lambda s: s.filed_on)
        merged[name] = mine
    return merged, changes


def _added_words(name: str, count: int) -> Phrase:
    if name == "stages":
        words = ngettext("{count} stage added", "{count} stages added", count)
    elif name == "charges":
        words = ngettext("{count} charge added", "{count} charges added", count)
    else:
        words = ngettext("{count} attachment added", "{count} attachments added", count)
    return Phrase(words, count=count)


def merge_case(stored: Case, incoming: Case) -> tuple[Case, list[str]]:
    """``incoming`` merged into ``stored``: the merged case and its changes in words
    (none when the merged case is the stored one)."""
    stored_only, incoming_only, partners = _exclusive_pair(stored.timeline, incoming.timeline)
    merged = replace(stored)
    fields_changed: list[str] = []
    if incoming_wins(stored_only, incoming_only):
        for name in CASE_FIELDS:
            value = getattr(incoming, name)
            if value != getattr(stored, name):
                setattr(merged, name, value)
                fields_changed.append(name)
    merged.checks, check_changes = _merge_checks(stored.checks, incoming.checks, stored_only, incoming_only)
    merged.timeline, added = _weave(stored.timeline, incoming.timeline, partners)
    if len(fields_changed) > 1 and "updated_at" in fields_changed:
        fields_changed.remove("updated_at")  # said only when it is the one change
    changes = [Phrase("{field}", field=FieldName(name)) for name in fields_changed]
    changes.extend(check_changes)
    children, child_changes = _merge_children(stored, incoming, incoming_wins(stored_only, incoming_only))
    for name, items in children.items():
        setattr(merged, name, items)
    changes.extend(child_changes)
    if added:
        changes.append(
            Phrase(
                ngettext("{count} timeline entry added", "{count} timeline entries added", added), count=added
            )
        )
    if len(changes) > 1 and fields_changed == ["updated_at"]:
        del changes[0]  # the last change (updated_at) is said only when it is the one change
    return merged, [str(change) for change in changes]


class NoFreeNumber(Exception):
    """Every case number up to the largest allowed is taken."""


class Claimed(Protocol):
    """The case numbers an import has kept so far (a set, or an index on disk)."""

    def __contains__(self, number: object, /) -> bool: ...

    def add(self, number: int, /) -> None: ...


class Planner:
    """What importing cases would do, planned a batch at a time (reads, never writes).

    Each batch comes back as the new cases that keep their own number, the stored cases
    the batch changes, and the new cases that need a number (theirs is taken, by a stored
    case or by an earlier case of the import, or they have none). Those get the numbers
    after every number in use once the whole import is seen (:meth:`numbers`), as if
    planned at once: a case keeps its number when it is free, whatever comes after it.

    What it holds across batches is the numbers claimed so far (in ``claimed``: a set
    unless the caller gives an index on disk), not the cases. The caller may write each
    batch before planning the next: a kept number written is taken, as it is claimed; a
    batch's stored cases are read before it is written. ``max_id`` is the largest case
    number the database can hold.
    """

    def __init__(self, stored_cases: StoredCases, max_id: int, claimed: Claimed | None = None) -> None:
        self.result = ImportResult()
        self._stored_cases = stored_cases
        self._max_id = max_id
        self._claimed: Claimed = set() if claimed is None else claimed
        self._most_claimed = 0
        self._waiting = 0  # new cases that need a number, so far
        # Shown added cases that wait for a number: their place in result.shown_added and in the queue.
        self._shown_waiting: list[tuple[int, int]] = []
        # Cases with a number of their own that wait for another: (their number, place in the queue).
        self._taken: list[tuple[int, int]] = []

    def batch(self, cases: Sequence[Case]) -> tuple[list[Case], list[CaseUpdate], list[Case]]:
        """Plan these cases: (new cases that keep their number, updates, new cases that need one)."""
        result = self.result
        stored_ids = self._stored_cases.ids_for_uuids([c.uuid for c in cases])
        stored = {c.uuid: c for c in self._stored_cases.load(sorted(stored_ids.values()))}
        new = [c for c in cases if c.uuid not in stored]
        wanted = [c.id for c in new if c.id is not None]
        taken = self._stored_cases.taken_ids(wanted) if wanted else set()
        kept: list[Case] = []
        waiting: list[Case] = []
        updates: list[CaseUpdate] = []
        for incoming in cases:
            before = stored.get(incoming.uuid)
            if before is None:
                self._new(incoming, taken, kept, waiting)
                continue
            merged, changes = merge_case(before, incoming)
            if changes:
                update = CaseUpdate(merged, changes)
                updates.append(update)
                result.updated += 1
                if len(result.shown_updates) < SHOWN:
                    result.shown_updates.append(update)
            else:
                result.unchanged += 1
        return kept, updates, waiting

    def _new(self, case: Case, taken: set[int], kept: list[Case], waiting: list[Case]) -> None:
        result = self.result
        if len(result.shown_added) < SHOWN:
            if case.id is None or case.id in taken or case.id in self._claimed:
                self._shown_waiting.append((len(result.shown_added), self._waiting))
            result.shown_added.append(case)
        result.added += 1
        if case.id is not None and case.id not in taken and case.id not in self._claimed:
            self._claimed.add(case.id)
            self._most_claimed = max(self._most_claimed, case.id)
            kept.append(case)
        else:
            if case.id is not None:
                self._taken.append((case.id, self._waiting))
            self._waiting += 1
            waiting.append(case)

    def numbers(self) -> Iterator[int]:
        """The numbers of the cases that need one, in the order they came; NoFreeNumber when
        one would pass ``max_id``. Call once the import has been seen whole."""
        first = max(self._stored_cases.max_id(), self._most_claimed) + 1
        if self._waiting and first + self._waiting - 1 > self._max_id:
            raise NoFreeNumber
        shown = self.result.shown_added
        for at, place in self._shown_waiting:
            shown[at] = replace(shown[at], id=first + place)
        self.result.renumbered = [(old, first + place) for old, place in self._taken]
        return iter(range(first, first + self._waiting))
