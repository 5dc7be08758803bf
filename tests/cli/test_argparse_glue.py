"""The argparse behaviour tracker.cli.argparse_glue and tracker.cli.help_format rely on.

Both lean on argparse's private parts: a subclass of ``_SubParsersAction`` that fills a
command's arguments when it is used, the ``_negative_number_matcher`` that lets
``-2d`` be a value, the formatter's ``_format_*`` hooks and the module's own ``_`` and
``ngettext``. These tests pin that behaviour, so that a Python whose argparse changes
it fails here, by name, rather than somewhere in the commands' output.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from tracker.cli.argparse_glue import Parser, add_commands


def test_add_subparsers_hands_its_keywords_to_the_action_class() -> None:
    seen: dict[str, Any] = {}

    class Recording(argparse._SubParsersAction):  # type: ignore[type-arg]
        def __init__(self, *args: Any, extra: str, **kwargs: Any) -> None:
            seen["extra"] = extra
            super().__init__(*args, **kwargs)

    parser = argparse.ArgumentParser(prog="p")
    subparsers: Any = parser.add_subparsers
    subparsers(action=Recording, extra="kept", dest="command")
    assert seen == {"extra": "kept"}


def test_the_subparsers_action_is_called_with_the_command_name_first() -> None:
    calls: list[Sequence[str]] = []

    class Recording(argparse._SubParsersAction):  # type: ignore[type-arg]
        def __call__(
            self,
            parser: argparse.ArgumentParser,
            namespace: argparse.Namespace,
            values: Any,
            option_string: str | None = None,
        ) -> None:
            calls.append(list(values))
            super().__call__(parser, namespace, values, option_string)

    parser = argparse.ArgumentParser(prog="p")
    subparsers: Any = parser.add_subparsers
    commands = subparsers(action=Recording, dest="command")
    commands.add_parser("go", help="go somewhere").add_argument("--far", action="store_true")
    args = parser.parse_args(["go", "--far"])
    assert calls == [["go", "--far"]]
    assert args.command == "go" and args.far is True
    assert list(commands.choices) == ["go"]


def test_a_command_s_arguments_are_added_only_when_it_is_used() -> None:
    filled: list[str] = []

    def fill(name: str) -> Any:
        def add(parser: Parser, m: Mapping[str, str]) -> None:
            filled.append(name)
            parser.add_argument("value", metavar=m["LANG"])

        return add

    parser = Parser(prog="p")
    commands = add_commands(parser, {"LANG": "LANG"}, dest="command")
    commands.add_parser("one", help="the first", fill=fill("one"))
    commands.add_parser("two", help="the second", fill=fill("two"))
    args = parser.parse_args(["two", "x", "--lang", "es"])
    assert filled == ["two"]
    assert (args.command, args.value, args.lang) == ("two", "x", "es")
    assert "the first" in parser.format_help() and filled == ["two"]


def test_the_negative_number_matcher_decides_what_looks_like_a_value() -> None:
    parser = Parser(prog="p")
    parser.add_argument("--next")
    parser.add_argument("when", nargs="?")
    args = parser.parse_args(["--next", "-2d", "-1w"])
    assert (args.next, args.when) == ("-2d", "-1w")
    plain = argparse.ArgumentParser(prog="p", exit_on_error=False)
    plain.add_argument("--next")
    assert isinstance(plain._negative_number_matcher.pattern, str)  # the attribute Parser replaces


def test_the_help_formatter_hooks_are_called() -> None:
    called: set[str] = set()

    class Recording(argparse.HelpFormatter):
        def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any) -> str:
            called.add("usage")
            return super()._format_usage(usage, actions, groups, prefix)

        def _format_action(self, action: argparse.Action) -> str:
            called.add("action")
            return super()._format_action(action)

        def _split_lines(self, text: str, width: int) -> list[str]:
            called.add("split")
            return super()._split_lines(text, width)

        def _fill_text(self, text: str, width: int, indent: str) -> str:
            called.add("fill")
            return super()._fill_text(text, width, indent)

    parser = argparse.ArgumentParser(prog="p", description="what it does", formatter_class=Recording)
    parser.add_argument("--x", help="an option")
    parser.format_help()
    assert called == {"usage", "action", "split", "fill"}


def test_argparse_words_its_messages_through_module_level_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(argparse, "_", lambda text: "~" + text)
    monkeypatch.setattr(argparse, "ngettext", lambda one, many, count: "COUNTED %s")
    parser = argparse.ArgumentParser(prog="p", exit_on_error=False)
    parser.add_argument("--pair", nargs=2)
    assert parser.format_usage().startswith("~usage: p")
    with pytest.raises(argparse.ArgumentError, match="COUNTED 2"):
        parser.parse_args(["--pair", "one"])
