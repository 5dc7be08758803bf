"""The letters state the case's facts, and only those (issue 18, section 1).

The reproductions are the issue's: a Claro baja requested in a store on 27 July 2026
with código de pedido CP-2026-553190, and a later ticket logged on 7 August.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from tests.helpers.env import TrackerEnv
from tests.helpers.exchange import Run, on, open_tracker
from tracker.core import Tracker
from tracker.domain.model import Case, Channel, Outcome, StageKind, Topic
from tracker.domain.workflow import CaseDraft
from tracker.exchange.dossier import dossier
from tracker.exchange.letters import letter_for


def claro(tracker: Tracker) -> int:
    """The issue's case: added on 27 July with its código, a later ticket on 7 August."""
    on(tracker, "2026-07-27")
    case = tracker.cases.add(
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
    tracker.cases.log_contact(case.id, "Llamé: me dieron otro número", ticket="CP-2026-560001")
    return case.id


def fresh(tracker: Tracker, case_id: int) -> Case:
    return tracker.get(case_id)


def test_the_reclamo_names_the_code_the_request_got_and_later_codes_as_later(
    tracker: Tracker,
) -> None:
    case_id = claro(tracker)
    on(tracker, "2026-08-20")
    tracker.escalation.file(case_id, StageKind.RECLAMO, date(2026, 8, 20), code="R-77")
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
    tracker.escalation.file(case_id, StageKind.RECLAMO, date(2026, 8, 4), code="R-76")
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
    case = tracker.cases.add(
        CaseDraft(provider="Movistar Perú", service="línea 999", ticket="CP-1", playbook="esim-pe")
    )
    assert case.id is not None
    on(tracker, "2026-06-10")
    tracker.escalation.file(case.id, StageKind.RECLAMO, date(2026, 6, 10), code="R-1")
    return case.id


def appealed(tracker: Tracker, filed: str) -> int:
    """The reclamo answered infundado on 10 July (RES-9), appealed on ``filed``."""
    case_id = movistar_with_reclamo(tracker)
    on(tracker, "2026-07-10")
    tracker.escalation.answer(case_id, date(2026, 7, 10), Outcome.INFUNDADO, code="RES-9")
    on(tracker, filed)
    tracker.escalation.file(case_id, StageKind.APELACION, date.fromisoformat(filed))
    return case_id


def test_a_queja_says_it_is_presented_on_its_filed_day_and_why_it_is_allowed(
    tracker: Tracker,
) -> None:
    case_id = movistar_with_reclamo(tracker)
    on(tracker, "2026-09-01")
    tracker.escalation.file(case_id, StageKind.QUEJA, date(2026, 9, 1))
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.QUEJA)
    assert "Presento esta queja el 1 de setiembre de 2026." in text
    assert "venció el 16 de julio de 2026 sin que se me notificara la resolución" in text
    assert "puede presentarse desde el 17 de julio de 2026" in text
    assert "Presento esta queja a partir" not in text
    assert "el 17 de julio de 2026." not in text


def test_an_apelacion_filed_late_does_not_say_it_is_in_time(tracker: Tracker) -> None:
    case_id = appealed(tracker, "2026-09-01")
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.APELACION)
    assert "Lo presento el 1 de setiembre de 2026; el plazo de quince (15) días hábiles" in text
    assert "venció el 5 de agosto de 2026" in text
    assert "dentro del plazo" not in text


def test_an_apelacion_in_time_says_so_with_its_day(tracker: Tracker) -> None:
    case_id = appealed(tracker, "2026-07-20")
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.APELACION)
    assert "Lo presento el 20 de julio de 2026, dentro del plazo de quince (15) días hábiles" in text
    assert "que vence el 5 de agosto de 2026" in text


FULL_ME = """\
[me]
name = "Ana Quispe Mamani"
document_type = "DNI"
document = "45678912"
address = "Av. Arequipa 1234, dpto. 501, Lince"
city = "Lima"
email = "ana.quispe@example.com"
phone = "987 111 222"
gender = "f"
"""


