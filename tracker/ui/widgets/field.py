"""A labelled form field on one line, with its error message right under it."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, Static

from tracker.ui.widgets.safe_text import SafeInput


class FieldInput(SafeInput):
    """An input that hands pasted text with tabs to its form, one part per field, and never
    sends what it holds to the terminal raw (see :mod:`tracker.ui.widgets.safe_text`)."""

    class Spread(Message):
        """Pasted text with tabs in it: the parts go to this field and the ones after it."""

        def __init__(self, parts: list[str]) -> None:
            super().__init__()
            self.parts = parts

    def on_paste(self, event: events.Paste) -> None:
        if "\t" in event.text.splitlines()[0] if event.text else False:
            event.prevent_default()
            event.stop()
            self.post_message(self.Spread(event.text.splitlines()[0].split("\t")))


class Field(Vertical):
    """Label and input side by side, and a line for what is wrong with the value."""

    DEFAULT_CSS = """
    Field { height: auto; }
    Field > Horizontal { height: auto; }
    Field .field--label { width: 18; color: $text-muted; padding: 0 1 0 0; }
    Field > Horizontal > .field--input { width: 1fr; }
    Field > Horizontal > .field--input:focus { background: $primary-muted; }
    Field:focus-within .field--label { color: $foreground; text-style: bold; }
    Field > .field--error { color: $text-error; height: auto; display: none; padding-left: 18; }
    Field > .field--note { color: $text-muted; height: auto; padding-left: 18; }
    Field.-invalid > .field--error { display: block; }
    """

    def __init__(self, label: str, widget: Widget, *, hint: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.widget = widget
        self.hint = hint
        widget.add_class("field--input")
        if hasattr(widget, "compact"):
            widget.compact = True

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label, classes="field--label", markup=False)
            yield self.widget
        yield Static("", classes="field--error", markup=False)

    def set_error(self, message: str | None) -> None:
        hint = f" ({self.hint})" if self.hint and message and self.hint not in message else ""
        text = f"⚠ {message}{hint}" if message else ""
        self.query_one(".field--error", Static).update(text)
        self.set_class(bool(message), "-invalid")

    def relabel(self, label: str) -> None:
        """Name the field anew (the same input means another thing in another kind of case)."""
        if label != self.label:
            self.label = label
            self.query_one(".field--label", Label).update(label)

    @property
    def error(self) -> str:
        if not self.has_class("-invalid"):
            return ""
        return str(self.query_one(".field--error", Static).render())
