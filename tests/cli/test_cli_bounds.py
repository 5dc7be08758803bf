"""Every value is bounded where it enters, with one clear line, so that no accepted
value can crash a command later (issue 8, item 9). The bounds: tracker.domain.limits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import Run, case_record, export_document


def _refused(result: Any, fragment: str) -> None:
    assert result.code == 2, (result.out, result.err)
    lines = result.error_lines
    assert len(lines) == 1 and fragment in lines[0], lines
    assert "internal error" not in result.err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (("add", "X", "--promised", "9999-12-31"), "is after 2099: check the year"),
        (("add", "X", "--next", "+9999w"), "is after 2099"),
        (("due", "--within", "3000000"), "from 0 to 3,660"),
        (("due", "--within", "-1"), "from 0 to 3,660"),
        (("show", "99999999999999999999"), "is not a case"),
        (("show", "²"), "is not a case"),
        (("show", "0"), "is not a case"),
        (("log", "١٢", "hello"), "is not a case"),
    ],
)
def test_command_line_values_out_of_range(cli: Run, argv: tuple[str, ...], fragment: str) -> None:
    _refused(cli(*argv), fragment)


def test_tracker_today_out_of_range(cli: Run, env: Any) -> None:
    env.set_today("9999-12-31")
    _refused(cli("list"), "TRACKER_TODAY: 9999-12-31 is after 2099")


def test_the_last_day_and_the_longest_window_work(cli: Run, env: Any) -> None:
    env.set_today("2099-12-31")
    assert cli("add", "X", "--requested", "2099-12-01").code == 0
    assert cli("due", "--within", "3660").code in (0, 1)
    assert cli("report", "1").code == 0


def _document(**changes: Any) -> dict[str, Any]:
    return export_document(case_record(**changes))


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"created_at": "0001-01-01T00:00:00+00:00"}, "cases[0].created_at: timestamp out of range"),
        ({"updated_at": "9999-12-31T23:59:59+00:00"}, "cases[0].updated_at: timestamp out of range"),
        ({"requested_on": "0001-01-01"}, "cases[0].requested_on: 0001-01-01 is before 1990"),
        ({"next_follow_up": "9999-12-31"}, "cases[0].next_follow_up: 9999-12-31 is after 2099"),
        ({"id": 2**63 - 1}, "cases[0].id: not a case number (a whole number from 1 to 999,999,999)"),
        ({"fee": {"amount": "1e999", "currency": "PEN"}}, "cases[0].fee.amount: at most 12 digits"),
        ({"fee": {"amount": "0.000001", "currency": "PEN"}}, "and 4 decimals"),
    ],
)
def test_imported_values_out_of_range(
    cli: Run, tmp_path: Path, changes: dict[str, Any], fragment: str
) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(_document(**changes)), encoding="utf-8")
    _refused(cli("import", str(source)), fragment)
    assert "Claro" not in cli("list").out  # nothing was written


def test_an_import_version_of_5000_digits(cli: Run, tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    text = json.dumps(_document()).replace('"version": 1', '"version": ' + "9" * 5000)
    source.write_text(text, encoding="utf-8")
    _refused(cli("import", str(source)), "a number far too long")


def test_playbook_day_counts_out_of_range(cli: Run, env: Any) -> None:
    folder = env.config_dir / "playbooks"
    folder.mkdir()
    (folder / "slow.toml").write_text("provider_days = 1000000000\n", encoding="utf-8")
    listed = cli("playbooks")
    assert "provider_days: must be a whole number of days from 0 to 366" in listed.err
    _refused(cli("add", "X", "-p", "slow"), "provider_days: must be a whole number of days from 0 to 366")


def test_config_days_off_out_of_range(cli: Run, env: Any) -> None:
    (env.config_dir / "config.toml").write_text("extra_days_off = [9999-12-31]\n", encoding="utf-8")
    _refused(cli("list"), "extra_days_off[0]: 9999-12-31 is after 2099")
