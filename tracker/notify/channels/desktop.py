"""``desktop``: the desktop's own notifications.

Through ``desktop-notifier`` (``pip install 'tracker[notify]'``: D-Bus on Linux,
the native centres on macOS and Windows) when it is installed; otherwise, on
Linux, through ``notify-send``. The body is escaped, since notification servers
read a subset of HTML in it.
"""

from __future__ import annotations

import html
import importlib
import logging
import shutil
import subprocess
import sys
from typing import Any

from tracker.config.notify import NotifyConfig
from tracker.i18n import _
from tracker.notify.channels import DeliveryFailed, one_line
from tracker.notify.message import Message
from tracker.records import record

APP_NAME = "tracker"
TIMEOUT = 20


@record
class DesktopChannel:
    """Shows the message through the desktop's own notifications."""

    name: str = "desktop"

    def send(self, message: Message) -> None:
        body = html.escape(message.body, quote=False)
        try:
            library = importlib.import_module("desktop_notifier")
        except ImportError:
            library = None
        if library is not None:
            _send_with_library(library, message.title, body, message.urgent)
            return
        if sys.platform.startswith("linux") and shutil.which("notify-send"):
            _send_with_notify_send(message.title, body, message.urgent)
            return
        raise DeliveryFailed(
            _(
                "no desktop notifications here: install tracker[notify] (desktop-notifier)"
                " or, on Linux, notify-send"
            )
        )


class _Captured(logging.Handler):
    """Keeps the library's warnings: it logs a failed notification instead of raising."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:  # logging names the argument
        self.records.append(record)

    def reason(self) -> str:
        for logged in reversed(self.records):
            if logged.exc_info and logged.exc_info[1] is not None:
                return one_line(str(logged.exc_info[1]) or type(logged.exc_info[1]).__name__)
        return one_line(self.records[-1].getMessage()) if self.records else ""


def _send_with_library(library: Any, title: str, body: str, urgent: bool) -> None:
    logger = logging.getLogger("desktop_notifier")
    captured = _Captured()
    dispatched: list[bool] = []
    logger.addHandler(captured)
    propagate, logger.propagate = logger.propagate, False
    try:
        notifier = library.DesktopNotifierSync(app_name=APP_NAME)
        notifier.send(
            title,
            body,
            urgency=library.Urgency.Critical if urgent else library.Urgency.Normal,
            on_dispatched=lambda: dispatched.append(True),
        )
    except Exception as exc:  # any backend failure is one line for the user
        raise DeliveryFailed(
            _("the notification service refused it: {reason}").format(reason=one_line(str(exc)))
        ) from None
    finally:
        logger.removeHandler(captured)
        logger.propagate = propagate
    if not dispatched:
        reason = captured.reason() or _("no notification service answered")
        raise DeliveryFailed(_("the notification service refused it: {reason}").format(reason=reason))


def _send_with_notify_send(title: str, body: str, urgent: bool) -> None:
    argv = ["notify-send", f"--app-name={APP_NAME}", f"--urgency={'critical' if urgent else 'normal'}"]
    try:
        done = subprocess.run([*argv, "--", title, body], capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DeliveryFailed(f"notify-send: {one_line(str(exc))}") from None
    if done.returncode != 0:
        said = one_line(done.stderr.decode("utf-8", "replace"))
        reason = _("notify-send exited with status {code}").format(code=done.returncode)
        raise DeliveryFailed(f"{reason}: {said}" if said else reason)


def from_config(config: NotifyConfig, environ: object) -> DesktopChannel:
    return DesktopChannel()
