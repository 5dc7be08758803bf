"""At 80 columns the Chinese screens break lines between characters, never inside a date, a
code or a command: a toast and the Case screen, as drawn."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Collapsible, Input, Static
from textual.widgets._toast import Toast

from tests.helpers.ui import TODAY, press, seed, settle
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.ui.app import TrackerApp, build_app
from tracker.ui.screens.case_detail import CaseScreen
from tracker.ui.screens.log_contact import LogContactScreen


def _drawn(widget: Widget) -> list[str]:
    """The lines a widget draws, as text."""
    height = max(widget.size.height, widget.virtual_size.height)
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, widget.size.width, height))]


def _chinese_app(ui_db: str, ui_config: Path) -> TrackerApp:
    return build_app(
        ui_db, clock=FixedClock(TODAY), config_folder=ui_config, watch_interval=0, language="zh_CN"
    )


async def test_a_toast_keeps_its_date_whole(tracker: Tracker, ui_db: str, ui_config: Path) -> None:
    seed(tracker, "Movistar Perú", requested=date(2026, 11, 2), ticket="")
    app = _chinese_app(ui_db, ui_config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        dialog = app.screen
        assert isinstance(dialog, LogContactScreen)
        dialog.query_one("#summary", Input).value = "Llamé a la línea 123"
        dialog.query_one("#next_follow_up", Input).value = "2026-12-11"
        await press(pilot, "ctrl+s")
        await pilot.pause()
        toasts = [_drawn(toast) for toast in app.screen.query(Toast)]
    # "已为事项1记录联系；下次跟进2026-12-11。" is wider than a toast at 80 columns.
    drawn = [lines for lines in toasts if any("下次跟进" in line for line in lines)]
    assert drawn and len(drawn[0]) > 1, toasts
    assert any("2026-12-11" in line for line in drawn[0]), drawn[0]


async def test_the_case_screen_keeps_a_command_and_a_resolution_number_whole(
    tracker: Tracker, ui_db: str, ui_config: Path
) -> None:
    seed(tracker, "Claro", requested=date(2026, 10, 1), ticket="")
    app = _chinese_app(ui_db, ui_config)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, CaseScreen)
        # The playbook's steps name a command only the command line has.
        app.screen.query_one("#steps", Collapsible).collapsed = False
        await pilot.pause()
        lines = [line for widget in app.screen.query(Static) if widget.size.width for line in _drawn(widget)]
    text = "\n".join(lines)
    # A step names the playbooks command; the deadline its resolution.
    assert "tracker playbooks esim-pe" in text, text
    assert "Res. 138-2012-CD/OSIPTEL" in text, text
    for line in lines:
        assert len(line) < 80
