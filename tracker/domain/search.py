"""Filtering cases as you type: a case-insensitive substring over its text fields."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping


def search_text(provider: str, service: str, ticket: str, notes: str) -> str:
    """What a filter looks in: provider, service, ticket and notes, case-folded.

    Case-folding is Unicode's, so "PERÚ" finds "Perú" and "STRASSE" finds "Straße".
    """
    return "\n".join((provider, service, ticket, notes)).casefold()


def filter_ids(ids: Iterable[int], texts: Mapping[int, str], query: str) -> array:  # type: ignore[type-arg]
    """The ids (kept in their order) whose text contains ``query``, ignoring case."""
    needle = query.strip().casefold()
    if not needle:
        return array("q", ids)
    return array("q", (i for i in ids if needle in texts.get(i, "")))
