"""tracker undo: the latest change taken back, on a case or anywhere, several levels; the list;
a change another writer wrote over is refused, naming it."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import Run


def test_several_levels_on_one_case_then_anywhere(cli: Run) -> None:
    assert cli("add", "Claro Perú", "--playbook", "esim-pe", "--ticket", "CP-1").code == 0
    assert cli("add", "Entel").code == 0
    assert cli("log", "1", "they said tomorrow", "--ticket", "CP-2").code == 0
    assert cli("check", "1", "calls blocked", "fail").code == 0
    assert cli("log", "2", "called Entel").code == 0
    undone = cli("undo", "1")
    assert undone.code == 0, undone.err
    assert "Undid change 4 on case 1" in undone.out and "calls blocked" in undone.out
    undone = cli("undo", "1")
    assert "they said tomorrow" in undone.out
    case = cli("show", "1", "--json").json()
    assert case["ticket"] == "CP-1"
    assert [e["kind"] for e in case["timeline"]] == ["created"]
    assert "called Entel" in cli("undo").out  # the latest anywhere: case 2's
    assert cli("show", "2", "--json").json()["timeline"][-1]["kind"] == "created"


def test_the_list_shows_what_can_be_undone_and_the_log_keeps_the_undos(cli: Run) -> None:
    cli("add", "Claro Perú")
    cli("log", "1", "first call")
    cli("log", "1", "second call")
    listed = cli("undo", "--list", "--json").json()
    assert [(c["change"], c["case"]) for c in listed] == [(3, 1), (2, 1), (1, 1)]
    assert listed[0]["entries"][0]["summary"] == "second call"
    cli("undo")
    assert [c["change"] for c in cli("undo", "--list", "--json").json()] == [2, 1]
    everything = cli("undo", "--list", "--all", "--json").json()
    assert (everything[0]["undoes"], everything[1]["undone_by"]) == (3, 4)
    text = cli("undo", "--list", "--all").out
    assert "(undone by change 4)" in text and "Undo of change 3" in text


def test_a_change_written_over_later_is_refused_naming_the_later_one(cli: Run) -> None:
    cli("add", "Claro Perú", "--ticket", "CP-1")
    cli("log", "1", "mine", "--ticket", "CP-TYPO")
    cli("log", "1", "another window", "--ticket", "CP-2")
    refused = cli("undo", "--change", "2")
    assert refused.code != 0
    assert refused.error_lines == [
        "tracker: error: change 2 cannot be undone: change 3 (Contact logged: another window) changed "
        "the same rows after it; undo that one first"
    ]
    assert cli("show", "1", "--json").json()["ticket"] == "CP-2"


def test_undoing_an_attachment_keeps_the_file(cli: Run, tmp_path: Path) -> None:
    bill = tmp_path / "bill.txt"
    bill.write_text("S/ 50.00")
    cli("add", "Claro Perú")
    assert cli("attach", "1", str(bill)).code == 0
    undone = cli("undo", "1")
    assert "The attached file stays in" in undone.out
    assert cli("show", "1", "--json").json().get("attachments", []) == []


def test_in_spanish(cli: Run) -> None:
    cli("add", "Claro Perú")
    cli("log", "1", "llamé")
    assert "llamé" in cli("--lang", "es", "undo").out
