"""A JSON array printed an item at a time is the same text as the whole list printed at once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tracker.cli.output import print_json, print_json_array

SAMPLES: list[list[Any]] = [
    [],
    [{"provider": "Claro"}],
    [
        {"provider": "Movistar Perú", "notes": "dos\nlíneas", "checks": [{"name": "x", "state": None}]},
        3,
        "中国移动",
    ],
    [{"hostile": "\x1b]2;PWNED\x07\u202e", "empty": {}, "list": []}, {"nested": {"a": [1, {"b": None}]}}],
]


@pytest.mark.parametrize("items", SAMPLES)
def test_streamed_array_prints_what_the_whole_list_prints(
    items: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    print_json(items)
    whole = capsys.readouterr().out
    print_json_array(iter(items))
    streamed = capsys.readouterr().out
    assert streamed == whole
    assert json.loads(streamed) == items


def test_streamed_array_prints_each_item_before_the_next_is_read(capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[str] = []

    def items() -> Iterator[dict[str, int]]:
        for number in range(3):
            seen.append(capsys.readouterr().out)
            yield {"n": number}

    print_json_array(items())
    assert seen[0] == ""
    assert '"n": 0' in seen[1] and '"n": 1' in seen[2]
