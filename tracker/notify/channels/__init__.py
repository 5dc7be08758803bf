"""The ways a reminder reaches the user; each module is loaded only when its channel is used."""

from __future__ import annotations

import importlib
import ssl
from collections.abc import Mapping
from typing import Protocol

from tracker.config.notify import CHANNELS, NotifyConfig
from tracker.domain.errors import InvalidInput
from tracker.i18n import NP_, _, pgettext
from tracker.notify.message import Message

# Each channel as the reader calls it (English: its code); the code (``--via desktop``,
# ``via = [...]``) stays what is typed and what config.toml holds.
_WORDS = {
    "desktop": NP_("notify channel", "desktop"),
    "ntfy": "ntfy",  # a product's name
    "email": NP_("notify channel", "email"),
    "command": NP_("notify channel", "command"),
}


def channel_word(name: str) -> str:
    """A channel in the reader's words, its code beside them when they differ: "桌面通知（desktop）"."""
    words = pgettext("notify channel", _WORDS[name]) if _WORDS.get(name, name) != "ntfy" else name
    return _("{words} ({code})").format(words=words, code=name) if words != name else name


class DeliveryFailed(Exception):
    """A channel could not deliver; the text is one line for the user (never a secret)."""


class Channel(Protocol):
    name: str

    def send(self, message: Message) -> None:
        """Deliver ``message`` or raise :class:`DeliveryFailed`."""


def require_settings(name: str, config: NotifyConfig) -> None:
    """Refuse (``InvalidInput``) an unknown channel or one that lacks its settings in ``[notify]``."""
    if name not in CHANNELS:
        raise InvalidInput(
            _("{name!r} is not a channel (one of {channels})").format(name=name, channels=", ".join(CHANNELS))
        )
    lacking = config.missing(name)
    if lacking:
        raise InvalidInput(
            _("{channel} needs {keys} in [notify] of config.toml").format(
                channel=channel_word(name), keys=pgettext("a list's last separator", " and ").join(lacking)
            )
        )


def open_channel(name: str, config: NotifyConfig, environ: Mapping[str, str]) -> Channel:
    """The channel called ``name``, set up from ``[notify]``.

    Raises ``InvalidInput`` for what the config lacks, :class:`DeliveryFailed` for a
    secret missing from the environment.
    """
    require_settings(name, config)
    module = importlib.import_module(f"tracker.notify.channels.{name}")
    channel: Channel = module.from_config(config, environ)
    return channel


def one_line(text: str, limit: int = 200) -> str:
    """Text from elsewhere (a server's answer, a program's stderr) as one bounded, safe line."""
    from tracker.display import headline

    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return headline(" ".join(lines), limit) if lines else ""


def tls_reason(exc: ssl.SSLError) -> str:
    """Why TLS failed, in one line: an untrusted certificate said as such."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return _("certificate not trusted ({reason})").format(reason=one_line(exc.verify_message or str(exc)))
    return one_line(exc.reason or str(exc))
