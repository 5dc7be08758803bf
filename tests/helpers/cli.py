"""The command line run in-process: what a run gives back, and the documents tests feed it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def error_lines(self) -> list[str]:
        return self.err.splitlines()


Run = Callable[..., Result]


ISSUE_ADD = (
    "add",
    "Movistar Perú",
    "--service",
    "eSIM +51 987 654 321",
    "--ticket",
    "R-2026-00042",
    "--requested",
    "2026-10-06",
    "--playbook",
    "esim-pe",
)


def case_record(**changes: Any) -> dict[str, Any]:
    """One case as an export file holds it (README's JSON format), with ``changes``."""
    record: dict[str, Any] = {
        "id": 1,
        "uuid": "00000000-0000-4000-8000-000000000001",
        "provider": "Claro",
        "service": "",
        "action": "cancel",
        "playbook": "generic",
        "channel": "phone",
        "status": "requested",
        "requested_on": "2026-10-06",
        "ticket": "",
        "promised_by": "2026-10-16",
        "next_follow_up": "2026-10-20",
        "notes": "",
        "fee": None,
        "created_at": "2026-10-06T12:00:00+00:00",
        "updated_at": "2026-10-06T12:00:00+00:00",
        "deleted_at": None,
        "checks": [],
        "timeline": [],
    }
    record.update(changes)
    return record


def export_document(*cases: dict[str, Any]) -> dict[str, Any]:
    return {"format": "tracker-export", "version": 1, "redacted": False, "cases": list(cases)}
