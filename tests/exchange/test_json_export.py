"""The JSON export: its shape, and export → import → export giving the same document."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.exchange import Run, open_tracker
from tracker.core import Tracker
from tracker.domain.limits import END_MOMENT, FIRST_DAY, FIRST_MOMENT, LAST_DAY
from tracker.domain.model import (
    Action,
    Case,
    Channel,
    Check,
    CheckState,
    EntryKind,
    Status,
    TimelineEntry,
)
from tracker.exchange import json_format
from tracker.exchange.export import export_to_path
from tracker.exchange.importer import import_file
from tracker.exchange.serialize import case_record


def test_the_document_holds_everything_with_its_format_and_version(
    run: Run, story_env: dict[str, Case]
) -> None:
    result = run("export")
    assert result.code == 0, result.err
    document = result.json()
    assert list(document) == ["format", "version", "redacted", "cases"]
    assert document["format"] == "tracker-export"
    assert document["version"] == 3
    assert document["redacted"] is False
    by_provider = {c["provider"]: c for c in document["cases"]}
    # Closed and trashed cases too: JSON is the backup.
    assert set(by_provider) == {"Movistar Perú", "中国移动", "Smart Fit", "Netflix"}
    assert by_provider["Netflix"]["deleted_at"] is not None
    assert by_provider["Smart Fit"]["status"] == "verified"
    movistar = by_provider["Movistar Perú"]
    assert movistar["uuid"] == story_env["movistar"].uuid
    assert movistar["notes"] == "Titular: Ana Pérez, DNI 45678912.\nCuenta 0011-0123-4567890123"
    assert len(movistar["checks"]) == 8
    assert {c["name"]: c["state"] for c in movistar["checks"]}["calls blocked"] == "failed"
    kinds = [(e["kind"], e["status_from"], e["status_to"]) for e in movistar["timeline"]]
    assert kinds[0] == ("created", None, "requested")
    assert ("status", "requested", "confirmed") in kinds
    assert ("status", "failed", "requested") in kinds
    assert len(kinds) == len(story_env["movistar"].timeline)
    # Flags depend on the day, so they are not part of the backup.
    assert "flags" not in movistar


def test_streamed_document_is_the_data_one_indented_block_per_case(
    story: dict[str, Case], tracker: Tracker
) -> None:
    cases = list(tracker.all_cases())
    text = json_format.document_text(cases)
    records = [case_record(case) for case in cases]
    assert json.loads(text) == {
        "format": "tracker-export",
        "version": json_format.VERSION,
        "redacted": False,
        "cases": records,
    }
    assert text.startswith(
        f'{{\n  "format": "tracker-export",\n  "version": {json_format.VERSION},\n'
        '  "redacted": false,\n  "cases": [\n'
    )
    assert text.endswith("\n  ]\n}\n")
    # Each case a block: "{" and "}" at four spaces, a field a line at six, a list's
    # items a line each at eight; every line is JSON of its own once its comma is off.
    body = text.splitlines()[5:-2]
    assert body.count("    {") == len(cases) == 4
    fields = set(records[0])
    for line in body:
        depth = len(line) - len(line.lstrip(" "))
        bare = line.strip().removesuffix(",")
        if depth == 4:
            assert bare in ("{", "}"), line
        elif depth == 8:
            json.loads(bare)
        elif bare != "]":
            assert depth == 6, line
            key, value = bare.split(": ", 1)
            assert json.loads(key) in fields
            if value != "[":
                json.loads(value)
    assert json_format.document_text(cases) == text  # the same cases, the same bytes
    empty = json_format.document_text([])
    assert (
        empty
        == json.dumps(
            {"format": "tracker-export", "version": 3, "redacted": False, "cases": []},
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def test_export_import_export_gives_the_same_document(
    run: Run, story_env: dict[str, Case], tmp_path: Path
) -> None:
    first = tmp_path / "first.json"
    assert run("export", "--output", str(first)).code == 0
    fresh = tmp_path / "fresh.db"
    imported = run("--db", str(fresh), "import", str(first))
    assert imported.code == 0, imported.err
    assert "Added 4 cases, updated 0, 0 unchanged." in imported.text
    second = run("--db", str(fresh), "export")
    assert second.out == first.read_bytes()
    # The trash came back as trash, and case numbers are the same.
    trash = run("--db", str(fresh), "trash", "--json").json()
    assert [c["provider"] for c in trash] == ["Netflix"]
    assert [c["id"] for c in trash] == [story_env["trashed"].id]


def test_export_file_is_owner_only_and_replaced_whole(
    run: Run, story_env: dict[str, Case], tmp_path: Path
) -> None:
    target = tmp_path / "backup.json"
    target.write_text("old and longer than nothing " * 10_000)
    result = run("export", "-o", str(target))
    assert result.code == 0
    assert result.text.strip() == f"Exported 4 cases to {target}"
    assert target.stat().st_mode & 0o777 == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "tracker-export"
    assert list(tmp_path.glob(".backup.json.*")) == []  # no temporary file left behind


def test_export_into_a_missing_folder_is_one_clear_error(
    run: Run, story_env: dict[str, Case], tmp_path: Path
) -> None:
    result = run("export", "-o", str(tmp_path / "nope" / "x.json"))
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "folder" in result.err and "does not exist" in result.err
    assert "Traceback" not in result.err


# -- the property: any cases, any Unicode text ---------------------------------------

texts = st.text(max_size=40)
names = st.text(min_size=1, max_size=20).filter(lambda s: s.strip())
# Anything within the bounds an import accepts (tracker.domain.limits).
moments = st.datetimes(
    min_value=FIRST_MOMENT.replace(tzinfo=None),
    max_value=END_MOMENT.replace(tzinfo=None) - timedelta(microseconds=1),
    timezones=st.just(UTC),
)
days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)


@st.composite
def checks(draw: st.DrawFn) -> list[Check]:
    names_drawn = draw(st.lists(names, max_size=4, unique_by=lambda n: n.strip().casefold()))
    return [
        Check(
            name=name,
            required=draw(st.booleans()),
            state=draw(st.sampled_from(CheckState)),
            checked_at=draw(st.none() | moments),
            note=draw(texts),
        )
        for name in names_drawn
    ]


entries = st.builds(
    TimelineEntry,
    at=moments,
    kind=st.sampled_from(EntryKind),
    summary=texts,
    channel=st.none() | st.sampled_from(Channel),
    ticket=texts,
    agent=texts,
    next_follow_up=st.none() | days,
    status_from=st.none() | st.sampled_from(Status),
    status_to=st.none() | st.sampled_from(Status),
)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    fee_amount = draw(
        st.none()
        | st.decimals(min_value=0, max_value=Decimal("1e9"), places=4, allow_nan=False, allow_infinity=False)
    )
    return Case(
        provider=draw(names),
        service=draw(texts),
        requested_on=draw(days),
        promised_by=draw(days),
        created_at=draw(moments),
        updated_at=draw(moments),
        action=draw(st.sampled_from(Action)),
        playbook=draw(names),
        channel=draw(st.sampled_from(Channel)),
        ticket=draw(texts),
        next_follow_up=draw(st.none() | days),
        status=draw(st.sampled_from(Status)),
        notes=draw(texts),
        fee_amount=fee_amount,
        fee_currency=draw(st.text(max_size=8)),
        checks=draw(checks()),
        timeline=draw(st.lists(entries, max_size=4)),
        uuid=str(draw(st.uuids())),
        deleted_at=draw(st.none() | moments),
    )


@settings(max_examples=25)
@given(st.lists(cases(), min_size=1, max_size=5, unique_by=lambda c: c.uuid))
def test_any_cases_survive_export_import_export_exactly(originals: list[Case]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = open_tracker(root / "source.db")
        target = open_tracker(root / "target.db")
        try:
            source.cases.add_many(originals)
            first = root / "first.json"
            export_to_path(source, "json", first)
            result = import_file(target, first)
            assert result.added == len(originals)
            second = root / "second.json"
            export_to_path(target, "json", second)
            assert second.read_bytes() == first.read_bytes()
            # And the document holds what was stored, not something merely stable.
            stored = json.loads(first.read_text(encoding="utf-8"))["cases"]
            assert [_plain(c) for c in stored] == [_plain_case(c) for c in originals]
        finally:
            source.close()
            target.close()


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    record = dict(record)
    record.pop("id")
    return record


def _plain_case(case: Case) -> dict[str, Any]:
    from tracker.exchange.serialize import case_record

    return _plain(case_record(case))
