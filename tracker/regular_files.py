"""Opening a file that must be a regular one, without ever hanging on something else.

A named pipe (FIFO) opened for reading blocks until someone writes into it: a FIFO
left where tracker keeps a cache, or given to ``attach``, would hang the command.
So the file is opened non-blocking, checked with ``fstat`` on the open descriptor
(no race between a check and the open), and used only when it is a regular file.
The bottom of the house: the store's evidence and the caches use it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import BinaryIO


class NotARegularFile(OSError):
    """Something other than a regular file or a folder: a pipe, a socket, a device."""


def open_regular(path: Path) -> BinaryIO:
    """``path`` open for reading in binary; IsADirectoryError for a folder, NotARegularFile
    for any other kind of file, the OSError as the system gives it otherwise."""
    # O_NONBLOCK: opening a named pipe returns at once instead of waiting for a writer.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            raise NotARegularFile(path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_regular_text(path: Path) -> str:
    """The text of a regular file (UTF-8); OSError for anything else, ValueError if not UTF-8."""
    with open_regular(path) as stream:
        return stream.read().decode("utf-8")


def replace_text(path: Path, text: str) -> None:
    """Write ``text`` to a new file beside ``path`` (a name nobody else has: no pipe or link
    can be waiting there) and put it in place of whatever is at ``path``; OSError on failure,
    leaving nothing behind."""
    import tempfile  # loads shutil: only when a cache is rebuilt, not at every command

    fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise
