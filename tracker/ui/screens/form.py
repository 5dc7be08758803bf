"""What the forms share: nothing typed is lost without asking, and fast typing lands right."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from textual.screen import Screen
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from tracker.domain.dates import parse_date
from tracker.domain.errors import InvalidInput
from tracker.i18n import _
from tracker.ui.services import services
from tracker.ui.widgets.field import FieldInput


class FormBehaviour:
    """Mixin for a screen with fields: it remembers what they held when it opened.

    Escape (``action_cancel``) closes at once when nothing was typed, else asks;
    quitting asks too (the app looks for :meth:`has_unsaved_typing`).
    """

    DISCARD_QUESTION = ""  # marked N_; translated when asked
    DISCARD_DETAIL = ""

    _initial: tuple[Any, ...] = ()
    saving = False  # a save is on its way: another ctrl+s waits for it

    def keys_note(self, saves: str) -> Static:
        """The line that says which keys save and cancel (``saves``: "{save} logs it", ...)."""
        hub = services(self._form)
        text = _("{saves} · {cancel} cancels").format(
            saves=saves.format(save=hub.key_hint("form.save")), cancel=hub.key_hint("form.cancel")
        )
        return Static(text, classes="note", markup=False)

    def typed_date(self, name: str, errors: dict[str, str]) -> date | None:
        """The date typed in the input ``name`` (None when empty); what is wrong with it goes
        to ``errors`` under that name."""
        text = self._form.query_one(f"#{name}", Input).value
        if not text.strip():
            return None
        try:
            return parse_date(text, services(self._form).tracker.today(), name)
        except InvalidInput as exc:
            errors[name] = str(exc)
            return None

    def save_failed(self, _error: BaseException) -> None:
        """The save did not happen (the app has said why): the form can be saved again."""
        self.saving = False

    @property
    def _form(self) -> Screen[Any]:
        return cast("Screen[Any]", self)

    def typed_values(self) -> tuple[Any, ...]:
        """Everything the user can type or pick, in a comparable form."""
        screen = self._form
        values: list[Any] = [i.value for i in screen.query(Input)]
        values += [s.value for s in screen.query(Select)]
        values += [t.text for t in screen.query(TextArea)]
        values += [c.value for c in screen.query(Checkbox)]
        return tuple(values)

    def remember_initial(self) -> None:
        self._initial = self.typed_values()

    def has_unsaved_typing(self) -> bool:
        return self.typed_values() != self._initial

    def action_cancel(self) -> None:
        from tracker.ui.screens.confirm import ConfirmScreen

        screen = self._form
        if not self.has_unsaved_typing():
            screen.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                screen.dismiss(None)

        screen.app.push_screen(
            ConfirmScreen(_(self.DISCARD_QUESTION), _(self.DISCARD_DETAIL), _("Discard")), answered
        )

    def on_field_input_spread(self, message: FieldInput.Spread) -> None:
        """Pasted "Entel<tab>Postpago": each part into the next field, as if typed with Tab."""
        screen = self._form
        for index, part in enumerate(message.parts):
            if index:
                screen.focus_next()
            widget = screen.focused
            if isinstance(widget, Input):
                widget.insert_text_at_cursor(part)
            elif isinstance(widget, TextArea):
                widget.insert(part)
