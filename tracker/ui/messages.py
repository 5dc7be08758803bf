"""Messages between the app, its screens and the workers that do database work.

Screens import these, never the app module; workers post them from their
thread (``post_message`` is thread-safe) and never touch a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message

from tracker.domain.errors import TrackerError


class DataChanged(Message):
    """The database changed (here or in another process): screens reload what they show."""


class JobDone(Message):
    """Database work finished in a worker; ``then`` gets its result on the event loop."""

    def __init__(self, result: Any, then: Callable[[Any], object] | None) -> None:
        super().__init__()
        self.result = result
        self.then = then


class JobRefused(Message):
    """Database work was refused (bad input, a guard such as "already verified")."""

    def __init__(self, error: TrackerError, then: Callable[[TrackerError], object] | None) -> None:
        super().__init__()
        self.error = error
        self.then = then


class JobFailed(Message):
    """Database work failed unexpectedly; the app says so and keeps what was typed."""

    def __init__(self, error: BaseException, then: Callable[[BaseException], object] | None) -> None:
        super().__init__()
        self.error = error
        self.then = then


class ImportProgress(Message):
    """How far an import has got: ``stage`` is "reading" or "writing"."""

    def __init__(self, stage: str, done: int, total: int) -> None:
        super().__init__()
        self.stage = stage
        self.done = done
        self.total = total
