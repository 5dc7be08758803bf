"""Where the command line's text leaves for the terminal: standard output and error.

Every line a command prints goes through :func:`say` (or :func:`write_bytes` for
exports), which is the last gate before the terminal:

- user text can carry escape sequences; :func:`say` shows every control and
  format character literally, whatever the caller did before;
- printing can fail (a full disk, a closed or broken pipe, an encoding that
  cannot show "Perú"). A failure is remembered, not raised, so a command that
  has written to the database always gets to report it as done; ``main`` says
  in one line what went wrong with the output.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from typing import BinaryIO

from tracker.display import json_text, literal
from tracker.records import record


@record
class OutputState:
    """What happened to the output: the first error, if any."""

    error: OSError | None = None

    @property
    def broken_pipe(self) -> bool:
        return self.error is not None and self.error.errno == errno.EPIPE


state = OutputState()


def prepare_streams() -> bool:
    """Make the standard streams safe to use; False when standard output is closed.

    Text that the terminal's encoding cannot show is escaped instead of failing
    ("Per\\xfa" on an ASCII-only terminal). A closed standard input or error is
    replaced by the null device, so no file the program opens later takes its
    place and receives text meant for the terminal.
    """
    state.error = None
    for fd in (0, 2):
        if not _is_open(fd):
            # The lowest free descriptor: fd itself. Opened, never replaced.
            os.open(os.devnull, os.O_RDWR)
    if sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    return sys.stdout is not None and _is_open(1)


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def columns_variable() -> int:
    """``$COLUMNS`` as a width; 0 when unset, zero or nonsense."""
    try:
        return max(int(os.environ.get("COLUMNS", "")), 0)
    except ValueError:
        return 0


def table_width() -> int | None:
    """The width, in cells, a table is fitted to: ``$COLUMNS`` when set (it wins, so a
    script or a pipe can ask for a width), else the terminal's when standard output is
    one; None (no fitting) for a pipe or a file, so ``| less``, ``| grep`` and ``> file``
    get whole rows."""
    columns = columns_variable()
    if columns:
        return columns
    stdout = sys.stdout
    try:
        if stdout is None or not stdout.isatty():
            return None
        columns = os.get_terminal_size(stdout.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return None
    return columns or 80  # a terminal that reports 0 columns does not know its width


def say(text: str = "") -> None:
    """Print one message (a line or several) on standard output, literally."""
    _write_text(literal(text, multiline=True) + "\n")


def say_json(text: str) -> None:
    """Print JSON text on standard output, unsafe characters in its strings escaped."""
    _write_text(json_text(text) + "\n")


def say_json_part(text: str) -> None:
    """Print a piece of JSON text (a streamed array's item), unsafe characters in its strings escaped."""
    _write_text(json_text(text))


def _write_text(text: str) -> None:
    if state.error is not None:
        return  # the output is gone; the command goes on to finish its work
    try:
        sys.stdout.write(text)
    except OSError as exc:
        state.error = exc


def write_bytes(data: bytes) -> None:
    """Write bytes (an export, a dossier) to standard output, after any pending text."""
    if state.error is not None:
        return
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    except OSError as exc:
        state.error = exc


def stream_bytes(write: Callable[[BinaryIO], object]) -> None:
    """Let ``write`` stream bytes (an export) to standard output, after any pending text."""
    finish()
    if state.error is not None:
        return
    try:
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
    except OSError as exc:
        state.error = exc


def finish() -> None:
    """Flush standard output; a failure is remembered like any other."""
    if state.error is not None or sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except OSError as exc:
        state.error = exc


def warn(text: str) -> None:
    """One line on standard error, literally; nothing more can be done if it fails."""
    try:
        sys.stderr.write(literal(text) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def silence_stdout() -> None:
    """After a broken pipe: point standard output at the null device, so the
    interpreter's own flush at exit has nowhere to fail."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass
