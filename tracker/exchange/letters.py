"""The letters, written in Spanish from the case: the baja request (letter_baja), the
reclamo, the queja and the apelación.

NOT FOR TRANSLATION. These letters go to a Peruvian operator and to OSIPTEL's
tribunal (TRASU), whose working language is Spanish, so they are Spanish
whatever language the tracker speaks: no letter text goes through ``tracker.i18n``.
A refusal to write one is for the reader, and is in the reader's language. The
wording follows the way such letters are written in Peru (dates as "31 de julio de
2026", "setiembre", terms in words and figures, "cinco (5) días hábiles"), and a
deadline names the norm that sets it where the rule book has a source for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.config import Holder
from tracker.domain.caserules import CaseRules, carried_out_on, provider_deadline
from tracker.domain.charges import is_not_owed
from tracker.domain.deadlines import AGAINST_USER, Deadline, stage_views
from tracker.domain.errors import NotAllowed
from tracker.domain.model import Action, Case, Stage, StageKind, Status, Topic
from tracker.domain.phrases import Advice, Phrase
from tracker.domain.rules import Rule, RuleBook
from tracker.domain.stages import guard_queja
from tracker.domain.tickets import Codes, request_codes
from tracker.exchange.letter_baja import baja_request
from tracker.exchange.letter_document import (
    TRASU,
    Letter,
    Said,
    Signer,
    annexes,
    closing,
    opening,
    said,
    service_of,
    signer_for,
    to_operator,
)
from tracker.exchange.letter_spanish import (
    CANALES,
    RESULTADOS,
    cita,
    con,
    enumerate_es,
    fecha,
    norma,
    plazo,
    soles,
)
from tracker.i18n import _
from tracker.records import record

# The letters, by the name `tracker letter ID KIND` takes: the baja request, then a
# letter for each stage that has one (OSIPTEL's form is filled in on its web page).
BAJA = "baja"
LETTER_KINDS = (BAJA, StageKind.RECLAMO.value, StageKind.QUEJA.value, StageKind.APELACION.value)

if TYPE_CHECKING:
    from tracker.core import Tracker


@record(frozen=True)
class Facts:
    """What every letter says about the request, worked out once."""

    accion: str  # "la baja" / "la suspensión temporal"
    tramite: str  # "baja" / "suspensión temporal"
    as_of: date  # the letter's date: nothing later is told
    pending: bool  # not carried out as of that date
    due: date
    rule: Rule | None
    done: date | None
    charges: list[str]
    total: str
    codes: Codes  # the códigos given by the letter's date, the request's first


def _facts(case: Case, rules: CaseRules, as_of: date) -> Facts:
    first = provider_deadline(case, rules)
    tramite = "suspensión temporal" if case.action is Action.SUSPEND else "baja"
    done = carried_out_on(case, rules.local_day)
    if done is not None and done > as_of:
        done, pending = None, True
    else:
        pending = done is None and case.status in (Status.REQUESTED, Status.FAILED)
    charges = []
    told: dict[str, Decimal] = {}
    for charge in case.charges:
        if charge.on > as_of or not is_not_owed(case, charge, rules):
            continue
        told[charge.currency] = told.get(charge.currency, Decimal(0)) + charge.amount
        period = ""
        if charge.period_start and charge.period_end:
            period = f" (periodo del {fecha(charge.period_start)} al {fecha(charge.period_end)})"
        charges.append(f"{soles(charge.amount, charge.currency)}, cobro del {fecha(charge.on)}{period}")
    total = " y ".join(soles(amount, currency) for currency, amount in sorted(told.items()))
    codes = request_codes(case, rules.local_day, until=as_of)
    return Facts(f"la {tramite}", tramite, as_of, pending, first.due, first.rule, done, charges, total, codes)


def _request_facts(case: Case, rules: CaseRules, facts: Facts, letter: Letter) -> list[Said]:
    """The request, the deadline the norm set, and what happened since."""
    book = rules.book
    channel = CANALES[case.channel]
    codes = facts.codes
    ticket = (
        f", con código de pedido {letter.code(codes.request)}"
        if codes.request
        else "; la empresa operadora no me entregó el código de pedido que está obligada a dar"
    )
    chosen = f" con efecto al {fecha(case.effective_on)}" if case.effective_on else ""
    service = service_of(case, letter)
    items = [
        said(
            "hechos.solicite" if codes.request else "hechos.solicite_sin_codigo",
            f"El {fecha(case.requested_on)} solicité {facts.accion} del servicio {service}"
            f"{chosen}{' ' + channel if channel else ''}{ticket}.",
            requested=case.requested_on,
            action=case.action,
            service=service,
            channel=case.channel,
            code=letter.code(codes.request) if codes.request else "",
        )
    ]
    if codes.later:
        items.append(
            said(
                "hechos.codigos_posteriores",
                "En comunicaciones posteriores sobre el mismo pedido, la empresa operadora me dio "
                f"{'los códigos' if len(codes.later) > 1 else 'el código'} "
                f"{enumerate_es([letter.code(c) for c in codes.later])}.",
                codes=", ".join(letter.code(c) for c in codes.later),
            )
        )
    if facts.rule is not None and book is not None:
        cited = cita(book, facts.rule)
        if case.effective_on is not None and facts.due == case.effective_on:
            items.append(
                said(
                    "hechos.fecha_elegida",
                    f"Elegí esa fecha, por lo que {facts.accion} debía ejecutarse el {fecha(facts.due)}.",
                    action=case.action,
                    due=facts.due,
                )
            )
        else:
            according = f"Conforme {con('a', cited)}, la" if cited else "La"
            items.append(
                said(
                    "hechos.plazo",
                    f"{according} empresa operadora debía ejecutar {facts.accion} en un plazo máximo de "
                    f"{plazo(facts.rule)}, es decir, a más tardar el {fecha(facts.due)}.",
                    action=case.action,
                    period=facts.rule,
                    due=facts.due,
                )
            )
    if facts.pending:
        items.append(
            said(
                "hechos.no_ejecutada",
                f"A la fecha, {facts.accion} no ha sido ejecutada: el servicio sigue activo.",
                action=case.action,
            )
        )
    elif facts.done is not None and facts.done > facts.due:
        items.append(
            said(
                "hechos.ejecutada_tarde",
                f"{facts.accion.capitalize()} recién se ejecutó el {fecha(facts.done)}, fuera del plazo.",
                action=case.action,
                done=facts.done,
            )
        )
    if facts.charges:
        items.append(
            said(
                "hechos.cobros",
                f"Se me han cobrado los siguientes conceptos, posteriores a mi solicitud de {facts.tramite}, "
                f"que no corresponde pagar: {'; '.join(facts.charges)}. Total: {facts.total}.",
                action=case.action,
                total=facts.total,
            )
        )
    return items


def _reclamo_deadlines(deadlines: Sequence[Deadline]) -> tuple[Deadline, Deadline]:
    """A reclamo's deadlines to resolve it and to notify the answer."""
    resolve = next(d for d in deadlines if d.what == "reclamo.resolve")
    return resolve, next(d for d in deadlines if d.what == "reclamo.answer")


