"""The Cases and Follow-ups lists: the filter's reach, the words of the counts, every action."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from textual.widgets import Static

from tests.helpers.ui import TODAY, press, seed, settle
from tracker.core import Tracker
from tracker.domain.model import Status
from tracker.ui.app import TrackerApp
from tracker.ui.screens.confirm import ConfirmScreen
from tracker.ui.screens.follow_ups import FollowUpsScreen
from tracker.ui.widgets.case_table import CaseTable


async def test_the_filter_finds_every_ticket_the_case_has_had(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    old = seed(tracker, "Movistar", requested=TODAY, ticket="R-OLD-1")
    assert old.id is not None
    tracker.cases.log_contact(old.id, "new ticket given", ticket="R-NEW-2")
    seed(tracker, "Claro", requested=TODAY, ticket="C-3", number=2)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        await press(pilot, "slash", *"r-old")
        assert list(table.entries) == [old.id]
        assert "filter: 1 match" in str(app.screen.query_one("#summary", Static).render())


async def test_one_follow_up_is_one(make_app: Callable[[], TrackerApp], tracker: Tracker) -> None:
    seed(tracker, "Movistar", requested=date(2026, 10, 6))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "d")
        assert str(app.screen.query_one("#summary", Static).render()) == "1 follow-up up to 2026-11-30"


async def test_withdraw_and_delete_work_on_follow_ups(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    first = seed(tracker, "Movistar", requested=date(2026, 10, 6))
    assert first.id is not None
    second = seed(tracker, "Claro", requested=date(2026, 10, 6), number=2)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "d")
        assert isinstance(app.screen, FollowUpsScreen)
        await press(pilot, "w")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        await press(pilot, "delete")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert isinstance(app.screen, FollowUpsScreen)
        assert list(app.screen.query_one(CaseTable).entries) == []
    assert tracker.get(first.id).status is Status.WITHDRAWN
    assert [c.id for c in tracker.trash()] == [second.id]


def test_typing_and_erasing_in_the_filter_answers_as_a_fresh_read(tracker: Tracker) -> None:
    """Each key typed at the end narrows the last answer; erasing, changing the text or a
    fresh read starts from the whole list again: every answer is the one a fresh read gives."""
    from tracker.ui.lists import CaseLists, Query

    names = ["Claro", "Claro Perú", "Movistar Perú", "Clarín", "中国移动", "Entel"]
    for number, name in enumerate(names, start=1):
        seed(tracker, name, requested=TODAY, ticket=f"T-{number}", number=number)
    lists = CaseLists(tracker)

    def ids(text: str, fresh: bool = False) -> list[int]:
        return list(lists.query(Query(TODAY, True, text, 0, fresh)).ids)

    def fresh(text: str) -> list[int]:
        return list(CaseLists(tracker).query(Query(TODAY, True, text, 0, True)).ids)

    ids("", fresh=True)
    for text in [
        "c",
        "cl",
        "cla",
        "clar",
        "claro",
        "claro ",
        "claro p",
        "clar",
        "cla",
        "cl",
        "pe",
        "per",
        "perú",
    ]:
        assert ids(text) == fresh(text), text
    assert len(ids("claro")) == 2 and len(ids("clar")) == 3
    # A change read afresh: the narrowed answer is not kept.
    moved = seed(tracker, "Claro Empresas", requested=TODAY, ticket="T-9", number=9)
    assert moved.id in ids("claro", fresh=True)
    assert ids("claro e") == [moved.id]


def test_a_long_answer_shows_its_first_rows_then_the_whole(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More matches than a screen holds: the first rows are handed over at once, marked as
    not the whole answer, and they are the whole answer's first rows; a short answer is
    handed over once, whole."""
    from tracker.ui.lists import FIRST_WINDOW, CaseLists, Listed, Query, summary_line

    for number in range(1, FIRST_WINDOW + 11):
        seed(tracker, f"Claro {number}", requested=TODAY, ticket=f"T-{number}", number=number)
    seed(tracker, "Entel", requested=TODAY, number=FIRST_WINDOW + 11)
    lists = CaseLists(tracker)
    lists.query(Query(TODAY, True, "", 0, True))
    lists.read_texts(TODAY, True)
    glimpses: list[Listed] = []
    monkeypatch.setattr("tracker.ui.lists.LOOKED_THROUGH_AT_ONCE", 10)  # as with a long list

    whole = lists.query(Query(TODAY, True, "claro", 0, False), glimpses.append)
    assert [glimpse.complete for glimpse in glimpses] == [False]
    assert len(glimpses[0].ids) == FIRST_WINDOW
    assert list(glimpses[0].ids) == list(whole.ids)[:FIRST_WINDOW]
    assert whole.complete and len(whole.ids) == FIRST_WINDOW + 10
    assert list(whole.ids) == list(CaseLists(tracker).query(Query(TODAY, True, "claro", 0, True)).ids)
    line = summary_line(glimpses[0].stats, FIRST_WINDOW, True, "claro", complete=False)
    assert line.endswith(f"filter: the first {FIRST_WINDOW} matches, still looking")

    glimpses.clear()
    short = lists.query(Query(TODAY, True, "claro 7", 0, False), glimpses.append)
    assert glimpses == [] and short.complete
    assert len(short.ids) == 2  # "Claro 7" and "Claro 70"

    # A short list is looked through at once: no first rows apart.
    monkeypatch.setattr("tracker.ui.lists.LOOKED_THROUGH_AT_ONCE", 1_000)
    glimpses.clear()
    assert len(lists.query(Query(TODAY, True, "clar", 0, False), glimpses.append).ids) == FIRST_WINDOW + 10
    assert glimpses == []


