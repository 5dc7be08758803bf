"""Issue 18 §3, before a baja: the alternatives and conditions in the playbooks' notes, each
with its source in the rule book, and porting the number as its own playbook (port-pe)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.caserules import CaseRules
from tracker.domain.deadlines import case_deadlines
from tracker.domain.playbooks import BUILT_IN, ESIM_PE, PORT_PE
from tracker.domain.rules import builtin_rulebook
from tracker.domain.workflow import CaseDraft, open_case

PE = BusinessCalendar("PE")
BOOK = builtin_rulebook("pe")


def test_every_note_cites_a_fact_of_its_rule_book_with_a_source() -> None:
    for playbook in BUILT_IN:
        for note in playbook.notes:
            assert playbook.rulebook is not None
            fact = builtin_rulebook(playbook.rulebook).fact(note.fact)
            assert fact.says and (fact.norm or fact.source), fact


def test_the_alternatives_and_conditions_before_a_baja_are_in_esim_pe() -> None:
    facts = [note.fact for note in ESIM_PE.notes]
    assert facts == [
        "portabilidad",
        "prepaid.unused",
        "contract.device",
        "baja.holder",
        "baja.debt",
        "osiptel.quiero-salirme",
    ]
    # Port BEFORE the baja: said in the steps too, right after deciding.
    assert "BEFORE any baja" in ESIM_PE.steps[1] and "port-pe" in ESIM_PE.steps[1]


def test_what_could_not_be_confirmed_is_marked_unverified() -> None:
    port = BOOK.fact("portabilidad")
    assert port.norm == "osiptel-286-2018" and BOOK.norm(port.norm).citation == "Res. 286-2018-CD/OSIPTEL"
    assert port.unverified  # the norm's text is not kept with the rule book
    assert all(BOOK.fact(note.fact).unverified for note in ESIM_PE.notes)
    # No figure without a source: the prepaid period is the operator's, not a number.
    assert not any(ch.isdigit() for ch in BOOK.fact("prepaid.unused").says)


def test_a_port_request_is_due_the_next_day() -> None:
    # Asked on Monday 27 July 2026: the number moves between 00:00 and 03:00 on Tuesday
    # 28 July, a holiday (Independence Day) that the port does not wait for.
    requested = date(2026, 7, 27)
    draft = CaseDraft("Entel Perú", "987 654 321", requested, playbook="port-pe")
    case = open_case(draft, PORT_PE, PE, datetime.combine(requested, time(10), tzinfo=UTC), requested, BOOK)
    assert case.promised_by == date(2026, 7, 28)
    [first] = [d for d in case_deadlines(case, CaseRules(PORT_PE, PE, BOOK)) if d.what == "portabilidad"]
    assert first.due == date(2026, 7, 28) and first.rule is not None and first.rule.key == "portabilidad"
