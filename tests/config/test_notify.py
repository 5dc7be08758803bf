"""The [notify] table of config.toml: defaults, every setting, and each refusal naming its key."""

from __future__ import annotations

import tomllib
from datetime import time
from pathlib import Path

import pytest

from tracker.config import EXAMPLE, load_config, parse_config
from tracker.config.notify import NotifyConfig, SmtpServer, parse_smtp_url
from tracker.domain.errors import InvalidInput

PATH = Path("/home/someone/.config/tracker/config.toml")


def notify(text: str) -> NotifyConfig:
    return parse_config(tomllib.loads("[notify]\n" + text), PATH).notify


def test_no_table_means_the_desktop_at_nine(tmp_path: Path) -> None:
    config = load_config(tmp_path).notify
    assert config == NotifyConfig()
    assert config.channels() == ("desktop",)
    assert config.at == time(9, 0)


def test_the_example_parses_and_sets_up_no_channel() -> None:
    assert parse_config(tomllib.loads(EXAMPLE), PATH).notify == NotifyConfig()


def test_every_setting() -> None:
    config = notify(
        'via = ["ntfy", "email", "ntfy"]\nat = "07:30"\nntfy_url = "https://ntfy.sh/t0p1c"\n'
        'ntfy_token_env = "NTFY_TOKEN"\nemail_to = "me@example.com"\n'
        'smtp_url = "smtp://me%40example.com@mail.example.com"\nsmtp_password_env = "MAIL_PW"\n'
        "command = \"notify-me --title 'tracker says'\"\n"
    )
    assert config.via == ("ntfy", "email")
    assert config.channels() == ("ntfy", "email")
    assert config.at == time(7, 30)
    assert config.command == ("notify-me", "--title", "tracker says")
    assert config.smtp == SmtpServer("mail.example.com", 587, "me@example.com", implicit_tls=False)
    assert config.sender == "me@example.com"
    assert config.smtp_password_env == "MAIL_PW"


def test_without_via_every_channel_set_up_is_used() -> None:
    config = notify('ntfy_url = "http://127.0.0.1:8080/t"\ncommand = ["logger", "-t", "tracker"]\n')
    assert config.channels() == ("ntfy", "command")
    assert config.command == ("logger", "-t", "tracker")


def test_a_toml_time_is_accepted() -> None:
    assert notify("at = 18:05:00\n").at == time(18, 5)


def test_smtps_defaults_to_port_465() -> None:
    assert parse_smtp_url("smtps://mail.example.com") == SmtpServer("mail.example.com", 465, "", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('colour = "red"', "notify.colour: not a setting"),
        ('via = ["pigeon"]', "notify.via: 'pigeon' is not a channel"),
        ('via = ["email"]', "notify.via: email needs email_to and smtp_url in [notify]"),
        ("via = 3", "notify.via: must be a list of channels"),
        ('at = "25:00"', 'notify.at: must be a time of day as HH:MM, e.g. "09:00"'),
        ('ntfy_url = "ntfy.sh/topic"', "notify.ntfy_url: must be an http:// or https:// address"),
        ('ntfy_url = "https://u:secret@ntfy.sh/t"', "notify.ntfy_url: holds a password"),
        ('ntfy_url = "https://ntfy.sh/tópico"', "notify.ntfy_url: must be plain ASCII with no spaces"),
        ('ntfy_url = "https://ntfy.sh/my topic"', "notify.ntfy_url: must be plain ASCII with no spaces"),
        ('ntfy_url = "https://ntfy.sh:abc/t"', "notify.ntfy_url: the port must be a number from 1 to 65535"),
        (
            'ntfy_url = "https://ntfy.sh:99999/t"',
            "notify.ntfy_url: the port must be a number from 1 to 65535",
        ),
        ('ntfy_url = "https://ntfy.sh:0/t"', "notify.ntfy_url: the port must be a number from 1 to 65535"),
        ('ntfy_url = "https://ntfy.sh:/t"', "notify.ntfy_url: the port must be a number from 1 to 65535"),
        ('ntfy_url = "http://[::1/t"', "notify.ntfy_url: the server is not a valid name or [IPv6] address"),
        ('ntfy_url = "http://[zz]/t"', "notify.ntfy_url: the server is not a valid name or [IPv6] address"),
        ('ntfy_url = "http://[::1]x/t"', "notify.ntfy_url: the server is not a valid name or [IPv6] address"),
        ('smtp_url = "smtp://[::1"', "notify.smtp_url: the server is not a valid name or [IPv6] address"),
        ('email_to = "not an address"', "notify.email_to: 'not an address' is not an e-mail address"),
        ('smtp_url = "smtp://me:hunter2@mail.example.com"', "notify.smtp_url: holds a password"),
        ('smtp_url = "http://mail.example.com"', "notify.smtp_url: must start with smtp://"),
        ('smtp_url = "smtp://mail.example.com:99999"', "notify.smtp_url: the port must be a number"),
        ('smtp_url = "smtp://"', "notify.smtp_url: names no server"),
        ('smtp_password_env = "MY PASSWORD"', "notify.smtp_password_env: must be the name of an environment"),
        ("command = []", "notify.command: is empty"),
        ("command = 5", "notify.command: must be a command line"),
        ('command = ""', "notify.command: is empty"),
        ('command = "notify \'unclosed"', "notify.command: cannot be split into words"),
        ("email_to = 5", "notify.email_to: must be text"),
    ],
)
def test_refusals_name_the_file_and_key(text: str, expected: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        notify(text + "\n")
    message = str(refused.value)
    assert message.startswith(f"{PATH}: ")
    assert expected in message
    assert "hunter2" not in message and "secret" not in message


@pytest.mark.parametrize(
    "url", ["http://[::1]:8080/topic", "https://ntfy.sh/alerts-42", "http://[fe80::1%25eth0]/t"]
)
def test_good_ntfy_addresses_pass(url: str) -> None:
    assert notify(f'ntfy_url = "{url}"\n').ntfy_url == url


def test_notify_must_be_a_table() -> None:
    with pytest.raises(InvalidInput, match="notify: must be a table"):
        parse_config({"notify": "ntfy"}, PATH)
