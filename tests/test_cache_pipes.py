"""A named pipe (or anything but a regular file) where a cache is kept hangs no command: the
cache is opened non-blocking, used only when regular, and rebuilt (issue 19, item 14)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.domain.businessdays import country_holidays

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")

# Each probe runs in a process of its own: on the old code it would block for ever.
HOLIDAYS = (
    "from pathlib import Path; from tracker.caches.holidays import CachedHolidays; "
    "print(len(CachedHolidays(Path({folder!r}))('PE', 2026)))"
)
RULEBOOK = (
    "from pathlib import Path; from tracker.caches.rulebooks import cached_rulebook; "
    "print(cached_rulebook('pe', Path({folder!r})).name)"
)


def _probe(code: str, folder: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code.format(folder=str(folder))],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("probe", "name"),
    [(HOLIDAYS, "holidays.json"), (RULEBOOK, "rulebook-pe.json")],
    ids=["holidays", "rulebook"],
)
def test_a_pipe_at_the_cache_path_is_rebuilt_not_waited_on(tmp_path: Path, probe: str, name: str) -> None:
    os.mkfifo(tmp_path / name)
    try:
        answer = _probe(probe, tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail(f"a named pipe at {name} hung the cache")
    assert answer
    kept = tmp_path / name
    assert stat.S_ISREG(os.lstat(kept).st_mode)
    json.loads(kept.read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no partial left beside it


def test_a_folder_at_the_cache_path_only_costs_time(tmp_path: Path) -> None:
    (tmp_path / "holidays.json").mkdir()
    assert _probe(HOLIDAYS, tmp_path) == str(len(country_holidays("PE", 2026)))


@pytest.mark.sqlite_only
def test_a_command_with_pipes_in_the_cache_folder_ends(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    environment = {
        **os.environ,
        "TRACKER_DB": str(tmp_path / "t.db"),
        "TRACKER_CONFIG_DIR": str(tmp_path / "config"),
        "TRACKER_TODAY": "2026-11-20",
        "XDG_CACHE_HOME": str(cache),
    }
    tracker = [sys.executable, "-m", "tracker"]
    subprocess.run(
        [*tracker, "add", "Movistar", "--playbook", "esim-pe"], env=environment, check=True, timeout=60
    )
    kept = [p for p in cache.rglob("*.json")]
    assert kept
    for path in kept:
        path.unlink()
        os.mkfifo(path)
    try:
        shown = subprocess.run([*tracker, "show", "1"], env=environment, capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("show hung on a named pipe in the cache folder")
    assert shown.returncode == 0, shown.stderr
