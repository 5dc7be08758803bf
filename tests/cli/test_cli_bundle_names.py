"""A bundle names each file in its reader's language: Spanish for what goes to OSIPTEL (the
case's folder, cartas/, the letters, adjuntos/), the dossier's language for the dossier."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.cli import ISSUE_ADD, Run
from tests.helpers.env import TrackerEnv
from tracker.clock import FixedClock
from tracker.core import Tracker
from tracker.exchange.dossier import write_dossier
from tracker.i18n import activate

# The dossier's own name in each language: ASCII in Spanish, the Chinese word in Chinese.
DOSSIERS = {"en": "dossier-case-1.md", "zh_CN": "材料汇总-事项1.md", "es": "expediente-caso-1.md"}


@pytest.mark.sqlite_only
@pytest.mark.parametrize("language", sorted(DOSSIERS))
def test_the_bundle_names_each_file_for_its_reader(
    cli: Run, env: TrackerEnv, tmp_path: Path, language: str
) -> None:
    env.set_today("2026-10-06")
    assert cli(*ISSUE_ADD).code == 0
    env.set_today("2026-10-20")
    assert cli("escalate", "1", "reclamo", "--filed", "2026-10-16").code == 0
    bundle = tmp_path / "caso.zip"
    written = cli("--lang", language, "report", "1", "--bundle", str(bundle))
    assert written.code == 0, written.err
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        dossier = archive.read(f"caso-1-movistar-peru/{DOSSIERS[language]}").decode("utf-8")
    assert sorted(names) == sorted(
        f"caso-1-movistar-peru/{name}"
        for name in (DOSSIERS[language], "cartas/baja-caso-1.md", "cartas/reclamo-caso-1.md", "SHA256SUMS")
    )
    assert dossier.startswith("#")
    if language == "es":
        assert DOSSIERS[language].isascii()


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("en", "case-1-movistar-peru.md"),
        ("zh_CN", "事项1-movistar-peru.md"),
        ("es", "caso-1-movistar-peru.md"),
    ],
)
def test_a_dossier_on_its_own_is_named_in_its_language(
    cli: Run, env: TrackerEnv, tmp_path: Path, language: str, name: str
) -> None:
    """The TUI's x writes the dossier into the exports folder under this name."""
    env.set_today("2026-10-06")
    assert cli(*ISSUE_ADD).code == 0
    tracker = Tracker.open(env.target, clock=FixedClock(date(2026, 10, 6)))
    activate(language)
    try:
        written = write_dossier(tracker, tracker.get(1), tmp_path)
    finally:
        activate("en")
        tracker.close()
    assert written.name == name
