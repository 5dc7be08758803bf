"""Settings from ``config.toml`` in the config folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker.domain.errors import InvalidInput
from tracker.i18n import _
from tracker.notify_config import NotifyConfig, parse_notify

EXAMPLE = """\
# tracker's settings. Every key is optional.

# Days that are not working days for you, besides weekends and public holidays.
extra_days_off = ["2026-12-24", "2026-12-31"]

# The playbook a new case starts with.
default_playbook = "esim-pe"

# The language: "en", "zh_CN" or "es" (default: your locale; --lang and
# TRACKER_LANG win over this).
# language = "es"

# Key bindings, by binding id (see `?` in the app), e.g.:
[keys]
# "cases.new" = "n"

# Reminders (`tracker notify`): what is overdue, due today or a deadline of yours,
# each announced once a day per channel. Passwords and tokens never go here.
[notify]
# via = ["desktop", "ntfy", "email", "command"]  # default: every channel set up below,
#                                                 # or the desktop when none is
# at = "09:00"                                    # when the installed timer runs
# ntfy_url = "https://ntfy.sh/your-own-secret-topic"
# ntfy_token_env = "NTFY_TOKEN"                   # environment variable with an access token
# email_to = "you@example.com"
# email_from = "tracker@example.com"              # default: email_to
# smtp_url = "smtp://you@smtp.example.com:587"    # STARTTLS; smtps:// for TLS from the start
# smtp_password_env = "TRACKER_SMTP_PASSWORD"     # else the system keyring: keyring set tracker USER
# command = "notify-me --stdin"                   # gets the message on standard input
"""


@dataclass
class Config:
    extra_days_off: frozenset[date] = frozenset()
    default_playbook: str = "generic"
    keys: dict[str, str] = field(default_factory=dict)
    folder: Path | None = None
    notify: NotifyConfig = field(default_factory=lambda: NotifyConfig())
    language: str | None = None

    @property
    def playbook_folder(self) -> Path | None:
        return self.folder / "playbooks" if self.folder else None


KNOWN_KEYS = ("extra_days_off", "default_playbook", "keys", "notify", "language")


def parse_config(data: dict[str, Any], path: Path) -> Config:
    unknown = sorted(set(data) - set(KNOWN_KEYS))
    if unknown:
        raise InvalidInput(f"{path}: {unknown[0]}: not a setting (known: {', '.join(KNOWN_KEYS)})")
    days: set[date] = set()
    raw_days = data.get("extra_days_off", [])
    if not isinstance(raw_days, list):
        raise InvalidInput(f"{path}: extra_days_off: must be a list of dates")
    for index, raw in enumerate(raw_days):
        # A TOML datetime is a date too, but it would never equal a day: refused below.
        if isinstance(raw, date) and not isinstance(raw, datetime):
            days.add(raw)
            continue
        try:
            days.add(date.fromisoformat(str(raw)))
        except ValueError:
            raise InvalidInput(
                f"{path}: extra_days_off[{index}]: {raw!r} is not a date (YYYY-MM-DD)"
            ) from None
    default_playbook = data.get("default_playbook", "generic")
    if not isinstance(default_playbook, str):
        raise InvalidInput(f"{path}: default_playbook: must be text")
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keys.items()
    ):
        raise InvalidInput(f'{path}: keys: must be a table of "binding id" = "key"')
    notify = data.get("notify", {})
    if not isinstance(notify, dict):
        raise InvalidInput(_("{path}: notify: must be a table ([notify])").format(path=path))
    language = data.get("language")
    if language is not None and not isinstance(language, str):
        raise InvalidInput(_('{path}: language: must be text, e.g. "es"').format(path=path))
    return Config(
        frozenset(days), default_playbook, dict(keys), path.parent, parse_notify(notify, path), language
    )


def language_setting(folder: Path) -> str | None:
    """The ``language`` in ``folder``'s config.toml, read before anything else is.

    Quiet about a missing or broken file: the command that loads the config
    reports its problems; the language falls back to the next source meanwhile.
    """
    try:
        raw = (folder / "config.toml").read_bytes()
    except OSError:
        return None
    if b"language" not in raw:
        return None  # the common case, without loading the TOML parser (tracker --help)
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    language = data.get("language")
    return language if isinstance(language, str) else None


def load_config(folder: Path) -> Config:
    """The config in ``folder``; defaults when there is no config file."""
    path = folder / "config.toml"
    if not path.exists():
        return Config(folder=folder)
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{path}: cannot be read: {exc}") from None
    return parse_config(data, path)
