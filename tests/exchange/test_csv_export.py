"""The CSV export, read back with Python's csv module as a spreadsheet would."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.helpers.exchange import Run
from tracker.domain.model import Case
from tracker.exchange.csv_export import COLUMNS, cell


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_one_row_per_open_case_with_flags_and_progress(
    run: Run, story_env: dict[str, Case], tmp_path: Path
) -> None:
    path = tmp_path / "cases.csv"
    result = run("export", "--format", "csv", "--output", str(path))
    assert result.code == 0, result.err
    assert result.text == f"Exported 2 cases to {path}\n"
    rows = _rows(path.read_bytes())
    assert list(rows[0]) == list(COLUMNS)
    by_provider = {row["provider"]: row for row in rows}
    # The verified gym and the trashed Netflix are not open cases.
    assert set(by_provider) == {"Movistar Perú", "中国移动"}
    movistar = by_provider["Movistar Perú"]
    assert movistar["service"] == "eSIM línea +51 987 654 321"
    assert movistar["notes"] == "Titular: Ana Pérez, DNI 45678912.\nCuenta 0011-0123-4567890123"
    assert movistar["flags"] == "PROVIDER LATE, CHECK FAILED"
    assert (movistar["checks_passed"], movistar["checks_total"]) == ("1", "8")
    assert movistar["checks_failed"] == "calls blocked"
    assert movistar["ticket"] == "R-2026-00077"
    assert movistar["requested_on"] == "2026-10-06"
    assert movistar["promised_by"] == "2026-10-14"
    china = by_provider["中国移动"]
    assert china["service"] == "月套餐 138 0013 8000"
    assert china["notes"] == "客服说已经取消，但是还在扣费。"
    assert china["flags"] == "OVERDUE, PROVIDER LATE, NO TICKET"
    assert china["follow_up"] == "10d overdue"


def test_all_adds_closed_cases_but_never_the_trash(run: Run, story_env: dict[str, Case]) -> None:
    rows = _rows(run("export", "-f", "csv", "--all").out)
    providers = [row["provider"] for row in rows]
    assert providers == ["Movistar Perú", "中国移动", "Smart Fit"]
    gym = rows[2]
    assert gym["status"] == "verified" and gym["flags"] == ""


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_defused(run: Run, env: object) -> None:
    assert (
        run(
            "add",
            '=HYPERLINK("http://evil","click")',
            "--service",
            "+51 987 654 321",
            "--note",
            "-5 days",
            "--ticket",
            "@T-1",
        ).code
        == 0
    )
    row = _rows(run("export", "-f", "csv").out)[0]
    assert row["provider"] == '\'=HYPERLINK("http://evil","click")'
    assert row["service"] == "'+51 987 654 321"
    assert row["notes"] == "'-5 days"
    assert row["ticket"] == "'@T-1"
    assert cell("Movistar") == "Movistar"


def test_standard_output_gets_the_same_bytes_as_a_file(
    run: Run, story_env: dict[str, Case], tmp_path: Path
) -> None:
    path = tmp_path / "x.csv"
    run("export", "-f", "csv", "-o", str(path))
    assert run("export", "-f", "csv").out == path.read_bytes()
