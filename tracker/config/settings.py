"""Settings from ``config.toml`` in the config folder."""

from __future__ import annotations

from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.domain.errors import InvalidInput
from tracker.domain.limits import check_date
from tracker.i18n import _
from tracker.records import field, record

if TYPE_CHECKING:
    from tracker.config.notify import NotifyConfig

EXAMPLE = """\
# tracker's settings. Every key is optional.

# Days that are not working days for you, besides weekends and public holidays.
extra_days_off = ["2026-12-24", "2026-12-31"]

# The playbook a new case starts with.
default_playbook = "esim-pe"

# The language: "en", "zh_CN" or "es" (default: your locale; --lang and
# TRACKER_LANG win over this).
# language = "es"

# The day a norm applies from, where tracker could not confirm it (see
# `tracker playbooks esim-pe`): the new Norma de Condiciones de Uso, e.g.
# norm_dates = { "osiptel-132-2025" = "2026-06-01" }

# Which service stops being owed when the operator does not carry out a baja in
# time: after the day it had to be carried out ("deadline", the default: the safer
# side) or after the request ("request"). The sources of both readings are in
# `tracker playbooks esim-pe`.
[rules]
# not_owed_from = "request"

# The account holder, for the letters to the operator (reclamo, queja, apelación,
# baja): `tracker me --name ...` sets these, and so does the app (the holder's form).
[me]
# name = "Ana Quispe Mamani"
# document_type = "DNI"
# document = "45678912"
# address = "Av. Arequipa 1234, dpto. 501, Lince"
# city = "Lima"
# email = "ana@example.com"   # OSIPTEL and the operator may then notify you by e-mail
# phone = "987654321"
# gender = "f"                # "f" or "m": "identificada" or "identificado"

# Key bindings, by binding id (see `?` in the app), e.g.:
[keys]
# "cases.new" = "n"

# Reminders (`tracker notify`): what is overdue, due today or a deadline of yours,
# each announced once a day per channel. Passwords and tokens never go here.
[notify]
# via = ["desktop", "ntfy", "email", "command"]  # default: every channel set up below,
#                                                 # or the desktop when none is
# at = "09:00"                                    # when the installed timer runs
# ntfy_url = "https://ntfy.sh/your-own-secret-topic"
# ntfy_token_env = "NTFY_TOKEN"                   # environment variable with an access token
# email_to = "you@example.com"
# email_from = "tracker@example.com"              # default: email_to
# smtp_url = "smtp://you@smtp.example.com:587"    # STARTTLS; smtps:// for TLS from the start
# smtp_password_env = "TRACKER_SMTP_PASSWORD"     # else the system keyring: keyring set tracker USER
# command = "notify-me --stdin"                   # gets the message on standard input
"""


# The [me] keys, in the order a letter needs them (and `tracker me` shows them).
HOLDER_KEYS = ("name", "document_type", "document", "address", "city", "email", "phone", "gender")
# A letter cannot be filed without these (art. 49 of the reclamo rules, and an address
# where OSIPTEL notifies); e-mail, phone and gender only add to it.
HOLDER_REQUIRED = ("name", "document", "address", "city")
GENDERS = ("f", "m", "")


@record(frozen=True)
class Holder:
    """The account holder, as the letters name them (``[me]`` in config.toml).

    ``document`` is the number (or, as written before ``document_type`` existed, the type
    and the number: "DNI 45678912"); ``gender`` is "f", "m" or empty, for "identificada",
    "identificado" or "identificado(a)".
    """

    name: str = ""
    document: str = ""
    document_type: str = ""
    address: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""
    gender: str = ""

    def missing(self) -> list[str]:
        """The [me] keys a letter needs that are not set."""
        return [key for key in HOLDER_REQUIRED if not str(getattr(self, key)).strip()]


@record
class Config:
    """The settings in ``config.toml`` (defaults where the file is silent)."""

    extra_days_off: frozenset[date] = frozenset()
    default_playbook: str = "generic"
    keys: dict[str, str] = field(default_factory=dict)
    folder: Path | None = None
    # The [notify] table as written, checked when the file is loaded; parsed on use,
    # so that commands other than `notify` do not load the reminders' settings.
    notify_table: dict[str, Any] = field(default_factory=dict)
    language: str | None = None
    norm_dates: dict[str, date] = field(default_factory=dict)
    me: Holder = field(default_factory=Holder)
    # [rules] not_owed_from: the line the user chose; None leaves the rule book's.
    not_owed_from: str | None = None

    @cached_property
    def notify(self) -> NotifyConfig:
        """The reminders' settings (``[notify]``)."""
        from tracker.config.notify import parse_notify

        return parse_notify(self.notify_table, self._file)

    @property
    def _file(self) -> Path:
        return (self.folder or Path()) / "config.toml"

    @property
    def playbook_folder(self) -> Path | None:
        return self.folder / "playbooks" if self.folder else None


KNOWN_KEYS = ("extra_days_off", "default_playbook", "keys", "notify", "language", "norm_dates", "me", "rules")
LINE_CHOICES = ("deadline", "request")


def _refusal(path: Path, where: str, problem: str) -> InvalidInput:
    """A setting refused: the file, the setting, what is wrong with it."""
    return InvalidInput(_("{path}: {field}: {problem}").format(path=path, field=where, problem=problem))