def _reclamo_facts(
    case: Case, rules: CaseRules, reclamo: Stage, letter: Letter, as_of: date
) -> tuple[list[Said], bool]:
    """The reclamo and what became of it; and whether its answer came late (or never)."""
    assert rules.book is not None
    book = rules.book
    view = stage_views(case, rules)[case.stages.index(reclamo)]
    resolve, notify = _reclamo_deadlines(view.deadlines)
    code = f", con código de reclamo {letter.code(reclamo.code)}" if reclamo.code.strip() else ""
    items = [
        said(
            "hechos.reclamo" if code else "hechos.reclamo_sin_codigo",
            f"El {fecha(reclamo.filed_on)} presenté un reclamo ante la empresa operadora{code}.",
            filed=reclamo.filed_on,
            code=letter.code(reclamo.code),
        )
    ]
    assert resolve.rule is not None and notify.rule is not None
    to_resolve, to_notify = cita(book, resolve.rule), cita(book, notify.rule)
    both = to_resolve is not None and to_resolve == to_notify
    opening = f"De acuerdo con {to_resolve}, la" if to_resolve else "La"
    notify_cited = f", conforme {con('a', to_notify)}," if to_notify and not both else ""
    items.append(
        said(
            "hechos.plazo_reclamo",
            f"{opening} empresa operadora tenía {plazo(resolve.rule)} para resolverlo, hasta el "
            f"{fecha(resolve.due)}, y{notify_cited} {plazo(notify.rule)} más para notificarme la "
            f"resolución, hasta el {fecha(notify.due)}.",
            resolve_period=resolve.rule,
            resolve_due=resolve.due,
            notify_period=notify.rule,
            notify_due=notify.due,
        )
    )
    answered_on = reclamo.answered_on if reclamo.answered_on and reclamo.answered_on <= as_of else None
    late = answered_on is None or answered_on > notify.due
    if answered_on is None:
        items.append(
            said("hechos.sin_resolucion", "Vencido dicho plazo, no se me ha notificado resolución alguna.")
        )
    else:
        assert reclamo.outcome is not None
        number = f" {letter.code(reclamo.answer_code)}" if reclamo.answer_code.strip() else ""
        when = ", fuera del plazo legal" if late else ""
        items.append(
            said(
                "hechos.resolucion_tarde" if late else "hechos.resolucion",
                f"El {fecha(answered_on)} se me notificó la resolución{number}{when}, que declaró "
                f"{RESULTADOS[reclamo.outcome]} mi reclamo.",
                answered=answered_on,
                number=number.strip(),
                outcome=reclamo.outcome,
            )
        )
    return items, late


