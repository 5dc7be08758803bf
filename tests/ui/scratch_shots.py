"""Scratch: render screens in each language to /tmp/i18n-b2/shots (not a test)."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import date
from pathlib import Path

from tests.ui.conftest import TODAY, press, seed, settle
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.domain.model import CheckState
from tracker.i18n import activate
from tracker.ui.app import build_app

SCREENS = {
    "cases": (),
    "follow_ups": ("d",),
    "case": ("enter",),
    "case_peru": ("down", "enter"),
    "new_case": ("a",),
    "help": ("question_mark",),
    "log_contact": ("f",),
    "verify": ("v",),
    "confirm": ("w",),
    "edit": ("e",),
    "add_check": ("enter", "a"),
    "filter": ("slash", *"zzz"),
    "palette": ("ctrl+p",),
    "next_step": ("down", "enter", "s"),
}


def populate(db: str, config: Path) -> None:
    tracker = Tracker.open(db, clock=FixedClock(TODAY), config_folder=config)
    overdue = seed(tracker, "Movistar Perú", requested=date(2026, 10, 6), ticket="R-2026-00042")
    seed(tracker, "Claro", requested=date(2026, 11, 16), ticket="", number=2, service="Línea prepago 中文 🎉")
    seed(
        tracker,
        "Netflix",
        requested=date(2026, 11, 10),
        playbook="subscription",
        service="Standard plan",
        ticket="NF-1",
        number=3,
    )
    seed(
        tracker,
        "中国移动",
        requested=date(2026, 11, 20),
        playbook="generic",
        service="手机号 138 0000 0000",
        number=4,
    )
    tracker.log_contact(overdue.id, "Agent promised to cut the line today", next_follow_up=date(2026, 11, 23))
    tracker.set_check(overdue.id, "calls blocked", CheckState.PASSED)
    tracker.close()


async def shoot(language: str, size: tuple[int, int], names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "t.db")
        config = Path(tmp) / "config"
        config.mkdir()
        populate(db, config)
        for name in names:
            app = build_app(
                db, clock=FixedClock(TODAY), config_folder=config, watch_interval=0, language=language
            )
            async with app.run_test(size=size) as pilot:
                await settle(pilot)
                app.clear_notifications()
                for key in SCREENS[name]:
                    await press(pilot, key)
                await pilot.pause(0.3)
                app.clear_notifications()
                await pilot.pause()
                svg = app.export_screenshot()
                Path(f"/tmp/i18n-b2/shots/{name}-{language}-{size[0]}x{size[1]}.svg").write_text(svg)
            activate("en")


if __name__ == "__main__":
    languages = sys.argv[1].split(",")
    sizes = [tuple(int(v) for v in s.split("x")) for s in sys.argv[2].split(",")]
    names = sys.argv[3].split(",") if len(sys.argv) > 3 else list(SCREENS)
    for language in languages:
        for size in sizes:
            asyncio.run(shoot(language, size, names))
