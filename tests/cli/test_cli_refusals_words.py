"""Every command's refusals speak the reader's language: each registered command is run with
bad input (an unknown case, a bad date, a bad kind, a missing fact, a wrong stage) under
zh_CN and es, and what it says must hold no English sentence.

The table of bad arguments is per command, and a command the registry knows but the table
does not fails the test: a new command comes with its refusals.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import ISSUE_ADD, Result, Run
from tests.helpers.english import english_in
from tests.helpers.env import TrackerEnv
from tracker.cli.registry import commands_up_to


def test_the_detector_finds_english_and_spares_the_others() -> None:
    assert (
        english_in("tracker: error: case 3 is not in the trash")
        == ["error", "case", "is not in the trash"][2:]
    )
    assert english_in("there is no letter for it") == ["there is no letter for it"]
    assert english_in("tracker add: error: the following arguments are required: ID") != []
    assert english_in("tracker：错误：没有事项99") == []
    assert english_in("tracker: error: no hay caso 99: use tracker list --all") == []
    assert english_in("argumento TIPO: opción no válida: 'foo' (elija entre 'baja', 'queja')") == []
    assert english_in("/tmp/the/file.json --the-option `tracker answer 1`") == []


# Cases the refusals need, added once: 1 an eSIM case; 2 a generic one (no OSIPTEL
# rules); 3 a reclamo just filed (too early for a queja); 4 a reclamo answered fundado
# (nothing to appeal); 5 withdrawn; 6 in the trash.
SETUP: tuple[tuple[str, ...], ...] = (
    ISSUE_ADD,
    ("add", "Gym", "--playbook", "generic", "--requested", "2026-10-06"),
    ("add", "Claro", "--playbook", "esim-pe", "--requested", "2026-09-01", "--ticket", "C-1"),
    ("escalate", "3", "reclamo", "--filed", "2026-10-19", "--code", "R-3"),
    ("add", "Entel", "--playbook", "esim-pe", "--requested", "2026-08-03", "--ticket", "E-1"),
    ("escalate", "4", "reclamo", "--filed", "2026-09-01"),
    ("answer", "4", "--on", "2026-09-15", "--outcome", "fundado"),
    ("add", "Bitel", "--playbook", "esim-pe"),
    ("withdraw", "5"),
    ("add", "Netflix", "--playbook", "subscription"),
    ("delete", "6"),
)

# Bad arguments for each command: each runs after the command's name and must be refused.
BAD: dict[str, tuple[tuple[str, ...], ...]] = {
    "add": (
        ("X", "--requested", "2026-02-30"),
        ("X", "--requested", "2026-12-01"),
        ("X", "--requested", "someday"),
        ("",),
        ("X", "--playbook", "nope"),
        ("X", "--fee", "lots"),
        ("X", "--fee", "10", "--playbook", "generic"),
        ("X", "--channel", "pigeon"),
        ("X", "--action", "maybe"),
        ("X", "--playbook", "suspension-pe", "--action", "suspend"),
        ("X", "--effective", "2026-10-21", "--playbook", "esim-pe"),
        ("X", "--promised", "2026-10-01", "--requested", "2026-10-10"),
        (),
    ),
    "list": (("--bogus",),),
    "due": (("--within", "-1"), ("--within", "many")),
    "show": (("99",), ("not-a-case",), ()),
    "log": (
        ("99", "called"),
        ("1", "   "),
        ("1", "called", "--next", "yesterday"),
        ("1", "called", "--next", "2026-02-30"),
        ("1", "called", "--channel", "pigeon"),
        ("5", "called"),
    ),
    "check": (
        ("99", "calls blocked", "pass"),
        ("1", "smoke signals", "pass"),
        ("1", "calls blocked", "maybe"),
        ("1", "calls blocked", "n/a"),
        ("1", "calls blocked", "add"),
        ("5", "calls blocked", "pass"),
    ),
    "verify": (("1",), ("99",), ("5",)),
    "withdraw": (("99",), ("5",)),
    "reopen": (("1",), ("99",)),
    "delete": (("99",),),
    "restore": (("1",), ("99",)),
    "trash": (("--bogus",),),
    "undo": (("99",), ("--change", "999"), ("--change", "x")),
    "playbooks": (("nope",),),
    "escalate": (
        ("99", "reclamo"),
        ("1", "bogus"),
        ("1", "queja"),
        ("1", "apelacion"),
        ("2", "reclamo"),
        ("3", "queja"),
        ("4", "apelacion"),
        ("1", "reclamo", "--filed", "someday"),
        ("1", "reclamo", "--filed", "2026-12-01"),
        ("1", "reclamo", "--topic", "bogus"),
        ("1", "reclamo", "--topic", "billing", "--amount", "x"),
        ("5", "reclamo"),
    ),
    "answer": (
        ("1", "--on", "2026-10-10", "--outcome", "fundado"),
        ("3", "--on", "someday", "--outcome", "fundado"),
        ("3", "--on", "2026-10-19", "--outcome", "bogus"),
        ("3", "--on", "2026-10-01", "--outcome", "fundado"),
        ("3", "--on", "2026-10-19", "--outcome", "fundado", "--stage", "queja"),
        ("4", "--on", "2026-10-19", "--outcome", "fundado"),
        ("99", "--on", "2026-10-10", "--outcome", "fundado"),
        ("2", "--on", "2026-10-10", "--outcome", "fundado"),
        ("3",),
    ),
    "charge": (
        ("1",),
        ("1", "abc", "--on", "2026-10-10"),
        ("1", "10", "--on", "2026-10-10", "--period", "x"),
        ("1", "10", "--on", "2026-10-10", "--period", "2026-10-10..2026-10-01"),
        ("1", "10", "--on", "2026-10-10", "--currency", "ZZZZ"),
        ("1", "10", "--on", "2026-10-10", "--owed", "--not-owed"),
        ("1", "--number", "7", "--period", "2026-10-01..2026-10-31"),
        ("1", "10", "--on", "2026-10-10", "--number", "1"),
        ("1", "-5", "--on", "2026-10-10"),
        ("99", "10", "--on", "2026-10-10"),
    ),
    "letter": (
        ("99", "baja"),
        ("1", "bogus"),
        ("1", "queja"),
        ("1", "apelacion"),
        ("2", "baja"),
        ("3", "queja"),
        ("4", "apelacion"),
    ),
    "me": (("--gender", "bogus"),),
    "attach": (("1", "/nonexistent/file.pdf"), ("99", "{here}")),
    "export": (("--format", "bogus"),),
    "import": (("/nonexistent/export.json",), ("{here}",)),
    "report": (("99",), ("1", "--bundle", "/nonexistent/dir/b.zip")),
    "notify": (
        ("--via", "pigeon"),
        ("--install", "--uninstall"),
        ("--via", "email"),
        ("--via", "ntfy", "--test"),
    ),
    "glossary": (("nope",),),
    "call": (("99",), ("2",), ("not-a-case",)),
    "db": (("bogus",), ("copy",), ("copy", "/nonexistent/dir/t.db")),
}


def test_every_command_has_its_refusals_in_the_table() -> None:
    assert [c.name for c in commands_up_to(None) if c.name not in BAD] == []


def refusals(here: Path) -> Iterator[tuple[str, ...]]:
    for command in commands_up_to(None):
        # Any command refuses an option it does not know: argparse's own words.
        yield (command.name, "--no-such-option")
        for argv in BAD[command.name]:
            yield (command.name, *(str(here) if arg == "{here}" else arg for arg in argv))


@pytest.mark.sqlite_only
@pytest.mark.parametrize("language", ["zh_CN", "es"])
def test_refusals_hold_no_english(cli: Run, env: TrackerEnv, tmp_path: Path, language: str) -> None:
    for step in SETUP:
        done = cli(*step)
        assert done.code == 0, (step, done.err)
    here = tmp_path / "not-an-export.txt"
    here.write_text("not JSON", encoding="utf-8")
    english = []
    for argv in refusals(here):
        result: Result = cli("--lang", language, *argv)
        assert result.code != 0, (argv, result.out)
        said = result.err + result.out
        assert said.strip(), argv
        if found := english_in(said):
            english.append(f"{' '.join(argv)}\n    {said.strip()}\n    English: {found}")
    assert english == [], "\n".join(english)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("language", ["zh_CN", "es"])
@pytest.mark.parametrize("playbook", ["esim-pe", "suspension-pe", "port-pe"])
def test_a_rule_book_s_notes_hold_no_english(cli: Run, language: str, playbook: str) -> None:
    """`playbooks NAME` shows where each rule, norm and reading comes from: in the reader's language."""
    shown = cli("--lang", language, "playbooks", playbook)
    assert shown.code == 0, shown.err
    assert [line for line in shown.out.splitlines() if english_in(line)] == []


@pytest.mark.sqlite_only
@pytest.mark.parametrize("language", ["zh_CN", "es"])
def test_every_command_s_help_holds_no_english(cli: Run, language: str) -> None:
    english = []
    for command in commands_up_to(None):
        shown = cli("--lang", language, command.name, "--help")
        english += [f"{command.name}: {line}" for line in shown.out.splitlines() if english_in(line)]
    assert english == []
