"""What each paragraph of a Spanish letter means, in the reader's language (`letter --explain`).

A letter (tracker.exchange.letters) stays Spanish; each of its blocks carries a key and the
facts it states. Here each key has its explanation: a paraphrase that says what the
paragraph does, filled with the same facts worded for the reader (dates in their language,
periods as "5 business days"), never a translation of the whole letter.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from tracker.domain.model import Action, Channel, Outcome
from tracker.domain.rules import Rule
from tracker.i18n import N_, _

_HOLDER_ASKS = N_(
    "You, the holder (name, identity document, address), ask for {action} of the service {service}"
)

MEANINGS: dict[str, str] = {
    # The frame every letter has.
    "lugar_fecha": N_("Where and when the letter is signed: {dated}."),
    "saludo": N_('A customary greeting, as "Dear Sirs".'),
    "despedida": N_('A customary closing, as "Yours faithfully".'),
    "firma": N_("Sign here; your name and identity document go below the line."),
    "aviso": N_(
        "tracker's notice: written from the data you entered; not legal advice. Check the facts, "
        "dates and deadlines before you file it."
    ),
    "notificar_correo": N_(
        "You agree that the operator and OSIPTEL may notify you of everything about this matter by e-mail, "
        "at {email}."
    ),
    "telefono": N_("A phone number to reach you: {phone}."),
    "anexos": N_("ANNEXES: the documents you attach to the letter."),
    "anexo": N_("An attached document: the file {file}."),
    "hechos": N_("FACTS: what happened, in order."),
    "pedido": N_("REQUEST: what you ask for."),
    "fundamentos": N_("GROUNDS: why the operator's resolution is wrong."),
    # Who each letter is addressed to.
    "baja.destinatario": N_("Addressed to the operator's staff (\"Señores\"), then the operator's name."),
    "reclamo.destinatario": N_("Addressed to the operator's staff (\"Señores\"), then the operator's name."),
    "queja.destinatario": N_(
        "Addressed to OSIPTEL's tribunal, TRASU, and handed in through the operator, which must forward it."
    ),
    "apelacion.destinatario": N_(
        "Addressed to the operator, asking it to forward the appeal to OSIPTEL's tribunal, TRASU."
    ),
    # The baja request.
    "baja.asunto": N_("Subject: request for {action} of the service {service}."),
    "baja.solicito": N_("{holder_asks}."),
    "baja.solicito_con_fecha": N_("{holder_asks}, from {effective}."),
    "baja.solicito_hasta": N_("{holder_asks}, from {effective} until {ends}."),
    "baja.solicito_hasta_sin_inicio": N_("{holder_asks}, until {ends}."),
    "baja.ejecutar_fecha_elegida": N_("You ask that {action} be carried out on {due}, the date you chose."),
    "baja.ejecutar_en_plazo": N_(
        "You ask that {action} be carried out within the {period} the rules give, that is by {due} "
        "at the latest."
    ),
    "baja.ejecutar": N_("You ask that {action} be carried out."),
    "baja.pedir_codigo": N_("You ask for the código de pedido, the reference code of this request."),
    "baja.pedir_codigo_norma": N_(
        "You ask for the código de pedido, the reference code of this request, which {norm} obliges the "
        "operator to give."
    ),
    "baja.confirmar_correo": N_("You ask to be told by e-mail the date {action} is carried out."),
    "baja.confirmar_escrito": N_("You ask to be told in writing the date {action} is carried out."),
    # The request's facts, in every letter past the baja request.
    "hechos.solicite": N_(
        "On {requested} you asked for {action} of the service {service} ({channel}); the operator gave the "
        "código de pedido {code}."
    ),
    "hechos.solicite_sin_codigo": N_(
        "On {requested} you asked for {action} of the service {service} ({channel}); the operator did not "
        "give you the código de pedido it must give."
    ),
    "hechos.codigos_posteriores": N_(
        "Later, about the same request, the operator gave you the code(s) {codes}."
    ),
    "hechos.fecha_elegida": N_("You chose that date, so {action} had to be carried out on {due}."),
    "hechos.plazo": N_("The rules gave the operator {period} to carry out {action}: by {due} at the latest."),
    "hechos.no_ejecutada": N_(
        "As of the letter's date, {action} has not been carried out: the service is still active."
    ),
    "hechos.ejecutada_tarde": N_("The operator carried out {action} only on {done}, after the deadline."),
    "hechos.cobros": N_(
        "After your request you were billed charges you do not owe (each with its date and period). "
        "Total: {total}."
    ),
    "hechos.reclamo": N_("On {filed} you filed a reclamo with the operator, código de reclamo {code}."),
    "hechos.reclamo_sin_codigo": N_("On {filed} you filed a reclamo with the operator."),
    "hechos.plazo_reclamo": N_(
        "The operator had {resolve_period} to decide the reclamo (by {resolve_due}) and {notify_period} "
        "more to notify you of its resolution (by {notify_due})."
    ),
    "hechos.sin_resolucion": N_("That deadline has passed and no resolution has been notified to you."),
    "hechos.resolucion": N_(
        "On {answered} you were notified of the resolution {number}, which declared your reclamo {outcome}."
    ),
    "hechos.resolucion_tarde": N_(
        "On {answered}, after the legal deadline, you were notified of the resolution {number}, which "
        "declared your reclamo {outcome}."
    ),
    # What is asked for past the baja request.
    "pedido.ejecutar": N_(
        "You ask that {action} be carried out at once, with effect from {due}, the day it was due."
    ),
    "pedido.ordenar_ejecutar": N_(
        "You ask that the operator be ordered to carry out {action} with effect from {due}, the day "
        "it was due."
    ),
    "pedido.anular_cobros": N_(
        "You ask that the charges listed ({total}) be cancelled and, if you paid them, refunded "
        "with interest."
    ),
    "pedido.ordenar_anular_cobros": N_(
        "You ask that the operator be ordered to cancel the charges listed ({total}) and refund what you "
        "paid, with interest."
    ),
    # The reclamo.
    "reclamo.asunto_baja": N_(
        "Subject: a reclamo (complaint to the operator) because {action} of the service was not carried "
        "out; then the service and its codes."
    ),
    "reclamo.asunto_billing": N_(
        "Subject: a reclamo (complaint to the operator) about billing; then the service, its codes and "
        "the bills it is about."
    ),
    "reclamo.asunto_quality": N_(
        "Subject: a reclamo (complaint to the operator) about the quality of the service; then the service "
        "and its codes."
    ),
    "reclamo.asunto_unrequested": N_(
        "Subject: a reclamo (complaint to the operator) about a cancellation, suspension or cut-off you did "
        "not ask for; then the service and its codes."
    ),
    "reclamo.presento": N_(
        "You, the holder, file this reclamo (a formal complaint to the operator) under the rules for "
        "complaints ({norm})."
    ),
    "reclamo.notificar_en_plazo": N_(
        "You ask to be notified of the resolution within {resolve_period} to decide and {notify_period} "
        "to notify it, that is by {notify_due} at the latest."
    ),
    "reclamo.pedir_codigo": N_(
        "You ask for the código de reclamo (the reclamo's reference code) and to be notified of the "
        "resolution within the legal deadline."
    ),
    # The queja.
    "queja.asunto": N_(
        "Subject: a queja (complaint to OSIPTEL) for positive administrative silence, as the operator did "
        "not answer your reclamo in time; then the código de reclamo and the service."
    ),
    "queja.presento_no_notifico": N_(
        "You file a queja against {provider} because it did not notify you of the resolution of your reclamo "
        "in time, and ask that positive administrative silence apply: the reclamo counts as decided in "
        "your favour."
    ),
    "queja.presento_no_emitio": N_(
        "You file a queja against {provider} because it did not issue the resolution of your reclamo in "
        "time, and ask that positive administrative silence apply: the reclamo counts as decided in your "
        "favour."
    ),
    "queja.procede_emitida_tarde": N_(
        "You file this queja on {dated}. It is allowed because the deadline to decide your reclamo passed "
        "on {resolve_due} and the resolution was only issued on {issued}."
    ),
    "queja.procede_sin_resolucion": N_(
        "You file this queja on {dated}. It is allowed because the deadline to notify you of the resolution "
        "passed on {notify_due} with no resolution; a queja may be filed from {allowed}."
    ),
    "queja.procede_notificada_tarde": N_(
        "You file this queja on {dated}. It is allowed because the deadline to notify you of the resolution "
        "passed on {notify_due} and it was only notified on {answered}; a queja may be filed from {allowed}."
    ),
    "queja.pedir_silencio": N_(
        "You ask that positive administrative silence be applied, so that your reclamo is declared fundado "
        "(in your favour)."
    ),
    # The apelación.
    "apelacion.asunto": N_(
        "Subject: an appeal (apelación) against the resolution {number}; then the código de reclamo and the "
        "service."
    ),
    "apelacion.interpongo": N_(
        "You appeal against the resolution {number}, notified on {answered}, which declared your reclamo "
        "{outcome}. You file it on {dated}, within the deadline, which ends on {window_due}, and ask that it "
        "be forwarded to TRASU within {forward_period}."
    ),
    "apelacion.interpongo_fuera_de_plazo": N_(
        "You appeal against the resolution {number}, notified on {answered}, which declared your reclamo "
        "{outcome}. You file it on {dated}, after the deadline, which ended on {window_due}, and ask that it "
        "be forwarded to TRASU within {forward_period}."
    ),
    "apelacion.derecho_no_ejecutada": N_(
        "Asking for {action} is the subscriber's right: free, with no reason needed, to be carried out "
        "within {period}. The operator did not do it."
    ),
    "apelacion.derecho_ejecutada": N_(
        "Asking for {action} is the subscriber's right: free, with no reason needed, to be carried out "
        "within {period}. It was carried out on {done}."
    ),
    "apelacion.motivo_respuesta": N_(
        'The reason the resolution gives, as you recorded it ("{reason}"), and the rules\' reply to it, '
        "with its source where there is one."
    ),
    "apelacion.motivo_sin_respuesta": N_(
        'The reason the resolution gives, as you recorded it ("{reason}"). The bracket is for you: write '
        "why that reason does not hold before you file."
    ),
    "apelacion.cobros": N_(
        "The charges billed after your request, while {action} was not carried out, are not owed ({total})."
    ),
    "apelacion.silencio": N_(
        "The resolution was notified after the legal deadline, so positive administrative silence applied "
        "in your favour."
    ),
    "apelacion.revocar": N_(
        "You ask that the resolution {number} be revoked and your reclamo declared fundado."
    ),
}

_ACTIONS = {Action.CANCEL: N_("the baja (cancellation)"), Action.SUSPEND: N_("the temporary suspension")}


def worded_fact(value: object) -> str:
    """A fact in the reader's words: dates and periods in their language, the rest as given."""
    from tracker.wording.escalation import period
    from tracker.wording.formats import long_date
    from tracker.wording.terms import channel_label, outcome_name

    if value is None:
        return ""
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, Rule):
        return period(value)
    if isinstance(value, Action):
        return _(_ACTIONS[value])
    if isinstance(value, Channel):
        return channel_label(value)
    if isinstance(value, Outcome):
        return outcome_name(value)
    return str(value)


def meaning(key: str, facts: Mapping[str, object]) -> str:
    """What the paragraph ``key`` says, in the reader's language, filled with its facts."""
    words = {name: worded_fact(value) for name, value in facts.items()}
    if key.startswith("baja.solicito"):
        words["holder_asks"] = _(_HOLDER_ASKS).format(**words)
    return _(MEANINGS[key]).format(**words)


def meaning_line(key: str, facts: Mapping[str, object]) -> str:
    """The line the reading aid gives after the paragraph ``key``: "Meaning: …"."""
    return _("Meaning: {meaning}").format(meaning=meaning(key, facts))


def reading_aid_top() -> str:
    return _(
        "READING AID, NOT FOR FILING: each paragraph of the Spanish letter is followed by its meaning. "
        "File the letter without the explanations."
    )


def reading_aid_bottom() -> str:
    return _("END OF THE READING AID: this copy is not for filing.")
