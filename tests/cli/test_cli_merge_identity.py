"""Merging a copy back keeps look-alikes apart (issue 19, item 1): two charges of S/ 79.80 on
the same day are two charges, two reclamos filed the same day with no code are two reclamos."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.helpers.cli import Run


def _show(cli: Run, *db: str) -> dict[str, Any]:
    shown = cli(*db, "show", "1", "--json")
    assert shown.code == 0, shown.err
    data: dict[str, Any] = shown.json()
    return data


def _copy(cli: Run, tmp_path: Path, new_db_target: Callable[[str], str]) -> str:
    """A second database holding what the first holds, as a user makes one: export, import."""
    backup = tmp_path / "backup.json"
    assert cli("export", "-o", str(backup)).code == 0
    copy = new_db_target("copy")
    imported = cli("--db", copy, "import", str(backup))
    assert imported.code == 0, imported.err
    return copy


def _case_with_a_charge(cli: Run, env: Any) -> None:
    env.set_today("2026-11-20")
    assert cli("add", "Movistar", "--playbook", "esim-pe", "--requested", "2026-11-02").code == 0
    assert cli("charge", "1", "79.80", "--on", "2026-11-10").code == 0


def test_a_double_debit_and_two_reclamos_of_a_copy_are_all_kept(
    cli: Run, env: Any, tmp_path: Path, new_db_target: Callable[[str], str]
) -> None:
    _case_with_a_charge(cli, env)
    copy = _copy(cli, tmp_path, new_db_target)
    # In the copy: the same debit again (a real double debit), and two reclamos the same day.
    assert cli("--db", copy, "charge", "1", "79.80", "--on", "2026-11-10").code == 0
    for _ in range(2):
        filed = cli("--db", copy, "escalate", "1", "reclamo", "--filed", "2026-11-16", "--topic", "baja")
        assert filed.code == 0, filed.err
    merged_back = tmp_path / "copy.json"
    assert cli("--db", copy, "export", "-o", str(merged_back)).code == 0
    imported = cli("import", str(merged_back))
    assert imported.code == 0, imported.err
    case = _show(cli)
    assert [(c["amount"], c["on"]) for c in case["charges"]] == [("79.80", "2026-11-10")] * 2
    assert [(s["kind"], s["filed_on"], s["code"]) for s in case["stages"]] == [
        ("reclamo", "2026-11-16", "")
    ] * 2
    assert case == _show(cli, "--db", copy)  # both sides now hold the same
    again = cli("import", str(merged_back))
    assert "updated 0, 1 unchanged" in again.out  # merging twice adds nothing


def test_an_export_without_identities_never_folds_two_real_entries_into_one(
    cli: Run, env: Any, tmp_path: Path
) -> None:
    _case_with_a_charge(cli, env)
    assert cli("charge", "1", "79.80", "--on", "2026-11-10").code == 0  # stored: two look-alikes
    exported = tmp_path / "now.json"
    assert cli("export", "-o", str(exported)).code == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    # The same file as a tracker before identities wrote it (version 2), with three look-alikes.
    document["version"] = 2
    case = document["cases"][0]
    for name in ("checks", "timeline", "stages", "charges", "attachments"):
        for item in case[name]:
            del item["uid"]
    case["charges"].append(dict(case["charges"][0]))
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document), encoding="utf-8")

    assert cli("import", str(old)).code == 0
    assert len(_show(cli)["charges"]) == 3  # the larger side: the file's three
    assert cli("import", str(old)).code == 0
    assert len(_show(cli)["charges"]) == 3  # never more than the side that has more
    case["charges"] = case["charges"][:1]
    old.write_text(json.dumps(document), encoding="utf-8")
    assert cli("import", str(old)).code == 0
    assert len(_show(cli)["charges"]) == 3  # a file with fewer takes none away


def test_every_entry_is_exported_with_an_identity_of_its_own(cli: Run, env: Any, tmp_path: Path) -> None:
    _case_with_a_charge(cli, env)
    assert cli("charge", "1", "79.80", "--on", "2026-11-10").code == 0
    assert cli("escalate", "1", "reclamo", "--filed", "2026-11-16", "--topic", "baja").code == 0
    exported = tmp_path / "now.json"
    assert cli("export", "-o", str(exported)).code == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["version"] == 3
    case = document["cases"][0]
    uids = [item["uid"] for name in ("checks", "timeline", "stages", "charges") for item in case[name]]
    assert len(set(uids)) == len(uids) and all(len(uid) == 32 for uid in uids)
