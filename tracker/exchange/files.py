"""Where exports go, and writing them so that no half-written or world-readable file is left."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from tracker import paths
from tracker.domain.errors import InvalidInput

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


def write_private(path: Path, write: Callable[[BinaryIO], T], *, make_folder: bool = False) -> T:
    """Write a file through ``write(stream)``: owner-only, and only complete.

    The data goes to a temporary file beside ``path`` that replaces it once
    written, so a failure leaves any earlier file as it was. Exports hold
    personal data, hence mode 0600.
    """
    folder = path.parent
    if not folder.is_dir():
        if not make_folder:
            raise InvalidInput(f"cannot write {path}: the folder {folder} does not exist")
        try:
            folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        except OSError as exc:
            raise InvalidInput(f"cannot create the folder {folder}: {exc.strerror}") from None
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give a file name")
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise InvalidInput(f"cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as stream:
            result = write(stream)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return result
