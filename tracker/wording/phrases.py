"""The words for the facts the domain puts in its sentences (:mod:`tracker.domain.phrases`).

Loading this module installs them: from then on every phrase, and so every error the
domain raises, reads in the reader's language when it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tracker.domain import phrases
from tracker.domain.model import CheckState, StageKind, Status
from tracker.domain.phrases import Advice, BookTitle, CheckName, FieldName, Listed, Month, Phrase, Quoted
from tracker.wording.formats import listed
from tracker.wording.terms import (
    book_title,
    check_label,
    check_state_label,
    field_label,
    quoted,
    stage_name,
    status_label,
)

if TYPE_CHECKING:
    from tracker.domain.model import Check


def words(fact: object) -> str:
    """A fact as the reader's language says it: a status, a stage, a check, a month, a phrase."""
    if isinstance(fact, Phrase | Exception):
        return str(fact)  # its own facts are worded here in turn
    if isinstance(fact, Status):
        return status_label(fact)
    if isinstance(fact, StageKind):
        return stage_name(fact)
    if isinstance(fact, CheckState):
        return check_state_label(fact)
    if isinstance(fact, CheckName):
        return check_label(fact.name)
    if isinstance(fact, FieldName):
        return field_label(fact.name)
    if isinstance(fact, BookTitle):
        return book_title(fact.title)
    if isinstance(fact, Quoted):
        return quoted(words(fact.fact))
    if isinstance(fact, Listed):
        return listed(words(item) for item in fact.facts) or fact.empty
    if isinstance(fact, Advice):
        from tracker.wording.advice import advice_words

        return advice_words(fact)
    if isinstance(fact, Month):
        from tracker.wording.formats import month_and_year  # Babel: loaded when a month is said

        return month_and_year(fact.year, fact.month)
    return str(fact)


def checks_and_states(checks: Iterable[Check]) -> str:
    """ "calls blocked (pending), balance zero (failed)" in the reader's language."""
    return words(phrases.checks_and_states(checks))


phrases.install(words)
