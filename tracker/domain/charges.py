"""Charges: what the provider billed or took, and which of it the rules say is not owed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

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


def is_not_owed(case: Case, charge: Charge, rules: CaseRules) -> bool:
    """Whether the charge is not owed: the user's word first, then the rules.

    - A suspension: charges dated while it lasts.
    - A baja under a rule book that says so (Peru): while the baja is not carried
      out, or was carried out late, bills issued after the request (or after the
      date the user chose) are not owed; once carried out in time, bills for a
      period that starts after it.
    - Anything else: charges after the promised date are disputed.
    """
    if charge.owed is not None:
        return not charge.owed
    if disclosed_reactivation_fee(case, charge):
        return False  # disclosed when the suspension was asked for: a legitimate charge
    if case.action is Action.SUSPEND:
        return charge.on > case.promised_by and (case.ends_on is None or charge.on <= case.ends_on)
    book = rules.book
    if book is not None and book.charges_not_owed_after == "request":
        done = carried_out_on(case, rules.local_day)
        if done is None or done > provider_deadline(case, rules).due:
            return charge.on > (case.effective_on or case.requested_on)
        return charge.period_start is not None and charge.period_start >= done
    return charge.on > case.promised_by


def not_owed_totals(case: Case, rules: CaseRules) -> dict[str, Decimal]:
    """The charges not owed on a case, summed by currency (currencies in code order)."""
    totals: dict[str, Decimal] = {}
    for charge in case.charges:
        if is_not_owed(case, charge, rules):
            totals[charge.currency] = totals.get(charge.currency, Decimal(0)) + charge.amount
    return dict(sorted(totals.items()))


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
) -> Charge:
    """Record a charge. ``owed`` overrides what the rules would say."""
    if amount <= 0:
        raise InvalidInput(_("the amount must be more than zero"), "amount")
    currency = check_currency(currency)
    if on > today:
        raise InvalidInput(
            _("the charge's date {on} is in the future (today is {today})").format(
                on=on.isoformat(), today=today.isoformat()
            ),
            "on",
        )
    if period is not None and period[1] < period[0]:
        raise InvalidInput(_("the period ends before it starts"), "period")
    charge = Charge(
        amount=amount,
        currency=currency,
        on=on,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        owed=owed,
        note=note,
    )
    case.charges.append(charge)
    case.charges.sort(key=lambda c: c.on)
    params = {"amount": str(amount), "currency": currency, "on": on.isoformat()}
    if owed is not None:
        params["owed"] = "yes" if owed else "no"
    case.note_change(
        TimelineEntry(at=now, kind=EntryKind.CHARGE, summary=note, event=Event.CHARGE_ADDED, params=params)
    )
    return charge


def set_charge_owed(case: Case, number: int, owed: bool | None, now: datetime) -> Charge:
    """The user's word on charge ``number`` (from 1): owed, not owed, or None for the rules'."""
    if not 1 <= number <= len(case.charges):
        raise NotFound(
            _("case {id} has no charge {number} (it has {count})").format(
                id=case.id, number=number, count=len(case.charges)
            )
        )
    charge = case.charges[number - 1]
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
