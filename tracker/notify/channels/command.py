"""``command``: any program, given the message on standard input; its exit status decides.

The title is also in ``TRACKER_NOTIFY_TITLE``, for programs that take it as an argument
(``sh -c 'notify-send "$TRACKER_NOTIFY_TITLE"'``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping

from tracker.config.notify import NotifyConfig
from tracker.i18n import _
from tracker.notify.channels import DeliveryFailed, one_line
from tracker.notify.message import Message
from tracker.records import record

TIMEOUT = 60
STDERR_KEPT = 8192  # enough for its last words; a chatty child cannot grow this
_OWN_GROUP = sys.platform != "win32"


@record
class CommandChannel:
    """Hands the message to a command of the user's on its standard input."""

    argv: tuple[str, ...]
    environ: Mapping[str, str]
    name: str = "command"

    def send(self, message: Message) -> None:
        environment = dict(self.environ, TRACKER_NOTIFY_TITLE=message.title)
        program = one_line(self.argv[0])
        # Files, not pipes: a notifier that leaves a child behind (``notify-send ... &``,
        # a daemon) would hold a pipe open long after it exited, and its exit status,
        # not the pipes closing, decides delivery.
        with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stderr:
            stdin.write(message.text.encode("utf-8"))
            stdin.flush()
            stdin.seek(0)
            try:
                process = subprocess.Popen(
                    list(self.argv),
                    stdin=stdin,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                    env=environment,
                    start_new_session=_OWN_GROUP,
                )
            except FileNotFoundError:
                raise DeliveryFailed(_("{program}: not found").format(program=program)) from None
            except PermissionError:
                raise DeliveryFailed(_("{program}: not allowed to run it").format(program=program)) from None
            except OSError as exc:
                raise DeliveryFailed(f"{program}: {one_line(exc.strerror or str(exc))}") from None
            try:
                code = process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                _stop(process)
                raise DeliveryFailed(
                    _("{program}: still running after {seconds} s; stopped").format(
                        program=program, seconds=TIMEOUT
                    )
                ) from None
            if code != 0:
                stderr.seek(0)
                said = one_line(stderr.read(STDERR_KEPT).decode("utf-8", "replace"))
                reason = _("{program} exited with status {code}").format(program=program, code=code)
                raise DeliveryFailed(f"{reason}: {said}" if said else reason)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a program that overran, with whatever it started (its own process group)."""
    if _OWN_GROUP:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    else:  # pragma: no cover - Windows
        process.kill()
    process.wait()


def from_config(config: NotifyConfig, environ: Mapping[str, str]) -> CommandChannel:
    return CommandChannel(config.command, environ)
