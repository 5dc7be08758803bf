"""Charges: what the provider billed or took, and which of it the rules say is not owed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from tracker.domain.caserules import CaseRules, carried_out_on, provider_deadline
from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.events import Event
from tracker.domain.model import Action, Case, Charge, EntryKind, TimelineEntry
from tracker.domain.suspension import disclosed_reactivation_fee
from tracker.i18n import _
from tracker.records import record

# ISO 4217 codes in use. A typo such as "PNE" is refused rather than totalled apart.
_ISO_4217 = """
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD
FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT
TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW
ZWG
"""
CURRENCIES = frozenset(_ISO_4217.split())

_AMOUNT = re.compile(r"^\d{1,12}(?:[.,]\d{1,4})?$")


def parse_amount(text: str, field: str = "amount") -> Decimal:
    """A positive amount such as "79.80" (or "79,80")."""
    value = text.strip()
    if not _AMOUNT.match(value):
        raise InvalidInput(_("{text!r} is not an amount (write it like 79.80)").format(text=text), field)
    try:
        amount = Decimal(value.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise InvalidInput(
            _("{text!r} is not an amount (write it like 79.80)").format(text=text), field
        ) from None
    if amount <= 0:
        raise InvalidInput(_("the amount must be more than zero"), field)
    return amount


def check_currency(code: str, field: str = "currency") -> str:
    """An ISO 4217 currency code in capitals; unknown codes refused."""
    value = code.strip().upper()
    if value not in CURRENCIES:
        raise InvalidInput(
            _("{code!r} is not a currency code (ISO 4217, e.g. PEN, USD, EUR)").format(code=code), field
        )
    return value


class LineFrom(StrEnum):
    """What the line between owed and not-owed service is drawn at."""

    DEADLINE = "deadline"  # the day the baja had to be carried out (the rule book's default)
    REQUEST = "request"  # the request, or the date the user chose for a scheduled baja
    CARRIED_OUT = "carried-out"  # the day it was carried out, in time
    PROMISED = "promised"  # the playbook's own promised date (no rule book)
    SUSPENSION = "suspension"  # a suspension: not owed from its start to its end


@record(frozen=True)
class OwedLine:
    """Service up to and including ``day`` is owed; after it (through ``until``, when a
    suspension ends) it is not."""

    day: date
    basis: LineFrom
    until: date | None = None


def owed_line(case: Case, rules: CaseRules) -> OwedLine:
    """Where the case's line lies, and what it is drawn at.

    Carried out in time: the day it was done. Otherwise, under a rule book, the line
    the book (or the user's config) chooses; the day the baja had to be carried out by
    default, since the press reports of OSIPTEL's offices disagree and that day is the
    safer side. Without a rule book: the playbook's promised date.
    """
    if case.action is Action.SUSPEND:
        return OwedLine(case.promised_by, LineFrom.SUSPENSION, case.ends_on)
    book = rules.book
    deadline = provider_deadline(case, rules).due if book is not None else case.promised_by
    done = carried_out_on(case, rules.local_day)
    if done is not None and done <= deadline:
        return OwedLine(done, LineFrom.CARRIED_OUT)
    if book is None or not book.not_owed_from:
        return OwedLine(case.promised_by, LineFrom.PROMISED)
    if book.not_owed_from == LineFrom.REQUEST:
        return OwedLine(case.effective_on or case.requested_on, LineFrom.REQUEST)
    return OwedLine(deadline, LineFrom.DEADLINE)


class Share(StrEnum):
    OWED = "owed"
    NOT_OWED = "not-owed"
    SPLIT = "split"  # its period runs across the line: part owed, part not
    UNKNOWN = "period-unknown"  # no period: the rules cannot tell


@record(frozen=True)
class ChargeShare:
    """How much of a charge is owed and how much is not, and over how many days of its period."""

    share: Share
    owed: Decimal
    not_owed: Decimal
    owed_days: int = 0
    not_owed_days: int = 0
    by_user: bool = False  # the user's word, not the rules'

    @property
    def unknown(self) -> bool:
        return self.share is Share.UNKNOWN


_CENT = Decimal("0.01")


def charge_share(case: Case, charge: Charge, rules: CaseRules, line: OwedLine | None = None) -> ChargeShare:
    """What of ``charge`` is owed: its PERIOD against the line, never the bill's date.

    Service wholly before the line is owed, wholly after it is not, and a period across
    it is split by days. Without a period the rules cannot tell ("period unknown"): a
    user told "not owed" would stop paying money they may owe.
    """
    zero = Decimal(0)
    if charge.owed is not None:
        if charge.owed:
            return ChargeShare(Share.OWED, charge.amount, zero, by_user=True)
        return ChargeShare(Share.NOT_OWED, zero, charge.amount, by_user=True)
    if disclosed_reactivation_fee(case, charge):
        # Disclosed when the suspension was asked for: a legitimate charge, whatever its period.
        return ChargeShare(Share.OWED, charge.amount, zero)
    if charge.period_start is None or charge.period_end is None:
        return ChargeShare(Share.UNKNOWN, zero, zero)
    line = line or owed_line(case, rules)
    first_free = line.day + timedelta(days=1)
    last_free = charge.period_end if line.until is None else min(line.until, charge.period_end)
    start = max(first_free, charge.period_start)
    days = (charge.period_end - charge.period_start).days + 1
    free = max(0, (last_free - start).days + 1)
    if free == 0:
        return ChargeShare(Share.OWED, charge.amount, zero, owed_days=days)
    if free == days:
        return ChargeShare(Share.NOT_OWED, zero, charge.amount, not_owed_days=days)
    not_owed = (charge.amount * free / days).quantize(_CENT, ROUND_HALF_UP)
    return ChargeShare(Share.SPLIT, charge.amount - not_owed, not_owed, days - free, free)


def is_not_owed(case: Case, charge: Charge, rules: CaseRules) -> bool:
    """Whether some of the charge is not owed (all of it, or its part after the line)."""
    return charge_share(case, charge, rules).not_owed > 0


def not_owed_totals(case: Case, rules: CaseRules) -> dict[str, Decimal]:
    """The charges (and parts of charges) not owed on a case, summed by currency (in code order)."""
    totals: dict[str, Decimal] = {}
    line = owed_line(case, rules)
    for charge in case.charges:
        part = charge_share(case, charge, rules, line).not_owed
        if part:
            totals[charge.currency] = totals.get(charge.currency, Decimal(0)) + part
    return dict(sorted(totals.items()))


def unknown_period(case: Case, rules: CaseRules) -> list[int]:
    """The numbers (from 1) of the charges whose period is needed before the rules can tell."""
    return [n for n, c in enumerate(case.charges, start=1) if charge_share(case, c, rules).unknown]


@record(frozen=True)
class NotOwedOverview:
    """Money not owed across cases: totals by currency, and how many cases hold some."""

    totals: dict[str, Decimal]
    cases: int


def overview(per_case: Iterable[dict[str, Decimal]]) -> NotOwedOverview:
    totals: dict[str, Decimal] = {}
    cases = 0
    for case_totals in per_case:
        if not case_totals:
            continue
        cases += 1
        for currency, amount in case_totals.items():
            totals[currency] = totals.get(currency, Decimal(0)) + amount
    return NotOwedOverview(dict(sorted(totals.items())), cases)


# -- what the user does ------------------------------------------------------------


def check_charge(charge: Charge) -> None:
    """What every charge is, recorded by ``charge`` or read from an import: more than zero
    (not "-0"), a known currency in capitals, a whole period that ends after it starts.
    Its date against today is the command's to check (an export is read on other days)."""
    if charge.amount <= 0 or charge.amount.is_signed():
        raise InvalidInput(_("the amount must be more than zero"), "amount")
    if check_currency(charge.currency) != charge.currency:
        raise InvalidInput(
            _("{code!r} is not a currency code (ISO 4217, e.g. PEN, USD, EUR)").format(code=charge.currency),
            "currency",
        )
    if (charge.period_start is None) != (charge.period_end is None):
        raise InvalidInput(_("a period needs both its first and its last day"), "period")
    if (
        charge.period_start is not None
        and charge.period_end is not None
        and charge.period_end < charge.period_start
    ):
        raise InvalidInput(_("the period ends before it starts"), "period")
    _check_due(charge.due_on, charge.on)


def add_charge(
    case: Case,
    amount: Decimal,
    currency: str,
    on: date,
    now: datetime,
    today: date,
    *,
    period: tuple[date, date] | None = None,
    owed: bool | None = None,
    note: str = "",
    receipt: str = "",
    due: date | None = None,
) -> Charge:
    """Record a charge. ``owed`` overrides what the rules would say; ``receipt`` and ``due``
    are the bill's number and the day it falls due."""
    currency = check_currency(currency)
    if on > today:
        raise InvalidInput(
            _("the charge's date {on} is in the future (today is {today})").format(
                on=on.isoformat(), today=today.isoformat()
            ),
            "on",
        )
    charge = Charge(
        amount=amount,
        currency=currency,
        on=on,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        owed=owed,
        note=note,
        receipt=receipt.strip(),
        due_on=due,
    )
    check_charge(charge)
    case.charges.append(charge)
    case.charges.sort(key=lambda c: c.on)
    params = {"amount": str(amount), "currency": currency, "on": on.isoformat()}
    if owed is not None:
        params["owed"] = "yes" if owed else "no"
    if charge.receipt:
        params["receipt"] = charge.receipt
    if due is not None:
        params["due_on"] = due.isoformat()
    case.note_change(
        TimelineEntry(at=now, kind=EntryKind.CHARGE, summary=note, event=Event.CHARGE_ADDED, params=params)
    )
    return charge


def _check_due(due: date | None, on: date) -> None:
    # A bill falls due on or after the day it is issued; a due date before it is a typo.
    if due is not None and due < on:
        raise InvalidInput(
            _("the due date {due} is before the bill's date {on}").format(
                due=due.isoformat(), on=on.isoformat()
            ),
            "due",
        )


def _numbered(case: Case, number: int) -> Charge:
    if not 1 <= number <= len(case.charges):
        raise NotFound(
            _("case {id} has no charge {number} (it has {count})").format(
                id=case.id, number=number, count=len(case.charges)
            )
        )
    return case.charges[number - 1]


def complete_charge(
    case: Case,
    number: int,
    now: datetime,
    *,
    period: tuple[date, date] | None = None,
    receipt: str | None = None,
    due: date | None = None,
) -> Charge:
    """Give charge ``number`` (from 1) what it lacked: the period it bills, its receipt's
    number, the day it falls due. What is not given is left as it was."""
    charge = _numbered(case, number)
    params = {"amount": str(charge.amount), "currency": charge.currency}
    # Everything is checked before anything changes: a refusal leaves the charge as it was.
    if period is not None and period[1] < period[0]:
        raise InvalidInput(_("the period ends before it starts"), "period")
    _check_due(due, charge.on)
    if period is not None:
        charge.period_start, charge.period_end = period
        params["period_start"], params["period_end"] = period[0].isoformat(), period[1].isoformat()
    if receipt is not None and receipt.strip():
        charge.receipt = params["receipt"] = receipt.strip()
    if due is not None:
        charge.due_on = due
        params["due_on"] = due.isoformat()
    if len(params) == 2:
        raise InvalidInput(_("nothing to change: give the charge's --period, --receipt or --due"), "period")
    case.note_change(
        TimelineEntry(at=now, kind=EntryKind.CHARGE, summary="", event=Event.CHARGE_COMPLETED, params=params)
    )
    return charge


def set_charge_owed(case: Case, number: int, owed: bool | None, now: datetime) -> Charge:
    """The user's word on charge ``number`` (from 1): owed, not owed, or None for the rules'."""
    charge = _numbered(case, number)
    charge.owed = owed
    word = "rules" if owed is None else ("yes" if owed else "no")
    case.note_change(
        TimelineEntry(
            at=now,
            kind=EntryKind.CHARGE,
            summary="",
            event=Event.CHARGE_OWED,
            params={"amount": str(charge.amount), "currency": charge.currency, "owed": word},
        )
    )
    return charge
