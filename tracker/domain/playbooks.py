"""Playbooks: named recipes for a kind of case (checks, deadlines, cadence, steps).

Built-in ones are defined here; users add their own as TOML files in the config
folder's ``playbooks/`` directory. A user file with the same name replaces a
built-in one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.domain.businessdays import BusinessCalendar, HolidaySource, country_holidays, known_country
from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.folding import folded
from tracker.domain.limits import MAX_PLAYBOOK_DAYS
from tracker.i18n import N_, _
from tracker.records import record

if TYPE_CHECKING:
    from tracker.domain.model import Check
    from tracker.domain.rules import Rule, RuleBook


@record(frozen=True)
class CheckTemplate:
    """A check a playbook gives every new case."""

    name: str
    required: bool = False
    recheck: bool = False  # checked again at the recheck after the next bill


@record(frozen=True)
class Note:
    """Something to know before acting (an alternative, a condition), and the rule book's
    fact that sources it (``tracker playbooks NAME`` shows the source beside it)."""

    text: str
    fact: str  # a key of the playbook's rule book's [facts]


@record(frozen=True)
class Playbook:
    """How one kind of cancellation goes: its checks, days, cadence and country."""

    name: str
    title: str
    checks: tuple[CheckTemplate, ...] = ()
    provider_days: int = 5
    business_days: bool = True
    follow_up_every: int = 3
    country: str | None = None
    recheck_after: int | None = None
    steps: tuple[str, ...] = ()
    currency: str = ""  # a cancellation fee's currency unless the case says otherwise
    source: str = "built-in"
    # The regulator's rule book (e.g. "pe") and the rule in it that gives the
    # provider's deadline (e.g. "baja"); without them, provider_days does.
    rulebook: str | None = None
    deadline_rule: str | None = None
    # The providers it fits, by name ("Movistar"): a case for one of them gets this
    # playbook when none is chosen (see :func:`provider_fit`).
    providers: tuple[str, ...] = ()
    # The playbook a suspension of the same service follows (its checks and rules):
    # asked to suspend, a case takes that one rather than this one's cancellation checks.
    suspends_with: str | None = None
    # What to know before acting, each citing a fact of the rule book (built-in playbooks).
    notes: tuple[Note, ...] = ()

    @property
    def suspends(self) -> bool:
        """Whether this playbook is for a temporary suspension (its deadline is the suspension's)."""
        return self.deadline_rule == "suspension"

    @property
    def built_in(self) -> bool:
        """One of tracker's own: its title and steps are worded in the reader's language."""
        return self.source == "built-in"

    @property
    def recheck_checks(self) -> tuple[str, ...]:
        """The names of the checks the recheck after the next bill is about."""
        return tuple(c.name for c in self.checks if c.recheck)

    def fits(self, provider: str) -> int:
        """How well this playbook fits ``provider``: the words of its longest provider name
        found in it (0: it does not fit)."""
        return max((provider_fit(name, provider) for name in self.providers), default=0)

    def calendar(
        self, extra_days_off: Iterable[date] = (), holidays_of: HolidaySource = country_holidays
    ) -> BusinessCalendar:
        return BusinessCalendar(self.country, extra_days_off, holidays_of)

    def _add_days(self, start: date, days: int, calendar: BusinessCalendar) -> date:
        if self.business_days:
            return calendar.add(start, days)
        return start + timedelta(days=days)

    def provider_rule(self, requested_on: date, book: RuleBook | None) -> Rule | None:
        """The rule that sets the provider's deadline for a request made that day, if any."""
        if book is None or self.deadline_rule is None:
            return None
        return book.rule(self.deadline_rule, requested_on)

    def promised_by(
        self, requested_on: date, calendar: BusinessCalendar, book: RuleBook | None = None
    ) -> date:
        """The provider's deadline for a request made on ``requested_on``: by the rule in
        force that day when the playbook follows a rule book, else ``provider_days``."""
        rule = self.provider_rule(requested_on, book)
        if rule is not None:
            return rule.due(requested_on, calendar)
        return self._add_days(requested_on, self.provider_days, calendar)

    def first_follow_up(self, promised_by: date, calendar: BusinessCalendar) -> date:
        """The first follow-up: the day after the provider's deadline (the next business
        day when the playbook counts business days)."""
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
    title=N_("Peruvian mobile line or eSIM (Claro, Movistar, Entel, Bitel)"),
    country="PE",
    provider_days=5,
    business_days=True,
    follow_up_every=2,
    recheck_after=35,
    currency="PEN",
    checks=(
        CheckTemplate(N_("calls blocked"), required=True),
        CheckTemplate(N_("SMS blocked")),
        CheckTemplate(N_("mobile data stopped")),
        CheckTemplate(N_("balance zero"), required=True),
        # The seed article's key steps: required, and recorded n/a with a note by whoever
        # they do not apply to (a physical SIM, no watch), so they block no one wrongly.
        CheckTemplate(N_("eSIM profile deleted from the device"), required=True),
        CheckTemplate(N_("paired devices unbound"), required=True),
        CheckTemplate(N_("account shows cancelled online")),
        CheckTemplate(N_("no charge on the next bill"), recheck=True),
    ),
    steps=(
        N_("Decide: cancel for good (baja) or only suspend (a suspension can be reactivated)."),
        N_(
            "Keeping the number? Port it to another operator BEFORE any baja (playbook port-pe). "
            "Read first what to know before a baja, with sources ({notes}): a "
            "contract with a device, a prepaid line, who may ask."
        ),
        N_("Back up what is on the device; ask about fees (a baja in Peru is free and needs no reason)."),
        N_("Move two-factor codes, WhatsApp and bank links off the number; unpair watches."),
        N_("Contact the operator (hotline, web, app or store) with the account holder's ID ready."),
        N_("Get the reference code: operators in Peru must give one for every request."),
        N_("Delete the eSIM profile from the device once the operator has stopped the line."),
        N_("Verify: try a call and an SMS, check balance and service status, watch the next bill."),
        N_(
            "If it is not done by the deadline, file a reclamo with the operator ({escalate}), "
            "then a queja or an apelación with OSIPTEL."
        ),
    ),
    rulebook="pe",
    suspends_with="suspension-pe",
    deadline_rule="baja",
    # Peru's mobile operators as people write them: "Movistar Perú", "Claro Peru",
    # "Entel Perú", "Bitel Perú" (Viettel Perú S.A.C. is Bitel's company).
    providers=("Movistar", "Claro", "Entel", "Bitel", "Viettel"),
    notes=(
        Note(
            N_(
                "Portabilidad: porting the number to another operator is free and happens between "
                "00:00 and 03:00 the day after. The line must be active and without debt, so port "
                "BEFORE any baja: a line given de baja cannot be ported. Track it with port-pe."
            ),
            "portabilidad",
        ),
        Note(
            N_(
                "A prepaid line left unused is cancelled by the operator after a period that each "
                "operator sets: ask yours; do not count on it instead of a baja."
            ),
            "prepaid.unused",
        ),
        Note(
            N_(
                "A fixed-term contract with a device carries a penalty for leaving early, and the "
                "device must be paid in full or returned: ask for both amounts before the baja."
            ),
            "contract.device",
        ),
        Note(N_("Only the holder of the line (the titular) may request the baja."), "baja.holder"),
        Note(
            N_("A debt with the operator cannot hold the baja back; the debt stays owed."),
            "baja.debt",
        ),
        Note(
            N_(
                'OSIPTEL\'s "Quiero salirme" form takes the baja request through OSIPTEL: use it when '
                "the operator's channels refuse or stall the request or give no código de pedido "
                "(record it with: tracker escalate ID osiptel-form)."
            ),
            "osiptel.quiero-salirme",
        ),
    ),
)

