"""Why a required check does not apply: the note it needs before it can be n/a."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tracker.display import literal
from tracker.domain.model import Check
from tracker.i18n import N_, _
from tracker.ui import keys
from tracker.ui.screens.base import TrackerModal
from tracker.ui.screens.form import FormBehaviour
from tracker.ui.widgets.field import Field, FieldInput
from tracker.ui.widgets.footer import FittingFooter
from tracker.wording.terms import check_label


class NotApplicableNoteScreen(FormBehaviour, TrackerModal[str | None]):
    """Dismisses with the note (not empty), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.FORM]
    DISCARD_QUESTION = N_("Discard this note?")
    DISCARD_DETAIL = N_("The check is not marked n/a.")

    def __init__(self, check: Check) -> None:
        super().__init__()
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            yield Static(
                _("{check} is required: why does it not apply to this case?").format(
                    check=literal(check_label(self.check.name))
                ),
                classes="dialog-title",
                markup=False,
            )
            yield Field(_("Note *"), FieldInput(placeholder=_("e.g. no watch was ever paired"), id="note"))
            yield self.keys_note(_("{save} marks it n/a"))
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()
        self.remember_initial()

    @on(Input.Submitted, "#note")
    def action_save(self) -> None:
        note = self.query_one("#note", Input).value.strip()
        if not note:
            self.query_one("#note").query_ancestor(Field).set_error(_("say why it does not apply"))
            return
        self.dismiss(note)
