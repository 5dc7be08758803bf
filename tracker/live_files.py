"""The files a command must never write over: the open database and its evidence.

A destination the user names (``export -o``, ``report --bundle``, ``db backup``,
``db copy --to`` ...) is compared with them by FILE IDENTITY (device and inode),
never by spelling: a symbolic link, a ``..``, a relative path or a hard link to the
database is the database. A file that does not exist yet is known by its folder's
identity and its name, so ``t.db-wal`` is refused even while SQLite has none.

The bottom of the house: it imports only the catalog and the error classes, so the
exports (above the core) and the core's backup and copy use the same check.
"""

from __future__ import annotations

import os
from pathlib import Path

from tracker.domain.errors import InvalidInput
from tracker.i18n import _
from tracker.records import record

# SQLite's companions of a database file: writing over any of them loses data.
_COMPANIONS = ("", "-wal", "-shm", "-journal")

Identity = tuple[int, int]


@record(frozen=True)
class LiveFiles:
    """What is in use: the database's files and the attachments folder, by identity."""

    #: (device, inode) of the database and its companions that exist.
    files: frozenset[Identity]
    #: (folder identity, name) of every database file, there or not yet.
    names: frozenset[tuple[Identity, str]]
    #: (device, inode) of the attachments folder (and of its own place, by name).
    folders: frozenset[Identity]
    folder_names: frozenset[tuple[Identity, str]]


def _identity(path: str | Path) -> Identity | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


def _placed(path: Path) -> tuple[Identity, str] | None:
    """The identity of the real folder ``path`` is in, and its name there."""
    real = Path(os.path.realpath(path))
    folder = _identity(real.parent)
    return None if folder is None else (folder, real.name)


def live_files(database: Path | None, attachments: Path) -> LiveFiles:
    """The files to protect for a database file (None for a server) and its attachments folder."""
    files: set[Identity] = set()
    names: set[tuple[Identity, str]] = set()
    if database is not None:
        for suffix in _COMPANIONS:
            companion = Path(f"{database}{suffix}")
            if (found := _identity(companion)) is not None:
                files.add(found)
            if (place := _placed(companion)) is not None:
                names.add(place)
    folders: set[Identity] = set()
    folder_names: set[tuple[Identity, str]] = set()
    if (found := _identity(attachments)) is not None:
        folders.add(found)
    if (place := _placed(attachments)) is not None:
        folder_names.add(place)
    return LiveFiles(frozenset(files), frozenset(names), frozenset(folders), frozenset(folder_names))


def same_file(path: Path, other: Path) -> bool:
    """Whether two spellings name one file (by identity, or by real folder and name)."""
    first = _identity(path)
    if first is not None and first == _identity(other):
        return True
    place = _placed(path)
    return place is not None and place == _placed(other)


def refuse_live(destination: Path, live: LiveFiles) -> None:
    """Refuse (InvalidInput, one line) a destination that is, or is inside, what ``live`` holds.

    Whatever the spelling: the target itself when it exists (links followed, hard
    links included), its real folder and name otherwise, and every folder above it.
    """
    target = _identity(destination)
    if target is not None and target in live.files:
        raise InvalidInput(_("{path} is the database in use; choose another file").format(path=destination))
    real = Path(os.path.realpath(destination))
    place = _placed(destination)
    if place is not None and place in live.names:
        raise InvalidInput(_("{path} is the database in use; choose another file").format(path=destination))
    if (target is not None and target in live.folders) or (place is not None and place in live.folder_names):
        raise InvalidInput(
            _("{path} is the attachments folder; choose another file").format(path=destination)
        )
    for folder in real.parents:
        found = _identity(folder)
        if found is not None and found in live.folders:
            raise InvalidInput(
                _("{path} is inside the attachments folder; choose another place").format(path=destination)
            )
        above = _placed(folder) if folder != folder.parent else None
        if above is not None and above in live.folder_names:
            raise InvalidInput(
                _("{path} is inside the attachments folder; choose another place").format(path=destination)
            )
