"""Where data and config live. Nothing is created at import."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tracker"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Where what can be worked out again is kept (the holidays file)."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The config folder; ``TRACKER_CONFIG_DIR`` overrides it."""
    override = os.environ.get("TRACKER_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def default_database() -> Path:
    return data_dir() / "tracker.db"


def database_target(cli_value: str | None) -> str:
    """The database the user asked for: ``--db``, then ``TRACKER_DB``, then the default."""
    return cli_value or os.environ.get("TRACKER_DB") or str(default_database())
