"""The three journeys end to end, on a real database file, from the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Select

from tests.helpers.ui import TODAY, press, seed, settle
from tracker.core import Tracker
from tracker.domain.flags import Flag, case_flags
from tracker.domain.model import CheckState, Status
from tracker.ui.app import TrackerApp
from tracker.ui.screens.case_detail import CaseScreen
from tracker.ui.screens.case_form import CaseFormScreen
from tracker.ui.screens.cases import CasesScreen
from tracker.ui.screens.check_note import NotApplicableNoteScreen
from tracker.ui.screens.follow_ups import FollowUpsScreen
from tracker.ui.screens.log_contact import LogContactScreen
from tracker.ui.screens.verify import VerifyScreen
from tracker.ui.widgets.case_table import CaseTable
from tracker.ui.widgets.checklist import Checklist


def row_text(table: CaseTable, case_id: int) -> str:
    return " | ".join(cell.plain for cell in table.rows[case_id].cells)


def screen_text(app: App[None]) -> str:
    """What the terminal shows now, as plain text."""
    return app.export_screenshot(simplify=True)


async def type_into(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def test_log_a_new_case_through_the_form(make_app: Callable[[], TrackerApp], tracker: Tracker) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        form.query_one("#provider", Input).value = "Movistar Perú"
        form.query_one("#service", Input).value = "eSIM +51 987 654 321"
        form.query_one("#ticket", Input).value = "R-2026-00042"
        form.query_one("#playbook", Select).value = "esim-pe"
        form.query_one("#requested_on", Input).value = "2026-10-06"
        await settle(pilot)
        assert "Promised by Wed 14 Oct 2026" in str(form.query_one("#preview").render())
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CasesScreen)
        table = app.screen.query_one(CaseTable)
        (case,) = tracker.open_cases()
        assert case.promised_by == date(2026, 10, 14)
        assert len(case.checks) == 8
        assert table.current_case_id == case.id
        assert case.id is not None
        text = row_text(table, case.id)
        assert "Movistar Perú" in text and "OVERDUE" in text and "PROVIDER LATE" in text
        assert "39d overdue" in text and "0/8" in text


async def test_the_new_case_form_picks_the_playbook_as_the_provider_is_typed(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        playbook = form.query_one("#playbook", Select)
        assert playbook.value == "generic"
        await type_into(pilot, "Movistar Per")
        await settle(pilot)
        assert playbook.value == "esim-pe"
        note = str(form.query_one("#playbook-note").render())
        assert "esim-pe fits Movistar Per: chosen for it" in note
        await type_into(pilot, "ú")
        await press(pilot, *["backspace"] * 8)
        assert form.query_one("#provider", Input).value == "Movis"
        assert playbook.value == "generic"  # "Movis" names no operator: back to the everyday one
        await type_into(pilot, "tar")
        await settle(pilot)
        assert playbook.value == "esim-pe"
        form.query_one("#requested_on", Input).value = "2026-10-06"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CasesScreen)
    (case,) = tracker.open_cases()
    assert (case.provider, case.playbook, len(case.checks)) == ("Movistar", "esim-pe", 8)


async def test_a_playbook_picked_in_the_list_stays_and_the_list_searches_as_you_type(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        playbook = form.query_one("#playbook", Select)
        playbook.focus()
        await settle(pilot)
        await type_into(pilot, "subsc")  # opens the closed list and searches it
        await press(pilot, "enter")
        assert playbook.value == "subscription"
        assert not playbook.expanded
        form.query_one("#provider", Input).focus()
        await type_into(pilot, "Claro Perú")
        await settle(pilot)
        assert playbook.value == "subscription"  # the user's pick is kept
        assert not form.query_one("#playbook-note").display


async def test_typing_in_the_form_really_types(make_app: Callable[[], TrackerApp], tracker: Tracker) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        await type_into(pilot, "Entel")
        await pilot.press("tab")
        await type_into(pilot, "Postpago")
        await press(pilot, "ctrl+s")
    (case,) = tracker.open_cases()
    assert (case.provider, case.service, case.requested_on) == ("Entel", "Postpago", TODAY)


async def test_a_bad_date_is_refused_at_the_field_and_nothing_typed_is_lost(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        form.query_one("#provider", Input).value = "Claro"
        form.query_one("#service", Input).value = "Línea 中文 🎉"
        form.query_one("#ticket", Input).value = "[bold]x[/bold]"
        form.query_one("#requested_on", Input).value = "2026-02-30"
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CaseFormScreen)
        field = form.field("requested_on")
        assert "February 2026 has 28 days" in field.error
        assert form.field("provider").error == ""
        assert form.query_one("#provider", Input).value == "Claro"
        assert form.query_one("#service", Input).value == "Línea 中文 🎉"
        assert form.query_one("#ticket", Input).value == "[bold]x[/bold]"
        assert app.focused is form.query_one("#requested_on")
        assert tracker.open_cases(include_closed=True) == []
        # Fixing the date saves the case with every other field as typed.
        form.query_one("#requested_on", Input).value = "2026-11-20"
        await press(pilot, "ctrl+s")
    (case,) = tracker.open_cases()
    assert (case.service, case.ticket) == ("Línea 中文 🎉", "[bold]x[/bold]")


async def test_escape_asks_before_throwing_typed_text_away(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        app.screen.query_one("#provider", Input).value = "Bitel"
        await press(pilot, "escape")
        await press(pilot, "n")
        assert isinstance(app.screen, CaseFormScreen)
        assert app.screen.query_one("#provider", Input).value == "Bitel"
        await press(pilot, "escape")
        await press(pilot, "y")
        assert isinstance(app.screen, CasesScreen)


async def test_follow_up_an_overdue_case(make_app: Callable[[], TrackerApp], tracker: Tracker) -> None:
    case = seed(tracker, "Movistar Perú", requested=date(2026, 10, 6))
    assert case.id is not None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "d")
        screen = app.screen
        assert isinstance(screen, FollowUpsScreen)
        table = screen.query_one(CaseTable)
        assert list(table.entries) == ["Overdue (1)", case.id]
        assert table.current_case_id == case.id
        assert "no contact logged yet" in row_text(table, case.id)
        await press(pilot, "f")
        dialog = app.screen
        assert isinstance(dialog, LogContactScreen)
        # The default next follow-up follows the playbook's cadence (2 business days).
        assert dialog.query_one("#next_follow_up", Input).value == "2026-11-25"
        dialog.query_one("#summary", Input).value = "Agent says the line is cut"
        dialog.query_one("#ticket", Input).value = "R-2026-00077"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, FollowUpsScreen)
        assert list(table.entries) == ["Next 7 days (1)", case.id]
        text = row_text(table, case.id)
        assert "OVERDUE" not in text and "in 2d" in text
        assert "Agent says the line is cut" in text
    stored = tracker.get(case.id)
    assert stored.next_follow_up == date(2026, 11, 25)
    assert stored.ticket == "R-2026-00077"
    assert Flag.OVERDUE not in case_flags(stored, TODAY)


async def test_tick_the_required_checks_and_verify(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = seed(tracker, "Movistar Perú", requested=date(2026, 11, 10))
    assert case.id is not None
    other = seed(tracker, "Claro", requested=date(2026, 11, 20), number=2)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        assert set(table.entries) == {case.id, other.id}
        table.cursor = list(table.entries).index(case.id)
        await press(pilot, "enter")
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("space")  # calls blocked: pending -> passed
        await settle(pilot)
        await press(pilot, "v")
        verify = app.screen
        assert isinstance(verify, VerifyScreen)
        await pilot.press("v")  # refused: balance zero is still pending
        await settle(pilot)
        assert isinstance(app.screen, VerifyScreen)
        assert (
            "Not yet: balance zero (pending), eSIM profile deleted from the device (pending), "
            "paired devices unbound (pending)." in str(verify.query_one("#verdict").render())
        )
        for _check in ("balance zero", "eSIM profile deleted", "paired devices unbound"):
            await press(pilot, "down", "space")  # passed, ticked right here
        await press(pilot, "v")
        assert isinstance(app.screen, CaseScreen)
        await press(pilot, "escape")
        assert list(app.screen.query_one(CaseTable).entries) == [other.id]
    stored = tracker.get(case.id)
    assert stored.status is Status.VERIFIED
    assert stored.find_check("calls blocked").state is CheckState.PASSED
    assert stored.find_check("balance zero").state is CheckState.PASSED


async def test_a_failed_check_keeps_the_case_from_verified_in_the_dialog(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = seed(tracker, "Movistar Perú", requested=date(2026, 11, 10))
    assert case.id is not None
    for check in case.checks:
        if check.required:
            tracker.cases.set_check(case.id, check.name, CheckState.PASSED)
    tracker.cases.set_check(case.id, "mobile data stopped", CheckState.FAILED)  # not required
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "v")
        verify = app.screen
        assert isinstance(verify, VerifyScreen)
        verdict = str(verify.query_one("#verdict").render())
        assert "mobile data stopped (failed)" in verdict
        assert "press space on it" in verdict
        await press(pilot, "v")  # refused
        assert isinstance(app.screen, VerifyScreen)
        # The failed check is listed among the required ones, so it can be tested again here.
        checklist = verify.query_one(Checklist)
        prompts = [str(checklist.get_option_at_index(i).prompt) for i in range(checklist.option_count)]
        [where] = [i for i, prompt in enumerate(prompts) if "mobile data stopped" in prompt]
        checklist.highlighted = where
        await press(pilot, "space")  # failed -> the next state
        await settle(pilot)
    stored = tracker.get(case.id)
    assert stored.status is not Status.VERIFIED
    data = stored.find_check("mobile data stopped")
    assert data is not None and data.state is CheckState.NOT_APPLICABLE


async def test_space_cycles_a_check_through_failed(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = seed(tracker, "Entel", requested=TODAY - timedelta(days=1))
    assert case.id is not None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        await press(pilot, "space", "space")
    stored = tracker.get(case.id)
    assert stored.checks[0].state is CheckState.FAILED
    assert stored.status is Status.FAILED
    assert stored.next_follow_up == TODAY


async def test_space_cycles_a_check_to_not_applicable_asking_why_when_required(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = seed(tracker, "Entel", requested=TODAY - timedelta(days=1))
    assert case.id is not None
    assert case.checks[0].required and not case.checks[1].required
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        await press(pilot, "space", "space", "space")  # calls blocked (required): passed, failed, n/a?
        note = app.screen
        assert isinstance(note, NotApplicableNoteScreen)
        await press(pilot, "enter")  # no note: refused, the dialog stays
        assert app.screen is note
        await pilot.press(*"data-only eSIM")
        await press(pilot, "enter")
        assert isinstance(app.screen, CaseScreen)
        assert "n/a — data-only eSIM" in str(app.screen.query_one(Checklist).get_option_at_index(0).prompt)
        await press(pilot, "down", "space", "space", "space")  # SMS blocked (optional): straight to n/a
        assert isinstance(app.screen, CaseScreen)
        await press(pilot, "up", "space", "escape")  # n/a -> pending; no dialog
    stored = tracker.get(case.id)
    assert stored.checks[0].state is CheckState.PENDING
    assert stored.checks[1].state is CheckState.NOT_APPLICABLE
    assert stored.status is Status.REQUESTED  # the failure was taken back by n/a
    notes = [e.params.get("note") for e in stored.timeline if e.params.get("state") == "n/a"]
    assert notes == ["data-only eSIM", ""]


async def test_a_required_check_left_without_a_note_moves_on_to_pending(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = seed(tracker, "Entel", requested=TODAY - timedelta(days=1))
    assert case.id is not None
    tracker.cases.set_check(case.id, "calls blocked", CheckState.FAILED)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "space")
        assert isinstance(app.screen, NotApplicableNoteScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, CaseScreen)
    assert tracker.get(case.id).checks[0].state is CheckState.PENDING


async def test_withdraw_asks_and_can_be_undone(make_app: Callable[[], TrackerApp], tracker: Tracker) -> None:
    case = seed(tracker, "Bitel", requested=TODAY)
    assert case.id is not None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "w")
        await press(pilot, "y")
        assert tracker.get(case.id).status is Status.WITHDRAWN
        assert list(app.screen.query_one(CaseTable).entries) == []
        await press(pilot, "ctrl+z")
        assert tracker.get(case.id).status is Status.REQUESTED
        assert list(app.screen.query_one(CaseTable).entries) == [case.id]


async def test_delete_asks_and_can_be_undone(make_app: Callable[[], TrackerApp], tracker: Tracker) -> None:
    case = seed(tracker, "Bitel", requested=TODAY)
    assert case.id is not None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "delete")
        await press(pilot, "n")
        assert tracker.get(case.id).deleted_at is None
        await press(pilot, "delete")
        await press(pilot, "y")
        assert [c.id for c in tracker.trash()] == [case.id]
        await press(pilot, "ctrl+z")
        assert tracker.trash() == []
        assert list(app.screen.query_one(CaseTable).entries) == [case.id]


async def test_filter_as_you_type_and_closed_cases(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    movistar = seed(tracker, "Movistar", requested=TODAY)
    claro = seed(tracker, "Claro", requested=TODAY, number=2)
    assert claro.id is not None
    tracker.cases.withdraw(claro.id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        assert list(table.entries) == [movistar.id]
        await press(pilot, "c")
        assert set(table.entries) == {movistar.id, claro.id}
        await press(pilot, "slash", "c", "l", "a")
        assert list(table.entries) == [claro.id]
        await press(pilot, "escape")
        assert set(table.entries) == {movistar.id, claro.id}


async def test_user_text_is_shown_literally(make_app: Callable[[], TrackerApp], tracker: Tracker) -> None:
    case = seed(tracker, "[bold]x[/bold]", requested=TODAY, service="a\x1b[31mred 中文")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        assert case.id is not None
        cells = table.rows[case.id].cells
        assert cells[2].plain == "[bold]x[/bold]"
        assert cells[3].plain == "a\\x1b[31mred 中文"
        assert "\x1b" not in "".join(seg.text for seg in table.render_line(1))


async def test_a_case_added_elsewhere_appears_without_restart(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        added = seed(tracker, "Entel", requested=TODAY)  # another connection, like the CLI
        app.check_for_changes()  # what the timer does every two seconds
        await settle(pilot)
        await settle(pilot)
        assert list(app.screen.query_one(CaseTable).entries) == [added.id]


async def test_overdue_follow_ups_are_announced_at_start(
    make_app: Callable[[], TrackerApp], tracker: Tracker, notices: list[str]
) -> None:
    seed(tracker, "Movistar", requested=date(2026, 10, 6))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "1 follow-up overdue. Press d to see it." in notices


async def test_keys_can_be_remapped_from_the_config(
    make_app: Callable[[], TrackerApp], tracker: Tracker, ui_config: Path
) -> None:
    (ui_config / "config.toml").write_text('[keys]\n"cases.new" = "n"\n')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, CaseFormScreen)


async def test_x_writes_the_dossier_and_says_where(
    make_app: Callable[[], TrackerApp], tracker: Tracker, tmp_path: Path, notices: list[str]
) -> None:
    case = seed(tracker, "Movistar Perú", requested=date(2026, 10, 6))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "x")
    written = [m for m in notices if m.startswith("Dossier written to ")]
    assert written, notices
    path = Path(written[0].removeprefix("Dossier written to "))
    assert path.parent == tmp_path / "exports"
    text = path.read_text(encoding="utf-8")
    assert "Movistar Perú" in text and case.uuid in text


async def test_import_from_the_palette_checks_first_then_imports(
    make_app: Callable[[], TrackerApp], tracker: Tracker, tmp_path: Path
) -> None:
    from tracker.exchange.export import export_to_path
    from tracker.ui.screens.import_file import ImportScreen

    seed(tracker, "Claro", requested=TODAY)
    exported = tmp_path / "backup.json"
    export_to_path(tracker, "json", exported)
    tracker.cases.delete(1)
    with tracker.store.write() as tx:
        tx.purge(1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ImportScreen())
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(exported)
        await press(pilot, "enter")
        assert "Would add 1 case" in str(app.screen.query_one("#verdict").render())
        assert tracker.open_cases() == []
        await press(pilot, "enter")
        assert not isinstance(app.screen, ImportScreen)
        await settle(pilot)
        assert [c.provider for c in tracker.open_cases()] == ["Claro"]
        assert len(app.screen.query_one(CaseTable).entries) == 1


async def test_enter_opens_a_case_without_touching_its_checks(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = seed(tracker, "Movistar Perú", requested=date(2026, 11, 10))
    assert case.id is not None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(2):
            await press(pilot, "enter")
            assert isinstance(app.screen, CaseScreen)
            await press(pilot, "escape")
            await press(pilot, "f")
            app.screen.query_one("#summary", Input).value = "called"
            await press(pilot, "ctrl+s")
        await press(pilot, "enter")
        assert isinstance(app.screen, CaseScreen)
    stored = tracker.get(case.id)
    assert {c.state for c in stored.checks} == {CheckState.PENDING}
    assert not [e for e in stored.timeline if e.kind.value == "check"]


async def test_a_second_case_opens_with_its_own_checklist(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    first = seed(tracker, "Movistar", requested=date(2026, 11, 10))
    assert first.id is not None
    second = seed(tracker, "Claro", requested=date(2026, 11, 10), number=2)
    assert second.id is not None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(first.id)
        await settle(pilot)
        await pilot.press("down", "down", "down")
        app.pop_screen()
        await settle(pilot)
        app.open_case(second.id)
        await settle(pilot)
        checks = app.screen.query_one("#checks", Checklist)
        assert checks.option_count == 8 and checks.highlighted == 0
        await press(pilot, "space")
    assert tracker.get(second.id).checks[0].state is CheckState.PASSED
    assert {c.state for c in tracker.get(first.id).checks} == {CheckState.PENDING}


async def test_a_5000_character_provider_does_not_swamp_titles(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    seed(tracker, "[bold]x[/bold]" + "P" * 5000, requested=TODAY)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        title = str(app.screen.query_one("#title").render())
        assert title.startswith("Case 1 · [bold]x[/bold]PPP") and len(title) < 60
        await press(pilot, "f")
        heading = str(app.screen.query_one(".dialog-title").render())
        assert heading.startswith("Log a contact — case 1, [bold]x[/bold]") and len(heading) < 80
