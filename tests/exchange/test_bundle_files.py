"""The files of a bundle: streamed whatever their size (issue 19, item 5), named so that any
file system can hold them (item 6), each once (item 7); and an import's sizes are the files'."""

from __future__ import annotations

import json
import tracemalloc
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.exchange import Run
from tracker.core import Tracker
from tracker.domain.errors import InvalidInput
from tracker.domain.workflow import CaseDraft
from tracker.exchange.bundle import NAME_BYTES, attachment_name, write_bundle
from tracker.exchange.export import export_to_path
from tracker.exchange.importer import import_file
from tracker.records import replace


def _case_with(tracker: Tracker, source: Path) -> int:
    case = tracker.cases.add(CaseDraft(provider="Movistar", service="eSIM", playbook="esim-pe"))
    assert case.id is not None
    tracker.evidence.attach(case.id, source)
    return case.id


def test_memory_stays_bounded_whatever_the_file_size(tracker: Tracker, tmp_path: Path) -> None:
    size = 64 << 20
    big = tmp_path / "grabacion.wav"
    with big.open("wb") as out:  # sparse: the disk holds almost nothing
        out.truncate(size)
    case_id = _case_with(tracker, big)
    big.unlink()
    target = tmp_path / "caso.zip"
    tracemalloc.start()
    try:
        write_bundle(tracker, tracker.get(case_id), target)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, f"{peak:,} bytes at the peak for a {size:,}-byte file"
    with zipfile.ZipFile(target) as archive:
        member = next(info for info in archive.infolist() if info.filename.endswith("grabacion.wav"))
        assert member.file_size == size
        assert archive.testzip() is None


@pytest.mark.parametrize(
    "name",
    [
        "账" * 81 + ".pdf",
        "ñ" * 200 + ".jpeg",
        "a" * 300,
        "x." + "é" * 200,  # an "extension" too long to be one
        "😀" * 70 + ".png",
    ],
)
def test_member_names_fit_a_file_system(name: str) -> None:
    sha256 = "ab" * 32
    member = attachment_name(sha256, name)
    assert len(member.encode("utf-8")) <= NAME_BYTES
    assert member.startswith(sha256[:12] + "-")
    if name.endswith((".pdf", ".jpeg", ".png")):
        assert member.endswith(name[name.rindex(".") :])
    member.encode("utf-8").decode("utf-8")  # cut on a character boundary


def test_a_long_chinese_name_unzips(tracker: Tracker, tmp_path: Path) -> None:
    source = tmp_path / ("账" * 81 + ".pdf")
    source.write_bytes(b"%PDF recibo")
    case_id = _case_with(tracker, source)
    target = tmp_path / "caso.zip"
    write_bundle(tracker, tracker.get(case_id), target)
    out = tmp_path / "unzipped"
    with zipfile.ZipFile(target) as archive:
        for info in archive.infolist():
            assert all(len(part.encode("utf-8")) <= NAME_BYTES for part in info.filename.split("/"))
        archive.extractall(out)  # the file system itself refuses a name over 255 bytes
    assert [p.read_bytes() for p in out.rglob("*.pdf")] == [b"%PDF recibo"]


def _exported(tracker: Tracker, tmp_path: Path) -> Any:
    source = tmp_path / "recibo.pdf"
    source.write_bytes(b"%PDF recibo")
    _case_with(tracker, source)
    export = tmp_path / "export.json"
    export_to_path(tracker, "json", export)
    return json.loads(export.read_text(encoding="utf-8"))


def _fresh(tmp_path: Path, name: str) -> Tracker:
    from tests.helpers.exchange import open_tracker

    folder = tmp_path / name
    folder.mkdir()
    (folder / "attachments").mkdir()
    for stored in (tmp_path / "attachments").iterdir():
        (folder / "attachments" / stored.name).write_bytes(stored.read_bytes())
    return open_tracker(folder / "t.db")


def test_a_file_listed_twice_is_one_member(tracker: Tracker, tmp_path: Path) -> None:
    """An import that lists the same file twice is refused (as attaching it twice is); a
    case that holds it twice all the same (an older tracker's import) bundles it once."""
    document = _exported(tracker, tmp_path)
    case = document["cases"][0]
    again = dict(case["attachments"][0])
    again["uid"] = "0" * 32  # a second entry (its own identity) for the same stored file
    case["attachments"].append(again)
    twice = tmp_path / "twice.json"
    twice.write_text(json.dumps(document), encoding="utf-8")
    fresh = _fresh(tmp_path, "other")
    try:
        with pytest.raises(InvalidInput, match="already has this file"):
            import_file(fresh, twice)
        assert fresh.stats().open == 0
    finally:
        fresh.close()
    held = tracker.get(1)
    doubled = replace(held, attachments=[*held.attachments, replace(held.attachments[0], uid="0" * 32)])
    target = tmp_path / "caso.zip"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # zipfile's "Duplicate name" UserWarning
        result = write_bundle(tracker, doubled, target)
    assert result.attachments == 1
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
    assert len(names) == len(set(names))
    assert len([n for n in names if "recibo.pdf" in n]) == 1


def test_an_import_whose_size_is_not_the_files_is_refused(tracker: Tracker, tmp_path: Path) -> None:
    document = _exported(tracker, tmp_path)
    case = document["cases"][0]
    case["attachments"][0]["size"] = 999
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(document), encoding="utf-8")
    fresh = _fresh(tmp_path, "other")
    try:
        with pytest.raises(InvalidInput, match="999 bytes"):
            import_file(fresh, wrong)
        assert fresh.open_cases(include_closed=True) == []
    finally:
        fresh.close()


@pytest.mark.sqlite_only
def test_the_command_line_says_it_in_one_line(run: Run, env: object, tmp_path: Path) -> None:
    assert run("add", "Movistar", "--playbook", "esim-pe").code == 0
    source = tmp_path / "recibo.pdf"
    source.write_bytes(b"%PDF recibo")
    assert run("attach", "1", str(source)).code == 0
    export = tmp_path / "e.json"
    assert run("export", "-o", str(export)).code == 0
    document = json.loads(export.read_text(encoding="utf-8"))
    document["cases"][0]["attachments"][0]["size"] = 12
    export.write_text(json.dumps(document), encoding="utf-8")
    done = run("--db", str(tmp_path / "n.db"), "import", str(export))
    assert done.code == 2
    assert len(done.err.strip().splitlines()) == 1 and "12 bytes" in done.err
    assert run("--db", str(tmp_path / "n.db"), "list", "--json").text.strip() == "[]"
