"""Playbooks: named recipes for a kind of case (checks, deadlines, cadence, steps).

Built-in ones are defined here; users add their own as TOML files in the config
folder's ``playbooks/`` directory. A user file with the same name replaces a
built-in one.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tracker.domain.businessdays import BusinessCalendar, HolidaySource, country_holidays, known_country
from tracker.domain.errors import InvalidInput, NotFound


@dataclass(frozen=True)
class CheckTemplate:
    name: str
    required: bool = False


@dataclass(frozen=True)
class Playbook:
    name: str
    title: str
    checks: tuple[CheckTemplate, ...] = ()
    provider_days: int = 5
    business_days: bool = True
    follow_up_every: int = 3
    country: str | None = None
    recheck_after: int | None = None
    steps: tuple[str, ...] = ()
    source: str = "built-in"

    def calendar(
        self, extra_days_off: Iterable[date] = (), holidays_of: HolidaySource = country_holidays
    ) -> BusinessCalendar:
        return BusinessCalendar(self.country, extra_days_off, holidays_of)

    def _add_days(self, start: date, days: int, calendar: BusinessCalendar) -> date:
        if self.business_days:
            return calendar.add(start, days)
        return start + timedelta(days=days)

    def promised_by(self, requested_on: date, calendar: BusinessCalendar) -> date:
        """The provider's deadline for a request made on ``requested_on``."""
        return self._add_days(requested_on, self.provider_days, calendar)

    def first_follow_up(self, promised_by: date, calendar: BusinessCalendar) -> date:
        """The first follow-up: the working day after the provider's deadline."""
        return self._add_days(promised_by, 1, calendar)

    def next_follow_up(self, today: date, calendar: BusinessCalendar) -> date:
        """The next follow-up after a contact made today, by the playbook's cadence."""
        return self._add_days(today, self.follow_up_every, calendar)

    def recheck_on(self, verified_on: date) -> date | None:
        """The recheck date after verification (after the next bill), if the playbook has one."""
        if not self.recheck_after:
            return None
        return verified_on + timedelta(days=self.recheck_after)


ESIM_PE = Playbook(
    name="esim-pe",
    title="Peruvian mobile line or eSIM (Claro, Movistar, Entel, Bitel)",
    country="PE",
    provider_days=5,
    business_days=True,
    follow_up_every=2,
    recheck_after=35,
    checks=(
        CheckTemplate("calls blocked", required=True),
        CheckTemplate("SMS blocked"),
        CheckTemplate("mobile data stopped"),
        CheckTemplate("balance zero", required=True),
        CheckTemplate("eSIM profile deleted from the device"),
        CheckTemplate("paired devices unbound"),
        CheckTemplate("account shows cancelled online"),
        CheckTemplate("no charge on the next bill"),
    ),
    steps=(
        "Decide: cancel for good (baja) or only suspend (a suspension can be reactivated).",
        "Back up what is on the device; ask about fees (a baja in Peru is free and needs no reason).",
        "Move two-factor codes, WhatsApp and bank links off the number; unpair watches.",
        "Contact the operator (hotline, web, app or store) with the account holder's ID ready.",
        "Get the reference code: operators in Peru must give one for every request.",
        "Delete the eSIM profile from the device once the operator has stopped the line.",
        "Verify: try a call and an SMS, check balance and service status, watch the next bill.",
        "If it is not done within 5 business days, complain to the operator, then to OSIPTEL.",
    ),
)

SUBSCRIPTION = Playbook(
    name="subscription",
    title="Subscription or membership (streaming, gym, software)",
    provider_days=7,
    business_days=False,
    follow_up_every=7,
    recheck_after=35,
    checks=(
        CheckTemplate("confirmation received", required=True),
        CheckTemplate("no new charge", required=True),
        CheckTemplate("access ended"),
    ),
    steps=(
        "Find the cancellation page or the contact for cancellations.",
        "Note the billing date, so a new charge can be spotted.",
        "Ask for a written confirmation with a reference number.",
    ),
)

GENERIC = Playbook(
    name="generic",
    title="Anything else",
    provider_days=10,
    business_days=False,
    follow_up_every=7,
    checks=(CheckTemplate("cancellation confirmed", required=True),),
)

BUILT_IN: tuple[Playbook, ...] = (ESIM_PE, SUBSCRIPTION, GENERIC)

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def _fail(path: Path, where: str, message: str) -> InvalidInput:
    return InvalidInput(f"playbook {path}: {where}: {message}")