def with_config(db_path: Path, text: str) -> Tracker:
    """A tracker on ``db_path`` whose config.toml holds ``text``."""
    folder = db_path.parent / "config"
    folder.mkdir(exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")
    return open_tracker(db_path)


def test_the_letter_carries_the_whole_holder_and_is_signed_in_the_city(db_path: Path) -> None:
    tracker = with_config(db_path, FULL_ME)
    case_id = claro(tracker)
    on(tracker, "2026-08-20")
    tracker.escalation.file(case_id, StageKind.RECLAMO, date(2026, 8, 20))
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.RECLAMO)
    assert text.startswith("Lima, 20 de agosto de 2026\n")
    assert "Fecha:" not in text
    assert (
        "Yo, Ana Quispe Mamani, identificada con DNI N.° 45678912, con domicilio en "
        "Av. Arequipa 1234, dpto. 501, Lince, titular del servicio eSIM 987 654 321" in text
    )
    assert "se me notifique por correo electrónico, a la dirección ana.quispe@example.com" in text
    assert "Teléfono de contacto: 987 111 222." in text
    assert "Firma: ____" in text
    assert text.index("Firma:") < text.index("Ana Quispe Mamani  \nDNI N.° 45678912")
    tracker.close()


def test_without_the_holder_the_letter_has_placeholders_and_no_email_authorisation(
    tracker: Tracker,
) -> None:
    case_id = claro(tracker)
    on(tracker, "2026-08-20")
    tracker.escalation.file(case_id, StageKind.RECLAMO, date(2026, 8, 20))
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.RECLAMO, fmt="txt")
    assert text.startswith("[ciudad], 20 de agosto de 2026\n")
    assert "Yo, [nombre completo del titular], identificado(a) con [tipo y número" in text
    assert "con domicilio en [domicilio]" in text
    assert "correo electrónico" not in text


def test_the_letter_command_names_the_missing_fields_in_one_line(run: Run, env: TrackerEnv) -> None:
    (env.config_dir / "config.toml").write_text('[me]\nname = "Ana"\n', encoding="utf-8")
    env.set_today("2026-07-27")
    assert run("add", "Claro", "-p", "esim-pe", "-t", "CP-1").code == 0
    env.set_today("2026-08-20")
    assert run("escalate", "1", "reclamo").code == 0
    written = run("letter", "1", "reclamo")
    assert written.code == 0 and "Yo, Ana, identificado(a)" in written.text
    assert written.err.count("\n") == 1, written.err
    assert "document number, address, city" in written.err
    assert "tracker me --document … --address … --city …" in written.err
    complete = env.config_dir / "config.toml"
    complete.write_text(FULL_ME, encoding="utf-8")
    assert run("letter", "1", "reclamo").err == ""


def test_tracker_me_sets_the_holder_and_keeps_the_rest_of_the_file(run: Run, env: TrackerEnv) -> None:
    path = env.config_dir / "config.toml"
    path.write_text(
        '# mine\ndefault_playbook = "esim-pe"  # the usual\n\n[me]\n# name = "example"\n'
        'document = "DNI 1"\n\n[keys]\n"cases.new" = "a"\n',
        encoding="utf-8",
    )
    saved = run("me", "--name", 'Ana "la" Quispe', "--city", "Lima", "--gender", "f")
    assert saved.code == 0, saved.err
    text = path.read_text(encoding="utf-8")
    assert text.startswith('# mine\ndefault_playbook = "esim-pe"  # the usual\n\n[me]\n')
    assert 'name = "Ana \\"la\\" Quispe"\ndocument = "DNI 1"\ncity = "Lima"\ngender = "f"\n' in text
    assert text.endswith('[keys]\n"cases.new" = "a"\n')
    shown = run("me")
    assert 'Ana "la" Quispe' in shown.text and "set them with tracker me --address …" in shown.text
    assert run("me", "--gender", "x").code == 2
    assert path.read_text(encoding="utf-8") == text


def test_tracker_me_makes_the_file_when_there_is_none(run: Run, env: TrackerEnv) -> None:
    assert run("me", "--name", "Ana").code == 0
    assert (env.config_dir / "config.toml").read_text(encoding="utf-8") == '[me]\nname = "Ana"\n'


