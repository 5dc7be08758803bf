"""Where data and config live: on Linux worked out without platformdirs, and the same."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from tracker import paths

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is Linux's")

CASES = [
    {},  # nothing set: the defaults under HOME
    {"XDG_CONFIG_HOME": "/srv/conf", "XDG_DATA_HOME": "/srv/data", "XDG_CACHE_HOME": "/srv/cache"},
    {"XDG_CONFIG_HOME": "relative/conf", "XDG_DATA_HOME": "", "XDG_CACHE_HOME": "~/cache"},
    {"XDG_CONFIG_HOME": "/srv/conf/", "XDG_DATA_HOME": " /srv/data", "XDG_CACHE_HOME": "/"},
]


@linux_only
@pytest.mark.parametrize("home", ["/home/ana", "/home/ana/", "/"])
@pytest.mark.parametrize("env", CASES)
def test_the_folders_are_the_ones_platformdirs_gives(
    monkeypatch: pytest.MonkeyPatch, home: str, env: dict[str, str]
) -> None:
    monkeypatch.delenv("TRACKER_CONFIG_DIR", raising=False)
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HOME", home)
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    assert paths._xdg_dir("XDG_CONFIG_HOME", ".config") is not None  # the shortcut is taken
    assert paths.config_dir() == platformdirs.user_config_path("tracker", appauthor=False)
    assert paths.data_dir() == platformdirs.user_data_path("tracker", appauthor=False)
    assert paths.cache_dir() == platformdirs.user_cache_path("tracker", appauthor=False)


@linux_only
def test_a_relative_home_is_left_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "not/absolute")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert paths._xdg_dir("XDG_DATA_HOME", ".local/share") is None
    assert paths.data_dir() == platformdirs.user_data_path("tracker", appauthor=False)


def test_the_config_folder_can_be_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TRACKER_CONFIG_DIR", str(tmp_path))
    assert paths.config_dir() == tmp_path
