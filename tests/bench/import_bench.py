"""Import of 100,000 cases from a JSON export, against json.load plus sqlite3 executemany.

    python -m tests.bench.import_bench [COUNT]

The baseline is the least any importer must do: Python's own ``json.load`` of the
same file and a plain ``sqlite3`` ``executemany`` of the same rows (cases, checks,
timeline) into the same schema, in one transaction. Both run as fresh processes
into a fresh database, medians of TRACKER_BENCH_RUNS runs.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from tests.bench.common import DATA, dataset, median_pair, python, report, run_once
from tests.bench.due import TRACKER

BASELINE = r"""
import json, sqlite3, sys
source, target, schema = sys.argv[1:4]
with open(source, encoding="utf-8") as handle:
    document = json.load(handle)
db = sqlite3.connect(target)
db.executescript(open(schema).read())
cases, checks, entries = [], [], []
for number, case in enumerate(document["cases"], 1):
    fee = case["fee"] or {}
    cases.append((number, case["uuid"], case["provider"], case["service"], case["action"],
                  case["playbook"], case["channel"], case["requested_on"], case["ticket"],
                  case["promised_by"], case["next_follow_up"], case["status"], case["notes"],
                  fee.get("amount"), fee.get("currency", ""), case["created_at"],
                  case["updated_at"], case["deleted_at"]))
    for position, check in enumerate(case["checks"]):
        checks.append((number, position, check["name"], check["required"], check["state"],
                       check["checked_at"], check["note"]))
    for entry in case["timeline"]:
        entries.append((number, entry["at"], entry["kind"], entry["summary"], entry["channel"],
                        entry["ticket"], entry["agent"], entry["next_follow_up"],
                        entry["status_from"], entry["status_to"], entry["event"],
                        json.dumps(entry["params"], ensure_ascii=False, sort_keys=True,
                                   separators=(",", ":"))))
with db:
    db.executemany("INSERT INTO cases (id, uuid, provider, service, action, playbook, channel, "
                   "requested_on, ticket, promised_by, next_follow_up, status, notes, fee_amount, "
                   "fee_currency, created_at, updated_at, deleted_at) VALUES "
                   "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", cases)
    db.executemany("INSERT INTO checks (case_id, position, name, required, state, checked_at, "
                   "note) VALUES (?,?,?,?,?,?,?)", checks)
    db.executemany("INSERT INTO timeline (case_id, at, kind, summary, channel, ticket, agent, "
                   "next_follow_up, status_from, status_to, event, params) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                   entries)
"""


def schema_of(db: Path) -> str:
    rows = sqlite3.connect(db).execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
    )
    return ";\n".join(row[0] for row in rows) + ";\n"


def main() -> bool:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    source = dataset(count)
    export = DATA / f"export-{count}.json"
    if not export.exists():
        run_once([TRACKER, "--db", str(source), "export", "--format", "json", "--output", str(export)])
    with tempfile.TemporaryDirectory() as tmp:
        schema = Path(tmp) / "schema.sql"
        schema.write_text(schema_of(source))
        runs = {"ours": 0, "base": 0}

        def fresh(name: str) -> str:
            runs[name] += 1
            return str(Path(tmp) / f"{name}-{runs[name]}.db")

        ours, base = median_pair(
            lambda: run_once([TRACKER, "--db", fresh("ours"), "import", str(export)]),
            lambda: run_once([python(), "-c", BASELINE, str(export), fresh("base"), str(schema)]),
        )
        imported = (
            sqlite3.connect(str(Path(tmp) / "ours-1.db")).execute("SELECT count(*) FROM cases").fetchone()[0]
        )
        assert imported == count, imported
    return report(f"import of {count} cases", ours, base, 3.0)


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
