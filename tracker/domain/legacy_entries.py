"""Timeline entries as tracker wrote them before facts: English sentences, read back as facts.

Up to schema revision 0002 (and in version 1 JSON exports) the program's own
entries held an English ``summary`` such as ``Check 'calls blocked': passed (a
note)``. :func:`to_fact` turns each form that version wrote into an event and its
parameters, user text inside (a check's name, a note, a reason) kept exactly;
anything else is left as it is. :func:`to_english` writes the old sentence back
(for a downgrade). The forms here are history: they never change.
"""

from __future__ import annotations

import ast
import re

from tracker.domain.events import Event, yes_no

# A Python repr() of a str, as the old f-strings wrote check names with !r.
_REPR = r"""(?P<name>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
_DATE = r"\d{4}-\d{2}-\d{2}"

_CHECK_RESULT = re.compile(rf"Check {_REPR}: (?P<state>passed|failed|pending)(?: \((?P<note>.*)\))?", re.S)
_CHECK_FAILED = re.compile(rf"Check {_REPR} failed: follow up today")
_CHECK_ADDED = re.compile(rf"Added (?P<kind>required|optional) check {_REPR}")
_VERIFIED = re.compile(
    rf"Verified: every required check passed(?:; recheck after the next bill on (?P<on>{_DATE}))?"
)
_CLEARED = re.compile(
    r"No check has failed any more: back to (?:requested|confirmed|verified|failed|withdrawn)"
)
_WITHDRAWN = re.compile(r"Withdrawn(?:: (?P<reason>.*))?", re.S)

# What the old edit entries called each field ("Edited: provider, request date").
FIELD_WORDS = {
    "provider": "provider",
    "service": "service",
    "requested_on": "request date",
    "channel": "channel",
    "ticket": "ticket",
    "notes": "notes",
    "action": "action",
    "promised_by": "promised date",
    "next_follow_up": "next follow-up",
    "fee_amount": "fee",
    "fee_currency": "currency",
    "playbook": "playbook",
}
_FIELD_BY_WORDS = {words: name for name, words in FIELD_WORDS.items()}

Fact = tuple[str, dict[str, str]]


def _name(match: re.Match[str]) -> str:
    value = ast.literal_eval(match["name"])
    assert isinstance(value, str)
    return value


def to_fact(kind: str, summary: str) -> Fact | None:
    """The event and parameters an old English entry of this kind records; None if not one."""
    if kind == "created":
        for action in ("cancel", "suspend"):
            if summary == f"{action.capitalize()} requested":
                return Event.CREATED, {"action": action}
        return None
    if kind == "check":
        if match := _CHECK_RESULT.fullmatch(summary):
            return Event.CHECK_RESULT, {
                "check": _name(match),
                "state": match["state"],
                "note": match["note"] or "",
            }
        if match := _CHECK_ADDED.fullmatch(summary):
            return Event.CHECK_ADDED, {"check": _name(match), "required": yes_no(match["kind"] == "required")}
        return None
    if kind == "edit":
        if not summary.startswith("Edited: "):
            return None
        words = summary.removeprefix("Edited: ").split(", ")
        if not all(word in _FIELD_BY_WORDS for word in words):
            return None
        return Event.EDITED, {"fields": ",".join(_FIELD_BY_WORDS[word] for word in words)}
    if kind == "status":
        return _status_fact(summary)
    return None


def _status_fact(summary: str) -> Fact | None:
    plain = {
        "Provider says it is done": Event.PROVIDER_CONFIRMED,
        "Asked the provider again": Event.ASKED_AGAIN,
        "Recheck done: case closed": Event.RECHECK_DONE,
        "Reopened": Event.REOPENED,
    }
    if summary in plain:
        return plain[summary], {}
    if match := _CHECK_FAILED.fullmatch(summary):
        return Event.CHECK_FAILED, {"check": _name(match)}
    if _CLEARED.fullmatch(summary):
        return Event.FAILURE_CLEARED, {}
    if match := _VERIFIED.fullmatch(summary):
        return Event.VERIFIED, {"recheck_on": match["on"] or ""}
    if match := _WITHDRAWN.fullmatch(summary):
        return Event.WITHDRAWN, {"reason": match["reason"] or ""}
    return None


def to_english(event: str, params: dict[str, str], status_to: str | None) -> str | None:
    """The sentence the old version wrote for this fact (None for an event it did not know)."""
    get = params.get
    if event == Event.CREATED:
        return f"{get('action', 'cancel').capitalize()} requested"
    if event == Event.EDITED:
        return "Edited: " + ", ".join(FIELD_WORDS.get(f, f) for f in get("fields", "").split(",") if f)
    if event == Event.CHECK_RESULT:
        note = get("note", "")
        return f"Check {get('check', '')!r}: {get('state', '')}" + (f" ({note})" if note else "")
    if event == Event.CHECK_ADDED:
        kind = "required" if get("required") == "true" else "optional"
        return f"Added {kind} check {get('check', '')!r}"
    if event == Event.CHECK_FAILED:
        return f"Check {get('check', '')!r} failed: follow up today"
    if event == Event.FAILURE_CLEARED:
        return f"No check has failed any more: back to {status_to}"
    if event == Event.VERIFIED:
        on = get("recheck_on", "")
        return "Verified: every required check passed" + (
            f"; recheck after the next bill on {on}" if on else ""
        )
    if event == Event.WITHDRAWN:
        reason = get("reason", "")
        return "Withdrawn" + (f": {reason}" if reason else "")
    plain: dict[str, str] = {
        Event.PROVIDER_CONFIRMED: "Provider says it is done",
        Event.ASKED_AGAIN: "Asked the provider again",
        Event.RECHECK_DONE: "Recheck done: case closed",
        Event.REOPENED: "Reopened",
    }
    return plain.get(event)
