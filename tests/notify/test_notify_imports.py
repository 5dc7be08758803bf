"""The command line stays fast: --help loads no channel, and a run loads only the channels it uses."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest


def modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("argv", [["--help"], ["notify", "--help"]])
def test_help_loads_nothing_of_notify(argv: list[str]) -> None:
    loaded = modules_after(
        f"""
        import json, sys
        from tracker.cli import main
        try:
            main({argv!r})
        except SystemExit:
            pass
        print(json.dumps(sorted(sys.modules)))
        """
    )
    assert not any(m.startswith("tracker.notify.") or m == "tracker.notify" for m in loaded)
    assert not {"smtplib", "urllib.request", "desktop_notifier", "keyring"} & loaded


def test_a_run_loads_only_the_channel_it_uses(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('[notify]\ncommand = "true"\n', encoding="utf-8")
    loaded = modules_after(
        f"""
        import json, os, sys
        os.environ["TRACKER_CONFIG_DIR"] = {str(tmp_path)!r}
        os.environ["TRACKER_DB"] = {str(tmp_path / "t.db")!r}
        from tracker.cli import main
        main(["notify", "--test"])
        print(json.dumps(sorted(sys.modules)))
        """
    )
    assert "tracker.notify.channels.command" in loaded
    assert (
        not {"tracker.notify.channels.email", "tracker.notify.channels.ntfy", "smtplib", "textual"} & loaded
    )
