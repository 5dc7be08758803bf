"""tracker.records: what the value classes promise, the promises of dataclasses they replace."""

from __future__ import annotations

import copy

import pytest

from tracker.records import FrozenRecordError, field, fields, record, replace


@record(frozen=True)
class Point:
    """A frozen record with a required field, a default and a default factory."""

    x: int
    label: str = "origin"
    tags: tuple[str, ...] = field(default=())


@record
class Basket:
    """A mutable record whose list is made fresh for each instance."""

    owner: str
    items: list[str] = field(default_factory=list)
    note: str = field(default="")


def test_fields_in_declared_order_with_defaults() -> None:
    assert fields(Point) == ("x", "label", "tags")
    assert Point(1) == Point(1, "origin", ())
    assert Point.__match_args__ == ("x", "label", "tags")
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]


def test_each_instance_gets_its_own_default_list() -> None:
    first, second = Basket("a"), Basket("b")
    first.items.append("bread")
    assert second.items == []
    assert "items" not in Basket.__dict__  # no shared default left on the class


def test_equality_by_value_and_only_within_a_class() -> None:
    assert Basket("a", ["x"]) == Basket("a", ["x"])
    assert Basket("a", ["x"]) != Basket("a", ["y"])
    # The point: a record never equals a tuple of its fields, which mypy knows too.
    assert Basket("a") != ("a", [], "")  # type: ignore[comparison-overlap]
    assert Basket.__hash__ is None  # mutable and compared by value: not hashable


def test_frozen_records_refuse_assignment_and_hash_by_value() -> None:
    point = Point(1)
    with pytest.raises(FrozenRecordError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenRecordError):
        del point.label
    assert isinstance(FrozenRecordError(), AttributeError)
    assert hash(Point(1, "a")) == hash(Point(1, "a"))
    assert {Point(1), Point(1)} == {Point(1)}


def test_replace_copies_through_init() -> None:
    point = Point(1, "a", ("t",))
    moved = replace(point, x=5)
    assert moved == Point(5, "a", ("t",))
    assert point == Point(1, "a", ("t",))
    with pytest.raises(TypeError):
        replace(point, nope=1)


def test_repr_and_copies() -> None:
    assert repr(Basket("a", ["x"])) == "Basket(owner='a', items=['x'], note='')"
    frozen = Point(1)
    assert copy.copy(frozen) == frozen
    deep = copy.deepcopy(Basket("a", ["x"]))
    assert deep == Basket("a", ["x"])


def test_a_method_the_class_defines_is_kept() -> None:
    @record
    class Shown:
        """Its own repr."""

        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"

    assert repr(Shown("n")) == "<n>"


def test_mutable_plain_defaults_are_refused() -> None:
    with pytest.raises(ValueError, match="default_factory"):

        @record
        class Shared:
            """A list shared by every instance would be a bug."""

            items: list[str] = []


def test_a_record_does_not_inherit_another_records_fields() -> None:
    with pytest.raises(TypeError):

        @record
        class Labelled(Basket):
            """Fields from a base record are not supported."""

            label: str = ""


def test_records_of_one_field_and_of_none_compare_and_hash_by_value() -> None:
    @record(frozen=True)
    class Single:
        """One field: its values are still a tuple."""

        value: str

    @record(frozen=True)
    class Empty:
        """No field at all."""

    assert Single("a") == Single("a") != Single("b")
    assert hash(Single("a")) == hash(("a",))
    assert repr(Single("a")) == f"{Single.__qualname__}(value='a')"
    assert Empty() == Empty()
    assert hash(Empty()) == hash(())
    assert repr(Empty()) == f"{Empty.__qualname__}()"


def test_a_frozen_record_with_its_own_eq_still_hashes_by_value() -> None:
    @record(frozen=True)
    class Named:
        """Compares names case-insensitively, as dataclasses allow."""

        name: str

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Named) and self.name.lower() == other.name.lower()

    assert Named("A") == Named("a")
    assert hash(Named("a")) == hash(("a",))


def test_field_names_cannot_clash_with_the_generated_init() -> None:
    @record(frozen=True)
    class Odd:
        """Field names that the generated __init__ must not mistake for its own."""

        self: int
        object: int = 0
        MISSING: list[int] = field(default_factory=list)
        factory_MISSING: int = 5

    odd = Odd(1, 2, [3])
    assert (odd.self, odd.object, odd.MISSING, odd.factory_MISSING) == (1, 2, [3], 5)
    assert Odd(1).MISSING == []


def test_unhashable_defaults_are_refused_as_dataclasses_refuse_them() -> None:
    with pytest.raises(ValueError, match="default_factory"):

        @record
        class Shared:
            """A list given through field(default=...) is still shared."""

            items: list[str] = field(default=[])


def test_a_record_inherits_from_no_class_at_all() -> None:
    class Base:
        pass

    with pytest.raises(TypeError, match=r"Derived: a record inherits from nothing \(not Base\)"):

        @record
        class Derived(Base):
            name: str = ""


def test_a_record_refuses_post_init() -> None:
    with pytest.raises(TypeError, match="Checked: a record has no __post_init__"):

        @record(frozen=True)
        class Checked:
            amount: int = 0

            def __post_init__(self) -> None:
                pass


def test_a_record_refuses_kw_only() -> None:
    with pytest.raises(TypeError, match="record\\(\\) takes only frozen, not kw_only"):

        @record(kw_only=True)
        class Keyed:
            name: str = ""
