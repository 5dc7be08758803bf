"""Reading one case of a JSON export, every field checked.

Reading is strict: every field must be present with the right type, unknown
fields are refused, and the first problem is raised as a :class:`Problem` that
each level it passes through gives its place, so the document reports e.g.
``cases[12].requested_on: not a date: "2026-02-30"``. The fields of each version
are listed here; the document around the cases is :mod:`tracker.exchange.json_format`'s.
"""

from __future__ import annotations

import json
import re
import uuid as uuid_module
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import partial
from typing import Any, TypeVar

from tracker.domain.errors import InvalidInput, NotAllowed
from tracker.domain.legacy_entries import to_fact
from tracker.domain.limits import (
    MAX_CASE_ID,
    MAX_CURRENCY,
    MAX_EVENT,
    MAX_FEE_DECIMALS,
    MAX_FEE_DIGITS,
    MAX_PLAYBOOK_NAME,
    check_date,
    date_range_text,
    in_moment_range,
)
from tracker.domain.model import (
    Action,
    Attachment,
    Case,
    Channel,
    Charge,
    Check,
    CheckState,
    EntryKind,
    Outcome,
    Stage,
    StageKind,
    Status,
    TimelineEntry,
    Topic,
)
from tracker.i18n import N_, _

# An attached file's size in bytes: what a 64-bit integer holds.
MAX_FILE_SIZE = 2**63 - 1

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


class Problem(Exception):
    """A problem found while reading; each level it passes through adds its place."""

    def __init__(self, message: str, *segments: str) -> None:
        super().__init__(message)
        self.message = message
        self.segments = list(segments)  # innermost first

    def at(self, segment: str) -> Problem:
        self.segments.append(segment)
        return self

    @property
    def place(self) -> str:
        return ".".join(reversed(self.segments)) or "document"


