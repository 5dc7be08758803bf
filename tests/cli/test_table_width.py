"""`list`, `due` and `trash` fit the terminal: every line within its width in display cells
(a Chinese character takes two), cells cut whole with an ellipsis, columns aligned."""

from __future__ import annotations

import io
import os
from datetime import date

import pytest

from tests.helpers.cli import Run
from tests.helpers.env import TrackerEnv
from tracker.display import cell_width

LONG_SERVICE = "Plan postpago Max 69.90 línea +51 912 345 678 con Netflix incluido"


@pytest.fixture
def cases(cli: Run, env: TrackerEnv) -> None:
    """Cases with long names, Chinese text and many flags, some of them overdue."""
    env.set_today("2026-10-01")
    for argv in (
        ("add", "Movistar Perú", "-s", "eSIM +51 987 654 321", "-r", "2026-09-10"),
        ("add", "Claro Perú S.A.C.", "-s", LONG_SERVICE, "-t", "PED-2026-0012345", "-r", "2026-09-20"),
        (
            "add",
            "中国移动通信集团",
            "-s",
            "国际漫游套餐 +86 138 0013 8000",
            "-t",
            "工单20260915",
            "-r",
            "2026-09-15",
        ),
        ("add", "Netflix", "-s", "Premium", "-t", "NF-88", "--playbook", "subscription", "-r", "2026-09-30"),
    ):
        assert cli(*argv).code == 0
    env.set_today("2026-10-20")


def _starts(line: str) -> list[int]:
    """The display cell each word of ``line`` starts at."""
    starts, used = [], 0
    for index, ch in enumerate(line):
        if ch != " " and (index == 0 or line[index - 1] == " "):
            starts.append(used)
        used += cell_width(ch)
    return starts


def _boundaries(line: str) -> set[int]:
    """The cells a character of ``line`` starts at (the second half of a wide one is not)."""
    cells, used = set(), 0
    for ch in line:
        cells.add(used)
        used += cell_width(ch)
    return cells | {used}


@pytest.mark.usefixtures("cases")
@pytest.mark.parametrize("lang", ["en", "zh_CN", "es"])
@pytest.mark.parametrize("columns", [40, 60, 80, 120])
def test_list_fits_the_width_in_cells_with_its_columns_aligned(
    cli: Run, monkeypatch: pytest.MonkeyPatch, lang: str, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    lines = cli("list", "--lang", lang).out.splitlines()
    assert len(lines) == 5
    for line in lines:
        assert cell_width(line) <= columns, line
    heading, *rows = lines
    titles = _starts(heading)
    next_title = {"en": "NEXT", "zh_CN": "下次", "es": "PRÓXIMO"}[lang]
    assert next_title in heading.split()  # the follow-up column stays at every width
    for row in rows:
        # Every column starts where its title does, counted in cells (Chinese takes two),
        # after the space that ends the column before.
        padded = row.ljust(len(row) + columns)
        assert all(start in _boundaries(padded) for start in titles), (heading, row)
        assert all(_cell(padded, start - 1) == " " for start in titles[1:]), (heading, row)
        assert titles[-1] in _starts(row)  # the last column is filled on every row


def _cell(line: str, cell: int) -> str:
    """The character that covers display cell ``cell`` of ``line``."""
    used = 0
    for ch in line:
        used += cell_width(ch)
        if used > cell:
            return ch
    return " "


@pytest.mark.usefixtures("cases")
@pytest.mark.parametrize("lang", ["en", "zh_CN", "es"])
def test_at_80_columns_status_words_are_whole_and_flags_take_their_short_forms(
    cli: Run, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    from tracker.domain.flags import Flag
    from tracker.domain.model import Status
    from tracker.i18n import activate, pgettext
    from tracker.wording import terms

    monkeypatch.setenv("COLUMNS", "80")
    out = cli("list", "--lang", lang).out
    activate(lang)
    try:
        status = terms.status_label(Status.REQUESTED)
        status_title = pgettext("table column", "STATUS")
        short = terms.short_flag_label(Flag.PROVIDER_LATE)
        full = terms.flag_label(Flag.PROVIDER_LATE)
    finally:
        activate("en")
    heading, *rows = out.splitlines()
    # Where the status column is shown (it goes before the service when the flags are
    # many), its words are whole.
    assert status_title not in heading or all(status in row.split() for row in rows), out
    if lang == "zh_CN":  # the Chinese flags are as narrow in full as in short: kept in full
        assert full in out
    else:
        assert short in out and full not in out, out


@pytest.mark.usefixtures("cases")
def test_a_pipe_or_a_file_gets_whole_rows_and_json_is_never_cut(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No $COLUMNS and standard output not a terminal (the test captures it): no fitting.
    out = cli("list").out
    assert LONG_SERVICE in out and "PROVIDER LATE" in out
    assert max(cell_width(line) for line in out.splitlines()) > 80
    monkeypatch.setenv("COLUMNS", "40")
    assert LONG_SERVICE in [case["service"] for case in cli("list", "--json").json()]


@pytest.mark.usefixtures("cases")
@pytest.mark.parametrize("lang", ["en", "zh_CN", "es"])
def test_due_and_trash_fit_too(cli: Run, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    due = cli("due", "--lang", lang).out
    assert cli("delete", "2").code == 0
    trash = cli("trash", "--lang", lang).out
    assert len(due.splitlines()) > 3 and len(trash.splitlines()) == 2
    for line in [*due.splitlines(), *trash.splitlines()]:
        assert cell_width(line) <= 60, line


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1


@pytest.mark.parametrize(
    ("columns_variable", "tty", "expected"),
    [
        (None, True, 57),  # the terminal's own width
        ("100", True, 100),  # $COLUMNS wins
        ("100", False, 100),  # and asks for a width in a pipe too
        (None, False, None),  # a pipe or a file: whole rows
        ("nonsense", False, None),
    ],
)
def test_the_width_is_columns_else_the_terminals_else_none(
    monkeypatch: pytest.MonkeyPatch, columns_variable: str | None, tty: bool, expected: int | None
) -> None:
    from tracker.cli.terminal import table_width

    if columns_variable is not None:
        monkeypatch.setenv("COLUMNS", columns_variable)
    monkeypatch.setattr("sys.stdout", _Terminal() if tty else io.StringIO())
    monkeypatch.setattr(os, "get_terminal_size", lambda fd=1: os.terminal_size((57, 24)))
    assert table_width() == expected


def test_a_streamed_list_fits_past_its_sample() -> None:
    from tracker.cli.output import SAMPLE_ROWS, case_table_lines
    from tracker.domain.model import Status
    from tracker.domain.summary import CaseSummary

    def row(case_id: int, follow_up: date | None, ticket: str) -> CaseSummary:
        return CaseSummary(
            case_id, f"uuid-{case_id}", "Claro", "Línea", Status.REQUESTED, date(2026, 10, 1), ticket,
            date(2026, 10, 8), follow_up, "", 0, 0, 0, None, None, None,
        )  # fmt: skip

    today = date(2026, 10, 20)
    rows = [row(7, date(2026, 10, 25), "R-1") for _ in range(SAMPLE_ROWS)]
    rows.append(row(123456789, date(2026, 10, 1), ""))  # wider id, more flags than sampled
    lines = list(case_table_lines(iter(rows), today, 40))
    assert len(lines) == SAMPLE_ROWS + 2
    assert all(cell_width(line) <= 40 for line in lines)
    assert lines[-1].startswith("123456789 ")
