"""The letter chosen in the letter dialog, shown as `tracker letter ID KIND --format txt`
prints it before anything is written: `t` switches to the reading aid (each Spanish
paragraph followed by its meaning, as `--explain` prints it), `w` writes what is shown into
the exports folder."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from tracker.display import headline, literal
from tracker.domain.errors import TrackerError
from tracker.domain.model import Case
from tracker.i18n import _
from tracker.ui import keys
from tracker.ui.jobs import run_job
from tracker.ui.screens.base import TrackerScreen
from tracker.ui.services import services
from tracker.ui.widgets.footer import FittingFooter
from tracker.wording.terms import letter_name


def explain_state(explain: bool) -> str:
    """The line that says which text this is: the letter for filing, or the reading aid."""
    if explain:
        return _("Reading aid: each Spanish paragraph followed by its meaning. Not for filing.")
    return _("The letter in Spanish only, for filing.")


def no_letter(node: Widget, error: TrackerError) -> None:
    """A letter refused (a playbook without OSIPTEL rules, a stage not yet filed): a notice."""
    node.notify(literal(str(error)), title=_("No letter"), severity="error", markup=False)


class LetterPreviewScreen(TrackerScreen[bool]):
    """One letter of one case, scrollable; dismissed with the reading aid's state, so the
    dialog it came from offers the same next time."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.LETTER_PREVIEW]

    def __init__(self, case: Case, kind: str, *, explain: bool, text: str) -> None:
        super().__init__()
        self.case = case
        self.kind = kind
        self.explain = explain
        # Both texts are kept once composed: toggling back does not compose again.
        self.texts: dict[bool, str] = {explain: text}

    def compose(self) -> ComposeResult:
        yield Static(
            _("{letter} — case {id}, {provider}").format(
                letter=letter_name(self.kind), id=self.case.id, provider=headline(self.case.provider)
            ),
            classes="dialog-title",
            markup=False,
        )
        yield Static(explain_state(self.explain), id="preview-state", markup=False)
        with VerticalScroll(id="preview-body"):
            yield Static(self.texts[self.explain], id="preview-text", markup=False)
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#preview-body", VerticalScroll).focus()

    def _show(self) -> None:
        self.query_one("#preview-state", Static).update(explain_state(self.explain))
        self.query_one("#preview-text", Static).update(self.texts[self.explain])
        self.query_one("#preview-body", VerticalScroll).scroll_home(animate=False)

    def action_toggle_explain(self) -> None:
        explain = not self.explain
        if explain in self.texts:
            self.explain = explain
            self._show()
            return
        from tracker.exchange.letters import letter_for

        tracker, case, kind = services(self).tracker, self.case, self.kind

        def composed(text: str) -> None:
            self.texts[explain] = text
            self.explain = explain
            self._show()

        run_job(
            self,
            lambda: letter_for(tracker, case, kind, fmt="txt", explain=explain),
            composed,
            refused=self._refused,
        )

    def action_write(self) -> None:
        from tracker.exchange.letters import write_letter

        tracker, case, kind, explain = services(self).tracker, self.case, self.kind, self.explain
        run_job(
            self,
            lambda: write_letter(tracker, case, kind, explain=explain),
            lambda path: self._written(path, explain),
            refused=self._refused,
        )

    def _written(self, path: object, explain: bool) -> None:
        if explain:
            notice = _("Reading aid (not for filing) written to {path}").format(path=path)
        else:
            notice = _("Letter written to {path}").format(path=path)
        self.notify(notice, markup=False)

    def _refused(self, error: TrackerError) -> None:
        no_letter(self, error)

    def action_page(self, direction: int) -> None:
        body = self.query_one("#preview-body", VerticalScroll)
        if direction < 0:
            body.scroll_page_up(animate=False)
        else:
            body.scroll_page_down(animate=False)

    def action_back(self) -> None:
        self.dismiss(self.explain)
