"""Column widths for a table of cases: the whole width used, what matters kept whole.

A pure function of the columns, the widths their contents want and the width
there is, so it is tested without a screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.records import record


@record(frozen=True)
class Column:
    """How a column behaves when space is short or spare.

    ``label`` is marked with ``NP_("column", ...)`` and translated when shown.
    """

    label: str
    min: int = 1  # narrowest useful width (a cell's short form must fit it)
    max: int = 1000  # wider than this is never useful
    grow: int = 0  # share of the spare width, once every column has what it wants
    shrink: int = 0  # order in which columns give up width: lower gives first; 0 never
    drop: int = 0  # order in which columns disappear: lower goes first; 0 never
    right: bool = False  # numbers line up on the right


@record(frozen=True)
class Want:
    """What a column's contents ask for: their full width and their shortest form."""

    full: int
    short: int


def column_widths(columns: Sequence[Column], wants: Sequence[Want], width: int) -> list[int]:
    """A width for each column (0: hidden), filling ``width`` exactly when anything grows.

    Columns start at what their contents want. When that is too wide, columns
    give way in one order of steps: ``shrink`` N narrows a column towards its
    short form (the widest of a step first), ``drop`` N hides it. Spare width
    goes to the growing columns, the last of them taking the remainder, so no
    column of blanks is left on the right.
    """
    shown = [True] * len(columns)
    widths = [max(c.min, min(c.max, w.full)) for c, w in zip(columns, wants, strict=True)]
    floors = [
        max(c.min, min(w.short, widths[i])) for i, (c, w) in enumerate(zip(columns, wants, strict=True))
    ]

    def excess() -> int:
        used = [w for w, s in zip(widths, shown, strict=True) if s]
        return sum(used) + max(len(used) - 1, 0) - width

    steps: dict[tuple[int, int], list[int]] = {}
    for index, column in enumerate(columns):
        if column.shrink:
            steps.setdefault((column.shrink, 0), []).append(index)
        if column.drop:
            steps.setdefault((column.drop, 1), []).append(index)
    for (_, is_drop), indexes in sorted(steps.items()):
        if excess() <= 0:
            break
        if is_drop:
            for index in indexes:
                if excess() > 0:
                    shown[index] = False
            continue
        for index in indexes:
            # A column with a short form switches to it whole: half-way would only pad.
            if excess() > 0 and wants[index].short and shown[index]:
                widths[index] = floors[index]
        while excess() > 0:
            candidates = [i for i in indexes if shown[i] and widths[i] > floors[i]]
            if not candidates:
                break
            widest = max(candidates, key=lambda i: widths[i] - floors[i])
            widths[widest] -= 1
    if excess() > 0:
        # Nothing else gives: the free text takes the cut (with an ellipsis).
        for index in sorted((i for i, c in enumerate(columns) if c.grow and shown[i]), reverse=True):
            widths[index] = max(1, widths[index] - excess())
    spare = -excess()
    growing = [i for i, c in enumerate(columns) if c.grow and shown[i]]
    if spare > 0 and growing:
        weight = sum(columns[i].grow for i in growing)
        given = 0
        for index in growing:
            share = spare * columns[index].grow // weight
            widths[index] += share
            given += share
        widths[growing[-1]] += spare - given
    return [w if s else 0 for w, s in zip(widths, shown, strict=True)]
