"""The account holder the letters name (``[me]`` in config.toml), as a form."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from tracker.config import Holder
from tracker.display import literal
from tracker.domain.errors import TrackerError
from tracker.i18n import N_, _
from tracker.ui import keys
from tracker.ui.jobs import run_job
from tracker.ui.screens.base import TrackerModal
from tracker.ui.screens.form import FormBehaviour
from tracker.ui.services import services
from tracker.ui.widgets.field import Field, FieldInput
from tracker.ui.widgets.footer import FittingFooter
from tracker.wording.holder import holder_label

# The text fields, in the order a letter names them; gender is a choice.
TEXT_KEYS = ("name", "document_type", "document", "address", "city", "email", "phone")


class HolderScreen(FormBehaviour, TrackerModal[Holder | None]):
    """Dismisses with the holder as saved, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.FORM]
    DISCARD_QUESTION = N_("Discard these changes?")
    DISCARD_DETAIL = N_("config.toml is left as it is.")

    def compose(self) -> ComposeResult:
        holder = services(self).tracker.config.me
        with Vertical(id="dialog", classes="wide"):
            yield Static(_("Your data for the letters (in Spanish)"), classes="dialog-title", markup=False)
            for key in TEXT_KEYS:
                required = " *" if key in ("name", "document", "address", "city") else ""
                yield Field(
                    holder_label(key).capitalize() + required,
                    FieldInput(literal(getattr(holder, key)), id=key),
                )
            yield Field(
                holder_label("gender").capitalize(),
                Select(
                    [(_("identificada (f)"), "f"), (_("identificado (m)"), "m"), (_("identificado(a)"), "")],
                    value=holder.gender,
                    allow_blank=False,
                    id="gender",
                ),
            )
            yield Static(
                _("With an e-mail, the letters authorise notification by e-mail. * a letter needs it."),
                classes="note",
                markup=False,
            )
            yield self.keys_note(_("{save} saves it in config.toml"))
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self.remember_initial()

    def action_save(self) -> None:
        if self.saving:
            return
        typed = {key: self.query_one(f"#{key}", Input).value.strip() for key in TEXT_KEYS}
        gender = self.query_one("#gender", Select).value
        typed["gender"] = gender if isinstance(gender, str) else ""
        tracker = services(self).tracker
        # Only what changed is written: the file keeps the user's lines for the rest.
        values = {key: value for key, value in typed.items() if value != getattr(tracker.config.me, key)}
        if not values:
            self.dismiss(None)
            return
        self.saving = True
        run_job(
            self,
            lambda: tracker.set_holder(values),
            self._saved,
            refused=self._refused,
            failed=self.save_failed,
        )

    def _saved(self, holder: Holder) -> None:
        self.saving = False
        self.notify(_("Saved in config.toml."), markup=False)
        self.dismiss(holder)

    def _refused(self, error: TrackerError) -> None:
        self.saving = False
        self.notify(literal(str(error)), severity="error", markup=False)
