"""Reading an export as a stream gives what reading it whole gives, refusals included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tracker.domain.errors import InvalidInput
from tracker.exchange import json_format


def _document(tmp_path: Path) -> dict[str, Any]:
    from datetime import UTC, date, datetime

    from tracker.domain.model import Case, Check

    now = datetime(2026, 10, 6, 15, tzinfo=UTC)
    case = Case(
        provider="Movistar Perú",
        service="eSIM +51 987 654 321",
        requested_on=date(2026, 10, 6),
        promised_by=date(2026, 10, 14),
        created_at=now,
        updated_at=now,
        checks=[Check("calls blocked", True)],
        id=7,
    )
    return dict(json.loads(json_format.document_text([case])))


def _read(path: Path) -> json_format.ExportDocument:
    return json_format.read_path(path)


def _whole(path: Path) -> json_format.ExportDocument:
    return json_format.parse(path.read_bytes())


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_an_export_streams_to_the_cases_a_whole_read_gives(tmp_path: Path, bom: bytes) -> None:
    path = tmp_path / "e.json"
    path.write_bytes(bom + json.dumps(_document(tmp_path), ensure_ascii=False).encode())
    assert _read(path) == _whole(path)
    assert [case.provider for case in _read(path).cases] == ["Movistar Perú"]


def test_fields_in_another_order_are_read_too(tmp_path: Path) -> None:
    document = _document(tmp_path)
    path = tmp_path / "e.json"
    path.write_text(
        json.dumps(
            {"cases": document["cases"], **{k: document[k] for k in ("version", "format", "redacted")}}
        )
    )
    assert _read(path) == _whole(path)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: {**d, "extra": []},  # a field the format does not have, after the cases
        lambda d: {**d, "version": 99},
        lambda d: {**d, "cases": d["cases"] * 2},  # the same uuid twice
        lambda d: {**d, "cases": {}},
        lambda d: [d],
    ],
)
def test_what_a_whole_read_refuses_a_stream_refuses_in_the_same_words(tmp_path: Path, change: Any) -> None:
    path = tmp_path / "e.json"
    path.write_text(json.dumps(change(_document(tmp_path))))
    with pytest.raises(InvalidInput) as whole:
        _whole(path)
    with pytest.raises(InvalidInput) as streamed:
        _read(path)
    assert str(streamed.value) == str(whole.value)


@pytest.mark.parametrize("raw", [b'{"format": "tracker-export", "cases": [', b"\xff\xfe{}", b"", b"{} []"])
def test_broken_files_are_refused_in_the_same_words(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "e.json"
    path.write_bytes(raw)
    with pytest.raises(InvalidInput) as whole:
        _whole(path)
    with pytest.raises(InvalidInput) as streamed:
        _read(path)
    assert str(streamed.value) == str(whole.value)
