"""Realistic cases in bulk, through the store's bulk path, for the benchmarks.

    python -m tests.bench.generate DB COUNT [--overdue N]

Cases have the playbook's checks, one to four timeline entries, tickets, notes in
several languages; about a tenth are overdue unless ``--overdue`` says how many.
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, date, datetime, time, timedelta

from tracker.domain.businessdays import BusinessCalendar
from tracker.domain.model import (
    Case,
    Channel,
    CheckState,
    EntryKind,
    Status,
    TimelineEntry,
)
from tracker.domain.playbooks import BUILT_IN
from tracker.domain.workflow import CaseDraft, open_case
from tracker.store import open_store, resolve

TODAY = date(2026, 11, 23)
PROVIDERS = [
    "Movistar Perú",
    "Claro",
    "Entel",
    "Bitel",
    "Netflix",
    "Spotify",
    "Smart Fit",
    "Disney+",
    "Amazon Prime",
    "Rímac Seguros",
    "DirecTV",
    "中国移动",
    "Vodafone",
]
SERVICES = [
    "eSIM +51 9{0:02d} {1:03d} {2:03d}",
    "Línea postpago {0}{1}",
    "Plan familiar {2}",
    "Membresía {0}",
    "Suscripción anual 🎬 {1}",
    "宽带 {2}",
]
NOTES = [
    "",
    "",
    "Agent said 48 hours.",
    "Llamé dos veces, sin respuesta.",
    "They asked for the ID again.",
    "客服说已经取消",
    "Charged again on the 5th 😠",
]


def make_case(rng: random.Random, index: int, overdue: bool, calendars: dict[str, BusinessCalendar]) -> Case:
    playbook = BUILT_IN[index % len(BUILT_IN)]
    requested = TODAY - timedelta(days=rng.randint(0, 720))
    draft = CaseDraft(
        provider=rng.choice(PROVIDERS),
        service=rng.choice(SERVICES).format(rng.randint(0, 99), rng.randint(0, 999), rng.randint(0, 999)),
        requested_on=requested,
        channel=rng.choice(list(Channel)),
        ticket=f"R-{requested.year}-{index:06d}" if rng.random() < 0.85 else "",
        notes=rng.choice(NOTES),
        playbook=playbook.name,
        # A suspension needs the day the line comes back.
        ends_on=requested + timedelta(days=30) if playbook.suspends else None,
    )
    now = datetime.combine(requested, time(15), tzinfo=UTC)
    case = open_case(draft, playbook, calendars[playbook.name], now, TODAY)
    for n in range(rng.randint(0, 3)):
        case.timeline.append(
            TimelineEntry(
                at=now + timedelta(days=n + 1),
                kind=EntryKind.CONTACT,
                channel=Channel.PHONE,
                summary=rng.choice(
                    [
                        "Called, they say it is in progress",
                        "Sin novedades",
                        "Escalated to a supervisor",
                        "Promised a call back",
                    ]
                ),
                ticket=f"F-{index}-{n}" if rng.random() < 0.3 else "",
            )
        )
    if overdue:
        case.status = rng.choice([Status.REQUESTED, Status.CONFIRMED, Status.FAILED])
        case.next_follow_up = TODAY - timedelta(days=rng.randint(1, 60))
    else:
        roll = rng.random()
        if roll < 0.55:
            case.status = Status.VERIFIED
            for check in case.checks:
                check.state = CheckState.PASSED
            case.next_follow_up = None
        elif roll < 0.65:
            case.status = Status.WITHDRAWN
            case.next_follow_up = None
        else:
            case.status = rng.choice([Status.REQUESTED, Status.CONFIRMED])
            # From tomorrow on: what is due is exactly what is overdue, so the answers of
            # `tracker due` and `task overdue` over the same data have the same size.
            case.next_follow_up = TODAY + timedelta(days=rng.randint(1, 30))
    return case


def generate(db_path: str, count: int, overdue: int | None = None, seed: int = 1) -> int:
    """Write ``count`` cases (``overdue`` of them overdue; default a tenth) to the database."""
    rng = random.Random(seed)
    overdue = count // 10 if overdue is None else overdue
    overdue_at = set(rng.sample(range(count), overdue))
    calendars = {p.name: p.calendar() for p in BUILT_IN}
    store = open_store(resolve(db_path), now=datetime.now(UTC)).store
    try:
        cases = (make_case(rng, i, i in overdue_at, calendars) for i in range(count))
        with store.write() as tx:
            return tx.add_many(cases)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db")
    parser.add_argument("count", type=int)
    parser.add_argument("--overdue", type=int)
    args = parser.parse_args()
    print(generate(args.db, args.count, args.overdue), "cases written to", args.db)


if __name__ == "__main__":
    main()
