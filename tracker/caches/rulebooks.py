"""The rule books shipped with tracker, kept parsed in a small JSON file.

A Peruvian case needs its rule book at almost every command, and reading it from
TOML loads ``tomllib`` first (more than the rest of the rule book's work: see
``tests/bench``). The parsed document is kept in the user's cache folder,
keyed by tracker's version and the TOML file's path, size and modification time:
an upgraded tracker, or an edited file, is read from TOML again. A cache that cannot be read or
written only costs that time.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from tracker import __version__
from tracker.domain.rules import RuleBook, builtin_rulebook_file, parse_rulebook
from tracker.regular_files import read_regular_text, replace_text


def cached_rulebook(name: str, folder: Path) -> RuleBook:
    """The rule book ``name``, from the cache in ``folder`` when it is current."""
    source = builtin_rulebook_file(name)
    return parse_rulebook(_document(source, folder / f"rulebook-{name}.json"), name)


def _document(source: Path, kept: Path) -> dict[str, Any]:
    stat = source.stat()
    key = f"{__version__}:{source}:{stat.st_size}:{stat.st_mtime_ns}"
    with contextlib.suppress(OSError, ValueError):
        # Only a regular file: a pipe or a device at this path must not hang the command.
        stored = json.loads(read_regular_text(kept))
        if (
            isinstance(stored, dict)
            and stored.get("source") == key
            and isinstance(stored.get("document"), dict)
        ):
            document: dict[str, Any] = stored["document"]
            return document
    import tomllib

    document = tomllib.loads(source.read_text(encoding="utf-8"))
    # TOML dates and times have no JSON form: such a book is read from TOML every time.
    with contextlib.suppress(OSError, TypeError, ValueError):
        text = json.dumps({"source": key, "document": document}, ensure_ascii=False)
        kept.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Replaces whatever is at the path, a pipe included: the cache is rebuilt.
        replace_text(kept, text)
    return document