def test_anexos_name_each_attachment_by_its_note(tracker: Tracker, tmp_path: Path) -> None:
    case_id = claro(tracker)
    receipt = tmp_path / "scan-0042.pdf"
    receipt.write_bytes(b"%PDF receipt")
    screenshot = tmp_path / "IMG_2201.png"
    screenshot.write_bytes(b"png")
    on(tracker, "2026-08-20")
    tracker.evidence.attach(case_id, receipt, note="Recibo de agosto con el cobro posterior a la baja")
    tracker.evidence.attach(case_id, screenshot)
    tracker.escalation.file(case_id, StageKind.RECLAMO, date(2026, 8, 20))
    case = fresh(tracker, case_id)
    text = letter_for(tracker, case, StageKind.RECLAMO, fmt="txt")
    assert (
        "- Anexo 1-A: Recibo de agosto con el cobro posterior a la baja (archivo scan-0042.pdf)\n"
        "- Anexo 1-B: Archivo IMG_2201.png\n" in text
    )
    markdown = letter_for(tracker, case, StageKind.RECLAMO)
    digest = case.attachments[0].sha256[:16]
    assert f"baja (archivo scan-0042.pdf, SHA-256 {digest}…)" in markdown


TUO_76 = (
    "el numeral i) del artículo 76 del TUO de las Condiciones de Uso de los Servicios Públicos "
    "de Telecomunicaciones (Res. 138-2012-CD/OSIPTEL)"
)


def test_the_letters_cite_the_article_the_rule_book_knows(tracker: Tracker) -> None:
    case_id = appealed(tracker, "2026-07-20")
    case = fresh(tracker, case_id)
    reclamo = letter_for(tracker, case, StageKind.RECLAMO)
    assert f"Conforme a{TUO_76[1:]}, la empresa operadora debía ejecutar la baja" in reclamo
    apelacion = letter_for(tracker, case, StageKind.APELACION)
    assert f"debe ejecutarla en el plazo que fija {TUO_76}." in apelacion


def test_a_rule_without_a_source_is_stated_but_not_cited_as_law(tracker: Tracker) -> None:
    case_id = appealed(tracker, "2026-07-20")
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.APELACION)
    # The 15 days to appeal and the 20 to resolve a baja reclamo have no source in the book.
    assert "notificación, que vence el 5 de agosto de 2026. Solicito" in text
    assert "La empresa operadora tenía veinte (20) días hábiles para resolverlo" in text
    # The 5 days to notify have one (Andina / gob.pe).
    assert (
        "y, conforme al TUO del Reglamento para la Atención de Gestiones y Reclamos de Usuarios de "
        "Servicios Públicos de Telecomunicaciones (Res. 099-2022-CD/OSIPTEL), cinco (5) días hábiles más"
        in text
    )


def test_every_rule_names_its_source_and_playbooks_shows_it(tracker: Tracker, run: Run) -> None:
    case = tracker.cases.add(CaseDraft(provider="Bitel", playbook="esim-pe"))
    book = tracker.rules_for(case).book
    assert book is not None
    assert all(rule.source for rule in book.rules)
    assert {r.key for r in book.rules if r.unsourced} >= {"apelacion.window", "queja.resolve"}
    shown = run("playbooks", "esim-pe").text
    assert "source: numeral i) del artículo 76; OSIPTEL's sanction of Bitel" in shown
    assert "not sourced: " in shown


def answered_with(tracker: Tracker, reason: str) -> Case:
    """The reclamo of 10 June answered infundado on 10 July for ``reason``; appealed on 20 July."""
    case_id = movistar_with_reclamo(tracker)
    on(tracker, "2026-07-10")
    tracker.escalation.answer(case_id, date(2026, 7, 10), Outcome.INFUNDADO, code="RES-9", reason=reason)
    on(tracker, "2026-07-20")
    tracker.escalation.file(case_id, StageKind.APELACION, date(2026, 7, 20))
    return fresh(tracker, case_id)


