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
from pathlib import Path
from typing import BinaryIO

from tracker.domain.errors import InvalidInput
from tracker.i18n import _
from tracker.private_files import make_private_folder
from tracker.records import record

_CHUNK = 1 << 20
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


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

    def put(self, source: Path) -> StoredFile:
        """Copy a readable regular file in; InvalidInput (one line) for anything else."""
        try:
            # O_NONBLOCK: opening a named pipe must not hang; it is refused below.
            fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            raise InvalidInput(_("{path}: no such file").format(path=source)) from None
        except PermissionError:
            raise InvalidInput(_("{path}: cannot be read (permission denied)").format(path=source)) from None
        except OSError as exc:
            raise InvalidInput(
                _("{path}: cannot be read: {reason}").format(path=source, reason=exc.strerror)
            ) from None
        try:
            mode = os.fstat(fd).st_mode
        except OSError:
            os.close(fd)
            raise
        if not stat.S_ISREG(mode):
            os.close(fd)
            if stat.S_ISDIR(mode):
                raise InvalidInput(_("{path} is a folder, not a file").format(path=source))
            raise InvalidInput(_("{path} is not a regular file").format(path=source))
        with os.fdopen(fd, "rb") as stream:
            return self._copy(stream, source)

    def _copy(self, stream: BinaryIO, source: Path) -> StoredFile:
        make_private_folder(self.folder, InvalidInput)
        digest = hashlib.sha256()
        size = 0
        fd, temporary = tempfile.mkstemp(prefix=".incoming-", suffix=".part", dir=self.folder)
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
            if final.exists():
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

    def verify(self, sha256: str) -> bool:
        """Whether the stored file is there and still has its hash."""
        path = self.path(sha256)
        if not path.is_file():
            return False
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
        return digest.hexdigest() == sha256
