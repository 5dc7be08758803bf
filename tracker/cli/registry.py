"""Where each command is found: the topic modules, in the order ``tracker --help`` lists them.

A command line runs one command, so only the topics up to the one that declares it
are imported: ``tracker due`` loads the cases topic and never escalation's or the
exchange's.
"""

from __future__ import annotations

import argparse

from tracker.cli.command_spec import Command

TOPICS = (
    "cases",
    "checks",
    "lifecycle",
    "undo",
    "playbooks",
    "escalation",
    "glossary",
    "phone",
    "holder",
    "evidence",
    "exchange",
    "notify",
    "db",
)


def topic_commands(topic: str) -> tuple[Command, ...]:
    """The commands the topic module ``tracker.cli.commands.<topic>`` declares."""
    # __import__, the import statement's own path: -X importtime reports what it loads
    # (importlib.import_module's does not).
    module = __import__(f"tracker.cli.commands.{topic}", fromlist=["COMMANDS"])
    commands: tuple[Command, ...] = module.COMMANDS
    return commands


def commands_up_to(name: str | None) -> list[Command]:
    """Every command in order, or when ``name`` is one's, those of the topics up to its own."""
    found: list[Command] = []
    for topic in TOPICS:
        found += topic_commands(topic)
        if name is not None and any(command.name == name for command in found):
            break
    return found


def find(name: str) -> Command:
    """The command called ``name``."""
    for command in commands_up_to(name):
        if command.name == name:
            return command
    raise LookupError(name)


def run(args: argparse.Namespace) -> int:
    """Run the command ``args`` names; its exit status."""
    from tracker.clock import SystemClock

    return find(args.command).handler(args, SystemClock())


def changes_data(args: argparse.Namespace) -> bool:
    """Whether the command ``args`` names has changed the user's data (or written a backup)."""
    return find(args.command).writes(args)