async def test_the_screen_ends_on_the_whole_answer(
    make_app: Callable[[], TrackerApp], tracker: Tracker
) -> None:
    from tracker.ui.lists import FIRST_WINDOW

    for number in range(1, FIRST_WINDOW + 11):
        seed(tracker, f"Claro {number}", requested=TODAY, number=number)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", "c")
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        assert len(table.entries) == FIRST_WINDOW + 10
        assert f"filter: {FIRST_WINDOW + 10} matches" in str(
            app.screen.query_one("#summary", Static).render()
        )


def test_rows_are_read_again_after_a_fresh_read(tracker: Tracker) -> None:
    """A filter's next key takes the rows it drew a moment ago from memory; a fresh read
    (after any change) reads them again."""
    from tracker.ui.lists import CaseLists, Query, load_rows

    case = seed(tracker, "Claro", requested=TODAY, ticket="T-1")
    assert case.id is not None
    lists = CaseLists(tracker)
    before = lists.query(Query(TODAY, True, "", 0, True)).rows[case.id]
    tracker.cases.log_contact(case.id, "new ticket given", ticket="T-2")
    assert lists.query(Query(TODAY, True, "cla", 0, False)).rows[case.id] is before
    after = lists.query(Query(TODAY, True, "cla", 0, True)).rows[case.id]
    assert after == load_rows(tracker, [case.id], TODAY)[case.id] != before


def test_a_key_after_a_change_never_shows_the_list_as_it_was(tracker: Tracker) -> None:
    """The screen forgets what it kept the moment it learns of a change; a filter key that
    comes before the fresh read is done reads (or waits for) the list as it is now."""
    from tracker.ui.lists import CaseLists, Query

    kept = seed(tracker, "Claro", requested=TODAY, ticket="T-1")
    gone = seed(tracker, "Claro Empresas", requested=TODAY, ticket="T-2", number=2)
    assert kept.id is not None and gone.id is not None
    lists = CaseLists(tracker)
    lists.query(Query(TODAY, True, "", 0, True))
    lists.read_texts(TODAY, True)
    assert list(lists.query(Query(TODAY, True, "claro", 0, False)).ids) == [kept.id, gone.id]
    tracker.cases.delete(gone.id)
    lists.forget()
    listed = lists.query(Query(TODAY, True, "claro", 0, False))
    assert list(listed.ids) == [kept.id]
    assert gone.id not in listed.rows
