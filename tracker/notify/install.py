"""``tracker notify --install``: run it every day by itself.

Where a systemd user manager runs, a timer and a service in the user's systemd
folder (``$XDG_CONFIG_HOME/systemd/user``), enabled with ``systemctl --user``.
Elsewhere nothing is touched: the crontab line to add is printed instead (the
user's crontab is theirs to edit). ``--uninstall`` undoes either.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import time
from pathlib import Path

from tracker.domain.errors import InvalidInput, TrackerError
from tracker.i18n import _
from tracker.records import field, record

UNIT = "tracker-notify"
TIMER = f"{UNIT}.timer"
SERVICE = f"{UNIT}.service"
# Settings the timer's run must see as the installing shell saw them.
CARRIED = ("TRACKER_DB", "TRACKER_CONFIG_DIR", "XDG_DATA_HOME")
ENV_FILE = "notify.env"

Runner = Callable[[Sequence[str]], "subprocess.CompletedProcess[str]"]


class InstallFailed(TrackerError):
    """systemctl refused, or a unit file could not be written."""


@record
class Plan:
    """What --install did (or, with --dry-run, would do)."""

    systemd: bool
    why_not_systemd: str = ""
    files: dict[Path, str] = field(default_factory=dict)
    commands: list[list[str]] = field(default_factory=list)
    cron_line: str = ""
    removed: list[Path] = field(default_factory=list)


def run_systemctl(argv: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(argv), capture_output=True, text=True, timeout=60, check=False)


def notify_command(db: str | None) -> list[str]:
    """The command the timer runs: this Python, this tracker, so a virtual environment needs no activating."""
    return [sys.executable, "-m", "tracker", *(["--db", db] if db else []), "notify"]


def carried_environment(environ: Mapping[str, str]) -> dict[str, str]:
    return {name: environ[name] for name in CARRIED if environ.get(name)}


def unit_folder(environ: Mapping[str, str]) -> Path:
    base = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def systemd_running(run: Runner = run_systemctl) -> tuple[bool, str]:
    """Whether ``systemctl --user`` reaches a user manager; if not, why (one line)."""
    try:
        done = run(["systemctl", "--user", "show-environment"])
    except FileNotFoundError:
        return False, _("there is no systemctl on PATH")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"systemctl: {exc}"
    if done.returncode != 0:
        said = " ".join((done.stderr or "").split())[:160]
        return False, _("systemd's user manager is not running here ({said})").format(
            said=said or _("exit status {code}").format(code=done.returncode)
        )
    return True, ""


def refuse_control_characters(values: Iterable[str]) -> None:
    """Refuse (``InvalidInput``) a path or value that a unit file or a crontab line cannot carry.

    A newline would end the line: in a crontab it starts a second job, in a unit a
    second setting. No quoting in either format takes one back.
    """
    from tracker.display import literal

    for value in values:
        if any(_is_control(ch) for ch in value):
            raise InvalidInput(
                _(
                    "{value} holds a control character (such as a newline), which a systemd unit"
                    " or a crontab line cannot carry; nothing installed"
                ).format(value=literal(value))
            )


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or 0x7F <= code <= 0x9F or ch in "\u2028\u2029"


def _systemd_quoted(word: str) -> str:
    """``word`` as one word for systemd.syntax(7): in double quotes, with C-style escapes, if needed."""
    if re.fullmatch(r"[A-Za-z0-9_@+=:,./-]+", word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _exec_word(word: str) -> str:
    # ExecStart=: % starts a specifier and $ a variable (systemd.service(5)); doubled, each is itself.
    return _systemd_quoted(word).replace("%", "%%").replace("$", "$$")


def _environment_word(name: str, value: str) -> str:
    # Environment=: specifiers are expanded, but "$" has no special meaning (systemd.exec(5)),
    # so doubling it would double it in the value.
    return _systemd_quoted(f"{name}={value}").replace("%", "%%")


def service_text(command: Sequence[str], environment: Mapping[str, str], env_file: Path) -> str:
    lines = [
        "# Written by tracker notify --install; tracker notify --uninstall removes it.",
        "[Unit]",
        "Description=tracker: remind me of the follow-ups due (tracker notify)",
        "",
        "[Service]",
        "Type=oneshot",
        "ExecStart=" + " ".join(_exec_word(word) for word in command),
    ]
    lines += [f"Environment={_environment_word(k, v)}" for k, v in sorted(environment.items())]
    # Secrets (TRACKER_SMTP_PASSWORD, a ntfy token) may go in this owner-only file, if wanted.
    # The file name is taken whole (no quoting); only specifiers need escaping.
    lines.append("EnvironmentFile=-" + str(env_file).replace("%", "%%"))
    return "\n".join(lines) + "\n"


def timer_text(at: time) -> str:
    return (
        "# Written by tracker notify --install; tracker notify --uninstall removes it.\n"
        "[Unit]\n"
        "Description=tracker: daily reminders of follow-ups due\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar=*-*-* {at.hour:02d}:{at.minute:02d}:00\n"
        "# Missed while the computer was off: runs at the next start.\n"
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def cron_line(command: Sequence[str], environment: Mapping[str, str], at: time) -> str:
    words = [f"{k}={_cron_word(v)}" for k, v in sorted(environment.items())]
    words += [_cron_word(word) for word in command]
    return f"{at.minute} {at.hour} * * * " + " ".join(words)


def _cron_word(word: str) -> str:
    """``word`` for the shell cron hands the line to, with each % written as cron wants it.

    cron turns an unescaped % into a newline and ``\\%`` into %, and has no escape for a
    backslash: so each % stands outside the shell's quotes, after a quote, never after
    a backslash of the word's own.
    """
    if "%" not in word:
        return shlex.quote(word)
    return "\\%".join(shlex.quote(part) if part else "" for part in word.split("%"))


def install(
    command: Sequence[str],
    environment: Mapping[str, str],
    at: time,
    environ: Mapping[str, str],
    config_folder: Path,
    *,
    dry_run: bool = False,
    run: Runner = run_systemctl,
) -> Plan:
    refuse_control_characters([*command, *environment.values(), str(config_folder / ENV_FILE)])
    running, why_not = systemd_running(run)
    if not running:
        return Plan(False, why_not, cron_line=cron_line(command, environment, at))
    folder = unit_folder(environ)
    plan = Plan(
        True,
        files={
            folder / SERVICE: service_text(command, environment, config_folder / ENV_FILE),
            folder / TIMER: timer_text(at),
        },
        commands=[
            ["systemctl", "--user", "daemon-reload"],
            ["systemctl", "--user", "enable", "--now", TIMER],
        ],
    )
    if dry_run:
        return plan
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, text in plan.files.items():
            path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InstallFailed(f"{exc.filename}: {exc.strerror}") from None
    for argv in plan.commands:
        _systemctl(run, argv)
    return plan


def uninstall(
    environ: Mapping[str, str],
    command: Sequence[str],
    environment: Mapping[str, str],
    at: time,
    *,
    dry_run: bool = False,
    run: Runner = run_systemctl,
) -> Plan:
    running, why_not = systemd_running(run)
    folder = unit_folder(environ)
    present = [path for path in (folder / TIMER, folder / SERVICE) if path.exists()]
    plan = Plan(running, why_not, removed=present)
    if running and present:
        plan.commands = [
            ["systemctl", "--user", "disable", "--now", TIMER],
            ["systemctl", "--user", "daemon-reload"],
        ]
    if not running:
        refuse_control_characters([*command, *environment.values()])
        plan.cron_line = cron_line(command, environment, at)
    if dry_run:
        return plan
    if plan.commands:
        _systemctl(run, plan.commands[0])
    for path in present:
        path.unlink(missing_ok=True)
    if plan.commands:
        _systemctl(run, plan.commands[1])
    return plan


def installed_timer(environ: Mapping[str, str]) -> Path | None:
    """The timer file, if --install wrote one."""
    path = unit_folder(environ) / TIMER
    return path if path.exists() else None


def _systemctl(run: Runner, argv: Sequence[str]) -> None:
    try:
        done = run(argv)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InstallFailed(f"{' '.join(argv)}: {exc}") from None
    if done.returncode != 0:
        said = " ".join((done.stderr or "").split())[:200]
        raise InstallFailed(
            _("{command} failed (exit status {code}): {said}").format(
                command=" ".join(argv), code=done.returncode, said=said
            )
        )
