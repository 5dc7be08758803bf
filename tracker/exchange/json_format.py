"""The JSON export document: writing it, and reading it back with every field checked.

The document::

    {
      "format": "tracker-export",
      "version": 2,
      "redacted": false,
      "cases": [ {case}, ... ]
    }

Each case is :func:`tracker.exchange.serialize.case_record`: every stored field,
its checks and its whole timeline, its stages, charges and attachments (the
list of files, not the files), cases in the trash included (with
``deleted_at``). Version 1 files (before stages, charges and attachments) are
still read. There is no export timestamp, so exporting the same data twice
gives the same bytes.

Reading is strict: every field must be present with the right type, unknown
fields are refused, and the first problem is reported with its place, e.g.
``cases[12].requested_on: not a date: "2026-02-30"``.

Version 2 gave timeline entries ``event`` and ``params`` (facts, worded when
shown). Version 1 files still import: their entries have neither, and the
English summaries the program wrote then are read back as facts
(:mod:`tracker.domain.legacy_entries`, as migration 0003 does).
"""

from __future__ import annotations

import json
import re
import uuid as uuid_module
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import partial
from typing import Any, TypeVar

from tracker.display import json_text
from tracker.domain.errors import InvalidInput
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
from tracker.exchange.serialize import case_record
from tracker.i18n import N_, _
from tracker.records import record

FORMAT = "tracker-export"
VERSION = 2
# Versions this tracker reads: 1 has no event and params on timeline entries, nor chosen
# dates, stages, charges or attachments; such files still import.
READABLE = (1, 2)
# An attached file's size in bytes: what a 64-bit integer holds.
MAX_FILE_SIZE = 2**63 - 1

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


# -- writing -------------------------------------------------------------------


def _dump(value: Any) -> str:
    return json_text(json.dumps(value, ensure_ascii=False, indent=2))


# json.dumps with an indent runs the pure-Python encoder, which is most of the time
# of a big export; this writes the same text (a test compares the two) with the C
# string escaper. It knows only what records hold: objects, lists, text, whole
# numbers, booleans and null.
_c_escape = json.encoder.encode_basestring


def _escape(text: str) -> str:
    # json escapes only C0 controls; DEL, C1 controls and bidi overrides are
    # escaped too (\\u0085), so the file is safe to print on a terminal.
    quoted = _c_escape(text)
    return quoted if quoted.isprintable() else json_text(quoted)


