"""A desktop notification server on a private D-Bus, as GNOME or KDE would run one.

No ``from __future__ import annotations`` here: dbus-fast reads the D-Bus
signatures from the annotations themselves (which is why mypy is told, in
pyproject.toml, not to read them as types here).
"""

import asyncio
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal


@dataclass
class Shown:
    app_name: str
    summary: str
    body: str
    urgency: int


@dataclass
class NotificationServer:
    address: str
    shown: list[Shown] = field(default_factory=list)


class Notifications(ServiceInterface):
    def __init__(self, shown: list[Shown]) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.shown = shown

    @method()
    def GetCapabilities(self) -> "as":  # noqa: F722 - D-Bus names and signatures
        return ["body", "body-markup"]

    @method()
    def Notify(
        self,
        app_name: "s",  # noqa: F821
        replaces_id: "u",  # noqa: F821
        app_icon: "s",  # noqa: F821
        summary: "s",  # noqa: F821
        body: "s",  # noqa: F821
        actions: "as",  # noqa: F722
        hints: "a{sv}",  # noqa: F722
        expire_timeout: "i",  # noqa: F821
    ) -> "u":  # noqa: F821
        urgency = hints["urgency"].value if "urgency" in hints else -1
        self.shown.append(Shown(app_name, summary, body, urgency))
        return len(self.shown)

    @method()
    def CloseNotification(self, notification_id: "u") -> None:  # noqa: F821
        return None

    @method()
    def GetServerInformation(self) -> "ssss":  # noqa: F821
        return ["test-server", "tracker tests", "1.0", "1.2"]

    @signal()
    def NotificationClosed(self) -> "uu":  # noqa: F821
        return [0, 0]

    @signal()
    def ActionInvoked(self) -> "us":  # noqa: F821
        return [0, ""]


def start(folder: Path) -> tuple[NotificationServer | None, Callable[[], None]]:
    """A private bus daemon and a notification server on it; returns (server, stop)."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        return None, lambda: None
    address = f"unix:path={folder / 'bus'}"
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--nopidfile", f"--address={address}", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    server = NotificationServer(address)
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    async def serve() -> None:
        bus = await MessageBus(bus_address=address).connect()
        bus.export("/org/freedesktop/Notifications", Notifications(server.shown))
        await bus.request_name("org.freedesktop.Notifications")
        ready.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(serve(), loop)
    ready.wait(10)

    def stop() -> None:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        process.terminate()
        process.wait(5)

    return server, stop
