"""Value classes, declared as dataclasses are, made at a fraction of the cost.

``dataclasses`` imports ``inspect`` (and with it ``ast``, ``dis`` and
``tokenize``) and compiles four to six functions per class, one at a time: a
large share of every command's start-up (``python -m tests.bench.commands``). A record
is the part of that idea tracker uses: fields in the order they are declared,
each with a default or a default factory or neither, ``frozen=True`` for
values that never change, an ``__init__`` written for each class (one small
compile), and ``__repr__``, ``__eq__`` (and, when frozen, ``__hash__`` and the
guards against assignment) shared by every record. Type checkers read
``@record`` as ``@dataclass`` (PEP 681, ``dataclass_transform``).

Like a dataclass: a method the class defines itself is kept; a non-frozen
record compares by value and is unhashable; a frozen one hashes by value;
``replace`` makes a changed copy through ``__init__``.

The feature set is frozen at that: a record has no base class but ``object``, no
``__post_init__`` and no ``kw_only``, and asking for one is a ``TypeError`` when the
class is made. A class that needs more is a plain class; the start-up figures that
made records worth having are measured in ``tests/bench``.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class FrozenRecordError(AttributeError):
    """An assignment to a field of a frozen record."""


class Field:
    """What ``field()`` declares: a default, or a factory that makes one per instance."""

    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any, default_factory: Callable[[], Any] | None) -> None:
        self.default = default
        self.default_factory = default_factory


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] | None = None) -> Any:
    """A field's default (``default=``) or a factory for a fresh one per instance (``default_factory=``)."""
    if default is not MISSING and default_factory is not None:
        raise ValueError("a field has a default or a default factory, not both")
    return Field(default, default_factory)


def fields(value: object) -> tuple[str, ...]:
    """The names of a record's fields, in order (of an instance or of the class)."""
    names: tuple[str, ...] = value.__record_fields__  # type: ignore[attr-defined]
    return names


def replace(value: T, /, **changes: Any) -> T:
    """A copy of a record with some fields changed, made through its ``__init__``."""
    for name in fields(value):
        if name not in changes:
            changes[name] = getattr(value, name)
    return value.__class__(**changes)


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, frozen: bool = False, **unsupported: object) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(field_specifiers=(field, Field))
def record(cls: type[T] | None = None, /, *, frozen: bool = False, **unsupported: object) -> Any:
    """Make ``cls`` a record: ``@record`` or ``@record(frozen=True)``."""
    if unsupported:
        # kw_only, slots, order...: dataclasses' options, which records do not take.
        raise TypeError(
            f"record() takes only frozen, not {', '.join(sorted(unsupported))}: "
            "a class that needs more is a plain class"
        )
    if cls is None:
        return lambda later: _make(later, frozen)
    return _make(cls, frozen)


