"""Help: every binding on one screen, with the keys in force (after the config's keymap)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tracker.domain.flags import Flag
from tracker.i18n import _
from tracker.ui import keys
from tracker.ui.rows import flag_label
from tracker.ui.screens.base import TrackerScreen, key_words
from tracker.ui.services import services
from tracker.ui.widgets.footer import FittingFooter
from tracker.wording import terms


def help_table(display: dict[str, str]) -> Table:
    """Every binding: the keys in force (``display`` maps binding ids to them), what it does, its id."""
    table = Table(expand=True, show_edge=False, pad_edge=False, box=None)
    table.add_column(_("Key"), style="bold", no_wrap=True, min_width=8)
    table.add_column(_("Does"), ratio=2)
    table.add_column(Text(_("Binding id (config.toml [keys])")), no_wrap=True, overflow="ellipsis", ratio=1)
    for group, bindings in keys.GROUPS:
        table.add_row("", Text(_(group), style="bold underline"), "")
        for binding in bindings:
            shown = display.get(binding.id or "", binding.key)
            does = _(binding.tooltip) if binding.tooltip else _help_words(binding.description)
            table.add_row(shown, does, binding.id or "")
    table.add_row("", Text(_("Anywhere"), style="bold underline"), "")
    table.add_row("ctrl+p", _("Command palette: every action by name"), "")
    return table


def _help_words(description: str) -> str:
    """What a binding without a tooltip does: the words the palette uses for it where there
    are some ("Log contact" → "Registrar contacto"), else the footer's."""
    fuller = _(description)
    return fuller if fuller != description else key_words(description)


def flags_table() -> Table:
    table = Table(expand=True, show_edge=False, pad_edge=False, box=None)
    table.add_column(_("Flag"), style="bold", no_wrap=True)
    table.add_column(_("Short"), style="bold", no_wrap=True)
    table.add_column(_("Means"), ratio=1)
    for flag in Flag:  # every flag, in the words the tables use
        table.add_row(flag_label(flag), flag_label(flag, short=True), terms.flag_meaning(flag))
    return table


def keys_in_force(app: App[Any]) -> dict[str, str]:
    """Each binding id and its keys as the footer shows them, after the config's keymap."""
    keymap = services(app).tracker.config.keys
    return {
        name: ", ".join(app.get_key_display(Binding(key, "")) for key in keys.keys_for(name, keymap))
        for name in keys.default_keys()
    }


class HelpScreen(TrackerScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*keys.HELP]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(_("Keys"), classes="dialog-title", markup=False)
            yield Static(help_table(keys_in_force(self.app)))
            yield Static(_("Flags"), classes="section", markup=False)
            yield Static(
                _(
                    "Narrow tables show the short form of a flag. Colour only backs up the words: "
                    "every flag reads without it."
                ),
                markup=False,
            )
            yield Static(flags_table())
        yield FittingFooter(show_command_palette=False)
