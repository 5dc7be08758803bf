"""A charge's receipt and due date in the JSON export (additive), on import, and in the dossier."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.helpers.exchange import billed_case
from tracker.core import Tracker
from tracker.exchange.dossier import dossier
from tracker.exchange.export import export_to_path
from tracker.exchange.importer import import_file


def test_receipt_and_due_go_out_and_come_back(tracker: Tracker, tmp_path: Path) -> None:
    billed_case(tracker)
    out = tmp_path / "out.json"
    export_to_path(tracker, "json", out)
    charges = json.loads(out.read_text(encoding="utf-8"))["cases"][0]["charges"]
    assert [(c["receipt"], c["due_on"]) for c in charges] == [("B001-00012345", "2026-08-25"), ("", None)]
    other = Tracker.open(str(tmp_path / "other.db"))
    import_file(other, out)
    back = other.get(1).charges
    assert [(c.receipt, c.due_on) for c in back] == [("B001-00012345", date(2026, 8, 25)), ("", None)]


def test_an_export_written_before_the_fields_still_imports(tracker: Tracker, tmp_path: Path) -> None:
    billed_case(tracker)
    out = tmp_path / "out.json"
    export_to_path(tracker, "json", out)
    document = json.loads(out.read_text(encoding="utf-8"))
    for charge in document["cases"][0]["charges"]:
        del charge["receipt"], charge["due_on"]
    out.write_text(json.dumps(document), encoding="utf-8")
    other = Tracker.open(str(tmp_path / "other.db"))
    import_file(other, out)
    assert [(c.receipt, c.due_on) for c in other.get(1).charges] == [("", None), ("", None)]


def test_the_dossier_names_the_receipt_and_its_due_day(tracker: Tracker) -> None:
    case = billed_case(tracker)
    report = dossier(tracker, case)
    assert "  - receipt B001-00012345, due 25 August 2026" in report


def test_a_copy_that_completed_a_charge_brings_its_receipt_and_due_date_back(
    tracker: Tracker, tmp_path: Path
) -> None:
    case = billed_case(tracker)
    assert case.id is not None
    out = tmp_path / "out.json"
    export_to_path(tracker, "json", out)
    laptop = Tracker.open(str(tmp_path / "laptop.db"))
    import_file(laptop, out)
    laptop.escalation.complete_charge(1, 2, receipt="B001-99", due=date(2026, 8, 26))
    back = tmp_path / "back.json"
    export_to_path(laptop, "json", back)
    import_file(tracker, back)
    charges = tracker.get(case.id).charges
    assert [(c.receipt, c.due_on) for c in charges] == [
        ("B001-00012345", date(2026, 8, 25)),
        ("B001-99", date(2026, 8, 26)),
    ]
