"""The written baja (or suspension) request itself, for a store or an e-mail to the operator.

NOT FOR TRANSLATION: see :mod:`tracker.exchange.letters`. It says only what the case
holds: the holder, the service, the date chosen if any, the deadline the rule book gives,
and it asks for the código de pedido the operator must give for every request.
"""

from __future__ import annotations

from tracker.domain.caserules import CaseRules, provider_deadline
from tracker.domain.model import Action, Case
from tracker.domain.rules import RuleBook
from tracker.exchange.letter_document import (
    Letter,
    Said,
    Signer,
    annexes,
    closing,
    opening,
    said,
    service_of,
    to_operator,
)
from tracker.exchange.letter_spanish import cita, con, fecha, plazo


def _codigo(book: RuleBook) -> Said:
    """The ask for the código de pedido, citing the article where the rule book knows it."""
    ask = "Que se me entregue el código de pedido de esta solicitud"
    provision = book.provision("codigo_pedido")
    if provision is None:
        return said("baja.pedir_codigo", ask + ".")
    norm = book.norm(provision.norm)
    where = f"el {provision.article} del " if provision.article else "el "
    return said(
        "baja.pedir_codigo_norma",
        f"{ask}, conforme {con('a', where + norm.title)} ({norm.citation}).",
        norm=norm.citation,
    )


def baja_request(case: Case, rules: CaseRules, letter: Letter, signer: Signer) -> None:
    """The request, dated the day it is made (the case's request date)."""
    assert rules.book is not None
    book = rules.book
    suspend = case.action is Action.SUSPEND
    tramite = "suspensión temporal" if suspend else "baja"
    service = service_of(case, letter)
    dated = case.requested_on
    opening(
        letter,
        signer,
        dated,
        to_operator(case, letter),
        [f"Asunto: Solicitud de {tramite} del servicio", f"Servicio: {service}"],
        said("baja.asunto", "", action=case.action, service=service),
    )
    when = f" con efecto al {fecha(case.effective_on)}" if case.effective_on is not None else ""
    key = "baja.solicito_con_fecha" if when else "baja.solicito"
    if suspend and case.ends_on is not None:
        when += f", hasta el {fecha(case.ends_on)}"
        key = "baja.solicito_hasta" if case.effective_on is not None else "baja.solicito_hasta_sin_inicio"
    letter.para(
        said(
            key,
            f"{signer.yo(service)}, solicito la {tramite.upper()} del servicio{when}.",
            action=case.action,
            service=service,
            effective=case.effective_on,
            ends=case.ends_on,
        )
    )
    first = provider_deadline(case, rules)
    asks = []
    if first.rule is not None and case.effective_on is not None and first.due == case.effective_on:
        asks.append(
            said(
                "baja.ejecutar_fecha_elegida",
                f"Que se ejecute la {tramite} del servicio el {fecha(first.due)}, fecha que elegí.",
                action=case.action,
                due=first.due,
            )
        )
    elif first.rule is not None:
        cited = cita(book, first.rule)
        law = f", conforme {con('a', cited)}" if cited else ""
        asks.append(
            said(
                "baja.ejecutar_en_plazo",
                f"Que se ejecute la {tramite} del servicio en el plazo máximo de {plazo(first.rule)}{law}, "
                f"es decir, a más tardar el {fecha(first.due)}.",
                action=case.action,
                period=first.rule,
                due=first.due,
            )
        )
    else:
        asks.append(said("baja.ejecutar", f"Que se ejecute la {tramite} del servicio.", action=case.action))
    asks.append(_codigo(book))
    how = "por correo electrónico" if signer.email else "por escrito"
    asks.append(
        said(
            "baja.confirmar_correo" if signer.email else "baja.confirmar_escrito",
            f"Que se me confirme {how} la fecha en que la {tramite} quede ejecutada.",
            action=case.action,
        )
    )
    letter.heading("PEDIDO", "pedido")
    letter.numbered(asks)
    annexes(case, letter, dated, rules.local_day)
    closing(letter, signer)
