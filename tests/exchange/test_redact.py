"""--redact: phone and account numbers keep only their last four digits, everywhere."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.exchange import Run
from tracker.domain.model import Case
from tracker.exchange.redact import redact, redact_case

# Digits, possibly grouped by up to three spaces, dashes, dots or slashes: how
# numbers are written.
DIGIT_RUN = re.compile(r"\d(?:[ \t\u00a0\-./]{0,3}\d)*")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# What redact keeps as a date.
KEPT_DATE = re.compile(r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])")


def _longest_run(text: str) -> int:
    return max((sum(ch.isdigit() for ch in m.group()) for m in DIGIT_RUN.finditer(text)), default=0)


@pytest.mark.parametrize(
    ("original", "masked"),
    [
        ("eSIM +51 987 654 321", "eSIM +•• ••• ••4 321"),
        ("Cuenta 0011-0123-4567890123", "Cuenta ••••-••••-••••••0123"),
        ("DNI 45678912.", "DNI ••••8912."),
        ("ext. 55123", "ext. •5123"),
        ("١٢٣٤٥٦٧", "•••٤٥٦٧"),  # any script's digits
        # Grouped by dots, slashes, or more than one space (issue 8, item 11).
        ("RUC 987.654.321", "RUC •••.••4.321"),
        ("cuenta 987/654/321", "cuenta •••/••4/321"),
        ("tarjeta 4111  1111  1111  1111", "tarjeta ••••  ••••  ••••  1111"),
        ("+51 - 987 - 654 - 321", "+•• - ••• - ••4 - 321"),
        ("line 987654321 2026-10-06", "line •••••4321 2026-10-06"),  # never runs into a date
        ("0000-01-01", "••••-01-01"),  # not a date: there is no year 0
    ],
)
def test_numbers_keep_their_last_four_digits(original: str, masked: str) -> None:
    assert redact(original) == masked


@pytest.mark.parametrize(
    "kept",
    [
        "Call on 2026-10-06 at 14:30",
        "R2D2",
        "Plan 1234",
        "48 horas",
        "29.90 PEN",
        "中国移动",
        "",
        "from 2026-10-06 to 2026-10-14",
    ],
)
def test_dates_and_short_numbers_are_left_alone(kept: str) -> None:
    assert redact(kept) == kept


# Numbers as people write them: 5 to 16 digits, grouped by spaces or dashes.
numbers = st.builds(
    lambda prefix, groups, sep: prefix + sep.join(groups),
    st.sampled_from(["", "+", "+51 ", "(01) "]),
    st.lists(st.text("0123456789", min_size=1, max_size=4), min_size=2, max_size=5).filter(
        lambda groups: sum(map(len, groups)) >= 5
    ),
    st.sampled_from(["", " ", "-", ".", "/", "  ", " - "]),
).filter(lambda number: not KEPT_DATE.search(number))
# Words without digits around them (any script).
words = st.text(st.characters(blacklist_categories=("Nd", "Cs")), max_size=15)


@given(st.lists(st.tuples(words, numbers), min_size=1, max_size=4), words)
def test_no_run_of_more_than_four_digits_survives(pieces: list[tuple[str, str]], tail: str) -> None:
    text = "".join(word + number for word, number in pieces) + tail
    out = redact(text)
    assert _longest_run(out) <= 4, (text, out)
    # The end of the last number is what is kept: the user can still tell them apart.
    digits = re.findall(r"\d", pieces[-1][1])
    assert re.findall(r"\d", out)[-4:] == digits[-4:]
    assert len(out) == len(text)  # masked in place, nothing else moved


@given(st.text(max_size=60))
def test_any_text_comes_out_without_long_numbers_except_dates(text: str) -> None:
    out = redact(text)
    without_dates = ISO_DATE.sub("", out)
    assert _longest_run(without_dates) <= 4 or ISO_DATE.search(text), (text, out)


def test_a_case_is_redacted_in_every_text_but_its_tickets(story: dict[str, Case]) -> None:
    original = story["movistar"]
    case = redact_case(original)
    assert case.service == "eSIM línea +•• ••• ••4 321"
    assert "45678912" not in case.notes and "8912" in case.notes
    assert case.ticket == "R-2026-00077"
    assert [e.ticket for e in case.timeline] == [e.ticket for e in original.timeline]
    agent = next(e.agent for e in case.timeline if e.agent)
    assert agent == "Carlos (ext. •5123)"
    failed = next(c for c in case.checks if c.name == "calls blocked")
    assert failed.note == "la llamada al +•• ••• ••4 321 entra todavía"
    # The timeline records the same note as a fact's parameter: masked there too.
    notes = [e.params.get("note") for e in case.timeline if e.params.get("check") == "calls blocked"]
    assert "la llamada al +•• ••• ••4 321 entra todavía" in notes
    assert original.service == "eSIM línea +51 987 654 321"  # the stored case is untouched


def _outside_tickets(text: str, tickets: list[str]) -> str:
    for ticket in tickets:
        text = text.replace(ticket, "")
    return text


@pytest.mark.parametrize("fmt", ["json", "csv", "ics"])
def test_redacted_exports_hold_no_long_number(run: Run, story_env: dict[str, Case], fmt: str) -> None:
    plain = run("export", "-f", fmt, "--all").text
    assert "987 654 321" in plain.replace("\r\n ", "")  # the numbers are there to hide
    result = run("export", "-f", fmt, "--all", "--redact")
    assert result.code == 0
    unfolded = result.text.replace("\r\n ", "")  # iCalendar folds long lines
    # Tickets are kept on purpose; uuids, dates and times are not user numbers.
    text = _outside_tickets(unfolded, ["R-2026-00042", "R-2026-00077", "SF-991"])
    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "", text)
    # Nor are the random identities of checks and entries (32 hexadecimal digits).
    text = re.sub(r'"uid": "[0-9a-f]{32}"', "", text)
    text = re.sub(r"\d{4}-?\d{2}-?\d{2}[T ]?(\d{2}:?\d{2}:?\d{2}(\.\d+)?(\+00:00|Z)?)?", "", text)
    for number in ("987", "654 321", "45678912", "0011", "4567890123", "55123", "138 0013"):
        assert number not in text, (fmt, number)
    assert _longest_run(text) <= 4, [m.group() for m in DIGIT_RUN.finditer(text) if len(m.group()) > 4]


def test_a_redacted_dossier_masks_the_numbers(run: Run, story_env: dict[str, Case]) -> None:
    text = run("report", str(story_env["movistar"].id), "--redact").text
    assert "+•• ••• ••4 321" in text
    assert "45678912" not in text and "987 654" not in text
    assert "R-2026-00042" in text  # the reference the regulator needs
    assert "with phone and account numbers masked" in text
