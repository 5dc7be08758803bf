"""Help: every binding on one screen, with the keys in force (after the config's keymap)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from tracker.domain.flags import Flag
from tracker.i18n import N_, _
from tracker.ui import keys
from tracker.ui.rows import flag_label
from tracker.ui.screens.base import TrackerScreen, key_words
from tracker.ui.services import services
from tracker.ui.widgets.footer import FittingFooter
from tracker.ui.widgets.glossary_view import GlossaryView
from tracker.wording.glossary import Term, glossary_playbook

KEYS_TAB, GLOSSARY_TAB = "help-keys", "help-glossary"

FLAG_MEANINGS: dict[Flag, str] = {
    Flag.OVERDUE: N_("your follow-up date has passed"),
    Flag.DUE_TODAY: N_("your follow-up is today"),
    Flag.PROVIDER_LATE: N_("still requested after the provider's promised date"),
    Flag.NO_TICKET: N_("an open case without a reference number"),
    Flag.CHECK_FAILED: N_("a check failed"),
    Flag.RECHECK: N_("a verified case's check after the next bill is due"),
}


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
    for flag, meaning in FLAG_MEANINGS.items():
        table.add_row(flag_label(flag), flag_label(flag, short=True), _(meaning))
    return table


def keys_in_force(app: App[Any]) -> dict[str, str]:
    """Each binding id and its keys as the footer shows them, after the config's keymap."""
    keymap = services(app).tracker.config.keys
    return {
        name: ", ".join(app.get_key_display(Binding(key, "")) for key in keys.keys_for(name, keymap))
        for name in keys.default_keys()
    }


class HelpScreen(TrackerScreen[None]):
    """Two tabs: the keys and flags, and the glossary of Peruvian terms (opened at ``term``
    when one is given, as the Case screen does for the term it shows)."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.HELP]

    def __init__(self, term: Term | None = None) -> None:
        super().__init__()
        self.term = term

    def compose(self) -> ComposeResult:
        with TabbedContent(initial=GLOSSARY_TAB if self.term else KEYS_TAB):
            with TabPane(_("Keys"), id=KEYS_TAB), VerticalScroll():
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
            with TabPane(_("Glossary"), id=GLOSSARY_TAB):
                tracker = services(self.app).tracker
                playbook = glossary_playbook(tracker.playbooks.get(n) for n in tracker.playbooks.names())
                book = tracker.rulebook(playbook) if playbook is not None else None
                yield GlossaryView(book, tracker.today(), self.term, id="glossary")
        yield FittingFooter(show_command_palette=False)

    def on_mount(self) -> None:
        if self.term is not None:
            self.action_glossary()

    def action_glossary(self) -> None:
        """The Glossary tab, scrolled to the term asked for, ready for the arrow keys."""
        self.query_one(TabbedContent).active = GLOSSARY_TAB
        view = self.query_one(GlossaryView)
        view.focus()
        if self.term is not None:
            view.show_term(self.term)

    def action_keys(self) -> None:
        self.query_one(TabbedContent).active = KEYS_TAB
