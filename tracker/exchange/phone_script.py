"""What to say on the phone to a Peruvian operator's hotline, in Spanish, for the case's next step.

NOT FOR TRANSLATION: like the letters (:mod:`tracker.exchange.letters`), what is said to the
operator is Spanish whatever language the tracker speaks, filled from the case (the
service, the holder's name, the dates, the códigos). Each line has a key: what it means,
in the reader's language, is a catalog message in :mod:`tracker.wording.phone_meanings`.
So do the answers an agent may give.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from tracker.config import Holder
from tracker.domain.caserules import CaseRules, carried_out_on, provider_deadline
from tracker.domain.deadlines import stage_views
from tracker.domain.errors import NotAllowed
from tracker.domain.model import Action, Case, StageKind, Status
from tracker.domain.tickets import request_codes
from tracker.exchange.letter_document import Said, said
from tracker.exchange.letter_spanish import NUMEROS, fecha, plazo
from tracker.i18n import _
from tracker.records import record

if TYPE_CHECKING:
    from tracker.core import Tracker


class Situation(StrEnum):
    """Where the case stands, as far as a call goes: it decides which parts of the script."""

    TO_REQUEST = "to_request"  # asked today with no código: the call is the request
    NO_CODE = "no_code"  # asked before, no código de pedido yet
    WAITING = "waiting"  # a código, the operator's deadline not passed
    OVERDUE = "overdue"  # the deadline passed, not carried out, no reclamo yet
    RECLAMO_OPEN = "reclamo_open"  # a reclamo filed, its answer not in
    ANSWERED = "answered"  # the reclamo answered, the baja still not carried out
    SETTLED = "settled"  # carried out, or answered, or closed: only the status is asked


class Part(StrEnum):
    """The parts of a call, in the order a whole script (``call --all``) gives them."""

    INTRODUCE = "introduce"
    ASK_BAJA = "ask_baja"
    DECLINE_RETENTION = "decline_retention"
    ASK_CODE = "ask_code"
    ASK_STATUS = "ask_status"
    ASK_RECLAMO_CODE = "ask_reclamo_code"
    ASK_ANSWER_DUE = "ask_answer_due"


PARTS_FOR = {
    Situation.TO_REQUEST: (Part.INTRODUCE, Part.ASK_BAJA, Part.DECLINE_RETENTION, Part.ASK_CODE),
    Situation.NO_CODE: (Part.INTRODUCE, Part.ASK_STATUS, Part.ASK_CODE),
    Situation.WAITING: (Part.INTRODUCE, Part.ASK_STATUS),
    Situation.OVERDUE: (Part.INTRODUCE, Part.ASK_STATUS, Part.ASK_RECLAMO_CODE, Part.ASK_ANSWER_DUE),
    Situation.RECLAMO_OPEN: (Part.INTRODUCE, Part.ASK_RECLAMO_CODE, Part.ASK_ANSWER_DUE),
    Situation.ANSWERED: (Part.INTRODUCE, Part.ASK_STATUS),
    Situation.SETTLED: (Part.INTRODUCE, Part.ASK_STATUS),
}


@record(frozen=True)
class Section:
    """A part of the call: what the user says, and what the agent may answer."""

    part: Part
    say: tuple[Said, ...]
    answers: tuple[Said, ...]


@record(frozen=True)
class Script:
    situation: Situation
    sections: tuple[Section, ...]
    case_id: int | None
    provider: str


_LETRAS = {"-": "guion", "/": "barra", ".": "punto", " ": ""}


def deletreo(code: str) -> str:
    """A código said digit by digit, as it is repeated back: "CP-12" → "C, P, guion, uno, dos"."""
    said = []
    for ch in code.strip():
        if ch.isdigit():
            said.append(NUMEROS[int(ch)])
        elif ch.isalpha():
            said.append(ch.upper())
        elif _LETRAS.get(ch, ch):
            said.append(_LETRAS.get(ch, ch))
    return ", ".join(said)


_PENDING = (Status.REQUESTED, Status.FAILED)


def situation(case: Case, rules: CaseRules, today: date) -> Situation:
    """Where the case stands for a call, from its status, códigos, deadline and stages."""
    filed = [s for s in case.stages if s.kind is StageKind.RECLAMO and s.filed_on <= today]
    done = not case.is_open or carried_out_on(case, rules.local_day) is not None
    if filed and not filed[-1].answered:
        return Situation.RECLAMO_OPEN
    if filed:
        # An answer ends what the operator owes on the reclamo, not the baja itself.
        return Situation.SETTLED if done or case.status not in _PENDING else Situation.ANSWERED
    if done:
        return Situation.SETTLED
    if case.status not in _PENDING:
        return Situation.SETTLED
    if provider_deadline(case, rules).due < today:
        return Situation.OVERDUE
    if request_codes(case, rules.local_day).all:
        return Situation.WAITING
    return Situation.TO_REQUEST if case.requested_on >= today else Situation.NO_CODE


def _tramite(case: Case) -> str:
    return "suspensión temporal" if case.action is Action.SUSPEND else "baja"


def _introduce(case: Case, holder: Holder, service: str) -> Section:
    name = " ".join(holder.name.split())
    if name:
        greet = said(
            "call.greet_named",
            f"Buenos días. Mi nombre es {name} y soy titular del servicio {service}.",
            name=name,
            service=service,
        )
    else:
        greet = said("call.greet", f"Buenos días. Soy titular del servicio {service}.", service=service)
    document = holder.document.strip()
    # The reader's line reminds them of their own number when [me] has it.
    asks_id = said(
        "agent.ask_id_yours" if document else "agent.ask_id",
        "¿Me brinda su número de documento de identidad, por favor?",
        document=document,
    )
    return Section(Part.INTRODUCE, (greet,), (asks_id,))


def _ask_baja(case: Case, rules: CaseRules) -> Section:
    say = []
    if case.action is Action.SUSPEND:
        start = fecha(case.effective_on) if case.effective_on else "[fecha de inicio]"
        end = fecha(case.ends_on) if case.ends_on else "[fecha de fin]"
        say.append(
            said(
                "call.ask_suspension",
                f"Quiero solicitar la suspensión temporal del servicio desde el {start} hasta el {end}.",
                effective=case.effective_on,
                ends=case.ends_on,
            )
        )
    else:
        say.append(said("call.ask_baja", "Quiero solicitar la baja del servicio."))
        say.append(
            said(
                "call.no_reason",
                "No deseo indicar un motivo: la baja es mi derecho y no requiere expresar causa.",
            )
        )
    first = provider_deadline(case, rules)
    if first.rule is not None:
        say.append(
            said(
                "call.ask_when_done",
                f"¿En qué fecha quedará ejecutada? El plazo máximo es de {plazo(first.rule)}, es decir, "
                f"a más tardar el {fecha(first.due)}.",
                period=first.rule,
                due=first.due,
            )
        )
    answers = (
        said("agent.why", "¿Por qué desea dar de baja el servicio?"),
        said("agent.registered", "Su solicitud ya fue registrada."),
        said("agent.go_to_store", "Debe acercarse a una tienda."),
        said("agent.debt", "Tiene una deuda pendiente."),
    )
    return Section(Part.ASK_BAJA, tuple(say), answers)


def _decline_retention() -> Section:
    say = (
        said("call.decline", "Gracias, pero no me interesa ninguna oferta. Deseo continuar con la baja."),
        said("call.register_now", "Por favor, registre mi solicitud de baja ahora."),
    )
    answers = (
        said("agent.discount", "Le ofrecemos un descuento en su plan."),
        said("agent.cheaper_plan", "Podemos cambiarlo a un plan más económico."),
        said("agent.lose_number", "¿Está seguro? Perderá su número."),
    )
    return Section(Part.DECLINE_RETENTION, say, answers)


def _repeat(key: str, what: str, code: str) -> Said:
    """Repeat a código back, digit by digit: the one the case has, or a blank to fill in."""
    if code:
        return said(key, f"Le repito el {what} para confirmar: {deletreo(code)}. ¿Es correcto?", code=code)
    return said(
        key + "_blank",
        f"Le repito el {what} para confirmar: [cada letra y dígito]. ¿Es correcto?",
    )


def _ask_code(case: Case, rules: CaseRules) -> Section:
    code = request_codes(case, rules.local_day).request
    say = (
        said("call.ask_code", "¿Me puede dar el código de pedido de mi solicitud, por favor?"),
        _repeat("call.repeat_code", "código de pedido", code),
        said("call.agent_name", "¿Me indica su nombre, por favor?"),
    )
    answers = (
        said("agent.code_is", "El código de su pedido es…"),
        said("agent.no_code", "No tengo un código para darle."),
        said("agent.sms", "Le llegará un mensaje de texto con el código."),
    )
    return Section(Part.ASK_CODE, say, answers)


def _ask_status(case: Case, rules: CaseRules) -> Section:
    tramite = _tramite(case)
    code = request_codes(case, rules.local_day).request
    if code:
        status = said(
            "call.ask_status",
            f"Llamo para consultar el estado de mi solicitud de {tramite} del {fecha(case.requested_on)}, "
            f"con código de pedido {code}.",
            action=case.action,
            requested=case.requested_on,
            code=code,
        )
    else:
        status = said(
            "call.ask_status_no_code",
            f"Llamo para consultar el estado de mi solicitud de {tramite} del {fecha(case.requested_on)}; "
            "no me dieron código de pedido.",
            action=case.action,
            requested=case.requested_on,
        )
    say = (
        status,
        said("call.done_yet", f"¿La {tramite} ya fue ejecutada? ¿En qué fecha?", action=case.action),
    )
    answers = (
        said("agent.in_progress", "Su solicitud está en proceso."),
        said("agent.done", f"La {tramite} ya fue ejecutada.", action=case.action),
        said("agent.no_request", "No figura ninguna solicitud."),
        said("agent.system_down", "El sistema no está disponible; llame más tarde."),
    )
    return Section(Part.ASK_STATUS, say, answers)


def _ask_reclamo_code(case: Case, rules: CaseRules) -> Section:
    reclamo = case.latest_stage(StageKind.RECLAMO)
    say = []
    if reclamo is None:
        due = provider_deadline(case, rules).due
        say.append(
            said(
                "call.file_reclamo",
                f"Quiero presentar un reclamo: la {_tramite(case)} que solicité el "
                f"{fecha(case.requested_on)} "
                f"debía ejecutarse a más tardar el {fecha(due)} y no se ha ejecutado.",
                action=case.action,
                requested=case.requested_on,
                due=due,
            )
        )
    else:
        say.append(
            said(
                "call.reclamo_filed",
                f"Presenté un reclamo el {fecha(reclamo.filed_on)} sobre mi solicitud de {_tramite(case)}.",
                filed=reclamo.filed_on,
                action=case.action,
            )
        )
    say.append(said("call.ask_reclamo_code", "¿Me puede dar el código de reclamo, por favor?"))
    say.append(_repeat("call.repeat_reclamo_code", "código de reclamo", reclamo.code if reclamo else ""))
    answers = (
        said("agent.reclamo_registered", "Su reclamo ha sido registrado con el código…"),
        said("agent.wait", "Primero debe esperar a que se ejecute la baja."),
        said("agent.no_reclamo_by_phone", "Los reclamos solo se presentan en tienda."),
    )
    return Section(Part.ASK_RECLAMO_CODE, tuple(say), answers)


def _ask_answer_due(case: Case, rules: CaseRules) -> Section:
    reclamo = case.latest_stage(StageKind.RECLAMO)
    say = []
    if reclamo is not None and not reclamo.answered:
        view = stage_views(case, rules)[case.stages.index(reclamo)]
        due = next((d.due for d in view.deadlines if d.what == "reclamo.answer"), view.answer_due)
        code = f" con código {reclamo.code}" if reclamo.code.strip() else ""
        if due is not None:
            say.append(
                said(
                    "call.answer_due",
                    f"¿En qué fecha me notificarán la resolución de mi reclamo{code}? Según el reglamento, "
                    f"debe notificarse a más tardar el {fecha(due)}.",
                    code=reclamo.code.strip(),
                    due=due,
                )
            )
    if not say:
        say.append(
            said(
                "call.answer_due_unknown",
                "¿En qué plazo resolverán mi reclamo y cómo me notificarán la resolución?",
            )
        )
    answers = (
        said("agent.days_to_resolve", "Tenemos un plazo de … días hábiles para resolver su reclamo."),
        said("agent.by_email", "Le notificaremos la resolución por correo electrónico."),
    )
    return Section(Part.ASK_ANSWER_DUE, tuple(say), answers)


def phone_script(case: Case, rules: CaseRules, holder: Holder, today: date, *, whole: bool = False) -> Script:
    """The call for the case's situation; ``whole``: every part, whatever the situation. A
    refusal (in the reader's language) for a case whose operator is not a Peruvian one."""
    if rules.book is None:
        raise NotAllowed(
            _(
                "case {id} follows the playbook {playbook}, which has no OSIPTEL rules: the phone "
                "script is for Peruvian operators (playbooks esim-pe, suspension-pe)"
            ).format(id=case.id, playbook=case.playbook)
        )
    where = situation(case, rules, today)
    parts = tuple(Part) if whole else PARTS_FOR[where]
    service = " ".join(case.service.split()) or "[servicio y número]"
    build: dict[Part, Callable[[], Section]] = {
        Part.INTRODUCE: lambda: _introduce(case, holder, service),
        Part.ASK_BAJA: lambda: _ask_baja(case, rules),
        Part.DECLINE_RETENTION: _decline_retention,
        Part.ASK_CODE: lambda: _ask_code(case, rules),
        Part.ASK_STATUS: lambda: _ask_status(case, rules),
        Part.ASK_RECLAMO_CODE: lambda: _ask_reclamo_code(case, rules),
        Part.ASK_ANSWER_DUE: lambda: _ask_answer_due(case, rules),
    }
    return Script(where, tuple(build[part]() for part in parts), case.id, case.provider)


def script_for(tracker: Tracker, case: Case, *, whole: bool = False) -> Script:
    """The call script for a case, with the tracker's rules, holder and today."""
    return phone_script(case, tracker.rules_for(case), tracker.config.me, tracker.today(), whole=whole)
