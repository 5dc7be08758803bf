"""Timeline facts worded in the reader's language, by one function."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.domain.test_legacy_entries import KNOWN
from tracker.domain.events import Event
from tracker.domain.legacy_entries import to_english
from tracker.domain.model import EntryKind, Status, TimelineEntry
from tracker.i18n import activate
from tracker.wording.timeline import describe

AT = datetime(2026, 10, 20, 15, tzinfo=UTC)


def fact(event: str, params: dict[str, str] | None = None, status_to: Status | None = None) -> TimelineEntry:
    return TimelineEntry(
        at=AT, kind=EntryKind.STATUS, summary="", event=event, params=params or {}, status_to=status_to
    )


@pytest.mark.parametrize(("kind", "summary", "known"), KNOWN)
def test_in_english_every_fact_reads_as_the_old_version_wrote_it(
    kind: str, summary: str, known: tuple[str, dict[str, str]]
) -> None:
    event, params = known
    entry = fact(event, params, status_to=Status.CONFIRMED)
    assert describe(entry) == summary == to_english(event, params, "confirmed")


WORDED = [
    (
        fact(Event.CHECK_RESULT, {"check": "calls blocked", "state": "failed", "note": "entra (sí)"}),
        {
            "en": "Check 'calls blocked': failed (entra (sí))",
            "zh_CN": "检查项“通话已停用”：未通过（entra (sí)）",
            "es": "Comprobación “llamadas bloqueadas”: fallida (entra (sí))",
        },
    ),
    (
        # A check the user named is shown as typed, even when its words are a message's.
        fact(Event.CHECK_ADDED, {"check": "Verify", "required": "no"}),
        {
            "en": "Added optional check 'Verify'",
            "zh_CN": "已添加可选检查项“Verify”",
            "es": "Se agregó la comprobación opcional “Verify”",
        },
    ),
    (
        fact(Event.EDITED, {"fields": "provider,requested_on,ticket"}),
        {
            "en": "Edited: provider, request date, ticket",
            "zh_CN": "已修改：运营商、申请日期、工单号",
            "es": "Se modificó: operador, fecha de solicitud, código de pedido",
        },
    ),
    (
        fact(Event.FAILURE_CLEARED, status_to=Status.CONFIRMED),
        {
            "en": "No check has failed any more: back to confirmed",
            "zh_CN": "已无未通过的检查项：恢复为“已确认”",
            "es": "Ya no hay comprobaciones fallidas: vuelve a “confirmado”",
        },
    ),
    (
        fact(Event.WITHDRAWN, {"reason": "不用了"}),
        {"en": "Withdrawn: 不用了", "zh_CN": "已撤回：不用了", "es": "Desistido: 不用了"},
    ),
    (
        fact(Event.CREATED, {"action": "suspend"}),
        {"en": "Suspend requested", "zh_CN": "已申请暂停", "es": "Suspensión solicitada"},
    ),
]


@pytest.mark.parametrize(("entry", "words"), WORDED)
@pytest.mark.parametrize("language", ["en", "zh_CN", "es"])
def test_each_language_words_the_same_fact(
    entry: TimelineEntry, words: dict[str, str], language: str
) -> None:
    activate(language)
    assert describe(entry) == words[language]


def test_dates_inside_are_iso_unless_the_caller_formats_them() -> None:
    entry = fact(Event.VERIFIED, {"recheck_on": "2026-11-24"})
    activate("es")
    assert describe(entry).endswith("tras el próximo recibo, el 2026-11-24")
    assert describe(entry, day=lambda d: f"{d.day}/{d.month}").endswith("el 24/11")


def test_what_the_user_wrote_and_what_is_not_a_fact_are_shown_as_stored() -> None:
    activate("zh_CN")
    contact = TimelineEntry(at=AT, kind=EntryKind.CONTACT, summary="Llamé: dicen que mañana")
    assert describe(contact) == "Llamé: dicen que mañana"
    old = TimelineEntry(at=AT, kind=EntryKind.STATUS, summary="Verified")  # no form the program wrote
    assert describe(old) == "Verified"


def test_a_fact_from_a_newer_version_shows_its_summary_or_its_code() -> None:
    assert describe(fact("stage.transferred", {"stage": "reclamo"})) == "stage.transferred"
    newer = TimelineEntry(at=AT, kind=EntryKind.STATUS, summary="Reclamo moved", event="stage.transferred")
    assert describe(newer) == "Reclamo moved"


def test_a_malformed_date_parameter_is_shown_as_it_is() -> None:
    assert describe(fact(Event.VERIFIED, {"recheck_on": "someday"})).endswith("on someday")
