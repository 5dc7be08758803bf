"""Every flag's words come from one table, say whose date it is, and the Help screen
lists all eight with their meaning."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from rich.console import Console

from tracker.domain.flags import Flag
from tracker.i18n import activate
from tracker.wording import terms

LANGUAGES = ["en", "zh_CN", "es"]


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    activate(request.param)
    yield request.param
    activate("en")


def test_the_help_screen_lists_every_flag_with_its_short_form_and_meaning(language: str) -> None:
    from tracker.ui.screens.help import flags_table

    console = Console(width=200, record=True, file=io.StringIO())
    console.print(flags_table())
    lines = console.export_text().splitlines()
    for flag in Flag:
        label = terms.flag_label(flag)
        (line,) = [line for line in lines if line.split("  ")[0].strip() == label]
        assert terms.short_flag_label(flag) in line and terms.flag_meaning(flag) in line
    assert len(Flag) == 8


# Whose date each date flag is about: the user's, or the operator's.
OWNERS = {
    "en": {Flag.YOUR_DEADLINE: "YOUR", Flag.PROVIDER_LATE: "PROV"},
    "zh_CN": {Flag.YOUR_DEADLINE: "您", Flag.PROVIDER_LATE: "运营商", Flag.OVERDUE: "跟进"},
    "es": {Flag.YOUR_DEADLINE: "SU", Flag.PROVIDER_LATE: "OPER."},
}


def test_a_short_flag_says_whose_date_it_is(language: str) -> None:
    for flag, owner in OWNERS[language].items():
        assert owner in terms.short_flag_label(flag).split() or terms.short_flag_label(flag).startswith(owner)


def test_short_flags_side_by_side_never_read_as_one_deadline(language: str) -> None:
    # The TUI's narrow table puts badges side by side with a space between them.
    shown = " ".join(terms.short_flag_label(flag) for flag in Flag)
    assert "PLAZO VENCIDO" not in shown and "期限 逾期" not in shown and "DEADLINE OVERDUE" not in shown
    shorts = [terms.short_flag_label(flag) for flag in Flag]
    assert len(set(shorts)) == len(shorts)  # no two flags look alike