def _make(cls: type[T], frozen: bool) -> type[T]:
    if any("__record_fields__" in base.__dict__ for base in cls.__mro__[1:]):
        raise TypeError(f"{cls.__name__}: a record does not inherit another record's fields")
    if cls.__bases__ != (object,):
        bases = ", ".join(base.__name__ for base in cls.__bases__)
        raise TypeError(f"{cls.__name__}: a record inherits from nothing (not {bases}); use a plain class")
    if "__post_init__" in cls.__dict__:
        raise TypeError(f"{cls.__name__}: a record has no __post_init__; use a plain class")
    annotations = cls.__dict__.get("__annotations__", {})
    names = [name for name, annotation in annotations.items() if not _is_class_var(annotation)]
    # Every name of the generated __init__'s own starts with two underscores, which no
    # field's may: a field can be called "self", "object" or "MISSING".
    namespace: dict[str, Any] = {"__MISSING": MISSING, "__set": object.__setattr__}
    parameters: list[str] = []
    assignments: list[str] = []
    assign = "__set(__self, {name!r}, {value})" if frozen else "__self.{name} = {value}"
    for name in names:
        if name.startswith("__"):
            raise TypeError(f"{cls.__name__}.{name}: a field's name may not start with two underscores")
        declared = cls.__dict__.get(name, MISSING)
        default, factory = (
            (declared.default, declared.default_factory) if isinstance(declared, Field) else (declared, None)
        )
        value = name
        if factory is not None:
            namespace[f"__factory_{name}"] = factory
            parameters.append(f"{name}=__MISSING")
            value = f"__factory_{name}() if {name} is __MISSING else {name}"
        elif default is not MISSING:
            # As dataclasses: an unhashable default (a list, a dict, a mutable record) would
            # be one object shared by every instance.
            if type(default).__hash__ is None:
                raise ValueError(f"{cls.__name__}.{name}: a mutable default is shared; use default_factory")
            namespace[f"__default_{name}"] = default
            parameters.append(f"{name}=__default_{name}")
        else:
            parameters.append(name)
        if factory is None and default is not MISSING:
            setattr(cls, name, default)
        elif name in cls.__dict__:
            delattr(cls, name)
        assignments.append(assign.format(name=name, value=value))
    source = [
        f"def __init__(__self, {', '.join(parameters)}):" if parameters else "def __init__(__self):",
        *(f"    {line}" for line in assignments or ["pass"]),
    ]
    exec("\n".join(source), namespace)  # code built above from the class's own field names
    namespace["__init__"].__qualname__ = f"{cls.__qualname__}.__init__"
    methods: dict[str, Any] = {"__init__": namespace["__init__"], "__repr__": _repr, "__eq__": _eq}
    # As dataclasses: the class's own __hash__ counts only when it wrote one (Python sets
    # it to None by itself in a class that defines __eq__).
    own_hash = cls.__dict__.get("__hash__", MISSING)
    wrote_hash = not (own_hash is MISSING or (own_hash is None and "__eq__" in cls.__dict__))
    if frozen:
        for guard in ("__setattr__", "__delattr__"):
            if guard in cls.__dict__:
                raise TypeError(f"{cls.__name__}: a frozen record cannot define {guard}")
        methods.update(__setattr__=_refuse_assignment, __delattr__=_refuse_deletion)
        if not wrote_hash:
            methods["__hash__"] = _hash
    elif not wrote_hash:
        methods["__hash__"] = None  # compared by value, so not hashable
    for method, function in methods.items():
        if method not in cls.__dict__ or (method == "__hash__" and not wrote_hash):
            setattr(cls, method, function)
    made: Any = cls  # the attributes below are a record's, not the declared class's
    made.__record_fields__ = tuple(names)
    made.__record_values__ = _values_of(tuple(names))
    if "__match_args__" not in cls.__dict__:
        setattr(made, "__match_args__", tuple(names))  # noqa: B010 - mypy refuses the plain assignment
    return cls


def _is_class_var(annotation: object) -> bool:
    """``ClassVar[...]``, however typing was imported (``ClassVar``, ``typing.ClassVar``, ``t.ClassVar``)."""
    return str(annotation).split("[", 1)[0].rsplit(".", 1)[-1].strip() == "ClassVar"


# Shared by every record: only ``__init__`` is written for each class, so that making
# a class costs one small compile. They read the fields through ``__record_values__``,
# an ``operator.attrgetter`` (C code) that gives the field values as a tuple, read from
# the class (a function read from an instance would be bound to it).


def _values_of(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    if len(names) == 1:
        (name,) = names
        return lambda value: (getattr(value, name),)
    if not names:
        return lambda value: ()
    return attrgetter(*names)


def _eq(self: Any, other: Any) -> Any:  # a bool, or NotImplemented for another class
    if other.__class__ is self.__class__:
        return self.__class__.__record_values__(self) == self.__class__.__record_values__(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self.__class__.__record_values__(self))


def _repr(self: Any) -> str:
    shown = ", ".join(
        f"{name}={value!r}"
        for name, value in zip(self.__record_fields__, self.__class__.__record_values__(self), strict=True)
    )
    return f"{self.__class__.__qualname__}({shown})"


def _refuse_assignment(self: Any, name: str, value: object) -> None:
    raise FrozenRecordError(f"cannot assign to field {name!r}")


def _refuse_deletion(self: Any, name: str) -> None:
    raise FrozenRecordError(f"cannot delete field {name!r}")
