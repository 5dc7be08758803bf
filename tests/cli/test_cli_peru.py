"""The issue's walk-through on the command line: a Movistar baja requested on 2026-07-20 and
never carried out, day by day with TRACKER_TODAY. Dates worked out by hand in
tests/domain/test_peru_escalation.py (holidays 23, 28, 29 July, 6 August, 8 October)."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import Run
from tracker import paths

MOVISTAR = ("add", "Movistar Perú", "--service", "eSIM +51 987 654 321", "--ticket", "CP-778812")


def on(env: Any, day: str) -> None:
    env.set_today(day)


def one_line_refusal(result: Any, *parts: str) -> None:
    assert result.code == 2, result.out
    assert len(result.error_lines) == 1, result.err
    for part in parts:
        assert part in result.err, result.err


@pytest.fixture
def movistar(cli: Run, env: Any) -> Run:
    """Case 1: the baja of 2026-07-20, a reclamo on 31 July and the August bill."""
    (env.config_dir / "config.toml").write_text(
        '[me]\nname = "Ana Quispe Mamani"\ndocument = "DNI 45678912"\n', encoding="utf-8"
    )
    on(env, "2026-07-20")
    added = cli(*MOVISTAR, "--playbook", "esim-pe", "--requested", "2026-07-20")
    assert added.code == 0, added.err
    assert "promised by 2026-07-30 (5 business days, Res. 138-2012-CD/OSIPTEL)" in added.out
    on(env, "2026-07-31")
    filed = cli(
        "escalate", "1", "reclamo", "--filed", "2026-07-31", "--code", "REC-55012", "--channel", "web"
    )
    assert filed.code == 0, filed.err
    assert "2026-09-07  provider: notify the answer to the reclamo" in filed.out
    on(env, "2026-08-20")
    charged = cli("charge", "1", "79.80", "--on", "2026-08-05", "--period", "2026-08-01..2026-08-31")
    assert charged.code == 0, charged.err
    assert "not owed by the rules" in charged.out and "S/ 79.80" in charged.out
    return cli


def test_the_whole_escalation_day_by_day(movistar: Run, env: Any) -> None:
    cli = movistar
    shown = cli("show", "1", "--json").json()
    assert shown["promised_by"] == "2026-07-30"
    assert shown["stages"][0]["answer_due"] == "2026-09-07"
    assert shown["not_owed_total"] == {"PEN": "79.80"}
    assert [c["not_owed"] for c in shown["charges"]] == [True]
    assert {d["rule"] for d in shown["deadlines"]} >= {
        "baja@osiptel-138-2012",
        "reclamo.notify@osiptel-099-2022",
    }

    # The queja: refused the day of the deadline, naming the first day allowed.
    on(env, "2026-09-07")
    refused = cli("escalate", "1", "queja", "--filed", "2026-09-07")
    one_line_refusal(refused, "allowed from 2026-09-08")
    assert "ANSWER_LATE" not in cli("show", "1", "--json").json()["flags"]
    on(env, "2026-09-08")
    assert "ANSWER_LATE" in cli("show", "1", "--json").json()["flags"]
    assert cli("escalate", "1", "queja", "--filed", "2026-09-08", "--code", "Q-901").code == 0

    # The reclamo's late answer, infundado: the user's deadline to appeal, across 8 October.
    on(env, "2026-09-18")
    answered = cli("answer", "1", "--on", "2026-09-18", "--outcome", "infundado", "--stage", "reclamo")
    assert answered.code == 0, answered.err
    assert "It came late: the deadline was 2026-09-07." in answered.out
    assert (
        "Your deadline: file an apelación against the answer, by 2026-10-12 (15 business days" in answered.out
    )
    reclamo = cli("show", "1", "--json").json()["stages"][0]
    assert (reclamo["outcome"], reclamo["appeal_due"]) == ("infundado", "2026-10-12")

    on(env, "2026-10-01")
    assert "YOUR_DEADLINE" not in cli("list", "--json").json()[0]["flags"]
    on(env, "2026-10-02")
    listed = cli("list", "--json").json()
    assert listed[0]["flags"][0] == "YOUR_DEADLINE"
    due = cli("due")
    assert "Your own deadlines, close or missed:" in due.out
    on(env, "2026-10-13")
    assert cli("due").code == 1  # a missed deadline of the user's own

    on(env, "2026-10-09")
    assert cli("escalate", "1", "apelacion", "--filed", "2026-10-09").code == 0
    after = cli("show", "1", "--json").json()
    assert "YOUR_DEADLINE" not in after["flags"]
    assert after["stages"][-1]["answer_due"] == "2026-11-27"


def test_the_three_letters_read_as_the_operator_would(movistar: Run, env: Any) -> None:
    cli = movistar
    reclamo = cli("letter", "1", "reclamo").out
    assert reclamo.startswith("[ciudad], 31 de julio de 2026\n")
    assert "Yo, Ana Quispe Mamani, identificado(a) con DNI 45678912" in reclamo
    assert "cinco (5) días hábiles, es decir, a más tardar el 30 de julio de 2026" in reclamo
    assert "Res. 138-2012-CD/OSIPTEL" in reclamo and "código de pedido CP-778812" in reclamo
    # The August bill came after the reclamo's date: not in it.
    assert "79.80" not in reclamo
    assert "No constituye asesoría legal" in reclamo

    on(env, "2026-09-04")
    one_line_refusal(cli("letter", "1", "queja"), "allowed from 2026-09-08")
    on(env, "2026-09-08")
    queja = cli("letter", "1", "queja", "--format", "txt").out
    assert "Asunto: Queja por silencio administrativo positivo" in queja
    assert "hasta el 7 de setiembre de 2026" in queja and "S/ 79.80" in queja
    assert "**" not in queja  # plain text

    one_line_refusal(cli("letter", "1", "apelacion"), "tracker answer 1")
    on(env, "2026-09-18")
    cli("answer", "1", "--on", "2026-09-18", "--outcome", "parcial", "--code", "RES-4411")
    apelacion = cli("letter", "1", "apelacion", "--redact").out
    assert "contra la resolución RES-4411" in apelacion and "fundado en parte" in apelacion
    assert "que vence el 12 de octubre de 2026" in apelacion
    assert "fuera del plazo legal" in apelacion
    # Redacted: the phone and the DNI masked, the códigos whole.
    assert "45678912" not in apelacion and "••••8912" in apelacion
    assert "987 654 321" not in apelacion and "REC-55012" in apelacion


def test_evidence_survives_the_original_and_the_bundle_checks_out(
    movistar: Run, env: Any, tmp_path: Path
) -> None:
    cli = movistar
    original = tmp_path / "constancia.png"
    original.write_bytes(b"\x89PNG constancia CP-778812")
    attached = cli("attach", "1", str(original), "--note", "constancia de baja", "--json")
    assert attached.code == 0, attached.err
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    assert attached.json()["attachments"] == [
        {
            "name": "constancia.png",
            "sha256": digest,
            "size": 25,
            "added_at": attached.json()["attachments"][0]["added_at"],
            "note": "constancia de baja",
            "uid": attached.json()["attachments"][0]["uid"],
        }
    ]
    assert len(attached.json()["attachments"][0]["uid"]) == 32  # its identity, given as it is attached
    # Beside the database file; for a database server, in the data folder.
    folder = env.db.parent if env.backend == "sqlite" else paths.data_dir()
    stored = folder / "attachments" / digest
    assert stored.read_bytes() == original.read_bytes()
    assert stat_mode(stored.parent) == 0o700 and stat_mode(stored) & 0o077 == 0
    original.unlink()

    one_line_refusal(cli("attach", "1", str(tmp_path / "constancia.png")), "no such file")
    one_line_refusal(cli("attach", "1", str(tmp_path)), "is a folder")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    one_line_refusal(cli("attach", "1", str(pipe)), "not a regular file")

    bundle = tmp_path / "caso.zip"
    written = cli("report", "1", "--bundle", str(bundle))
    assert written.code == 0, written.err
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        root = names[0].split("/")[0]
        files = {name.split("/", 1)[1]: archive.read(name) for name in names}
    assert root == "caso-1-movistar-peru"
    assert set(files) == {
        "dossier-case-1.md",
        "cartas/baja-caso-1.md",
        "cartas/reclamo-caso-1.md",
        f"adjuntos/{digest[:12]}-constancia.png",
        "SHA256SUMS",
    }
    lines = files["SHA256SUMS"].decode().splitlines()
    sums = {name: digest for digest, name in (line.split("  ", 1) for line in lines)}
    for name, data in files.items():
        if name != "SHA256SUMS":
            assert sums[name] == hashlib.sha256(data).hexdigest()
    dossier = files["dossier-case-1.md"].decode()
    assert digest in dossier and "## Stages" in dossier and "## Deadlines" in dossier
    assert "S/ 79.80" in dossier


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_refusals_are_one_line_and_write_nothing(cli: Run, env: Any) -> None:
    on(env, "2026-07-20")
    one_line_refusal(
        cli(*MOVISTAR, "--playbook", "esim-pe", "--effective", "2026-07-27"),
        "between 2026-07-30 and 2026-08-20",
    )
    assert cli(*MOVISTAR, "--playbook", "esim-pe", "--effective", "2026-08-20").code == 0
    one_line_refusal(
        cli("charge", "1", "10", "--on", "2026-07-20", "--currency", "PNE"), "'PNE' is not a currency"
    )
    one_line_refusal(cli("charge", "1", "ten", "--on", "2026-07-20"), "is not an amount")
    one_line_refusal(cli("answer", "1", "--on", "2026-07-20", "--outcome", "fundado"), "no stage to answer")
    shown = cli("show", "1", "--json").json()
    assert shown["charges"] == [] and shown["stages"] == []
    assert shown["deadlines"][0]["what"] == "baja.scheduled"


def test_the_rules_and_the_norm_date_the_user_sets(cli: Run, env: Any) -> None:
    rules = cli("playbooks", "esim-pe")
    assert rules.code == 0
    assert "1 business day, Res. 000132-2025-CD/OSIPTEL [not applied: its start date is unknown]" in rules.out
    assert 'norm_dates = { "osiptel-132-2025" = "YYYY-MM-DD" }' in rules.out
    (env.config_dir / "config.toml").write_text('norm_dates = { "osiptel-132-2025" = "2026-06-01" }\n')
    dated = cli("playbooks", "esim-pe").out
    assert "[from 2026-06-01]" in dated and "applies from 2026-06-01 (set in config.toml)" in dated
    on(env, "2026-07-20")
    added = cli(*MOVISTAR, "--playbook", "esim-pe")
    assert "promised by 2026-07-21 (1 business day, Res. 000132-2025-CD/OSIPTEL)" in added.out
    assert cli("show", "1", "--json").json()["deadlines"][0]["rule"] == "baja@osiptel-132-2025"
    suspension = cli("playbooks", "suspension-pe").out
    assert "suspension.max" in suspension and "2 months" in suspension
