"""The user's settings, from ``config.toml`` in the config folder.

``settings`` reads the file and checks every table; ``holder`` writes the holder's
``[me]`` keys back into it, keeping the rest of the file; ``notify`` holds the ``[notify]``
table's record, parsed only where reminders are used. Both sit below the core, which
loads the settings when it opens, so the reminders' own code (``tracker.notify``,
above the core) reads its settings from here rather than the other way round.
"""

from __future__ import annotations

from tracker.config.settings import (
    EXAMPLE,
    KNOWN_KEYS,
    Config,
    Holder,
    language_setting,
    load_config,
    parse_config,
)

__all__ = ["EXAMPLE", "KNOWN_KEYS", "Config", "Holder", "language_setting", "load_config", "parse_config"]
