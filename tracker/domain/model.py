"""The case, its checks and its timeline: plain data, no behaviour beyond queries."""

from __future__ import annotations

import os
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from tracker.records import field, record

if TYPE_CHECKING:
    from decimal import Decimal  # loaded where amounts are read or written, not by every command


class Status(StrEnum):
    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    VERIFIED = "verified"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"


OPEN_STATUSES = frozenset({Status.REQUESTED, Status.CONFIRMED, Status.FAILED})


class Action(StrEnum):
    CANCEL = "cancel"
    SUSPEND = "suspend"


class Channel(StrEnum):
    PHONE = "phone"
    WEB = "web"
    APP = "app"
    STORE = "store"
    EMAIL = "email"
    CHAT = "chat"
    OTHER = "other"


class CheckState(StrEnum):
    PENDING = "pending"
    PASSED = "passed"
    FAILED = "failed"
    # The check does not apply to this case (no watch to unpair): neither passed nor
    # failed, and left out of the progress's count. Stored as text, like the others.
    NOT_APPLICABLE = "n/a"

    def cycled(self) -> CheckState:
        """The next state in the pending → passed → failed → n/a → pending cycle."""
        order = [CheckState.PENDING, CheckState.PASSED, CheckState.FAILED, CheckState.NOT_APPLICABLE]
        return order[(order.index(self) + 1) % len(order)]

    @property
    def applies(self) -> bool:
        """Whether the check counts towards the case's progress (it is not n/a)."""
        return self is not CheckState.NOT_APPLICABLE


class EntryKind(StrEnum):
    CREATED = "created"
    CONTACT = "contact"
    STATUS = "status"
    CHECK = "check"
    EDIT = "edit"
    TRASH = "trash"
    STAGE = "stage"
    CHARGE = "charge"
    ATTACHMENT = "attachment"


class StageKind(StrEnum):
    """A step past the provider's deadline, in the order the Peruvian path takes them."""

    RECLAMO = "reclamo"
    QUEJA = "queja"
    APELACION = "apelacion"
    OSIPTEL_FORM = "osiptel-form"


class LetterKind(StrEnum):
    """The letters ``tracker letter ID KIND`` writes: the baja request, then one for each stage
    that has a letter (OSIPTEL's form is filled in on its web page)."""

    BAJA = "baja"
    RECLAMO = StageKind.RECLAMO.value
    QUEJA = StageKind.QUEJA.value
    APELACION = StageKind.APELACION.value


class Topic(StrEnum):
    """What a reclamo is about; it decides how long the operator has."""

    BAJA = "baja"
    BILLING = "billing"
    QUALITY = "quality"
    # A baja, suspension or cut-off the user did not ask for: resolved soonest.
    UNREQUESTED = "unrequested"


class Outcome(StrEnum):
    FUNDADO = "fundado"
    INFUNDADO = "infundado"
    PARCIAL = "parcial"  # fundado en parte
    # Not decided on its merits: the claim does not lie (it can be appealed like infundado).
    IMPROCEDENTE = "improcedente"
    # Not admitted as filed: the user is asked to fix something within a short time.
    INADMISIBLE = "inadmisible"


def new_uid() -> str:
    """A random identity for one check, stage, charge, attachment or timeline entry:
    16 bytes from ``os.urandom`` as 32 lowercase hexadecimal digits.

    It is made when the item is entered and never changes, so two copies of the
    tracker can tell "the same charge" from "another charge of the same amount on
    the same day" when they are merged (tracker.domain.merge).
    """
    return os.urandom(16).hex()


@record
class Check:
    """One check that proves a cancellation is over, and its state."""

    name: str
    required: bool = False
    state: CheckState = CheckState.PENDING
    checked_at: datetime | None = None
    note: str = ""
    uid: str = field(default_factory=new_uid)  # "" only for what an old export carries
    id: int | None = None


@record
class TimelineEntry:
    """One line of a case's append-only paper trail.

    What the program records is stored as a fact, without words: ``event`` names
    it (e.g. ``"check.result"``) and ``params`` holds its particulars (e.g.
    ``{"check": "calls blocked", "state": "passed"}``); the layer that shows the
    entry words it in the reader's language. ``summary`` holds only what the user
    typed (what a contact said), exactly as typed.
    """

    at: datetime
    kind: EntryKind
    summary: str
    channel: Channel | None = None
    ticket: str = ""
    agent: str = ""
    next_follow_up: date | None = None
    status_from: Status | None = None
    status_to: Status | None = None
    event: str = ""
    params: dict[str, str] = field(default_factory=dict)
    uid: str = field(default_factory=new_uid)  # "" only for what an old export carries
    id: int | None = None


