"""A labelled form field with its error message beside it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


class Field(Vertical):
    """Label, input widget, and a line for what is wrong with the value."""

    DEFAULT_CSS = """
    Field { height: auto; margin: 0 0 1 0; }
    Field > .field--label { color: $text-muted; }
    Field > .field--error { color: $error; height: auto; display: none; }
    Field.-invalid > .field--error { display: block; }
    Field > .field--hint { color: $text-muted; height: auto; }
    """

    def __init__(self, label: str, widget: Widget, *, hint: str = "", name: str | None = None,
                 id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.label = label
        self.widget = widget
        self.hint = hint

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field--label")
        yield self.widget
        yield Static("", classes="field--error", markup=False)
        if self.hint:
            yield Static(self.hint, classes="field--hint", markup=False)

    def set_error(self, message: str | None) -> None:
        self.query_one(".field--error", Static).update(f"⚠ {message}" if message else "")
        self.set_class(bool(message), "-invalid")

    @property
    def error(self) -> str:
        return str(self.query_one(".field--error", Static).render()) if self.has_class(
            "-invalid") else ""
