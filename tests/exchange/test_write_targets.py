"""Writing to a file the user named: pipes and devices are written into, never replaced
(issue 8, item 5); regular files are replaced whole and owner-only."""

from __future__ import annotations

import json
import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from tests.helpers.exchange import Run
from tracker.domain.errors import InvalidInput
from tracker.exchange.files import write_private
from tracker.live_files import live_files


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as pipe:
            into.append(pipe.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader


@pytest.mark.parametrize("argv", [("export",), ("export", "-f", "csv"), ("report", "1")])
def test_a_named_pipe_is_written_into_and_stays_a_pipe(
    run: Run, story_env: object, tmp_path: Path, argv: tuple[str, ...]
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = _read_fifo(pipe, received)
    done = run(*argv, "-o", str(pipe))
    reader.join(timeout=30)
    assert done.code == 0, done.err
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert received and received[0] == run(*argv).out


def test_a_symbolic_link_keeps_pointing_at_the_file_it_names(
    run: Run, story_env: object, tmp_path: Path
) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert run("export", "-o", str(link)).code == 0
    assert link.is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "tracker-export"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_regular_file_is_replaced_whole_and_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("earlier", encoding="utf-8")
    target.chmod(0o644)

    def fail(stream: object) -> None:
        raise InvalidInput("stopped half-way")

    with pytest.raises(InvalidInput):
        write_private(target, fail, live=live_files(None, tmp_path / "attachments"))
    assert target.read_text(encoding="utf-8") == "earlier"
    write_private(
        target, lambda stream: stream.write(b"new"), live=live_files(None, tmp_path / "attachments")
    )
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_terminal_is_written_into(run: Run, story_env: object) -> None:
    # A pseudo-terminal of the test's own: a character device, like /dev/tty. (Never
    # a shared device such as /dev/full: code that replaces files would replace it.)
    main, side = os.openpty()
    try:
        device = os.ttyname(side)
        received: list[bytes] = []
        reader = threading.Thread(target=lambda: received.append(os.read(main, 65536)), daemon=True)
        reader.start()
        done = run("report", "1", "-o", device)
        reader.join(timeout=30)
        assert done.code == 0, done.err
        assert stat.S_ISCHR(os.stat(device).st_mode)
        assert received and received[0].startswith(b"# Cancellation case 1")
    finally:
        os.close(side)
        os.close(main)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(InvalidInput, match="not a file, a pipe or a terminal"):
            write_private(
                path, lambda stream: stream.write(b"x"), live=live_files(None, tmp_path / "attachments")
            )
        assert stat.S_ISSOCK(os.stat(path).st_mode)
    finally:
        server.close()
