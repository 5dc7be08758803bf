"""``command``: any program, given the message on standard input; its exit status decides.

The title is also in ``TRACKER_NOTIFY_TITLE``, for programs that take it as an argument
(``sh -c 'notify-send "$TRACKER_NOTIFY_TITLE"'``).
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping

from tracker.config.notify import NotifyConfig
from tracker.i18n import _
from tracker.notify.channels import DeliveryFailed, one_line
from tracker.notify.message import Message
from tracker.records import record

TIMEOUT = 60


@record
class CommandChannel:
    """Hands the message to a command of the user's on its standard input."""

    argv: tuple[str, ...]
    environ: Mapping[str, str]
    name: str = "command"

    def send(self, message: Message) -> None:
        environment = dict(self.environ, TRACKER_NOTIFY_TITLE=message.title)
        try:
            done = subprocess.run(
                list(self.argv),
                input=message.text.encode("utf-8"),
                capture_output=True,
                env=environment,
                timeout=TIMEOUT,
                check=False,
            )
        except FileNotFoundError:
            raise DeliveryFailed(_("{program}: not found").format(program=one_line(self.argv[0]))) from None
        except PermissionError:
            raise DeliveryFailed(
                _("{program}: not allowed to run it").format(program=one_line(self.argv[0]))
            ) from None
        except subprocess.TimeoutExpired:
            raise DeliveryFailed(
                _("{program}: still running after {seconds} s; stopped").format(
                    program=one_line(self.argv[0]), seconds=TIMEOUT
                )
            ) from None
        except OSError as exc:
            raise DeliveryFailed(f"{one_line(self.argv[0])}: {one_line(exc.strerror or str(exc))}") from None
        if done.returncode != 0:
            said = one_line(done.stderr.decode("utf-8", "replace"))
            reason = _("{program} exited with status {code}").format(
                program=one_line(self.argv[0]), code=done.returncode
            )
            raise DeliveryFailed(f"{reason}: {said}" if said else reason)


def from_config(config: NotifyConfig, environ: Mapping[str, str]) -> CommandChannel:
    return CommandChannel(config.command, environ)
