"""The command palette shows the reminder set-up and sends a test (tracker notify from the TUI)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.helpers.ui import settle
from tracker.core import Tracker
from tracker.ui.app import TrackerApp


async def run_from_palette(pilot: Pilot[None], name: str) -> list[str]:
    """Pick ``name`` in the palette as a user types it; returns the notices the app showed."""
    shown: list[str] = []
    show = pilot.app.notify

    def notify(message: str, **options: Any) -> None:
        shown.append(message)
        show(message, **options)

    # Recorded on this one app, for this one run.
    pilot.app.notify = notify  # type: ignore[method-assign]
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*[("space" if ch == " " else ch) for ch in name])
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await settle(pilot)
    return shown


async def test_the_set_up_is_shown(
    make_app: Callable[[], TrackerApp], tracker: Tracker, ui_config: Path
) -> None:
    (ui_config / "config.toml").write_text(
        '[notify]\nntfy_url = "https://ntfy.example/my-topic"\nat = "08:15"\n', encoding="utf-8"
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = await run_from_palette(pilot, "Reminders: set-up")
    (text,) = [t for t in shown if "Channels:" in t]
    assert "ntfy: https://ntfy.example/my-topic" in text
    assert "Daily run: not installed as a systemd timer (tracker notify --install; at 08:15)" in text
    assert f"Settings: [notify] in {ui_config / 'config.toml'}" in text


async def test_a_test_message_goes_through_each_channel(
    make_app: Callable[[], TrackerApp], tracker: Tracker, ui_config: Path, tmp_path: Path
) -> None:
    got = tmp_path / "got.txt"
    (ui_config / "config.toml").write_text(f"[notify]\ncommand = \"sh -c 'cat > {got}'\"\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = await run_from_palette(pilot, "Reminders: send a test")
    assert any("command: test message sent" in t for t in shown), shown
    assert got.read_text(encoding="utf-8").startswith("tracker: test reminder\n")


async def test_a_failing_test_is_said(
    make_app: Callable[[], TrackerApp], tracker: Tracker, ui_config: Path
) -> None:
    (ui_config / "config.toml").write_text("[notify]\ncommand = \"sh -c 'exit 4'\"\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = await run_from_palette(pilot, "Reminders: send a test")
    assert any("command: sh exited with status 4" in t for t in shown), shown