PORT_PE = Playbook(
    name="port-pe",
    title=N_("Porting a Peruvian number to another operator (portabilidad)"),
    country="PE",
    provider_days=1,
    business_days=False,
    follow_up_every=1,
    recheck_after=35,
    currency="PEN",
    checks=(
        CheckTemplate(N_("calls and SMS work on the new operator"), required=True),
        CheckTemplate(N_("mobile data works on the new operator")),
        CheckTemplate(N_("no charge from the old operator after the port"), recheck=True),
    ),
    steps=(
        N_("Pay what the old operator bills and keep the line active: a line with debt cannot be ported."),
        N_("Ask the operator you move to (not the old one) for the port, with the holder's ID; it is free."),
        N_("Get the código de pedido of the port request."),
        N_("The number moves between 00:00 and 03:00 the day after; check calls, SMS and data."),
        N_("Only then, if the old operator keeps billing, follow up or file a reclamo with it."),
    ),
    rulebook="pe",
    deadline_rule="portabilidad",
    notes=(
        Note(
            N_(
                "Porting is free and happens between 00:00 and 03:00 the day after; the line must "
                "be active and without outstanding debt."
            ),
            "portabilidad",
        ),
    ),
)

SUSPENSION_PE = Playbook(
    name="suspension-pe",
    title=N_("Temporary suspension of a Peruvian line (15 days to 2 months a year)"),
    country="PE",
    provider_days=5,
    business_days=True,
    follow_up_every=2,
    currency="PEN",  # a reactivation fee disclosed at the request is recorded as the case's fee
    checks=(
        CheckTemplate(N_("calls blocked"), required=True),
        CheckTemplate(N_("no charge for the suspended period"), required=True),
        CheckTemplate(N_("service back on the date set")),
    ),
    steps=(
        N_("Choose the dates: at least 15 days and at most 2 months a year, free of charge."),
        N_("Ask the operator (any channel) and get the código de pedido."),
        N_("The operator has 5 business days, unless you chose a later start."),
        N_("The line comes back by itself on the end date; tracker reminds you before it."),
        N_(
            "Ask whether bringing the line back costs anything and record it as the case's fee: "
            "a reactivation fee disclosed when you asked is owed; any other charge while "
            "suspended is not."
        ),
    ),
    rulebook="pe",
    deadline_rule="suspension",
)

