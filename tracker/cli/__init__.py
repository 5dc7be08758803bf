"""The command line. ``tracker`` with no command opens the TUI; the work is in :mod:`tracker.cli.entry`."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``tracker`` with ``argv`` (default: the process's arguments); the exit status."""
    # Imported here so that importing one of the package's modules loads no other.
    from tracker.cli.entry import main as run_main

    return run_main(argv)
