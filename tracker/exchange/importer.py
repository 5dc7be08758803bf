"""Importing a JSON export: merge by UUID, without duplicates, in one transaction.

The rules (also in the README):

- A case whose UUID is not in the database is added, under its own number when
  that number is free (so export → import → export into an empty database gives
  the same document); otherwise it gets the next free number.
- A case whose UUID is already there is merged:
  - its fields come from the side that changed last (``updated_at``, or
    ``deleted_at`` when moving to the trash was the last change); on a tie the
    database's are kept;
  - checks are matched by name (case-insensitively): a check only in the file
    is added, one only in the database is kept, and for one in both the result
    checked last wins;
  - timeline entries in the file that the database lacks are added (identical
    entries count once per occurrence, so importing twice adds nothing), each
    right after the entry it follows in the file; stored entries keep their order.
- The whole document is validated before anything is written; a dry run plans
  the same work and writes nothing.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Case, Check, TimelineEntry
from tracker.exchange import json_format
from tracker.exchange.serialize import check_to_dict
from tracker.store.repository import CaseRepository

if TYPE_CHECKING:
    from tracker.core import Tracker

# progress(stage, done, total); stage is "reading" or "writing".
Progress = Callable[[str, int, int], None]

_FIELDS = (
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
)
_EPOCH = datetime.min.replace(tzinfo=UTC)


@dataclass
class CaseUpdate:
    """A stored case the import changes: the merged case and what changed, in words."""

    case: Case
    changes: list[str]


@dataclass
class ImportResult:
    added: list[Case] = field(default_factory=list)
    updated: list[CaseUpdate] = field(default_factory=list)
    unchanged: int = 0
    # New cases whose number was already taken, so they got another one.
    renumbered: list[tuple[int, int]] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        """One line: "Added 3 cases, updated 1, 2 unchanged." (or "Would add ..." when dry)."""
        added = f"{len(self.added)} {'case' if len(self.added) == 1 else 'cases'}"
        if self.dry_run:
            text = f"Would add {added}, update {len(self.updated)}, leave {self.unchanged} unchanged"
        else:
            text = f"Added {added}, updated {len(self.updated)}, {self.unchanged} unchanged"
        if self.renumbered:
            many = len(self.renumbered)
            text += (
                f"; {many} new {'case gets' if many == 1 else 'cases get'} a new number (theirs was taken)"
            )
        return text + "."


def _last_change(case: Case) -> datetime:
    if case.deleted_at is not None and case.deleted_at > case.updated_at:
        return case.deleted_at
    return case.updated_at


# What makes two entries the same entry: everything but the database id.
_ENTRY_KEY = tuple(f.name for f in fields(TimelineEntry) if f.name != "id")


def _entry_key(entry: TimelineEntry) -> tuple[object, ...]:
    return tuple(
        tuple(sorted(value.items())) if isinstance(value := getattr(entry, name), dict) else value
        for name in _ENTRY_KEY
    )


def _merge_checks(stored: list[Check], incoming: list[Check]) -> tuple[list[Check], list[str]]:
    merged = list(stored)
    changes: list[str] = []
    index = {c.name.strip().casefold(): i for i, c in enumerate(merged)}
    for check in incoming:
        at = index.get(check.name.strip().casefold())
        if at is None:
            index[check.name.strip().casefold()] = len(merged)
            merged.append(replace(check, id=None))
            changes.append(f"check {check.name!r} added")
            continue
        mine = merged[at]
        if (check.checked_at or _EPOCH) > (mine.checked_at or _EPOCH) and (
            check_to_dict(check) != check_to_dict(mine)
        ):
            merged[at] = replace(check, id=mine.id)
            changes.append(f"check {check.name!r} {check.state.value}")
    return merged, changes


def _merge_timeline(
    stored: list[TimelineEntry], incoming: list[TimelineEntry]
) -> tuple[list[TimelineEntry], int]:
    """The stored timeline with the file's missing entries woven in.

    The stored order is never changed. A missing entry goes right after the
    entry that precedes it in the file (the last one matched or inserted), so
    a file that extends the stored timeline gives exactly the file's order.
    """
    positions: dict[tuple[object, ...], deque[int]] = {}
    for index, entry in enumerate(stored):
        positions.setdefault(_entry_key(entry), deque()).append(index)
    head: list[TimelineEntry] = []
    after: list[list[TimelineEntry]] = [[] for _ in stored]
    anchor = -1
    added = 0
    for entry in incoming:
        waiting = positions.get(_entry_key(entry))
        if waiting:
            anchor = waiting.popleft()
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


def merge_case(stored: Case, incoming: Case) -> tuple[Case, list[str]]:
    """``incoming`` (from a file) merged into ``stored``: the merged case and its changes
    in words (none when the merged case is the stored one)."""
    merged = replace(stored)
    changes: list[str] = []
    if _last_change(incoming) > _last_change(stored):
        for name in _FIELDS:
            value = getattr(incoming, name)
            if value != getattr(stored, name):
                setattr(merged, name, value)
                changes.append(name)
    merged.checks, check_changes = _merge_checks(stored.checks, incoming.checks)
    merged.timeline, added = _merge_timeline(stored.timeline, incoming.timeline)
    changes.extend(check_changes)
    if added:
        changes.append(f"{added} timeline {'entry' if added == 1 else 'entries'} added")
    if len(changes) > 1 and "updated_at" in changes:
        changes.remove("updated_at")  # said only when it is the one change
    return merged, changes


def plan(repository: CaseRepository, cases: Sequence[Case]) -> ImportResult:
    """What importing these (validated) cases would do; reads the database, writes nothing."""
    result = ImportResult()
    stored_ids = repository.ids_for_uuids([c.uuid for c in cases])
    stored = {c.uuid: c for c in repository.get_many(stored_ids.values())}
    new = [c for c in cases if c.uuid not in stored]
    for incoming in cases:
        if incoming.uuid not in stored:
            continue
        before = stored[incoming.uuid]
        merged, changes = merge_case(before, incoming)
        if changes:
            result.updated.append(CaseUpdate(merged, changes))
        else:
            result.unchanged += 1
    result.added = _number(repository, new, result.renumbered)
    return result


def _number(repository: CaseRepository, new: list[Case], renumbered: list[tuple[int, int]]) -> list[Case]:
    """The new cases, each with a free id: its own when free, else the next unused one."""
    wanted = [c.id for c in new if c.id is not None]
    taken = repository.taken_ids(wanted) if wanted else set()
    claimed: set[int] = set()
    numbered: list[Case | None] = []
    for case in new:
        if case.id is not None and case.id not in taken and case.id not in claimed:
            claimed.add(case.id)
            numbered.append(case)
        else:
            numbered.append(None)
    next_id = max([repository.max_id(), *claimed], default=0) + 1
    out: list[Case] = []
    for case, kept in zip(new, numbered, strict=True):
        if kept is not None:
            out.append(kept)
            continue
        if case.id is not None:
            renumbered.append((case.id, next_id))
        out.append(replace(case, id=next_id))
        next_id += 1
    return out


def apply(repository: CaseRepository, result: ImportResult, progress: Progress | None = None) -> None:
    """Write a planned import in one transaction."""
    total = len(result.added) + len(result.updated)
    repository.import_cases(
        result.added,
        [u.case for u in result.updated],
        keep_ids=True,
        progress=None if progress is None else (lambda done: progress("writing", done, total)),
    )


def import_document(
    repository: CaseRepository, raw: bytes, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Validate an export's bytes, plan the merge, and (unless a dry run) write it."""
    with _no_gc():
        return _import_document(repository, raw, dry_run, progress)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector: reading a big file makes millions of objects, none
    of them in cycles, and each collection would walk them all again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import_document(
    repository: CaseRepository, raw: bytes, dry_run: bool, progress: Progress | None
) -> ImportResult:
    document = json_format.parse(
        raw, None if progress is None else (lambda done, total: progress("reading", done, total))
    )
    if document.redacted:
        raise InvalidInput(
            "this export was made with --redact: its phone and account numbers are masked, "
            "so importing it would overwrite real data with masked text"
        )
    result = plan(repository, document.cases)
    result.dry_run = dry_run
    if not dry_run and (result.added or result.updated):
        apply(repository, result, progress)
    return result


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not an export file") from None
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot be read: {exc.strerror}") from None


def import_file(
    tracker: Tracker, path: Path, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Import a JSON export file into the tracker's database (for the CLI and the TUI).

    Problems in the file raise InvalidInput naming the file and the place.
    """
    raw = read_file(path)
    try:
        return import_document(tracker.cases, raw, dry_run=dry_run, progress=progress)
    except InvalidInput as exc:
        raise InvalidInput(f"{path}: {exc}", exc.field) from None