SUBSCRIPTION = Playbook(
    name="subscription",
    title=N_("Subscription or membership (streaming, gym, software)"),
    provider_days=7,
    business_days=False,
    follow_up_every=7,
    recheck_after=35,
    checks=(
        CheckTemplate(N_("confirmation received"), required=True),
        CheckTemplate(N_("no new charge"), required=True),
        CheckTemplate(N_("access ended")),
        CheckTemplate(N_("no charge on the next bill"), recheck=True),
    ),
    steps=(
        N_("Find the cancellation page or the contact for cancellations."),
        N_("Note the billing date, so a new charge can be spotted."),
        N_("Ask for a written confirmation with a reference number."),
    ),
)

GENERIC = Playbook(
    name="generic",
    title=N_("Anything else"),
    provider_days=10,
    business_days=False,
    follow_up_every=7,
    checks=(CheckTemplate(N_("cancellation confirmed"), required=True),),
)

BUILT_IN: tuple[Playbook, ...] = (ESIM_PE, SUSPENSION_PE, PORT_PE, SUBSCRIPTION, GENERIC)
# The built-in playbooks' check names: stored in English as data, shown in the reader's language.
BUILT_IN_CHECK_NAMES = frozenset(check.name for playbook in BUILT_IN for check in playbook.checks)


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    from tracker.domain.search import fold

    return _WORD.findall(fold(text))


def provider_fit(name: str, provider: str) -> int:
    """The number of words of ``name`` when they are whole words of ``provider``, in a
    row, compared without case or accents ("Movistar" fits "movistar perú" and
    "Telefónica Movistar", not "Movistarcito"; "Claro" not "Claroscuro"); else 0."""
    wanted = _words(name)
    have = _words(provider)
    if not wanted:
        return 0
    for start in range(len(have) - len(wanted) + 1):
        if have[start : start + len(wanted)] == wanted:
            return len(wanted)
    return 0


