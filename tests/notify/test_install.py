"""--install / --uninstall with a stand-in systemctl on PATH and a throw-away XDG_CONFIG_HOME.

Nothing here reaches the real user's systemd or crontab: the only systemctl the
command can find is the fake one, which records what it was asked.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import Run
from tests.helpers.env import TrackerEnv
from tests.helpers.notify import write_program


@pytest.fixture
def systemctl(fake_bin: Path, tmp_path: Path) -> Path:
    """A systemctl whose user manager runs; returns the file where it logs its arguments."""
    log = tmp_path / "systemctl.log"
    write_program(fake_bin, "systemctl", f'echo "$*" >> "{log}"\n')
    return log


@pytest.fixture
def no_systemd(fake_bin: Path, tmp_path: Path) -> Path:
    """A systemctl that cannot reach a user manager, as in a container."""
    log = tmp_path / "systemctl.log"
    write_program(
        fake_bin,
        "systemctl",
        f'echo "$*" >> "{log}"\necho "Failed to connect to bus: No medium found" >&2\nexit 1\n',
    )
    return log


def units() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "systemd" / "user"


def test_install_writes_a_timer_and_enables_it(cli: Run, env: TrackerEnv, systemctl: Path) -> None:
    (env.config_dir / "config.toml").write_text('[notify]\nat = "07:45"\n', encoding="utf-8")
    result = cli("notify", "--install")
    assert result.code == 0, result.err
    timer = (units() / "tracker-notify.timer").read_text(encoding="utf-8")
    service = (units() / "tracker-notify.service").read_text(encoding="utf-8")
    assert "OnCalendar=*-*-* 07:45:00\n" in timer and "Persistent=true\n" in timer
    assert "WantedBy=timers.target" in timer
    assert f"ExecStart={sys.executable} -m tracker notify\n" in service
    assert f"Environment=TRACKER_DB={env.db}\n" in service
    assert f"Environment=TRACKER_CONFIG_DIR={env.config_dir}\n" in service
    assert f"EnvironmentFile=-{env.config_dir / 'notify.env'}\n" in service
    assert "TRACKER_TODAY" not in service  # a fixed day would freeze the timer's runs
    assert systemctl.read_text(encoding="utf-8").splitlines() == [
        "--user show-environment",
        "--user daemon-reload",
        "--user enable --now tracker-notify.timer",
    ]
    assert "tracker notify runs every day at 07:45" in result.out


def test_uninstall_stops_and_removes_it(cli: Run, env: TrackerEnv, systemctl: Path) -> None:
    cli("notify", "--install")
    systemctl.unlink()
    result = cli("notify", "--uninstall")
    assert result.code == 0, result.err
    assert not (units() / "tracker-notify.timer").exists()
    assert not (units() / "tracker-notify.service").exists()
    assert systemctl.read_text(encoding="utf-8").splitlines() == [
        "--user show-environment",
        "--user disable --now tracker-notify.timer",
        "--user daemon-reload",
    ]
    assert f"Removed {units() / 'tracker-notify.timer'}" in result.out


def test_uninstall_with_nothing_installed(cli: Run, env: TrackerEnv, systemctl: Path) -> None:
    result = cli("notify", "--uninstall")
    assert (result.code, result.out) == (0, "No systemd timer was installed.\n")
    assert systemctl.read_text(encoding="utf-8").splitlines() == ["--user show-environment"]


def test_install_dry_run_shows_the_units_and_writes_nothing(
    cli: Run, env: TrackerEnv, systemctl: Path
) -> None:
    result = cli("notify", "--install", "--dry-run")
    assert result.code == 0
    assert "  OnCalendar=*-*-* 09:00:00" in result.out.splitlines()
    assert "Would run systemctl --user enable --now tracker-notify.timer" in result.out
    assert not units().exists()


def test_without_systemd_the_crontab_line_is_printed_and_nothing_written(
    cli: Run,
    env: TrackerEnv,
    no_systemd: Path,
) -> None:
    result = cli("--db", str(env.db), "notify", "--install")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == (
        "Nothing installed: systemd's user manager is not running here "
        "(Failed to connect to bus: No medium found)."
    )
    assert lines[1] == "To run it every day at 09:00, add this line to your crontab (crontab -e):"
    assert lines[2].startswith("0 9 * * * TRACKER_CONFIG_DIR=")
    assert lines[2].endswith(f"{sys.executable} -m tracker --db {env.db} notify")
    assert not units().exists()
    assert no_systemd.read_text(encoding="utf-8").splitlines() == ["--user show-environment"]


def test_uninstall_without_systemd_says_to_remove_the_crontab_line(
    cli: Run, env: TrackerEnv, no_systemd: Path
) -> None:
    result = cli("notify", "--uninstall")
    assert result.code == 0
    assert "If you added the crontab line, remove it with crontab -e:" in result.out


def test_systemctl_refusing_is_one_line_and_status_1(cli: Run, env: TrackerEnv, fake_bin: Path) -> None:
    write_program(
        fake_bin,
        "systemctl",
        'case "$*" in *enable*) echo "Unit file tracker-notify.timer does not exist." >&2; exit 1;; esac\n',
    )
    result = cli("notify", "--install")
    assert result.code == 1
    assert result.error_lines == [
        "tracker: notify: systemctl --user enable --now tracker-notify.timer failed (exit status 1): "
        "Unit file tracker-notify.timer does not exist."
    ]


def test_paths_with_spaces_and_percent_signs_are_quoted_for_systemd_and_cron() -> None:
    from datetime import time

    from tracker.notify.install import cron_line, service_text

    command = ["/opt/my tools/python", "-m", "tracker", "--db", "/data/100%.db", "notify"]
    service = service_text(command, {"TRACKER_CONFIG_DIR": "/home/a b"}, Path("/home/a b/notify.env"))
    assert 'ExecStart="/opt/my tools/python" -m tracker --db "/data/100%%.db" notify\n' in service
    assert 'Environment="TRACKER_CONFIG_DIR=/home/a b"\n' in service
    assert "EnvironmentFile=-/home/a b/notify.env\n" in service
    assert cron_line(command, {}, time(9, 5)) == (
        "5 9 * * * '/opt/my tools/python' -m tracker --db /data/100\\%.db notify"
    )


NEWLINE_DB = "/tmp/evil\n* * * * * touch /tmp/pwned #.db"


@pytest.mark.parametrize("where", ["--db", "TRACKER_DB", "TRACKER_CONFIG_DIR"])
@pytest.mark.parametrize("manager", ["systemd", "cron"])
def test_a_control_character_in_a_path_is_refused_and_nothing_installed(
    cli: Run,
    env: TrackerEnv,
    fake_bin: Path,
    tmp_path: Path,
    where: str,
    manager: str,
) -> None:
    log = tmp_path / "systemctl.log"
    failing = 'echo "Failed to connect to bus" >&2; exit 1\n' if manager == "cron" else ""
    write_program(fake_bin, "systemctl", f'echo "$*" >> "{log}"\n{failing}')
    argv = ["notify", "--install"]
    if where == "--db":
        argv = ["--db", NEWLINE_DB, *argv]
    elif where == "TRACKER_DB":
        env.monkeypatch.setenv("TRACKER_DB", NEWLINE_DB)
    else:
        folder = tmp_path / "conf\rig"
        folder.mkdir()
        env.monkeypatch.setenv("TRACKER_CONFIG_DIR", str(folder))
    result = cli(*argv)
    assert result.code == 2
    assert len(result.error_lines) == 1, result.err
    assert "holds a control character" in result.err and "nothing installed" in result.err
    assert "* * * * * touch" not in result.out
    assert not units().exists()
    assert "enable" not in (log.read_text(encoding="utf-8") if log.exists() else "")


def cron_hands_to_the_shell(line: str) -> str:
    """What cron (Vixie/cronie) gives /bin/sh for a crontab line: \\% becomes %, a bare % ends it."""
    command = line.split(" ", 5)[5]
    out: list[str] = []
    escaped = False
    for ch in command:
        if escaped:
            out[-1:] = [ch] if ch == "%" else [out[-1], ch]
            escaped = False
            continue
        if ch == "%":
            break  # the rest would be standard input
        out.append(ch)
        escaped = ch == "\\"
    return "".join(out)


@pytest.mark.parametrize(
    "path",
    ["/data/100%.db", "/data/a\\%b.db", "/data/%%", '/data/it\'s $HOME `id` "q".db', "/data/trailing\\"],
)
def test_the_crontab_line_gives_the_program_each_path_unchanged(path: str) -> None:
    import subprocess
    from datetime import time

    from tracker.notify.install import cron_line

    program = ["sh", "-c", 'printf "%s\\n" "$@" "$TRACKER_DB"', "sh", "--db", path]
    line = cron_line(program, {"TRACKER_DB": path}, time(9, 5))
    assert line.startswith("5 9 * * * ") and "\n" not in line
    done = subprocess.run(
        ["/bin/sh", "-c", cron_hands_to_the_shell(line)], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == ["--db", path, path]


def test_systemd_escapes_dollar_and_percent_as_each_setting_reads_them() -> None:
    from tracker.notify.install import service_text

    db = '/data/$HOME 100% "q" \\x.db'
    service = service_text(
        ["/usr/bin/python3", "-m", "tracker", "--db", db, "notify"], {"TRACKER_DB": db}, Path("/c/notify.env")
    )
    # ExecStart= expands $VAR and %x: both doubled (systemd.service(5), systemd.unit(5)).
    assert (
        'ExecStart=/usr/bin/python3 -m tracker --db "/data/$$HOME 100%% \\"q\\" \\\\x.db" notify\n' in service
    )
    # Environment=: %x is expanded, "$" has no special meaning (systemd.exec(5)): not doubled.
    assert 'Environment="TRACKER_DB=/data/$HOME 100%% \\"q\\" \\\\x.db"\n' in service
