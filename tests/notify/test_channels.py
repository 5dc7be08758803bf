"""Each channel against something real: an HTTP server, an SMTP server, programs."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.notify import NtfyServer, SmtpServer, free_port, start_smtp, write_program
from tracker.config.notify import NotifyConfig
from tracker.notify.channels import DeliveryFailed, open_channel
from tracker.notify.message import Message

MESSAGE = Message(
    "tracker: 1 follow-up overdue", "Overdue:\n  case 3, Movistar Perú: follow-up 5 days overdue", True
)


def send(
    name: str, config: NotifyConfig, environ: dict[str, str] | None = None, message: Message = MESSAGE
) -> None:
    open_channel(name, config, environ or {}).send(message)


# -- ntfy ---------------------------------------------------------------------------


def test_ntfy_posts_the_body_with_title_and_priority(ntfy: NtfyServer) -> None:
    send("ntfy", NotifyConfig(ntfy_url=ntfy.url))
    (posted,) = ntfy.posted
    assert posted.path == "/tracker-test-topic"
    assert posted.body == MESSAGE.body
    assert posted.headers["Title"] == "tracker: 1 follow-up overdue"
    assert posted.headers["Priority"] == "high"
    assert "Authorization" not in posted.headers


def test_ntfy_sends_a_token_from_the_environment_and_encodes_a_title_that_is_not_ascii(
    ntfy: NtfyServer,
) -> None:
    config = NotifyConfig(ntfy_url=ntfy.url, ntfy_token_env="NTFY_TOKEN")
    send("ntfy", config, {"NTFY_TOKEN": "tk_abc"}, Message("tracker: 1 个跟进已逾期", "正文", False))
    headers = ntfy.posted[0].headers
    assert headers["Authorization"] == "Bearer tk_abc"
    assert headers["Title"].startswith("=?utf-8?")
    from email.header import decode_header, make_header

    assert str(make_header(decode_header(headers["Title"]))) == "tracker: 1 个跟进已逾期"
    assert headers["Priority"] == "default"


def test_ntfy_without_its_token_fails_naming_the_variable(ntfy: NtfyServer) -> None:
    with pytest.raises(DeliveryFailed, match=r"\$NTFY_TOKEN is not set"):
        send("ntfy", NotifyConfig(ntfy_url=ntfy.url, ntfy_token_env="NTFY_TOKEN"))
    assert ntfy.posted == []


def test_ntfy_refused_by_the_server_says_its_answer(ntfy: NtfyServer) -> None:
    ntfy.status = 403
    with pytest.raises(DeliveryFailed) as failed:
        send("ntfy", NotifyConfig(ntfy_url=ntfy.url))
    assert str(failed.value).startswith("127.0.0.1:")
    assert "answered 403 Forbidden" in str(failed.value) and "forbidden" in str(failed.value)


def test_ntfy_with_nobody_listening() -> None:
    port = free_port()
    with pytest.raises(DeliveryFailed, match=f"connection refused by 127.0.0.1:{port}"):
        send("ntfy", NotifyConfig(ntfy_url=f"http://127.0.0.1:{port}/topic"))


# -- email ----------------------------------------------------------------------------


def email_config(server: SmtpServer, **changes: Any) -> NotifyConfig:
    return NotifyConfig(email_to="inbox@example.com", smtp_url=server.url, **changes)


def test_email_over_starttls_with_a_login(smtp: SmtpServer) -> None:
    send("email", email_config(smtp), {"TRACKER_SMTP_PASSWORD": smtp.password})
    (mail,) = smtp.received
    assert mail["Subject"] == "tracker: 1 follow-up overdue"
    assert mail["To"] == "inbox@example.com"
    assert mail["From"] == "inbox@example.com"
    assert mail.get_content().rstrip("\n") == MESSAGE.body
    assert smtp.envelopes == [("inbox@example.com", ["inbox@example.com"])]


def test_email_password_from_a_variable_of_ones_choosing_and_a_sender(smtp: SmtpServer) -> None:
    config = email_config(smtp, smtp_password_env="MAIL_PW", email_from="tracker@example.com")
    send("email", config, {"MAIL_PW": smtp.password})
    assert smtp.envelopes == [("tracker@example.com", ["inbox@example.com"])]


def test_email_password_from_the_keyring(smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, str]] = []

    class Keyring:
        @staticmethod
        def get_password(service: str, user: str) -> str:
            asked.append((service, user))
            return smtp.password

    monkeypatch.setitem(sys.modules, "keyring", Keyring)
    send("email", email_config(smtp), {})
    assert asked == [("tracker", "me@example.com")]
    assert len(smtp.received) == 1


def test_email_without_a_password_says_where_to_put_it(
    smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "keyring", None)
    with pytest.raises(DeliveryFailed) as failed:
        send("email", email_config(smtp), {})
    assert str(failed.value) == (
        "no password for me@example.com: set $TRACKER_SMTP_PASSWORD, or store it with: "
        "keyring set tracker me@example.com"
    )


def test_email_with_a_wrong_password(smtp: SmtpServer) -> None:
    with pytest.raises(DeliveryFailed) as failed:
        send("email", email_config(smtp), {"TRACKER_SMTP_PASSWORD": "wrong-guess"})
    assert str(failed.value) == f"authentication failed for me@example.com at 127.0.0.1:{smtp.port} (535)"
    assert smtp.received == []


def test_email_refuses_a_certificate_it_cannot_trust(
    smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    empty = tmp_path / "no-ca.pem"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("SSL_CERT_FILE", str(empty))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    with pytest.raises(DeliveryFailed) as failed:
        send("email", email_config(smtp), {"TRACKER_SMTP_PASSWORD": smtp.password})
    assert str(failed.value).startswith(
        f"TLS failed with 127.0.0.1:{smtp.port}: certificate not trusted "
        "(unable to get local issuer certificate)"
    )
    assert smtp.password not in str(failed.value)
    assert smtp.received == []


def test_email_never_sends_the_password_to_a_server_without_starttls(certificate_authority: Any) -> None:
    controller, plain = start_smtp(certificate_authority, starttls=False)
    try:
        with pytest.raises(DeliveryFailed) as failed:
            send("email", email_config(plain), {"TRACKER_SMTP_PASSWORD": plain.password})
    finally:
        controller.stop()
    assert str(failed.value) == (
        f"TLS failed: 127.0.0.1:{plain.port} offers no STARTTLS (nothing is sent to it unencrypted)"
    )
    assert plain.received == []


def test_email_with_nobody_listening() -> None:
    port = free_port()
    config = NotifyConfig(email_to="inbox@example.com", smtp_url=f"smtp://me@127.0.0.1:{port}")
    with pytest.raises(DeliveryFailed) as failed:
        send("email", config, {"TRACKER_SMTP_PASSWORD": "s3cret-pass"})
    assert str(failed.value) == f"connection refused by 127.0.0.1:{port}"


# -- command -------------------------------------------------------------------------


def test_command_gets_the_message_on_standard_input(tmp_path: Path) -> None:
    out = tmp_path / "got.txt"
    script = f"cat > '{out}'; printf '%s' \"$TRACKER_NOTIFY_TITLE\" > '{out}.title'"
    send("command", NotifyConfig(command=("sh", "-c", script)))
    assert out.read_text(encoding="utf-8") == MESSAGE.text
    assert Path(f"{out}.title").read_text(encoding="utf-8") == MESSAGE.title


def test_command_failing_says_its_status_and_last_words() -> None:
    with pytest.raises(DeliveryFailed) as failed:
        send("command", NotifyConfig(command=("sh", "-c", "echo 'quota exceeded' >&2; exit 3")))
    assert str(failed.value) == "sh exited with status 3: quota exceeded"


def gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (a zombie not yet reaped by init counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_command_that_leaves_a_child_behind_is_judged_by_its_exit_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from tracker.notify.channels import command

    monkeypatch.setattr(command, "TIMEOUT", 20)
    out, pid_file = tmp_path / "got.txt", tmp_path / "child.pid"
    # Delivers, then leaves a child that keeps standard output and error open, and exits 0.
    script = f"cat > '{out}'; sleep 60 & echo $! > '{pid_file}'; exit 0"
    started = time.monotonic()
    try:
        send("command", NotifyConfig(command=("sh", "-c", script)))
        took = time.monotonic() - started
    finally:
        child = int(pid_file.read_text(encoding="utf-8"))
        alive_after_send = not gone(child)
        os.kill(child, signal.SIGKILL)
    assert took < 10
    assert out.read_text(encoding="utf-8") == MESSAGE.text
    assert alive_after_send  # the program's own business: tracker does not kill what it left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_command_that_overruns_is_stopped_with_its_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from tracker.notify.channels import command

    monkeypatch.setattr(command, "TIMEOUT", 1)
    pid_file = tmp_path / "child.pid"
    script = f"sleep 60 & echo $! > '{pid_file}'; wait"
    with pytest.raises(DeliveryFailed, match="^sh: still running after 1 s; stopped$"):
        send("command", NotifyConfig(command=("sh", "-c", script)))
    child = int(pid_file.read_text(encoding="utf-8"))
    deadline = time.monotonic() + 5
    while not gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone(child)


def test_command_not_found() -> None:
    with pytest.raises(DeliveryFailed, match="^no-such-notifier-here: not found$"):
        send("command", NotifyConfig(command=("no-such-notifier-here",)))


# -- desktop -------------------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="notify-send is the Linux fallback")
def test_desktop_falls_back_to_notify_send(
    fake_bin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "desktop_notifier", None)  # the optional library is absent
    out = tmp_path / "args.txt"
    write_program(
        fake_bin, "notify-send", f"for a in \"$@\"; do printf '%s\\n---\\n' \"$a\"; done > '{out}'\n"
    )
    send(
        "desktop",
        NotifyConfig(),
        message=Message("tracker: 1 follow-up overdue", "case 1, A&B <Telecom>", True),
    )
    assert out.read_text(encoding="utf-8").split("\n---\n")[:-1] == [
        "--app-name=tracker",
        "--urgency=critical",
        "--",
        "tracker: 1 follow-up overdue",
        "case 1, A&amp;B &lt;Telecom&gt;",  # notification servers read markup in the body
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="notify-send is the Linux fallback")
def test_desktop_notify_send_failing(fake_bin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "desktop_notifier", None)
    write_program(
        fake_bin, "notify-send", "echo 'Cannot autolaunch D-Bus without X11 $DISPLAY' >&2; exit 1\n"
    )
    with pytest.raises(DeliveryFailed) as failed:
        send("desktop", NotifyConfig())
    assert (
        str(failed.value) == "notify-send exited with status 1: Cannot autolaunch D-Bus without X11 $DISPLAY"
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="notify-send is the Linux fallback")
def test_desktop_with_neither_library_nor_notify_send(
    fake_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "desktop_notifier", None)
    monkeypatch.setenv("PATH", str(fake_bin))
    with pytest.raises(
        DeliveryFailed, match=r"install tracker\[notify\] \(desktop-notifier\) or, on Linux, notify-send"
    ):
        send("desktop", NotifyConfig())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="D-Bus is the Linux backend")
def test_desktop_library_without_a_session_bus_fails_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("desktop_notifier")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    with pytest.raises(DeliveryFailed) as failed:
        send("desktop", NotifyConfig())
    assert str(failed.value).startswith("the notification service refused it: ")
    assert "\n" not in str(failed.value)


@pytest.fixture
def notification_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    pytest.importorskip("desktop_notifier")
    from tests.notify import notification_server as fake

    server, stop = fake.start(tmp_path)
    if server is None:
        pytest.skip("dbus-daemon is not installed")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", server.address)
    yield server
    stop()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="D-Bus is the Linux backend")
def test_desktop_through_the_library_on_a_session_bus(notification_server: Any) -> None:
    send(
        "desktop",
        NotifyConfig(),
        message=Message("tracker: 1 follow-up overdue", "case 1, A&B <Telecom>", True),
    )
    (shown,) = notification_server.shown
    assert (shown.app_name, shown.summary) == ("tracker", "tracker: 1 follow-up overdue")
    assert shown.body == "case 1, A&amp;B &lt;Telecom&gt;"
    assert shown.urgency == 2  # critical: something is overdue
