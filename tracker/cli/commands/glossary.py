"""The Peruvian words explained in the reader's language (the table is tracker.wording.glossary)."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tracker.cli.command_spec import Command
from tracker.cli.terminal import say
from tracker.i18n import N_, _
from tracker.wording.formats import listed

if TYPE_CHECKING:
    from datetime import date

    from tracker.cli.argparse_glue import Parser
    from tracker.clock import Clock
    from tracker.domain.rules import RuleBook
    from tracker.wording.glossary import Term


def _glossary_arguments(glossary: Parser, m: Mapping[str, str]) -> None:
    glossary.add_argument(
        "term",
        nargs="?",
        metavar=m["TERM"],
        help=_("one term, in Spanish or in your language, e.g. reclamo (any case, accents optional)"),
    )


def glossary(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.help_format import terminal_width
    from tracker.core import Tracker
    from tracker.display import headline
    from tracker.domain.errors import InvalidInput
    from tracker.wording import glossary as words

    term = None
    if args.term is not None:
        term = words.find(args.term)
        if term is None:
            raise InvalidInput(
                _("{term} is not in the glossary; its terms: {terms}").format(
                    term=repr(headline(args.term)), terms=listed(words.names())
                ),
                "TERM",
            )
    tracker = Tracker.open(args.db, clock=clock, defer=True)  # config and playbooks only
    registry = tracker.playbooks
    playbook = words.glossary_playbook(registry.get(name) for name in registry.names())
    book = tracker.rulebook(playbook) if playbook is not None else None
    width = max(40, terminal_width())
    if term is not None:
        _say_term(term, book, tracker.today(), width, "")
        return 0
    for number, (group, terms) in enumerate(words.grouped()):
        if number:
            say()
        say(group)
        for each in terms:
            _say_term(each, book, tracker.today(), width, "  ")
    return 0


def _say_term(term: Term, book: RuleBook | None, today: date, width: int, indent: str) -> None:
    from tracker.wording import glossary as words

    say(indent + words.heading(term))
    inner = indent + "  "
    for line in words.wrapped(words.explanation(term, book, today), width - len(inner)):
        say(inner + line)


COMMANDS = (
    Command(
        "glossary",
        N_("explain the Peruvian words: reclamo, queja, TRASU…"),
        glossary,
        _glossary_arguments,
        description=N_(
            "Without {term}, every Peruvian term the tracker uses, in the order a case meets them; "
            "with {term}, that one. Each is shown in Spanish, as the operator and OSIPTEL say it, "
            "with your language's word beside it, and explained with the deadlines and norms of "
            "the rule book."
        ),
    ),
)
