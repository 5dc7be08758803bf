"""Stages, charges and attachments in the JSON export (version 2), version 1 files, the merge."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from tests.helpers.exchange import STORY_TODAY, on, open_tracker
from tracker.core import Tracker
from tracker.domain.model import Case, Outcome, StageKind, Topic, new_uid
from tracker.domain.workflow import CaseDraft
from tracker.exchange import json_format
from tracker.exchange.export import export_to_path
from tracker.exchange.importer import import_file


def peruvian_story(tracker: Tracker, tmp_path: Path) -> Case:
    """A baja of 2026-07-20 with a reclamo, an answer, a charge and a file."""
    on(tracker, "2026-07-20")
    case = tracker.cases.add(
        CaseDraft("Movistar Perú", "eSIM +51 987 654 321", ticket="CP-1", playbook="esim-pe")
    )
    assert case.id is not None
    on(tracker, "2026-07-31")
    tracker.escalation.file(
        case.id,
        StageKind.RECLAMO,
        date(2026, 7, 31),
        code="REC-1",
        topic=Topic.BILLING,
        amount=Decimal("79.80"),
    )
    on(tracker, "2026-08-20")
    tracker.escalation.add_charge(
        case.id, Decimal("79.80"), "PEN", date(2026, 8, 5), period=(date(2026, 8, 1), date(2026, 8, 31))
    )
    tracker.escalation.add_charge(case.id, Decimal("5"), "USD", date(2026, 8, 6), owed=True, note="roaming")
    evidence = tmp_path / "recibo.pdf"
    evidence.write_bytes(b"%PDF recibo")
    tracker.evidence.attach(case.id, evidence, "el recibo")
    on(tracker, "2026-08-25")
    return tracker.escalation.answer(case.id, date(2026, 8, 25), Outcome.INFUNDADO, code="RES-1")


def test_export_import_export_keeps_stages_charges_and_files_byte_for_byte(
    tracker: Tracker, tmp_path: Path
) -> None:
    case = peruvian_story(tracker, tmp_path)
    first = tmp_path / "first.json"
    export_to_path(tracker, "json", first)
    document = json.loads(first.read_text(encoding="utf-8"))
    record = document["cases"][0]
    assert document["version"] == 3
    assert [s["kind"] for s in record["stages"]] == ["reclamo"]
    assert record["stages"][0]["outcome"] == "infundado" and record["stages"][0]["amount"] == "79.80"
    assert [(c["amount"], c["currency"], c["owed"]) for c in record["charges"]] == [
        ("79.80", "PEN", None),
        ("5", "USD", True),
    ]
    assert record["attachments"][0]["name"] == "recibo.pdf"
    # Derived dates are not exported: they are recomputed.
    assert "user_due" not in record and "answer_due" not in record

    (tmp_path / "fresh").mkdir()
    fresh = open_tracker(tmp_path / "fresh" / "tracker.db")
    try:
        import_file(fresh, first)
        second = tmp_path / "second.json"
        export_to_path(fresh, "json", second)
        assert second.read_bytes() == first.read_bytes()
        # The imported case's stored deadline dates were computed on the way in.
        imported = fresh.get(1)
        assert imported.user_due == case.user_due is not None
        assert imported.user_due == date(2026, 9, 15)
    finally:
        fresh.close()


def test_a_version_1_file_still_imports(tracker: Tracker, tmp_path: Path) -> None:
    peruvian_story(tracker, tmp_path)
    document = json.loads(json_format.document_text(tracker.all_cases()))
    document["version"] = 1
    for record in document["cases"]:
        for name in ("effective_on", "ends_on", "stages", "charges", "attachments"):
            del record[name]
        for entry in record["timeline"]:  # version 1 entries had no facts either
            del entry["event"], entry["params"]
        for item in [*record["timeline"], *record["checks"]]:  # nor identities
            del item["uid"]
    old = tmp_path / "v1.json"
    old.write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "fresh").mkdir()
    fresh = open_tracker(tmp_path / "fresh" / "tracker.db")
    try:
        result = import_file(fresh, old)
        assert result.added == 1
        case = fresh.get(1)
        assert case.stages == [] and case.charges == [] and case.attachments == []
    finally:
        fresh.close()
    # A version 2 file without them is refused, naming the place.
    document["version"] = 2
    old.write_text(json.dumps(document), encoding="utf-8")
    try:
        json_format.parse(old.read_bytes())
    except Exception as error:  # the message is what is checked
        assert "cases[0].effective_on: missing" in str(error)
    else:
        raise AssertionError("a version 2 case without stages was accepted")


def test_merging_takes_the_answer_and_new_children_without_duplicates(
    tracker: Tracker, tmp_path: Path
) -> None:
    case = peruvian_story(tracker, tmp_path)
    newer = tmp_path / "newer.json"
    export_to_path(tracker, "json", newer)
    document = json.loads(newer.read_text(encoding="utf-8"))
    record = document["cases"][0]
    # The stored side: the answer not yet known, one charge fewer.
    stored = tracker.get(case.id)  # type: ignore[arg-type]
    stored.stages[0].answered_on = None
    stored.stages[0].outcome = None
    stored.charges.pop()
    with tracker.store.write() as tx:
        tx.replace(stored)
    record["stages"].append(
        {
            **record["stages"][0],
            "kind": "apelacion",
            "filed_on": "2026-09-01",
            "code": "AP-1",
            "topic": None,
            "amount": None,
            "answered_on": None,
            "outcome": None,
            "answer_code": "",
            "uid": new_uid(),  # another stage: an identity of its own
        }
    )
    newer.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = import_file(tracker, newer)
    assert result.updated == 1
    changes = result.shown_updates[0].changes
    assert (
        "reclamo of 2026-07-31 answered" in changes
        and "1 stage added" in changes
        and "1 charge added" in changes
    )
    merged = tracker.get(case.id)  # type: ignore[arg-type]
    assert [s.kind for s in merged.stages] == [StageKind.RECLAMO, StageKind.APELACION]
    assert merged.stages[0].outcome is Outcome.INFUNDADO
    assert len(merged.charges) == 2 and len(merged.attachments) == 1
    again = import_file(tracker, newer)
    assert again.unchanged == 1 and not again.updated


def test_the_dossier_tells_the_whole_story(tracker: Tracker, tmp_path: Path) -> None:
    from tracker.exchange.dossier import dossier

    case = peruvian_story(tracker, tmp_path)
    on(tracker, STORY_TODAY.isoformat())
    text = dossier(tracker, case)
    assert "## Stages" in text and "Answered infundado (against you), resolution RES-1" in text
    assert "| 15 September 2026 | user | file an apelación against the answer |" in text
    assert "S/ 79.80" in text and "US$5.00" in text and "the user's word" in text
    assert case.attachments[0].sha256 in text
    masked = dossier(tracker, case, redact=True)
    assert "987 654 321" not in masked and case.attachments[0].sha256 in masked
