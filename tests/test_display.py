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