def find_check(checks: Iterable[Check], name: str) -> Check | None:
    """The check called ``name`` as stored or as shown in the reader's language, compared
    without regard to case or accents (``tracker check 1 "llamadas bloqueadas" pass``)."""
    wanted = folded(name)
    found = [c for c in checks if folded(c.name) == wanted]
    found += [c for c in checks if c.name in BUILT_IN_CHECK_NAMES and folded(_(c.name)) == wanted]
    return found[0] if found else None


_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_CURRENCY = re.compile(r"^(?:[A-Za-z]{3})?$")


def _fail(path: Path, where: str, message: str) -> InvalidInput:
    return InvalidInput(
        _("playbook {path}: {field}: {problem}").format(path=path, field=where, problem=message)
    )


def _int_field(
    data: dict[str, Any], key: str, path: Path, default: int | None, minimum: int = 0
) -> int | None:
    value = data.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= MAX_PLAYBOOK_DAYS:
        raise _fail(
            path,
            key,
            _("must be a whole number of days from {minimum} to {most}").format(
                minimum=minimum, most=MAX_PLAYBOOK_DAYS
            ),
        )
    return value


def parse_playbook(data: dict[str, Any], path: Path) -> Playbook:
    """A playbook from a TOML document; malformed ones raise naming the file and field."""
    name = data.get("name", path.stem)
    if not isinstance(name, str) or not _NAME.match(name):
        raise _fail(path, "name", _("must be lowercase letters, digits, '-' or '_' (at most 40)"))
    title = data.get("title", name)
    if not isinstance(title, str):
        raise _fail(path, "title", _("must be text"))
    country = data.get("country")
    if country is not None and (not isinstance(country, str) or not known_country(country)):
        raise _fail(
            path,
            "country",
            _("{value} is not a country code the holidays package knows").format(value=repr(country)),
        )
    business = data.get("business_days", True)
    if not isinstance(business, bool):
        raise _fail(path, "business_days", _("must be true or false"))
    raw_checks = data.get("checks", [])
    if not isinstance(raw_checks, list):
        raise _fail(path, "checks", _("must be a list of [[checks]] tables"))
    checks: list[CheckTemplate] = []
    seen: set[str] = set()  # casefolded names: duplicates found in one pass
    for index, raw in enumerate(raw_checks):
        where = f"checks[{index}]"
        if not isinstance(raw, dict):
            raise _fail(path, where, _("must be a table with name and required"))
        check_name = raw.get("name")
        if not isinstance(check_name, str) or not check_name.strip():
            raise _fail(path, f"{where}.name", _("must be non-empty text"))
        flags: dict[str, bool] = {}
        for flag in ("required", "recheck"):
            flags[flag] = raw.get(flag, False)
            if not isinstance(flags[flag], bool):
                raise _fail(path, f"{where}.{flag}", _("must be true or false"))
        key = check_name.casefold()
        if key in seen:
            raise _fail(path, f"{where}.name", _("{value} appears twice").format(value=repr(check_name)))
        seen.add(key)
        checks.append(CheckTemplate(check_name, flags["required"], flags["recheck"]))
    steps = data.get("steps", [])
    if not isinstance(steps, list) or not all(isinstance(s, str) for s in steps):
        raise _fail(path, "steps", _("must be a list of text"))
    currency = data.get("currency", "")
    if not isinstance(currency, str) or not _CURRENCY.match(currency):
        raise _fail(path, "currency", _("must be a three-letter code such as PEN or USD"))
    providers = data.get("providers", [])
    if not isinstance(providers, list) or not all(isinstance(p, str) and _words(p) for p in providers):
        raise _fail(path, "providers", _('must be a list of provider names, e.g. ["Movistar", "Claro"]'))
    rulebook = data.get("rulebook")
    if rulebook is not None:
        if not isinstance(rulebook, str):
            raise _fail(path, "rulebook", _("must be text"))
        try:
            from tracker.domain.rules import builtin_rulebook  # a user playbook naming a rule book

            book = builtin_rulebook(rulebook)
        except NotFound:
            raise _fail(
                path,
                "rulebook",
                _("{value} is not a rule book tracker knows (known: {known})").format(
                    value=repr(rulebook), known="pe"
                ),
            ) from None
    deadline_rule = data.get("deadline_rule")
    if deadline_rule is not None and (
        rulebook is None or not isinstance(deadline_rule, str) or not book.versions(deadline_rule)
    ):
        raise _fail(path, "deadline_rule", _('must name a rule of the playbook\'s rulebook (e.g. "baja")'))
    unknown = set(data) - {
        "rulebook",
        "deadline_rule",
        "name",
        "title",
        "country",
        "business_days",
        "checks",
        "steps",
        "provider_days",
        "follow_up_every",
        "recheck_after",
        "currency",
        "providers",
    }
    if unknown:
        raise _fail(path, sorted(unknown)[0], _("is not a playbook field"))
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
        currency=currency.upper(),
        source=str(path),
        rulebook=rulebook,
        deadline_rule=deadline_rule,
        providers=tuple(providers),
    )