def _asks(case: Case, facts: Facts, *, ordered: bool) -> list[Said]:
    """What is asked for: of the operator itself, or (``ordered``) of TRASU, to order it."""
    asks = []
    pending = facts.pending
    if pending and ordered:
        asks.append(
            said(
                "pedido.ordenar_ejecutar",
                f"Que se ordene a la empresa operadora ejecutar {facts.accion} del servicio con efecto al "
                f"{fecha(facts.due)}, fecha en que debió ejecutarse.",
                action=case.action,
                due=facts.due,
            )
        )
    elif pending:
        asks.append(
            said(
                "pedido.ejecutar",
                f"Que se ejecute {facts.accion} del servicio de inmediato, con efecto al {fecha(facts.due)}, "
                "fecha en que debió ejecutarse.",
                action=case.action,
                due=facts.due,
            )
        )
    if facts.charges and ordered:
        asks.append(
            said(
                "pedido.ordenar_anular_cobros",
                "Que se ordene a la empresa operadora anular los cobros indicados "
                f"({facts.total}) y devolver "
                "lo que se hubiera pagado, con los intereses que correspondan.",
                total=facts.total,
            )
        )
    elif facts.charges:
        asks.append(
            said(
                "pedido.anular_cobros",
                f"Que se anulen los cobros indicados ({facts.total}) y, de haber sido pagados, "
                "se me devuelvan "
                "con los intereses que correspondan.",
                total=facts.total,
            )
        )
    return asks


def compose_letter(
    case: Case,
    kind: str,
    rules: CaseRules,
    holder: Holder,
    today: date,
    *,
    markdown: bool = True,
    redact: bool = False,
) -> Letter:
    """The letter of ``kind`` (baja, or a stage: reclamo, queja, apelacion) for the case, in
    Spanish, as blocks each with the key of its explanation; a refusal says why in the
    reader's language."""
    if rules.book is None:
        raise NotAllowed(
            _(
                "case {id} follows the playbook {playbook}, which has no OSIPTEL rules: "
                "the letters are for Peruvian operators (playbooks esim-pe, suspension-pe)"
            ).format(id=case.id, playbook=case.playbook)
        )
    letter = Letter(markdown, redact)
    signer = signer_for(letter, holder)
    if kind == BAJA:
        baja_request(case, rules, letter, signer)
    elif kind == StageKind.RECLAMO:
        _reclamo(case, rules, letter, signer, today)
    elif kind == StageKind.QUEJA:
        _queja(case, rules, letter, signer, today)
    elif kind == StageKind.APELACION:
        _apelacion(case, rules, letter, signer, today)
    else:
        raise NotAllowed(_("OSIPTEL's form is filled in on its web page; there is no letter for it"))
    return letter


