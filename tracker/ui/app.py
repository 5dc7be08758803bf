"""The Textual app: one factory for the command line and the tests."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.color import Color as RichColor
from textual import events, log
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer

from tracker.clock import Clock
from tracker.display import literal
from tracker.i18n import _
from tracker.ui import keys, line_breaks
from tracker.ui.collector import IdleCollector
from tracker.ui.jobs import run_job
from tracker.ui.messages import DataChanged, JobDone, JobFailed, JobRefused
from tracker.ui.painter import Painter, readable
from tracker.ui.services import HoldsTyping
from tracker.wording.advice import Advise, advise_with
from tracker.wording.phrases import words

if TYPE_CHECKING:
    from tracker.core import Changes, Tracker
    from tracker.domain.changes import LoggedChange
    from tracker.domain.model import Case
    from tracker.domain.phrases import Advice


# How long the cursor rests on a case before it is loaded ahead (seconds).
PREFETCH_AFTER = 0.08


class TrackerApp(App[None]):
    """Implements :class:`tracker.ui.services.AppServices` for the screens."""

    TITLE = "tracker"
    CSS_PATH = "tracker.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [*keys.APP]

    def __init__(self, tracker: Tracker, *, watch_interval: float = 2.0) -> None:
        super().__init__()
        line_breaks.install()  # Chinese lines break between characters, never inside a date
        self.tracker = tracker
        self.watch_interval = watch_interval
        # Whole cases loaded ahead, while the cursor rests on them, so opening is instant.
        self.case_cache: dict[int, Case] = {}
        self._prefetch_timer: Timer | None = None
        self._cache_generation = 0
        self._asking_to_quit = False
        self._painters: dict[str, Painter] = {}
        self._watching = False  # the change watch has looked at least once
        # Advice ("what to do next") names this app's keys while it runs, not commands.
        self._command_line_advice: Advise | None = None
        # Full garbage collections wait for a pause in the typing (see the module).
        self.collector = IdleCollector()

    # -- start and stop --------------------------------------------------

    def on_mount(self) -> None:
        from tracker.ui.screens.cases import CasesScreen

        self._command_line_advice = advise_with(self.key_advice)

        keymap = {**keys.language_keys(), **self.tracker.config.keys}
        if keymap:
            self.set_keymap(keymap)
        unknown = keys.unknown_ids(self.tracker.config.keys)
        if unknown:
            self.notify(
                _("config.toml [keys]: no binding is called {ids}; press {help} to see them all.").format(
                    ids=", ".join(f'"{literal(name)}"' for name in unknown), help=self.key_hint("app.help")
                ),
                severity="error",
                timeout=20,
                markup=False,
            )
        self.push_screen(CasesScreen())

    def first_screen_painted(self) -> None:
        """Start what the first screen did not need: SQLAlchemy, watching for changes."""
        run_job(self, self._warm_up, self._changes_seen, group="warm-up")
        self.collector.start()
        self.set_interval(0.25, self.collector.tick)
        if self.watch_interval > 0:
            self.set_interval(self.watch_interval, self.check_for_changes)

    def _warm_up(self) -> Changes:
        return self.tracker.poll_changes()

    def check_for_changes(self) -> None:
        """Any commit by another connection, this app's or another process's, reloads.

        The app's own writes come through here too (see :meth:`data_changed`), so a
        change is reloaded once, not again at the next tick. A database server that
        went away is said once; when it is back, everything shown is reloaded.
        """
        run_job(self, self.tracker.poll_changes, self._changes_seen, group="watch", exclusive=True)

    def _changes_seen(self, changes: Changes) -> None:
        self._watching = True
        if changes.lost is not None:
            self.notify(
                _("{reason}\nTrying again every few seconds; what you type is kept.").format(
                    reason=literal(changes.lost)
                ),
                title=_("Database unreachable"),
                severity="error",
                timeout=30,
                markup=False,
            )
        if changes.back:
            self.notify(_("Connected to the database again."), markup=False)
        if changes.changed:
            self._reload_screens()

    def data_changed(self) -> None:
        """This app wrote to the database: look for the change now, not at the next tick."""
        if not self._watching:
            self._reload_screens()  # not watching yet: nothing else will notice
        else:
            self.check_for_changes()

    def _reload_screens(self) -> None:
        """Tell every screen on the stack to reload."""
        self._cache_generation += 1
        self.case_cache.clear()
        for screen in self.screen_stack:
            screen.post_message(DataChanged())

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.input_seen()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.collector.stop()
        if self._command_line_advice is not None:
            advise_with(self._command_line_advice)
        self.tracker.close()

    # -- cases ---------------------------------------------------------------

    def open_case(self, case_id: int) -> None:
        """Show the Case screen. It is built once and kept, so opening only fills it in."""
        from tracker.ui.screens.case_detail import CaseScreen

        if not self.is_screen_installed("case"):
            self.install_screen(CaseScreen(case_id), "case")
        else:
            screen = self.get_screen("case")
            assert isinstance(screen, CaseScreen)
            screen.set_case(case_id)
        self.push_screen("case")

    def prefetch(self, case_id: int) -> None:
        """Load a case in the background once the cursor rests on it, so that opening it
        needs no wait. A held arrow key loads nothing until it is let go."""
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        self._prefetch_timer = self.set_timer(PREFETCH_AFTER, partial(self._start_prefetch, case_id))

    def _start_prefetch(self, case_id: int) -> None:
        if case_id in self.case_cache:
            return
        generation = self._cache_generation
        run_job(
            self,
            partial(self.tracker.get, case_id),
            partial(self._cache_case, generation=generation),
            refused=lambda _error: None,  # gone meanwhile: nothing to load ahead
            group="prefetch",
            exclusive=True,
        )

    def _cache_case(self, case: Case, generation: int) -> None:
        if generation == self._cache_generation and case.id is not None:
            if len(self.case_cache) > 64:
                self.case_cache.clear()
            self.case_cache[case.id] = case

    # -- the outcome of database work (see tracker.ui.jobs) -----------------

    def on_job_done(self, message: JobDone) -> None:
        if message.then is not None:
            message.then(message.result)

    def on_job_refused(self, message: JobRefused) -> None:
        if message.then is not None:
            message.then(message.error)
        else:
            self.notify(literal(words(message.error)), title=_("Not done"), severity="error", markup=False)

    def on_job_failed(self, message: JobFailed) -> None:
        log.error(message.error)
        self.notify(
            _("Something went wrong, nothing was lost on screen: {error}").format(
                error=literal(f"{type(message.error).__name__}: {message.error}")
            ),
            title=_("Not done"),
            severity="error",
            timeout=20,
            markup=False,
        )
        if message.then is not None:
            message.then(message.error)

    # -- colours -----------------------------------------------------------------

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, with any text colour that would read below 4.5:1 nudged."""
        variables = readable(super().get_css_variables())
        self.theme_variables = variables
        self._painters = {}  # a new theme: styles are resolved again
        return variables

    def painter(self, background: RichColor | None) -> Painter:
        key = background.name if background is not None else ""
        painter = self._painters.get(key)
        if painter is None:
            painter = self._painters[key] = Painter(self.theme_variables, background)
        return painter

    # -- keys ------------------------------------------------------------------

    def get_key_display(self, binding: Binding) -> str:
        """Keys as a newcomer reads them: "ctrl+s" and "enter" rather than "^s" and "⏎"."""
        if binding.key_display:
            return binding.key_display
        modifiers, key = binding.parse_key()
        if key == "enter":
            return "+".join([*modifiers, "enter"])
        shown = super().get_key_display(Binding(key, binding.action))
        return "+".join([*modifiers, shown])

    def key_advice(self, advice: Advice) -> str:
        """Advice in the TUI: the key that does it ("key l"), where the command line names a command;
        what only the command line does is said to be there."""
        if not advice.key:
            return _("on the command line: tracker {command}").format(command=advice.command)
        return _("key {key}").format(key=self.key_hint(advice.key))

    def key_hint(self, binding_id: str) -> str:
        return keys.key_hint(
            binding_id, self.tracker.config.keys, lambda key: self.get_key_display(Binding(key, ""))
        )

    # -- undo ----------------------------------------------------------------

    def offer_undo(self, message: str) -> None:
        self.notify(
            _("{done} Press {key} to undo.").format(done=message, key=self.key_hint("app.undo")),
            markup=False,
            timeout=10,
        )

    def action_undo(self) -> None:
        """Take back the latest change this window made (else the latest anywhere), through
        the undo log: any action, refused in one line when a later change wrote over it."""
        from tracker.wording.changes import change_text

        def undone(result: tuple[LoggedChange, LoggedChange]) -> None:
            self.notify(_("Undone: {what}.").format(what=change_text(result[0])), markup=False)
            self.data_changed()

        run_job(self, partial(self.tracker.history.undo, own=True), undone)

    # -- quitting --------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit; typing not saved yet is never thrown away without asking."""
        typing = [s for s in self.screen_stack if isinstance(s, HoldsTyping) and s.has_unsaved_typing()]
        if not typing:
            self.exit()
            return
        if self._asking_to_quit:
            return
        from tracker.ui.screens.confirm import ConfirmScreen

        self._asking_to_quit = True

        def answered(quit_anyway: bool | None) -> None:
            self._asking_to_quit = False
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmScreen(
                _("Quit and throw away what you typed?"),
                _("What you typed has not been saved."),
                _("Quit"),
            ),
            answered,
        )

    def action_help_quit(self) -> None:
        """ctrl+c (Textual keeps it for copying): say how to quit, in the reader's language."""
        self.notify(
            _("Press {key} to quit tracker.").format(key=self.key_hint("app.quit")),
            title=_("Do you want to quit?"),
            markup=False,
        )

    # -- help, the command palette, screenshots --------------------------------

    def action_help(self) -> None:
        from tracker.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def exports_folder(self) -> str:
        from tracker.exchange.files import exports_folder

        return str(exports_folder(self.tracker.path))

    def action_save_screenshot(self) -> None:
        """An SVG of the screen, beside the exports (Textual's default, ~/Downloads, may not exist)."""
        folder = Path(self.exports_folder())
        try:
            folder.mkdir(parents=True, exist_ok=True)
            stamp = self.tracker.now().strftime("%Y%m%dT%H%M%SZ")  # UTC, like every stored time
            path = self.save_screenshot(filename=f"tracker-screen-{stamp}.svg", path=str(folder))
        except OSError as exc:
            self.notify(
                _("No screenshot: {error}").format(error=literal(str(exc))), severity="error", markup=False
            )
            return
        self.notify(_("Screenshot written to {path}").format(path=literal(path)), markup=False, timeout=10)

    def action_command_palette(self) -> None:
        """The command palette, in the reader's language."""
        from tracker.ui.command_palette import Palette

        if self.use_command_palette and not Palette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        """The theme picker (the palette's "Theme"), in the reader's language."""
        from textual.theme import ThemeProvider

        from tracker.ui.command_palette import Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder=_("Search for themes…")))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from tracker.ui.commands import palette_commands

        yield from palette_commands(self, screen)
        yield SystemCommand(_("Theme"), _("Light or dark, and other colour themes"), self.action_change_theme)
        yield SystemCommand(
            _("Screenshot"),
            _("Save an SVG picture of this screen beside the exports"),
            lambda: self.set_timer(0.1, self.action_save_screenshot),
        )
        yield SystemCommand(
            _("Quit"), _("Leave tracker ({key})").format(key=self.key_hint("app.quit")), self.action_quit
        )


def build_app(
    db: str | None = None,
    *,
    clock: Clock | None = None,
    config_folder: Path | None = None,
    watch_interval: float = 2.0,
    language: str | None = None,
) -> TrackerApp:
    """The app on the chosen database: the command line and the tests both use this.

    The language is chosen as for every command: ``language`` (``--lang``), then
    ``TRACKER_LANG``, the config's ``language``, the locale.
    """
    from tracker.core import Tracker
    from tracker.i18n.language import use_language

    tracker = Tracker.open(db, clock=clock, config_folder=config_folder)
    use_language(language, config_language=lambda: tracker.config.language)
    return TrackerApp(tracker, watch_interval=watch_interval)
