"""Attached files, kept under their SHA-256 in a folder beside the database.

Content-addressed: the same file attached twice is stored once, a file is never
changed once written, and deleting the original elsewhere loses nothing. The
folder and the files are owner-only: evidence holds personal data.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

from tracker import paths
from tracker.domain.errors import InvalidInput
from tracker.i18n import _
from tracker.private_files import make_private_folder
from tracker.records import field, record
from tracker.regular_files import NotARegularFile, open_regular

_CHUNK = 1 << 20
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# A copy on its way in: ``.incoming-<pid>-<random>.part`` (older versions: no pid).
_PARTIAL = re.compile(r"^\.incoming-(?:(\d+)-)?[A-Za-z0-9_]+\.part$")
# A partial untouched this long is abandoned, whoever wrote it: a live copy writes
# (and so touches it) every moment, however large the file.
PARTIAL_AGE_S = 15 * 60


@record(frozen=True)
class StoredFile:
    """A file kept in the attachments folder: its SHA-256 and size."""

    sha256: str
    size: int


class BlobStore:
    """Files by SHA-256 in ``folder`` (created on first write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.folder / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def size(self, sha256: str) -> int | None:
        """The size of the stored file, None when it is not here."""
        try:
            found = os.stat(self.path(sha256))
        except (OSError, ValueError):
            return None
        return found.st_size if stat.S_ISREG(found.st_mode) else None

    def put(self, source: Path) -> StoredFile:
        """Copy a readable regular file in; InvalidInput (one line) for anything else."""
        try:
            # Opened without blocking: a named pipe is refused, never waited on.
            stream = open_regular(source)
        except FileNotFoundError:
            raise InvalidInput(_("{path}: no such file").format(path=source)) from None
        except PermissionError:
            raise InvalidInput(_("{path}: cannot be read (permission denied)").format(path=source)) from None
        except IsADirectoryError:
            raise InvalidInput(_("{path} is a folder, not a file").format(path=source)) from None
        except NotARegularFile:
            raise InvalidInput(_("{path} is not a regular file").format(path=source)) from None
        except OSError as exc:
            raise InvalidInput(
                _("{path}: cannot be read: {reason}").format(path=source, reason=exc.strerror)
            ) from None
        with stream:
            return self._copy(stream, source)

    def _copy(self, stream: BinaryIO, source: Path, expected: str | None = None) -> StoredFile:
        """Stream into a partial copy, then give it its SHA-256 as name. With ``expected``,
        bytes that do not hash to it are not kept (the copy is a StoredFile of the real hash)."""
        make_private_folder(self.folder, InvalidInput)
        digest = hashlib.sha256()
        size = 0
        self.sweep_partials()
        fd, temporary = tempfile.mkstemp(prefix=f".incoming-{os.getpid()}-", suffix=".part", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha256 = digest.hexdigest()
            final = self.path(sha256)
            if final.exists() or (expected is not None and sha256 != expected):
                os.unlink(temporary)
            else:
                os.chmod(temporary, 0o400)
                os.replace(temporary, final)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise InvalidInput(
                _("{path}: cannot be copied into {folder}: {reason}").format(
                    path=source, folder=self.folder, reason=exc.strerror or exc
                )
            ) from None
        return StoredFile(sha256, size)

    def carry(
        self, wanted: Iterable[str], into: BlobStore, progress: Callable[[int, int], None] | None = None
    ) -> Carried:
        """Copy the stored files ``wanted`` (SHA-256s) into another folder, each checked
        against its hash on the way: the evidence of a copied or backed-up database."""
        carried = Carried(into.folder)
        hashes = sorted(set(wanted))
        for done, sha256 in enumerate(hashes, start=1):
            if progress is not None:
                progress(done, len(hashes))
            if into.has(sha256):
                carried.present += 1
                continue
            source = self.path(sha256)
            try:
                stream = open_regular(source)
            except OSError:
                carried.missing.append(sha256)
                continue
            with stream:
                if into._copy(stream, source, expected=sha256).sha256 != sha256:
                    carried.changed.append(sha256)
                    continue
            carried.copied += 1
        return carried

    def verify(self, sha256: str) -> bool:
        """Whether the stored file is there and still has its hash."""
        try:
            stream = open_regular(self.path(sha256))
        except OSError:
            return False
        digest = hashlib.sha256()
        with stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
        return digest.hexdigest() == sha256

    def sweep_partials(self) -> list[str]:
        """Remove the partial copies that a killed ``attach`` left; the names removed.

        Only our own partials (``.incoming-...part``), and only when their writer
        is gone or they have not been touched for :data:`PARTIAL_AGE_S` seconds.
        """
        removed: list[str] = []
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return removed
        for entry in entries:
            if _PARTIAL.match(entry.name) and _abandoned(entry):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(entry.name)
        return removed

    def audit(self, expected: Mapping[str, int], progress: Callable[[int, int], None] | None = None) -> Audit:
        """Compare the folder with ``expected`` (SHA-256 → size): every stored file is read
        and hashed. Partials of a killed copy are swept first."""
        audit = Audit(swept=self.sweep_partials())
        present: dict[str, os.DirEntry[str]] = {}
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            entries = []
        for entry in entries:
            if _SHA256.match(entry.name) and entry.is_file(follow_symlinks=False):
                present[entry.name] = entry
            elif _PARTIAL.match(entry.name):
                audit.in_progress.append(entry.name)
            else:
                audit.stray.append(entry.name)
        total = len(expected)
        for done, (sha256, size) in enumerate(sorted(expected.items()), start=1):
            found = present.pop(sha256, None)
            if found is None:
                audit.missing.append(sha256)
            elif found.stat(follow_symlinks=False).st_size != size or not self.verify(sha256):
                audit.changed.append(sha256)
            if progress is not None:
                progress(done, total)
        audit.unused = sorted(present)
        audit.stray.sort()
        return audit


@record
class Carried:
    """What :meth:`BlobStore.carry` did: files copied, already there, and left out."""

    folder: Path
    copied: int = 0
    present: int = 0
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def attachments_folder(database: Path | None) -> Path:
    """Where a database's attached files are: ``attachments/`` beside its file, or in the
    user's data folder for a database server."""
    return (database.parent if database is not None else paths.data_dir()) / "attachments"


@record
class Audit:
    """What :meth:`BlobStore.audit` found, by SHA-256 (or file name, for the rest)."""

    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    #: Files that are neither a stored file nor a copy of ours on its way in.
    stray: list[str] = field(default_factory=list)
    #: Stored files no case lists (kept: nothing is deleted silently).
    unused: list[str] = field(default_factory=list)
    #: Partial copies being written now by a live ``attach``.
    in_progress: list[str] = field(default_factory=list)
    #: Partial copies of a killed ``attach``, removed.
    swept: list[str] = field(default_factory=list)


def _abandoned(entry: os.DirEntry[str]) -> bool:
    try:
        touched = entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return False
    if time.time() - touched > PARTIAL_AGE_S:
        return True
    match = _PARTIAL.match(entry.name)
    if match is None or match.group(1) is None:
        return False
    pid = int(match.group(1))
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, someone else's
    return False
