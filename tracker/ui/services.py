"""What screens may ask of the app, and the one typed way to reach it.

Screens import this module, never :mod:`tracker.ui.app`: the app implements
:class:`AppServices`, and :func:`services` gives it to any widget, typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast, runtime_checkable

from textual.dom import DOMNode

if TYPE_CHECKING:
    from rich.color import Color

    from tracker.core import Tracker
    from tracker.domain.model import Case
    from tracker.ui.painter import Painter


class AppServices(Protocol):
    """The tracker app, as its screens see it."""

    tracker: Tracker
    case_cache: dict[int, Case]

    def key_hint(self, binding_id: str) -> str:
        """The key in force for a binding id, as the footer shows it (after the config's keymap)."""

    def open_case(self, case_id: int) -> None:
        """Show the Case screen for a case."""

    def prefetch(self, case_id: int) -> None:
        """Load a case ahead while the cursor rests on it."""

    def data_changed(self) -> None:
        """This app wrote to the database: every screen reloads what it shows."""

    def first_screen_painted(self) -> None:
        """The first rows are on screen: start what could wait."""

    def offer_undo(self, message: str) -> None:
        """Say what was done and that the undo key takes it back."""

    def exports_folder(self) -> str:
        """Where exports, dossiers and screenshots are written."""

    def painter(self, background: Color | None) -> Painter:
        """Style strings resolved for the theme in force, on this background (shared, cached)."""


@runtime_checkable
class HoldsTyping(Protocol):
    """A screen where the user may have typed something not saved yet."""

    def has_unsaved_typing(self) -> bool: ...


def services(node: DOMNode) -> AppServices:
    """The running tracker app, for any widget or screen in it."""
    return cast("AppServices", node.app)
