"""Fixtures for the exchange tests: a tracker on a real file, the story, the CLI in bytes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.exchange import STORY_TODAY, Ran, Run, add_story, open_tracker
from tracker.cli import main
from tracker.core import Tracker
from tracker.domain.model import Case


@pytest.fixture
def run(env: Any, capsysbinary: pytest.CaptureFixture[bytes]) -> Run:
    """``run("export", "--format", "csv")``: the command line in-process, output as bytes."""

    def invoke(*argv: str) -> Ran:
        capsysbinary.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsysbinary.readouterr()
        return Ran(code, captured.out, captured.err.decode("utf-8"))

    return invoke


@pytest.fixture
def tracker(db_path: Path) -> Iterator[Tracker]:
    """A tracker on ``db_path`` whose clock the test can move (``tracker.clock.fixed_today``)."""
    opened = open_tracker(db_path)
    yield opened
    opened.close()


@pytest.fixture
def story(tracker: Tracker) -> dict[str, Case]:
    return add_story(tracker)


@pytest.fixture
def story_env(env: Any, story: dict[str, Case]) -> dict[str, Case]:
    """The story in the CLI's database, with the CLI's today on 2026-11-20."""
    env.set_today(STORY_TODAY)
    return story
