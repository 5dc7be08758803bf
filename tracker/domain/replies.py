"""What an apelación answers to a reason an operator gives, as data in the rule book.

An operator that declares a reclamo infundado gives a reason ("tiene deuda pendiente").
The user records it (``tracker answer --reason``); when the rule book knows an answer to
that kind of reason, the apelación's grounds give it, with the source it comes from.
A reply is matched by the words of the reason, without regard to case or accents.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tracker.domain.errors import InvalidInput
from tracker.domain.search import fold
from tracker.records import record


@record(frozen=True)
class Reply:
    """The answer to one kind of reason: the words that spot it, what the letter says, and
    where that comes from. ``norm`` and ``article``, when set, are cited as law; a reply
    from the press or from OSIPTEL's own words is stated without citing a norm."""

    key: str
    match: tuple[str, ...]
    text: str
    source: str
    norm: str = ""
    article: str = ""

    def answers(self, reason: str) -> bool:
        folded = fold(reason)
        return any(fold(words) in folded for words in self.match)


def reply_to(replies: tuple[Reply, ...], reason: str) -> Reply | None:
    """The first reply that answers ``reason`` (None when none does, or there is no reason)."""
    if not reason.strip():
        return None
    return next((reply for reply in replies if reply.answers(reason)), None)


def parse_replies(
    raw: Any, norms: Mapping[str, object], fail: Callable[[str, str], InvalidInput]
) -> tuple[Reply, ...]:
    """The ``[[replies]]`` of a rule book; ``fail(field, problem)`` makes the refusal."""
    from tracker.i18n import _

    if not isinstance(raw, list):
        raise fail("replies", _("must be a list of [[replies]] tables"))
    replies = []
    for index, data in enumerate(raw):
        where = f"replies[{index}]."
        if not isinstance(data, dict):
            raise fail(where.rstrip("."), _("must be a table"))
        texts = {}
        for key in ("key", "text", "source", "norm", "article"):
            value = data.get(key, "")
            if not isinstance(value, str) or (key in ("key", "text", "source") and not value.strip()):
                raise fail(where + key, _("must be text"))
            texts[key] = value
        match = data.get("match")
        if not isinstance(match, list) or not match or not all(isinstance(m, str) and m for m in match):
            raise fail(where + "match", _("must be a list of words"))
        if texts["norm"] and texts["norm"] not in norms:
            raise fail(where + "norm", _("{value} is not in [norms]").format(value=repr(texts["norm"])))
        unknown = set(data) - {"key", "text", "source", "norm", "article", "match"}
        if unknown:
            raise fail(where + sorted(unknown)[0], _("is not a field of a reply"))
        replies.append(Reply(match=tuple(match), **texts))
    return tuple(replies)