def _int_field(
    data: dict[str, Any], key: str, path: Path, default: int | None, minimum: int = 0
) -> int | None:
    value = data.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _fail(path, key, f"must be a whole number of at least {minimum}")
    return value


def parse_playbook(data: dict[str, Any], path: Path) -> Playbook:
    """A playbook from a TOML document; malformed ones raise naming the file and field."""
    name = data.get("name", path.stem)
    if not isinstance(name, str) or not _NAME.match(name):
        raise _fail(path, "name", "must be lowercase letters, digits, '-' or '_' (at most 40)")
    title = data.get("title", name)
    if not isinstance(title, str):
        raise _fail(path, "title", "must be text")
    country = data.get("country")
    if country is not None and (not isinstance(country, str) or not known_country(country)):
        raise _fail(path, "country", f"{country!r} is not a country code the holidays package knows")
    business = data.get("business_days", True)
    if not isinstance(business, bool):
        raise _fail(path, "business_days", "must be true or false")
    raw_checks = data.get("checks", [])
    if not isinstance(raw_checks, list):
        raise _fail(path, "checks", "must be a list of [[checks]] tables")
    checks: list[CheckTemplate] = []
    for index, raw in enumerate(raw_checks):
        where = f"checks[{index}]"
        if not isinstance(raw, dict):
            raise _fail(path, where, "must be a table with name and required")
        check_name = raw.get("name")
        if not isinstance(check_name, str) or not check_name.strip():
            raise _fail(path, f"{where}.name", "must be non-empty text")
        required = raw.get("required", False)
        if not isinstance(required, bool):
            raise _fail(path, f"{where}.required", "must be true or false")
        if any(c.name.casefold() == check_name.casefold() for c in checks):
            raise _fail(path, f"{where}.name", f"{check_name!r} appears twice")
        checks.append(CheckTemplate(check_name, required))
    steps = data.get("steps", [])
    if not isinstance(steps, list) or not all(isinstance(s, str) for s in steps):
        raise _fail(path, "steps", "must be a list of text")
    unknown = set(data) - {
        "name",
        "title",
        "country",
        "business_days",
        "checks",
        "steps",
        "provider_days",
        "follow_up_every",
        "recheck_after",
    }
    if unknown:
        raise _fail(path, sorted(unknown)[0], "is not a playbook field")
    provider_days = _int_field(data, "provider_days", path, 5)
    follow_up_every = _int_field(data, "follow_up_every", path, 3, minimum=1)
    assert provider_days is not None and follow_up_every is not None
    return Playbook(
        name=name,
        title=title,
        checks=tuple(checks),
        provider_days=provider_days,
        business_days=business,
        follow_up_every=follow_up_every,
        country=country.upper() if country else None,
        recheck_after=_int_field(data, "recheck_after", path, None, minimum=1),
        steps=tuple(steps),
        source=str(path),
    )


def load_playbook_file(path: Path) -> Playbook:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"playbook {path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"playbook {path}: cannot be read: {exc}") from None
    return parse_playbook(data, path)


@dataclass
class PlaybookRegistry:
    """The playbooks in force: built-ins, then the user's files over them."""

    playbooks: dict[str, Playbook] = field(default_factory=dict)
    # Broken user files, by the playbook name their file stem suggests.
    problems: dict[str, InvalidInput] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path | None) -> PlaybookRegistry:
        registry = cls({p.name: p for p in BUILT_IN})
        if folder is None or not folder.is_dir():
            return registry
        for path in sorted(folder.glob("*.toml")):
            try:
                playbook = load_playbook_file(path)
            except InvalidInput as problem:
                registry.problems[path.stem] = problem
                continue
            registry.playbooks[playbook.name] = playbook
        return registry

    def names(self) -> list[str]:
        return sorted(self.playbooks)

    def get(self, name: str) -> Playbook:
        if name in self.playbooks:
            return self.playbooks[name]
        if name in self.problems:
            raise self.problems[name]
        raise NotFound(f"unknown playbook {name!r} (known: {', '.join(self.names())})")

    def find(self, name: str) -> Playbook | None:
        """The playbook of this name, or None when it is not loaded (gone, or broken)."""
        return self.playbooks.get(name)

    def for_case(self, name: str) -> Playbook:
        """The playbook a stored case names, or ``generic`` if it is gone."""
        return self.playbooks.get(name, GENERIC)
