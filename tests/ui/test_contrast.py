"""Every word on the main screens reads at WCAG AA (4.5:1), dark theme and light, colour and grey.

The cells are measured as the app renders them (foreground against background,
each segment), and again through Textual's monochrome filter, which is what
``NO_COLOR`` switches on. Flags, the cursor row, the title bar, the footer: all
of it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from rich.segment import Segment
from textual.color import Color
from textual.filter import monochrome_style
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from tests.helpers.ui import TODAY, seed, settle
from tracker.core import Tracker
from tracker.domain.flags import Flag, case_flags
from tracker.domain.model import CheckState, Outcome, StageKind
from tracker.ui.app import TrackerApp
from tracker.ui.painter import AA, contrast, luminance, readable

THEMES = ["textual-dark", "textual-light"]
# Drawing characters carry no words: borders, scrollbars, the cursor bar of a list.
NOT_WORDS = set(" ▔▁▊▎▌▐│─━┃▏▕╸╺╹╻▀▄█…")


def test_contrast_is_measured_the_wcag_way() -> None:
    white, black = Color(255, 255, 255), Color(0, 0, 0)
    assert luminance(white) == pytest.approx(1.0)
    assert contrast(white, black) == pytest.approx(21.0)
    # The cursor row, #e0e0e0 on #fea62b: luminances 0.745 and 0.485 by hand,
    # (0.745 + 0.05) / (0.485 + 0.05) = 1.49.
    assert contrast(Color.parse("#e0e0e0"), Color.parse("#fea62b")) == pytest.approx(1.49, abs=0.01)


def test_readable_leaves_good_colours_alone_and_fixes_poor_ones() -> None:
    variables = {
        "background": "#121212",
        "surface": "#1e1e1e",
        "panel": "#242f38",
        "text-primary": "#ffffff",
        "text-error": "#3b3b3b",
        "block-cursor-background": "#fea62b",
    }
    fixed = readable(variables)
    assert fixed["text-primary"] == "#ffffff"
    assert contrast(Color.parse(fixed["text-error"]), Color.parse("#121212")) >= AA
    cursor = Color.parse(fixed["block-cursor-background"])
    assert contrast(Color.parse(fixed["block-cursor-foreground"]), cursor) >= AA


def words(widget: Widget) -> list[Segment]:
    """The segments of a widget that carry text, as rendered."""
    width, height = widget.size
    if not width or not height:
        return []
    lines = widget.render_lines(Region(0, 0, width, height))
    return [s for line in lines for s in line if s.text and set(s.text) - NOT_WORDS]


def too_faint(segments: list[Segment], grey: bool) -> list[str]:
    problems = []
    for segment in segments:
        style = segment.style
        assert style is not None, segment
        if grey:
            style = monochrome_style(style)
        assert style.color is not None and style.bgcolor is not None, segment
        assert not style.dim, f"dim text has no measurable colour: {segment.text!r}"
        fore = Color.from_rich_color(style.color)
        back = Color.from_rich_color(style.bgcolor)
        if style.reverse:
            fore, back = back, fore
        ratio = contrast(fore, back)
        if ratio < AA:
            problems.append(f"{segment.text.strip()!r}: {fore.hex} on {back.hex} = {ratio:.2f}")
    return problems


@pytest.fixture
def every_flag(tracker: Tracker) -> Tracker:
    """Cases that between them show every flag, one of them all the open ones at once."""
    late = seed(tracker, "Movistar Perú", requested=date(2026, 10, 6), ticket="")
    assert late.id is not None
    tracker.cases.set_check(late.id, "calls blocked", CheckState.FAILED)
    tracker.cases.log_contact(late.id, "called", next_follow_up=TODAY)
    _set_next(tracker, late.id, date(2026, 11, 20))
    today = seed(tracker, "Claro", requested=date(2026, 11, 16), number=2)
    assert today.id is not None
    tracker.cases.log_contact(today.id, "called", next_follow_up=TODAY)
    recheck = seed(tracker, "Netflix", requested=date(2026, 9, 1), playbook="subscription", number=3)
    assert recheck.id is not None
    for check in ("confirmation received", "no new charge"):
        tracker.cases.set_check(recheck.id, check, CheckState.PASSED)
    tracker.cases.verify(recheck.id)
    _set_next(tracker, recheck.id, TODAY)
    # Past the provider's deadline: a reclamo unanswered past its deadline (19 November),
    # and one answered against the user, whose appeal window closes within days.
    silent = seed(tracker, "Entel", requested=date(2026, 10, 6), number=4)
    assert silent.id is not None
    tracker.escalation.file(silent.id, StageKind.RECLAMO, date(2026, 10, 15))
    tracker.escalation.add_charge(
        silent.id, Decimal("79.80"), "PEN", date(2026, 11, 5), period=(date(2026, 11, 1), date(2026, 11, 30))
    )  # not owed
    appeal = seed(tracker, "Bitel", requested=date(2026, 9, 1), number=5)
    assert appeal.id is not None
    tracker.escalation.file(appeal.id, StageKind.RECLAMO, date(2026, 9, 7))
    tracker.escalation.answer(appeal.id, date(2026, 11, 2), Outcome.INFUNDADO)
    shown = set()
    for case in tracker.open_cases(include_closed=True):
        shown.update(case_flags(case, TODAY))
    assert shown == set(Flag)
    return tracker


def _set_next(tracker: Tracker, case_id: int, day: date) -> None:
    """Move a case's next follow-up, as a case stored that way would have it."""
    tracker.update(case_id, lambda case: setattr(case, "next_follow_up", day))


