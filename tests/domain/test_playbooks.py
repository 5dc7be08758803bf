"""Playbooks: the built-ins, user TOML files, and malformed files refused by name."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.playbooks import (
    ESIM_PE,
    GENERIC,
    SUBSCRIPTION,
    PlaybookRegistry,
    load_playbook_file,
    provider_fit,
)

ESIM_CHECKS = [
    ("calls blocked", True),
    ("SMS blocked", False),
    ("mobile data stopped", False),
    ("balance zero", True),
    ("eSIM profile deleted from the device", True),
    ("paired devices unbound", True),
    ("account shows cancelled online", False),
    ("no charge on the next bill", False),
]


def test_built_ins() -> None:
    registry = PlaybookRegistry.load(None)
    assert registry.names() == ["esim-pe", "generic", "port-pe", "subscription", "suspension-pe"]
    esim = registry.get("esim-pe")
    assert [(c.name, c.required) for c in esim.checks] == ESIM_CHECKS
    assert (esim.country, esim.provider_days, esim.business_days) == ("PE", 5, True)
    assert esim.recheck_after
    assert [(c.name, c.required) for c in SUBSCRIPTION.checks] == [
        ("confirmation received", True),
        ("no new charge", True),
        ("access ended", False),
        ("no charge on the next bill", False),
    ]
    assert [c.name for c in GENERIC.checks if c.required] == ["cancellation confirmed"]


def test_esim_dates() -> None:
    calendar = ESIM_PE.calendar()
    assert ESIM_PE.promised_by(date(2026, 10, 6), calendar) == date(2026, 10, 14)
    assert ESIM_PE.first_follow_up(date(2026, 10, 14), calendar) == date(2026, 10, 15)
    assert ESIM_PE.next_follow_up(date(2026, 10, 7), calendar) == date(2026, 10, 12)
    # The user's own day off moves the deadline too.
    own = ESIM_PE.calendar([date(2026, 10, 7)])
    assert ESIM_PE.promised_by(date(2026, 10, 6), own) == date(2026, 10, 15)


def test_calendar_day_playbooks_ignore_weekends() -> None:
    calendar = SUBSCRIPTION.calendar()
    assert SUBSCRIPTION.promised_by(date(2026, 10, 6), calendar) == date(2026, 10, 13)
    assert SUBSCRIPTION.first_follow_up(date(2026, 10, 10), calendar) == date(2026, 10, 11)
    assert SUBSCRIPTION.recheck_on(date(2026, 10, 20)) == date(2026, 10, 20) + timedelta(days=35)
    assert GENERIC.recheck_on(date(2026, 10, 20)) is None


GOOD = """
title = "Gym membership"
country = "pe"
provider_days = 3
business_days = true
follow_up_every = 4
recheck_after = 30
steps = ["Ask at the front desk", "Get it in writing"]

[[checks]]
name = "card no longer charged"
required = true

[[checks]]
name = "locker emptied"
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_playbook_loads(tmp_path: Path) -> None:
    path = write(tmp_path / "playbooks", "gym.toml", GOOD)
    registry = PlaybookRegistry.load(tmp_path / "playbooks")
    gym = registry.get("gym")
    assert gym.title == "Gym membership"
    assert gym.country == "PE"
    assert (gym.provider_days, gym.business_days, gym.follow_up_every, gym.recheck_after) == (
        3,
        True,
        4,
        30,
    )
    assert [(c.name, c.required) for c in gym.checks] == [
        ("card no longer charged", True),
        ("locker emptied", False),
    ]
    assert gym.steps == ("Ask at the front desk", "Get it in writing")
    assert gym.source == str(path)
    # Peru's holidays count: 7 Oct, (8 Oct holiday), 9 Oct, 12 Oct.
    assert gym.promised_by(date(2026, 10, 6), gym.calendar()) == date(2026, 10, 12)
    assert "esim-pe" in registry.names()


def test_user_playbook_defaults(tmp_path: Path) -> None:
    playbook = load_playbook_file(write(tmp_path, "bare.toml", ""))
    assert (playbook.name, playbook.title, playbook.checks) == ("bare", "bare", ())
    assert (playbook.provider_days, playbook.follow_up_every, playbook.recheck_after) == (5, 3, None)
    assert playbook.country is None and playbook.business_days


