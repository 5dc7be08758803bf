"""The letter dialog (`l` on the Case screen) offers the reading aid with a key shown in its
footer: each Spanish paragraph followed by its meaning, written (from the preview the dialog
opens) apart from the letter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Static

from tests.helpers.ui import TODAY, seed, settle
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.ui.app import build_app
from tracker.ui.screens.letter import LetterScreen


async def test_the_letter_dialog_toggles_the_reading_aid_in_the_readers_language(
    tracker: Tracker, ui_db: str, ui_config: Path
) -> None:
    seed(tracker, "Movistar Perú", requested=date(2026, 10, 6), ticket="R-2026-00042")
    app = build_app(
        ui_db, clock=FixedClock(TODAY), config_folder=ui_config, watch_interval=0, language="zh_CN"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, LetterScreen)
        footer = " ".join(str(w.render()) for w in dialog.query("FooterKey"))
        assert "阅读辅助" in footer, footer
        state = dialog.query_one("#explain-state", Static)
        assert "仅西班牙语" in str(state.render())
        await pilot.press("t")
        await settle(pilot)
        assert "不得提交" in str(state.render())
        await pilot.press("home", "enter")  # the baja request, shown in the preview
        await settle(pilot)
        await pilot.press("w")  # written as shown: the reading aid
        await settle(pilot)
        exports = Path(ui_db).parent / "exports"
        assert [p.name for p in exports.iterdir()] == ["baja-caso-1-ayuda-de-lectura.md"]
        aid = (exports / "baja-caso-1-ayuda-de-lectura.md").read_text(encoding="utf-8")
        assert "AYUDA DE LECTURA, NO PRESENTAR" in aid and "释义：事由：申请注销（baja）服务" in aid
        # The dialog opens on the letter itself again: Spanish only.
        await pilot.press("escape", "escape")  # the preview, then the dialog
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("home", "enter", "w")
        await settle(pilot)
        letter = (exports / "baja-caso-1.md").read_text(encoding="utf-8")
        assert "释义" not in letter and "AYUDA DE LECTURA" not in letter