def _receipts(case: Case, as_of: date, letter: Letter) -> list[str]:
    """The bills a billing reclamo is about: the reclamo rules (art. 49) ask for the receipt's
    number or its issue or due date. Each is named by what the charge holds (``charge
    --receipt/--due``); what it lacks is left as a placeholder for the user to fill in."""
    bills = [c for c in case.charges if c.on <= as_of]
    if not bills:
        return ["Recibo: [número del recibo, fecha de emisión y fecha de vencimiento]"]
    lines = []
    for bill in bills:
        number = f"N.° {letter.code(bill.receipt)}" if bill.receipt.strip() else "[número del recibo]"
        due = fecha(bill.due_on) if bill.due_on is not None else "[fecha de vencimiento]"
        lines.append(f"Recibo: {number}, emitido el {fecha(bill.on)}, con vencimiento el {due}")
    return lines


def _reclamo(case: Case, rules: CaseRules, letter: Letter, signer: Signer, today: date) -> None:
    assert rules.book is not None
    reclamo = case.latest_stage(StageKind.RECLAMO)
    topic = reclamo.topic if reclamo is not None and reclamo.topic is not None else Topic.BAJA
    dated = reclamo.filed_on if reclamo is not None else today
    facts = _facts(case, rules, dated)
    subject = {
        Topic.BAJA: f"Asunto: Reclamo por {facts.tramite} del servicio no ejecutada",
        Topic.BILLING: "Asunto: Reclamo por facturación",
        Topic.QUALITY: "Asunto: Reclamo por calidad del servicio",
        Topic.UNREQUESTED: "Asunto: Reclamo por baja, suspensión o corte del servicio no solicitados",
    }[topic]
    refs = [f"Servicio: {service_of(case, letter)}"]
    if facts.codes.request:
        refs.append(f"Código de pedido: {letter.code(facts.codes.request)}")
    if reclamo is not None and reclamo.code.strip():
        refs.append(f"Código de reclamo: {letter.code(reclamo.code)}")
    if topic is Topic.BILLING:
        refs += _receipts(case, dated, letter)
    about = said(f"reclamo.asunto_{topic.value}", "", action=case.action, service=service_of(case, letter))
    opening(letter, signer, dated, to_operator(case, letter), [subject, *refs], about)
    reglamento_rule = rules.book.rule("reclamo.notify", dated)
    reglamento = norma(rules.book, reglamento_rule)
    letter.para(
        said(
            "reclamo.presento",
            f"{signer.yo(service_of(case, letter))}, "
            f"presento el siguiente RECLAMO, conforme {con('a', reglamento)}.",
            norm=rules.book.norm(reglamento_rule.norm).citation,
        )
    )
    letter.heading("I. HECHOS", "hechos")
    letter.numbered(_request_facts(case, rules, facts, letter))
    letter.heading("II. PEDIDO", "pedido")
    asks = _asks(case, facts, ordered=False)
    if reclamo is not None:
        view = stage_views(case, rules)[case.stages.index(reclamo)]
        resolve_deadline, notify_deadline = _reclamo_deadlines(view.deadlines)
        resolve, notify = resolve_deadline.rule, notify_deadline.rule
        assert resolve is not None and notify is not None
        asks.append(
            said(
                "reclamo.notificar_en_plazo",
                "Que se me notifique la resolución de este reclamo dentro del plazo de "
                f"{plazo(resolve)} para "
                f"resolverlo y {plazo(notify)} para notificarlo, es decir, a más tardar el "
                f"{fecha(notify_deadline.due)}.",
                resolve_period=resolve,
                notify_period=notify,
                notify_due=notify_deadline.due,
            )
        )
    else:
        asks.append(
            said(
                "reclamo.pedir_codigo",
                "Que se me entregue el código de reclamo y se me notifique la resolución "
                "dentro del plazo legal.",
            )
        )
    letter.numbered(asks)
    annexes(case, letter, dated, rules.local_day)
    closing(letter, signer)