def test_a_user_file_replaces_a_built_in(tmp_path: Path) -> None:
    write(tmp_path, "esim-pe.toml", '[[checks]]\nname = "line dead"\nrequired = true\n')
    registry = PlaybookRegistry.load(tmp_path)
    assert [c.name for c in registry.get("esim-pe").checks] == ["line dead"]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('provider_days = "five"', "provider_days"),
        ("provider_days = true", "provider_days"),
        ("provider_days = -1", "provider_days"),
        ("follow_up_every = 0", "follow_up_every"),
        ("recheck_after = 1.5", "recheck_after"),
        ('business_days = "yes"', "business_days"),
        ("title = 3", "title"),
        ('name = "Bad Name"', "name"),
        ('country = "XX"', "country"),
        ("country = 51", "country"),
        ('checks = "calls blocked"', "checks"),
        ("checks = [1]", "checks[0]"),
        ("[[checks]]\nrequired = true", "checks[0].name"),
        ('[[checks]]\nname = "a"\nrequired = "yes"', "checks[0].required"),
        ('[[checks]]\nname = "calls blocked"\n[[checks]]\nname = "Calls Blocked"', "checks[1].name"),
        ("steps = [1, 2]", "steps"),
        ('providers = "Movistar"', "providers"),
        ('providers = ["Movistar", " - "]', "providers"),
        ('colour = "red"', "colour"),
    ],
)
def test_malformed_playbook_names_the_file_and_the_field(tmp_path: Path, text: str, field: str) -> None:
    path = write(tmp_path, "broken.toml", text + "\n")
    with pytest.raises(InvalidInput) as caught:
        load_playbook_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert f": {field}: " in message


def test_duplicate_check_and_unknown_field_messages(tmp_path: Path) -> None:
    dup = write(tmp_path, "dup.toml", '[[checks]]\nname = "a"\n[[checks]]\nname = "A"\n')
    with pytest.raises(InvalidInput, match="appears twice"):
        load_playbook_file(dup)
    unknown = write(tmp_path, "unknown.toml", 'colour = "red"\n')
    with pytest.raises(InvalidInput, match="not a playbook field"):
        load_playbook_file(unknown)


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.toml", 'title = "unterminated\n')
    with pytest.raises(InvalidInput) as caught:
        load_playbook_file(path)
    assert str(path) in str(caught.value)
    assert "not valid TOML" in str(caught.value)
    assert "line 1" in str(caught.value)


def test_undecodable_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('title = "Señal"\n'.encode("latin-1"))
    with pytest.raises(InvalidInput, match="cannot be read") as caught:
        load_playbook_file(path)
    assert str(path) in str(caught.value)


def test_registry_keeps_working_around_a_broken_file(tmp_path: Path) -> None:
    write(tmp_path, "gym.toml", GOOD)
    broken = write(tmp_path, "broken.toml", "provider_days = 'soon'\n")
    registry = PlaybookRegistry.load(tmp_path)
    assert "gym" in registry.names() and "broken" not in registry.names()
    with pytest.raises(InvalidInput) as caught:
        registry.get("broken")
    assert str(broken) in str(caught.value) and "provider_days" in str(caught.value)
    with pytest.raises(NotFound) as unknown:
        registry.get("nope")
    assert "nope" in str(unknown.value) and "esim-pe" in str(unknown.value)


def test_for_case_falls_back_to_generic() -> None:
    registry = PlaybookRegistry.load(None)
    assert registry.for_case("gone") is GENERIC
    assert registry.for_case("esim-pe") is ESIM_PE


@pytest.mark.parametrize(
    "provider",
    [
        "Movistar Perú",
        "movistar",
        "MOVISTAR PERU",
        "Telefónica Movistar",
        "Claro Peru",
        "CLARO PERÚ",
        "Entel Perú",
        "entel",
        "Bitel Perú",
        "Viettel Perú S.A.C.",
        "  Bitel  ",
    ],
)
def test_esim_pe_fits_perus_operators_as_people_write_them(provider: str) -> None:
    assert PlaybookRegistry.load(None).for_provider(provider) is ESIM_PE


@pytest.mark.parametrize(
    "provider", ["Claroscuro Gym", "Entelequia", "Movistarcito", "Netflix", "Telefónica", "", "Perú"]
)
def test_a_name_fits_only_as_whole_words(provider: str) -> None:
    assert PlaybookRegistry.load(None).for_provider(provider) is None


def test_provider_fit_counts_the_words_of_the_name_found() -> None:
    assert provider_fit("Movistar", "Movistar Perú") == 1
    assert provider_fit("claro peru", "Claro Perú Hogar") == 2
    assert provider_fit("Claro Perú", "Claro Chile") == 0
    assert provider_fit("Ñandú Fit", "ÑANDU FIT Lima") == 2


def test_a_users_playbook_names_its_providers_and_the_best_fit_wins(tmp_path: Path) -> None:
    write(tmp_path, "gym.toml", 'providers = ["Smart Fit", "Bodytech"]\n')
    write(tmp_path, "claro-hogar.toml", 'providers = ["Claro Hogar"]\n')
    write(tmp_path, "mine.toml", 'providers = ["Movistar"]\n')
    registry = PlaybookRegistry.load(tmp_path)
    assert registry.get("gym").providers == ("Smart Fit", "Bodytech")
    assert registry.for_provider("smart fit miraflores") is registry.get("gym")
    assert registry.for_provider("Smart") is None  # every word of a name must be there
    assert registry.for_provider("Claro Hogar Perú") is registry.get("claro-hogar")  # two words beat one
    assert registry.for_provider("Claro Perú") is ESIM_PE
    assert registry.for_provider("Movistar Perú") is registry.get("mine")  # the user's over a built-in
