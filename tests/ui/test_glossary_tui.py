"""The Glossary tab of Help, and the Case screen's key to the term it shows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.widgets import Static, TabbedContent

from tests.helpers.ui import TODAY, press, seed, settle
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.display import cell_width
from tracker.domain.model import Outcome, StageKind
from tracker.ui.app import TrackerApp, build_app
from tracker.ui.screens.case_detail import CaseScreen
from tracker.ui.screens.help import GLOSSARY_TAB, HelpScreen
from tracker.ui.widgets.glossary_view import GlossaryEntry, GlossaryView, term_id
from tracker.wording import glossary


def entry_text(screen: HelpScreen, spanish: str) -> str:
    term = glossary.find(spanish)
    assert term is not None
    return str(screen.query_one(f"#{term_id(term)}", GlossaryEntry).render())


def at_top(view: GlossaryView, spanish: str) -> bool:
    """Whether the term's entry is the first thing the scrolled view shows."""
    term = glossary.find(spanish)
    assert term is not None
    entry = view.query_one(f"#{term_id(term)}", GlossaryEntry)
    return view.scroll_offset.y > 0 and entry.region.y == view.region.y


async def test_help_has_a_glossary_tab_with_every_term_in_chinese_at_80x24(
    tracker: Tracker, ui_db: str, ui_config: Path
) -> None:
    seed(tracker, "Movistar Perú", requested=TODAY)
    app = build_app(
        ui_db, clock=FixedClock(TODAY), config_folder=ui_config, watch_interval=0, language="zh_CN"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        await press(pilot, "g")
        assert screen.query_one(TabbedContent).active == GLOSSARY_TAB
        view = screen.query_one(GlossaryView)
        assert view.has_focus
        for spanish in glossary.names():
            text = entry_text(screen, spanish)
            assert text.startswith(spanish) and len(text) > len(spanish) + 20
        assert entry_text(screen, "reclamo").startswith("reclamo · 投诉\n")
        assert "5个工作日，Res. 138-2012-CD/OSIPTEL" in entry_text(screen, "baja").replace("\n", "")
        # Lines break as Chinese does, never inside a citation, a number or a bracket's word.
        for spanish in glossary.names():
            lines = entry_text(screen, spanish).splitlines()
            assert all(cell_width(line) <= view.content_size.width for line in lines)
            assert not [line for line in lines if line.endswith(("Res.", "Ley", "art.", "S/"))]
            split = [
                (a, b) for a, b in zip(lines, lines[1:], strict=False) if a[-1:].isdigit() and b[:1].isdigit()
            ]
            assert not split
        assert "Ley 27444" in entry_text(screen, "inadmisible")
        # Longer than the screen: it scrolls, from the keyboard, down to OSIPTEL.
        assert view.max_scroll_y > 0
        await press(pilot, "end")
        assert view.scroll_offset.y == view.max_scroll_y
        osiptel = screen.query_one(f"#{term_id(glossary.TERMS[-1])}", GlossaryEntry)
        assert osiptel.region.bottom <= view.region.bottom
        # The keys are a key away again.
        await press(pilot, "k")
        assert screen.query_one(TabbedContent).active != GLOSSARY_TAB


async def test_the_case_screen_opens_the_glossary_at_its_term(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = seed(tracker, "Movistar Perú", requested=date(2026, 10, 6), ticket="R-2026-00042")
    assert case.id is not None
    tracker.escalation.file(case.id, StageKind.RECLAMO, date(2026, 10, 15), code="REC-77")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, CaseScreen)
        assert str(app.screen.query_one("#glossary-hint", Static).render()) == "g: what “reclamo” means"
        await press(pilot, "g")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        assert screen.query_one(TabbedContent).active == GLOSSARY_TAB
        assert at_top(screen.query_one(GlossaryView), "reclamo")
        await press(pilot, "escape")
        assert isinstance(app.screen, CaseScreen)


async def test_the_hint_follows_the_case_along_the_path(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    answered = seed(tracker, "Claro", requested=date(2026, 10, 6), number=1)
    assert answered.id is not None
    tracker.escalation.file(answered.id, StageKind.RECLAMO, date(2026, 10, 15))
    tracker.escalation.answer(answered.id, date(2026, 11, 20), Outcome.INFUNDADO)
    seed(tracker, "Entel", requested=TODAY, number=2)  # not late yet: the baja itself
    seed(tracker, "Gym", requested=TODAY, playbook="generic", number=3)  # no Peruvian rules
    app = make_app()
    shown = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for case_id in (1, 2, 3):
            app.open_case(case_id)
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, CaseScreen)
            hint = screen.query_one("#glossary-hint", Static)
            shown[case_id] = str(hint.render()) if hint.display else ""
            await press(pilot, "escape")
    assert shown == {1: "g: what “infundado” means", 2: "g: what “baja” means", 3: ""}
