"""Real local servers for the channels: an HTTP server standing in for ntfy, SMTP with STARTTLS."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.notify import NtfyServer, Posted, SmtpServer, start_smtp


def serve_ntfy(host: str = "127.0.0.1") -> tuple[NtfyServer, Any]:
    """An HTTP server on ``host`` that records every request, like an ntfy topic; returns it and its stop."""
    state = NtfyServer("")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # the name http.server calls
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode("utf-8")
            state.posted.append(Posted(self.path, dict(self.headers.items()), body, self.command))
            self.send_response(state.status)
            if state.location:
                self.send_header("Location", state.location)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"error":"forbidden"}' if state.status >= 400 else b'{"id":"x"}')

        do_GET = do_POST  # a redirected POST arrives as a GET
        do_PUT = do_POST

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

    server = ThreadingHTTPServer((host, 0), Handler)
    state.url = f"http://{host}:{server.server_address[1]}/tracker-test-topic"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return state, stop


@pytest.fixture
def ntfy() -> Iterator[NtfyServer]:
    """An HTTP server on 127.0.0.1 that records what is posted to it, like an ntfy topic."""
    state, stop = serve_ntfy()
    try:
        yield state
    finally:
        stop()


@pytest.fixture
def elsewhere() -> Iterator[NtfyServer]:
    """A second server, another origin than ``ntfy`` (another port), that a redirect may point to."""
    state, stop = serve_ntfy()
    try:
        yield state
    finally:
        stop()


@pytest.fixture(scope="session")
def certificate_authority(tmp_path_factory: pytest.TempPathFactory) -> Any:
    trustme = pytest.importorskip("trustme")
    authority = trustme.CA()
    return authority


@pytest.fixture
def trusted_ca(certificate_authority: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test CA in SSL_CERT_FILE, so the client trusts the test server's certificate."""
    path = tmp_path / "test-ca.pem"
    certificate_authority.cert_pem.write_to_path(str(path))
    monkeypatch.setenv("SSL_CERT_FILE", str(path))
    return path


@pytest.fixture
def smtp(certificate_authority: Any, trusted_ca: Path) -> Iterator[SmtpServer]:
    """An SMTP server on 127.0.0.1 that wants STARTTLS, then a login, and keeps what it gets."""
    controller, state = start_smtp(certificate_authority)
    try:
        yield state
    finally:
        controller.stop()


@pytest.fixture
def fake_bin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder put first on PATH, for stand-ins of programs (notify-send, systemctl)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", f"{folder}:{Path('/usr/bin')}:{Path('/bin')}")
    return folder