async def _measure(
    app: TrackerApp, pilot: Pilot[None], grey: bool, expect: tuple[str, ...] = ()
) -> list[str]:
    """What reads below AA on the screen now; ``expect`` are words that must be among those measured."""
    await settle(pilot)
    app.clear_notifications()
    await settle(pilot)
    problems = []
    measured = ""
    for widget in app.screen.query("*"):
        if widget.display and widget.visible:
            segments = words(widget)
            measured += "".join(s.text for s in segments)
            problems += [f"{type(widget).__name__}: {p}" for p in too_faint(segments, grey)]
    for word in expect:
        assert word in measured, measured
    return problems


@pytest.mark.parametrize("grey", [False, True], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("theme", THEMES)
async def test_the_cases_screen_reads_at_aa(
    make_app: Callable[[], TrackerApp], every_flag: Tracker, theme: str, grey: bool
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        every = tuple(f.label for f in Flag)
        problems = await _measure(app, pilot, grey, expect=(*every, "Movistar", "New", "not owed"))
        await pilot.press("slash")  # the table loses focus: its cursor row dims
        problems += await _measure(app, pilot, grey, expect=("Movistar",))
    assert problems == []


@pytest.mark.parametrize("grey", [False, True], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("theme", THEMES)
async def test_the_case_and_verify_screens_read_at_aa(
    make_app: Callable[[], TrackerApp], every_flag: Tracker, theme: str, grey: bool
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        await settle(pilot)
        app.open_case(1)  # the case with every follow-up flag, a failed check among them
        await settle(pilot)
        problems = await _measure(
            app, pilot, grey, expect=("OVERDUE", "CHECK FAILED", "calls blocked", "failed")
        )
        await pilot.press("v")
        problems += await _measure(app, pilot, grey, expect=("Verify case", "Not yet", "Close"))
    assert problems == []


@pytest.mark.parametrize("theme", THEMES)
async def test_the_follow_ups_screen_reads_at_aa(
    make_app: Callable[[], TrackerApp], every_flag: Tracker, theme: str
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await settle(pilot)
        await pilot.press("d")
        problems = await _measure(app, pilot, grey=False, expect=("Overdue (2)", "LATE", "TODAY"))
        problems += await _measure(app, pilot, grey=True)
    assert problems == []
