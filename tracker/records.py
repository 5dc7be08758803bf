"""Value classes, declared as dataclasses are, made at a fraction of the cost.

``dataclasses`` imports ``inspect`` (and with it ``ast``, ``dis`` and
``tokenize``) and compiles four to six functions per class, one at a time: on
these machines that was about a seventh of every command's start-up. A record
is the part of that idea tracker uses: fields in the order they are declared,
each with a default or a default factory or neither, ``frozen=True`` for
values that never change, and ``__init__``, ``__repr__``, ``__eq__`` (and,
when frozen, ``__hash__`` and the guards against assignment) written as one
block of code per class. Type checkers read ``@record`` as ``@dataclass``
(PEP 681, ``dataclass_transform``).

Like a dataclass: a method the class defines itself is kept; a non-frozen
record compares by value and is unhashable; a frozen one hashes by value;
``replace`` makes a changed copy through ``__init__``. Unlike one, a record
does not inherit another record's fields (tracker has no such class).
"""

from __future__ import annotations

from collections.abc import Callable
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
def record(*, frozen: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(field_specifiers=(field, Field))
def record(cls: type[T] | None = None, /, *, frozen: bool = False) -> Any:
    """Make ``cls`` a record: ``@record`` or ``@record(frozen=True)``."""
    if cls is None:
        return lambda later: _make(later, frozen)
    return _make(cls, frozen)


_MUTABLE_DEFAULTS = (list, dict, set, bytearray)


def _make(cls: type[T], frozen: bool) -> type[T]:
    if any("__record_fields__" in base.__dict__ for base in cls.__mro__[1:]):
        raise TypeError(f"{cls.__name__}: a record does not inherit another record's fields")
    names: list[str] = []
    namespace: dict[str, Any] = {"MISSING": MISSING, "FrozenRecordError": FrozenRecordError}
    own = cls.__dict__.get("__annotations__", {})
    for name, annotation in own.items():
        if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
            continue
        if name not in names:
            names.append(name)
    parameters: list[str] = []
    assignments: list[str] = []
    assign = "object.__setattr__(self, {name!r}, {value})" if frozen else "self.{name} = {value}"
    for name in names:
        declared = cls.__dict__.get(name, MISSING)
        value = name
        if isinstance(declared, Field):
            if declared.default_factory is not None:
                namespace[f"factory_{name}"] = declared.default_factory
                parameters.append(f"{name}=MISSING")
                value = f"factory_{name}() if {name} is MISSING else {name}"
                delattr(cls, name)
            elif declared.default is not MISSING:
                namespace[f"default_{name}"] = declared.default
                parameters.append(f"{name}=default_{name}")
                setattr(cls, name, declared.default)
            else:
                parameters.append(name)
                delattr(cls, name)
        elif declared is not MISSING:
            if isinstance(declared, _MUTABLE_DEFAULTS):
                raise ValueError(f"{cls.__name__}.{name}: a mutable default is shared; use default_factory")
            namespace[f"default_{name}"] = declared
            parameters.append(f"{name}=default_{name}")
        else:
            parameters.append(name)
        assignments.append(assign.format(name=name, value=value))
    mine = tuple(f"self.{name}" for name in names)
    theirs = tuple(f"other.{name}" for name in names)
    shown = ", ".join(f"{name}={{self.{name}!r}}" for name in names)
    lines = [
        f"def __init__(self, {', '.join(parameters)}):" if parameters else "def __init__(self):",
        *(f"    {line}" for line in assignments or ["pass"]),
        "def __repr__(self):",
        f"    return f'{{self.__class__.__qualname__}}({shown})'",
        "def __eq__(self, other):",
        "    if other.__class__ is self.__class__:",
        f"        return ({', '.join(mine)},) == ({', '.join(theirs)},)",
        "    return NotImplemented",
    ]
    if frozen:
        lines += [
            "def __setattr__(self, name, value):",
            "    raise FrozenRecordError(f'cannot assign to field {name!r}')",
            "def __delattr__(self, name):",
            "    raise FrozenRecordError(f'cannot delete field {name!r}')",
            "def __hash__(self):",
            f"    return hash(({', '.join(mine)},))",
        ]
    exec("\n".join(lines), namespace)  # noqa: S102 - code built above from the class's own field names
    methods = ["__init__", "__repr__", "__eq__"]
    if frozen:
        methods += ["__setattr__", "__delattr__", "__hash__"]
    for method in methods:
        if method in cls.__dict__:
            continue
        function = namespace[method]
        function.__qualname__ = f"{cls.__qualname__}.{method}"
        setattr(cls, method, function)
    made: Any = cls  # the attributes below are a record's, not the declared class's
    if not frozen and "__hash__" not in cls.__dict__:
        made.__hash__ = None  # compared by value, so not hashable
    made.__record_fields__ = tuple(names)
    setattr(made, "__match_args__", tuple(names))  # noqa: B010 - mypy refuses the plain assignment
    return cls
