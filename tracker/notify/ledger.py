"""What each channel has announced today, kept in the data folder.

One JSON file: the day and, per channel, the keys of the reminders it delivered
that day. A new day starts empty, so every reminder still due is announced again,
once. A run holds an exclusive lock on a companion file from reading the ledger
until it has recorded what it sent, so two runs that overlap (the timer and a
manual run) never announce the same reminder twice: the second waits, then finds
nothing new. The file itself is replaced atomically, so a crash mid-write leaves
the previous day's record, never half a file.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO

from tracker.domain.errors import TrackerError
from tracker.domain.reminders import Reminder
from tracker.i18n import _
from tracker.records import field, record

FILE_NAME = "notify-ledger.json"
LOCK_NAME = "notify-ledger.lock"
VERSION = 1


class LedgerBusy(TrackerError):
    """Another ``tracker notify`` kept the ledger locked for too long."""


class LedgerUnwritable(TrackerError):
    """The ledger cannot be written: what is sent could not be recorded."""


@record
class Ledger:
    """What each channel has already announced today."""

    day: date
    announced: dict[str, set[str]] = field(default_factory=dict)
    unreadable: bool = False  # the file was damaged and is started afresh

    def unannounced(self, channel: str, reminders: Sequence[Reminder]) -> list[Reminder]:
        """The reminders ``channel`` has not delivered today, in their order."""
        done = self.announced.get(channel, set())
        return [r for r in reminders if r.key not in done]

    def record(self, channel: str, reminders: Iterable[Reminder]) -> None:
        self.announced.setdefault(channel, set()).update(r.key for r in reminders)

    def to_json(self) -> str:
        data = {
            "version": VERSION,
            "day": self.day.isoformat(),
            "announced": {name: sorted(keys) for name, keys in sorted(self.announced.items())},
        }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def read_ledger(folder: Path, today: date) -> Ledger:
    """Today's ledger; an earlier day's, a missing or a damaged file give an empty one."""
    path = folder / FILE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        day = date.fromisoformat(data["day"])
        announced = {str(name): {str(k) for k in keys} for name, keys in data["announced"].items()}
    except FileNotFoundError:
        return Ledger(today)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Ledger(today, unreadable=True)
    return Ledger(today, announced if day == today else {})


def write_ledger(folder: Path, ledger: Ledger) -> None:
    """Replace the ledger file in one step (owner-only)."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".notify-ledger.", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(ledger.to_json())
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, folder / FILE_NAME)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def held(folder: Path, today: date, wait: float = 120.0) -> Iterator[Ledger]:
    """Today's ledger under an exclusive lock; what the block recorded is written on leaving it.

    The ledger is rewritten as it stands before the block runs: a ledger that cannot
    be written would have every run send the same reminders again, so nothing is sent
    (:class:`LedgerUnwritable`). Raises :class:`LedgerBusy` after ``wait`` seconds of
    another run holding it.
    """
    path = folder / FILE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock_file = open(folder / LOCK_NAME, "a+b")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        raise LedgerUnwritable(_unwritable(path, exc, sent=False)) from None
    with lock_file:
        _lock(lock_file, wait, folder / LOCK_NAME)
        try:
            ledger = read_ledger(folder, today)
            try:
                write_ledger(folder, ledger)
            except OSError as exc:
                raise LedgerUnwritable(_unwritable(path, exc, sent=False)) from None
            try:
                yield ledger
            finally:
                # What was delivered stays delivered, even if the run stops after it.
                try:
                    write_ledger(folder, ledger)
                except OSError as exc:
                    raise LedgerUnwritable(_unwritable(path, exc, sent=True)) from None
        finally:
            _unlock(lock_file)


def _unwritable(path: Path, exc: OSError, *, sent: bool) -> str:
    # The error names the ledger, never the temporary file it is written through.
    reason = exc.strerror or type(exc).__name__
    if sent:
        return _("{path}: cannot be written ({reason}); what was just sent is not recorded").format(
            path=path, reason=reason
        )
    return _("{path}: cannot be written ({reason}); nothing was sent").format(path=path, reason=reason)


def _lock(stream: IO[bytes], wait: float, path: Path) -> None:
    deadline = time.monotonic() + wait
    while not _try_lock(stream):
        if time.monotonic() >= deadline:
            raise LedgerBusy(
                _("{path}: another tracker notify has held it for {seconds} s; try again later").format(
                    path=path, seconds=int(wait)
                )
            )
        time.sleep(0.05)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(stream: IO[bytes]) -> bool:
        try:
            stream.seek(0)
            msvcrt.locking(stream.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(stream: IO[bytes]) -> None:
        stream.seek(0)
        msvcrt.locking(stream.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(stream: IO[bytes]) -> bool:
        try:
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(stream: IO[bytes]) -> None:
        fcntl.flock(stream.fileno(), fcntl.LOCK_UN)
