"""Cases as plain JSON-ready dictionaries: the shape scripts rely on."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tracker.domain.caserules import CaseRules
from tracker.domain.charges import ChargeShare, charge_share, not_owed_totals, owed_line
from tracker.domain.deadlines import case_deadlines, stage_views
from tracker.domain.flags import case_flags
from tracker.domain.model import Attachment, Case, Charge, Check, Stage, TimelineEntry


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
        "uid": check.uid,
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
        "uid": entry.uid,
    }


def stage_to_dict(stage: Stage) -> dict[str, Any]:
    return {
        "kind": stage.kind.value,
        "filed_on": iso_date(stage.filed_on),
        "channel": stage.channel.value if stage.channel else None,
        "code": stage.code,
        "topic": stage.topic.value if stage.topic else None,
        "amount": str(stage.amount) if stage.amount is not None else None,
        "note": stage.note,
        "answered_on": iso_date(stage.answered_on),
        "outcome": stage.outcome.value if stage.outcome else None,
        "answer_code": stage.answer_code,
        "answer_note": stage.answer_note,
        "issued_on": iso_date(stage.issued_on),
        "uid": stage.uid,
        "answer_reason": stage.answer_reason,
    }


def charge_to_dict(charge: Charge) -> dict[str, Any]:
    return {
        "amount": str(charge.amount),
        "currency": charge.currency,
        "on": iso_date(charge.on),
        "period_start": iso_date(charge.period_start),
        "period_end": iso_date(charge.period_end),
        "owed": charge.owed,
        "note": charge.note,
        "receipt": charge.receipt,
        "due_on": iso_date(charge.due_on),
        "uid": charge.uid,
    }


def _charge_view(charge: Charge, share: ChargeShare) -> dict[str, Any]:
    """A charge with what the rules say of it: "not_owed" is true when any part is not owed."""
    return {
        **charge_to_dict(charge),
        "not_owed": share.not_owed > 0,
        "share": share.share.value,
        "owed_part": str(share.owed),
        "not_owed_part": str(share.not_owed),
    }


def attachment_to_dict(attachment: Attachment) -> dict[str, Any]:
    return {
        "name": attachment.name,
        "sha256": attachment.sha256,
        "size": attachment.size,
        "added_at": iso_time(attachment.added_at),
        "note": attachment.note,
        "uid": attachment.uid,
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
        "effective_on": iso_date(case.effective_on),
        "ends_on": iso_date(case.ends_on),
        "checks": [check_to_dict(c) for c in case.checks],
        "timeline": [entry_to_dict(e) for e in case.timeline],
        "stages": [stage_to_dict(s) for s in case.stages],
        "charges": [charge_to_dict(c) for c in case.charges],
        "attachments": [attachment_to_dict(a) for a in case.attachments],
    }


_CHILDREN = ("deleted_at", "checks", "timeline", "stages", "charges", "attachments")


def case_to_dict(
    case: Case, today: date, timeline: bool = False, rules: CaseRules | None = None
) -> dict[str, Any]:
    """A case as scripts see it: the export's fields (without ``deleted_at``) plus ``flags``,
    flag names such as ``OVERDUE``; the timeline only when asked. With the case's
    ``rules``, also its stages, deadlines, charges and attachments as the rules see them."""
    record = case_record(case)
    data = {key: value for key, value in record.items() if key not in _CHILDREN}
    data["flags"] = [flag.name for flag in case_flags(case, today)]
    data["checks"] = record["checks"]
    if timeline:
        data["timeline"] = record["timeline"]
    if rules is not None:
        data.update(path_to_dict(case, rules))
    return data


def path_to_dict(case: Case, rules: CaseRules) -> dict[str, Any]:
    """Stages with their deadlines, every deadline, charges with whether they are owed,
    the total not owed by currency, and the attachments: codes and dates, no words."""
    stages = []
    for view, raw in zip(stage_views(case, rules), case.stages, strict=True):
        stage = stage_to_dict(raw)
        stage["answer_due"] = iso_date(view.answer_due)
        stage["appeal_due"] = iso_date(view.appeal_due)
        late = view.late
        stage["late"] = (
            None
            if late is None
            else {
                "window": late.window.what,
                "due": iso_date(late.window.due),
                "past_due": late.past_due,
                "repeat_of": late.repeat_of,
            }
        )
        stages.append(stage)
    deadlines = [
        {
            "what": d.what,
            "due": iso_date(d.due),
            "whose": d.whose.value,
            "rule": d.rule_id,
            "done_on": iso_date(d.done_on),
            "start": iso_date(d.start),
            "earliest": d.earliest,
        }
        for d in case_deadlines(case, rules)
    ]
    line = owed_line(case, rules)
    charges = [_charge_view(c, charge_share(case, c, rules, line)) for c in case.charges]
    totals = {currency: str(amount) for currency, amount in not_owed_totals(case, rules).items()}
    attachments = [attachment_to_dict(a) for a in case.attachments]
    return {
        "stages": stages,
        "deadlines": deadlines,
        "charges": charges,
        "not_owed_total": totals,
        "not_owed_line": {"after": iso_date(line.day), "from": line.basis.value},
        "attachments": attachments,
    }
