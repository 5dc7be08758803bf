"""The playbooks: what each one checks and, for a rule book, every rule with its source."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tracker.cli.command_spec import Command
from tracker.cli.terminal import say, warn
from tracker.i18n import N_, _
from tracker.wording.formats import listed

if TYPE_CHECKING:
    from tracker.cli.argparse_glue import Parser
    from tracker.clock import Clock
    from tracker.core import Tracker
    from tracker.domain.playbooks import Playbook
    from tracker.domain.rules import RuleBook


def _playbooks_arguments(playbooks: Parser, m: Mapping[str, str]) -> None:
    playbooks.add_argument("name", nargs="?", metavar=m["NAME"], help=_("one playbook, e.g. esim-pe"))


def list_playbooks(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.cli.output import playbook_days
    from tracker.core import Tracker
    from tracker.display import literal
    from tracker.wording import terms

    tracker = Tracker.open(args.db, clock=clock, defer=True)  # config and playbooks only
    registry, config = tracker.playbooks, tracker.config
    if args.name:
        _print_rules(tracker, registry.get(args.name))
        return 0
    for name in registry.names():
        playbook = registry.get(name)
        say(
            _("{name}: {title} ({days}; {source})").format(
                name=name,
                title=literal(terms.playbook_title(playbook)),
                days=playbook_days(playbook),
                source=literal(terms.playbook_source(playbook)),
            )
        )
        if playbook.providers:
            # Each name is matched as whole words, without case or accents (add without -p).
            say(
                "  "
                + _("Chosen by itself for: {providers}").format(providers=literal(listed(playbook.providers)))
            )
        for check in playbook.checks:
            shown = literal(terms.check_label(check.name))
            say("  - " + (_("{check} (required)").format(check=shown) if check.required else shown))
    for problem in registry.problems.values():
        warn(_("tracker: warning: {problem}").format(problem=problem))
    say(_("\nYour own playbooks go in {folder} as NAME.toml.").format(folder=config.playbook_folder))
    say(_("tracker playbooks NAME shows one in full, with its steps and rules."))
    return 0


def _print_rules(tracker: Tracker, playbook: Playbook) -> None:
    """``tracker playbooks NAME``: the playbook in full, and for a rule book every rule and its source."""
    from tracker.cli.output import playbook_detail
    from tracker.wording import escalation as words
    from tracker.wording import formats, terms

    say(playbook_detail(playbook))
    book = tracker.rulebook(playbook)
    if book is None:
        return
    if playbook.notes:
        say(_("Before you act (each with its source):"))
        for note, text in zip(playbook.notes, terms.playbook_notes(playbook), strict=True):
            say(f"  - {text}")
            say("    " + _("Source: {source}").format(source=words.fact_source(book.fact(note.fact), book)))
    say()
    say(
        _("Rules ({title}); each deadline shown names the rule it comes from:").format(
            title=terms.rulebook_title(book)
        )
    )
    for rule in book.rules:
        norm = book.norm(rule.norm)
        when = ""
        if norm.date_unknown and norm.applies_from is None:
            when = _(" [not applied: its start date is unknown]")
        elif norm.applies_from is not None:
            when = _(" [from {day}]").format(day=norm.applies_from.isoformat())
        say(f"  {rule.key:<30} {words.rule_source(rule, book)}{when}")
        say("    " + words.rule_origin(rule))
    low = book.billing_low_max(tracker.today().year)
    if low is not None:
        uit = book.uit_for(tracker.today().year)
        assert uit is not None
        say(
            "  "
            + _(
                "billing threshold: {money} this year ({share} of the UIT of {year}, {uit}; {source})"
            ).format(
                money=formats.money(low, "PEN"),
                share=formats.percent(book.billing_low_share),
                year=uit.year,
                uit=formats.money(uit.value, "PEN"),
                source=terms.book_note(uit.source),
            )
        )
    _print_charge_rules(book)
    say()
    say(_("Norms:"))
    for norm in book.norms.values():
        say(f"  {norm.id}: {norm.citation}, {norm.title}")
        if norm.date_from_config and norm.applies_from is not None:
            say(
                "    "
                + _("applies from {day} (set in config.toml)").format(day=norm.applies_from.isoformat())
            )
        say(f"    {terms.book_note(norm.source)}")
    for norm in book.pending_norms():
        say()
        say(
            _(
                "The date {citation} applies from could not be confirmed from a primary source, so "
                "its rules are not used yet. Once you know it, set it in {config}:"
            ).format(citation=norm.citation, config=_config_file(tracker))
        )
        say(f'  norm_dates = {{ "{norm.id}" = "YYYY-MM-DD" }}')
    for unknown in book.unknown_dated:
        warn(
            _("tracker: warning: config.toml: norm_dates: {id} is not a norm of this rule book").format(
                id=unknown
            )
        )


def _print_charge_rules(book: RuleBook) -> None:
    """The ``[charges]`` readings with their sources: the line (the one in use marked), the
    undisputed part, and what the window to claim a bill counts from."""
    from tracker.wording import terms

    for key, source in book.line_sources.items():
        used = _(" [in use]") if key == book.not_owed_from else ""
        say(f"  {'charges.lines.' + key:<30} {terms.book_note(source)}{used}")
    if book.undisputed_source:
        say(f"  {'charges.undisputed':<30} {terms.book_note(book.undisputed_source)}")
    if book.window_source:
        counted = _("from the due date") if book.window_from_due else _("from the bill's date")
        say(f"  {'charges.window':<30} {counted}: {terms.book_note(book.window_source)}")


def _config_file(tracker: Tracker) -> str:
    folder = tracker.config.folder
    return str(folder / "config.toml") if folder is not None else "config.toml"


COMMANDS = (
    Command(
        "playbooks",
        N_("list the playbooks and their checks, or show one in full"),
        list_playbooks,
        _playbooks_arguments,
        description=N_(
            "Without {name}, every playbook and its checks; with {name}, that playbook in full: "
            "its title, days, checks, the steps to take and, for a Peruvian playbook, every rule "
            "with the norm it comes from."
        ),
    ),
)