def test_the_apelacion_answers_a_debt_given_as_the_reason(tracker: Tracker) -> None:
    case = answered_with(tracker, "El abonado registra DEUDA pendiente de pago")
    text = letter_for(tracker, case, StageKind.APELACION)
    grounds = text[text.index("II. FUNDAMENTOS") : text.index("III. PEDIDO")]
    assert "sostiene, en síntesis, que «El abonado registra DEUDA pendiente de pago»." in grounds
    assert "La existencia de una deuda no impide ni condiciona la baja del servicio" in grounds
    # Its source is the press quoting OSIPTEL's regional offices: not cited as law.
    assert "Así lo establece" not in grounds


def test_a_reason_the_rule_book_cannot_answer_leaves_a_placeholder(tracker: Tracker) -> None:
    case = answered_with(tracker, "la línea fue portada")
    text = letter_for(tracker, case, StageKind.APELACION)
    assert "«la línea fue portada». [Explique por qué ese motivo no es válido.]" in text


def test_answer_reason_from_the_command_line_and_through_an_export(
    run: Run, env: TrackerEnv, tmp_path: Path
) -> None:
    env.set_today("2026-06-01")
    assert run("add", "Bitel", "-p", "esim-pe").code == 0
    env.set_today("2026-06-10")
    assert run("escalate", "1", "reclamo").code == 0
    env.set_today("2026-07-10")
    answered = run("answer", "1", "--on", "2026-07-10", "--outcome", "infundado", "--reason", "deuda")
    assert answered.code == 0, answered.err
    assert run("show", "1", "--json").json()["stages"][0]["answer_reason"] == "deuda"
    exported = tmp_path / "out.json"
    assert run("export", "--format", "json", "-o", str(exported)).code == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["cases"][0]["stages"][0]["answer_reason"] == "deuda"
    # An export made before schema 0007 has no answer_reason: it still imports.
    del data["cases"][0]["stages"][0]["answer_reason"]
    data["cases"][0]["uuid"] = "00000000-0000-4000-8000-00000000abcd"
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data), encoding="utf-8")
    imported = run("import", str(older))
    assert imported.code == 0, imported.err
    assert run("show", "2", "--json").json()["stages"][0]["answer_reason"] == ""


def test_the_baja_request_carries_the_holder_the_service_and_asks_for_the_codigo(
    db_path: Path,
) -> None:
    tracker = with_config(db_path, FULL_ME)
    on(tracker, "2026-08-20")
    case = tracker.cases.add(
        CaseDraft(provider="Bitel", service="Línea 912 345 678", playbook="esim-pe", channel=Channel.STORE)
    )
    text = letter_for(tracker, case, "baja")
    assert text.startswith("Lima, 20 de agosto de 2026\n")
    assert "**Asunto: Solicitud de baja del servicio**" in text
    assert "titular del servicio Línea 912 345 678, solicito la BAJA del servicio." in text
    assert (
        f"en el plazo máximo de cinco (5) días hábiles, conforme a{TUO_76[1:]}, es decir, a más "
        "tardar el 27 de agosto de 2026." in text
    )
    assert "Que se me entregue el código de pedido de esta solicitud, conforme al artículo 3 del TUO" in text
    assert "se me notifique por correo electrónico, a la dirección ana.quispe@example.com" in text
    assert "Firma: ____" in text
    tracker.close()


def test_the_baja_request_on_a_chosen_date(tracker: Tracker) -> None:
    on(tracker, "2026-08-20")
    case = tracker.cases.add(
        CaseDraft(provider="Movistar Perú", playbook="esim-pe", effective_on=date(2026, 9, 15))
    )
    text = letter_for(tracker, case, "baja", fmt="txt")
    assert "solicito la BAJA del servicio con efecto al 15 de setiembre de 2026." in text
    assert "1. Que se ejecute la baja del servicio el 15 de setiembre de 2026, fecha que elegí." in text
    assert "Que se me confirme por escrito" in text  # no e-mail set


