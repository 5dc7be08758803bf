"""The Glossary tab of Help: the Peruvian terms by group, each explained (tracker.wording.glossary)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from tracker.wording import glossary

if TYPE_CHECKING:
    from tracker.domain.rules import RuleBook
    from tracker.wording.glossary import Term


def term_id(term: Term) -> str:
    """The widget id of a term's entry (its place in the table: Spanish names have spaces)."""
    return f"term-{glossary.TERMS.index(term)}"


class GlossaryEntry(Widget):
    """One term: its heading in Spanish with the reader's word (standing out when it is the one
    asked for), then what it means, wrapped as the reader's language breaks lines (Chinese
    between characters, never inside a number or a citation), which Rich's wrapping does not."""

    def __init__(self, term: Term, explanation: str, chosen: bool) -> None:
        super().__init__(id=term_id(term), classes="glossary-term")
        self.heading = glossary.heading(term)
        self.explanation = explanation
        self.chosen = chosen

    def _lines(self, width: int) -> list[str]:
        return glossary.wrapped(self.explanation, max(width, 10))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + len(self._lines(width))

    def render(self) -> Text:
        text = Text(self.heading, style="bold reverse" if self.chosen else "bold")
        for line in self._lines(self.content_size.width):
            text.append("\n" + line)
        text.no_wrap = True
        return text


class GlossaryView(VerticalScroll):
    """Every term, scrollable; :meth:`show_term` brings one to the top."""

    def __init__(
        self, book: RuleBook | None, today: date, chosen: Term | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.book, self.today, self.chosen = book, today, chosen

    def compose(self) -> ComposeResult:
        for group, terms in glossary.grouped():
            yield Static(group, classes="section", markup=False)
            for term in terms:
                yield GlossaryEntry(
                    term, glossary.explanation(term, self.book, self.today), term == self.chosen
                )

    def show_term(self, term: Term) -> None:
        """Scroll so that ``term`` is at the top, once the entries are laid out."""
        entry = self.query_one(f"#{term_id(term)}", GlossaryEntry)
        self.call_after_refresh(lambda: self.scroll_to_widget(entry, animate=False, top=True))
