"""Public holidays kept in a small file, so that working out a date does not load the
``holidays`` package on every command (its cost: ``python -m tests.bench``).

The file lives in the user's cache folder and is keyed by the installed ``holidays``
package (its location and modification time, found without importing it): a new
release of the package, which may add or move holidays, starts a new file.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from datetime import date
from importlib.util import find_spec
from pathlib import Path

from tracker.domain.businessdays import country_holidays
from tracker.regular_files import read_regular_text, replace_text


def _package_key() -> str:
    spec = find_spec("holidays")
    origin = spec.origin if spec is not None and spec.origin else ""
    try:
        stamp = os.stat(origin).st_mtime_ns if origin else 0
    except OSError:
        stamp = 0
    return f"{origin}:{stamp}"


class CachedHolidays:
    """A country's holidays in a year: from the cache file, else from ``holidays`` (then kept)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "holidays.json"
        self._known: dict[str, list[str]] | None = None
        self._memo: dict[tuple[str, int], frozenset[date]] = {}
        self._lock = threading.Lock()

    def __call__(self, country: str, year: int) -> frozenset[date]:
        with self._lock:
            found = self._memo.get((country, year))
            if found is None:
                found = self._memo[(country, year)] = self._read(country, year)
            return found

    def _load(self) -> dict[str, list[str]]:
        if self._known is None:
            self._known = {}
            with contextlib.suppress(OSError, ValueError):
                # Only a regular file: a pipe or a device at this path must not hang the command.
                data = json.loads(read_regular_text(self.path))
                if isinstance(data, dict) and data.get("package") == _package_key():
                    years = data.get("years")
                    if isinstance(years, dict):
                        self._known = years
        return self._known

    def _read(self, country: str, year: int) -> frozenset[date]:
        known = self._load()
        key = f"{country}:{year}"
        days = known.get(key)
        if isinstance(days, list):
            with contextlib.suppress(ValueError, TypeError):
                return frozenset(date.fromisoformat(day) for day in days)
        found = country_holidays(country, year)
        known[key] = sorted(day.isoformat() for day in found)
        self._save(known)
        return found

    def _save(self, known: dict[str, list[str]]) -> None:
        """Best effort: a cache that cannot be written only costs time."""
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # Replaces whatever is at the path, a pipe included: the cache is rebuilt.
            replace_text(self.path, json.dumps({"package": _package_key(), "years": known}))