def _queja(case: Case, rules: CaseRules, letter: Letter, signer: Signer, today: date) -> None:
    reclamo = case.latest_stage(StageKind.RECLAMO)
    if reclamo is None:
        raise NotAllowed(
            Phrase(
                _("a queja for silence needs a reclamo first: file one with {how}"),
                how=Advice(f"escalate {case.id} reclamo", "case.next_step"),
            )
        )
    queja = case.latest_stage(StageKind.QUEJA)
    view = stage_views(case, rules)[case.stages.index(reclamo)]
    resolve, notify = _reclamo_deadlines(view.deadlines)
    allowed = rules.calendar.add(notify.due, 1)
    dated = queja.filed_on if queja is not None and queja.filed_on >= reclamo.filed_on else today
    facts = _facts(case, rules, dated)
    # As the domain's guard: issued after its deadline, silence applies even when the
    # answer was notified in time.
    issued = reclamo.issued_on if reclamo.issued_on and reclamo.issued_on <= dated else None
    issued_late = issued is not None and issued > resolve.due
    # The domain's guard, as `escalate … queja` applies it: too early, or an answer in time
    # (then there was no silence: an apelación is the way).
    guard_queja(case, dated, rules)
    subject = ["Asunto: Queja por silencio administrativo positivo"]
    if reclamo.code.strip():
        subject.append(f"Código de reclamo: {letter.code(reclamo.code)}")
    subject.append(f"Servicio: {service_of(case, letter)}")
    opening(
        letter,
        signer,
        dated,
        ["Señores", TRASU, f"Por intermedio de: {letter.user(case.provider)}"],
        subject,
        said("queja.asunto", "", code=letter.code(reclamo.code), service=service_of(case, letter)),
    )
    failed = "no emitió" if issued_late else "no me notificó"
    letter.para(
        said(
            "queja.presento_no_emitio" if issued_late else "queja.presento_no_notifico",
            f"{signer.yo(service_of(case, letter))}, "
            f"presento QUEJA contra {letter.user(case.provider)} porque {failed} la resolución de mi "
            "reclamo dentro del plazo legal, y solicito que se aplique el silencio administrativo positivo.",
            provider=letter.user(case.provider),
        )
    )
    letter.heading("I. HECHOS", "hechos")
    reclamo_items, _late = _reclamo_facts(case, rules, reclamo, letter, dated)
    items = _request_facts(case, rules, facts, letter) + reclamo_items
    if issued_late:
        assert issued is not None
        items.append(
            said(
                "queja.procede_emitida_tarde",
                f"Presento esta queja el {fecha(dated)}. Procede porque el plazo para resolver mi reclamo "
                f"venció el {fecha(resolve.due)} y la resolución recién fue emitida el {fecha(issued)}, "
                "fuera de ese plazo.",
                dated=dated,
                resolve_due=resolve.due,
                issued=issued,
            )
        )
    else:
        answered_on = reclamo.answered_on if reclamo.answered_on and reclamo.answered_on <= dated else None
        why = (
            "sin que se me notificara la resolución"
            if answered_on is None
            else f"y la resolución recién se me notificó el {fecha(answered_on)}"
        )
        items.append(
            said(
                "queja.procede_sin_resolucion" if answered_on is None else "queja.procede_notificada_tarde",
                f"Presento esta queja el {fecha(dated)}. Procede porque el plazo para notificarme la "
                f"resolución de mi reclamo venció el {fecha(notify.due)} {why}; la queja puede presentarse "
                f"desde el {fecha(allowed)}, día hábil siguiente a su vencimiento.",
                dated=dated,
                notify_due=notify.due,
                answered=answered_on,
                allowed=allowed,
            )
        )
    letter.numbered(items)
    letter.heading("II. PEDIDO", "pedido")
    asks = [
        said(
            "queja.pedir_silencio",
            "Que se declare aplicable el silencio administrativo positivo y, en consecuencia, "
            "fundado mi reclamo.",
        )
    ]
    asks += _asks(case, facts, ordered=True)
    letter.numbered(asks)
    annexes(case, letter, dated, rules.local_day)
    closing(letter, signer)


