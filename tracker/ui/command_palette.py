"""Textual's command palette, in the reader's language: its placeholder and "No matches found"."""

from __future__ import annotations

from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from tracker.i18n import _


class Palette(CommandPalette):
    """The command palette (ctrl+p) and the theme picker, worded from tracker's catalogs."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("placeholder", _("Search for commands…"))
        super().__init__(**kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own, with its one sentence translated.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                no_matches = Text(_("No matches found"), style="not bold")
                self.query_one(CommandList).add_option(
                    Option(Align.center(no_matches), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
