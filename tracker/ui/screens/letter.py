"""Write a letter (reclamo, queja, apelación) in Spanish from the Case screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tracker.display import headline, literal
from tracker.domain.errors import TrackerError
from tracker.domain.model import Case, StageKind
from tracker.i18n import _
from tracker.i18n.terms import stage_name

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp

LETTERS = (StageKind.RECLAMO, StageKind.QUEJA, StageKind.APELACION)


class LetterScreen(ModalScreen[None]):
    """Pick a letter; it is written as Markdown in the exports folder, and the notice says where."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="form.cancel")]

    def __init__(self, case: Case, suggested: StageKind | None) -> None:
        super().__init__()
        self.case = case
        self.suggested = suggested

    @property
    def tapp(self) -> TrackerApp:
        return cast("TrackerApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                _("Write a letter (in Spanish) — case {id}, {provider}").format(
                    id=self.case.id, provider=headline(self.case.provider)
                ),
                classes="dialog-title",
                markup=False,
            )
            yield OptionList(*[Option(stage_name(kind), id=kind.value) for kind in LETTERS], id="letters")
            yield Static(_("Not legal advice: read it through before sending it."), markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        letters = self.query_one("#letters", OptionList)
        letters.focus()
        if self.suggested in LETTERS:
            letters.highlighted = LETTERS.index(self.suggested)

    @on(OptionList.OptionSelected, "#letters")
    async def chosen(self, event: OptionList.OptionSelected) -> None:
        from tracker.exchange.letters import write_letter

        kind = StageKind(str(event.option.id))
        try:
            path = await self.tapp.db(write_letter, self.tapp.tracker, self.case, kind)
        except TrackerError as exc:
            self.notify(literal(str(exc)), title=_("No letter"), severity="error", markup=False)
            return
        self.notify(_("Letter written to {path}").format(path=path), markup=False)
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
