"""Import a JSON export: name the file, see what it would change, then import it.

The work runs in a worker; Escape closes the dialog at any moment. An import
stopped half-way writes nothing (it is one transaction), and says so.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, ProgressBar, Static

from tracker.display import literal
from tracker.domain.errors import TrackerError
from tracker.exchange.importer import ImportResult, import_file, summary
from tracker.i18n import _, ngettext, pgettext
from tracker.ui import keys
from tracker.ui.jobs import run_job
from tracker.ui.messages import ImportProgress
from tracker.ui.screens.base import TrackerModal
from tracker.ui.services import services
from tracker.ui.widgets.footer import FittingFooter
from tracker.ui.widgets.safe_text import SafeInput
from tracker.wording.formats import listed

SHOWN_UPDATES = 5


class ImportStopped(TrackerError):
    """The user closed the dialog while the import ran: it is rolled back."""


class ImportScreen(TrackerModal[bool]):
    """Dismisses True once something was imported."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.IMPORT]

    def __init__(self) -> None:
        super().__init__()
        self.checked: Path | None = None  # the file whose dry run the user has seen
        self._stop = threading.Event()
        self.running = False

    def compose(self) -> ComposeResult:
        hub = services(self)
        with Vertical(id="dialog", classes="wide"):
            yield Static(_("Import a JSON export"), classes="dialog-title", markup=False)
            yield Static(
                _(
                    "Cases are merged by UUID: new ones added, known ones updated. "
                    "Nothing is written until you confirm."
                ),
                markup=False,
            )
            yield SafeInput(
                placeholder=_("path to the .json file, e.g. ~/tracker-2026-11-23.json"), id="path"
            )
            yield Static("", id="verdict", markup=False)
            yield ProgressBar(id="progress", show_eta=False)
            with Horizontal(classes="buttons"):
                yield Button(_("Check the file (enter)"), variant="primary", id="go")
                yield Button(_("Cancel ({key})").format(key=hub.key_hint("import.cancel")), id="cancel")
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.query_one("#path", Input).focus()

    def _path(self) -> Path:
        return Path(self.query_one("#path", Input).value.strip()).expanduser()

    @on(Input.Changed, "#path")
    def path_changed(self) -> None:
        self.checked = None
        self.query_one("#go", Button).label = _("Check the file (enter)")

    @on(Input.Submitted, "#path")
    def submitted(self) -> None:
        self.go()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "go":
            self.go()
        else:
            self.action_cancel()

    def _say(self, text: str, error: bool = False) -> None:
        verdict = self.query_one("#verdict", Static)
        verdict.update(text)
        verdict.set_class(error, "error")

    def go(self) -> None:
        if self.running:
            return
        if not self.query_one("#path", Input).value.strip():
            self._say(_("Name the file to import."), error=True)
            return
        path = self._path()
        dry_run = self.checked != path
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        tracker = services(self).tracker
        stop = self._stop

        def progress(stage: str, done: int, total: int) -> None:
            if stop.is_set():
                raise ImportStopped(_("import stopped: nothing was written"))
            self.post_message(ImportProgress(stage, done, total))

        self.running = True
        if dry_run:
            run_job(
                self,
                lambda: import_file(tracker, path, dry_run=True, progress=progress),
                lambda result: self._checked(path, result),
                refused=self._refused,
                failed=self._failed,
            )
        else:
            # The outcome goes to the app: it is reported even if this dialog is closed.
            app = self.app
            run_job(
                app,
                lambda: import_file(tracker, path, dry_run=False, progress=progress),
                self._imported,
                refused=self._import_refused,
                failed=self._failed,
            )

    def on_import_progress(self, message: ImportProgress) -> None:
        self.query_one("#progress", ProgressBar).update(total=message.total, progress=message.done)
        stage = _("Reading") if message.stage == "reading" else _("Writing")
        self._say(
            _("{stage}: {done} of {total}").format(
                stage=stage, done=f"{message.done:,}", total=f"{message.total:,}"
            )
        )

    def _checked(self, path: Path, result: ImportResult) -> None:
        self.running = False
        self.query_one("#progress", ProgressBar).display = False
        self.checked = path
        lines = [literal(summary(result))]
        for update in result.shown_updates[:SHOWN_UPDATES]:
            lines.append(
                "  "
                + pgettext("import plan", "update")
                + " "
                + _("case {id}: {provider}: {changes}").format(
                    id=update.case.id,
                    provider=literal(update.case.provider),
                    changes=literal(listed(update.changes)),
                )
            )
        more = result.updated - SHOWN_UPDATES
        if more > 0:
            lines.append("  " + ngettext("… and {count} more", "… and {count} more", more).format(count=more))
        self._say("\n".join(lines))
        self.query_one("#go", Button).label = _("Import (enter)")

    def _imported(self, result: ImportResult) -> None:
        self.running = False
        self.app.notify(literal(summary(result)), title=_("Imported"), markup=False)
        services(self.app).data_changed()
        if self.is_attached and self.is_current:
            self.dismiss(True)

    def _import_refused(self, error: TrackerError) -> None:
        self.running = False
        if isinstance(error, ImportStopped) or not (self.is_attached and self.is_current):
            self.app.notify(literal(str(error)), title=_("Not imported"), severity="warning", markup=False)
            return
        self._refused(error)

    def _refused(self, error: TrackerError) -> None:
        self.running = False
        self.query_one("#progress", ProgressBar).display = False
        self._say(literal(str(error)), error=True)

    def _failed(self, _error: BaseException) -> None:
        self.running = False
        if self.is_attached:
            self.query_one("#progress", ProgressBar).display = False

    def action_cancel(self) -> None:
        self._stop.set()  # a running import stops at its next batch, writing nothing
        self.dismiss(False)
