"""``tracker notify`` as a user runs it: real servers, twice a day, a failing channel, exit statuses."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.cli import Run
from tests.helpers.env import TrackerEnv
from tests.helpers.notify import NtfyServer, SmtpServer, free_port

OVERDUE_ADD = ("add", "Movistar Perú", "--requested", "2026-10-01", "--next", "2026-10-15", "--ticket", "R-1")
TODAY_ADD = ("add", "Claro", "--requested", "2026-10-10", "--next", "2026-10-20", "--ticket", "C-9")


def configure(env: TrackerEnv, text: str) -> None:
    (env.config_dir / "config.toml").write_text("[notify]\n" + text, encoding="utf-8")


def ledger_path() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "tracker" / "notify-ledger.json"


def test_twice_in_a_day_then_the_next_day(
    cli: Run,
    env: TrackerEnv,
    ntfy: NtfyServer,
    smtp: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configure(
        env,
        f'ntfy_url = "{ntfy.url}"\nemail_to = "inbox@example.com"\nsmtp_url = "{smtp.url}"\n',
    )
    monkeypatch.setenv("TRACKER_SMTP_PASSWORD", smtp.password)
    assert cli(*OVERDUE_ADD).code == 0 and cli(*TODAY_ADD).code == 0

    first = cli("notify")
    assert (first.code, first.err) == (0, "")
    assert first.out.splitlines() == ["ntfy: sent (2 reminders)", "email: sent (2 reminders)"]
    assert ntfy.posted[0].headers["Title"] == "tracker: 1 follow-up overdue, 1 follow-up due today"
    assert ntfy.posted[0].body.splitlines()[:5] == [
        "Overdue:",
        "  case 1, Movistar Perú: follow-up 5 days overdue (2026-10-15)",
        "",
        "Due today:",
        "  case 2, Claro: follow-up due today",
    ]
    assert smtp.received[0]["Subject"] == "tracker: 1 follow-up overdue, 1 follow-up due today"
    assert "case 1, Movistar Perú" in smtp.received[0].get_content()

    second = cli("notify")
    assert (second.code, second.err) == (0, "")
    assert second.out.splitlines() == [
        "ntfy: nothing new since the last message today",
        "email: nothing new since the last message today",
    ]
    assert (len(ntfy.posted), len(smtp.received)) == (1, 1)

    env.set_today("2026-10-21")
    third = cli("notify", "--via", "ntfy")
    assert third.out.splitlines() == ["ntfy: sent (2 reminders)"]
    assert ntfy.posted[1].headers["Title"] == "tracker: 2 follow-ups overdue"


def test_a_failing_channel_is_one_line_the_others_still_go_and_the_status_is_1(
    cli: Run,
    env: TrackerEnv,
    ntfy: NtfyServer,
    tmp_path: Path,
) -> None:
    port = free_port()
    got = tmp_path / "got.txt"
    configure(
        env,
        f'ntfy_url = "{ntfy.url}"\nemail_to = "inbox@example.com"\n'
        f'smtp_url = "smtp://me@127.0.0.1:{port}"\ncommand = "sh -c \'cat > {got}\'"\n',
    )
    env.monkeypatch.setenv("TRACKER_SMTP_PASSWORD", "s3cret-pass")
    cli(*OVERDUE_ADD)
    result = cli("notify")
    assert result.code == 1
    assert result.error_lines == [f"tracker: notify: email: connection refused by 127.0.0.1:{port}"]
    assert result.out.splitlines() == ["ntfy: sent (1 reminder)", "command: sent (1 reminder)"]
    assert "s3cret-pass" not in result.out + result.err
    assert got.read_text(encoding="utf-8").startswith("tracker: 1 follow-up overdue\n\nOverdue:\n")
    again = cli("notify")
    assert again.code == 1  # e-mail is tried again; the others have said it today
    assert again.out.splitlines() == [
        "ntfy: nothing new since the last message today",
        "command: nothing new since the last message today",
    ]


def test_nothing_due_sends_nothing(cli: Run, env: TrackerEnv, ntfy: NtfyServer) -> None:
    configure(env, f'ntfy_url = "{ntfy.url}"\n')
    cli("add", "Entel", "--next", "2026-10-25")
    result = cli("notify")
    assert (result.code, result.out) == (0, "Nothing due today: nothing sent.\n")
    assert ntfy.posted == []
    assert not ledger_path().exists()


def test_dry_run_shows_the_message_and_sends_nothing(cli: Run, env: TrackerEnv, ntfy: NtfyServer) -> None:
    configure(env, f'ntfy_url = "{ntfy.url}"\n')
    cli(*OVERDUE_ADD)
    result = cli("notify", "--dry-run")
    assert result.code == 0
    assert result.out.splitlines()[:4] == [
        "Dry run: nothing was sent.",
        "ntfy would get:",
        "  tracker: 1 follow-up overdue",
        "",
    ]
    assert ntfy.posted == []
    assert cli("notify").out == "ntfy: sent (1 reminder)\n"  # the dry run announced nothing


def test_test_sends_through_each_channel_every_time(cli: Run, env: TrackerEnv, ntfy: NtfyServer) -> None:
    configure(env, f'ntfy_url = "{ntfy.url}"\n')
    for _attempt in range(2):
        result = cli("notify", "--test")
        assert (result.code, result.out) == (0, "ntfy: test message sent\n")
    assert [p.headers["Title"] for p in ntfy.posted] == ["tracker: test reminder"] * 2
    assert not ledger_path().exists()


@pytest.mark.parametrize(
    ("config", "argv", "error"),
    [
        ("", ("notify", "--via", "email"), "tracker: error: email needs email_to and smtp_url in [notify]"),
        ('via = ["sms"]', ("notify",), "notify.via: 'sms' is not a channel"),
        ("", ("notify", "--via", "pigeon"), "argument --via: invalid choice: 'pigeon'"),
        ("", ("notify", "--test", "--install"), "argument --install: not allowed with argument --test"),
    ],
)
def test_usage_and_config_errors_exit_2(
    cli: Run, env: TrackerEnv, config: str, argv: tuple[str, ...], error: str
) -> None:
    configure(env, config + "\n")
    result = cli(*argv)
    assert result.code == 2
    assert len(result.error_lines) == 1 and error in result.err


def test_two_overlapping_runs_announce_once(env: TrackerEnv, tmp_path: Path) -> None:
    """Two processes at once (the timer and a manual run): one message, never two."""
    got = tmp_path / "got.txt"
    # The channel takes a second, so the second run starts while the first is sending.
    configure(env, f"command = \"sh -c 'cat >> {got}; sleep 1'\"\n")
    subprocess.run(
        [sys.executable, "-m", "tracker", *OVERDUE_ADD],
        check=True,
        capture_output=True,
        env=os.environ.copy(),
    )

    def start() -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "tracker", "notify"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )

    runs = [start()]
    # The second starts once the first is sending (its channel has opened the file).
    deadline = time.monotonic() + 60
    while not got.exists() and runs[0].poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    runs.append(start())
    outputs = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sorted(out for out, _err in outputs) == [
        "command: nothing new since the last message today\n",
        "command: sent (1 reminder)\n",
    ]
    assert got.read_text(encoding="utf-8").count("tracker: 1 follow-up overdue") == 1


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_not_followed_sends_no_token_elsewhere_and_is_tried_again(
    cli: Run,
    env: TrackerEnv,
    ntfy: NtfyServer,
    elsewhere: NtfyServer,
    status: int,
) -> None:
    configure(env, f'ntfy_url = "{ntfy.url}"\nntfy_token_env = "NTFY_TOKEN"\n')
    env.monkeypatch.setenv("NTFY_TOKEN", "tk_secret")
    ntfy.status, ntfy.location = status, elsewhere.url
    cli(*OVERDUE_ADD)
    result = cli("notify")
    assert result.code == 1
    assert result.error_lines == [
        f"tracker: notify: ntfy: {ntfy.url.split('/')[2]} redirects to {elsewhere.url} ({status});"
        " not followed, nothing sent: set ntfy_url to it"
    ]
    assert result.out == ""
    assert elsewhere.posted == []  # neither the token nor a body-less GET went to the other origin
    assert [p.method for p in ntfy.posted] == ["POST"]
    assert not ledger_path().exists() or "follow_up" not in ledger_path().read_text(encoding="utf-8")
    ntfy.status, ntfy.location = 200, ""
    again = cli("notify")  # not recorded as sent: the next run tries again
    assert (again.code, again.out) == (0, "ntfy: sent (1 reminder)\n")
    assert ntfy.posted[-1].body.startswith("Overdue:")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8080/tópico", "must be plain ASCII with no spaces"),
        ("http://127.0.0.1:abc/t", "the port must be a number from 1 to 65535"),
        ("http://127.0.0.1:65536/t", "the port must be a number from 1 to 65535"),
        ("http://[::1/t", "the server is not a valid name or [IPv6] address"),
    ],
)
def test_a_bad_ntfy_url_is_refused_in_one_line_when_the_config_is_read(
    cli: Run,
    env: TrackerEnv,
    url: str,
    reason: str,
) -> None:
    configure(env, f'ntfy_url = "{url}"\ncommand = "true"\n')
    cli(*OVERDUE_ADD)
    result = cli("notify")
    assert result.code == 2
    assert len(result.error_lines) == 1
    assert "internal error" not in result.err
    assert f"notify.ntfy_url: {reason}" in result.err
    assert result.out == ""


@pytest.mark.parametrize("how", ["ledger is a folder", "data folder is a file", "read-only folder"])
def test_a_ledger_that_cannot_be_written_sends_nothing_and_names_the_ledger(
    cli: Run,
    env: TrackerEnv,
    tmp_path: Path,
    how: str,
) -> None:
    got = tmp_path / "got.txt"
    configure(env, f"command = \"sh -c 'cat >> {got}'\"\n")
    cli(*OVERDUE_ADD)
    ledger = ledger_path()
    if how == "ledger is a folder":
        ledger.mkdir(parents=True)
    elif how == "data folder is a file":
        ledger.parent.parent.mkdir(parents=True, exist_ok=True)
        ledger.parent.write_text("", encoding="utf-8")
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes in a read-only folder")
        ledger.parent.mkdir(parents=True)
        ledger.parent.chmod(0o555)
    try:
        for _run in range(2):
            result = cli("notify")
            assert result.code == 1
            assert len(result.error_lines) == 1, result.err
            assert result.err.startswith(f"tracker: notify: {ledger}: cannot be written (")
            assert result.err.rstrip().endswith("; nothing was sent")
            assert ".notify-ledger." not in result.err  # never the temporary file's name
            assert result.out == ""
            assert not got.exists()  # nothing sent that could not be recorded
    finally:
        if how == "read-only folder":
            ledger.parent.chmod(0o755)
