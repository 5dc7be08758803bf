"""Deadlines set by law, as data: norms, dated rules, and yearly values such as the UIT.

A rule book (``rulebooks/pe.toml`` for Peru) lists the norms and, for each rule,
how long it gives (business days, calendar days or months) and which norm sets
it. Several rules may share a key (``"baja"``): they are versions of one rule,
and the day that matters picks the one whose norm was in force then. Nothing
here knows what a reclamo is; :mod:`tracker.domain.deadlines` asks for rules by
key.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.dates import days_in_month
from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.replies import Reply, parse_replies
from tracker.i18n import _
from tracker.records import field, record, replace

if TYPE_CHECKING:
    from pathlib import Path


class Unit(StrEnum):
    BUSINESS_DAYS = "business_days"
    DAYS = "days"
    MONTHS = "months"


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Jan + 1 = 28 Feb)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = days_in_month(year, month + 1)
    return date(year, month + 1, min(start.day, last))


@record(frozen=True)
class Norm:
    """A norm that sets rules, e.g. Res. 138-2012-CD/OSIPTEL."""

    id: str
    citation: str
    title: str
    # The first day it applies; None with ``date_unknown`` False: since before any case.
    applies_from: date | None = None
    # Its start date could not be confirmed: it applies only once the user sets it.
    date_unknown: bool = False
    source: str = ""
    # Set from the user's config (norm_dates), not from the rule book.
    date_from_config: bool = False
    # Its text is not kept with the rule book: what is cited from it could not be confirmed.
    unverified: bool = False

    def in_force(self, day: date) -> bool:
        if self.applies_from is not None:
            return self.applies_from <= day
        return not self.date_unknown


@record(frozen=True)
class Rule:
    """One deadline: ``amount`` units, set by ``norm`` (an id in the rule book)."""

    key: str
    amount: int
    unit: Unit
    norm: str
    article: str = ""  # where in the norm: "numeral i) del artículo 76"
    source: str = ""  # where the rule (its days, its article) was found
    # No source was found that sets this rule for this step: shown as such wherever it is
    # cited, and the letters state its days without citing it as law.
    unsourced: bool = False

    @property
    def id(self) -> str:
        """A stable, language-neutral name: ``"baja@osiptel-138-2012"``."""
        return f"{self.key}@{self.norm}"

    def due(self, start: date, calendar: BusinessCalendar) -> date:
        """The last day of the period that starts after ``start``."""
        if self.unit is Unit.BUSINESS_DAYS:
            return calendar.add(start, self.amount)
        if self.unit is Unit.MONTHS:
            return add_months(start, self.amount)
        return start + timedelta(days=self.amount)

    def before(self, end: date, calendar: BusinessCalendar) -> date:
        """The day that lies this period before ``end`` (for windows counted backwards)."""
        if self.unit is Unit.BUSINESS_DAYS:
            return calendar.add(end, -self.amount)
        if self.unit is Unit.MONTHS:
            return add_months(end, -self.amount)
        return end - timedelta(days=self.amount)


@record(frozen=True)
class Fact:
    """Something the playbooks' notes tell the user (not a deadline), and where it comes from:
    a norm of the book, or ``source`` alone; ``unverified`` when it could not be confirmed."""

    key: str
    says: str
    norm: str = ""
    article: str = ""
    source: str = ""
    unverified: bool = False


@record(frozen=True)
class Provision:
    """A duty the law sets that is no deadline (e.g. a código de pedido for every request):
    the norm and article a letter cites for it, and where that was found."""

    key: str
    norm: str
    article: str = ""
    source: str = ""


@record(frozen=True)
class YearValue:
    """A value that changes by year (the UIT), with its source."""

    year: int
    value: Decimal
    source: str = ""


@record(frozen=True)
class RuleBook:
    """The rules of one country's regulator, as loaded from its TOML file."""

    name: str
    title: str
    country: str
    currency: str
    norms: Mapping[str, Norm]
    rules: tuple[Rule, ...]
    uit: tuple[YearValue, ...] = ()
    billing_low_share: Decimal = Decimal("0")
    billing_norm: str = ""
    # [charges]: the norm under which service after a line is not owed, the day the line
    # counts from ("deadline": the day the baja had to be carried out; "request"; "": the
    # book has no such rule), and the source each reading, the undisputed part and the
    # billing window rest on.
    charges_norm: str = ""
    not_owed_from: str = ""
    line_sources: Mapping[str, str] = field(default_factory=dict)
    undisputed_norm: str = ""
    undisputed_source: str = ""
    window_from_due: bool = False
    window_source: str = ""
    # The user chose the line in config.toml ([rules] not_owed_from), not the book.
    line_from_config: bool = False
    # What an apelación answers to an operator's reasons ([[replies]]).
    replies: tuple[Reply, ...] = ()
    provisions: Mapping[str, Provision] = field(default_factory=dict)
    # Norm ids the user dated in config.toml that this book does not have.
    unknown_dated: tuple[str, ...] = field(default=())
    facts: tuple[Fact, ...] = field(default=())

    def fact(self, key: str) -> Fact:
        """The fact ``key`` (the playbooks' notes cite them by key)."""
        for fact in self.facts:
            if fact.key == key:
                return fact
        raise NotFound(_("the rule book {name} has no fact {key}").format(name=self.name, key=repr(key)))

    def with_dates(self, dates: Mapping[str, date]) -> RuleBook:
        """The book with the start dates the user set (``norm_dates`` in config.toml)."""
        norms = dict(self.norms)
        for norm_id, day in dates.items():
            if norm_id in norms:
                norms[norm_id] = replace(norms[norm_id], applies_from=day, date_from_config=True)
        unknown = tuple(sorted(n for n in dates if n not in self.norms))
        return replace(self, norms=norms, unknown_dated=unknown)

    def with_line(self, not_owed_from: str | None) -> RuleBook:
        """The book with the line the user chose (``[rules] not_owed_from`` in config.toml)."""
        if not_owed_from is None or not self.not_owed_from:
            return self
        return replace(self, not_owed_from=not_owed_from, line_from_config=True)

    def norm(self, norm_id: str) -> Norm:
        return self.norms[norm_id]

    def versions(self, key: str) -> list[Rule]:
        return [rule for rule in self.rules if rule.key == key]

    def rule(self, key: str, on: date) -> Rule:
        """The version of rule ``key`` in force on ``on``: of those whose norm applies that
        day, the one whose norm applies from the latest date."""
        candidates = [r for r in self.versions(key) if self.norms[r.norm].in_force(on)]
        if not candidates:
            raise NotFound(
                _("rule book {book} has no rule {rule} in force on {day}").format(
                    book=repr(self.name), rule=repr(key), day=on.isoformat()
                )
            )
        return max(candidates, key=lambda r: self.norms[r.norm].applies_from or date.min)

    def provision(self, key: str) -> Provision | None:
        return self.provisions.get(key)

    def pending_norms(self) -> list[Norm]:
        """Norms whose start date is unknown and not set by the user: not applied yet."""
        return [n for n in self.norms.values() if n.date_unknown and n.applies_from is None]

    def uit_for(self, year: int) -> YearValue | None:
        """The UIT of ``year``, or of the latest earlier year on record (None before the first).

        An earlier year's value is lower, so a threshold drawn from it never makes a
        reclamo look quicker to answer than it is.
        """
        known = [v for v in self.uit if v.year <= year]
        return max(known, key=lambda v: v.year) if known else None

    def billing_low_max(self, year: int) -> Decimal | None:
        """The largest billed amount resolved on the shorter deadline, in ``year``."""
        uit = self.uit_for(year)
        if uit is None or not self.billing_low_share:
            return None
        return (uit.value * self.billing_low_share).quantize(Decimal("0.01"))


