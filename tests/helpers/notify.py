"""Stand-ins for the channels' far ends: what an ntfy topic and an SMTP server received."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any


@dataclass
class Posted:
    path: str
    headers: dict[str, str]
    body: str
    method: str = "POST"


@dataclass
class NtfyServer:
    url: str
    posted: list[Posted] = field(default_factory=list)  # every request, whatever its method
    status: int = 200  # what the next requests are answered with
    location: str = ""  # with a 3xx status: where the answer points


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class SmtpServer:
    port: int
    user: str
    password: str
    received: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"smtp://{self.user}@127.0.0.1:{self.port}"


def start_smtp(certificate_authority: Any, *, starttls: bool = True) -> tuple[Any, SmtpServer]:
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    state = SmtpServer(free_port(), "me@example.com", "s3cret-pass")

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            mail = message_from_bytes(envelope.content.replace(b"\r\n", b"\n"), policy=policy.default)
            assert isinstance(mail, EmailMessage)
            state.received.append(mail)
            state.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            return "250 OK"

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and data.login.decode() == state.user
            and data.password.decode() == state.password
        )
        return AuthResult(success=ok, handled=False)

    options: dict[str, Any] = {"authenticator": authenticate, "auth_require_tls": starttls}
    if starttls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        certificate_authority.issue_cert("localhost", "127.0.0.1").configure_cert(context)
        options.update(tls_context=context, require_starttls=True)
    controller = Controller(Handler(), hostname="127.0.0.1", port=state.port, **options)
    controller.start()
    return controller, state


def write_program(folder: Path, name: str, script: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return path
