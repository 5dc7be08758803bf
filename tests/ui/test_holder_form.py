"""The holder's form ([me] in config.toml): reached with a key on Cases and from the
palette, it writes the file in place and the letters use it at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from tests.helpers.ui import press, settle
from tracker.ui.app import TrackerApp
from tracker.ui.screens.cases import CasesScreen
from tracker.ui.screens.holder import HolderScreen


async def test_the_form_writes_me_and_keeps_the_rest_of_the_file(
    make_app: Callable[[], TrackerApp], ui_config: Path
) -> None:
    path = ui_config / "config.toml"
    path.write_text('# mine\n[me]\nname = "Ana"\n\n[keys]\n"cases.new" = "a"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        assert isinstance(app.screen, HolderScreen)
        assert app.screen.query_one("#name", Input).value == "Ana"
        await press(pilot, "tab", "tab", *"45678912", "tab", *"Av. Lima 1", "tab", *"Lima")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CasesScreen)
        assert app.tracker.config.me.city == "Lima"
    text = path.read_text(encoding="utf-8")
    assert text.startswith('# mine\n[me]\nname = "Ana"\ndocument = "45678912"\n')
    assert 'address = "Av. Lima 1"\ncity = "Lima"\n' in text
    assert text.endswith('\n[keys]\n"cases.new" = "a"\n')


async def test_the_palette_offers_the_holders_form(make_app: Callable[[], TrackerApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p", *"letters")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, HolderScreen)