@record
class Stage:
    """A reclamo, queja, apelación or OSIPTEL form filed on a case, and its answer."""

    kind: StageKind
    filed_on: date
    channel: Channel | None = None
    code: str = ""  # the código the operator (or OSIPTEL) gave for it
    topic: Topic | None = None  # reclamos only
    amount: Decimal | None = None  # the amount in dispute, for billing reclamos
    note: str = ""
    answered_on: date | None = None  # the day the answer was notified
    outcome: Outcome | None = None
    answer_code: str = ""  # the resolution's number
    answer_note: str = ""
    # The day the answer was issued (dated), when the user knows it: silence applies when
    # the answer was issued late even if it was notified in time, and the other way round.
    issued_on: date | None = None
    uid: str = field(default_factory=new_uid)  # "" only for what an old export carries
    answer_reason: str = ""  # the reason the answer gives, in the user's words (an apelación answers it)
    id: int | None = None

    @property
    def answered(self) -> bool:
        return self.answered_on is not None


@record
class Charge:
    """Money the provider billed or took. ``owed`` is the user's own word on it; None
    lets the rules decide (see :mod:`tracker.domain.charges`)."""

    amount: Decimal
    currency: str
    on: date
    period_start: date | None = None
    period_end: date | None = None
    owed: bool | None = None
    note: str = ""
    uid: str = field(default_factory=new_uid)  # "" only for what an old export carries
    # The receipt (boleta or factura) the charge is on, and the day it falls due: a
    # billing reclamo names them, and the window to claim it counts from the due day.
    receipt: str = ""
    due_on: date | None = None
    id: int | None = None


@record
class Attachment:
    """A file kept as evidence, stored under its SHA-256 in the data folder."""

    name: str
    sha256: str
    size: int
    added_at: datetime
    note: str = ""
    uid: str = field(default_factory=new_uid)  # "" only for what an old export carries
    id: int | None = None


def new_uuid() -> str:
    """A random (version 4) UUID as text, as ``str(uuid.uuid4())`` makes it.

    Made here from ``os.urandom``: the ``uuid`` module loads ``platform`` and costs
    ``tracker add`` more than these six lines (``tests/bench`` measures the commands).
    """
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


@record
class Case:
    """One cancellation: what, with whom, the dates, the checks and the timeline."""

    provider: str
    service: str
    requested_on: date
    promised_by: date
    created_at: datetime
    updated_at: datetime
    action: Action = Action.CANCEL
    playbook: str = "generic"
    channel: Channel = Channel.PHONE
    ticket: str = ""
    next_follow_up: date | None = None
    status: Status = Status.REQUESTED
    notes: str = ""
    fee_amount: Decimal | None = None
    fee_currency: str = ""
    checks: list[Check] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    uuid: str = field(default_factory=new_uuid)
    deleted_at: datetime | None = None
    # A baja (or suspension) on a date the user chose, and the day a suspension ends.
    effective_on: date | None = None
    ends_on: date | None = None
    stages: list[Stage] = field(default_factory=list)
    charges: list[Charge] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    # Derived from the stages and charges by tracker.domain.deadlines.refresh, stored so
    # that lists can flag and sort without the rules: the provider's earliest answer
    # deadline still open, the user's earliest deadline still open, and the day from
    # which that one counts as close (5 business days before it).
    answer_due: date | None = None
    user_due: date | None = None
    user_alert_on: date | None = None
    id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def find_check(self, name: str) -> Check | None:
        """The check with this name, compared case-insensitively."""
        wanted = name.strip().casefold()
        for check in self.checks:
            if check.name.strip().casefold() == wanted:
                return check
        return None

    @property
    def checks_passed(self) -> int:
        return sum(1 for c in self.checks if c.state is CheckState.PASSED)

    @property
    def checks_applicable(self) -> int:
        """The checks that apply to this case: all but those marked n/a."""
        return sum(1 for c in self.checks if c.state.applies)

    @property
    def progress(self) -> str:
        """Check progress as "passed/applicable", e.g. "2/4": n/a checks are left out."""
        return f"{self.checks_passed}/{self.checks_applicable}"

    def latest_stage(self, kind: StageKind | None = None) -> Stage | None:
        """The stage filed last (of ``kind`` when given)."""
        for stage in reversed(self.stages):
            if kind is None or stage.kind is kind:
                return stage
        return None

    def note_change(self, entry: TimelineEntry) -> None:
        """A change to the case: ``entry`` says what happened, and the case was last changed then.

        Every change the user makes goes through here, so none is made without its entry.
        """
        self.timeline.append(entry)
        self.updated_at = entry.at

    def last_contact(self) -> TimelineEntry | None:
        for entry in reversed(self.timeline):
            if entry.kind is EntryKind.CONTACT:
                return entry
        return None
