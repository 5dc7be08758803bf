"""argparse's width, worked out without shutil: the answers shutil.get_terminal_size gives."""

from __future__ import annotations

import os

import pytest

from tracker.cli.help_format import terminal_width


@pytest.mark.parametrize(
    ("columns_variable", "terminal_columns", "expected"),
    [
        ("120", 100, 120),  # $COLUMNS first
        ("", 100, 100),  # else the terminal
        ("0", 100, 100),  # $COLUMNS of 0 or nonsense is ignored
        ("abc", 100, 100),
        ("", 0, 80),  # a terminal that reports 0 columns does not know its width
        ("", None, 80),  # not a terminal
    ],
)
def test_terminal_width_matches_shutil(
    monkeypatch: pytest.MonkeyPatch, columns_variable: str, terminal_columns: int | None, expected: int
) -> None:
    import shutil

    def size(*_args: object) -> os.terminal_size:
        if terminal_columns is None:
            raise OSError("not a terminal")
        return os.terminal_size((terminal_columns, 24))

    monkeypatch.setenv("COLUMNS", columns_variable)
    monkeypatch.delenv("LINES", raising=False)
    monkeypatch.setattr(os, "get_terminal_size", size)
    assert terminal_width() == expected
    assert shutil.get_terminal_size().columns == expected