def show(value: Any) -> str:
    """A value as the file has it, shortened for a message."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


_TYPE_NAMES = {
    dict: N_("an object"),
    list: N_("a list"),
    str: N_("text"),
    bool: N_("true or false"),
    int: N_("a whole number"),
    float: N_("a number"),
    type(None): "null",
}


def kind_of(value: Any) -> str:
    """What kind of JSON value this is, in words (for a message)."""
    name = _TYPE_NAMES.get(type(value))
    return _(name) if name is not None else type(value).__name__


_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

# Each reader takes the value and the name of its field (for the message only).


def _text(value: Any, name: str) -> str:
    if type(value) is not str:
        raise Problem(_("not text but {kind}").format(kind=kind_of(value)), name)
    if not value.isascii() and _SURROGATE.search(value):
        raise Problem(_("not valid Unicode text (a lone surrogate)"), name)
    return value


def _name(value: Any, name: str) -> str:
    text = _text(value, name)
    if not text.strip():
        raise Problem(_("cannot be empty"), name)
    return text


def _short(value: Any, name: str, limit: int) -> str:
    """Text that fits the column the database keeps it in."""
    text = _text(value, name)
    if len(text) > limit:
        raise Problem(
            _("longer than {limit} characters: {value}").format(limit=limit, value=show(text)), name
        )
    return text


def boolean(value: Any, name: str) -> bool:
    """``true`` or ``false``, nothing else."""
    if type(value) is not bool:
        raise Problem(_("not true or false but {kind}").format(kind=kind_of(value)), name)
    return value


def _date(value: Any, name: str) -> date:
    if type(value) is not str or not _ISO_DATE.match(value):
        raise Problem(_("not a date (YYYY-MM-DD): {value}").format(value=show(value)), name)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise Problem(_("not a date: {value} does not exist").format(value=show(value)), name) from None
    try:
        return check_date(day)
    except InvalidInput as exc:
        raise Problem(str(exc), name) from None


def _opt_date(value: Any, name: str) -> date | None:
    return None if value is None else _date(value, name)


def _time(value: Any, name: str) -> datetime:
    if type(value) is not str:
        raise Problem(_("not a timestamp but {kind}").format(kind=kind_of(value)), name)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise Problem(_("not a timestamp (ISO 8601): {value}").format(value=show(value)), name) from None
    if moment.tzinfo is None:
        raise Problem(
            _("a timestamp needs a time zone (e.g. +00:00): {value}").format(value=show(value)), name
        )
    if moment.tzinfo is not UTC:
        try:
            moment = moment.astimezone(UTC)
        except OverflowError:
            moment = datetime.min.replace(tzinfo=UTC)  # out of range: refused below
    if not in_moment_range(moment):
        raise Problem(
            _("timestamp out of range: {value} (timestamps go {range})").format(
                value=show(value), range=date_range_text()
            ),
            name,
        )
    return moment


def _opt_time(value: Any, name: str) -> datetime | None:
    return None if value is None else _time(value, name)


def _enum_reader(enum: type[E]) -> Callable[[Any, str], E]:
    values = {member.value: member for member in enum}
    allowed = ", ".join(values)

    def read(value: Any, name: str) -> E:
        member = values.get(value) if type(value) is str else None
        if member is None:
            raise Problem(
                _("{value} is not one of {allowed}").format(value=show(value), allowed=allowed), name
            )
        return member

    return read


_action = _enum_reader(Action)
_channel = _enum_reader(Channel)
_status = _enum_reader(Status)
_state = _enum_reader(CheckState)
_entry_kind = _enum_reader(EntryKind)
_stage_kind = _enum_reader(StageKind)
_topic = _enum_reader(Topic)
_outcome = _enum_reader(Outcome)


def _opt_channel(value: Any, name: str) -> Channel | None:
    return None if value is None else _channel(value, name)


def _opt_status(value: Any, name: str) -> Status | None:
    return None if value is None else _status(value, name)


def exact_object(
    value: Any, fields: frozenset[str], order: tuple[str, ...], optional: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """``value`` as an object with exactly these fields (missing and unknown ones refused),
    and any of the ``optional`` ones: fields added to a version later, which its older
    exports do not have."""
    if type(value) is not dict:
        raise Problem(_("not an object but {kind}").format(kind=kind_of(value)))
    if value.keys() - optional != fields:
        for name in order:
            if name not in value:
                raise Problem(_("missing"), name)
        unknown = next(name for name in value if name not in fields | optional)
        raise Problem(_("not a field of this format"), unknown)
    return value


def _items(value: Any, name: str, read: Callable[[Any], T]) -> list[T]:
    """A list field, each item read by ``read``; a problem names the item's index."""
    if type(value) is not list:
        raise Problem(_("not a list but {kind}").format(kind=kind_of(value)), name)
    items: list[T] = []
    index = 0
    try:
        for index, item in enumerate(value):  # noqa: B007 - index is used on failure
            items.append(read(item))
    except Problem as problem:
        raise problem.at(f"{name}[{index}]") from None
    return items


_CASE_FIELDS_V1 = (
    "id",
    "uuid",
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
    "fee",
    "created_at",
    "updated_at",
    "deleted_at",
    "checks",
    "timeline",
)
_CASE_FIELDS: tuple[str, ...] = (
    *_CASE_FIELDS_V1,
    "effective_on",
    "ends_on",
    "stages",
    "charges",
    "attachments",
)
_STAGE_FIELDS = (
    "kind",
    "filed_on",
    "channel",
    "code",
    "topic",
    "amount",
    "note",
    "answered_on",
    "outcome",
    "answer_code",
    "answer_note",
)
# Added to version 2 later (an additive field): exports written before it still import.
_STAGE_OPTIONAL = frozenset({"issued_on", "answer_reason"})
_CHARGE_FIELDS = ("amount", "currency", "on", "period_start", "period_end", "owed", "note")
_CHARGE_OPTIONAL = frozenset({"receipt", "due_on"})  # additive, like issued_on
_ATTACHMENT_FIELDS = ("name", "sha256", "size", "added_at", "note")
_CHECK_FIELDS = ("name", "required", "state", "checked_at", "note")
_ENTRY_FIELDS_V1 = (
    "at",
    "kind",
    "summary",
    "channel",
    "ticket",
    "agent",
    "next_follow_up",
    "status_from",
    "status_to",
)
_ENTRY_FIELDS = (*_ENTRY_FIELDS_V1, "event", "params")
_FEE_FIELDS = ("amount", "currency")
_CASE_SET, _CHECK_SET, _ENTRY_SET, _ENTRY_SET_V1, _FEE_SET = (
    frozenset(f) for f in (_CASE_FIELDS, _CHECK_FIELDS, _ENTRY_FIELDS, _ENTRY_FIELDS_V1, _FEE_FIELDS)
)
_CASE_SET_V1, _STAGE_SET, _CHARGE_SET, _ATTACHMENT_SET = (
    frozenset(f) for f in (_CASE_FIELDS_V1, _STAGE_FIELDS, _CHARGE_FIELDS, _ATTACHMENT_FIELDS)
)
# Since version 3 each item of a case's lists carries its identity.
_UID = "uid"
_WITH_UID: dict[tuple[str, ...], tuple[frozenset[str], tuple[str, ...]]] = {
    order: (frozenset((*order, _UID)), (*order, _UID))
    for order in (_STAGE_FIELDS, _CHARGE_FIELDS, _ATTACHMENT_FIELDS, _CHECK_FIELDS, _ENTRY_FIELDS)
}


def _fields(order: tuple[str, ...], plain: frozenset[str], version: int) -> dict[str, Any]:
    """The object reader's arguments for a case's list item in this version."""
    if version >= 3:
        fields, with_uid = _WITH_UID[order]
        return {"fields": fields, "order": with_uid}
    return {"fields": plain, "order": order}


_UID_TEXT = re.compile(r"[0-9a-f]{32}")


def _uid(data: dict[str, Any], version: int) -> str:
    """The item's identity: 32 lowercase hexadecimal digits; "" before version 3."""
    if version < 3:
        return ""
    raw = data[_UID]
    if type(raw) is not str or not _UID_TEXT.fullmatch(raw):
        raise Problem(
            _("not an identity (32 lowercase hexadecimal digits): {value}").format(value=show(raw)), _UID
        )
    return raw


def _unique_uids(items: list[Any], name: str) -> None:
    """No two items of one list share an identity (a merge pairs items by it)."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if not item.uid:
            continue
        earlier = seen.setdefault(item.uid, index)
        if earlier != index:
            raise Problem(
                _("{value} is already {place}").format(value=item.uid, place=f"{name}[{earlier}]"),
                _UID,
                f"{name}[{index}]",
            )


def _id(value: Any, name: str) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not 1 <= value <= MAX_CASE_ID:
        raise Problem(
            _("not a case number (a whole number from 1 to {most}): {value}").format(
                most=f"{MAX_CASE_ID:,}", value=show(value)
            ),
            name,
        )
    return value


def _uuid(value: Any, name: str) -> str:
    if type(value) is not str:
        raise Problem(_("not a UUID but {kind}").format(kind=kind_of(value)), name)
    try:
        canonical = str(uuid_module.UUID(value))
    except ValueError:
        canonical = ""
    if canonical != value:
        raise Problem(_("not a UUID in lowercase 8-4-4-4-12 form: {value}").format(value=show(value)), name)
    return value


def _amount(raw: Any, name: str) -> Decimal:
    if type(raw) is not str:
        raise Problem(_('not an amount as text (e.g. "29.90") but {kind}').format(kind=kind_of(raw)), name)
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise Problem(_("not an amount: {value}").format(value=show(raw)), name) from None
    if not amount.is_finite() or amount < 0 or amount.is_signed():
        raise Problem(_("must be zero or more: {value}").format(value=show(raw)), name)
    exponent = amount.as_tuple().exponent
    if amount.adjusted() >= MAX_FEE_DIGITS or (isinstance(exponent, int) and exponent < -MAX_FEE_DECIMALS):
        raise Problem(
            _("at most {digits} digits and {decimals} decimals: {value}").format(
                digits=MAX_FEE_DIGITS, decimals=MAX_FEE_DECIMALS, value=show(raw)
            ),
            name,
        )
    return amount


def _opt_amount(raw: Any, name: str) -> Decimal | None:
    return None if raw is None else _amount(raw, name)


def _opt_bool(raw: Any, name: str) -> bool | None:
    return None if raw is None else boolean(raw, name)


def _sha256(raw: Any, name: str) -> str:
    if type(raw) is not str or not re.fullmatch(r"[0-9a-f]{64}", raw):
        raise Problem(_("not a SHA-256 in lowercase hexadecimal: {value}").format(value=show(raw)), name)
    return raw


def _size(raw: Any, name: str) -> int:
    if type(raw) is not int or not 0 <= raw <= MAX_FILE_SIZE:
        raise Problem(_("not a size in bytes: {value}").format(value=show(raw)), name)
    return raw


def _stage(value: Any, version: int) -> Stage:
    data = exact_object(value, **_fields(_STAGE_FIELDS, _STAGE_SET, version), optional=_STAGE_OPTIONAL)
    return Stage(
        uid=_uid(data, version),
        kind=_stage_kind(data["kind"], "kind"),
        filed_on=_date(data["filed_on"], "filed_on"),
        channel=_opt_channel(data["channel"], "channel"),
        code=_text(data["code"], "code"),
        topic=None if data["topic"] is None else _topic(data["topic"], "topic"),
        amount=_opt_amount(data["amount"], "amount"),
        note=_text(data["note"], "note"),
        answered_on=_opt_date(data["answered_on"], "answered_on"),
        outcome=None if data["outcome"] is None else _outcome(data["outcome"], "outcome"),
        answer_code=_text(data["answer_code"], "answer_code"),
        answer_note=_text(data["answer_note"], "answer_note"),
        issued_on=_opt_date(data.get("issued_on"), "issued_on"),
        answer_reason=_text(data.get("answer_reason", ""), "answer_reason"),
    )


def _charge(value: Any, version: int) -> Charge:
    data = exact_object(value, **_fields(_CHARGE_FIELDS, _CHARGE_SET, version), optional=_CHARGE_OPTIONAL)
    currency = _text(data["currency"], "currency")
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise Problem(
            _("not a currency code (three capitals, e.g. PEN): {value}").format(value=show(currency)),
            "currency",
        )
    return Charge(
        uid=_uid(data, version),
        amount=_amount(data["amount"], "amount"),
        currency=currency,
        on=_date(data["on"], "on"),
        period_start=_opt_date(data["period_start"], "period_start"),
        period_end=_opt_date(data["period_end"], "period_end"),
        owed=_opt_bool(data["owed"], "owed"),
        note=_text(data["note"], "note"),
        receipt=_text(data.get("receipt", ""), "receipt"),
        due_on=_opt_date(data.get("due_on"), "due_on"),
    )


def _attachment(value: Any, version: int) -> Attachment:
    data = exact_object(value, **_fields(_ATTACHMENT_FIELDS, _ATTACHMENT_SET, version))
    return Attachment(
        uid=_uid(data, version),
        name=_name(data["name"], "name"),
        sha256=_sha256(data["sha256"], "sha256"),
        size=_size(data["size"], "size"),
        added_at=_time(data["added_at"], "added_at"),
        note=_text(data["note"], "note"),
    )


def _fee(value: Any) -> tuple[Decimal | None, str]:
    if value is None:
        return None, ""
    try:
        fee = exact_object(value, _FEE_SET, _FEE_FIELDS)
    except Problem as problem:
        raise problem.at("fee") from None
    currency = _short(fee["currency"], "fee.currency", MAX_CURRENCY)
    raw = fee["amount"]
    if raw is None:
        return None, currency
    return _amount(raw, "fee.amount"), currency


def _check(value: Any, version: int) -> Check:
    data = exact_object(value, **_fields(_CHECK_FIELDS, _CHECK_SET, version))
    return Check(
        uid=_uid(data, version),
        name=_name(data["name"], "name"),
        required=boolean(data["required"], "required"),
        state=_state(data["state"], "state"),
        checked_at=_opt_time(data["checked_at"], "checked_at"),
        note=_text(data["note"], "note"),
    )


def _params(value: Any, name: str) -> dict[str, str]:
    if type(value) is not dict:
        raise Problem(_("not an object but {kind}").format(kind=kind_of(value)), name)
    for key, item in value.items():
        _text(item, f"{name}.{key}")
    return value


def _entry(value: Any, version: int) -> TimelineEntry:
    if version == 1:
        entry = _entry_fields(exact_object(value, _ENTRY_SET_V1, _ENTRY_FIELDS_V1))
        entry.uid = ""
        fact = to_fact(entry.kind.value, entry.summary) if entry.kind is not EntryKind.CONTACT else None
        if fact is not None:
            entry.event, entry.params, entry.summary = str(fact[0]), fact[1], ""
        return entry
    data = exact_object(value, **_fields(_ENTRY_FIELDS, _ENTRY_SET, version))
    entry = _entry_fields(data)
    entry.uid = _uid(data, version)
    entry.event = _short(data["event"], "event", MAX_EVENT)
    entry.params = _params(data["params"], "params")
    return entry


def _entry_fields(data: dict[str, Any]) -> TimelineEntry:
    return TimelineEntry(
        at=_time(data["at"], "at"),
        kind=_entry_kind(data["kind"], "kind"),
        summary=_text(data["summary"], "summary"),
        channel=_opt_channel(data["channel"], "channel"),
        ticket=_text(data["ticket"], "ticket"),
        agent=_text(data["agent"], "agent"),
        next_follow_up=_opt_date(data["next_follow_up"], "next_follow_up"),
        status_from=_opt_status(data["status_from"], "status_from"),
        status_to=_opt_status(data["status_to"], "status_to"),
    )


def read_case(value: Any, version: int) -> Case:
    """One case of a document of this version, every field checked; Problem at the first wrong one."""
    if version == 1:
        data = exact_object(value, _CASE_SET_V1, _CASE_FIELDS_V1)
    else:
        data = exact_object(value, _CASE_SET, _CASE_FIELDS)
    case = Case(
        id=_id(data["id"], "id"),
        uuid=_uuid(data["uuid"], "uuid"),
        provider=_name(data["provider"], "provider"),
        service=_text(data["service"], "service"),
        action=_action(data["action"], "action"),
        playbook=_short(_name(data["playbook"], "playbook"), "playbook", MAX_PLAYBOOK_NAME),
        channel=_channel(data["channel"], "channel"),
        status=_status(data["status"], "status"),
        requested_on=_date(data["requested_on"], "requested_on"),
        ticket=_text(data["ticket"], "ticket"),
        promised_by=_date(data["promised_by"], "promised_by"),
        next_follow_up=_opt_date(data["next_follow_up"], "next_follow_up"),
        notes=_text(data["notes"], "notes"),
        created_at=_time(data["created_at"], "created_at"),
        updated_at=_time(data["updated_at"], "updated_at"),
        deleted_at=_opt_time(data["deleted_at"], "deleted_at"),
    )
    case.fee_amount, case.fee_currency = _fee(data["fee"])
    case.checks = _items(data["checks"], "checks", partial(_check, version=version))
    if len(case.checks) > 1:
        seen: dict[str, int] = {}
        for index, check in enumerate(case.checks):
            key = check.name.strip().casefold()
            if key in seen:
                raise Problem(
                    _("{value} is already {place}").format(
                        value=show(check.name), place=f"checks[{seen[key]}]"
                    ),
                    "name",
                    f"checks[{index}]",
                )
            seen[key] = index
    case.timeline = _items(data["timeline"], "timeline", partial(_entry, version=version))
    if version >= 2:
        case.effective_on = _opt_date(data["effective_on"], "effective_on")
        case.ends_on = _opt_date(data["ends_on"], "ends_on")
        case.stages = _items(data["stages"], "stages", partial(_stage, version=version))
        case.charges = _items(data["charges"], "charges", partial(_charge, version=version))
        case.attachments = _items(data["attachments"], "attachments", partial(_attachment, version=version))
    for name in ("checks", "timeline", "stages", "charges", "attachments"):
        _unique_uids(getattr(case, name), name)
    _keep_the_rules(case)
    return case


def _keep_the_rules(case: Case) -> None:
    """Stages, charges and attachments pass the same checks as when a command enters them
    (tracker.domain's one check per kind), so an import cannot hold what ``show`` would
    contradict: an answer before its filing, an answer without an outcome, "-0"."""
    from tracker.domain.charges import check_charge
    from tracker.domain.evidence import check_attachment
    from tracker.domain.stages import check_stage

    checks: tuple[tuple[str, list[Any], Callable[[int, Any], None]], ...] = (
        ("stages", case.stages, lambda _index, stage: check_stage(stage)),
        ("charges", case.charges, lambda _index, charge: check_charge(charge)),
        (
            "attachments",
            case.attachments,
            lambda index, attachment: check_attachment(attachment, case.attachments[:index], case.id),
        ),
    )
    for name, items, check in checks:
        for index, item in enumerate(items):
            try:
                check(index, item)
            except (InvalidInput, NotAllowed) as refused:
                field = getattr(refused, "field", None) or ""
                problem = Problem(str(refused), *([field] if field else []))
                raise problem.at(f"{name}[{index}]") from None
