"""Where data and config live. Nothing is created at import."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "tracker"


def _xdg_dir(variable: str, default: str) -> Path | None:
    """On Linux, the folder platformdirs gives, found without loading platformdirs.

    Every command needs the config folder and, on the default database, the data
    folder; platformdirs' import is a sizeable share of a command's start-up
    (``python -m tests.bench.startup`` measures it). On Linux its rule is the XDG
    one: the variable when it holds an absolute path, else the default under an
    absolute ``$HOME`` (tests/core/test_paths.py holds the two in step). Anywhere
    else (macOS, Windows, Android, a relative or missing HOME) platformdirs decides.
    """
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or os.environ.get("ANDROID_ROOT"):
        return None
    home = os.environ.get("HOME", "")
    if not home.startswith("/"):
        return None
    value = os.environ.get(variable, "")
    base = value if value.startswith("/") else os.path.join(home.rstrip("/") or "/", default)
    return Path(base) / APP_NAME


def data_dir() -> Path:
    found = _xdg_dir("XDG_DATA_HOME", ".local/share")
    if found is not None:
        return found
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Where what can be worked out again is kept (the holidays file)."""
    found = _xdg_dir("XDG_CACHE_HOME", ".cache")
    if found is not None:
        return found
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The config folder; ``TRACKER_CONFIG_DIR`` overrides it."""
    override = os.environ.get("TRACKER_CONFIG_DIR")
    if override:
        return Path(override)
    found = _xdg_dir("XDG_CONFIG_HOME", ".config")
    if found is not None:
        return found
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def default_database() -> Path:
    return data_dir() / "tracker.db"


def database_target(cli_value: str | None) -> str:
    """The database the user asked for: ``--db``, then ``TRACKER_DB``, then the default."""
    return cli_value or os.environ.get("TRACKER_DB") or str(default_database())
