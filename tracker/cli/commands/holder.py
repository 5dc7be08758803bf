"""The account holder the letters name (``[me]`` in config.toml): show it, set it."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tracker.cli.command_spec import Command
from tracker.cli.terminal import say
from tracker.i18n import N_, _

if TYPE_CHECKING:
    from tracker.cli.argparse_glue import Parser
    from tracker.clock import Clock

# The [me] keys, as tracker.config.HOLDER_KEYS has them (not imported: `tracker --help`
# should not load the config module for an option list).
KEYS = ("name", "document_type", "document", "address", "city", "email", "phone", "gender")


def _me_arguments(me: Parser, m: Mapping[str, str]) -> None:
    helps = {
        "name": _("your full name, as on your identity document"),
        "document_type": _("DNI, CE (carné de extranjería), pasaporte ..."),
        "document": _("the document's number"),
        "address": _("where the operator and OSIPTEL may notify you"),
        "city": _("where the letter is signed, e.g. Lima"),
        "email": _("an e-mail: the letters then authorise notification by e-mail"),
        "phone": _("a phone number for contact"),
        "gender": _('"f" or "m", for "identificada" or "identificado" ("" for neither)'),
    }
    for key in KEYS:
        me.add_argument("--" + key.replace("_", "-"), dest=key, metavar=m["TEXT"], help=helps[key])


def _writes(args: argparse.Namespace) -> bool:
    return any(getattr(args, key) is not None for key in KEYS)


def me(args: argparse.Namespace, clock: Clock) -> int:
    from tracker import paths
    from tracker.config import load_config
    from tracker.config.holder import set_holder
    from tracker.wording.holder import holder_label, missing_line

    folder = paths.config_dir()
    values = {key: getattr(args, key).strip() for key in KEYS if getattr(args, key) is not None}
    holder = set_holder(folder, values) if values else load_config(folder).me
    if values:
        say(_("Saved in {file}.").format(file=folder / "config.toml"))
    width = max(len(holder_label(key)) for key in KEYS)
    for key in KEYS:
        value = getattr(holder, key)
        say(f"{holder_label(key).ljust(width)}  {value if value else '-'}")
    missing = holder.missing()
    if missing:
        say(missing_line(missing, str(folder / "config.toml")))
    return 0


COMMANDS = (
    Command(
        "me",
        N_("show or set the account holder the letters name"),
        me,
        _me_arguments,
        description=N_(
            "The holder's data for the letters (config.toml [me]): full name, identity document, "
            "address, city, e-mail, phone. Without options it shows them; each option sets one and "
            "keeps the rest of the file as it is."
        ),
        writes=_writes,
        glossary="OSIPTEL",
    ),
)
