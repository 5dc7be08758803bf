"""Errors the domain raises; every one carries a message fit to show a user.

A message is text from the catalog, or a :class:`~tracker.domain.phrases.Phrase` when it
names facts (a status, a stage, a check) that the wording layer puts into words when
the error is read: ``str(error)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.domain.phrases import Phrase


class TrackerError(Exception):
    """Base for every error the user should see as one clear line."""

    def __init__(self, message: str | Phrase) -> None:
        super().__init__(message)  # Exception's str() of one argument is str(message): its words


class InvalidInput(TrackerError):
    """A value the user gave is not acceptable.

    ``field`` names the field at fault, so forms can show the message beside it.
    """

    def __init__(self, message: str | Phrase, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotAllowed(TrackerError):
    """An action the case's state forbids (a guard refused it)."""


class NotFound(TrackerError):
    """Something the user named does not exist."""


class StoreError(TrackerError):
    """The database cannot do what was asked: locked, read-only, full, unreachable.

    The message says so in one line and never carries SQL or the user's data.
    """
