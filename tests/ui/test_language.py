"""The TUI speaks the language the command line chose (build_app), timeline included."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.ui import TODAY, seed, settle
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.domain.model import CheckState
from tracker.i18n import current_language
from tracker.ui.app import build_app
from tracker.ui.screens.case_detail import CaseScreen


async def timeline_on_screen(ui_db: str, ui_config: Path, language: str | None) -> str:
    app = build_app(
        ui_db, clock=FixedClock(TODAY), config_folder=ui_config, watch_interval=0, language=language
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        return str(app.screen.query_one("#timeline").render())


@pytest.mark.parametrize(
    ("language", "created", "check"),
    [
        ("es", "Baja solicitada", "Comprobación “llamadas bloqueadas”: fallida (sigue entrando)"),
        ("zh_CN", "已申请注销", "检查项“通话已停用”：未通过（sigue entrando）"),
        ("en", "Cancel requested", "Check 'calls blocked': failed (sigue entrando)"),
    ],
)
async def test_the_case_screen_words_the_timeline_in_the_chosen_language(
    tracker: Tracker, ui_db: str, ui_config: Path, language: str, created: str, check: str
) -> None:
    seed(tracker, "Movistar Perú", requested=TODAY)
    tracker.cases.set_check(1, "calls blocked", CheckState.FAILED, "sigue entrando")
    shown = await timeline_on_screen(ui_db, ui_config, language)
    assert current_language() == language
    assert created in shown and check in shown


async def test_without_lang_the_tui_reads_the_config(tracker: Tracker, ui_db: str, ui_config: Path) -> None:
    seed(tracker, "Claro", requested=TODAY)
    (ui_config / "config.toml").write_text('language = "es"\n', encoding="utf-8")
    assert "Baja solicitada" in await timeline_on_screen(ui_db, ui_config, None)
