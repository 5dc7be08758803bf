"""The filter: case-insensitive substring over provider, service, ticket and notes."""

from __future__ import annotations

from array import array

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.search import Ordered, fold, needle_of, search_text


def listed(*cases: tuple[str, str, str, str]) -> Ordered:
    """Cases 1, 2, 3… in that order, each with its search text."""
    return Ordered(array("q", range(1, len(cases) + 1)), [search_text(*fields) for fields in cases])


def found(ordered: Ordered, query: str) -> list[int]:
    return list(ordered.matching(query).ids)


def test_unicode_case_folding() -> None:
    ordered = listed(("Movistar Perú", "", "", ""), ("x", "Straße", "", ""), ("y", "", "", "中文 🎉"))
    assert found(ordered, "PERÚ") == [1]
    assert found(ordered, "strasse") == [2]
    assert found(ordered, "中文") == [3]
    assert found(ordered, "🎉") == [3]
    assert found(ordered, "peru") == [1]  # accents are optional
    assert found(ordered, "PERU") == [1]


def test_each_field_is_searched_and_only_whole_cases_match() -> None:
    ordered = listed(("Claro", "eSIM", "R-42", "called twice"), ("Entel", "line", "", ""))
    assert found(ordered, "r-42") == [1]
    assert found(ordered, "twice") == [1]
    assert found(ordered, "line") == [2]
    # The end of one case and the start of the next are not one text.
    assert found(ordered, "twiceentel") == []
    assert found(ordered, "e") == [1, 2]
    # Nor are two fields of one case.
    assert found(ordered, "claroesim") == []


def test_filter_keeps_the_order_given() -> None:
    texts = [search_text(*fields) for fields in (("c", "", "", ""), ("b1", "", "", ""), ("a1", "", "", ""))]
    ordered = Ordered(array("q", [3, 2, 1]), texts)
    assert list(ordered.matching("1").ids) == [2, 1]
    assert list(ordered.matching("  ").ids) == [3, 2, 1]


def test_narrowing_the_last_answer_finds_what_a_fresh_search_finds() -> None:
    ordered = listed(
        ("Claro", "", "", ""), ("Clarín", "", "", ""), ("Entel", "", "", ""), ("clara", "", "", "")
    )
    last = ordered.matching("cla")
    assert list(last.ids) == [1, 2, 4]
    assert list(last.matching("clar").ids) == [1, 2, 4]
    assert list(last.matching("claro").ids) == [1]
    assert list(last.matching("CLARÍN").ids) == [2]  # the texts of an answer are its cases'
    assert last.matching("  ") is last


def test_the_first_matches_stop_the_search_and_say_when_there_are_no_more() -> None:
    ordered = listed(
        *((name, "", "", "") for name in ("Claro", "Entel", "Clarín", "clara", "Bitel", "CLARO"))
    )
    top = ordered.first("cla", 2)
    assert list(top.ids) == [1, 3]  # two found: maybe more
    assert list(top.matching("clarin").ids) == [3]
    everything = ordered.first("cla", 10)
    assert list(everything.ids) == list(ordered.matching("cla").ids) == [1, 3, 4, 6]  # fewer: no more
    assert list(ordered.first("zzz", 5).ids) == []


def test_a_lone_surrogate_is_matched_as_itself() -> None:
    ordered = Ordered(array("q", [1, 2]), ["a\ud800b", "ab"])
    assert list(ordered.matching("\ud800").ids) == [1]
    assert list(ordered.matching("ab").ids) == [2]


@given(
    st.lists(st.tuples(st.text(), st.text(), st.text(), st.text()), max_size=20),
    st.text(min_size=1, max_size=4),
    st.text(max_size=2),
)
def test_the_filter_agrees_with_a_plain_search(
    cases: list[tuple[str, str, str, str]], query: str, more: str
) -> None:
    # The texts as the index holds them: a NUL is a space.
    texts = [search_text(*fields).replace("\x00", " ") for fields in cases]
    ordered = Ordered(array("q", range(1, len(cases) + 1)), texts)
    needle = needle_of(query)
    expected = [i + 1 for i, text in enumerate(texts) if needle in text]
    assert found(ordered, query) == expected
    # Typing more at the end looks only through the last answer, and finds the same.
    longer = query + more
    if needle in needle_of(longer):
        assert list(ordered.matching(query).matching(longer).ids) == found(ordered, longer)
    # The first matches are the answer's first ones.
    assert list(ordered.first(query, 3).ids) == expected[:3]


def test_places_of_an_index_answer_are_in_the_lists_order() -> None:
    # The index answers with ids in any order, closed or trashed ones (not in this list)
    # and ids newer than the list among them.
    ids = array("q", [(n * 37) % 101 for n in range(1, 101)])
    ordered = Ordered(ids)
    for answer in ({9, 2}, {5}, set(), {999, 3, 40, 0}, set(range(1, 60)), set(range(500))):
        expected = [i for i in ids if i in answer]
        assert list(ordered.keeping(answer).ids) == expected, answer


def test_fold_is_what_the_needle_is_made_of() -> None:
    assert needle_of("  Peña ") == fold("Peña") == "pena"
    assert needle_of("a\x00b") == "a b"


def test_places_of_sparse_or_negative_ids_need_no_table_as_large_as_the_highest() -> None:
    # Imported cases keep their numbers, which can be anything: no table of 10**12 places,
    # and a negative id is not taken for a place counted from the end.
    ids = array("q", [5, 10**12, 3, 2**62])
    ordered = Ordered(ids)
    assert list(ordered.keeping({3, 2**62, 7, -1}).ids) == [3, 2**62]
    dense = Ordered(array("q", [4, 2, 9]))
    assert list(dense.keeping({9, 4, -1, -3, 10**6}).ids) == [4, 9]