def _pretty(value: Any, indent: str) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    kind = type(value)
    if kind is str:
        return _escape(value)
    if kind is int:
        return int.__repr__(value)
    inner = indent + "  "
    if kind is dict:
        if not value:
            return "{}"
        fields = [f"{inner}{_escape(key)}: {_pretty(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(fields) + "\n" + indent + "}"
    if kind is list:
        if not value:
            return "[]"
        items = [inner + _pretty(item, inner) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return _dump(value).replace("\n", "\n" + indent)


def document_chunks(cases: Iterable[Case], redacted: bool = False) -> Iterator[str]:
    """The document as text chunks, one case at a time (exports need not fit in memory).

    The chunks join to exactly ``json.dumps(document, ensure_ascii=False, indent=2)``
    plus a final newline, but for characters a terminal would act on (DEL, C1
    controls, bidi overrides), which are written as ``\\uXXXX`` escapes.
    """
    yield "{\n"
    yield f'  "format": {_dump(FORMAT)},\n'
    yield f'  "version": {VERSION},\n'
    yield f'  "redacted": {_dump(redacted)},\n'
    yield '  "cases": ['
    first = True
    for case in cases:
        body = _pretty(case_record(case), "    ")
        yield ("\n    " if first else ",\n    ") + body
        first = False
    yield "]\n}\n" if first else "\n  ]\n}\n"


def document_text(cases: Iterable[Case], redacted: bool = False) -> str:
    return "".join(document_chunks(cases, redacted))


# -- reading -------------------------------------------------------------------


@record
class ExportDocument:
    """A validated export: its cases as domain objects, in file order."""

    cases: list[Case]
    redacted: bool = False


class _Problem(Exception):
    """A problem found while reading; each level it passes through adds its place."""

    def __init__(self, message: str, *segments: str) -> None:
        super().__init__(message)
        self.message = message
        self.segments = list(segments)  # innermost first

    def at(self, segment: str) -> _Problem:
        self.segments.append(segment)
        return self

    @property
    def place(self) -> str:
        return ".".join(reversed(self.segments)) or "document"


def _show(value: Any) -> str:
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


def _kind(value: Any) -> str:
    name = _TYPE_NAMES.get(type(value))
    return _(name) if name is not None else type(value).__name__


_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

# Each reader takes the value and the name of its field (for the message only).


def _text(value: Any, name: str) -> str:
    if type(value) is not str:
        raise _Problem(_("not text but {kind}").format(kind=_kind(value)), name)
    if not value.isascii() and _SURROGATE.search(value):
        raise _Problem(_("not valid Unicode text (a lone surrogate)"), name)
    return value


def _name(value: Any, name: str) -> str:
    text = _text(value, name)
    if not text.strip():
        raise _Problem(_("cannot be empty"), name)
    return text


def _short(value: Any, name: str, limit: int) -> str:
    """Text that fits the column the database keeps it in."""
    text = _text(value, name)
    if len(text) > limit:
        raise _Problem(
            _("longer than {limit} characters: {value}").format(limit=limit, value=_show(text)), name
        )
    return text


def _bool(value: Any, name: str) -> bool:
    if type(value) is not bool:
        raise _Problem(_("not true or false but {kind}").format(kind=_kind(value)), name)
    return value


def _date(value: Any, name: str) -> date:
    if type(value) is not str or not _ISO_DATE.match(value):
        raise _Problem(_("not a date (YYYY-MM-DD): {value}").format(value=_show(value)), name)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise _Problem(_("not a date: {value} does not exist").format(value=_show(value)), name) from None
    try:
        return check_date(day)
    except InvalidInput as exc:
        raise _Problem(str(exc), name) from None


def _opt_date(value: Any, name: str) -> date | None:
    return None if value is None else _date(value, name)


def _time(value: Any, name: str) -> datetime:
    if type(value) is not str:
        raise _Problem(_("not a timestamp but {kind}").format(kind=_kind(value)), name)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _Problem(_("not a timestamp (ISO 8601): {value}").format(value=_show(value)), name) from None
    if moment.tzinfo is None:
        raise _Problem(
            _("a timestamp needs a time zone (e.g. +00:00): {value}").format(value=_show(value)), name
        )
    if moment.tzinfo is not UTC:
        try:
            moment = moment.astimezone(UTC)
        except OverflowError:
            moment = datetime.min.replace(tzinfo=UTC)  # out of range: refused below
    if not in_moment_range(moment):
        raise _Problem(
            _("timestamp out of range: {value} (timestamps go {range})").format(
                value=_show(value), range=date_range_text()
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
            raise _Problem(
                _("{value} is not one of {allowed}").format(value=_show(value), allowed=allowed), name
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


def _object(value: Any, fields: frozenset[str], order: tuple[str, ...]) -> dict[str, Any]:
    """``value`` as an object with exactly these fields (missing and unknown ones refused)."""
    if type(value) is not dict:
        raise _Problem(_("not an object but {kind}").format(kind=_kind(value)))
    if value.keys() != fields:
        for name in order:
            if name not in value:
                raise _Problem(_("missing"), name)
        unknown = next(name for name in value if name not in fields)
        raise _Problem(_("not a field of this format"), unknown)
    return value


def _items(value: Any, name: str, read: Callable[[Any], T]) -> list[T]:
    """A list field, each item read by ``read``; a problem names the item's index."""
    if type(value) is not list:
        raise _Problem(_("not a list but {kind}").format(kind=_kind(value)), name)
    items: list[T] = []
    index = 0
    try:
        for index, item in enumerate(value):  # noqa: B007 - index is used on failure
            items.append(read(item))
    except _Problem as problem:
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
_CHARGE_FIELDS = ("amount", "currency", "on", "period_start", "period_end", "owed", "note")
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
_TOP_FIELDS = ("format", "version", "redacted", "cases")
_CASE_SET, _CHECK_SET, _ENTRY_SET, _ENTRY_SET_V1, _FEE_SET, _TOP_SET = (
    frozenset(f)
    for f in (_CASE_FIELDS, _CHECK_FIELDS, _ENTRY_FIELDS, _ENTRY_FIELDS_V1, _FEE_FIELDS, _TOP_FIELDS)
)
_CASE_SET_V1, _STAGE_SET, _CHARGE_SET, _ATTACHMENT_SET = (
    frozenset(f) for f in (_CASE_FIELDS_V1, _STAGE_FIELDS, _CHARGE_FIELDS, _ATTACHMENT_FIELDS)
)


def _id(value: Any, name: str) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not 1 <= value <= MAX_CASE_ID:
        raise _Problem(
            _("not a case number (a whole number from 1 to {most}): {value}").format(
                most=f"{MAX_CASE_ID:,}", value=_show(value)
            ),
            name,
        )
    return value


def _uuid(value: Any, name: str) -> str:
    if type(value) is not str:
        raise _Problem(_("not a UUID but {kind}").format(kind=_kind(value)), name)
    try:
        canonical = str(uuid_module.UUID(value))
    except ValueError:
        canonical = ""
    if canonical != value:
        raise _Problem(_("not a UUID in lowercase 8-4-4-4-12 form: {value}").format(value=_show(value)), name)
    return value


def _amount(raw: Any, name: str) -> Decimal:
    if type(raw) is not str:
        raise _Problem(_('not an amount as text (e.g. "29.90") but {kind}').format(kind=_kind(raw)), name)
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise _Problem(_("not an amount: {value}").format(value=_show(raw)), name) from None
    if not amount.is_finite() or amount < 0:
        raise _Problem(_("must be zero or more: {value}").format(value=_show(raw)), name)
    exponent = amount.as_tuple().exponent
    if amount.adjusted() >= MAX_FEE_DIGITS or (isinstance(exponent, int) and exponent < -MAX_FEE_DECIMALS):
        raise _Problem(
            _("at most {digits} digits and {decimals} decimals: {value}").format(
                digits=MAX_FEE_DIGITS, decimals=MAX_FEE_DECIMALS, value=_show(raw)
            ),
            name,
        )
    return amount


def _opt_amount(raw: Any, name: str) -> Decimal | None:
    return None if raw is None else _amount(raw, name)


def _opt_bool(raw: Any, name: str) -> bool | None:
    return None if raw is None else _bool(raw, name)


def _sha256(raw: Any, name: str) -> str:
    if type(raw) is not str or not re.fullmatch(r"[0-9a-f]{64}", raw):
        raise _Problem(_("not a SHA-256 in lowercase hexadecimal: {value}").format(value=_show(raw)), name)
    return raw


def _size(raw: Any, name: str) -> int:
    if type(raw) is not int or not 0 <= raw <= MAX_FILE_SIZE:
        raise _Problem(_("not a size in bytes: {value}").format(value=_show(raw)), name)
    return raw


def _stage(value: Any) -> Stage:
    data = _object(value, _STAGE_SET, _STAGE_FIELDS)
    return Stage(
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
    )


def _charge(value: Any) -> Charge:
    data = _object(value, _CHARGE_SET, _CHARGE_FIELDS)
    currency = _text(data["currency"], "currency")
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise _Problem(
            _("not a currency code (three capitals, e.g. PEN): {value}").format(value=_show(currency)),
            "currency",
        )
    return Charge(
        amount=_amount(data["amount"], "amount"),
        currency=currency,
        on=_date(data["on"], "on"),
        period_start=_opt_date(data["period_start"], "period_start"),
        period_end=_opt_date(data["period_end"], "period_end"),
        owed=_opt_bool(data["owed"], "owed"),
        note=_text(data["note"], "note"),
    )


def _attachment(value: Any) -> Attachment:
    data = _object(value, _ATTACHMENT_SET, _ATTACHMENT_FIELDS)
    return Attachment(
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
        fee = _object(value, _FEE_SET, _FEE_FIELDS)
    except _Problem as problem:
        raise problem.at("fee") from None
    currency = _short(fee["currency"], "fee.currency", MAX_CURRENCY)
    raw = fee["amount"]
    if raw is None:
        return None, currency
    return _amount(raw, "fee.amount"), currency


def _check(value: Any) -> Check:
    data = _object(value, _CHECK_SET, _CHECK_FIELDS)
    return Check(
        name=_name(data["name"], "name"),
        required=_bool(data["required"], "required"),
        state=_state(data["state"], "state"),
        checked_at=_opt_time(data["checked_at"], "checked_at"),
        note=_text(data["note"], "note"),
    )


def _params(value: Any, name: str) -> dict[str, str]:
    if type(value) is not dict:
        raise _Problem(_("not an object but {kind}").format(kind=_kind(value)), name)
    for key, item in value.items():
        _text(item, f"{name}.{key}")
    return value


def _entry(value: Any, version: int = VERSION) -> TimelineEntry:
    if version == 1:
        entry = _entry_fields(_object(value, _ENTRY_SET_V1, _ENTRY_FIELDS_V1))
        fact = to_fact(entry.kind.value, entry.summary) if entry.kind is not EntryKind.CONTACT else None
        if fact is not None:
            entry.event, entry.params, entry.summary = str(fact[0]), fact[1], ""
        return entry
    data = _object(value, _ENTRY_SET, _ENTRY_FIELDS)
    entry = _entry_fields(data)
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


def _case(value: Any, version: int = VERSION) -> Case:
    if version == 1:
        data = _object(value, _CASE_SET_V1, _CASE_FIELDS_V1)
    else:
        data = _object(value, _CASE_SET, _CASE_FIELDS)
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
    case.checks = _items(data["checks"], "checks", _check)
    if len(case.checks) > 1:
        seen: dict[str, int] = {}
        for index, check in enumerate(case.checks):
            key = check.name.strip().casefold()
            if key in seen:
                raise _Problem(
                    _("{value} is already {place}").format(
                        value=_show(check.name), place=f"checks[{seen[key]}]"
                    ),
                    "name",
                    f"checks[{index}]",
                )
            seen[key] = index
    case.timeline = _items(data["timeline"], "timeline", partial(_entry, version=version))
    if version >= 2:
        case.effective_on = _opt_date(data["effective_on"], "effective_on")
        case.ends_on = _opt_date(data["ends_on"], "ends_on")
        case.stages = _items(data["stages"], "stages", _stage)
        case.charges = _items(data["charges"], "charges", _charge)
        case.attachments = _items(data["attachments"], "attachments", _attachment)
    return case


def decode(raw: bytes) -> Any:
    """The JSON value in ``raw`` (UTF-8, a BOM allowed); InvalidInput saying where it breaks."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(_("not UTF-8 text (byte {position})").format(position=exc.start)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            _("not JSON: line {line} column {column}: {problem}").format(
                line=exc.lineno, column=exc.colno, problem=exc.msg
            )
        ) from None
    except RecursionError:
        raise InvalidInput(_("not JSON this tracker can read: nested too deeply")) from None
    except ValueError:
        # Python refuses to read whole numbers of more than 4,300 digits.
        raise InvalidInput(_("not JSON this tracker can read: a number far too long")) from None


def validate(data: Any, progress: Callable[[int, int], None] | None = None) -> ExportDocument:
    """Check a decoded document and turn it into cases; InvalidInput at the first problem.

    ``progress(done, total)`` is called now and then while the cases are read.
    """
    try:
        return _validate(data, progress)
    except _Problem as problem:
        raise InvalidInput(
            _("{place}: {problem}").format(place=problem.place, problem=problem.message), problem.place
        ) from None


def _validate(data: Any, progress: Callable[[int, int], None] | None) -> ExportDocument:
    if type(data) is not dict:
        raise _Problem(
            _("not a tracker export: the top level is {kind}, not an object").format(kind=_kind(data))
        )
    if "format" not in data:
        raise _Problem(
            _('missing: this is not a tracker export (expected "{format}")').format(format=FORMAT), "format"
        )
    if data["format"] != FORMAT:
        raise _Problem(
            _('{value} is not a tracker export (expected "{format}")').format(
                value=_show(data["format"]), format=FORMAT
            ),
            "format",
        )
    if "version" not in data:
        raise _Problem(_("missing"), "version")
    version = data["version"]
    if type(version) is not int or version not in READABLE:
        if type(version) is int and version > VERSION:
            raise _Problem(
                _(
                    "{version} was written by a newer tracker (this one reads version {readable}); "
                    "upgrade tracker"
                ).format(version=version, readable=VERSION),
                "version",
            )
        readable = ", ".join(str(v) for v in READABLE)
        raise _Problem(
            _("{value} is not a version this tracker reads (it reads {readable})").format(
                value=_show(version), readable=readable
            ),
            "version",
        )
    _object(data, _TOP_SET, _TOP_FIELDS)
    redacted = _bool(data["redacted"], "redacted")
    raw_cases = data["cases"]
    if type(raw_cases) is not list:
        raise _Problem(_("not a list but {kind}").format(kind=_kind(raw_cases)), "cases")
    total = len(raw_cases)
    cases: list[Case] = []
    by_uuid: dict[str, int] = {}
    by_id: dict[int, int] = {}
    index = 0
    try:
        for index, raw in enumerate(raw_cases):  # index is used on failure
            case = _case(raw, version)
            earlier = by_uuid.setdefault(case.uuid, index)
            if earlier != index:
                raise _Problem(
                    _("{value} is already {place}").format(value=case.uuid, place=f"cases[{earlier}]"), "uuid"
                )
            if case.id is not None:
                earlier = by_id.setdefault(case.id, index)
                if earlier != index:
                    raise _Problem(
                        _("{value} is already the id of {place}").format(
                            value=case.id, place=f"cases[{earlier}]"
                        ),
                        "id",
                    )
            cases.append(case)
            if progress is not None and index % 1000 == 999:
                progress(index + 1, total)
    except _Problem as problem:
        raise problem.at(f"cases[{index}]") from None
    if progress is not None:
        progress(total, total)
    return ExportDocument(cases, redacted)


def parse(raw: bytes, progress: Callable[[int, int], None] | None = None) -> ExportDocument:
    """Decode and validate an export file's bytes."""
    return validate(decode(raw), progress)