def _apelacion(case: Case, rules: CaseRules, letter: Letter, signer: Signer, today: date) -> None:
    assert rules.book is not None
    answered = [s for s in case.stages if s.kind is StageKind.RECLAMO and s.answered_on is not None]
    if not answered:
        raise NotAllowed(
            Phrase(
                _("an apelación needs a reclamo answered first: record the answer with {how}"),
                how=Advice(f"answer {case.id}", "case.answer"),
            )
        )
    if answered[-1].outcome not in AGAINST_USER:
        raise NotAllowed(
            _(
                "the reclamo was declared fundado: there is nothing to appeal "
                "(a queja applies if it is not complied with)"
            )
        )
    reclamo = answered[-1]
    assert reclamo.answered_on is not None and reclamo.outcome is not None
    view = stage_views(case, rules)[case.stages.index(reclamo)]
    window = next(d for d in view.deadlines if d.what == "apelacion.file")
    assert window.rule is not None
    forward = rules.book.rule("apelacion.forward", reclamo.answered_on)
    appeal = next(
        (s for s in case.stages if s.kind is StageKind.APELACION and s.filed_on >= reclamo.answered_on), None
    )
    dated = appeal.filed_on if appeal is not None else today
    facts = _facts(case, rules, dated)
    number = letter.code(reclamo.answer_code) if reclamo.answer_code.strip() else "[número de la resolución]"
    subject = [f"Asunto: Recurso de apelación contra la resolución {number}"]
    if reclamo.code.strip():
        subject.append(f"Código de reclamo: {letter.code(reclamo.code)}")
    subject.append(f"Servicio: {service_of(case, letter)}")
    opening(
        letter,
        signer,
        dated,
        ["Señores", letter.user(case.provider), f"Para su elevación al {TRASU}"],
        subject,
        said("apelacion.asunto", "", number=number, service=service_of(case, letter)),
    )
    letter.para(
        said(
            "apelacion.interpongo" if dated <= window.due else "apelacion.interpongo_fuera_de_plazo",
            f"{signer.yo(service_of(case, letter))}, "
            f"interpongo RECURSO DE APELACIÓN contra la resolución {number}, notificada el "
            f"{fecha(reclamo.answered_on)}, que declaró {RESULTADOS[reclamo.outcome]} mi reclamo. "
            f"{_appeal_in_time(dated, window.due, window.rule, rules.book)} Solicito que sea elevado al "
            f"TRASU dentro de los {plazo(forward)} siguientes.",
            number=number,
            answered=reclamo.answered_on,
            outcome=reclamo.outcome,
            dated=dated,
            window_due=window.due,
            forward_period=forward,
        )
    )
    letter.heading("I. HECHOS", "hechos")
    reclamo_items, late = _reclamo_facts(case, rules, reclamo, letter, dated)
    letter.numbered(_request_facts(case, rules, facts, letter) + reclamo_items)
    letter.heading("II. FUNDAMENTOS", "fundamentos")
    grounds = []
    if facts.rule is not None:
        done = facts.done
        not_done = done is None or done > facts.due
        grounds.append(
            said(
                "apelacion.derecho_no_ejecutada" if not_done else "apelacion.derecho_ejecutada",
                f"{facts.accion.capitalize()} es un derecho del abonado: es gratuita, no requiere expresar "
                "causa y la empresa operadora debe ejecutarla en "
                + (
                    f"el plazo que fija {cited}. "
                    if (cited := cita(rules.book, facts.rule))
                    else f"{plazo(facts.rule)}. "
                )
                + ("No lo hizo." if done is None or done > facts.due else f"Se ejecutó el {fecha(done)}."),
                action=case.action,
                period=facts.rule,
                done=facts.done,
            )
        )
    grounds += _answer_to_reason(reclamo, rules.book, letter)
    if facts.charges:
        grounds.append(
            said(
                "apelacion.cobros",
                f"Los cobros emitidos después de mi solicitud, mientras {facts.accion} no se ejecutaba, no "
                f"corresponde pagarlos ({facts.total}).",
                action=case.action,
                total=facts.total,
            )
        )
    if late:
        grounds.append(
            said(
                "apelacion.silencio",
                "La resolución apelada fue notificada fuera del plazo legal, por lo que operó el silencio "
                "administrativo positivo a mi favor.",
            )
        )
    letter.numbered(grounds)
    letter.heading("III. PEDIDO", "pedido")
    asks = [
        said(
            "apelacion.revocar",
            f"Que se revoque la resolución {number} y se declare fundado mi reclamo.",
            number=number,
        )
    ]
    asks += _asks(case, facts, ordered=True)
    letter.numbered(asks)
    annexes(case, letter, dated, rules.local_day)
    closing(letter, signer)


