"""The one door to the data: :class:`Tracker` (see :mod:`tracker.core.tracker`)."""

from __future__ import annotations

from tracker.core.tracker import Changes, Tracker

__all__ = ["Changes", "Tracker"]
