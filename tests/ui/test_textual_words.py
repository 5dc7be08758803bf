"""Textual's own widgets show key words in the footer ("esc Dismiss menu" under an open
dropdown): every one the app can show is in the catalog, worded as the app's own are."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import textual.widgets
from textual.binding import Binding
from textual.widgets import Select
from textual.widgets._select import SelectOverlay

from tests.helpers.ui import TODAY, press, settle
from tracker.clock import FixedClock
from tracker.i18n import activate
from tracker.ui.app import build_app
from tracker.ui.screens.base import key_words
from tracker.ui.screens.case_form import CaseFormScreen

UI = Path(__file__).resolve().parents[2] / "tracker" / "ui"


def textual_widgets() -> set[type]:
    """Every Textual widget class the app's modules import, and the overlays they open."""
    found: set[type] = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual.widgets"):
                module = __import__(node.module or "", fromlist=["_"])
                found |= {getattr(module, alias.name) for alias in node.names}
    if Select in found:
        found.add(SelectOverlay)
    return {cls for cls in found if isinstance(cls, type)}


def shown_descriptions() -> set[str]:
    words = set()
    for widget in textual_widgets():
        for cls in widget.__mro__:
            for item in vars(cls).get("BINDINGS", ()):
                binding = item if isinstance(item, Binding) else Binding(*item)
                if binding.show and binding.description:
                    words.add(binding.description)
    return words


def test_the_app_uses_textual_widgets_with_shown_keys() -> None:
    assert textual.widgets.Select in textual_widgets()
    assert "Dismiss menu" in shown_descriptions()


@pytest.mark.parametrize("language", ["zh_CN", "es"])
def test_every_shown_textual_key_is_worded(language: str) -> None:
    activate(language)
    try:
        untranslated = sorted(d for d in shown_descriptions() if key_words(d) == d)
    finally:
        activate("en")
    assert untranslated == []


async def test_an_open_dropdown_names_its_key_in_chinese(ui_db: str, ui_config: Path) -> None:
    app = build_app(
        ui_db, clock=FixedClock(TODAY), config_folder=ui_config, watch_interval=0, language="zh_CN"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, CaseFormScreen)
        app.screen.query_one("#action", Select).focus()
        await press(pilot, "enter")
        shown = {b.binding.description for b in app.screen.active_bindings.values()}
        assert app.screen.query_one("#action", Select).expanded
        assert "Dismiss menu" not in shown and "关闭菜单" in shown
