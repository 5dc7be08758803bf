"""The holidays file: the same days as the holidays package, without loading it again."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from tracker.caches.holidays import CachedHolidays
from tracker.domain.businessdays import country_holidays


def test_the_cache_gives_the_packages_days_and_keeps_them(tmp_path: Path) -> None:
    cached = CachedHolidays(tmp_path)
    assert cached("PE", 2026) == country_holidays("PE", 2026)
    assert date(2026, 7, 28) in cached("PE", 2026) and date(2026, 12, 8) in cached("PE", 2026)
    stored = json.loads((tmp_path / "holidays.json").read_text(encoding="utf-8"))
    assert "PE:2026" in stored["years"]
    # A fresh process answers from the file, without importing the holidays package.
    probe = (
        "import sys; from pathlib import Path; from tracker.caches.holidays import CachedHolidays; "
        f"days = CachedHolidays(Path({str(tmp_path)!r}))('PE', 2026); "
        "print(len(days), 'holidays' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == [str(len(country_holidays("PE", 2026))), "False"]


def test_a_file_from_another_holidays_release_or_broken_is_not_trusted(tmp_path: Path) -> None:
    (tmp_path / "holidays.json").write_text(
        json.dumps({"package": "elsewhere:1", "years": {"PE:2026": ["2026-03-03"]}}), encoding="utf-8"
    )
    assert CachedHolidays(tmp_path)("PE", 2026) == country_holidays("PE", 2026)
    (tmp_path / "holidays.json").write_text("{not json", encoding="utf-8")
    assert CachedHolidays(tmp_path)("PE", 2026) == country_holidays("PE", 2026)


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    assert CachedHolidays(blocked / "cache")("PE", 2026) == country_holidays("PE", 2026)
