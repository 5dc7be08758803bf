"""The rule books' notes as catalog messages: a Babel extractor for ``rulebooks/*.toml``.

A rule book says where each rule, norm, fact and reading comes from (``source``), in
English prose that ``tracker playbooks NAME``, the Case screen and the dossier show.
The wording layer looks those notes up in the catalog (:func:`tracker.wording.terms.
book_note`); this extractor puts them there. ``pyproject.toml`` maps the rule books to
it (``[tool.babel.mappings]``); only ``pybabel extract`` and the catalog test load it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import IO, Any

# The keys whose text a reader reads in their language.
NOTE_KEYS = frozenset({"source"})
COMMENT = "a rule book's note on where a rule comes from: keep the names of norms, articles and papers"


def notes(document: object) -> Iterator[str]:
    """Every note in a parsed rule book, in document order."""
    if isinstance(document, dict):
        for key, value in document.items():
            if key in NOTE_KEYS and isinstance(value, str) and value.strip():
                yield value
            else:
                yield from notes(value)
    elif isinstance(document, list):
        for item in document:
            yield from notes(item)


def extract(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel's extractor interface: (line, function, message, comments) for each note."""
    document: Any = tomllib.loads(fileobj.read().decode("utf-8"))
    for note in dict.fromkeys(notes(document)):
        yield 0, None, note, [COMMENT]
