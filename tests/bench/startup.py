"""Start-up of the command line: which heavy packages each command loads.

    python -m tests.bench.startup

`tracker --help` and `tracker --version` must load neither textual nor
sqlalchemy; no command but the TUI may load textual. Also times `--version`
against a bare `python -c pass` (for information).
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile

from tests.bench.common import median_pair, python, run_once

PROBE = r"""
import json, sys
from tracker.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"textual", "sqlalchemy", "alembic"})
print(json.dumps(heavy), file=sys.stderr)
"""


def loaded(argv: list[str], env: dict[str, str]) -> list[str]:
    done = subprocess.run(
        [python(), "-c", PROBE, *argv], capture_output=True, text=True, env={**os.environ, **env}
    )
    modules: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return modules


def main() -> bool:
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        env = {"TRACKER_DB": f"{tmp}/t.db", "TRACKER_CONFIG_DIR": tmp}
        commands = [
            ["--help"],
            ["--version"],
            ["add", "Claro", "--service", "eSIM"],
            ["list"],
            ["due"],
            ["show", "1"],
            ["log", "1", "called"],
            ["check", "1", "cancellation confirmed", "pass"],
            ["verify", "1"],
            ["export", "--format", "ics"],
            ["report", "1"],
            ["db", "check"],
        ]
        for argv in commands:
            heavy = loaded(argv, env)
            allowed = set() if argv[0] in ("--help", "--version") else {"sqlalchemy", "alembic"}
            good = set(heavy) <= allowed
            ok &= good
            print(
                f"tracker {' '.join(argv)}: loads {', '.join(heavy) or 'neither'} "
                f"{'OK' if good else 'MISSED'}"
            )
        ours, bare = median_pair(
            lambda: run_once([python(), "-m", "tracker", "--version"]),
            lambda: run_once([python(), "-c", "pass"]),
        )
        print(f"tracker --version: {ours:.3f}s vs python -c pass {bare:.3f}s (information)")
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
