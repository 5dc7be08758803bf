"""Keys: every binding has an id, every hint names the key in force, typos are reported."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.binding import Binding
from textual.widgets import Button, Input

from tests.helpers.ui import TODAY, press, seed, settle
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.i18n import activate
from tracker.ui import keys
from tracker.ui.app import TrackerApp, build_app
from tracker.ui.screens.case_detail import CaseScreen
from tracker.ui.screens.case_form import CaseFormScreen
from tracker.ui.screens.confirm import ConfirmScreen
from tracker.ui.screens.follow_ups import FollowUpsScreen
from tracker.ui.widgets.case_table import CaseTable


def test_every_binding_has_an_id_and_a_description() -> None:
    bindings = list(keys.all_bindings())
    assert all(isinstance(b, Binding) and b.id and b.description for b in bindings)
    assert {"table.up", "table.down", "table.page_down", "table.open"} <= set(keys.default_keys())


def test_unknown_ids_are_found() -> None:
    assert keys.unknown_ids({"cases.new": "n", "cases.nwe": "m", "zzz": "z"}) == ["cases.nwe", "zzz"]


def test_a_hint_names_the_first_key_in_force() -> None:
    assert keys.key_hint("cases.follow_ups", {}, str) == "d"
    assert keys.key_hint("cases.follow_ups", {"cases.follow_ups": "F,d"}, str) == "F"


async def test_remapped_keys_are_named_in_the_notice_and_the_empty_table(
    make_app: Callable[[], TrackerApp], tracker: Tracker, ui_config: Path, notices: list[str]
) -> None:
    (ui_config / "config.toml").write_text('[keys]\n"cases.follow_ups" = "F,d"\n"cases.new" = "n"\n')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        empty = app.screen.query_one(CaseTable).empty_message
        assert empty == "No open cases. Press n to log one."
        seed(tracker, "Movistar", requested=date(2026, 10, 6))
        app.check_for_changes()
        await settle(pilot)
        await settle(pilot)
        await press(pilot, "F")
        assert isinstance(app.screen, FollowUpsScreen)
    assert "1 follow-up overdue. Press F to see it." in notices


async def test_an_unknown_binding_id_is_reported_in_one_line(
    make_app: Callable[[], TrackerApp], tracker: Tracker, ui_config: Path, notices: list[str]
) -> None:
    (ui_config / "config.toml").write_text('[keys]\n"cases.nwe" = "n"\n')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    assert 'config.toml [keys]: no binding is called "cases.nwe"; press ? to see them all.' in notices


async def test_the_table_keys_can_be_remapped_too(
    make_app: Callable[[], TrackerApp], tracker: Tracker, ui_config: Path
) -> None:
    (ui_config / "config.toml").write_text('[keys]\n"table.open" = "o"\n"table.down" = "n"\n')
    first = seed(tracker, "Movistar", requested=TODAY)
    second = seed(tracker, "Claro", requested=TODAY, number=2)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        assert table.current_case_id == first.id
        await press(pilot, "n", "o")
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.case_id == second.id


async def test_the_palette_names_the_keys_in_force(
    make_app: Callable[[], TrackerApp], tracker: Tracker, ui_config: Path
) -> None:
    from tracker.ui.commands import palette_commands

    (ui_config / "config.toml").write_text('[keys]\n"cases.new" = "n"\n')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        commands = {c.title: c.help for c in palette_commands(app, app.screen)}
        system = [c.title for c in app.get_system_commands(app.screen)]
    assert commands["New case"] == "Log a new cancellation case (n)"
    assert commands["Follow-ups"].endswith("(d)")
    # Textual's own Keys and Maximize are not this app's; its Screenshot is, made to work.
    assert "Keys" not in system and "Maximize" not in system
    assert {"Theme", "Screenshot", "Quit", "Import", "Help"} <= set(system)


async def test_the_screenshot_goes_beside_the_exports_and_says_where(
    make_app: Callable[[], TrackerApp], tracker: Tracker, tmp_path: Path, notices: list[str]
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_save_screenshot()
        await settle(pilot)
    (written,) = [m for m in notices if m.startswith("Screenshot written to ")]
    path = written.removeprefix("Screenshot written to ")
    assert path.startswith(str(tmp_path / "exports")) and path.endswith(".svg")
    assert "tracker" in (tmp_path / "exports" / path.rsplit("/", 1)[1]).read_text(encoding="utf-8")


async def test_help_lists_the_keys_in_force_and_the_short_flags(
    make_app: Callable[[], TrackerApp], tracker: Tracker, ui_config: Path
) -> None:
    from rich.console import Console

    from tracker.ui.screens.help import HelpScreen, flags_table, help_table, keys_in_force

    (ui_config / "config.toml").write_text('[keys]\n"cases.new" = "n"\n')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = keys_in_force(app)
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(help_table(shown))
    console.print(flags_table())
    text = console.export_text()
    assert shown["cases.new"] == "n" and shown["form.save"] == "ctrl+s" and shown["app.help"] == "?"
    new_line = next(line for line in text.splitlines() if "cases.new" in line)
    assert new_line.split()[:2] == ["n", "New"]
    assert "table.open" in text
    no_ticket = next(line for line in text.splitlines() if "NO TICKET" in line)
    assert "NO TKT" in no_ticket


def test_spanish_answers_yes_with_s_and_english_with_y() -> None:
    activate("es")
    try:
        assert keys.key_hint("confirm.yes", {}, str) == "s"
        assert keys.key_hint("confirm.yes", {"confirm.yes": "j"}, str) == "j"  # the config still wins
        assert keys.key_hint("confirm.no", {}, str) == "escape"
    finally:
        activate("en")
    assert keys.key_hint("confirm.yes", {}, str) == "y"


async def test_a_spanish_question_names_s_and_takes_it(ui_db: str, ui_config: Path, tracker: Tracker) -> None:
    app = build_app(ui_db, clock=FixedClock(TODAY), config_folder=ui_config, watch_interval=0, language="es")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, CaseFormScreen)
        app.screen.query_one("#provider", Input).value = "Bitel"
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert str(app.screen.query_one("#yes", Button).label).endswith("(s)")
        await press(pilot, "y")
        assert isinstance(app.screen, ConfirmScreen)  # y is not "sí"
        await press(pilot, "s")
        assert not isinstance(app.screen, (ConfirmScreen, CaseFormScreen))
