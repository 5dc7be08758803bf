"""Text of any kind is stored exactly, and never reaches the terminal raw."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Run = Callable[..., Any]

TEXTS = {
    "chinese": "中国移动通信：取消服务",
    "spanish": "Señora Núñez: ¿baja del número? ¡Sí! pingüino",
    "emoji": "📱❌ 👨‍👩‍👧 🇵🇪",
    "long": "é漢🙂x" * 1250,
    "markup": "[bold]x[/bold] [red]no[/] [link=http://evil]click[/link]",
    "escapes": "\x1b[31mred\x1b[0m \x1b]0;pwned\x07 \x1b[2J",
    "controls": "tab\there\r\nnew line \x7f \x08 \u202eevil",
    "nul": "before\x00after",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_text_is_stored_exactly(cli: Run, name: str) -> None:
    value = TEXTS[name]
    added = cli("add", value, "--service", value, "--ticket", value, "--note", value, "--json")
    assert added.code == 0, added.err
    logged = cli("log", "1", value, "--agent", value, "--ticket", value + "2")
    assert logged.code == 0, logged.err
    assert cli("check", "1", value, "add").code == 0
    assert cli("check", "1", value.upper(), "fail", "--note", value).code == 0
    shown = cli("show", "1", "--json").json()
    assert shown["provider"] == value
    assert shown["service"] == value
    assert shown["notes"] == value
    assert shown["ticket"] == value + "2"
    contact = next(e for e in shown["timeline"] if e["kind"] == "contact")
    assert (contact["summary"], contact["agent"], contact["ticket"]) == (value, value, value + "2")
    created = shown["timeline"][0]
    assert created["ticket"] == value
    check = shown["checks"][-1]
    assert (check["name"], check["note"], check["state"]) == (value, value, "failed")


@pytest.mark.parametrize("command", [("show", "1"), ("list",), ("due", "--within", "30")])
def test_escape_sequences_are_shown_not_obeyed(cli: Run, command: tuple[str, ...]) -> None:
    value = TEXTS["escapes"] + TEXTS["controls"]
    assert (
        cli("add", value, "--service", value, "--ticket", value, "--note", value, "--next", "+1d").code == 0
    )
    out = cli(*command).out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\r" not in out
    assert "\\x1b[31m" in out


def test_add_message_shows_escapes_literally(cli: Run) -> None:
    added = cli("add", "\x1b[31mred")
    assert added.code == 0
    assert "\x1b" not in added.out and "\\x1b[31mred" in added.out


def test_error_messages_show_escapes_literally(cli: Run) -> None:
    cli("add", "X")
    refused = cli("check", "1", "\x1b[2Jwipe", "pass")
    assert refused.code == 2
    assert "\x1b" not in refused.err
    assert len(refused.err.splitlines()) == 1


def test_markup_is_printed_as_typed(cli: Run) -> None:
    cli("add", TEXTS["markup"])
    assert TEXTS["markup"] in cli("show", "1").out


def test_a_long_list_is_sized_from_its_first_rows_and_never_cuts_an_id_or_flags() -> None:
    from datetime import date

    from tracker.cli.output import SAMPLE_ROWS, case_table_lines
    from tracker.domain.model import Status
    from tracker.domain.summary import CaseSummary

    def row(case_id: int, follow_up: date | None) -> CaseSummary:
        return CaseSummary(
            case_id, f"uuid-{case_id}", "Claro", "Línea", Status.REQUESTED, date(2026, 10, 1), "R-1",
            date(2026, 10, 8), follow_up, "", 0, 0, 0, None, None, None,
        )  # fmt: skip

    today = date(2026, 10, 20)
    rows = [row(7, date(2026, 10, 25)) for _ in range(SAMPLE_ROWS)] + [row(123456789, date(2026, 10, 1))]
    lines = list(case_table_lines(iter(rows), today))
    assert len(lines) == SAMPLE_ROWS + 2
    heading, first, last = lines[0], lines[1], lines[-1]
    assert first.split()[0] == "7"
    assert heading.index("PROVIDER") == first.index("Claro")
    # The late row's id and its OVERDUE flag, wider than the sampled columns, are whole.
    assert last.split()[0] == "123456789"
    assert "OVERDUE" in last
