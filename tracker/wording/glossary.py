"""The Peruvian words explained: one table for ``tracker glossary`` and the Glossary tab of Help.

Each term is shown in Spanish, as the operator and OSIPTEL say it, with the reader's own
word beside it. The explanations are catalog messages; where one states a deadline or a
norm, the deadline and its citation come from the rule book (the version in force on the
day asked, and a version whose start date is not confirmed said as such), never from
the text itself, so that a changed rule changes the glossary too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from tracker.display import NO_BREAK, wrap
from tracker.domain.folding import folded
from tracker.domain.model import Action, Case, Outcome, StageKind
from tracker.i18n import N_, NP_, _, pgettext
from tracker.records import record
from tracker.wording import formats
from tracker.wording.escalation import fact_source, period, rule_source

if TYPE_CHECKING:
    from tracker.domain.playbooks import Playbook
    from tracker.domain.rules import RuleBook

# The rule book the terms belong to: the glossary explains Peru's path.
RULEBOOK = "pe"

# The groups, in the order a case meets them.
ASKING = N_("Asking the operator")
FAILING = N_("When the operator fails")
ANSWER = N_("The answer")
APPEAL = N_("The appeal, and who decides")
GROUPS = (ASKING, FAILING, ANSWER, APPEAL)


@record(frozen=True)
class Term:
    """One Peruvian term: ``spanish`` as shown in every language, ``word`` the reader's word
    for it (``NP_("glossary word", ...)``), its group and its explanation (``N_``, with
    the rule book's values in braces); ``aliases`` are other names it is found by."""

    spanish: str
    word: str
    group: str
    explains: str
    aliases: tuple[str, ...] = ()


TERMS = (
    Term(
        "baja",
        NP_("glossary word", "cancellation"),
        ASKING,
        N_(
            "Cancelling the line or plan for good; it is free and needs no reason. The operator must "
            "carry it out in time ({baja}) and give a código de pedido for the request. Service after "
            "the day it had to be carried out is not owed while it is not (OSIPTEL's regional offices "
            "differ on whether that counts from the request instead)."
        ),
    ),
    Term(
        "suspensión",
        NP_("glossary word", "suspension"),
        ASKING,
        N_(
            "Stopping the service for a while instead of cancelling it: the line keeps its number and "
            "comes back on the date set. The operator must carry it out in time ({suspension}); it "
            "lasts {suspension_min} to {suspension_max}, at most {suspension_year} a year in all (the "
            "sources do not say which year counts)."
        ),
    ),
    Term(
        "portabilidad",
        NP_("glossary word", "number porting"),
        ASKING,
        N_(
            "Moving your number to another operator instead of cancelling it; you ask the operator you "
            "move to, not the one you leave. It is free and the number moves between 00:00 and 03:00 "
            "the next day ({portabilidad}); the line must be active and without debt, so port it "
            "before any baja."
        ),
    ),
    Term(
        "código de pedido",
        NP_("glossary word", "request code (ticket)"),
        ASKING,
        N_(
            "The code the operator must give you for every request, on every channel "
            "({codigo_pedido}). Ask for it, repeat it back and record it as the case's ticket: it "
            "proves what you asked and when."
        ),
    ),
    Term(
        "recibo",
        NP_("glossary word", "bill"),
        ASKING,
        N_(
            "The operator's bill. Whether a charge is owed depends on the period it bills, not on the "
            "bill's date, and a billing reclamo can be filed within a window counted from the bill's "
            "due date ({billing_window}). While that reclamo is open you pay only the part you do not "
            "dispute ({undisputed})."
        ),
    ),
    Term(
        "reclamo",
        NP_("glossary word", "complaint to the operator"),
        FAILING,
        N_(
            "Your complaint to the operator: the first step once it misses its deadline or bills what "
            "is not owed. It must answer by topic: a baja not carried out ({reclamo_baja}), billing "
            "({billing_low} up to {low_max}, else {billing_high}), service quality ({quality}); then "
            "it has time to notify the answer ({notify})."
        ),
    ),
    Term(
        "código de reclamo",
        NP_("glossary word", "the reclamo's code"),
        FAILING,
        N_(
            "The code the operator gives your reclamo when you file it; it is not the código de pedido "
            "of the request. Record it with the stage: the letters for the queja and the apelación "
            "cite it."
        ),
    ),
    Term(
        "UIT",
        NP_("glossary word", "tax unit"),
        FAILING,
        N_(
            "Peru's tax unit (Unidad Impositiva Tributaria), an amount the government sets each year "
            "({uit_year}: {uit}; {uit_source}). A billing reclamo for at most {share} of it "
            "({low_max}) is answered sooner: in {billing_low_days} instead of {billing_high_days}."
        ),
    ),
    Term(
        "queja",
        NP_("glossary word", "complaint to OSIPTEL"),
        FAILING,
        N_(
            "A complaint to OSIPTEL, filed with the operator, about how it handles your reclamo: above "
            "all its silence when it does not answer in time, or a cut-off for an amount under "
            "reclamo. For silence it can be filed only from the day after the answer's deadline; the "
            "operator forwards it to TRASU ({queja_forward}), which resolves it ({queja_resolve})."
        ),
    ),
    Term(
        "silencio administrativo positivo",
        NP_("glossary word", "silence counts in your favour"),
        FAILING,
        N_(
            "The rule that the operator's silence counts in your favour: if it does not answer your "
            "reclamo in time, the reclamo is taken as decided for you (fundado). You claim it with a "
            "queja, or in an apelación when the answer was notified late; the rule book cites no "
            "article for it."
        ),
        ("silencio",),
    ),
    Term(
        "Quiero salirme",
        NP_("glossary word", "OSIPTEL's form"),
        FAILING,
        N_(
            'OSIPTEL\'s own online form ("I want to leave"), which takes a baja request through '
            "OSIPTEL when the operator's channels fail. The tracker records it as a stage; no "
            "deadline for it is known. Source: {quiero_salirme}."
        ),
        ("osiptel-form", "osiptel form"),
    ),
    Term(
        "fundado",
        NP_("glossary word", "in your favour"),
        ANSWER,
        N_(
            "The answer agrees with you: the operator must do what you asked, such as carrying out "
            "the baja or not billing what is not owed. If it does not comply, that is a matter for a "
            "queja."
        ),
    ),
    Term(
        "infundado",
        NP_("glossary word", "against you"),
        ANSWER,
        N_(
            "The answer rejects your claim. You can appeal it to TRASU with an apelación, in time "
            "counted from the business day after it was notified to you ({apelacion_window}); that "
            "deadline is yours."
        ),
    ),
    Term(
        "parcial",
        NP_("glossary word", "partly in your favour"),
        ANSWER,
        N_(
            "Fundado en parte: the answer accepts part of your claim and rejects the rest. For the "
            "rest you can appeal as for infundado ({apelacion_window})."
        ),
        ("fundado en parte",),
    ),
    Term(
        "improcedente",
        NP_("glossary word", "not decided on its merits"),
        ANSWER,
        N_(
            "The answer rejects the claim without deciding on its merits: it holds that the claim "
            "does not lie. It can be appealed like infundado ({apelacion_window})."
        ),
    ),
    Term(
        "inadmisible",
        NP_("glossary word", "not admitted as filed"),
        ANSWER,
        N_(
            "The filing is not admitted as it stands: something is missing, such as a signature, a "
            "document or the receipt's number. Fix it and file again within the time the answer "
            "gives; if it gives none, the tracker counts {inadmisible_fix}, by analogy with the TUO "
            "de la Ley 27444 (art. 136), as the reclamo rules state none."
        ),
    ),
    Term(
        "apelación",
        NP_("glossary word", "appeal"),
        APPEAL,
        N_(
            "Your appeal against the operator's answer (infundado, fundado en parte or improcedente), "
            "filed with the operator in time counted from the business day after the answer was "
            "notified ({apelacion_window}). The operator forwards it to TRASU ({apelacion_forward}), which "
            "resolves it ({apelacion_resolve}) and notifies its decision ({apelacion_notify})."
        ),
    ),
    Term(
        "TRASU",
        NP_("glossary word", "OSIPTEL's users' tribunal"),
        APPEAL,
        N_(
            "OSIPTEL's Tribunal Administrativo de Solución de Reclamos de Usuarios: the second "
            "instance, which decides your apelación and your queja. Its decision ends the "
            "administrative path: after it, only the courts remain."
        ),
    ),
    Term(
        "OSIPTEL",
        NP_("glossary word", "Peru's telecom regulator"),
        APPEAL,
        N_(
            "Organismo Supervisor de Inversión Privada en Telecomunicaciones, Peru's telecom "
            "regulator. Its resolutions set the deadlines the tracker counts ({baja_norm} for the "
            "baja, {reclamo_norm} for reclamos), and its tribunal, TRASU, decides quejas and "
            "apelaciones."
        ),
    ),
)


def word(term: Term) -> str:
    """The reader's word for ``term``; empty when it is the Spanish term itself."""
    shown = pgettext("glossary word", term.word)
    return "" if shown.casefold() == term.spanish.casefold() else shown


def heading(term: Term) -> str:
    """The term as a heading: "reclamo · 投诉" (the Spanish alone where the reader's word is it)."""
    beside = word(term)
    return f"{term.spanish} · {beside}" if beside else term.spanish


def _key(text: str) -> str:
    return folded(text.replace("-", " ").replace("_", " "))


def find(text: str) -> Term | None:
    """The term ``text`` names, in Spanish, in the reader's words or in English, without
    regard to case or accents; None when it names none."""
    wanted = _key(text)
    for term in TERMS:
        names = (term.spanish, *term.aliases, term.word, pgettext("glossary word", term.word))
        if wanted in (_key(name) for name in names):
            return term
    return None


def names() -> list[str]:
    """Every term's Spanish name, in the glossary's order."""
    return [term.spanish for term in TERMS]


def grouped() -> list[tuple[str, list[Term]]]:
    """The terms by group, the groups in the order a case meets them (headings translated)."""
    return [(_(group), [term for term in TERMS if term.group == group]) for group in GROUPS]


def glossary_playbook(playbooks: Iterable[Playbook]) -> Playbook | None:
    """A playbook that follows Peru's rule book, through which the rules are read (with the
    norm dates the user set)."""
    return next((p for p in playbooks if p.rulebook == RULEBOOK), None)


# The spaces a line never breaks at: inside a citation or an amount ("Res. 099-2022-CD/OSIPTEL",
# "Ley 27444", "art. 136", "S/ 27.50"), where a break reads as two things.
_GLUED = re.compile(r"(?<=\bRes\.) |(?<=\bLey) |(?<=\bart\.) |(?<=S/) |(?<=US\$) ")


def wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, Chinese broken between characters, never
    inside a citation or an amount."""
    return [line.replace(NO_BREAK, " ") for line in wrap(_GLUED.sub(NO_BREAK, text), width)]


def explanation(term: Term, book: RuleBook | None, today: date) -> str:
    """What ``term`` means and where it sits on the path, in the reader's language, with the
    deadlines and norms of ``book`` in force on ``today``."""
    return _(term.explains).format_map(_Values(book, today))


class _Values(dict[str, str]):
    """The rule book's values an explanation names, worked out when named."""

    def __init__(self, book: RuleBook | None, today: date) -> None:
        super().__init__()
        self.book, self.today = book, today

    def __missing__(self, name: str) -> str:
        value = self[name] = _value(name, self.book, self.today)
        return value


# An explanation's placeholder and the rule it cites with its period and norm.
_RULES: Mapping[str, str] = {
    "baja": "baja",
    "suspension": "suspension",
    "portabilidad": "portabilidad",
    "billing_window": "reclamo.billing.window",
    "reclamo_baja": "reclamo.resolve.baja",
    "billing_low": "reclamo.resolve.billing.low",
    "billing_high": "reclamo.resolve.billing.high",
    "quality": "reclamo.resolve.quality",
    "notify": "reclamo.notify",
    "queja_forward": "queja.forward",
    "queja_resolve": "queja.resolve",
    "apelacion_window": "apelacion.window",
    "apelacion_forward": "apelacion.forward",
    "apelacion_resolve": "apelacion.resolve",
    "apelacion_notify": "apelacion.notify",
}
# Placeholders that name a rule's period only (the sentence cites it otherwise).
_PERIODS: Mapping[str, str] = {
    "suspension_min": "suspension.min",
    "suspension_max": "suspension.max",
    "suspension_year": "suspension.year.max",
    "billing_low_days": "reclamo.resolve.billing.low",
    "billing_high_days": "reclamo.resolve.billing.high",
    "inadmisible_fix": "inadmisible.fix",
}
# Placeholders that name the norm a rule comes from.
_NORMS: Mapping[str, str] = {"baja_norm": "baja", "reclamo_norm": "reclamo.notify"}


def _value(name: str, book: RuleBook | None, today: date) -> str:
    if book is None:
        return _("see the playbook's rules")
    if name in _RULES:
        return _rule_words(book, _RULES[name], today)
    if name in _PERIODS:
        return period(book.rule(_PERIODS[name], today))
    if name in _NORMS:
        return book.norm(book.rule(_NORMS[name], today).norm).citation
    if name == "codigo_pedido":
        provision = book.provision("codigo_pedido")
        if provision is None:
            return _("see the playbook's rules")
        cited = book.norm(provision.norm).citation
        return f"{cited}, {provision.article}" if provision.article else cited
    if name == "undisputed":
        return book.norm(book.undisputed_norm).citation if book.undisputed_norm else _("unsourced")
    if name == "quiero_salirme":
        return fact_source(book.fact("osiptel.quiero-salirme"), book)
    return _uit_value(name, book, today)


def _uit_value(name: str, book: RuleBook, today: date) -> str:
    uit = book.uit_for(today.year)
    low = book.billing_low_max(today.year)
    if name == "share":
        return formats.percent(book.billing_low_share)
    if name == "low_max":
        return formats.money(low, book.currency) if low is not None else _("unsourced")
    if uit is None:
        return _("unsourced")
    if name == "uit":
        return formats.money(uit.value, book.currency)
    if name == "uit_year":
        return str(uit.year)
    if name == "uit_source":
        return uit.source
    raise KeyError(name)


def _rule_words(book: RuleBook, key: str, today: date) -> str:
    """The rule in force on ``today`` with its period and norm; and a version of it whose norm
    is not applied yet (its start date unknown, or later), said as such."""
    rule = book.rule(key, today)
    words = rule_source(rule, book)
    for other in book.versions(key):
        norm = book.norm(other.norm)
        if other is rule or norm.in_force(today):
            continue
        if norm.applies_from is None:
            words += _("; {norm} cuts it to {period} from a date not yet confirmed").format(
                norm=norm.citation, period=period(other)
            )
        else:
            words += _("; {norm} makes it {period} from {day}").format(
                norm=norm.citation, period=period(other), day=norm.applies_from.isoformat()
            )
    return words


def case_term(case: Case, past_deadline: bool) -> Term:
    """The term the Case screen points to: the latest stage's answer, else the latest stage,
    else a reclamo once the provider is late (``past_deadline``), else the request itself."""
    stage = case.latest_stage()
    if stage is not None:
        if stage.outcome is not None:
            return _by_spanish(_OUTCOME_TERMS[stage.outcome])
        return _by_spanish(_STAGE_TERMS[stage.kind])
    if past_deadline:
        return _by_spanish("reclamo")
    return _by_spanish("suspensión" if case.action is Action.SUSPEND else "baja")


_OUTCOME_TERMS = {
    Outcome.FUNDADO: "fundado",
    Outcome.INFUNDADO: "infundado",
    Outcome.PARCIAL: "parcial",
    Outcome.IMPROCEDENTE: "improcedente",
    Outcome.INADMISIBLE: "inadmisible",
}
_STAGE_TERMS = {
    StageKind.RECLAMO: "reclamo",
    StageKind.QUEJA: "queja",
    StageKind.APELACION: "apelación",
    StageKind.OSIPTEL_FORM: "Quiero salirme",
}


def _by_spanish(spanish: str) -> Term:
    return next(term for term in TERMS if term.spanish == spanish)
