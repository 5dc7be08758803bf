"""The letters state the case's facts, and only those (issue 18, section 1).

The reproductions are the issue's: a Claro baja requested in a store on 27 July 2026
with código de pedido CP-2026-553190, and a later ticket logged on 7 August.
"""

from __future__ import annotations

from datetime import date

from tests.helpers.exchange import on
from tracker.core import Tracker
from tracker.domain.model import Case, Channel, Outcome, StageKind
from tracker.domain.workflow import CaseDraft
from tracker.exchange.dossier import dossier
from tracker.exchange.letters import letter_for


def claro(tracker: Tracker) -> int:
    """The issue's case: added on 27 July with its código, a later ticket on 7 August."""
    on(tracker, "2026-07-27")
    case = tracker.add_case(
        CaseDraft(
            provider="Claro Perú",
            service="eSIM 987 654 321",
            ticket="CP-2026-553190",
            requested_on=date(2026, 7, 27),
            playbook="esim-pe",
            channel=Channel.STORE,
        )
    )
    assert case.id is not None
    on(tracker, "2026-08-07")
    tracker.log_contact(case.id, "Llamé: me dieron otro número", ticket="CP-2026-560001")
    return case.id


def fresh(tracker: Tracker, case_id: int) -> Case:
    return tracker.get(case_id)


def test_the_reclamo_names_the_code_the_request_got_and_later_codes_as_later(
    tracker: Tracker,
) -> None:
    case_id = claro(tracker)
    on(tracker, "2026-08-20")
    tracker.escalate(case_id, StageKind.RECLAMO, date(2026, 8, 20), code="R-77")
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.RECLAMO)
    assert "Código de pedido: CP-2026-553190" in text
    assert "de manera presencial, en tienda, con código de pedido CP-2026-553190." in text
    assert "me dio el código CP-2026-560001." in text
    assert "Código de pedido: CP-2026-560001" not in text
    assert "código de pedido CP-2026-560001" not in text


def test_a_code_given_after_the_letters_date_is_not_told(tracker: Tracker) -> None:
    case_id = claro(tracker)
    # The reclamo was filed on 4 August, before the later ticket of 7 August.
    on(tracker, "2026-08-20")
    tracker.escalate(case_id, StageKind.RECLAMO, date(2026, 8, 4), code="R-76")
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.RECLAMO)
    assert "CP-2026-553190" in text and "CP-2026-560001" not in text


def test_the_dossier_and_the_letter_name_the_same_request_code(tracker: Tracker) -> None:
    case_id = claro(tracker)
    on(tracker, "2026-08-20")
    case = fresh(tracker, case_id)
    assert "CP-2026-553190 (later also: CP-2026-560001)" in dossier(tracker, case)


def movistar_with_reclamo(tracker: Tracker) -> int:
    """A baja of 1 June 2026 and a reclamo of 10 June: resolved by 9 July (20 business days,
    29 June a holiday), notified by 16 July (5 more). An answer notified on 10 July may be
    appealed until 5 August (15 business days; 23, 28 and 29 July are holidays)."""
    on(tracker, "2026-06-01")
    case = tracker.add_case(
        CaseDraft(provider="Movistar Perú", service="línea 999", ticket="CP-1", playbook="esim-pe")
    )
    assert case.id is not None
    on(tracker, "2026-06-10")
    tracker.escalate(case.id, StageKind.RECLAMO, date(2026, 6, 10), code="R-1")
    return case.id


def test_a_queja_says_it_is_presented_on_its_filed_day_and_why_it_is_allowed(
    tracker: Tracker,
) -> None:
    case_id = movistar_with_reclamo(tracker)
    on(tracker, "2026-09-01")
    tracker.escalate(case_id, StageKind.QUEJA, date(2026, 9, 1))
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.QUEJA)
    assert "Presento esta queja el 1 de setiembre de 2026." in text
    assert "venció el 16 de julio de 2026 sin que se me notificara la resolución" in text
    assert "puede presentarse desde el 17 de julio de 2026" in text
    assert "Presento esta queja a partir" not in text
    assert "el 17 de julio de 2026." not in text


def test_an_apelacion_filed_late_does_not_say_it_is_in_time(tracker: Tracker) -> None:
    case_id = movistar_with_reclamo(tracker)
    on(tracker, "2026-07-10")
    tracker.answer(case_id, date(2026, 7, 10), Outcome.INFUNDADO, code="RES-9")
    on(tracker, "2026-09-01")
    tracker.escalate(case_id, StageKind.APELACION, date(2026, 9, 1))
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.APELACION)
    assert "Lo presento el 1 de setiembre de 2026; el plazo de quince (15) días hábiles" in text
    assert "venció el 5 de agosto de 2026" in text
    assert "dentro del plazo" not in text


def test_an_apelacion_in_time_says_so_with_its_day(tracker: Tracker) -> None:
    case_id = movistar_with_reclamo(tracker)
    on(tracker, "2026-07-10")
    tracker.answer(case_id, date(2026, 7, 10), Outcome.INFUNDADO, code="RES-9")
    on(tracker, "2026-07-20")
    tracker.escalate(case_id, StageKind.APELACION, date(2026, 7, 20))
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.APELACION)
    assert "Lo presento el 20 de julio de 2026, dentro del plazo de quince (15) días hábiles" in text
    assert "que vence el 5 de agosto de 2026" in text
