"""Writes rev0002.sql: a database at schema revision 0002 filled by that version's own code.

Run with a checkout of tracker at commit 3fead06 (the last one that wrote English
timeline summaries) on the path, e.g. from its virtualenv:

    python tests/data/make_rev0002.py rev0002.sql export-v1.json

It also writes the same cases as that version's JSON export (format version 1).

Every kind of entry that version wrote appears at least once, with user text in
Spanish and Chinese, so that migration 0003 is tested on what real files hold.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.domain.model import Action, Channel, CheckState
from tracker.domain.workflow import CaseDraft


class SteppingClock(FixedClock):
    """The day it is told; ``now`` moves a minute per call within it, so entries keep their order."""

    calls = 0

    def now(self) -> datetime:
        self.calls += 1
        return datetime.combine(self.fixed_today, time(14), tzinfo=UTC) + timedelta(minutes=self.calls)


def fill(tracker: Tracker, clock: SteppingClock) -> None:
    clock.fixed_today = date(2026, 10, 6)
    one = tracker.cases.add(
        CaseDraft(
            "Movistar Perú",
            "eSIM +51 987 654 321",
            ticket="R-2026-00042",
            playbook="esim-pe",
            notes="nota: ñ 漢",
            fee_amount=Decimal("29.90"),
            fee_currency="PEN",
        )
    )
    two = tracker.cases.add(
        CaseDraft("Claro", "línea fija", action=Action.SUSPEND, channel=Channel.STORE, playbook="generic")
    )
    three = tracker.cases.add(CaseDraft("中国移动", "国际漫游", channel=Channel.WEB, playbook="subscription"))
    clock.fixed_today = date(2026, 10, 20)
    tracker.cases.log_contact(
        one.id, "El agente dice que la línea está cortada", ticket="R-2026-00077", agent="Rosa"
    )
    tracker.cases.set_check(one.id, "calls blocked", CheckState.FAILED, "una llamada de prueba entró (sí)")
    tracker.cases.log_contact(one.id, "Llamé otra vez", channel=Channel.APP)  # asked again
    tracker.cases.set_check(one.id, "calls blocked", CheckState.PASSED)
    tracker.cases.set_check(one.id, "balance zero", CheckState.FAILED)
    tracker.cases.set_check(one.id, "balance zero", CheckState.PENDING, "revisar luego")  # failure taken back
    tracker.cases.set_check(one.id, "balance zero", CheckState.PASSED, "S/ 0.00 (app)")
    tracker.cases.add_check(one.id, "no cobro en el recibo de noviembre", required=True)
    tracker.cases.add_check(one.id, "WhatsApp movido: 'nuevo' número", required=False)
    tracker.cases.set_check(one.id, "no cobro en el recibo de noviembre", CheckState.PASSED)
    tracker.cases.log_contact(one.id, "Confirmaron la baja", confirmed=True)
    tracker.cases.verify(one.id)  # verified, with a recheck after the next bill
    clock.fixed_today = date(2026, 12, 1)
    tracker.cases.verify(one.id)  # recheck done
    edited = tracker.cases.get(two.id)
    tracker.cases.edit(
        two.id,
        CaseDraft(
            provider="Claro Perú",
            service=edited.service,
            requested_on=edited.requested_on,
            channel=edited.channel,
            ticket="C-123",
            notes="llamar de 9 a 18 h",
            action=edited.action,
            playbook="esim-pe",
            promised_by=None,
            next_follow_up=edited.next_follow_up,
        ),
    )
    tracker.cases.withdraw(two.id, "me quedo con la línea: mejor plan (S/ 19.90)")
    tracker.cases.reopen(two.id)
    tracker.cases.withdraw(two.id)
    tracker.cases.reopen(two.id)
    tracker.cases.log_contact(three.id, "客服说已经注销", confirmed=True)
    tracker.cases.set_check(three.id, "access ended", CheckState.PASSED, "无法登录")
    tracker.cases.withdraw(three.id, "不用了")


def main(out: Path, export: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = SteppingClock(date(2026, 10, 6))
        tracker = Tracker.open(f"{folder}/old.db", clock=clock, config_folder=Path(folder))
        fill(tracker, clock)
        from tracker.exchange.json_format import document_text

        export.write_text(document_text(tracker.cases.iter_all()), encoding="utf-8")
        tracker.close()
        connection = sqlite3.connect(f"{folder}/old.db")
        lines = [line for line in connection.iterdump()]
        connection.close()
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
