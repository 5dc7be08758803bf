"""Folders and files that only their owner may open, from the moment they exist.

The mode is given when they are made, never set by a chmod afterwards (which would
leave a moment when others could open them). A umask can only take permissions
away, so even under a umask of 000 a folder is 0700 and a file 0600. The bottom of
the house: the store, the exports and the caches use it; it imports only the catalog.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tracker.i18n import _

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_private_folder(folder: Path, error: Callable[[str], Exception]) -> None:
    """Create ``folder``, owner-only, with any missing parents; a folder that exists is left
    as it is. When it cannot be made, raises ``error`` with the reason in words.

    Missing parents get the default mode, as ``mkdir -p`` gives them.
    """
    try:
        folder.mkdir(parents=True, mode=FOLDER_MODE, exist_ok=True)
    except OSError as exc:
        raise error(
            _("cannot create the folder {folder}: {reason}").format(folder=folder, reason=exc.strerror)
        ) from None


def create_private_file(path: Path) -> None:
    """Create an empty owner-only file at ``path``; the OSError as the system gives it
    (FileExistsError when something is there already)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    os.close(fd)
