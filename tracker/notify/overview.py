"""The reminder set-up in a few lines: channels, the daily timer, what went out today."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tracker import paths
from tracker.config.notify import NotifyConfig
from tracker.display import headline, literal
from tracker.i18n import _, ngettext
from tracker.notify.channels import channel_word
from tracker.notify.dispatch import Result, check_channels, send_test
from tracker.notify.install import installed_timer
from tracker.notify.ledger import read_ledger
from tracker.wording.entries import details_text

if TYPE_CHECKING:
    from tracker.core import Tracker


def channel_target(name: str, config: NotifyConfig) -> str:
    """Where a channel delivers, in a few words."""
    if name == "ntfy":
        return headline(config.ntfy_url, 60)
    if name == "email":
        server = config.smtp
        where = server.address if server else "?"
        return _("to {to} via {server}").format(to=headline(config.email_to, 40), server=where)
    if name == "command":
        return headline(" ".join(config.command), 60)
    return _("this computer's notifications")


def describe_setup(
    config: NotifyConfig, config_file: Path | None, data_folder: Path, today: date, environ: Mapping[str, str]
) -> list[str]:
    lines = []
    names = config.channels()
    if config.via is None and not config.configured():
        lines.append(
            _("Channels: {channel} (nothing else is set up)").format(channel=channel_word("desktop"))
        )
    else:
        lines.append(_("Channels:"))
    lines += [
        # TRANSLATORS: a reminder channel and where it delivers ("desktop: this computer's notifications").
        "  " + _("{channel}: {where}").format(channel=channel_word(name), where=channel_target(name, config))
        for name in names
    ]
    missing = [f"{name} ({', '.join(config.missing(name))})" for name in names if config.missing(name)]
    if missing:
        lines.append(_("Missing settings: {what}").format(what=details_text(missing)))
    timer = installed_timer(environ)
    when = f"{config.at.hour:02d}:{config.at.minute:02d}"
    if timer is not None:
        lines.append(_("Daily at {time}: systemd timer {path}").format(time=when, path=timer))
    else:
        lines.append(
            _("Daily run: not installed as a systemd timer (tracker notify --install; at {time})").format(
                time=when
            )
        )
    announced = read_ledger(data_folder, today).announced
    for name in names:
        count = len(announced.get(name, ()))
        if count:
            lines.append(
                ngettext(
                    "Today {channel} announced {n} reminder",
                    "Today {channel} announced {n} reminders",
                    count,
                ).format(channel=channel_word(name), n=count)
            )
    if config_file is not None:
        lines.append(_("Settings: [notify] in {path}").format(path=config_file))
    return lines


def setup_report(tracker: Tracker) -> tuple[str, bool]:
    """The set-up as text for the TUI, and whether it is complete."""
    config = tracker.config
    config_file = config.folder / "config.toml" if config.folder else None
    lines = describe_setup(config.notify, config_file, paths.data_dir(), tracker.today(), os.environ)
    complete = not any(config.notify.missing(name) for name in config.notify.channels())
    return "\n".join(lines), complete


def trial_report(tracker: Tracker) -> tuple[str, bool]:
    """Send a test through every channel; one line each, and whether all delivered."""
    config = tracker.config.notify
    names = config.channels()
    check_channels(names, config)
    deliveries = send_test(tracker.today(), names, config)
    lines = [
        f"{channel_word(d.channel)}: {literal(d.reason)}"
        if d.result is Result.FAILED
        else _("{channel}: test message sent").format(channel=channel_word(d.channel))
        for d in deliveries
    ]
    return "\n".join(lines), all(d.result is Result.SENT for d in deliveries)
