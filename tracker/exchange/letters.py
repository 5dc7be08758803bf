"""The reclamo, the queja and the apelación, written in Spanish from the case.

NOT FOR TRANSLATION. These letters go to a Peruvian operator and to OSIPTEL's
tribunal (TRASU), whose working language is Spanish, so they are Spanish
whatever language the tracker speaks: none of the text here goes through
``tracker.i18n``. The wording follows the way such letters are written in Peru
(dates as "31 de julio de 2026", "setiembre", terms in words and figures,
"cinco (5) días hábiles"), and every deadline names the norm that sets it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.config import Holder
from tracker.display import literal
from tracker.domain.caserules import CaseRules, carried_out_on, provider_deadline
from tracker.domain.charges import is_not_owed
from tracker.domain.deadlines import AGAINST_USER, stage_views
from tracker.domain.errors import NotAllowed
from tracker.domain.model import Action, Case, Channel, Outcome, Stage, StageKind, Status, Topic
from tracker.domain.rules import Rule, RuleBook, Unit
from tracker.exchange.dossier import md
from tracker.exchange.redact import redact as mask
from tracker.records import field, record

if TYPE_CHECKING:
    from tracker.core import Tracker

MESES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "setiembre",  # the form used in Peru's official documents
    "octubre",
    "noviembre",
    "diciembre",
)

_NUMEROS = (
    "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
    "dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro "
    "veinticinco veintiséis veintisiete veintiocho veintinueve treinta"
)
NUMEROS = _NUMEROS.split()

CANALES = {
    Channel.PHONE: "por vía telefónica",
    Channel.WEB: "a través de la página web",
    Channel.APP: "a través del aplicativo",
    Channel.STORE: "de manera presencial, en tienda",
    Channel.EMAIL: "por correo electrónico",
    Channel.CHAT: "por chat",
    Channel.OTHER: "",
}

RESULTADOS = {
    Outcome.FUNDADO: "fundado",
    Outcome.INFUNDADO: "infundado",
    Outcome.PARCIAL: "fundado en parte",
    Outcome.IMPROCEDENTE: "improcedente",
    Outcome.INADMISIBLE: "inadmisible",
}

AVISO = (
    "Este escrito fue preparado con tracker a partir de los datos que registró el propio usuario. "
    "No constituye asesoría legal: verifique los hechos, las fechas y los plazos antes de presentarlo."
)


def fecha(day: date) -> str:
    """31 de julio de 2026."""
    return f"{day.day} de {MESES[day.month - 1]} de {day.year}"


def plazo(rule: Rule) -> str:
    """ "cinco (5) días hábiles", "un (1) día hábil", "un (1) mes"."""
    n = rule.amount
    word = "un" if n == 1 else (NUMEROS[n] if n < len(NUMEROS) else str(n))
    if rule.unit is Unit.BUSINESS_DAYS:
        unit = "día hábil" if n == 1 else "días hábiles"
    elif rule.unit is Unit.MONTHS:
        unit = "mes" if n == 1 else "meses"
    else:
        unit = "día calendario" if n == 1 else "días calendario"
    return f"{word} ({n}) {unit}"


def soles(amount: Decimal, currency: str) -> str:
    shown = f"{amount.quantize(Decimal('0.01')):,}"
    return f"S/ {shown}" if currency == "PEN" else f"{currency} {shown}"


def norma(book: RuleBook, rule: Rule) -> str:
    """The norm with its determiner: "el TUO de ... (Res. 138-2012-CD/OSIPTEL)", "la Norma de ..."."""
    norm = book.norm(rule.norm)
    article = f", {rule.article}" if rule.article else ""
    determiner = "la" if norm.title.split(" ", 1)[0] in ("Norma", "Resolución", "Directiva") else "el"
    return f"{determiner} {norm.title} ({norm.citation}{article})"


def con(preposition: str, phrase: str) -> str:
    """ "a" + "el TUO" gives "al TUO"; "de" + "el" gives "del"."""
    if phrase.startswith("el ") and preposition in ("a", "de"):
        return f"{preposition}l {phrase[3:]}"
    return f"{preposition} {phrase}"


# -- the document --------------------------------------------------------------------


@record
class Letter:
    """A letter as blocks, rendered as Markdown or plain text."""

    markdown: bool
    redact: bool
    lines: list[str] = field(default_factory=list)

    def user(self, text: str) -> str:
        """User text (provider, service, códigos, names): masked if asked, escaped for Markdown."""
        shown = mask(text) if self.redact else text
        return md(shown) if self.markdown else literal(" ".join(shown.split()))

    def code(self, text: str) -> str:
        """A código or resolution number: never masked (the operator needs it whole)."""
        return md(text) if self.markdown else literal(" ".join(text.split()))

    def title(self, text: str) -> None:
        self.lines += [f"# {text}" if self.markdown else text.upper(), ""]

    def heading(self, text: str) -> None:
        self.lines += [f"## {text}" if self.markdown else text, ""]

    def para(self, text: str) -> None:
        self.lines += [text, ""]

    def block(self, rows: Iterable[str]) -> None:
        rows = list(rows)
        if self.markdown:
            rows = [row + "  " for row in rows[:-1]] + rows[-1:]  # hard line breaks
        self.lines += [*rows, ""]

    def numbered(self, items: Iterable[str]) -> None:
        self.lines += [f"{n}. {item}" for n, item in enumerate(items, start=1)]
        self.lines.append("")

    def bullets(self, items: Iterable[str]) -> None:
        self.lines += [f"- {item}" for item in items]
        self.lines.append("")

    def text(self) -> str:
        body = "\n".join(self.lines).rstrip() + "\n"
        return re.sub(r"\n{3,}", "\n\n", body)


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
    return Facts(f"la {tramite}", tramite, as_of, pending, first.due, first.rule, done, charges, total)


def _opening(letter: Letter, dated: date, to: list[str], subject: list[str]) -> None:
    letter.block([f"Fecha: {fecha(dated)}"])
    letter.block([*to, "Presente.-"])
    letter.block([f"**{subject[0]}**" if letter.markdown else subject[0], *subject[1:]])
    letter.para("De mi consideración:")


def _holder(letter: Letter, holder: Holder) -> tuple[str, str]:
    name = letter.user(holder.name) if holder.name.strip() else "[nombre completo del titular]"
    document = holder.document.strip()
    if not document:
        shown = "[tipo y número de documento de identidad]"
    elif document.isdigit():
        shown = "DNI N.° " + letter.user(document)
    else:
        shown = letter.user(document)
    return name, shown


def _service(case: Case, letter: Letter) -> str:
    return letter.user(case.service) if case.service.strip() else "[servicio y número]"


def _request_facts(case: Case, rules: CaseRules, facts: Facts, letter: Letter) -> list[str]:
    """The request, the deadline the norm set, and what happened since."""
    book = rules.book
    channel = CANALES[case.channel]
    ticket = (
        f", con código de pedido {letter.code(case.ticket)}"
        if case.ticket.strip()
        else "; la empresa operadora no me entregó el código de pedido que está obligada a dar"
    )
    chosen = f" con efecto al {fecha(case.effective_on)}" if case.effective_on else ""
    items = [
        f"El {fecha(case.requested_on)} solicité {facts.accion} del servicio {_service(case, letter)}"
        f"{chosen}{' ' + channel if channel else ''}{ticket}."
    ]
    if facts.rule is not None and book is not None:
        according = "Conforme " + con("a", norma(book, facts.rule))
        if case.effective_on is not None and facts.due == case.effective_on:
            items.append(
                f"{according}, elegí esa fecha con la anticipación que la norma permite, por lo que "
                f"{facts.accion} debía ejecutarse el {fecha(facts.due)}."
            )
        else:
            items.append(
                f"{according}, la empresa operadora debía ejecutar {facts.accion} en un plazo máximo de "
                f"{plazo(facts.rule)}, es decir, a más tardar el {fecha(facts.due)}."
            )
    if facts.pending:
        items.append(f"A la fecha, {facts.accion} no ha sido ejecutada: el servicio sigue activo.")
    elif facts.done is not None and facts.done > facts.due:
        items.append(
            f"{facts.accion.capitalize()} recién se ejecutó el {fecha(facts.done)}, fuera del plazo."
        )
    if facts.charges:
        items.append(
            f"Se me han cobrado los siguientes conceptos, posteriores a mi solicitud de {facts.tramite}, "
            f"que no corresponde pagar: {'; '.join(facts.charges)}. Total: {facts.total}."
        )
    return items


def _reclamo_facts(
    case: Case, rules: CaseRules, reclamo: Stage, letter: Letter, as_of: date
) -> tuple[list[str], bool]:
    """The reclamo and what became of it; and whether its answer came late (or never)."""
    assert rules.book is not None
    book = rules.book
    view = stage_views(case, rules)[case.stages.index(reclamo)]
    resolve, notify = view.deadlines[0], view.deadlines[1]
    code = f", con código de reclamo {letter.code(reclamo.code)}" if reclamo.code.strip() else ""
    items = [f"El {fecha(reclamo.filed_on)} presenté un reclamo ante la empresa operadora{code}."]
    assert resolve.rule is not None and notify.rule is not None
    items.append(
        f"De acuerdo con {norma(book, resolve.rule)}, la empresa operadora tenía {plazo(resolve.rule)} para "
        f"resolverlo, hasta el {fecha(resolve.due)}, y {plazo(notify.rule)} más para notificarme la "
        f"resolución, hasta el {fecha(notify.due)}."
    )
    answered_on = reclamo.answered_on if reclamo.answered_on and reclamo.answered_on <= as_of else None
    late = answered_on is None or answered_on > notify.due
    if answered_on is None:
        items.append("Vencido dicho plazo, no se me ha notificado resolución alguna.")
    else:
        assert reclamo.outcome is not None
        number = f" {letter.code(reclamo.answer_code)}" if reclamo.answer_code.strip() else ""
        when = ", fuera del plazo legal" if late else ""
        items.append(
            f"El {fecha(answered_on)} se me notificó la resolución{number}{when}, que declaró "
            f"{RESULTADOS[reclamo.outcome]} mi reclamo."
        )
    return items, late


def _asks(case: Case, facts: Facts, *, ordered: bool) -> list[str]:
    """What is asked for: of the operator itself, or (``ordered``) of TRASU, to order it."""
    asks = []
    pending = facts.pending
    if pending and ordered:
        asks.append(
            f"Que se ordene a la empresa operadora ejecutar {facts.accion} del servicio con efecto al "
            f"{fecha(facts.due)}, fecha en que debió ejecutarse."
        )
    elif pending:
        asks.append(
            f"Que se ejecute {facts.accion} del servicio de inmediato, con efecto al {fecha(facts.due)}, "
            "fecha en que debió ejecutarse."
        )
    if facts.charges and ordered:
        asks.append(
            f"Que se ordene a la empresa operadora anular los cobros indicados ({facts.total}) y devolver "
            "lo que se hubiera pagado, con los intereses que correspondan."
        )
    elif facts.charges:
        asks.append(
            f"Que se anulen los cobros indicados ({facts.total}) y, de haber sido pagados, se me devuelvan "
            "con los intereses que correspondan."
        )
    return asks


def _annexes(case: Case, letter: Letter) -> None:
    if not case.attachments:
        return
    letter.heading("ANEXOS")
    letter.numbered(
        f"{letter.user(a.name)} (SHA-256 {a.sha256[:16]}…)" if letter.markdown else f"{letter.user(a.name)}"
        for a in case.attachments
    )


def _closing(letter: Letter, name: str, document: str) -> None:
    letter.para("Atentamente,")
    letter.block([name, document])
    letter.lines += ["---" if letter.markdown else "-" * 40, "", f"*{AVISO}*" if letter.markdown else AVISO]


def _to_operator(case: Case, letter: Letter) -> list[str]:
    return ["Señores", letter.user(case.provider)]


TRASU = "Tribunal Administrativo de Solución de Reclamos de Usuarios (TRASU) del OSIPTEL"


def render_letter(
    case: Case,
    kind: StageKind,
    rules: CaseRules,
    holder: Holder,
    today: date,
    *,
    markdown: bool = True,
    redact: bool = False,
) -> str:
    """The letter of ``kind`` (reclamo, queja, apelacion) for the case, in Spanish."""
    if rules.book is None:
        raise NotAllowed(
            f"case {case.id} follows the playbook {case.playbook}, which has no OSIPTEL rules: "
            "the letters are for Peruvian operators (playbooks esim-pe, suspension-pe)"
        )
    letter = Letter(markdown, redact)
    name, document = _holder(letter, holder)
    if kind is StageKind.RECLAMO:
        _reclamo(case, rules, letter, name, document, today)
    elif kind is StageKind.QUEJA:
        _queja(case, rules, letter, name, document, today)
    elif kind is StageKind.APELACION:
        _apelacion(case, rules, letter, name, document, today)
    else:
        raise NotAllowed("OSIPTEL's form is filled in on its web page; there is no letter for it")
    return letter.text()


def _reclamo(case: Case, rules: CaseRules, letter: Letter, name: str, document: str, today: date) -> None:
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
    refs = [f"Servicio: {_service(case, letter)}"]
    if case.ticket.strip():
        refs.append(f"Código de pedido: {letter.code(case.ticket)}")
    if reclamo is not None and reclamo.code.strip():
        refs.append(f"Código de reclamo: {letter.code(reclamo.code)}")
    _opening(letter, dated, _to_operator(case, letter), [subject, *refs])
    reglamento = norma(rules.book, rules.book.rule("reclamo.notify", dated))
    letter.para(
        f"Yo, {name}, identificado(a) con {document}, titular del servicio {_service(case, letter)}, "
        f"presento el siguiente RECLAMO, conforme {con('a', reglamento)}."
    )
    letter.heading("I. HECHOS")
    letter.numbered(_request_facts(case, rules, facts, letter))
    letter.heading("II. PEDIDO")
    asks = _asks(case, facts, ordered=False)
    if reclamo is not None:
        view = stage_views(case, rules)[case.stages.index(reclamo)]
        resolve, notify = view.deadlines[0].rule, view.deadlines[1].rule
        assert resolve is not None and notify is not None
        asks.append(
            f"Que se me notifique la resolución de este reclamo dentro del plazo de {plazo(resolve)} para "
            f"resolverlo y {plazo(notify)} para notificarlo, es decir, a más tardar el "
            f"{fecha(view.deadlines[1].due)}."
        )
    else:
        asks.append(
            "Que se me entregue el código de reclamo y se me notifique la resolución dentro del plazo legal."
        )
    letter.numbered(asks)
    _annexes(case, letter)
    _closing(letter, name, document)


def _queja(case: Case, rules: CaseRules, letter: Letter, name: str, document: str, today: date) -> None:
    reclamo = case.latest_stage(StageKind.RECLAMO)
    if reclamo is None:
        raise NotAllowed(
            f"a queja for silence needs a reclamo first: file one with tracker escalate {case.id} reclamo"
        )
    queja = case.latest_stage(StageKind.QUEJA)
    view = stage_views(case, rules)[case.stages.index(reclamo)]
    allowed = rules.calendar.add(view.deadlines[1].due, 1)
    dated = queja.filed_on if queja is not None and queja.filed_on >= reclamo.filed_on else today
    facts = _facts(case, rules, dated)
    if dated < allowed:
        raise NotAllowed(
            f"too early for a queja: the operator has until {view.deadlines[1].due.isoformat()} to answer "
            f"the reclamo of {reclamo.filed_on.isoformat()}; a queja is allowed from {allowed.isoformat()}"
        )
    subject = ["Asunto: Queja por silencio administrativo positivo"]
    if reclamo.code.strip():
        subject.append(f"Código de reclamo: {letter.code(reclamo.code)}")
    subject.append(f"Servicio: {_service(case, letter)}")
    _opening(letter, dated, ["Señores", TRASU, f"Por intermedio de: {letter.user(case.provider)}"], subject)
    letter.para(
        f"Yo, {name}, identificado(a) con {document}, titular del servicio {_service(case, letter)}, "
        f"presento QUEJA contra {letter.user(case.provider)} porque no me notificó la resolución de mi "
        "reclamo dentro del plazo legal, y solicito que se aplique el silencio administrativo positivo."
    )
    letter.heading("I. HECHOS")
    reclamo_items, _late = _reclamo_facts(case, rules, reclamo, letter, dated)
    items = _request_facts(case, rules, facts, letter) + reclamo_items
    items.append(
        f"Presento esta queja a partir del día hábil siguiente al vencimiento de dicho plazo, el "
        f"{fecha(allowed)}."
    )
    letter.numbered(items)
    letter.heading("II. PEDIDO")
    asks = [
        "Que se declare aplicable el silencio administrativo positivo y, en consecuencia, fundado mi reclamo."
    ]
    asks += _asks(case, facts, ordered=True)
    letter.numbered(asks)
    _annexes(case, letter)
    _closing(letter, name, document)


def _apelacion(case: Case, rules: CaseRules, letter: Letter, name: str, document: str, today: date) -> None:
    assert rules.book is not None
    answered = [s for s in case.stages if s.kind is StageKind.RECLAMO and s.answered_on is not None]
    if not answered or answered[-1].outcome not in AGAINST_USER:
        raise NotAllowed(
            "an apelación lies against an answer to a reclamo that went against you: "
            f"record it first with tracker answer {case.id} --on DATE --outcome infundado"
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
    subject.append(f"Servicio: {_service(case, letter)}")
    _opening(
        letter,
        dated,
        ["Señores", letter.user(case.provider), f"Para su elevación al {TRASU}"],
        subject,
    )
    letter.para(
        f"Yo, {name}, identificado(a) con {document}, titular del servicio {_service(case, letter)}, "
        f"interpongo RECURSO DE APELACIÓN contra la resolución {number}, notificada el "
        f"{fecha(reclamo.answered_on)}, que declaró {RESULTADOS[reclamo.outcome]} mi reclamo. Lo presento "
        f"dentro del plazo de {plazo(window.rule)} contados desde el día hábil siguiente a la notificación, "
        f"que vence el {fecha(window.due)}, conforme {con('a', norma(rules.book, window.rule))}; y solicito "
        f"que sea elevado al TRASU dentro de los {plazo(forward)} siguientes."
    )
    letter.heading("I. HECHOS")
    reclamo_items, late = _reclamo_facts(case, rules, reclamo, letter, dated)
    letter.numbered(_request_facts(case, rules, facts, letter) + reclamo_items)
    letter.heading("II. FUNDAMENTOS")
    grounds = []
    if facts.rule is not None:
        grounds.append(
            f"{facts.accion.capitalize()} es un derecho del abonado: es gratuita, no requiere expresar "
            "causa y la empresa operadora debe ejecutarla en el plazo que fija "
            f"{norma(rules.book, facts.rule)}. "
            + (
                "No lo hizo."
                if facts.done is None or facts.done > facts.due
                else f"Se ejecutó el {fecha(facts.done)}."
            )
        )
    if facts.charges:
        grounds.append(
            f"Los cobros emitidos después de mi solicitud, mientras {facts.accion} no se ejecutaba, no "
            f"corresponde pagarlos ({facts.total})."
        )
    if late:
        grounds.append(
            "La resolución apelada fue notificada fuera del plazo legal, por lo que operó el silencio "
            "administrativo positivo a mi favor."
        )
    letter.numbered(grounds)
    letter.heading("III. PEDIDO")
    asks = [f"Que se revoque la resolución {number} y se declare fundado mi reclamo."]
    asks += _asks(case, facts, ordered=True)
    letter.numbered(asks)
    _annexes(case, letter)
    _closing(letter, name, document)


def letter_for(
    tracker: Tracker, case: Case, kind: StageKind, *, fmt: str = "md", redact: bool = False
) -> str:
    """The letter of ``kind`` for a case, with the tracker's rules, holder and today."""
    return render_letter(
        case,
        kind,
        tracker.rules_for(case),
        tracker.config.me,
        tracker.today(),
        markdown=fmt == "md",
        redact=redact,
    )


def letter_filename(case: Case, kind: StageKind, fmt: str = "md") -> str:
    return f"{kind.value}-caso-{case.id}.{fmt}"


def write_letter(tracker: Tracker, case: Case, kind: StageKind, folder: Path | None = None) -> Path:
    """Write the letter as Markdown in the exports folder (beside the database) and return
    its path; one written earlier for the same case and kind is replaced."""
    from tracker.exchange.files import exports_folder, write_private

    text = letter_for(tracker, case, kind)
    target = (folder or exports_folder(tracker.path)) / letter_filename(case, kind)
    write_private(target, lambda stream: stream.write(text.encode("utf-8")), make_folder=True)
    return target