def _answer_to_reason(reclamo: Stage, book: RuleBook, letter: Letter) -> list[Said]:
    """The reason the answer gave, as the user recorded it, and the rule book's reply to it; a
    placeholder for the user's own reply when the book has none."""
    from tracker.domain.replies import reply_to

    reason = " ".join(reclamo.answer_reason.split())
    if not reason:
        return []
    sostiene = f"La resolución apelada sostiene, en síntesis, que «{letter.user(reason)}»."
    reply = reply_to(book.replies, reason)
    if reply is None:
        return [
            said(
                "apelacion.motivo_sin_respuesta",
                f"{sostiene} [Explique por qué ese motivo no es válido.]",
                reason=letter.user(reason),
            )
        ]
    cited = ""
    if reply.norm:
        norm = book.norm(reply.norm)
        where = f"el {reply.article} de " if reply.article else ""
        cited = f" Así lo establece {where}{norm.title} ({norm.citation})."
    return [said("apelacion.motivo_respuesta", f"{sostiene} {reply.text}{cited}", reason=letter.user(reason))]


def _appeal_in_time(dated: date, due: date, rule: Rule, book: RuleBook) -> str:
    """The day the apelación is presented, and whether that is within its window: a letter
    never claims a day or a timeliness that is not the case's."""
    span = f"plazo de {plazo(rule)} contados desde el día hábil siguiente a la notificación"
    cited = cita(book, rule)
    law = f", conforme {con('a', cited)}" if cited else ""
    if dated <= due:
        return f"Lo presento el {fecha(dated)}, dentro del {span}, que vence el {fecha(due)}{law}."
    return f"Lo presento el {fecha(dated)}; el {span} venció el {fecha(due)}{law}."


def letter_for(
    tracker: Tracker, case: Case, kind: str, *, fmt: str = "md", redact: bool = False, explain: bool = False
) -> str:
    """The letter of ``kind`` for a case, with the tracker's rules, holder and today; with
    ``explain``, the reading aid: each paragraph followed by its meaning in the reader's language."""
    letter = compose_letter(
        case,
        kind,
        tracker.rules_for(case),
        tracker.config.me,
        tracker.today(),
        markdown=fmt == "md",
        redact=redact,
    )
    if not explain:
        return letter.text()
    from tracker.wording.letter_meanings import meaning_line, reading_aid_bottom, reading_aid_top

    return letter.explained(meaning_line, reading_aid_top(), reading_aid_bottom())


def letter_filename(case: Case, kind: str, fmt: str = "md", *, explain: bool = False) -> str:
    """ "reclamo-caso-3.md"; the reading aid is named apart, so it is never taken for the letter."""
    return f"{kind}-caso-{case.id}{'-ayuda-de-lectura' if explain else ''}.{fmt}"


def write_letter(
    tracker: Tracker, case: Case, kind: str, folder: Path | None = None, *, explain: bool = False
) -> Path:
    """Write the letter (or, with ``explain``, its reading aid) as Markdown in the exports
    folder (beside the database) and return its path; one written earlier is replaced."""
    from tracker.exchange.files import exports_folder, write_private

    text = letter_for(tracker, case, kind, explain=explain)
    target = (folder or exports_folder(tracker.path)) / letter_filename(case, kind, explain=explain)
    write_private(
        target, lambda stream: stream.write(text.encode("utf-8")), live=tracker.live_files(), make_folder=True
    )
    return target
