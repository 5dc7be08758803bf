"""What speaking a language costs: catalogs at start-up, Babel on first use.

    python -m tests.bench.languages

Fresh processes (medians of TRACKER_BENCH_RUNS runs, alternating with the
baseline): `tracker --help` and `tracker due` in English, Chinese and Spanish
against `python -c pass`, within 5x (the project's goal for every command).
In one process: loading a compiled catalog, compiling one from its .po (the
alternative to committing the .mo files), importing Babel and the first date
and amount it formats.
"""

from __future__ import annotations

import functools
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable

from tests.bench.common import RUNS, median_pair, python, report, run_once

LIMIT = 5.0

IN_PROCESS = r"""
import io, json, time, sys
t = time.perf_counter
def ms(f):
    start = t(); f(); return (t() - start) * 1000
import gettext
from tracker.i18n import LOCALE_DIR, activate
out = {}
babel_modules = ("babel.dates", "babel.numbers")
out["import babel.dates, babel.numbers"] = ms(lambda: [__import__(m) for m in babel_modules])
out["activate es (read tracker.mo)"] = ms(lambda: activate("es"))
out["activate zh_CN (read tracker.mo)"] = ms(lambda: activate("zh_CN"))
def compile_po():
    from babel.messages.pofile import read_po
    from babel.messages.mofile import write_mo
    with open(LOCALE_DIR / "es" / "LC_MESSAGES" / "tracker.po", "rb") as f:
        catalog = read_po(f)
    buffer = io.BytesIO(); write_mo(buffer, catalog); buffer.seek(0)
    gettext.GNUTranslations(buffer)
out["compile es from tracker.po (Babel)"] = ms(compile_po)
from datetime import date
from decimal import Decimal
from tracker.wording.formats import long_date, money
out["first long_date (locale data)"] = ms(lambda: long_date(date(2026, 10, 14)))
out["then long_date"] = ms(lambda: long_date(date(2026, 10, 15)))
out["first money"] = ms(lambda: money(Decimal("29.90"), "PEN"))
print(json.dumps(out))
"""


def in_process() -> dict[str, float]:
    runs: list[dict[str, float]] = []
    for _ in range(RUNS):
        done = subprocess.run([python(), "-c", IN_PROCESS], capture_output=True, text=True, check=True)
        runs.append(__import__("json").loads(done.stdout))
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> bool:
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        env = {"TRACKER_DB": f"{tmp}/t.db", "TRACKER_CONFIG_DIR": tmp, "TRACKER_TODAY": "2026-10-20"}
        tracker = [python(), "-m", "tracker"]
        subprocess.run(
            [*tracker, "add", "Claro", "--requested", "2026-10-01"],
            env={**os.environ, **env},
            capture_output=True,
            check=True,
        )
        bare: Callable[[], float] = lambda: run_once([python(), "-c", "pass"])  # noqa: E731
        for language in ("en", "zh_CN", "es"):
            for argv in (["--help"], ["due"]):
                ours, base = median_pair(
                    functools.partial(run_once, [*tracker, "--lang", language, *argv], env, ok_codes=(0, 1)),
                    bare,
                )
                ok &= report(f"tracker --lang {language} {' '.join(argv)}", ours, base, LIMIT)
    for name, value in in_process().items():
        print(f"{name}: {value:.2f} ms")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
