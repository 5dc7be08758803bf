"""A SQLite database as a file: is it there, is it SQLite, is it ours, copying it whole.

Nothing here opens the file with Python's own ``open()``: POSIX drops every lock a
process holds on a file when any descriptor of it is closed, so a plain read
while SQLite has the database open would let another process delete the WAL
under it. SQLite's own connections share their locks within the process.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from enum import Enum
from pathlib import Path

from tracker.domain.errors import InvalidInput, StoreError
from tracker.i18n import _
from tracker.private_files import create_private_file, make_private_folder
from tracker.records import record
from tracker.store.migrate import KNOWN_REVISIONS, OUR_TABLES, looks_newer

BUSY_TIMEOUT_S = 10.0


class Kind(Enum):
    MISSING = "missing"
    EMPTY = "empty"  # no bytes, or SQLite with no tables at all: a new database
    OURS = "ours"
    NEWER = "newer"  # ours, by a newer tracker
    FOREIGN = "foreign"  # SQLite, another program's
    NOT_SQLITE = "not sqlite"  # another kind of file, or damaged beyond reading


@record(frozen=True)
class FileState:
    """What a file holds (nothing, ours, a newer tracker's, another program's) and its revision."""

    kind: Kind
    revision: str | None = None


def folder_writable(folder: Path) -> bool:
    """Whether tracker may make files in the database's folder (SQLite's -wal and -shm, copies).

    A function of its own so that tests, which run as root (who may write into any
    folder but a read-only file system's), can say no."""
    return os.access(folder, os.W_OK)


def read_only_uri(path: Path) -> str:
    """The URI that reads a database whose folder is read-only, where SQLite allows it.

    A WAL database is read through its -wal and -shm when both are there. When there
    is no -wal (or an empty one: everything is in the file), nobody can be writing it,
    since a writer would have to make a -wal in that folder, so the file is read as
    immutable, which needs no -shm. A -wal with changes but no -shm cannot be read."""
    uri = path.resolve().as_uri()
    wal, shm = (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))
    if wal.exists() and shm.exists():
        return f"{uri}?mode=ro"
    if wal.exists() and wal.stat().st_size > 0:
        raise InvalidInput(
            _(
                "cannot read {path}: its folder {folder} is read-only, and its last changes are "
                "still in {wal} (make the folder writable once, and tracker writes them back)"
            ).format(path=path, folder=path.parent, wal=wal.name)
        )
    return f"{uri}?mode=ro&immutable=1"


def read_only_refusal(path: Path) -> InvalidInput:
    """Why a change to the database in a read-only folder is refused, in one line."""
    return InvalidInput(
        _(
            "{path} can only be read: its folder {folder} is read-only, so nothing can be saved "
            "(make the folder writable to change the cases)"
        ).format(path=path, folder=path.parent)
    )


def reader(path: Path) -> sqlite3.Connection:
    """A connection to read an existing file, never creating it.

    Read-write when the file allows it, although nothing is written: a read-only
    connection to a WAL database leaves -wal and -shm files behind, where a
    read-write one, the last to close, removes them and leaves the folder as it was.
    In a read-only folder, read-only as :func:`read_only_uri` says.
    """
    if not folder_writable(path.parent):
        return sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)
    uri = path.resolve().as_uri()
    try:
        connection = sqlite3.connect(f"{uri}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S)
        connection.execute("PRAGMA query_only=ON")
        return connection
    except sqlite3.OperationalError:
        return sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)


def inspect(path: Path) -> FileState:
    """What is at ``path``, read without changing it."""
    try:
        if not path.exists():
            return FileState(Kind.MISSING)
        if path.is_dir():
            raise InvalidInput(_("{path} is a folder, not a database file").format(path=path))
        if path.stat().st_size == 0:
            return FileState(Kind.EMPTY)
    except PermissionError:
        raise InvalidInput(_("cannot read {path}: permission denied").format(path=path)) from None
    if not os.access(path, os.R_OK):
        raise InvalidInput(_("cannot read {path}: permission denied").format(path=path))
    try:
        connection = reader(path)
    except sqlite3.Error:
        return FileState(Kind.NOT_SQLITE)
    try:
        return _classify(connection)
    except sqlite3.DatabaseError:
        return FileState(Kind.NOT_SQLITE)
    finally:
        connection.close()


def _classify(connection: sqlite3.Connection) -> FileState:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return FileState(Kind.EMPTY)
    if "alembic_version" not in tables:
        return FileState(Kind.FOREIGN)
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = row[0] if row else None
    for table, columns in OUR_TABLES.items():
        if table not in tables:
            return FileState(Kind.FOREIGN, revision)
        present = {info[1] for info in connection.execute(f'PRAGMA table_info("{table}")')}
        if not columns <= present:
            return FileState(Kind.FOREIGN, revision)
    if revision in KNOWN_REVISIONS:
        return FileState(Kind.OURS, revision)
    if looks_newer(revision):
        return FileState(Kind.NEWER, revision)
    return FileState(Kind.FOREIGN, revision)


