"""A progress bar on stderr for long jobs, shown only to a person at a terminal.

When stderr is not a terminal (cron, a pipe, a log file) nothing is drawn, so
logs get no carriage-return noise; the command's final summary still appears.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tracker.display import fit
from tracker.i18n import N_, _

WIDTH = 30
# The stages a job reports, named for people.
STAGES = {
    "reading": N_("reading"),
    "writing": N_("writing"),
    "copying": N_("copying"),
    "checking": N_("checking"),
}
# Below this many items a job is quick: no bar.
MINIMUM = 2000


class ProgressBar:
    """``bar(stage, done, total)`` redraws one line, at most ten times a second."""

    def __init__(self, stream: TextIO, minimum: int = MINIMUM) -> None:
        self.stream = stream
        self.minimum = minimum
        self.drawn = False
        self._last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total < self.minimum:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = WIDTH * done // total if total else WIDTH
        bar = "█" * filled + "░" * (WIDTH - filled)
        percent = 100 * done // total if total else 100
        label = fit(_(STAGES[stage]) if stage in STAGES else stage, 10)
        self.stream.write(f"\r{label} {bar} {percent:3d}% ({done:,}/{total:,})")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """End the bar's line (call before printing anything else)."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


def progress_for(stream: TextIO | None = None) -> ProgressBar | None:
    """A bar on ``stream`` (stderr) when it is a terminal, else None."""
    stream = stream or sys.stderr
    isatty = getattr(stream, "isatty", None)
    return ProgressBar(stream) if isatty is not None and isatty() else None