def load_playbook_file(path: Path) -> Playbook:
    import tomllib  # only when the user has playbooks of their own

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(
            _("playbook {path}: not valid TOML: {problem}").format(path=path, problem=exc)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            _("playbook {path}: cannot be read: {problem}").format(path=path, problem=exc)
        ) from None
    return parse_playbook(data, path)


class PlaybookRegistry:
    """The playbooks in force: built-ins, then the user's files over them.

    The user's files are read on first use, not when the registry is made, so a
    command that needs no playbook (``list``, ``due``) pays nothing for them.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._playbooks: dict[str, Playbook] | None = None
        self._problems: dict[str, InvalidInput] = {}

    @classmethod
    def load(cls, folder: Path | None) -> PlaybookRegistry:
        return cls(folder)

    @property
    def playbooks(self) -> dict[str, Playbook]:
        if self._playbooks is None:
            self._playbooks = self._read()
        return self._playbooks

    @property
    def problems(self) -> dict[str, InvalidInput]:
        """Broken user files, by the playbook name their file stem suggests."""
        self.playbooks  # noqa: B018 - reading them finds the problems
        return self._problems

    def _read(self) -> dict[str, Playbook]:
        playbooks = {p.name: p for p in BUILT_IN}
        folder = self._folder
        if folder is None or not folder.is_dir():
            return playbooks
        for path in sorted(folder.glob("*.toml")):
            try:
                playbook = load_playbook_file(path)
            except InvalidInput as problem:
                self._problems[path.stem] = problem
                continue
            playbooks[playbook.name] = playbook
        return playbooks

    def names(self) -> list[str]:
        return sorted(self.playbooks)

    def get(self, name: str) -> Playbook:
        playbooks = self.playbooks
        if name in playbooks:
            return playbooks[name]
        if name in self._problems:
            raise self._problems[name]
        raise NotFound(
            _("unknown playbook {name} (known: {known})").format(
                name=repr(name), known=", ".join(self.names())
            )
        )

    def find(self, name: str) -> Playbook | None:
        """The playbook of this name, or None when it is not loaded (gone, or broken)."""
        return self.playbooks.get(name)

    def for_provider(self, provider: str) -> Playbook | None:
        """The playbook that names ``provider`` among those it fits, if any: the longest
        name found wins, then a file of the user's over a built-in, then the first name."""
        fitting = [(p.fits(provider), p) for p in self.playbooks.values()]
        ranked = sorted((-fit, p.built_in, p.name, p) for fit, p in fitting if fit)
        return ranked[0][3] if ranked else None

    def for_case(self, name: str) -> Playbook:
        """The playbook a stored case names, or ``generic`` if it is gone."""
        return self.playbooks.get(name, GENERIC)
