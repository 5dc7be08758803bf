"""What the command line makes of odd input: a refusal in one line that creates no file, or,
for a decimal comma, the amount meant."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers.cli import Run


def test_an_unknown_playbook_creates_no_database(cli: Run, env: Any) -> None:
    assert env.nothing_stored()
    result = cli("add", "Claro", "--playbook", "nope")
    assert result.code == 2
    assert result.error_lines == [
        "tracker: error: unknown playbook 'nope' "
        "(known: esim-pe, generic, port-pe, subscription, suspension-pe)"
    ]
    assert env.nothing_stored()


def test_an_in_memory_database_is_refused_with_a_reason(cli: Run, env: Any) -> None:
    result = cli("--db", "sqlite://", "list")
    assert result.code == 2
    assert "in-memory database forgets everything" in result.err
    assert len(result.error_lines) == 1


def test_an_unknown_setting_in_the_config_is_named(cli: Run, env: Any) -> None:
    (env.config_dir / "config.toml").write_text('default_playbok = "esim-pe"\n')
    result = cli("list")
    assert result.code == 2
    assert "default_playbok: not a setting" in result.err


def test_arguments_that_are_not_text_are_refused(cli: Run, env: Any) -> None:
    result = cli("add", "bad\udcff")
    assert result.code == 2
    assert len(result.error_lines) == 1
    assert env.nothing_stored()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--fee", "1e400"), "'1e400' is not an amount"),
        (("--fee", "NaN"), "'NaN' is not an amount"),
        (("--currency", "PEN"), "a currency (PEN) needs a cancellation fee amount"),
        (("--requested", "0001-01-01"), "is before 1990: check the year"),
    ],
)
def test_odd_values_are_refused(cli: Run, env: Any, argv: tuple[str, ...], message: str) -> None:
    result = cli("add", "Claro", *argv)
    assert result.code == 2
    assert len(result.error_lines) == 1 and message in result.err
    assert env.nothing_stored()


def test_a_fee_with_a_decimal_comma(cli: Run, env: Any) -> None:
    added = cli("add", "Smart Fit", "--fee", "29,90", "--currency", "PEN", "--json").json()
    assert added["fee"] == {"amount": "29.90", "currency": "PEN"}
