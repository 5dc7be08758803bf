"""The Glossary tab of Help: the Peruvian terms by group, each explained (tracker.wording.glossary)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tracker.wording import glossary

if TYPE_CHECKING:
    from tracker.domain.rules import RuleBook
    from tracker.wording.glossary import Term


def term_id(term: Term) -> str:
    """The widget id of a term's entry (its place in the table: Spanish names have spaces)."""
    return f"term-{glossary.TERMS.index(term)}"


def term_text(term: Term, book: RuleBook | None, today: date, chosen: bool) -> Text:
    """A term's entry: its heading in Spanish with the reader's word (standing out when it is
    the one asked for), then what it means."""
    text = Text(glossary.heading(term), style="bold reverse" if chosen else "bold")
    text.append("\n")
    text.append(glossary.explanation(term, book, today))
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
                entry = Static(term_text(term, self.book, self.today, term == self.chosen), id=term_id(term))
                entry.add_class("glossary-term")
                yield entry

    def show_term(self, term: Term) -> None:
        """Scroll so that ``term`` is at the top, once the entries are laid out."""
        entry = self.query_one(f"#{term_id(term)}", Static)
        self.call_after_refresh(lambda: self.scroll_to_widget(entry, animate=False, top=True))
