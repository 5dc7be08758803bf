"""Filtering cases as you type: a case-insensitive substring over their text fields."""

from __future__ import annotations

import unicodedata
from array import array
from collections import deque
from collections.abc import Callable, Iterable
from itertools import compress, islice, repeat
from operator import contains


class _Folding(dict[int, str]):
    """Each character's folded form, worked out the first time it is met."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
        self[code] = folded
        return folded


_FOLDING = _Folding()


def fold(text: str) -> str:
    """Text as the filter compares it: without case or accents.

    Unicode's case-folding ("STRASSE" finds "Straße") and accents dropped, since
    most people type without them ("peru" finds "Perú", "pena" finds "Peña").
    Character by character through a table, so it runs at C speed.
    """
    return text.lower() if text.isascii() else text.translate(_FOLDING)


def search_text(provider: str, service: str, ticket: str, notes: str, earlier_tickets: str = "") -> str:
    """What a filter looks in: provider, service, every ticket and notes, folded."""
    return fold("\n".join((provider, service, ticket, notes, earlier_tickets)))


class Ordered:
    """Case ids in a list's order and, once read, each one's search text at the same
    place: what filtering as you type looks through. An answer is an ``Ordered`` too, the
    matching ids with their texts, so a key typed at the end of the filter looks only
    through the last answer.

    Every step runs in C: ``str.__contains__`` over one text per case, ``compress`` to
    keep the ids and texts that match. (One buffer of every text, searched with
    ``find``, costs a Python step per match, and a one-letter filter matches nearly
    every case.)

    Each text is held as its UTF-8 bytes, one character per byte (Latin-1), and so is
    the needle: UTF-8 is self-synchronising, so a substring of the bytes is a substring
    of the text, and a one-byte-per-character string is the fastest to search (a text
    holding one emoji would otherwise take four bytes a character, and every search in
    it would widen the needle first). It is also the smallest.
    """

    def __init__(self, ids: array, texts: Iterable[str] | None = None) -> None:  # type: ignore[type-arg]
        self.ids = ids
        self.texts: list[str] | None = None
        if texts is not None:
            self.texts = list(map(bytes.decode, map(str.encode, texts, _UTF8, _KEEP), _LATIN1))
            if len(self.texts) != len(ids):
                raise ValueError("one text for each id")
        self._places: Callable[[Iterable[int]], Iterable[int | None]] | None = None

    @classmethod
    def _held(cls, ids: array, texts: list[str] | None) -> Ordered:  # type: ignore[type-arg]
        """An answer: ids and texts already held as this class holds them."""
        answer = cls(ids)
        answer.texts = texts
        return answer

    def __len__(self) -> int:
        return len(self.ids)

    def _texts_and_needle(self, query: str) -> tuple[list[str], str]:
        if self.texts is None:
            raise ValueError("the texts were not read")
        return self.texts, needle_of(query).encode("utf-8", "surrogatepass").decode("latin-1")

    def matching(self, query: str) -> Ordered:
        """The ids (and their texts) whose text holds ``query``, in this order."""
        texts, needle = self._texts_and_needle(query)
        if not needle:
            return self
        found = bytes(map(contains, texts, repeat(needle)))
        return self._held(array("q", compress(self.ids, found)), list(compress(texts, found)))

    def first(self, query: str, count: int) -> Ordered:
        """The first ``count`` ids whose text holds ``query``: the search stops there, so a
        common word answers at once. Fewer than ``count`` means there are no more."""
        texts, needle = self._texts_and_needle(query)
        places = list(islice(compress(range(len(texts)), map(contains, texts, repeat(needle))), count))
        return self._held(array("q", map(self.ids.__getitem__, places)), list(map(texts.__getitem__, places)))

    def keeping(self, found: Iterable[int]) -> Ordered:
        """The ids in ``found`` that the list holds, in its order (an answer from the
        database's index holds closed and trashed cases too, and ids newer than the list);
        without their texts."""
        # Each id's place plus one; None or 0 for an id the list does not hold.
        held = sorted(filter(None, self._places_of()(found)))
        return self._held(array("q", map(self.ids.__getitem__, map((-1).__add__, held))), None)

    def _places_of(self) -> Callable[[Iterable[int]], Iterable[int | None]]:
        """Each id's place plus one, made once per list: a table indexed by id, in C, when
        the ids are dense enough for it (as numbered cases are), else a dict."""
        if self._places is None:
            ids = self.ids
            highest = max(ids, default=0)
            if min(ids, default=0) >= 0 and highest <= _DENSE * len(ids) + 1024:
                table = array("q", bytes(8 * (highest + 1)))
                deque(map(table.__setitem__, ids, range(1, len(ids) + 1)), maxlen=0)
                within = range(len(table)).__contains__
                self._places = lambda found: map(table.__getitem__, filter(within, found))
            else:
                place = dict(zip(ids, range(1, len(ids) + 1), strict=True)).get
                self._places = lambda found: map(place, found)
        return self._places


# Ids at most this many times as many as the list's cases are held in a table by id.
_DENSE = 4
_UTF8 = repeat("utf-8")
_KEEP = repeat("surrogatepass")  # a lone surrogate is matched as itself, never refused
_LATIN1 = repeat("latin-1")


def needle_of(query: str) -> str:
    """What a filter looks for: the query folded, without the spaces around it (a NUL is a
    space, as in the texts: no database takes one in a string)."""
    return fold(query.strip()).replace("\x00", " ")
