"""Cases as plain JSON-ready dictionaries: the shape scripts rely on."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tracker.domain.flags import case_flags
from tracker.domain.model import Case, Check, TimelineEntry


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def iso_time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def check_to_dict(check: Check) -> dict[str, Any]:
    return {
        "name": check.name,
        "required": check.required,
        "state": check.state.value,
        "checked_at": iso_time(check.checked_at),
        "note": check.note,
    }


def entry_to_dict(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "at": iso_time(entry.at),
        "kind": entry.kind.value,
        "summary": entry.summary,
        "channel": entry.channel.value if entry.channel else None,
        "ticket": entry.ticket,
        "agent": entry.agent,
        "next_follow_up": iso_date(entry.next_follow_up),
        "status_from": entry.status_from.value if entry.status_from else None,
        "status_to": entry.status_to.value if entry.status_to else None,
        "event": entry.event,
        "params": dict(sorted(entry.params.items())),
    }


def fee_to_dict(case: Case) -> dict[str, Any] | None:
    """The fee as ``{"amount": "29.90", "currency": "PEN"}``; None when there is none.

    A currency without an amount is kept (amount null), so nothing is lost.
    """
    if case.fee_amount is None and not case.fee_currency:
        return None
    amount = str(case.fee_amount) if case.fee_amount is not None else None
    return {"amount": amount, "currency": case.fee_currency}


def case_record(case: Case) -> dict[str, Any]:
    """A case as the JSON export holds it: every stored field, for a lossless round trip.

    Unlike :func:`case_to_dict` it has no flags (they depend on the day) and it
    has ``deleted_at`` (the trash is exported too).
    """
    return {
        "id": case.id,
        "uuid": case.uuid,
        "provider": case.provider,
        "service": case.service,
        "action": case.action.value,
        "playbook": case.playbook,
        "channel": case.channel.value,
        "status": case.status.value,
        "requested_on": iso_date(case.requested_on),
        "ticket": case.ticket,
        "promised_by": iso_date(case.promised_by),
        "next_follow_up": iso_date(case.next_follow_up),
        "notes": case.notes,
        "fee": fee_to_dict(case),
        "created_at": iso_time(case.created_at),
        "updated_at": iso_time(case.updated_at),
        "deleted_at": iso_time(case.deleted_at),
        "checks": [check_to_dict(c) for c in case.checks],
        "timeline": [entry_to_dict(e) for e in case.timeline],
    }


def case_to_dict(case: Case, today: date, timeline: bool = False) -> dict[str, Any]:
    """A case as scripts see it: the export's fields (without ``deleted_at``) plus ``flags``,
    flag names such as ``OVERDUE``; the timeline only when asked."""
    record = case_record(case)
    data = {key: value for key, value in record.items() if key not in ("deleted_at", "checks", "timeline")}
    data["flags"] = [flag.name for flag in case_flags(case, today)]
    data["checks"] = record["checks"]
    if timeline:
        data["timeline"] = record["timeline"]
    return data
