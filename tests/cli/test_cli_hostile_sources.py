"""Text from every source is shown literally in every output (issue 8, item 8).

Not only what is typed on the command line: an imported file (playbook names
included), a playbook or config file, and what the database holds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import Run, case_record, export_document

# What a terminal would act on: ESC and BEL (OSC title), C1 CSI, DEL, a bidi override.
HOSTILE = "\x1b]2;PWNED\x07\x9b2J\x7f\u202e"
UNSAFE = ("\x1b", "\x07", "\x9b", "\x7f", "\u202e")


def _safe(out: str) -> bool:
    return not any(ch in out for ch in UNSAFE)


def _document() -> dict[str, Any]:
    entry = {
        "at": "2026-10-06T12:00:00+00:00",
        "kind": "contact",
        "summary": "said " + HOSTILE,
        "channel": "phone",
        "ticket": "T" + HOSTILE,
        "agent": "A" + HOSTILE,
        "next_follow_up": "2026-10-08",
        "status_from": None,
        "status_to": None,
    }
    case = case_record(
        provider="Claro" + HOSTILE,
        service="S" + HOSTILE,
        playbook="generic" + HOSTILE,
        ticket="T" + HOSTILE,
        notes="N" + HOSTILE,
        fee={"amount": "10", "currency": "P\x1b]2;X\x07"},  # a currency fits 8 characters
        checks=[
            {"name": "c" + HOSTILE, "required": True, "state": "failed", "checked_at": None, "note": HOSTILE}
        ],
        timeline=[entry],
    )
    return export_document(case)


@pytest.fixture
def imported(cli: Run, tmp_path: Path) -> None:
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(_document()), encoding="utf-8")
    done = cli("import", str(source))
    assert done.code == 0, done.err


@pytest.mark.parametrize(
    "argv",
    [
        ("show", "1"),
        ("show", "1", "--json"),
        ("list",),
        ("list", "--json"),
        ("due",),
        ("due", "--json"),
        ("export",),
        ("export", "-f", "csv"),
        ("export", "-f", "ics"),
        ("report", "1"),
        ("log", "1", "again"),
        ("check", "1", "c" + HOSTILE, "pass"),
    ],
)
def test_imported_text_never_reaches_the_terminal(cli: Run, imported: None, argv: tuple[str, ...]) -> None:
    result = cli(*argv)
    assert result.code in (0, 1), result.err
    assert result.out and _safe(result.out) and _safe(result.err)


def test_show_shows_the_playbook_name_literally(cli: Run, imported: None) -> None:
    out = cli("show", "1").out
    (line,) = [line for line in out.splitlines() if line.startswith("Playbook:")]
    assert line.split(None, 1)[1] == "generic\\x1b]2;PWNED\\x07\\x9b2J\\x7f\\u202e"


def test_json_output_is_the_same_data_with_escapes(cli: Run, imported: None) -> None:
    result = cli("show", "1", "--json")
    assert result.json()["playbook"] == "generic" + HOSTILE
    assert "\\u009b" in result.out


def test_an_export_read_back_is_unchanged(cli: Run, imported: None, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    assert cli("export", "-o", str(first)).code == 0
    again = tmp_path / "again.db"
    assert cli("--db", str(again), "import", str(first)).code == 0
    assert cli("--db", str(again), "export").out == first.read_text(encoding="utf-8")
    assert json.loads(first.read_text(encoding="utf-8"))["cases"][0]["provider"] == "Claro" + HOSTILE


def test_playbook_and_config_files_are_shown_literally(cli: Run, env: Any) -> None:
    folder = env.config_dir / "playbooks"
    folder.mkdir()
    (folder / "gym.toml").write_text(
        'title = "Gym \\u001b]2;PWNED\\u0007"\n[[checks]]\nname = "key \\u009b2J returned"\n',
        encoding="utf-8",
    )
    (folder / "bad.toml").write_text('title = 3\nname = "x\\u001b[2J"\n', encoding="utf-8")
    listed = cli("playbooks")
    assert listed.code == 0
    assert "gym: Gym \\x1b]2;PWNED\\x07" in listed.out and "key \\x9b2J returned" in listed.out
    assert _safe(listed.out) and _safe(listed.err)
    (env.config_dir / "config.toml").write_text('default_playbook = "nope\\u001b[2J"\n', encoding="utf-8")
    refused = cli("add", "Smart Fit")  # no playbook names it: the config's default is used
    assert refused.code == 2 and _safe(refused.err) and "nope\\x1b[2J" in refused.err
