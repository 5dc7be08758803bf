"""Layering, checked in fresh interpreters: the core never loads the UI.

Each check runs in a subprocess, because this test process has long since
imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# Import every module of a package (except Alembic's env script, which only runs
# inside Alembic) and report which heavy packages ended up loaded.
IMPORT_ALL = """
import json, pkgutil, sys, importlib
for package_name in {packages!r}:
    package = importlib.import_module(package_name)
    for module in pkgutil.walk_packages(package.__path__, package_name + "."):
        if module.name.endswith(".migrations.env"):
            continue
        importlib.import_module(module.name)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in
                        ("textual", "sqlalchemy", "alembic", "rich", "babel", "tracker"))))
"""


def loaded_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    last_line = done.stdout.strip().splitlines()[-1]
    return set(json.loads(last_line))


def tops(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_the_domain_loads_neither_textual_nor_sqlalchemy() -> None:
    modules = loaded_after(IMPORT_ALL.format(packages=["tracker.domain"]))
    assert "tracker.domain.workflow" in modules and "tracker.domain.playbooks" in modules
    assert "textual" not in tops(modules)
    assert "sqlalchemy" not in tops(modules)


def test_the_store_does_not_load_textual() -> None:
    modules = loaded_after(IMPORT_ALL.format(packages=["tracker.domain", "tracker.store"]))
    assert {
        "tracker.store.transaction",
        "tracker.store.sqlite",
        "tracker.store.schema",
        "tracker.store.migrate",
    } <= modules
    assert any(m.startswith("tracker.store.migrations.versions.") for m in modules)
    assert "textual" not in tops(modules)


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["add", "--help"]])
def test_help_and_version_load_neither_textual_nor_sqlalchemy(argv: list[str]) -> None:
    code = f"""
        import json, sys
        from tracker.cli import main
        try:
            main({argv!r})
        except SystemExit as exit_:
            assert exit_.code in (0, None), exit_.code
        print(json.dumps(sorted(sys.modules)))
    """
    modules = tops(loaded_after(code))
    assert "textual" not in modules
    assert "sqlalchemy" not in modules
    assert "alembic" not in modules
    assert "babel" not in modules  # loaded on first use only: dates and money


@pytest.mark.parametrize("language", ["zh_CN", "es"])
def test_help_in_another_language_loads_its_catalog_but_not_babel(language: str) -> None:
    code = f"""
        import json, sys
        from tracker.cli import main
        from tracker.i18n import current_language
        try:
            main(["--lang", {language!r}, "--help"])
        except SystemExit as exit_:
            assert exit_.code in (0, None), exit_.code
        assert current_language() == {language!r}
        print(json.dumps(sorted(sys.modules)))
    """
    assert not {"babel", "sqlalchemy", "textual"} & tops(loaded_after(code))


def test_a_command_does_not_load_textual(tmp_path: Path) -> None:
    code = f"""
        import json, os, sys
        os.environ["TRACKER_DB"] = {str(tmp_path / "t.db")!r}
        os.environ["TRACKER_CONFIG_DIR"] = {str(tmp_path)!r}
        from tracker.cli import main
        assert main(["add", "Claro"]) == 0
        assert main(["list"]) == 0
        assert main(["due"]) in (0, 1)
        assert main(["--lang", "es", "show", "1"]) == 0
        print(json.dumps(sorted(sys.modules)))
    """
    assert not {"textual", "babel"} & tops(loaded_after(code))


def test_commands_on_sqlite_load_nothing_of_postgresql(tmp_path: Path) -> None:
    """The speed goal: PostgreSQL's driver and code load only for a PostgreSQL database."""
    code = f"""
        import json, os, sys
        os.environ["TRACKER_DB"] = {str(tmp_path / "t.db")!r}
        os.environ["TRACKER_CONFIG_DIR"] = {str(tmp_path)!r}
        from tracker.cli import main
        assert main(["add", "Claro"]) == 0
        for argv in (["list"], ["due"], ["show", "1"], ["log", "1", "called"], ["db", "check"]):
            assert main(argv) in (0, 1)
        print(json.dumps(sorted(sys.modules)))
    """
    loaded = loaded_after(code)
    assert "psycopg" not in tops(loaded) and "psycopg_binary" not in tops(loaded)
    assert not {m for m in loaded if m.startswith("tracker.store.postgres")}


