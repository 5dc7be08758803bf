"""The store: cases kept in a database, behind one interface for every backend.

``open_store`` picks the backend from the target (a file or ``sqlite:///`` URL:
SQLite; ``postgresql+psycopg://``: PostgreSQL). Above the store, nothing knows
which one it talks to.

This face only re-exports; no module of the package imports it, each names its
sibling by its full path, so the package has no import circle.
"""

from __future__ import annotations

from tracker.store.location import Target, resolve
from tracker.store.opening import Opened, check_target, open_store

__all__ = ["Opened", "Target", "check_target", "open_store", "resolve"]
