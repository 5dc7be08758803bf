"""tracker.display: user text shown literally, whatever it holds (issue 8, item 8)."""

from __future__ import annotations

import json
import time

import pytest

from tracker.display import headline, json_text, literal, one_line, visible

HOSTILE = [
    ("\x1b]2;PWNED\x07", "\\x1b]2;PWNED\\x07"),  # sets the terminal's title
    ("a\x9b31mb", "a\\x9b31mb"),  # C1 CSI: a terminal reads it as ESC [
    ("del\x7f", "del\\x7f"),
    ("\u202eevil", "\\u202eevil"),  # bidi override: reorders what is shown
    ("line\u2028break", "line\\u2028break"),  # a line separator
    ("lone\ud800", "lone\\ud800"),  # not even encodable
]


@pytest.mark.parametrize(("text", "shown"), HOSTILE)
def test_literal_escapes_every_unsafe_character(text: str, shown: str) -> None:
    assert literal(text) == shown


def test_literal_keeps_what_is_meant() -> None:
    assert literal("Movistar Perú 中国移动") == "Movistar Perú 中国移动"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # joined by zero-width joiners
    assert literal(family) == family
    assert literal("a\nb\tc", multiline=True) == "a\nb\tc"
    assert literal("a\nb") == "a\\nb"


def test_one_line_and_headline_show_breaks_as_spaces() -> None:
    assert one_line("two\nlines\r\nhere") == "two lines here"
    assert one_line("t\x1b[2J") == "t\\x1b[2J"
    assert headline("x\x1b" + "y" * 100, 10) == "x\\x1byyyy…"


def test_visible_keeps_positions_one_for_one() -> None:
    text = "a\x1b[31mb\x7f\x9b\u202ec\td"
    shown = visible(text)
    assert len(shown) == len(text)
    assert shown == "a␛[31mb␡��c\td"
    assert visible("plain Perú") == "plain Perú"


def test_json_text_is_the_same_data_safe_for_a_terminal() -> None:
    data = {"p": "a\x9b\x7f\u202e\u2028b\U000e0001", "ok": "Perú\n"}
    raw = json.dumps(data, ensure_ascii=False, indent=2)
    safe = json_text(raw)
    assert json.loads(safe) == data
    assert safe.isascii() is False  # "Perú" stays as written
    assert all(ch in "\n" or ch.isprintable() for ch in safe)


def test_json_text_of_a_large_listing_runs_at_c_speed() -> None:
    # 20,000 cases' worth of lines, one of them hostile: the old character-by-character
    # pass through unicodedata took seconds for this; the bound is generous for a busy machine.
    rows = [{"provider": f"Movistar Perú {i}", "notes": "línea\nuno"} for i in range(20_000)]
    rows[123]["provider"] = "\u202eevil"
    raw = json.dumps(rows, ensure_ascii=False, indent=2)
    started = time.perf_counter()
    safe = json_text(raw)
    took = time.perf_counter() - started
    assert json.loads(safe) == rows
    assert "\\u202eevil" in safe
    assert took < 0.25, f"{took:.2f} s for {len(raw):,} characters"


def _lines(text: str, width: int) -> list[str]:
    from tracker.display import line_breaks

    cuts = [0, *line_breaks(text, width), len(text)]
    return [text[start:end].rstrip() for start, end in zip(cuts, cuts[1:], strict=False)]


@pytest.mark.parametrize("width", range(12, 48))
def test_chinese_lines_break_between_characters_never_inside_a_date_a_code_or_a_command(width: int) -> None:
    from tracker.display import cell_width

    text = (
        "已为事项12记录联系；下次跟进2026-12-09。"
        "下一步：信函（tracker letter 3 apelacion），依据Res. 099-2022-CD/OSIPTEL办理，"
        "承诺日期2026年12月3日周四（10个自然日）"
    )
    lines = _lines(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
    assert all(cell_width(line) <= width for line in lines)
    # Each whole wherever it fits a line, with the marks glued to it: "（…），" for the command.
    for token, least in [
        ("2026-12-09。", 12),
        ("2026年12月3日周四", 17),
        ("10个", 4),
        ("Res. 099-2022-CD/OSIPTEL", 24),
        ("tracker letter 3 apelacion", 32),
    ]:
        assert width < least or any(token in line for line in lines), (token, lines)
    # Never a closing mark at the start of a line, nor an opening one at its end (once the
    # widest unit, "apelacion），", fits a line: a wider one is folded where the line ends).
    assert width < 13 or not any(line[0] in "，。）；" or line[-1] in "（" for line in lines)


def test_lines_without_chinese_break_at_spaces_and_fold_a_word_longer_than_a_line() -> None:
    assert _lines("follow up on 2026-12-09 with Movistar", 16) == [
        "follow up on",
        "2026-12-09 with",
        "Movistar",
    ]
    assert _lines("abcdefghij", 4) == ["abcd", "efgh", "ij"]
