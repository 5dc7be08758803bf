"""The Textual app: one factory for the command line and the tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from tracker.clock import Clock
from tracker.display import literal
from tracker.domain.errors import TrackerError
from tracker.i18n import _

if TYPE_CHECKING:
    from tracker.core import Tracker
    from tracker.domain.model import Case

T = TypeVar("T")


# How long the cursor rests on a case before it is loaded ahead (seconds).
PREFETCH_AFTER = 0.08


class DataChanged(Message):
    """The database changed (here or in another process): screens reload what they show."""


@dataclass
class Undo:
    description: str
    run: Callable[[], Any]


class TrackerApp(App[None]):
    TITLE = "tracker"
    CSS_PATH = "tracker.tcss"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+z", "undo", "Undo", id="app.undo", show=False),
    ]

    def __init__(self, tracker: Tracker, *, watch_interval: float = 2.0) -> None:
        super().__init__()
        self.tracker = tracker
        self.watch_interval = watch_interval
        self._undo: Undo | None = None
        # Whole cases loaded ahead, while the cursor rests on them, so opening is instant.
        self.case_cache: dict[int, Case] = {}
        self._prefetch_timer: Timer | None = None
        self._cache_generation = 0

    # -- start and stop --------------------------------------------------

    def on_mount(self) -> None:
        from tracker.ui.screens.cases import CasesScreen

        if self.tracker.config.keys:
            self.set_keymap(self.tracker.config.keys)
        self.push_screen(CasesScreen())

    def first_screen_painted(self) -> None:
        """Start what the first screen did not need: SQLAlchemy, watching for changes."""
        self.run_worker(self._warm_up, thread=True, group="warm-up")
        if self.watch_interval > 0:
            self.set_interval(self.watch_interval, self._poll_changes)

    def _warm_up(self) -> None:
        self.tracker.poll_changes()

    def _poll_changes(self) -> None:
        self.run_worker(self._check_changes, thread=True, group="watch", exclusive=True)

    def _check_changes(self) -> None:
        """Any commit by another connection, this app's or another process's, reloads.

        The app's own writes come through here too (see :meth:`data_changed`), so a
        change is reloaded once, not again at the next tick. A database server that
        went away is said once; when it is back, everything shown is reloaded.
        """
        changes = self.tracker.poll_changes()
        if changes.lost is not None:
            self.call_from_thread(
                self.notify,
                _("{reason}\nTrying again every few seconds; what you type is kept.").format(
                    reason=literal(changes.lost)
                ),
                title=_("Database unreachable"),
                severity="error",
                timeout=30,
                markup=False,
            )
        if changes.back:
            self.call_from_thread(self.notify, _("Connected to the database again."), markup=False)
        if changes.changed:
            self.call_from_thread(self._reload_screens)

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
        self.run_worker(
            partial(self._prefetch, case_id, self._cache_generation),
            thread=True,
            group="prefetch",
            exclusive=True,
        )

    def _prefetch(self, case_id: int, generation: int) -> None:
        try:
            case = self.tracker.get(case_id)
        except TrackerError:
            return
        self.call_from_thread(self._cache_case, case, generation)

    def _cache_case(self, case: Case, generation: int) -> None:
        if generation == self._cache_generation and case.id is not None:
            if len(self.case_cache) > 64:
                self.case_cache.clear()
            self.case_cache[case.id] = case

    def data_changed(self) -> None:
        """This app wrote to the database: look for the change now, not at the next tick."""
        self._poll_changes()

    def _reload_screens(self) -> None:
        """Tell every screen on the stack to reload."""
        self._cache_generation += 1
        self.case_cache.clear()
        for screen in self.screen_stack:
            screen.post_message(DataChanged())

    def on_unmount(self) -> None:
        self.tracker.close()

    # -- database work, off the event loop ---------------------------------

    async def db(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run store work in a thread; the UI keeps painting meanwhile."""
        return await asyncio.to_thread(work, *args, **kwargs)

    async def attempt(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Like :meth:`db`, but a refusal (bad input, a guard) becomes an error notice."""
        try:
            return await self.db(work, *args, **kwargs)
        except TrackerError as exc:
            self.notify(literal(str(exc)), title="Not done", severity="error", markup=False)
            return None

    # -- undo ----------------------------------------------------------------

    def offer_undo(self, message: str, description: str, run: Callable[[], Any]) -> None:
        self._undo = Undo(description, run)
        key = self._key_for("app.undo", "ctrl+z")
        self.notify(f"{message} Press {key} to undo.", markup=False, timeout=10)

    async def action_undo(self) -> None:
        undo, self._undo = self._undo, None
        if undo is None:
            self.notify("Nothing to undo.", markup=False)
            return
        if await self.attempt(undo.run) is not None:
            self.notify(f"Undone: {undo.description}.", markup=False)
            self.data_changed()

    def _key_for(self, binding_id: str, default: str) -> str:
        return self.tracker.config.keys.get(binding_id, default)

    # -- help and the command palette ----------------------------------------

    def action_help(self) -> None:
        from tracker.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        from tracker.ui.commands import palette_commands

        yield from palette_commands(self, screen)


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
