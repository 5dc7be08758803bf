"""Whatever the tracker accepts, its export imports again (issue 19, item 17): every date the
tracker works out (a promised date, a follow-up, a deadline) stays within the dates it keeps,
or the case is refused where it enters."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.exchange import on, open_tracker
from tracker.domain.errors import InvalidInput, NotAllowed, NotFound
from tracker.domain.limits import FIRST_DAY, LAST_DAY
from tracker.domain.model import Action, Outcome, StageKind
from tracker.domain.workflow import CaseDraft
from tracker.exchange.importer import import_document
from tracker.exchange.json_format import document_text

REFUSED = (InvalidInput, NotAllowed, NotFound)
# Near the last day the tracker keeps, where derived dates used to spill into 2100.
NEAR_THE_END = st.dates(LAST_DAY - timedelta(days=30), LAST_DAY)


def test_a_request_whose_promised_date_would_pass_the_last_day_is_refused_where_it_enters(
    tmp_path: Path,
) -> None:
    tracker = open_tracker(tmp_path / "t.db", day=date(2099, 12, 31))
    try:
        with pytest.raises(InvalidInput, match="2100-01-07") as refused:
            tracker.cases.add(
                CaseDraft(provider="Claro", requested_on=date(2099, 12, 30), playbook="esim-pe")
            )
        assert refused.value.field == "promised_by"
        assert list(tracker.all_cases()) == []
    finally:
        tracker.close()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    requested=st.one_of(NEAR_THE_END, st.dates(FIRST_DAY, LAST_DAY)),
    later=st.integers(0, 60),
    playbook=st.sampled_from(["esim-pe", "subscription", "generic"]),
    action=st.sampled_from(list(Action)),
    steps=st.lists(st.sampled_from(["charge", "reclamo", "answer", "contact", "verify"]), max_size=4),
    step_days=st.lists(st.integers(0, 400), min_size=4, max_size=4),
)
def test_an_export_of_accepted_cases_imports_again(
    tmp_path_factory: pytest.TempPathFactory,
    requested: date,
    later: int,
    playbook: str,
    action: Action,
    steps: list[str],
    step_days: list[int],
) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    today = min(requested + timedelta(days=later), LAST_DAY)
    source = open_tracker(folder / "source.db", day=today)
    target = open_tracker(folder / "target.db", day=today)
    try:
        try:
            case = source.cases.add(
                CaseDraft(provider="Claro", requested_on=requested, playbook=playbook, action=action)
            )
        except REFUSED:
            return  # not accepted: nothing to export
        assert case.id is not None
        for step, days in zip(steps, step_days, strict=False):
            day = min(requested + timedelta(days=days), LAST_DAY)
            on(source, max(day, today).isoformat())
            try:
                if step == "charge":
                    source.escalation.add_charge(case.id, Decimal("79.80"), "PEN", day)
                elif step == "reclamo":
                    source.escalation.file(case.id, StageKind.RECLAMO, day)
                elif step == "answer":
                    source.escalation.answer(case.id, day, Outcome.INFUNDADO)
                elif step == "contact":
                    source.cases.log_contact(case.id, "llamé", next_follow_up=day)
                else:
                    source.cases.verify(case.id)
            except REFUSED:
                continue  # a refused step changes nothing
        exported = document_text(source.all_cases()).encode()
        import_document(target, exported)  # never refused
        assert document_text(target.all_cases()).encode() == exported
    finally:
        source.close()
        target.close()
