"""Sentences the domain says with facts in them, worded by the layer above.

The domain returns facts: a refusal names a status, a stage, a check or a month, never
their words, which are :mod:`tracker.wording`'s (above the domain, so never imported
here). A :class:`Phrase` is a sentence's template, already in the reader's language (it
comes from the catalog, :mod:`tracker.i18n`), and the facts that fill its fields; it is
put into words when it is read (``str``), through the wording that
:mod:`tracker.wording` installs with :func:`install` when it is loaded. Until then a
fact reads as its code (``requested``, ``2026-02``): never shown to a user, since every
layer that shows one loads the wording.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import TYPE_CHECKING

from tracker.i18n import _
from tracker.records import record

if TYPE_CHECKING:
    from tracker.domain.model import Check


@record(frozen=True)
class Month:
    """A month of a year ("February 2026")."""

    year: int
    month: int


@record(frozen=True)
class CheckName:
    """A check's name: a built-in playbook's in the reader's language, a user's as typed."""

    name: str


@record(frozen=True)
class FieldName:
    """A case field by its attribute name (``requested_on``: "request date")."""

    name: str


@record(frozen=True)
class BookTitle:
    """A rule book's title: a built-in book's in the reader's language, a user's as written."""

    title: str


@record(frozen=True)
class Quoted:
    """A fact in the language's quotation marks ('calls blocked', “llamadas bloqueadas”)."""

    fact: object


@record(frozen=True)
class Advice:
    """Something the user can do next, as each surface says it: the command line names the
    command (``letter 3 apelacion``, after ``tracker``), the TUI the key of the binding
    ``key`` (``case.letter``), or, when ``key`` is "" (only the command line does it), says
    that it is the command line's. The surface that shows the sentence words it
    (:mod:`tracker.wording.advice`)."""

    command: str | Phrase  # a Phrase when it names a fact worded in the reader's language
    key: str


@record(frozen=True)
class Listed:
    """Facts in a list ("a, b, c"), or ``empty`` (a word from the catalog) when there are none."""

    facts: tuple[object, ...]
    empty: str = ""


class Phrase:
    """A sentence: its template in the reader's language and the facts in its fields."""

    __slots__ = ("facts", "template")

    def __init__(self, template: str, /, **facts: object) -> None:
        self.template = template
        self.facts = facts

    def __str__(self) -> str:
        return self.template.format(**{name: _word(fact) for name, fact in self.facts.items()})

    def __repr__(self) -> str:
        return f"Phrase({self.template!r}, {self.facts!r})"


def checks_and_states(checks: Iterable[Check]) -> Listed:
    """ "calls blocked (pending), balance zero (failed)": checks with their states."""
    return Listed(
        tuple(Phrase(_("{check} ({state})"), check=CheckName(c.name), state=c.state) for c in checks)
    )


def plain(fact: object) -> str:
    """A fact as its code, for when no wording is loaded (never what a user reads)."""
    if isinstance(fact, Enum):
        return str(fact.value)
    if isinstance(fact, Month):
        return f"{fact.year:04d}-{fact.month:02d}"
    if isinstance(fact, CheckName | FieldName):
        return fact.name
    if isinstance(fact, BookTitle):
        return fact.title
    if isinstance(fact, Quoted):
        return f"'{plain(fact.fact)}'"
    if isinstance(fact, Listed):
        return ", ".join(plain(item) for item in fact.facts) or fact.empty
    if isinstance(fact, Advice):
        return f"tracker {fact.command}"  # a Phrase's str() words its own facts
    return str(fact)


_word: Callable[[object], str] = plain


def install(word: Callable[[object], str]) -> None:
    """Word every phrase's facts with ``word`` from now on (the wording layer's, once it is loaded)."""
    global _word
    _word = word
