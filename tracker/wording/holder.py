"""The holder's data (``[me]`` in config.toml) in the reader's language: its fields, and
the one line that says which a letter is missing and how to set them."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.i18n import pgettext
from tracker.wording.formats import listed


def holder_label(key: str) -> str:
    """A ``[me]`` key as the reader calls it ("document_type" → "document type")."""
    labels = {
        "name": pgettext("holder field", "full name"),
        "document_type": pgettext("holder field", "document type"),
        "document": pgettext("holder field", "document number"),
        "address": pgettext("holder field", "address"),
        "city": pgettext("holder field", "city"),
        "email": pgettext("holder field", "e-mail"),
        "phone": pgettext("holder field", "phone"),
        "gender": pgettext("holder field", "gender"),
    }
    return labels.get(key, key)


def option(key: str) -> str:
    """The ``tracker me`` option that sets a key: ``--document-type``."""
    return "--" + key.replace("_", "-")


def missing_line(missing: Sequence[str], config_file: str) -> str:
    """One line: the letter's placeholders, and the command (or config keys) that fill them."""
    fields = listed(holder_label(key) for key in missing)
    command = "tracker me " + " ".join(f"{option(key)} …" for key in missing)
    keys = listed(missing)
    return pgettext(
        "holder",
        "The letter has placeholders for the holder's {fields}: set them with {command} "
        "(or {keys} under [me] in {file}).",
    ).format(fields=fields, command=command, keys=keys, file=config_file)
