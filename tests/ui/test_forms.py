"""Forms: nothing typed is lost, fast typing lands in the right field, dates and fees explained."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from textual import events
from textual.widgets import Input, Select, Static, TextArea

from tests.helpers.ui import TODAY, press, seed, settle
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.ui.app import TrackerApp
from tracker.ui.screens.case_form import CaseFormScreen
from tracker.ui.screens.cases import CasesScreen
from tracker.ui.screens.confirm import ConfirmScreen
from tracker.ui.screens.log_contact import LogContactScreen
from tracker.ui.widgets.field import Field


async def test_ctrl_q_with_typing_asks_first(make_app: Callable[[], TrackerApp], tracker: Tracker) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a", *"Bitel")
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Quit and throw away what you typed?" in str(app.screen.query_one(".dialog-title").render())
        await press(pilot, "n")
        assert isinstance(app.screen, CaseFormScreen)
        assert app.screen.query_one("#provider", Input).value == "Bitel"
        assert app.is_running
        await press(pilot, "ctrl+q")
        await press(pilot, "y")
        assert not app.is_running


async def test_ctrl_q_with_nothing_typed_quits_at_once(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        await press(pilot, "ctrl+q")
        assert not app.is_running


async def test_keys_sent_all_at_once_after_tab_land_in_the_next_field(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        # What a terminal delivers for auto-typed "Entel<tab>Postpago": all the keys in one read.
        for char in "Entel\tPostpago\tT-9":
            key = "tab" if char == "\t" else ("minus" if char == "-" else char)
            app.post_message(events.Key(key, None if char == "\t" else char))
        await settle(pilot)
        form = app.screen
        values = [form.query_one(f"#{name}", Input).value for name in ("provider", "service", "ticket")]
    assert values == ["Entel", "Postpago", "T-9"]


async def test_pasted_text_with_tabs_fills_the_fields_in_turn(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        app.screen.query_one("#provider", Input).post_message(events.Paste("Entel\tPostpago\tT-9"))
        await settle(pilot)
        form = app.screen
        values = [form.query_one(f"#{name}", Input).value for name in ("provider", "service", "ticket")]
    assert values == ["Entel", "Postpago", "T-9"]


async def test_log_contact_previews_the_next_date(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    seed(tracker, "Movistar", requested=TODAY)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        dialog = app.screen
        assert isinstance(dialog, LogContactScreen)
        preview = dialog.query_one("#next-preview", Static)
        # Monday 23 November + 2 business days (esim-pe's cadence) = Wednesday 25.
        assert str(preview.render()) == "→ Wed 25 Nov 2026, in 2 days"
        dialog.query_one("#next_follow_up", Input).value = "+1w"
        await settle(pilot)
        assert str(preview.render()) == "→ Mon 30 Nov 2026, in 7 days"
        dialog.query_one("#next_follow_up", Input).value = "tomorrow"
        await settle(pilot)
        assert str(preview.render()) == "→ Tue 24 Nov 2026, tomorrow"


async def test_a_fee_takes_the_playbooks_currency(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        form = app.screen
        form.query_one("#provider", Input).value = "Movistar"
        form.query_one("#playbook", Select).value = "esim-pe"
        form.query_one("#fee", Input).value = "120"
        await settle(pilot)
        assert form.query_one("#currency", Input).placeholder == "from the playbook: PEN"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CasesScreen)
    (case,) = tracker.open_cases()
    assert (case.fee_amount, case.fee_currency) == (Decimal("120"), "PEN")


async def test_a_fee_without_any_currency_is_refused_at_the_field(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        form.query_one("#provider", Input).value = "Gym"
        form.query_one("#playbook", Select).value = "generic"
        form.query_one("#fee", Input).value = "120"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CaseFormScreen)
        assert "needs its currency" in form.field("currency").error
        assert app.focused is form.query_one("#currency")
    assert tracker.open_cases() == []


async def test_edit_says_what_a_new_playbook_will_do_before_saving(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    case = seed(tracker, "Netflix", requested=TODAY, playbook="subscription")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        form = app.screen
        note = form.query_one("#playbook-note", Static)
        assert not note.display
        form.query_one("#playbook", Select).value = "esim-pe"
        await settle(pilot)
        said = str(note.render())
        assert note.display and "Saving moves the case to esim-pe" in said
        # The subscription case has "no charge on the next bill" already: only the others come.
        assert "calls blocked" in said and "no charge on the next bill" not in said
        await press(pilot, "ctrl+s")
    assert len(tracker.get(case.id).checks) == 4 + 7


async def test_a_suspension_shows_and_requires_its_end_date_at_the_field(
    make_app: Callable[[], TrackerApp], tracker: Tracker, notices: list[str]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        assert not form.field("ends_on").display  # a cancellation has no end
        form.query_one("#provider", Input).value = "Claro Perú"
        form.query_one("#service", Input).value = "línea 987 654 321"
        form.query_one("#playbook", Select).value = "esim-pe"
        form.query_one("#action", Select).value = "suspend"  # follows suspension-pe
        await settle(pilot)
        assert form.field("ends_on").display
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CaseFormScreen)
        assert form.field("ends_on").error.startswith(
            "⚠ a suspension needs its end date: the day the line comes back"
        )
        assert app.focused is form.query_one("#ends_on")
        # Requested Mon 23 Nov 2026: 5 business days to Mon 30 Nov; back on 15 January.
        form.query_one("#ends_on", Input).value = "2027-01-15"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CasesScreen)
    (case,) = tracker.open_cases()
    assert (case.playbook, case.action.value, case.ends_on) == ("suspension-pe", "suspend", date(2027, 1, 15))
    assert not any("yearly maximum" in n for n in notices)


async def test_a_suspension_past_the_yearly_two_months_is_saved_with_a_warning(
    make_app: Callable[[], TrackerApp], tracker: Tracker, notices: list[str]
) -> None:
    from tracker.domain.workflow import CaseDraft

    # Already suspended this year: 1 September, back on 31 October (30 + 30 = 60 days).
    tracker.cases.add(
        CaseDraft(
            "Claro Perú",
            "línea 987 654 321",
            date(2026, 8, 20),
            playbook="suspension-pe",
            effective_on=date(2026, 9, 1),
            ends_on=date(2026, 10, 31),
        )
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        form.query_one("#provider", Input).value = "CLARO"
        form.query_one("#service", Input).value = "+51 987654321"
        await settle(pilot)  # the provider picks esim-pe as it is typed; the user then picks
        form.query_one("#playbook", Select).value = "suspension-pe"
        await settle(pilot)
        # The suspension's playbook makes the action a suspension, and its fee the reactivation's.
        assert form.query_one("#action", Select).value == "suspend"
        assert form.field("fee").label == "Reactivation fee"
        # From Mon 30 November (5 business days after Mon 23), back 20 December: 1 + 19 = 20 days.
        form.query_one("#ends_on", Input).value = "2026-12-20"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CasesScreen)
    assert len(tracker.open_cases()) == 2
    # Two months from 1 September end on 1 November: 61 days, 1 left.
    assert any(
        "this line's suspensions in 2026 add up to 80 days, past the yearly maximum of 61 days" in n
        and "1 day was left for this one" in n
        for n in notices
    ), notices


async def test_editing_the_notes_of_a_case_requested_tomorrow_here_saves(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    # Entered where it is already tomorrow (UTC+14), edited where it is still today (UTC-11).
    assert isinstance(tracker.clock, FixedClock)
    tracker.clock.fixed_today = TODAY + timedelta(days=1)
    case = seed(tracker, "Claro", requested=TODAY + timedelta(days=1))
    assert case.id is not None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        app.screen.query_one("#notes", TextArea).load_text("llamar de nuevo")
        await settle(pilot)
        assert not app.screen.query_one("#requested_on").query_ancestor(Field).has_class("-invalid")
        await press(pilot, "ctrl+s")
    saved = tracker.get(case.id)
    assert saved.notes == "llamar de nuevo"
    assert saved.requested_on == TODAY + timedelta(days=1)  # untouched