def refusal(path: Path, state: FileState, opening: bool = True) -> InvalidInput | None:
    """Why a file cannot be opened as a tracker database (None when it can); ``opening``:
    the refusal of an attempt to open it, which says the file was left untouched."""
    if state.kind is Kind.NOT_SQLITE:
        if opening:
            return InvalidInput(
                _("{path} is not a SQLite database (or it is damaged); it was left untouched").format(
                    path=path
                )
            )
        return InvalidInput(_("{path} is not a SQLite database (or it is damaged)").format(path=path))
    if state.kind is Kind.FOREIGN:
        if opening:
            return InvalidInput(
                _("{path} is a SQLite database of another program; it was left untouched").format(path=path)
            )
        return InvalidInput(_("{path} is a SQLite database of another program").format(path=path))
    if state.kind is Kind.NEWER:
        return InvalidInput(
            _(
                "{target} was written by a newer tracker (schema {revision}); upgrade tracker to open it"
            ).format(target=path, revision=state.revision)
        )
    return None


def create_owner_only(path: Path, create_parent: bool) -> None:
    """Make an empty file readable by its owner only, from the first byte; a file that is
    there already (one the user made with ``touch``, 0644 under the usual umask) is made
    owner-only too before tracker writes a case into it."""
    if not path.parent.is_dir():
        if not create_parent:
            raise InvalidInput(
                _("cannot open {path}: the folder {folder} does not exist").format(
                    path=path, folder=path.parent
                )
            )
        make_private_folder(path.parent, InvalidInput)
    try:
        create_private_file(path)
    except FileExistsError:
        make_owner_only(path)
    except OSError as exc:
        raise InvalidInput(
            _("cannot create {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from None


def make_owner_only(path: Path) -> None:
    """Take away every permission but the owner's from a file tracker keeps cases in.

    Through a descriptor opened without following a link, so that it is the file
    itself whose mode changes; one whose owner is someone else (chmod refused) is
    not initialised at all: the cases would stay readable by others."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InvalidInput(_("cannot open {path}: {reason}").format(path=path, reason=exc.strerror)) from None
    try:
        if os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, 0o600)
    except OSError as exc:
        raise InvalidInput(
            _("cannot make {path} readable by its owner only: {reason}").format(
                path=path, reason=exc.strerror
            )
        ) from None
    finally:
        os.close(fd)


def _partial_name(destination: Path) -> Path:
    return destination.with_name(f".{destination.name}.partial-{os.getpid()}")


_PARTIAL = re.compile(r"^\..+\.partial-(\d+)(?:-journal|-wal|-shm)?$")


def remove_stale_partials(folder: Path) -> None:
    """Remove copies that a killed process left half-written (their process is gone).

    A kill -9 gives a process no chance to clean up; the next one does it.
    """
    try:
        candidates = list(folder.glob(".*.partial-*"))
    except OSError:
        return
    for candidate in candidates:
        match = _PARTIAL.match(candidate.name)
        if match is None:
            continue
        pid = int(match.group(1))
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                candidate.unlink()
        except PermissionError:
            continue  # alive, someone else's


def copy_database(source: sqlite3.Connection, destination: Path) -> Path:
    """A consistent, owner-only copy of a live database (SQLite's online backup).

    The copy is written beside the destination under a temporary name and appears
    under its own name only once complete; a failure leaves no file behind, and an
    existing file is never replaced.
    """
    if destination.exists() or destination.is_symlink():
        raise InvalidInput(_("{file} already exists; choose another name").format(file=destination))
    if not destination.parent.is_dir():
        raise InvalidInput(_("cannot write {file}: the folder does not exist").format(file=destination))
    remove_stale_partials(destination.parent)
    partial = _partial_name(destination)
    try:
        create_private_file(partial)
    except OSError as exc:
        raise StoreError(
            _("cannot write {file}: {reason}").format(file=destination, reason=exc.strerror)
        ) from None
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        with open(partial, "rb") as handle:  # our own new file: no SQLite lock to lose
            os.fsync(handle.fileno())
        _publish(partial, destination)
    except FileExistsError:
        raise InvalidInput(_("{file} already exists; choose another name").format(file=destination)) from None
    except sqlite3.Error as exc:
        raise StoreError(
            _("cannot write {file}: {reason}; no copy was made").format(
                file=destination, reason=_sqlite_reason(exc)
            )
        ) from None
    except OSError as exc:
        raise StoreError(
            _("cannot write {file}: {reason}; no copy was made").format(file=destination, reason=exc.strerror)
        ) from None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    return destination


def _publish(partial: Path, destination: Path) -> None:
    """Give the finished copy its name, never replacing a file that appeared meanwhile."""
    try:
        os.link(partial, destination)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: a rename, after one more look.
        if destination.exists():
            raise FileExistsError(destination) from None
        os.rename(partial, destination)


def _sqlite_reason(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "full" in text:
        return "the disk is full"
    return text
