"""Where exports go, and writing them so that no half-written or world-readable file is left."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from tracker import paths
from tracker.domain.errors import InvalidInput
from tracker.i18n import _
from tracker.live_files import LiveFiles, refuse_live
from tracker.private_files import make_private_folder

T = TypeVar("T")


def exports_folder(database: Path | None = None) -> Path:
    """The default folder for exports and dossiers: ``exports/`` beside the database
    (in the user's data folder for the default database), so a case's files stay
    with its data."""
    return (database.parent if database is not None else paths.data_dir()) / "exports"


def slug(text: str, fallback: str = "case", limit: int = 40) -> str:
    """A file-name-safe form of ``text``: "Movistar Perú" → "movistar-peru"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = re.sub(r"[^\w]+", "-", plain.casefold(), flags=re.UNICODE)
    cut = words.strip("-_")[:limit].strip("-_")
    return cut or fallback


def write_private(
    path: Path, write: Callable[[BinaryIO], T], *, live: LiveFiles, make_folder: bool = False
) -> T:
    """Write a file through ``write(stream)``: owner-only, and only complete.

    Never over what ``live`` holds (the open database, its companions, the
    attachments folder), whatever the spelling of ``path``: refused in one line.

    A regular file (or a new one) is written to a temporary file beside it that
    replaces it once written, so a failure leaves any earlier file as it was;
    exports hold personal data, hence mode 0600. A symbolic link is followed,
    and the file it points to is the one replaced. A named pipe or a character
    device (a terminal, ``/dev/stdout``) is written into as a stream, never
    replaced; anything else (a socket, a block device) is refused.
    """
    refuse_live(path, live)
    try:
        kind = os.stat(path).st_mode
    except FileNotFoundError:
        kind = None
    except OSError as exc:
        raise InvalidInput(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from None
    if kind is None or stat.S_ISREG(kind):
        return _replace_whole(path.resolve() if path.is_symlink() else path, write, make_folder)
    if stat.S_ISDIR(kind):
        raise InvalidInput(_("{path} is a folder; give a file name").format(path=path))
    if stat.S_ISFIFO(kind) or stat.S_ISCHR(kind):
        return _write_stream(path, write)
    raise InvalidInput(_("cannot write {path}: it is not a file, a pipe or a terminal").format(path=path))


def _write_stream(path: Path, write: Callable[[BinaryIO], T]) -> T:
    """Write into a pipe or a device as it is: it cannot be replaced, only written to."""
    try:
        with open(path, "wb") as stream:
            return write(stream)
    except OSError as exc:
        raise InvalidInput(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None


def _replace_whole(path: Path, write: Callable[[BinaryIO], T], make_folder: bool) -> T:
    folder = path.parent
    if not folder.is_dir():
        if not make_folder:
            raise InvalidInput(
                _("cannot write {path}: the folder {folder} does not exist").format(path=path, folder=folder)
            )
        make_private_folder(folder, InvalidInput)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise InvalidInput(
            _("cannot write in {folder}: {reason}").format(folder=folder, reason=exc.strerror)
        ) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            result = write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise InvalidInput(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return result
