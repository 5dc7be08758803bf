"""The ``[notify]`` table of config.toml: which channels remind the user, and where to.

Checked when the config is read, so a typo is reported before anything is sent.
Secrets never live here: the SMTP password and the ntfy token come from the
environment (or the system keyring), named by ``smtp_password_env`` and
``ntfy_token_env``.
"""

from __future__ import annotations

import re
import shlex
from datetime import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tracker.domain.errors import InvalidInput
from tracker.i18n import _
from tracker.records import record

CHANNELS = ("desktop", "ntfy", "email", "command")
DEFAULT_PASSWORD_ENV = "TRACKER_SMTP_PASSWORD"
_TEXT_KEYS = ("ntfy_url", "ntfy_token_env", "email_to", "email_from", "smtp_url", "smtp_password_env")
KNOWN = ("via", "at", "command", *_TEXT_KEYS)
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ADDRESS = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+$")


@record(frozen=True)
class SmtpServer:
    """Where mail goes: ``smtp://user@host:587`` (STARTTLS) or ``smtps://`` (TLS from the start)."""

    host: str
    port: int
    user: str
    implicit_tls: bool

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


@record(frozen=True)
class NotifyConfig:
    """The ``[notify]`` settings, checked: which channels, when, and each channel's address."""

    via: tuple[str, ...] | None = None
    at: time = time(9, 0)
    ntfy_url: str = ""
    ntfy_token_env: str = ""
    email_to: str = ""
    email_from: str = ""
    smtp_url: str = ""
    smtp_password_env: str = DEFAULT_PASSWORD_ENV
    command: tuple[str, ...] = ()

    def configured(self) -> tuple[str, ...]:
        """The channels whose settings are present, in the usual order."""
        present = {
            "ntfy": bool(self.ntfy_url),
            "email": bool(self.email_to and self.smtp_url),
            "command": bool(self.command),
        }
        return tuple(name for name in CHANNELS if present.get(name))

    def channels(self) -> tuple[str, ...]:
        """What a plain ``tracker notify`` uses: ``via``, else every channel set up, else the desktop."""
        if self.via is not None:
            return self.via
        return self.configured() or ("desktop",)

    def missing(self, channel: str) -> list[str]:
        """The settings ``channel`` needs and lacks (none for the desktop)."""
        needs = {"ntfy": ["ntfy_url"], "email": ["email_to", "smtp_url"], "command": ["command"]}
        return [key for key in needs.get(channel, []) if not getattr(self, key)]

    @property
    def smtp(self) -> SmtpServer | None:
        return parse_smtp_url(self.smtp_url) if self.smtp_url else None

    @property
    def sender(self) -> str:
        return self.email_from or self.email_to


def parse_smtp_url(url: str) -> SmtpServer:
    """``smtp://user@host:port`` as its parts; raises :class:`ValueError` with the reason."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise ValueError(_("the server is not a valid name or [IPv6] address")) from None
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError(_("must start with smtp:// (STARTTLS) or smtps:// (TLS)"))
    if parts.password is not None:
        raise ValueError(
            _("holds a password; keep it out of config.toml (use smtp_password_env or the keyring)")
        )
    try:
        port = parts.port
    except ValueError:
        raise ValueError(_("the port must be a number from 1 to 65535")) from None
    if not parts.hostname:
        raise ValueError(_("names no server, e.g. smtp://you@smtp.example.com:587"))
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(_("has more than a user, a server and a port"))
    implicit = parts.scheme == "smtps"
    return SmtpServer(
        parts.hostname, port or (465 if implicit else 587), unquote(parts.username or ""), implicit
    )


def parse_ntfy_url(url: str) -> str:
    """An ntfy topic's address, checked as http.client needs it; raises :class:`ValueError` with why."""
    if not url.isascii() or any(ch.isspace() or not ch.isprintable() for ch in url):
        raise ValueError(
            _(
                "must be plain ASCII with no spaces: percent-encode other characters"
                " (a topic is letters, digits, - and _)"
            )
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        if "port" in str(exc).lower():
            raise ValueError(_("the port must be a number from 1 to 65535")) from None
        raise ValueError(_("the server is not a valid name or [IPv6] address")) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(_("must be an http:// or https:// address of a topic"))
    if parts.password is not None:
        raise ValueError(_("holds a password; use ntfy_token_env instead"))
    if port == 0 or parts.netloc.endswith(":"):
        raise ValueError(_("the port must be a number from 1 to 65535"))
    host_and_port = parts.netloc.rpartition("@")[2]
    bracketed = re.fullmatch(r"\[([^\[\]]*)\](?::\d+)?", host_and_port)
    try:
        if bracketed:
            import ipaddress  # only for an address in brackets: most commands never need it

            ipaddress.IPv6Address(bracketed[1].split("%", 1)[0])
        elif not re.fullmatch(r"[^\[\]:]+(?::\d+)?", host_and_port):
            raise ValueError(host_and_port)
    except ValueError:
        raise ValueError(_("the server is not a valid name or [IPv6] address")) from None
    return url


def parse_notify(data: dict[str, Any], path: Path) -> NotifyConfig:
    """The ``[notify]`` table, checked; errors name the file and the key."""

    def refuse(key: str, reason: str) -> InvalidInput:
        return InvalidInput(
            _("{path}: notify.{key}: {reason}").format(path=path, key=key, reason=reason), key
        )

    unknown = sorted(set(data) - set(KNOWN))
    if unknown:
        raise refuse(unknown[0], _("not a setting (known: {known})").format(known=", ".join(KNOWN)))
    values: dict[str, Any] = {}
    for key in _TEXT_KEYS:
        if key in data:
            if not isinstance(data[key], str):
                raise refuse(key, _("must be text"))
            values[key] = data[key].strip()
    if "via" in data:
        via = data["via"]
        if isinstance(via, str):
            via = [via]
        if not isinstance(via, list) or not all(isinstance(v, str) for v in via):
            raise refuse(
                "via", _("must be a list of channels: {channels}").format(channels=", ".join(CHANNELS))
            )
        for name in via:
            if name not in CHANNELS:
                raise refuse(
                    "via",
                    _("{name!r} is not a channel (one of {channels})").format(
                        name=name, channels=", ".join(CHANNELS)
                    ),
                )
        values["via"] = tuple(dict.fromkeys(via))
    if "at" in data:
        values["at"] = _parse_at(data["at"], refuse)
    if "command" in data:
        values["command"] = _parse_command(data["command"], refuse)
    if values.get("ntfy_url"):
        try:
            parse_ntfy_url(values["ntfy_url"])
        except ValueError as exc:
            raise refuse("ntfy_url", str(exc)) from None
    for key in ("email_to", "email_from"):
        if values.get(key) and not _ADDRESS.match(values[key]):
            raise refuse(key, _("{value!r} is not an e-mail address").format(value=values[key]))
    if values.get("smtp_url"):
        try:
            parse_smtp_url(values["smtp_url"])
        except ValueError as exc:
            raise refuse("smtp_url", str(exc)) from None
    for key in ("ntfy_token_env", "smtp_password_env"):
        if key in values and not _ENV_NAME.match(values[key]):
            raise refuse(key, _("must be the name of an environment variable, e.g. NTFY_TOKEN"))
    config = NotifyConfig(**values)
    for channel in config.via or ():
        lacking = config.missing(channel)
        if lacking:
            raise refuse(
                "via",
                _("{channel} needs {keys} in [notify]").format(channel=channel, keys=" and ".join(lacking)),
            )
    return config


def _parse_at(raw: Any, refuse: Any) -> time:
    if isinstance(raw, time):
        return raw.replace(second=0, microsecond=0)
    if isinstance(raw, str):
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", raw.strip())
        if match and int(match[1]) < 24 and int(match[2]) < 60:
            return time(int(match[1]), int(match[2]))
    raise refuse("at", _('must be a time of day as HH:MM, e.g. "09:00"'))


def _parse_command(raw: Any, refuse: Any) -> tuple[str, ...]:
    if isinstance(raw, str):
        try:
            words = shlex.split(raw)
        except ValueError as exc:
            raise refuse("command", _("cannot be split into words: {reason}").format(reason=exc)) from None
    elif isinstance(raw, list) and all(isinstance(word, str) for word in raw):
        words = list(raw)
    else:
        raise refuse("command", _("must be a command line (text) or a list of words"))
    if not words or not words[0].strip():
        raise refuse("command", _("is empty"))
    return tuple(words)
