"""`charge --receipt NUMBER --due DATE`, and `--number N` to give them to a recorded charge."""

from __future__ import annotations

from tests.helpers.cli import Run
from tests.helpers.env import TrackerEnv


def claro_case(cli: Run, env: TrackerEnv) -> None:
    env.set_today("2026-07-20")
    added = cli(
        "add", "Claro Perú", "-t", "CP-2026-553190", "-r", "2026-07-20", "-p", "esim-pe", "-c", "store"
    )
    assert added.code == 0, added.err
    env.set_today("2026-08-20")


def test_charge_takes_a_receipt_and_a_due_date_and_show_names_them(cli: Run, env: TrackerEnv) -> None:
    claro_case(cli, env)
    charged = cli(
        "charge", "1", "79.80", "--on", "2026-08-05", "--period", "2026-08-01..2026-08-31",
        "--receipt", "B001-00012345", "--due", "2026-08-25",
    )  # fmt: skip
    assert charged.code == 0, charged.err
    shown = cli("show", "1")
    assert "     receipt B001-00012345, due 2026-08-25\n" in shown.out
    data = cli("show", "1", "--json").json()
    assert (data["charges"][0]["receipt"], data["charges"][0]["due_on"]) == ("B001-00012345", "2026-08-25")


def test_number_gives_a_recorded_charge_its_receipt_and_due_date(cli: Run, env: TrackerEnv) -> None:
    claro_case(cli, env)
    assert cli("charge", "1", "79.80", "--on", "2026-08-05").code == 0
    completed = cli("charge", "1", "--number", "1", "--receipt", "B001-9", "--due", "2026-08-25")
    assert completed.code == 0, completed.err
    assert "completed" in completed.out
    shown = cli("show", "1")
    assert "receipt B001-9, due 2026-08-25" in shown.out
    assert "Charge of S/ 79.80: receipt B001-9, due 2026-08-25" in shown.out
    refused = cli("charge", "1", "--number", "1", "--due", "2026-08-01")
    assert refused.code == 2 and "the due date 2026-08-01 is before the bill's date 2026-08-05" in refused.err


def test_the_window_to_claim_counts_from_the_due_date(cli: Run, env: TrackerEnv) -> None:
    # Worked by hand in tests/domain/test_billing_window.py: the baja of 1 October 2026 was
    # due on 9 October (8 October a holiday); the bill of 2 November bills October.
    env.set_today("2026-10-01")
    assert cli("add", "Movistar Perú", "-t", "CP-1", "-r", "2026-10-01", "-p", "esim-pe").code == 0
    env.set_today("2026-11-20")
    charged = cli("charge", "1", "62.00", "--on", "2026-11-02", "--period", "2026-10-01..2026-10-31")
    assert charged.code == 0, charged.err
    shown = cli("show", "1").out
    assert (
        "2027-11-02  you: file a billing reclamo about the charge (12 months, Res. 099-2022-CD/OSIPTEL)"
        " — counted from the bill's date, 2026-11-02, the earliest it can start; from its due date it may"
        " end later\n"
    ) in shown
    assert "Charge 1 has no due date: give it with tracker charge 1 --number N --due DATE." in shown
    assert cli("charge", "1", "--number", "1", "--due", "2026-11-17").code == 0
    shown = cli("show", "1").out
    assert (
        "2027-11-17  you: file a billing reclamo about the charge (12 months, Res. 099-2022-CD/OSIPTEL)\n"
    ) in shown
    assert "no due date" not in shown
    [window] = [
        d for d in cli("show", "1", "--json").json()["deadlines"] if d["what"] == "reclamo.billing.file"
    ]
    assert (window["start"], window["due"], window["earliest"]) == ("2026-11-17", "2027-11-17", False)


def test_while_a_billing_reclamo_is_open_show_and_the_dossier_say_what_to_pay(
    cli: Run, env: TrackerEnv
) -> None:
    # Worked by hand in tests/domain/test_undisputed.py: the line is 30 July (23, 28, 29
    # July holidays); of the bill of 3 August, S/ 30.00 owed and S/ 32.00 not.
    claro_case(cli, env)
    env.set_today("2026-08-10")
    charged = cli(
        "charge", "1", "62.00", "--on", "2026-08-03", "--period", "2026-07-16..2026-08-15",
        "--due", "2026-08-18",
    )  # fmt: skip
    assert charged.code == 0, charged.err
    assert "To pay meanwhile" not in cli("show", "1").out
    filed = cli("escalate", "1", "reclamo", "--filed", "2026-08-10", "--topic", "billing", "--code", "REC-1")
    assert filed.code == 0, filed.err
    shown = cli("show", "1").out
    assert (
        "To pay meanwhile:\n"
        "  While the billing reclamo of 2026-08-10 is open, pay only the part you do not dispute: the"
        " operator may not cut the service for the part under reclamo (Res. 099-2022-CD/OSIPTEL).\n"
        "  Charge 1: pay S/ 30.00 by 2026-08-18, its due date; leave S/ 32.00 unpaid, it is under reclamo\n"
    ) in shown
    report = cli("report", "1").out
    assert "## To pay while the reclamo is open" in report
    assert "- Charge 1: S/ 30.00 not disputed, due on 18 August 2026; S/ 32.00 under reclamo." in report
    assert "Gestión, 2025-08-15" in report