# -- reading a rule book -----------------------------------------------------------

_UNITS = {unit.value: unit for unit in Unit}


def _fail(name: str, where: str, message: str) -> InvalidInput:
    return InvalidInput(
        _("rule book {book}: {field}: {problem}").format(book=name, field=where, problem=message)
    )


def _text(data: Mapping[str, Any], key: str, name: str, where: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise _fail(name, f"{where}{key}", _("must be text"))
    return value


def _decimal(raw: Any, name: str, where: str) -> Decimal:
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise _fail(name, where, _("{value} is not a number").format(value=repr(raw))) from None
    if not value.is_finite() or value < 0:
        raise _fail(name, where, _("{value} must be zero or more").format(value=repr(raw)))
    return value


def _norm(norm_id: str, data: Any, name: str) -> Norm:
    where = f"norms.{norm_id}."
    if not isinstance(data, dict):
        raise _fail(name, where.rstrip("."), _("must be a table"))
    raw_from = data.get("applies_from")
    applies_from: date | None = None
    unknown = False
    if raw_from == "unknown":
        unknown = True
    elif isinstance(raw_from, date):
        applies_from = raw_from
    elif raw_from is not None:
        raise _fail(name, where + "applies_from", _('must be a date or "unknown"'))
    return Norm(
        id=norm_id,
        citation=_text(data, "citation", name, where),
        title=_text(data, "title", name, where, ""),
        applies_from=applies_from,
        date_unknown=unknown,
        source=_text(data, "source", name, where, ""),
        unverified=_flag(data, "unverified", name, where),
    )


def _flag(data: Mapping[str, Any], key: str, name: str, where: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise _fail(name, where + key, _("must be true or false"))
    return value


def _fact(key: str, data: Any, name: str, norms: Mapping[str, Norm]) -> Fact:
    where = f"facts.{key}."
    if not isinstance(data, dict):
        raise _fail(name, where.rstrip("."), _("must be a table"))
    norm = _text(data, "norm", name, where, "")
    if norm and norm not in norms:
        raise _fail(name, where + "norm", _("{value} is not in [norms]").format(value=repr(norm)))
    source = _text(data, "source", name, where, "")
    if not norm and not source:
        raise _fail(name, where + "source", _("a fact needs its norm or its source"))
    return Fact(
        key=key,
        says=_text(data, "says", name, where),
        norm=norm,
        article=_text(data, "article", name, where, ""),
        source=source,
        unverified=_flag(data, "unverified", name, where) or (bool(norm) and norms[norm].unverified),
    )


def _rule(index: int, data: Any, name: str, norms: Mapping[str, Norm]) -> Rule:
    where = f"rules[{index}]."
    if not isinstance(data, dict):
        raise _fail(name, where.rstrip("."), _("must be a table"))
    units = [key for key in data if key in _UNITS]
    if len(units) != 1:
        raise _fail(name, where.rstrip("."), _("needs exactly one of business_days, days, months"))
    amount = data[units[0]]
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise _fail(name, where + units[0], _("must be a whole number of at least 0"))
    norm = _text(data, "norm", name, where)
    if norm not in norms:
        raise _fail(name, where + "norm", _("{value} is not in [norms]").format(value=repr(norm)))
    unknown = set(data) - {"key", "norm", "article", "source", "unsourced", *_UNITS}
    if unknown:
        raise _fail(name, where + sorted(unknown)[0], _("is not a rule field"))
    unsourced = data.get("unsourced", False)
    if not isinstance(unsourced, bool):
        raise _fail(name, where + "unsourced", _("must be true or false"))
    return Rule(
        key=_text(data, "key", name, where),
        amount=amount,
        unit=_UNITS[units[0]],
        norm=norm,
        article=_text(data, "article", name, where, ""),
        source=_text(data, "source", name, where, ""),
        unsourced=unsourced,
    )


def _provisions(raw: Any, name: str, norms: Mapping[str, Norm]) -> dict[str, Provision]:
    if not isinstance(raw, dict):
        raise _fail(name, "provisions", _("must be a table"))
    provisions = {}
    for key, data in raw.items():
        where = f"provisions.{key}."
        if not isinstance(data, dict):
            raise _fail(name, where.rstrip("."), _("must be a table"))
        norm = _text(data, "norm", name, where)
        if norm not in norms:
            raise _fail(name, where + "norm", _("{value} is not in [norms]").format(value=repr(norm)))
        provisions[key] = Provision(
            key, norm, _text(data, "article", name, where, ""), _text(data, "source", name, where, "")
        )
    return provisions


def parse_rulebook(data: Mapping[str, Any], name: str) -> RuleBook:
    """A rule book from its TOML document; problems name the book and the field."""
    raw_norms = data.get("norms", {})
    if not isinstance(raw_norms, dict):
        raise _fail(name, "norms", _("must be a table of norms"))
    norms = {norm_id: _norm(norm_id, raw, name) for norm_id, raw in raw_norms.items()}
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list):
        raise _fail(name, "rules", _("must be a list of [[rules]] tables"))
    rules = tuple(_rule(i, raw, name, norms) for i, raw in enumerate(raw_rules))
    uit = tuple(
        YearValue(
            int(raw["year"]), _decimal(raw["value"], name, f"uit[{i}].value"), str(raw.get("source", ""))
        )
        for i, raw in enumerate(data.get("uit", []))
    )
    raw_facts = data.get("facts", {})
    if not isinstance(raw_facts, dict):
        raise _fail(name, "facts", _("must be a table of facts"))
    facts = tuple(_fact(key, raw, name, norms) for key, raw in raw_facts.items())
    billing = data.get("billing", {})
    return RuleBook(
        name=_text(data, "name", name, "", name),
        title=_text(data, "title", name, "", name),
        country=_text(data, "country", name, "", ""),
        currency=_text(data, "currency", name, "", ""),
        norms=norms,
        rules=rules,
        uit=uit,
        billing_low_share=_decimal(billing.get("low_max_uit_share", "0"), name, "billing.low_max_uit_share"),
        billing_norm=str(billing.get("norm", "")),
        provisions=_provisions(data.get("provisions", {}), name, norms),
        replies=parse_replies(
            data.get("replies", []), norms, lambda where, problem: _fail(name, where, problem)
        ),
        **_charges(data.get("charges", {}), name, norms),
        facts=facts,
    )


LINES = ("deadline", "request")


def _charges(data: Any, name: str, norms: Mapping[str, Norm]) -> dict[str, Any]:
    """The ``[charges]`` table: the not-owed line, the undisputed part, the billing window."""
    if not isinstance(data, dict):
        raise _fail(name, "charges", _("must be a table"))
    if not data:
        return {}
    where = "charges."
    norm = _text(data, "norm", name, where)
    if norm not in norms:
        raise _fail(name, where + "norm", _("{value} is not in [norms]").format(value=repr(norm)))
    line = _text(data, "not_owed_from", name, where)
    if line not in LINES:
        raise _fail(
            name, where + "not_owed_from", _("must be one of: {known}").format(known=", ".join(LINES))
        )
    lines = data.get("lines", {})
    if not isinstance(lines, dict):
        raise _fail(name, where + "lines", _("must be a table"))
    sources = {
        key: _text(lines[key] if isinstance(lines[key], dict) else {}, "source", name, f"{where}lines.{key}.")
        for key in LINES
        if key in lines
    }
    undisputed = data.get("undisputed", {})
    window = data.get("window", {})
    return {
        "charges_norm": norm,
        "not_owed_from": line,
        "line_sources": sources,
        "undisputed_norm": _text(undisputed, "norm", name, where + "undisputed.", ""),
        "undisputed_source": _text(undisputed, "source", name, where + "undisputed.", ""),
        "window_from_due": _text(window, "from", name, where + "window.", "") == "due",
        "window_source": _text(window, "source", name, where + "window.", ""),
    }


def builtin_rulebook_file(name: str) -> Path:
    """Where the rule book ``name`` shipped with tracker lives (``rulebooks/<name>.toml``)."""
    from pathlib import Path

    # Beside this module (the wheel keeps package data there); importlib.resources
    # would cost a write command its imports to find the same file (see tests/bench).
    resource = Path(__file__).with_name("rulebooks") / f"{name}.toml"
    if not name.replace("-", "").replace("_", "").isalnum() or not resource.is_file():
        raise NotFound(_("no rule book {name}").format(name=repr(name)))
    return resource


@cache
def builtin_rulebook(name: str) -> RuleBook:
    """A rule book shipped with tracker, read from its TOML file.

    Commands go through :mod:`tracker.caches.rulebooks`, which keeps the parsed
    document and so spares them loading ``tomllib``.
    """
    import tomllib

    return parse_rulebook(tomllib.loads(builtin_rulebook_file(name).read_text(encoding="utf-8")), name)
