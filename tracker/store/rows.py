"""Domain objects as table rows and back: the columns, in one place for every backend.

Values here are Python dates, times and booleans; each backend's codec turns
them into what it stores (SQLite: ISO text and integers; PostgreSQL: its own types).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from tracker.domain.model import (
    Action,
    Case,
    Channel,
    Check,
    CheckState,
    EntryKind,
    Status,
    TimelineEntry,
    new_uid,
)
from tracker.store.driver import Codec

CASE_COLUMNS = (
    "id",
    "uuid",
    "provider",
    "service",
    "action",
    "playbook",
    "channel",
    "requested_on",
    "ticket",
    "promised_by",
    "next_follow_up",
    "status",
    "notes",
    "fee_amount",
    "fee_currency",
    "created_at",
    "updated_at",
    "deleted_at",
    "checks_total",
    "checks_passed",
    "checks_failed",
    # Since 0004: a chosen date, a suspension's end, and the Peruvian path's dates
    # (derived from the stages, kept here so that lists and flags need no rules).
    "effective_on",
    "ends_on",
    "answer_due",
    "user_due",
    "user_alert_on",
)
CHECK_COLUMNS = ("id", "case_id", "position", "name", "required", "state", "checked_at", "note", "uid")
ENTRY_COLUMNS = (
    "id",
    "case_id",
    "at",
    "kind",
    "summary",
    "channel",
    "ticket",
    "agent",
    "next_follow_up",
    "status_from",
    "status_to",
    "event",
    "params",
    # Since 0005: the entry's own identity (tracker.domain.model.new_uid).
    "uid",
)

_STATUS = {s.value: s for s in Status}
_CHANNEL = {c.value: c for c in Channel}
_ACTION = {a.value: a for a in Action}
_STATE = {s.value: s for s in CheckState}
_KIND = {k.value: k for k in EntryKind}


def case_values(case: Case, codec: Codec) -> dict[str, object]:
    """The ``cases`` row of a case, every column but ``id``, as the backend stores it."""
    date_in, time_in = codec.date_in, codec.time_in
    return {
        "uuid": case.uuid,
        "provider": case.provider,
        "service": case.service,
        "action": case.action.value,
        "playbook": case.playbook,
        "channel": case.channel.value,
        "requested_on": date_in(case.requested_on),
        "ticket": case.ticket,
        "promised_by": date_in(case.promised_by),
        "next_follow_up": date_in(case.next_follow_up) if case.next_follow_up else None,
        "status": case.status.value,
        "notes": case.notes,
        "fee_amount": str(case.fee_amount) if case.fee_amount is not None else None,
        "fee_currency": case.fee_currency,
        "created_at": time_in(case.created_at),
        "updated_at": time_in(case.updated_at),
        "deleted_at": time_in(case.deleted_at) if case.deleted_at else None,
        # The checks that apply (n/a left out), so that "passed/total" is the case's progress.
        "checks_total": case.checks_applicable,
        "checks_passed": sum(1 for c in case.checks if c.state is CheckState.PASSED),
        "checks_failed": sum(1 for c in case.checks if c.state is CheckState.FAILED),
        "effective_on": date_in(case.effective_on) if case.effective_on else None,
        "ends_on": date_in(case.ends_on) if case.ends_on else None,
        "answer_due": date_in(case.answer_due) if case.answer_due else None,
        "user_due": date_in(case.user_due) if case.user_due else None,
        "user_alert_on": date_in(case.user_alert_on) if case.user_alert_on else None,
    }


def identity(item: Any) -> str:
    """The item's identity; one is given, as it is stored, to an item that came without one
    (from an export older than identities), so every stored item has its own."""
    if not item.uid:
        item.uid = new_uid()
    uid: str = item.uid
    return uid


def check_values(check: Check, position: int, codec: Codec) -> dict[str, object]:
    """A ``checks`` row without ``id`` and ``case_id``."""
    return {
        "position": position,
        "name": check.name,
        "required": codec.bool_in(check.required),
        "state": check.state.value,
        "checked_at": codec.time_in(check.checked_at) if check.checked_at else None,
        "note": check.note,
        "uid": identity(check),
    }


def entry_values(entry: TimelineEntry, codec: Codec) -> dict[str, object]:
    """A ``timeline`` row without ``id`` and ``case_id``."""
    return {
        "at": codec.time_in(entry.at),
        "kind": entry.kind.value,
        "summary": entry.summary,
        "channel": entry.channel.value if entry.channel else None,
        "ticket": entry.ticket,
        "agent": entry.agent,
        "next_follow_up": codec.date_in(entry.next_follow_up) if entry.next_follow_up else None,
        "status_from": entry.status_from.value if entry.status_from else None,
        "status_to": entry.status_to.value if entry.status_to else None,
        "event": entry.event,
        "params": params_to_text(entry.params),
        "uid": identity(entry),
    }


_NO_PARAMS = "{}"


def params_to_text(params: dict[str, str]) -> str:
    """A timeline fact's parameters as the ``params`` column stores them: a compact JSON object
    (as migration 0003 writes them)."""
    if not params:
        return _NO_PARAMS
    import json

    return json.dumps(params, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def params_from_text(text: str) -> dict[str, str]:
    if not text or text == _NO_PARAMS:
        return {}
    import json

    params = json.loads(text)
    return {str(key): str(value) for key, value in params.items()}


def case_from_row(
    row: Sequence[Any], codec: Codec, checks: list[Check], timeline: list[TimelineEntry]
) -> Case:
    """A case from a row in :data:`CASE_COLUMNS` order and its loaded children."""
    date_out, time_out = codec.date_out, codec.time_out
    return Case(
        id=row[0],
        uuid=row[1],
        provider=row[2],
        service=row[3],
        action=_ACTION[row[4]],
        playbook=row[5],
        channel=_CHANNEL[row[6]],
        requested_on=date_out(row[7]),
        ticket=row[8],
        promised_by=date_out(row[9]),
        next_follow_up=date_out(row[10]) if row[10] is not None else None,
        status=_STATUS[row[11]],
        notes=row[12],
        fee_amount=Decimal(row[13]) if row[13] is not None else None,
        fee_currency=row[14],
        created_at=time_out(row[15]),
        updated_at=time_out(row[16]),
        deleted_at=time_out(row[17]) if row[17] is not None else None,
        effective_on=date_out(row[21]) if row[21] is not None else None,
        ends_on=date_out(row[22]) if row[22] is not None else None,
        answer_due=date_out(row[23]) if row[23] is not None else None,
        user_due=date_out(row[24]) if row[24] is not None else None,
        user_alert_on=date_out(row[25]) if row[25] is not None else None,
        checks=checks,
        timeline=timeline,
    )


def check_from_row(row: Sequence[Any], codec: Codec) -> Check:
    """A check from a row in :data:`CHECK_COLUMNS` order."""
    return Check(
        id=row[0],
        name=row[3],
        required=bool(row[4]),
        state=_STATE[row[5]],
        checked_at=codec.time_out(row[6]) if row[6] is not None else None,
        note=row[7],
        uid=row[8],
    )


def entry_from_row(row: Sequence[Any], codec: Codec) -> TimelineEntry:
    """A timeline entry from a row in :data:`ENTRY_COLUMNS` order."""
    return TimelineEntry(
        id=row[0],
        at=codec.time_out(row[2]),
        kind=_KIND[row[3]],
        summary=row[4],
        channel=_CHANNEL[row[5]] if row[5] else None,
        ticket=row[6],
        agent=row[7],
        next_follow_up=codec.date_out(row[8]) if row[8] is not None else None,
        status_from=_STATUS[row[9]] if row[9] else None,
        status_to=_STATUS[row[10]] if row[10] else None,
        event=row[11],
        params=params_from_text(row[12]),
        uid=row[13],
    )


def changed(new: dict[str, object], old: dict[str, object]) -> dict[str, object]:
    """The columns whose value differs: what an UPDATE needs to write."""
    return {name: value for name, value in new.items() if old.get(name) != value}