def _day(raw: object, where: str, path: Path) -> date:
    # A TOML datetime is a date too, but it would never equal a day: refused.
    if isinstance(raw, date) and not isinstance(raw, datetime):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise _refusal(path, where, _("{value} is not a date (YYYY-MM-DD)").format(value=repr(raw))) from None


def _norm_dates(raw: object, path: Path) -> dict[str, date]:
    if not isinstance(raw, dict):
        raise _refusal(path, "norm_dates", _('must be a table of "norm id" = "YYYY-MM-DD"'))
    return {str(key): _day(value, f"norm_dates.{key}", path) for key, value in raw.items()}


def _not_owed_from(raw: object, path: Path) -> str | None:
    if not isinstance(raw, dict):
        raise _refusal(path, "rules", _("must be a table ([rules])"))
    unknown = sorted(set(raw) - {"not_owed_from"})
    if unknown:
        raise _refusal(
            path, f"rules.{unknown[0]}", _("not a setting (known: {known})").format(known="not_owed_from")
        )
    value = raw.get("not_owed_from")
    if value is not None and value not in LINE_CHOICES:
        raise _refusal(
            path,
            "rules.not_owed_from",
            _("must be one of: {known}").format(known=", ".join(repr(c) for c in LINE_CHOICES)),
        )
    return value if isinstance(value, str) else None


def _holder(raw: object, path: Path) -> Holder:
    if not isinstance(raw, dict):
        raise _refusal(path, "me", _("must be a table with name and document"))
    unknown = sorted(set(raw) - set(HOLDER_KEYS))
    if unknown:
        raise _refusal(
            path, f"me.{unknown[0]}", _("not a setting (known: {known})").format(known=", ".join(HOLDER_KEYS))
        )
    for key in HOLDER_KEYS:
        if not isinstance(raw.get(key, ""), str):
            raise _refusal(path, f"me.{key}", _("must be text"))
    if raw.get("gender", "") not in GENDERS:
        raise _refusal(path, "me.gender", _('must be "f", "m" or empty'))
    return Holder(**{key: raw.get(key, "") for key in HOLDER_KEYS})


def parse_config(data: dict[str, Any], path: Path) -> Config:
    unknown = sorted(set(data) - set(KNOWN_KEYS))
    if unknown:
        raise _refusal(
            path, unknown[0], _("not a setting (known: {known})").format(known=", ".join(KNOWN_KEYS))
        )
    days: set[date] = set()
    raw_days = data.get("extra_days_off", [])
    if not isinstance(raw_days, list):
        raise _refusal(path, "extra_days_off", _("must be a list of dates"))
    for index, raw in enumerate(raw_days):
        # A TOML datetime is a date too, but it would never equal a day: refused below.
        if isinstance(raw, date) and not isinstance(raw, datetime):
            day = raw
        else:
            try:
                day = date.fromisoformat(str(raw))
            except ValueError:
                raise _refusal(
                    path,
                    f"extra_days_off[{index}]",
                    _("{value} is not a date (YYYY-MM-DD)").format(value=repr(raw)),
                ) from None
        try:
            days.add(check_date(day))
        except InvalidInput as exc:
            raise _refusal(path, f"extra_days_off[{index}]", str(exc)) from None
    default_playbook = data.get("default_playbook", "generic")
    if not isinstance(default_playbook, str):
        raise _refusal(path, "default_playbook", _("must be text"))
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keys.items()
    ):
        raise _refusal(path, "keys", _('must be a table of "binding id" = "key"'))
    notify = data.get("notify", {})
    if not isinstance(notify, dict):
        raise InvalidInput(_("{path}: notify: must be a table ([notify])").format(path=path))
    if notify:
        from tracker.config.notify import parse_notify

        parse_notify(notify, path)  # refused at load, like every other setting
    language = data.get("language")
    if language is not None and not isinstance(language, str):
        raise InvalidInput(_('{path}: language: must be text, e.g. "es"').format(path=path))
    return Config(
        frozenset(days),
        default_playbook,
        dict(keys),
        path.parent,
        dict(notify),
        language,
        norm_dates=_norm_dates(data.get("norm_dates", {}), path),
        me=_holder(data.get("me", {}), path),
        not_owed_from=_not_owed_from(data.get("rules", {}), path),
    )


def language_setting(folder: Path) -> str | None:
    """The ``language`` in ``folder``'s config.toml, read before anything else is.

    Quiet about a missing or broken file: the command that loads the config
    reports its problems; the language falls back to the next source meanwhile.
    """
    try:
        raw = (folder / "config.toml").read_bytes()
    except OSError:
        return None
    if b"language" not in raw:
        return None  # the common case, without loading the TOML parser (tracker --help)
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    language = data.get("language")
    return language if isinstance(language, str) else None


def load_config(folder: Path) -> Config:
    """The config in ``folder``; defaults when there is no config file."""
    path = folder / "config.toml"
    if not path.exists():
        return Config(folder=folder)
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(_("{path}: not valid TOML: {problem}").format(path=path, problem=exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(_("{path}: cannot be read: {problem}").format(path=path, problem=exc)) from None
    return parse_config(data, path)