def test_everyday_commands_load_only_what_they_use(tmp_path: Path) -> None:
    """The speed goal (tests/bench/commands.py): on cases with no Peruvian stage or charge,
    the everyday commands load neither the rule books nor the exchange formats, the
    reminders' settings, JSON or (on Linux) platformdirs; nor the standard library's
    dataclasses (with inspect), calendar or shutil, whose import alone cost more than
    a bare interpreter's start."""
    setup = f"""
        import os
        os.environ["TRACKER_DB"] = {str(tmp_path / "t.db")!r}
        os.environ["TRACKER_CONFIG_DIR"] = {str(tmp_path)!r}
        from tracker.cli import main
        # A generic case, as before playbooks named their providers: "Movistar" alone now
        # gets esim-pe, whose rule book loads as it should.
        assert main(["add", "Movistar", "-p", "generic"]) == 0  # creating the database (Alembic): not timed
        print("[]")
    """
    loaded_after(setup)
    code = f"""
        import json, os, sys
        os.environ["TRACKER_DB"] = {str(tmp_path / "t.db")!r}
        os.environ["TRACKER_CONFIG_DIR"] = {str(tmp_path)!r}
        os.environ["XDG_CACHE_HOME"] = {str(tmp_path / "cache")!r}
        from tracker.cli import main
        assert main(["add", "Claro", "--ticket", "T-1", "-p", "generic"]) == 0
        for argv in (["list"], ["due"], ["log", "1", "called"], ["check", "1", "calls blocked", "pass"],
                     ["verify", "1"], ["list", "--all"]):
            assert main(argv) in (0, 1, 2), argv
        print(json.dumps(sorted(sys.modules)))
    """
    loaded = loaded_after(code)
    unwanted = {
        "tracker.domain.rules",
        "tracker.domain.deadlines",
        "tracker.domain.caserules",
        "tracker.exchange.serialize",
        "tracker.config.notify",
        "tomllib",
        "importlib.resources",
        "dataclasses",
        "inspect",
        "calendar",
        "shutil",
    }
    if sys.platform == "linux":
        unwanted.add("platformdirs")
    assert not unwanted & loaded, sorted(unwanted & loaded)


def test_a_peruvian_case_is_shown_without_loading_tomllib(tmp_path: Path) -> None:
    """The speed goal (tests/bench/commands.py): once the book is cached, commands on a
    Peruvian case do not load tomllib."""
    environment = f"""
        import json, os, sys
        os.environ["TRACKER_DB"] = {str(tmp_path / "t.db")!r}
        os.environ["TRACKER_CONFIG_DIR"] = {str(tmp_path)!r}
        os.environ["XDG_CACHE_HOME"] = {str(tmp_path / "cache")!r}
        from tracker.cli import main
    """
    first = (
        environment
        + """
        assert main(["add", "Movistar", "--playbook", "esim-pe"]) == 0
        print(json.dumps(sorted(sys.modules)))
    """
    )
    assert "tomllib" in loaded_after(first)  # the first reading fills the cache
    later = (
        environment
        + """
        assert main(["show", "1"]) == 0
        assert main(["log", "1", "called", "--ticket", "R-1"]) == 0
        print(json.dumps(sorted(sys.modules)))
    """
    )
    loaded = loaded_after(later)
    assert "tracker.domain.rules" in loaded
    assert "tomllib" not in loaded


def test_an_everyday_command_loads_only_its_own_topic(tmp_path: Path) -> None:
    """The command line registers only the topics up to the command's own
    (tracker.cli.registry): the everyday commands load neither the escalation's, the
    exchange's nor the other topics' modules; --help loads every topic, but no handler's
    imports (the database, the output tables)."""
    code = f"""
        import json, os, sys
        os.environ["TRACKER_DB"] = {str(tmp_path / "t.db")!r}
        os.environ["TRACKER_CONFIG_DIR"] = {str(tmp_path)!r}
        from tracker.cli import main
        for argv in (["add", "Claro"], ["due"], ["list"], ["show", "1"], ["add", "--help"]):
            try:
                assert main(argv) in (0, 1), argv
            except SystemExit as exit_:
                assert exit_.code in (0, None), exit_.code
        print(json.dumps(sorted(sys.modules)))
    """
    topics = {m for m in loaded_after(code) if m.startswith("tracker.cli.commands.")}
    assert topics == {"tracker.cli.commands.cases"}
    help_code = """
        import json, sys
        from tracker.cli import main
        try:
            main(["--help"])
        except SystemExit as exit_:
            assert exit_.code in (0, None), exit_.code
        print(json.dumps(sorted(sys.modules)))
    """
    loaded = loaded_after(help_code)
    assert "tracker.cli.commands.db" in loaded and "tracker.cli.commands.escalation" in loaded
    assert not {"tracker.core", "tracker.cli.output", "tracker.exchange", "tracker.notify"} & loaded


def test_the_cases_screen_loads_no_escalation_wording() -> None:
    """The first screen imports what it paints: the escalation wording and the rule books it
    loads (~30 ms) wait until a panel has a deadline or a sum not owed to word."""
    modules = loaded_after(
        """
        import json, sys
        import tracker.ui.app, tracker.ui.screens.cases
        print(json.dumps(sorted(m for m in sys.modules if m.startswith("tracker"))))
        """
    )
    assert "tracker.ui.screens.cases" in modules
    assert "tracker.wording.escalation" not in modules
    assert "tracker.domain.rules" not in modules


def test_the_cases_screen_loads_no_text_area() -> None:
    """Textual's TextArea (~10 ms to import) waits for the case form that edits notes."""
    modules = loaded_after(
        """
        import json, sys
        import tracker.ui.app, tracker.ui.screens.cases
        print(json.dumps(sorted(sys.modules)))
        """
    )
    assert "tracker.ui.screens.cases" in modules
    assert "textual.widgets._text_area" not in modules
