"""Keys noted while a long stream is read (an import's UUIDs and case numbers), kept on
disk rather than in memory, so that what a stream holds does not grow with it."""

from __future__ import annotations

import sqlite3


class ScratchIndex:
    """Each key with the first place it was seen, in a private temporary SQLite database
    (SQLite's own: deleted when closed, its cache bounded), looked up by its index.

    The one transaction is never committed: nothing is ever written for good.
    """

    def __init__(self) -> None:
        self._db = sqlite3.connect("", check_same_thread=False)  # "": a temporary file of its own
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("CREATE TABLE seen (key PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID")

    def setdefault(self, key: str | int, at: int) -> int:
        """Where ``key`` was first seen: ``at`` if this is the first time."""
        if self._db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (key, at)).rowcount:
            return at
        return int(self._db.execute("SELECT at FROM seen WHERE key = ?", (key,)).fetchone()[0])

    def add(self, key: str | int) -> None:
        self.setdefault(key, 0)

    def __contains__(self, key: object) -> bool:
        return self._db.execute("SELECT 1 FROM seen WHERE key = ?", (key,)).fetchone() is not None

    def close(self) -> None:
        self._db.close()
