"""The filter: case-insensitive substring over provider, service, ticket and notes."""

from __future__ import annotations

from array import array

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.search import Placed, SearchIndex, filter_ids, fold, keep_found, search_text


def index_of(*cases: tuple[str, str, str, str]) -> SearchIndex:
    return SearchIndex((i + 1, search_text(*fields)) for i, fields in enumerate(cases))


def test_unicode_case_folding() -> None:
    index = index_of(("Movistar Perú", "", "", ""), ("x", "Straße", "", ""), ("y", "", "", "中文 🎉"))
    assert index.matching("PERÚ") == {1}
    assert index.matching("strasse") == {2}
    assert index.matching("中文") == {3}
    assert index.matching("🎉") == {3}
    assert index.matching("peru") == {1}  # accents are optional
    assert index.matching("PERU") == {1}


def test_each_field_is_searched_and_only_whole_cases_match() -> None:
    index = index_of(("Claro", "eSIM", "R-42", "called twice"), ("Entel", "line", "", ""))
    assert index.matching("r-42") == {1}
    assert index.matching("twice") == {1}
    assert index.matching("line") == {2}
    # The end of one case and the start of the next are not one text.
    assert index.matching("twiceentel") == set()
    assert index.matching("e") == {1, 2}


def test_filter_keeps_the_order_given() -> None:
    index = index_of(("a1", "", "", ""), ("b1", "", "", ""), ("c", "", "", ""))
    assert list(filter_ids([3, 2, 1], index, "1")) == [2, 1]
    assert list(filter_ids([3, 2, 1], index, "  ")) == [3, 2, 1]


@given(
    st.lists(st.tuples(st.text(), st.text(), st.text(), st.text()), max_size=20),
    st.text(min_size=1, max_size=4),
)
def test_the_index_agrees_with_a_plain_search(cases: list[tuple[str, str, str, str]], query: str) -> None:
    index = index_of(*cases)
    needle = fold(query.strip()).replace("\x00", " ")
    expected = {
        i + 1 for i, fields in enumerate(cases) if needle in search_text(*fields).replace("\x00", " ")
    }
    if not needle:
        expected = {i + 1 for i in range(len(cases))}
    assert index.matching(query) == expected


def test_placed_keeps_what_the_walk_keeps_in_the_same_order() -> None:
    # A small answer (under a tenth of the list) is sorted by place, a large one walked:
    # both give the list's order, and ids the list does not hold (closed or trashed
    # cases) are left out.
    ordered = array("q", [(n * 37) % 101 for n in range(1, 101)])
    placed = Placed(ordered)
    for found in ({9, 2}, {5}, set(), {999, 3, 40}, set(range(1, 60)), {1, 2, 3, 4, 5, 6, 7, 8, 9}):
        assert list(placed.keep(found)) == list(keep_found(ordered, found)), found
