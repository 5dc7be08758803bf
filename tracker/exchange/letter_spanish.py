"""Spanish as Peruvian letters write it: dates, terms in words and figures, money, norms.

NOT FOR TRANSLATION: see :mod:`tracker.exchange.letters`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.domain.model import Channel, Outcome
from tracker.domain.rules import Rule, RuleBook, Unit

MESES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "setiembre",  # the form used in Peru's official documents
    "octubre",
    "noviembre",
    "diciembre",
)

_NUMEROS = (
    "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
    "dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro "
    "veinticinco veintiséis veintisiete veintiocho veintinueve treinta"
)
NUMEROS = _NUMEROS.split()

CANALES = {
    Channel.PHONE: "por vía telefónica",
    Channel.WEB: "a través de la página web",
    Channel.APP: "a través del aplicativo",
    Channel.STORE: "de manera presencial, en tienda",
    Channel.EMAIL: "por correo electrónico",
    Channel.CHAT: "por chat",
    Channel.OTHER: "",
}

RESULTADOS = {
    Outcome.FUNDADO: "fundado",
    Outcome.INFUNDADO: "infundado",
    Outcome.PARCIAL: "fundado en parte",
    Outcome.IMPROCEDENTE: "improcedente",
    Outcome.INADMISIBLE: "inadmisible",
}


def fecha(day: date) -> str:
    """31 de julio de 2026."""
    return f"{day.day} de {MESES[day.month - 1]} de {day.year}"


def plazo(rule: Rule) -> str:
    """ "cinco (5) días hábiles", "un (1) día hábil", "un (1) mes"."""
    n = rule.amount
    word = "un" if n == 1 else (NUMEROS[n] if n < len(NUMEROS) else str(n))
    if rule.unit is Unit.BUSINESS_DAYS:
        unit = "día hábil" if n == 1 else "días hábiles"
    elif rule.unit is Unit.MONTHS:
        unit = "mes" if n == 1 else "meses"
    else:
        unit = "día calendario" if n == 1 else "días calendario"
    return f"{word} ({n}) {unit}"


def soles(amount: Decimal, currency: str) -> str:
    shown = f"{amount.quantize(Decimal('0.01')):,}"
    return f"S/ {shown}" if currency == "PEN" else f"{currency} {shown}"


def norma(book: RuleBook, rule: Rule) -> str:
    """The norm with its determiner, and the article where the rule book knows it: "el numeral
    i) del artículo 76 del TUO de ... (Res. 138-2012-CD/OSIPTEL)", "la Norma de ... (...)"."""
    norm = book.norm(rule.norm)
    determiner = "la" if norm.title.split(" ", 1)[0] in ("Norma", "Resolución", "Directiva") else "el"
    cited = f"{determiner} {norm.title} ({norm.citation})"
    # "numeral ...", "artículo ...", "literal ...": all take "el".
    return f"el {rule.article} {con('de', cited)}" if rule.article else cited


def cita(book: RuleBook | None, rule: Rule | None) -> str | None:
    """The norm to cite for a rule, or None when the rule book has no source for it: a rule
    that is not sourced is never cited as law (its days are still stated)."""
    if book is None or rule is None or rule.unsourced:
        return None
    return norma(book, rule)


def enumerate_es(items: list[str]) -> str:
    """ "A", "A y B", "A, B y C"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} y {items[-1]}"


def con(preposition: str, phrase: str) -> str:
    """ "a" + "el TUO" gives "al TUO"; "de" + "el" gives "del"."""
    if phrase.startswith("el ") and preposition in ("a", "de"):
        return f"{preposition}l {phrase[3:]}"
    return f"{preposition} {phrase}"
