"""Import a JSON export: name the file, see what it would change, then import it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, ProgressBar, Static

from tracker.display import literal
from tracker.domain.errors import TrackerError
from tracker.exchange.importer import summary as importer_summary
from tracker.ui.widgets.safe_text import SafeInput

if TYPE_CHECKING:
    from tracker.exchange.importer import ImportResult
    from tracker.ui.app import TrackerApp


class ImportScreen(ModalScreen[bool]):
    """Dismisses True once something was imported."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="import.cancel")]

    def __init__(self) -> None:
        super().__init__()
        self.checked: Path | None = None  # the file whose dry run the user has seen

    @property
    def tapp(self) -> TrackerApp:
        return cast("TrackerApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            yield Static("Import a JSON export", classes="dialog-title")
            yield Static(
                "Cases are merged by UUID: new ones added, known ones updated. "
                "Nothing is written until you confirm.",
                markup=False,
            )
            yield SafeInput(placeholder="path to the .json file, e.g. ~/tracker-2026-11-23.json", id="path")
            yield Static("", id="verdict", markup=False)
            yield ProgressBar(id="progress", show_eta=False)
            with Horizontal(classes="buttons"):
                yield Button("Check the file (enter)", variant="primary", id="go")
                yield Button("Cancel (escape)", id="cancel")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.query_one("#path", Input).focus()

    def _path(self) -> Path:
        return Path(self.query_one("#path", Input).value.strip()).expanduser()

    @on(Input.Changed, "#path")
    def path_changed(self) -> None:
        self.checked = None
        self.query_one("#go", Button).label = "Check the file (enter)"

    @on(Input.Submitted, "#path")
    async def submitted(self) -> None:
        await self.go()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "go":
            await self.go()
        else:
            self.action_cancel()

    def _say(self, text: str, error: bool = False) -> None:
        verdict = self.query_one("#verdict", Static)
        verdict.update(text)
        verdict.set_class(error, "error")

    async def go(self) -> None:
        from tracker.exchange.importer import import_file

        path = self._path()
        if not self.query_one("#path", Input).value.strip():
            self._say("Name the file to import.", error=True)
            return
        dry_run = self.checked != path
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)

        def progress(stage: str, done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)
            self.app.call_from_thread(self._say, f"{stage.capitalize()}: {done:,} of {total:,}")

        try:
            result: ImportResult = await self.tapp.db(
                import_file, self.tapp.tracker, path, dry_run=dry_run, progress=progress
            )
        except TrackerError as exc:
            bar.display = False
            self._say(literal(str(exc)), error=True)
            return
        bar.display = False
        if dry_run:
            self.checked = path
            lines = [importer_summary(result)]
            for update in result.updated[:5]:
                lines.append(
                    f"  update case {update.case.id} {literal(update.case.provider)}: "
                    f"{literal(', '.join(update.changes))}"
                )
            if len(result.updated) > 5:
                lines.append(f"  … and {len(result.updated) - 5} more")
            self._say("\n".join(lines))
            self.query_one("#go", Button).label = "Import (enter)"
            return
        self.notify(importer_summary(result), title="Imported", markup=False)
        self.tapp.data_changed()
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
