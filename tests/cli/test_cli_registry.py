"""Finding a command before parsing: only its topic's grammar is built, and never the wrong one."""

from __future__ import annotations

import pytest

from tracker.cli.parser import command_word
from tracker.cli.registry import TOPICS, commands_up_to, find, topic_commands


def test_every_command_has_one_name_in_one_topic() -> None:
    names = [command.name for topic in TOPICS for command in topic_commands(topic)]
    assert len(names) == len(set(names))
    assert all(topic_commands(topic) for topic in TOPICS)
    assert [command.name for command in commands_up_to(None)] == names


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["due"], "due"),
        (["--db", "due", "list"], "list"),  # "due" is the database's name here
        (["--db=x.db", "show", "1"], "show"),
        (["--lang", "es", "due", "--within", "3"], "due"),
        (["--la", "es", "due"], "due"),  # argparse takes an unambiguous prefix
        (["--d", "x.db", "escalate"], "escalate"),
        (["-", "due"], "-"),
        (["--help"], None),
        (["--version"], None),
        (["--", "due"], None),
        (["--bogus", "due"], None),
        ([], None),
    ],
)
def test_the_command_word_is_the_one_argparse_will_take(argv: list[str], word: str | None) -> None:
    assert command_word(argv) == word


@pytest.mark.parametrize("name", [command.name for command in commands_up_to(None)])
def test_a_command_s_topics_include_it(name: str) -> None:
    registered = [command.name for command in commands_up_to(name)]
    assert name in registered
    assert find(name).name == name


def test_an_unknown_word_registers_every_command() -> None:
    assert commands_up_to("bogus") == commands_up_to(None)
