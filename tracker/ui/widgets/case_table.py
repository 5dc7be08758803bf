"""A table of cases that renders only the rows in view.

It holds the ordered case ids (an array, even for 100,000 cases) and the rendered
rows it has been given; rows not loaded yet are asked for with
:class:`CaseTable.RowsWanted`, which the screen answers from a worker. Columns
take the widths their loaded contents want (see :mod:`tracker.ui.layout`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.events import Click, Resize
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tracker.display import cell_width
from tracker.i18n import pgettext
from tracker.ui import keys
from tracker.ui.layout import Column, Want, column_widths
from tracker.ui.painter import Painter
from tracker.ui.rows import Cell, Row
from tracker.ui.services import services
from tracker.ui.styles import MUTED


def column_title(column: Column) -> str:
    """A column's title in the reader's language (marked ``NP_("column", ...)``)."""
    return pgettext("column", column.label)


# How many rows beyond the visible ones to ask for, so moving the cursor rarely waits.
PREFETCH = 60


class CaseTable(ScrollView, can_focus=True):
    """Cursor over rows of cases; ``Heading`` entries (strings) group them."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.TABLE]

    COMPONENT_CLASSES = {"case-table--header", "case-table--cursor", "case-table--heading"}

    cursor = reactive(0, always_update=True)

    class RowsWanted(Message):
        """The table shows rows it does not have yet."""

        def __init__(self, table: CaseTable, case_ids: list[int]) -> None:
            super().__init__()
            self.table = table
            self.case_ids = case_ids

    class Highlighted(Message):
        """The cursor came to rest on a case."""

        def __init__(self, case_id: int) -> None:
            super().__init__()
            self.case_id = case_id

    class Chosen(Message):
        """Enter (or a double click) on a case."""

        def __init__(self, case_id: int) -> None:
            super().__init__()
            self.case_id = case_id

    def __init__(self, columns: Sequence[Column], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.entries: Sequence[int | str] = ()
        self.rows: dict[int, Row] = {}
        self._widths: list[int] = []
        self._wants: list[Want] = []
        self._asked: set[int] = set()
        self.empty_message = ""
        # Set once a row of cases has actually been rendered (what "painted" means).
        self.painted = False
        # Rendered lines by (case id, under the cursor, focused): most repaints reuse them.
        self._strips: dict[tuple[int, bool, bool], Strip] = {}
        self._strips_style: tuple[Style, str] | None = None
        self._painter: Painter | None = None

    # -- data ------------------------------------------------------------

    def set_entries(
        self, entries: Sequence[int | str], rows: dict[int, Row], keep: int | None = None
    ) -> None:
        """Replace the list; the cursor stays on case ``keep`` (or the same case) if present."""
        current = keep if keep is not None else self.current_case_id
        self.entries = entries
        self.rows = dict(rows)
        self._asked.clear()
        self._strips.clear()
        self._wants = []
        self._widths = []
        self._measure(self.rows.values())
        self.virtual_size = Size(self.size.width, len(entries) + 1)
        index = 0
        if current is not None:
            try:
                index = entries.index(current)
            except ValueError:
                index = min(self.cursor, max(len(entries) - 1, 0))
        self._move_to(self._skip_headings(index, 1))
        self.refresh()

    def update_rows(self, rows: dict[int, Row]) -> None:
        self.rows.update(rows)
        for key in [k for k in self._strips if k[0] in rows]:
            del self._strips[key]
        self._asked.difference_update(rows)
        self._measure(rows.values())
        self.refresh()

    def _measure(self, rows: Iterable[Row]) -> None:
        """Widen what the columns want to fit these rows (never narrowed until the next list)."""
        wants = self._wants or [Want(cell_width(column_title(c)), 0) for c in self.columns]
        before = list(wants)
        for row in rows:
            for index, cell in enumerate(row.cells[: len(wants)]):
                full = cell.full.cell_len
                short = cell.short.cell_len if cell.short is not None else 0
                want = wants[index]
                if full > want.full or short > want.short:
                    wants[index] = Want(max(full, want.full), max(short, want.short))
        self._wants = wants
        if wants != before:
            self._widths = []
            self._strips.clear()

    @property
    def current_case_id(self) -> int | None:
        if not self.entries or self.cursor >= len(self.entries):
            return None
        entry = self.entries[self.cursor]
        return entry if isinstance(entry, int) else None

    # -- cursor ------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(self.size.height - 2, 1)

    def _skip_headings(self, index: int, step: int) -> int:
        if not self.entries:
            return 0
        index = max(0, min(index, len(self.entries) - 1))
        probe = index
        while 0 <= probe < len(self.entries) and isinstance(self.entries[probe], str):
            probe += step
        if 0 <= probe < len(self.entries):
            return probe
        probe = index
        while 0 <= probe < len(self.entries) and isinstance(self.entries[probe], str):
            probe -= step
        return probe if 0 <= probe < len(self.entries) else index

    def _move_to(self, index: int) -> None:
        self.cursor = max(0, min(index, max(len(self.entries) - 1, 0)))

    def watch_cursor(self, old: int, new: int) -> None:
        # Keep the cursor in view: rows start on line 1, under the header.
        top = round(self.scroll_y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new > top + self._page - 1 + (0 if self.size.height > 1 else 1):
            self.scroll_to(y=new - self._page + 1, animate=False, immediate=True)
        self.refresh()
        if self.current_case_id is not None:
            self.post_message(self.Highlighted(self.current_case_id))

    def action_cursor(self, step: int) -> None:
        self._move_to(self._skip_headings(self.cursor + step, step))

    def action_page(self, direction: int) -> None:
        self._move_to(self._skip_headings(self.cursor + direction * self._page, direction))

    def action_jump(self, where: int) -> None:
        target = 0 if where == 0 else len(self.entries) - 1
        self._move_to(self._skip_headings(target, 1 if where == 0 else -1))

    def action_choose(self) -> None:
        if self.current_case_id is not None:
            self.post_message(self.Chosen(self.current_case_id))

    def on_click(self, event: Click) -> None:
        if event.y == 0:
            return
        index = round(self.scroll_y) + event.y - 1
        if 0 <= index < len(self.entries) and isinstance(self.entries[index], int):
            already = index == self.cursor
            self._move_to(index)
            if already or event.chain > 1:
                self.action_choose()

    # -- layout and rendering ----------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._widths = []
        self._strips.clear()
        self.virtual_size = Size(event.size.width, len(self.entries) + 1)

    def layout_widths(self) -> list[int]:
        """The width of each column as drawn now (0: not shown at this size)."""
        if not self._widths:
            wants = self._wants or [Want(cell_width(column_title(c)), 0) for c in self.columns]
            self._widths = column_widths(self.columns, wants, self.scrollable_content_region.width)
        return self._widths

    def _line(
        self, cells: Sequence[Cell], widths: list[int], style: Style, cursor: Style | None = None
    ) -> Strip:
        """One line of cells; on the cursor row, text takes the cursor's colour (badges keep theirs)."""
        painter = self._painter
        assert painter is not None
        segments: list[Segment] = []
        first = True
        over = Style(color=cursor.color) if cursor is not None else None
        for index, (column, cell, width) in enumerate(zip(self.columns, cells, widths, strict=False)):
            if width <= 0:
                continue
            if not first:
                segments.append(Segment(" ", style))
            first = False
            # One form per column: short everywhere once the widest full form does not fit.
            whole = index >= len(self._wants) or self._wants[index].full <= width
            chosen = cell.full if cell.short is None or whole else cell.short
            text = painter.text(chosen)
            text.truncate(width, overflow="ellipsis")
            text.align("right" if column.right else "left", width)
            for piece in text.render(self.app.console):
                if piece.text == "\n":
                    continue
                piece_style = style + piece.style if piece.style else style
                if over is not None and (piece.style is None or piece.style.bgcolor is None):
                    piece_style += over
                segments.append(Segment(piece.text, piece_style))
        line_width = self.scrollable_content_region.width
        return Strip(segments).adjust_cell_length(line_width, style).crop(0, line_width)

    def _spanning(self, text: Text, style: Style) -> Strip:
        """A line across every column: a group heading, or the empty-table message."""
        assert self._painter is not None
        line = self._painter.text(text)
        width = self.scrollable_content_region.width
        line.truncate(width, overflow="ellipsis", pad=True)
        segments = [
            Segment(s.text, style + s.style if s.style else style)
            for s in line.render(self.app.console)
            if s.text != "\n"
        ]
        return Strip(segments).adjust_cell_length(width, style).crop(0, width)

    def render_line(self, y: int) -> Strip:
        widths = self.layout_widths()
        base = self.rich_style
        theme = self.app.theme
        if (base, theme) != self._strips_style:
            self._strips.clear()  # a new theme: the cached lines have the old colours
            self._strips_style = (base, theme)
            self._painter = services(self).painter(base.bgcolor)
        if y == 0:
            header = self.get_component_rich_style("case-table--header")
            labels = [Cell(Text(column_title(c))) for c in self.columns]
            return self._line(labels, widths, base + header)
        index = round(self.scroll_y) + y - 1
        if not self.entries:
            if y == 1:
                return self._spanning(Text(self.empty_message, style=MUTED), base)
            return Strip.blank(self.scrollable_content_region.width, base)
        if index >= len(self.entries):
            return Strip.blank(self.scrollable_content_region.width, base)
        entry = self.entries[index]
        if isinstance(entry, str):
            heading = self.get_component_rich_style("case-table--heading")
            return self._spanning(Text(entry), base + heading)
        on_cursor = index == self.cursor
        key = (entry, on_cursor, self.has_focus)
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        style = base
        cursor = None
        if on_cursor:
            cursor = self.get_component_rich_style("case-table--cursor")
            style = base + cursor
        row = self.rows.get(entry)
        if row is None:
            self._want_rows(index)
            return self._line([Cell(Text("…", style=MUTED))], widths, style, cursor)
        self.painted = True
        if len(self._strips) > 4 * max(self.size.height, 50):
            self._strips.clear()  # bounded: a few screens' worth
        strip = self._strips[key] = self._line(row.cells, widths, style, cursor)
        return strip

    def _want_rows(self, index: int) -> None:
        start = max(0, index - PREFETCH)
        end = min(len(self.entries), index + self.size.height + PREFETCH)
        wanted = [
            e
            for e in self.entries[start:end]
            if isinstance(e, int) and e not in self.rows and e not in self._asked
        ]
        if wanted:
            self._asked.update(wanted)
            self.post_message(self.RowsWanted(self, wanted))
