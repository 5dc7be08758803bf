"""Choosing a letter in the letter dialog (`l` on the Case screen) shows it before it is
written (issue 21 §6): the Spanish text as `letter --format txt` prints it, the reading aid
with `t` as `--explain` prints it, `w` writes what is shown, escape goes back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Static

from tests.helpers.ui import TODAY, press, seed, settle
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.exchange.letters import letter_for
from tracker.ui.app import build_app
from tracker.ui.screens.letter import LetterScreen
from tracker.ui.screens.letter_preview import LetterPreviewScreen

MEANING = "释义：事由：申请注销（baja）服务"


def shown(screen: LetterPreviewScreen, widget_id: str) -> str:
    return str(screen.query_one(widget_id, Static).render())


async def test_a_chosen_letter_is_previewed_with_and_without_its_meanings_and_written_as_shown(
    tracker: Tracker, ui_db: str, ui_config: Path
) -> None:
    seed(tracker, "Movistar Perú", requested=date(2026, 10, 6), ticket="R-2026-00042")
    app = build_app(
        ui_db, clock=FixedClock(TODAY), config_folder=ui_config, watch_interval=0, language="zh_CN"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        await press(pilot, "l")
        dialog = app.screen
        assert isinstance(dialog, LetterScreen)
        await press(pilot, "home", "enter")  # the baja request
        preview = app.screen
        assert isinstance(preview, LetterPreviewScreen)
        case = tracker.get("1")
        letter = letter_for(tracker, case, "baja", fmt="txt")
        text = shown(preview, "#preview-text")
        assert text.strip() == letter.strip()
        assert "Movistar" in text and "baja" in text and MEANING not in text
        assert "仅西班牙语" in shown(preview, "#preview-state")
        footer = " ".join(str(w.render()) for w in preview.query("FooterKey"))
        assert "阅读辅助" in footer, footer
        exports = Path(ui_db).parent / "exports"
        assert not exports.exists() or not list(exports.iterdir())  # nothing written yet

        await press(pilot, "t")
        aid = shown(preview, "#preview-text")
        assert MEANING in aid
        assert aid.strip() == letter_for(tracker, case, "baja", fmt="txt", explain=True).strip()
        assert "不得提交" in shown(preview, "#preview-state")
        await press(pilot, "w")
        assert [p.name for p in exports.iterdir()] == ["baja-caso-1-ayuda-de-lectura.md"]
        written = (exports / "baja-caso-1-ayuda-de-lectura.md").read_text(encoding="utf-8")
        assert written == letter_for(tracker, case, "baja", explain=True)

        await press(pilot, "t")
        assert MEANING not in shown(preview, "#preview-text")
        assert "仅西班牙语" in shown(preview, "#preview-state")
        await press(pilot, "w")
        written = (exports / "baja-caso-1.md").read_text(encoding="utf-8")
        assert written == letter_for(tracker, case, "baja", explain=False)
        assert app.screen is preview  # writing keeps the preview open

        await press(pilot, "escape")
        assert app.screen_stack[-1] is dialog
        assert "仅西班牙语" in str(dialog.query_one("#explain-state", Static).render())
