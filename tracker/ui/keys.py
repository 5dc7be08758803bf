"""Every key binding of the app, by screen, in one place.

Screens take their ``BINDINGS`` from here, so Help, the unknown-id check and
every key hint ("Press d to see them") read the same table. Each binding has an
``id``: ``config.toml``'s ``[keys]`` remaps it. Descriptions (the footer's words) are
marked with ``NP_("key", ...)`` and tooltips with ``N_``, both translated when shown
(see :func:`tracker.ui.screens.base.worded`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from textual.binding import Binding

from tracker.i18n import N_, NP_, current_language

APP = [
    Binding("ctrl+q", "quit", NP_("key", "Quit"), id="app.quit", priority=True),
    Binding("question_mark", "help", NP_("key", "Help"), id="app.help"),
    Binding("ctrl+z", "undo", NP_("key", "Undo"), id="app.undo", show=False),
]

# Textual's own widgets show these in the footer (the open dropdown of a Select: "esc
# Dismiss menu"); worded as ours are, so they are in the catalog too. tests/ui/test_keys.py
# fails on a shown Textual binding not listed here.
TEXTUAL_WORDS = (NP_("key", "Dismiss menu"),)

TABLE = [
    Binding("up,k", "cursor(-1)", NP_("key", "Up"), id="table.up", show=False),
    Binding("down,j", "cursor(1)", NP_("key", "Down"), id="table.down", show=False),
    Binding("pageup", "page(-1)", NP_("key", "Page up"), id="table.page_up", show=False),
    Binding("pagedown", "page(1)", NP_("key", "Page down"), id="table.page_down", show=False),
    Binding("home", "jump(0)", NP_("key", "First"), id="table.first", show=False),
    Binding("end", "jump(-1)", NP_("key", "Last"), id="table.last", show=False),
    Binding("enter", "choose", NP_("key", "Open the case"), id="table.open", show=False),
]

CASES = [
    Binding("a", "new_case", NP_("key", "New"), id="cases.new"),
    Binding("f", "log_contact", NP_("key", "Log contact"), id="cases.log"),
    Binding("v", "verify", NP_("key", "Verify"), id="cases.verify"),
    Binding("e", "edit", NP_("key", "Edit"), id="cases.edit", show=False),
    Binding("slash", "filter", NP_("key", "Filter"), id="cases.filter"),
    Binding("d", "follow_ups", NP_("key", "Follow-ups"), id="cases.follow_ups"),
    Binding(
        "c",
        "toggle_closed",
        NP_("key", "Show closed"),
        id="cases.closed",
        show=False,
        tooltip=N_("Show or hide closed cases (verified, withdrawn)"),
    ),
    Binding(
        "x",
        "export",
        NP_("key", "Dossier"),
        id="cases.export",
        show=False,
        tooltip=N_("Write the case's Markdown dossier"),
    ),
    Binding("w", "withdraw", NP_("key", "Withdraw"), id="cases.withdraw", show=False),
    Binding("delete", "delete", NP_("key", "Delete"), id="cases.delete", show=False),
    Binding(
        "m",
        "holder",
        NP_("key", "Your data"),
        id="cases.holder",
        show=False,
        tooltip=N_("Your name, document and address for the letters"),
    ),
    Binding("escape", "clear_filter", NP_("key", "Clear filter"), id="cases.clear_filter", show=False),
]

FOLLOW_UPS = [
    Binding("escape", "app.pop_screen", NP_("key", "Back"), id="follow_ups.back"),
    Binding("f", "log_contact", NP_("key", "Log contact"), id="follow_ups.log"),
    Binding("v", "verify", NP_("key", "Verify"), id="follow_ups.verify"),
    Binding("e", "edit", NP_("key", "Edit"), id="follow_ups.edit", show=False),
    Binding("x", "export", NP_("key", "Dossier"), id="follow_ups.export", show=False),
    Binding("w", "withdraw", NP_("key", "Withdraw"), id="follow_ups.withdraw", show=False),
    Binding("delete", "delete", NP_("key", "Delete"), id="follow_ups.delete", show=False),
]

CASE = [
    Binding("escape", "app.pop_screen", NP_("key", "Back"), id="case.back"),
    # Not in the footer (the checklist's title says which key cycles a check), so that
    # the Case screen's keys fit 80 columns with the next step among them.
    Binding(
        "space",
        "cycle_check",
        NP_("key", "Check"),
        id="case.cycle_check",
        show=False,
        tooltip=N_("Cycle the highlighted check: pending → passed → failed → n/a"),
    ),
    Binding("f", "log_contact", NP_("key", "Log contact"), id="case.log"),
    Binding("v", "verify", NP_("key", "Verify"), id="case.verify"),
    Binding("e", "edit", NP_("key", "Edit"), id="case.edit"),
    Binding("a", "add_check", NP_("key", "Add check"), id="case.add_check", show=False),
    Binding("s", "next_step", NP_("key", "Next step"), id="case.next_step"),
    Binding("l", "letter", NP_("key", "Letter"), id="case.letter", show=False),
    Binding(
        "g",
        "glossary",
        NP_("key", "Glossary"),
        id="case.glossary",
        show=False,
        tooltip=N_("What the Peruvian term the case shows means (Help's Glossary tab)"),
    ),
    Binding(
        "p", "phone", NP_("key", "Phone"), id="case.phone", tooltip=N_("What to say on the phone, in Spanish")
    ),
    Binding("r", "answer", NP_("key", "Answer"), id="case.answer", show=False),
    Binding("c", "charge", NP_("key", "Charge"), id="case.charge", show=False),
    Binding("x", "export", NP_("key", "Dossier"), id="case.export", show=False),
    Binding("w", "withdraw", NP_("key", "Withdraw"), id="case.withdraw", show=False),
    Binding("delete", "delete", NP_("key", "Delete"), id="case.delete", show=False),
    # Priority: the checklist's own page keys would only move its highlight.
    Binding("pageup", "page(-1)", NP_("key", "Page up"), id="case.page_up", show=False, priority=True),
    Binding("pagedown", "page(1)", NP_("key", "Page down"), id="case.page_down", show=False, priority=True),
]

FORM = [
    Binding("ctrl+s", "save", NP_("key", "Save"), id="form.save", priority=True),
    Binding("escape", "cancel", NP_("key", "Cancel"), id="form.cancel"),
    # Priority: the move happens before the next keys are handed out, so text typed
    # (or sent by a tool) right after a tab lands in the next field, not this one.
    Binding(
        "tab", "app.focus_next", NP_("key", "Next field"), id="form.next_field", show=False, priority=True
    ),
    Binding(
        "shift+tab",
        "app.focus_previous",
        NP_("key", "Previous field"),
        id="form.previous_field",
        show=False,
        priority=True,
    ),
]

VERIFY = [
    Binding("space", "cycle_check", NP_("key", "Cycle check"), id="verify.cycle_check"),
    Binding("v,ctrl+s", "verify", NP_("key", "Mark verified"), id="verify.confirm", priority=True),
    Binding("escape", "close", NP_("key", "Close"), id="verify.cancel"),
]

CONFIRM = [
    Binding("y", "answer(True)", NP_("key", "Yes"), id="confirm.yes"),
    Binding("escape,n", "answer(False)", NP_("key", "No"), id="confirm.no"),
]

IMPORT = [Binding("escape", "cancel", NP_("key", "Cancel"), id="import.cancel")]

PHONE = [
    Binding("escape", "app.pop_screen", NP_("key", "Back"), id="phone.back"),
    Binding("f", "log_contact", NP_("key", "Log the call"), id="phone.log"),
    Binding("a", "toggle_whole", NP_("key", "Whole script"), id="phone.whole"),
    Binding("pageup", "page(-1)", NP_("key", "Page up"), id="phone.page_up", show=False),
    Binding("pagedown", "page(1)", NP_("key", "Page down"), id="phone.page_down", show=False),
]

LETTER = [
    Binding("escape", "cancel", NP_("key", "Cancel"), id="letter.cancel"),
    # The reading aid (letter --explain): each paragraph followed by its meaning.
    Binding("t", "toggle_explain", NP_("key", "Reading aid"), id="letter.explain"),
]

# The letter chosen in that dialog, shown before it is written.
LETTER_PREVIEW = [
    Binding("escape", "back", NP_("key", "Back"), id="letter_preview.back"),
    Binding("t", "toggle_explain", NP_("key", "Reading aid"), id="letter_preview.explain"),
    Binding(
        "w",
        "write",
        NP_("key", "Save"),
        id="letter_preview.write",
        tooltip=N_("Write what is shown into the exports folder"),
    ),
    Binding("pageup", "page(-1)", NP_("key", "Page up"), id="letter_preview.page_up", show=False),
    Binding("pagedown", "page(1)", NP_("key", "Page down"), id="letter_preview.page_down", show=False),
]

UNDO = [Binding("escape", "cancel", NP_("key", "Cancel"), id="undo.cancel")]

HELP = [
    Binding("escape,question_mark,q", "app.pop_screen", NP_("key", "Back"), id="help.back"),
    Binding(
        "g",
        "glossary",
        NP_("key", "Glossary"),
        id="help.glossary",
        tooltip=N_("The Peruvian terms (reclamo, queja, TRASU…) explained"),
    ),
    Binding("k", "keys", NP_("key", "Keys"), id="help.keys"),
]

# What Help shows, in this order.
GROUPS: list[tuple[str, list[Binding]]] = [
    (N_("Everywhere"), APP),
    (N_("Cases"), CASES),
    (N_("Tables"), TABLE),
    (N_("Follow-ups"), FOLLOW_UPS),
    (N_("Case"), CASE),
    (N_("Phone script"), PHONE),
    (N_("Forms: new case, edit, log contact, add check"), FORM),
    (N_("Verify"), VERIFY),
    (N_("Questions"), CONFIRM),
    (N_("Import"), IMPORT),
    (N_("Help"), HELP),
]


def all_bindings() -> Iterable[Binding]:
    for _group, bindings in GROUPS:
        yield from bindings


def default_keys() -> dict[str, str]:
    """Each binding id and the keys it has unless the config remaps it."""
    keys: dict[str, str] = {}
    for binding in all_bindings():
        if binding.id:
            keys.setdefault(binding.id, binding.key)
    return keys


# Keys that answer in the reader's own words: a Spanish reader says "sí", so yes is `s`
# there. By binding id; the config's [keys] still win over these.
LANGUAGE_KEYS: dict[str, dict[str, str]] = {"es": {"confirm.yes": "s"}}


def language_keys() -> dict[str, str]:
    """The bindings whose default key the language in use changes, and their keys."""
    return dict(LANGUAGE_KEYS.get(current_language(), {}))


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """The ids in a ``[keys]`` table that name no binding (a typo would be ignored otherwise)."""
    known = default_keys()
    return sorted(name for name in keymap if name not in known)


def keys_for(binding_id: str, keymap: Mapping[str, str]) -> list[str]:
    """The keys in force for a binding: the config's, else the language's, else the default ones."""
    keys = keymap.get(binding_id) or language_keys().get(binding_id) or default_keys().get(binding_id, "")
    return [key.strip() for key in keys.split(",") if key.strip()]


def key_hint(binding_id: str, keymap: Mapping[str, str], display: Callable[[str], str]) -> str:
    """The key to name in a hint ("Press d to see them"): the first one in force, as shown."""
    keys = keys_for(binding_id, keymap)
    return display(keys[0]) if keys else "?"