def test_the_letters_refusals_are_in_the_readers_language(run: Run, env: TrackerEnv) -> None:
    env.set_today("2026-08-20")
    assert run("add", "Bitel", "-p", "esim-pe").code == 0
    refused = run("--lang", "es", "letter", "1", "queja")
    assert refused.code == 2
    assert "una queja por falta de respuesta requiere antes un reclamo" in refused.err
    written = run("--lang", "zh_CN", "letter", "1", "baja")
    assert written.code == 0 and "Solicitud de baja" in written.text  # the letter stays Spanish


def test_a_queja_for_an_answer_issued_late_says_so(tracker: Tracker) -> None:
    case_id = movistar_with_reclamo(tracker)
    # Issued on 14 July, after the 9 July deadline to resolve; notified on 15 July, in time.
    on(tracker, "2026-07-15")
    tracker.escalation.answer(
        case_id, date(2026, 7, 15), Outcome.INFUNDADO, issued=date(2026, 7, 14), code="RES-9"
    )
    tracker.escalation.file(case_id, StageKind.QUEJA, date(2026, 7, 15))
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.QUEJA)
    assert "porque no emitió la resolución de mi reclamo dentro del plazo legal" in text
    assert (
        "Presento esta queja el 15 de julio de 2026. Procede porque el plazo para resolver mi reclamo "
        "venció el 9 de julio de 2026 y la resolución recién fue emitida el 14 de julio de 2026"
    ) in text


def test_a_billing_reclamo_names_the_bill_and_asks_for_what_the_case_lacks(tracker: Tracker) -> None:
    case_id = claro(tracker)
    on(tracker, "2026-08-20")
    tracker.escalation.add_charge(case_id, Decimal("49.90"), "PEN", date(2026, 8, 10))
    tracker.escalation.file(case_id, StageKind.RECLAMO, date(2026, 8, 20), topic=Topic.BILLING)
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.RECLAMO, fmt="txt")
    assert "Asunto: Reclamo por facturación" in text
    assert (
        "Recibo: [número del recibo], emitido el 10 de agosto de 2026, con vencimiento el "
        "[fecha de vencimiento]" in text
    )


def test_a_billing_reclamo_names_the_receipt_by_its_number_and_due_date(tracker: Tracker) -> None:
    case_id = claro(tracker)
    on(tracker, "2026-08-20")
    tracker.escalation.add_charge(
        case_id, Decimal("49.90"), "PEN", date(2026, 8, 10), receipt="B001-00012345", due=date(2026, 8, 25)
    )
    tracker.escalation.add_charge(case_id, Decimal("9.90"), "PEN", date(2026, 8, 12), receipt="B001-00012399")
    tracker.escalation.file(case_id, StageKind.RECLAMO, date(2026, 8, 20), topic=Topic.BILLING)
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.RECLAMO, fmt="txt")
    assert (
        "Recibo: N.° B001-00012345, emitido el 10 de agosto de 2026, con vencimiento el 25 de agosto de 2026"
        in text
    )
    assert (
        "Recibo: N.° B001-00012399, emitido el 12 de agosto de 2026, "
        "con vencimiento el [fecha de vencimiento]" in text
    )


def test_an_attachment_added_after_the_letters_date_is_not_an_annex(tracker: Tracker, tmp_path: Path) -> None:
    case_id = claro(tracker)
    early, late = tmp_path / "constancia.pdf", tmp_path / "captura.png"
    early.write_bytes(b"pdf")
    late.write_bytes(b"png")
    on(tracker, "2026-08-04")
    tracker.evidence.attach(case_id, early, note="Constancia de la solicitud")
    tracker.escalation.file(case_id, StageKind.RECLAMO, date(2026, 8, 4))
    on(tracker, "2026-08-20")
    tracker.evidence.attach(case_id, late, note="Captura del 20 de agosto")
    text = letter_for(tracker, fresh(tracker, case_id), StageKind.RECLAMO, fmt="txt")
    assert "Anexo 1-A: Constancia de la solicitud (archivo constancia.pdf)" in text
    assert "Captura del 20 de agosto" not in text
