"""tracker.config.settings: settings from config.toml, each table checked."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from tracker.config import EXAMPLE, Config, language_setting, load_config, parse_config
from tracker.domain.errors import InvalidInput

PATH = Path("/home/someone/.config/tracker/config.toml")


def test_no_file_means_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config == Config(folder=tmp_path)
    assert config.extra_days_off == frozenset()
    assert config.default_playbook == "generic"
    assert config.playbook_folder == tmp_path / "playbooks"


def test_the_example_parses() -> None:
    config = parse_config(tomllib.loads(EXAMPLE), PATH)
    assert config.extra_days_off == {date(2026, 12, 24), date(2026, 12, 31)}
    assert config.default_playbook == "esim-pe"
    assert config.keys == {}
    assert config.folder == PATH.parent


def test_load_config_reads_the_file(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        'extra_days_off = [2026-10-09, "2026-10-16"]\ndefault_playbook = "subscription"\n'
        '[keys]\n"cases.new" = "n"\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path)
    assert config.extra_days_off == {date(2026, 10, 9), date(2026, 10, 16)}
    assert config.default_playbook == "subscription"
    assert config.keys == {"cases.new": "n"}
    assert config.language is None


def test_the_language_setting_is_read_alone_and_quietly(tmp_path: Path) -> None:
    assert language_setting(tmp_path) is None  # no file
    (tmp_path / "config.toml").write_text('language = "es"\nnot_a_setting = 1\n', encoding="utf-8")
    assert language_setting(tmp_path) == "es"  # the rest is the loader's to refuse
    (tmp_path / "config.toml").write_text('language = "es"\n[', encoding="utf-8")
    assert language_setting(tmp_path) is None
    (tmp_path / "config.toml").write_text('language = "zh_CN"\n', encoding="utf-8")
    assert load_config(tmp_path).language == "zh_CN"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('extra_days_off = "2026-12-24"', "extra_days_off: must be a list"),
        ('extra_days_off = ["2026-12-24", "2026-02-30"]', "extra_days_off[1]"),
        ('extra_days_off = ["soon"]', "extra_days_off[0]"),
        # A datetime is not a day off; it used to be kept and then never matched.
        ("extra_days_off = [2026-12-24T09:00:00]", "extra_days_off[0]"),
        ("default_playbook = 3", "default_playbook"),
        ("keys = 3", "keys"),
        ('[keys]\n"cases.new" = 1', "keys"),
        ("language = 5", "language: must be text"),
    ],
)
def test_bad_values_name_the_file_and_the_field(text: str, fragment: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_config(tomllib.loads(text), PATH)
    assert str(PATH) in str(caught.value)
    assert fragment in str(caught.value)


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("extra_days_off = [\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not valid TOML") as caught:
        load_config(tmp_path)
    assert str(path) in str(caught.value)


def test_the_not_owed_line_is_chosen_in_rules() -> None:
    assert parse_config({}, PATH).not_owed_from is None
    assert parse_config({"rules": {"not_owed_from": "request"}}, PATH).not_owed_from == "request"
    with pytest.raises(InvalidInput, match="rules.not_owed_from"):
        parse_config({"rules": {"not_owed_from": "bill"}}, PATH)
    with pytest.raises(InvalidInput, match="rules.line"):
        parse_config({"rules": {"line": "request"}}, PATH)
