"""Snapshots of the screens and dialogs at 120×40 and 80×24, on fixed data and a fixed clock.

Cursors do not blink in tests (see ``no_cursor_blink`` in conftest.py).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.ui.conftest import seed, settle
from tracker.domain.model import CheckState

SIZES = [(120, 40), (80, 24)]


@pytest.fixture
def populated(tracker):  # type: ignore[no-untyped-def]
    overdue = seed(tracker, "Movistar Perú", requested=date(2026, 10, 6), ticket="R-2026-00042")
    seed(tracker, "Claro", requested=date(2026, 11, 16), ticket="", number=2, service="Línea prepago 中文 🎉")
    seed(
        tracker,
        "Netflix",
        requested=date(2026, 11, 10),
        playbook="subscription",
        service="Standard plan",
        ticket="NF-1",
        number=3,
    )
    seed(
        tracker,
        "[bold]x[/bold]",
        requested=date(2026, 11, 20),
        playbook="generic",
        service="escape \x1b[31m kept literal",
        number=4,
    )
    tracker.log_contact(overdue.id, "Agent promised to cut the line today", next_follow_up=date(2026, 11, 23))
    tracker.set_check(overdue.id, "calls blocked", CheckState.PASSED)
    return tracker


def run_before(*keys: str, theme: str | None = None):  # type: ignore[no-untyped-def]
    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        if theme:
            pilot.app.theme = theme
        await settle(pilot)
        # The start-up notice would cover part of every screen; it is tested elsewhere.
        pilot.app.clear_notifications()
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_cases_screen(snap_compare, make_app, populated, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_follow_ups_screen(snap_compare, make_app, populated, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before("d"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_case_screen(snap_compare, make_app, populated, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before("enter"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_new_case_screen(snap_compare, make_app, populated, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before("a"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, make_app, populated, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before("question_mark"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_log_contact_dialog(snap_compare, make_app, populated, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before("f"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_verify_dialog(snap_compare, make_app, populated, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before("v"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_confirm_dialog(snap_compare, make_app, populated, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before("w"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_edit_screen(snap_compare, make_app, populated, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before("e"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_add_check_dialog(snap_compare, make_app, populated, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before("enter", "a"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_import_dialog(snap_compare, make_app, populated, size) -> None:
    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        from tracker.ui.screens.import_file import ImportScreen

        await run_before()(pilot)
        pilot.app.push_screen(ImportScreen())
        await settle(pilot)
        pilot.app.screen.query_one("#path").value = "/nonexistent/backup.json"
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_empty_database(snap_compare, make_app, tracker, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_filter_with_no_match(snap_compare, make_app, populated, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before("slash", *"zzz"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_light_theme_cases(snap_compare, make_app, populated, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before(theme="textual-light"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_light_theme_case(snap_compare, make_app, populated, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before("enter", theme="textual-light"))
