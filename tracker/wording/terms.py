"""The words for the model's codes: statuses, check states, channels, actions, fields.

One place per word, so the CLI, the TUI and the dossier say the same thing (the
glossary beside the catalogs lists them in every language). Codes stay codes in
JSON and in the database; these are only for people.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from tracker.domain.flags import Flag
from tracker.domain.model import (
    Action,
    Channel,
    CheckState,
    EntryKind,
    Outcome,
    StageKind,
    Status,
    Topic,
)
from tracker.domain.phrases import Advice
from tracker.domain.playbooks import BUILT_IN_CHECK_NAMES, Playbook
from tracker.i18n import N_, NP_, _, pgettext
from tracker.wording.advice import advice_words
from tracker.wording.formats import listed

if TYPE_CHECKING:
    from tracker.domain.rules import RuleBook


def status_label(status: Status) -> str:
    """A case's status in a word or two: "requested", "verified"..."""
    if status is Status.REQUESTED:
        return pgettext("case status", "requested")
    if status is Status.CONFIRMED:
        return pgettext("case status", "confirmed")
    if status is Status.VERIFIED:
        return pgettext("case status", "verified")
    if status is Status.FAILED:
        return pgettext("case status", "failed")
    return pgettext("case status", "withdrawn")


def check_state_label(state: CheckState) -> str:
    """A check's state: "pending", "passed", "failed", "n/a"."""
    if state is CheckState.PASSED:
        return pgettext("check state", "passed")
    if state is CheckState.FAILED:
        return pgettext("check state", "failed")
    if state is CheckState.NOT_APPLICABLE:
        return pgettext("check state", "n/a")
    return pgettext("check state", "pending")


def channel_label(channel: Channel) -> str:
    """How the user reached the provider: "phone", "web"..."""
    labels = {
        Channel.PHONE: pgettext("channel", "phone"),
        Channel.WEB: pgettext("channel", "web"),
        Channel.APP: pgettext("channel", "app"),
        Channel.STORE: pgettext("channel", "store"),
        Channel.EMAIL: pgettext("channel", "email"),
        Channel.CHAT: pgettext("channel", "chat"),
        Channel.OTHER: pgettext("channel", "other"),
    }
    return labels[channel]


def action_label(action: Action) -> str:
    """What is asked of the provider: "cancel" or "suspend"."""
    if action is Action.SUSPEND:
        return pgettext("action", "suspend")
    return pgettext("action", "cancel")


class FlagWords(NamedTuple):
    """A flag's words, marked for translation: its name in capitals, the short form a
    narrow table shows (``pgettext("short flag", ...)``), and what it means."""

    label: str
    short: str
    meaning: str


# Every flag's words, the one home of them: the tables (CLI and TUI), the CSV and the
# dossier name flags from here, and the Help screen lists them all from here. JSON keeps
# the code ("OVERDUE"). A short form says whose date it is, so that badges side by side
# never read as one phrase ("PLAZO VENCIDO" would be "the deadline has passed").
FLAG_WORDS = {
    Flag.YOUR_DEADLINE: FlagWords(
        N_("YOUR DEADLINE"),
        NP_("short flag", "YOUR TURN"),
        N_(
            "a deadline of yours (to appeal an answer, to reclaim a charge) is 5 business days away "
            "or has passed"
        ),
    ),
    Flag.OVERDUE: FlagWords(
        N_("OVERDUE"), NP_("short flag", "OVERDUE"), N_("your follow-up date has passed")
    ),
    Flag.DUE_TODAY: FlagWords(N_("DUE TODAY"), NP_("short flag", "TODAY"), N_("your follow-up is today")),
    Flag.PROVIDER_LATE: FlagWords(
        N_("PROVIDER LATE"),
        NP_("short flag", "PROV LATE"),
        N_("still requested after the provider's promised date"),
    ),
    Flag.ANSWER_LATE: FlagWords(
        N_("ANSWER LATE"),
        NP_("short flag", "NO REPLY"),
        N_("the provider's (or OSIPTEL's) deadline to answer a stage passed with no answer"),
    ),
    Flag.NO_TICKET: FlagWords(
        N_("NO TICKET"), NP_("short flag", "NO TKT"), N_("an open case without a reference number")
    ),
    Flag.CHECK_FAILED: FlagWords(N_("CHECK FAILED"), NP_("short flag", "FAILED"), N_("a check failed")),
    Flag.RECHECK: FlagWords(
        N_("RECHECK"),
        NP_("short flag", "RECHECK"),
        N_("a verified case's check after the next bill is due"),
    ),
}


def flag_label(flag: Flag) -> str:
    """A flag as people read it: "OVERDUE", "逾期", "VENCIDO"."""
    return _(FLAG_WORDS[flag].label)


def short_flag_label(flag: Flag) -> str:
    """The short form of a flag a narrow table shows (the TUI's and the command line's)."""
    return pgettext("short flag", FLAG_WORDS[flag].short)


def flag_meaning(flag: Flag) -> str:
    """What a flag means, in a line (the Help screen's)."""
    return _(FLAG_WORDS[flag].meaning)


def flag_labels(flags: Iterable[Flag], short: bool = False) -> str:
    """Flags in one line, separated by commas (their short forms with ``short``)."""
    label = short_flag_label if short else flag_label
    return listed(label(flag) for flag in flags)


def entry_kind_label(kind: EntryKind) -> str:
    """The kind of a timeline entry: "created", "contact", "status", "check", "edit"."""
    labels = {
        EntryKind.CREATED: pgettext("timeline entry", "created"),
        EntryKind.CONTACT: pgettext("timeline entry", "contact"),
        EntryKind.STATUS: pgettext("timeline entry", "status"),
        EntryKind.CHECK: pgettext("timeline entry", "check"),
        EntryKind.EDIT: pgettext("timeline entry", "edit"),
        EntryKind.TRASH: pgettext("timeline entry", "trash"),
        EntryKind.STAGE: pgettext("timeline entry", "stage"),
        EntryKind.CHARGE: pgettext("timeline entry", "charge"),
        EntryKind.ATTACHMENT: pgettext("timeline entry", "file"),
    }
    return labels[kind]


def field_label(name: str) -> str:
    """A case field by its attribute name ("requested_on" → "request date"); the name if unknown."""
    labels = {
        "provider": pgettext("case field", "provider"),
        "service": pgettext("case field", "service"),
        "requested_on": pgettext("case field", "request date"),
        "channel": pgettext("case field", "channel"),
        "ticket": pgettext("case field", "ticket"),
        "notes": pgettext("case field", "notes"),
        "action": pgettext("case field", "action"),
        "promised_by": pgettext("case field", "promised date"),
        "next_follow_up": pgettext("case field", "next follow-up"),
        "fee_amount": pgettext("case field", "fee"),
        "fee_currency": pgettext("case field", "currency"),
        "playbook": pgettext("case field", "playbook"),
        "status": pgettext("case field", "status"),
        "updated_at": pgettext("case field", "last change"),
        "deleted_at": pgettext("case field", "trash"),
        "effective_on": pgettext("case field", "chosen date"),
        "ends_on": pgettext("case field", "end of the suspension"),
    }
    return labels.get(name, name)


STAGE_NAMES = {
    StageKind.RECLAMO: N_("reclamo"),
    StageKind.QUEJA: N_("queja"),
    StageKind.APELACION: N_("apelación"),
    StageKind.OSIPTEL_FORM: N_("OSIPTEL form (Quiero salirme)"),
}

OUTCOME_NAMES = {
    Outcome.FUNDADO: N_("fundado (in your favour)"),
    Outcome.INFUNDADO: N_("infundado (against you)"),
    Outcome.PARCIAL: N_("fundado en parte (partly in your favour)"),
    Outcome.IMPROCEDENTE: N_("improcedente (rejected without a decision on the merits)"),
    Outcome.INADMISIBLE: N_("inadmisible (not admitted: fix it and file again)"),
}

TOPIC_NAMES = {
    Topic.BAJA: N_("baja not carried out"),
    Topic.BILLING: N_("billing"),
    Topic.QUALITY: N_("service quality"),
    Topic.UNREQUESTED: N_("baja or cut-off you did not ask for"),
}


def stage_name(kind: StageKind) -> str:
    return _(STAGE_NAMES[kind])


# A stage as a sentence's object, with the article the language needs there: Spanish
# "se presentó el reclamo", "la queja"; English "the reclamo".
STAGES_WITH_ARTICLE = {
    StageKind.RECLAMO: NP_("stage with its article", "the reclamo"),
    StageKind.QUEJA: NP_("stage with its article", "the queja"),
    StageKind.APELACION: NP_("stage with its article", "the apelación"),
    StageKind.OSIPTEL_FORM: NP_("stage with its article", "the OSIPTEL form (Quiero salirme)"),
}


def stage_with_article(kind: StageKind) -> str:
    return pgettext("stage with its article", STAGES_WITH_ARTICLE[kind])


def letter_name(kind: str) -> str:
    """A letter by the name `tracker letter` takes: "baja" is the request, else a stage's."""
    if kind == "baja":
        return pgettext("letter", "baja request")
    return stage_name(StageKind(kind))


def outcome_name(outcome: Outcome) -> str:
    return _(OUTCOME_NAMES[outcome])


def topic_name(topic: Topic) -> str:
    return _(TOPIC_NAMES[topic])


# -- names the built-in data gives in English --------------------------------------


def check_label(name: str) -> str:
    """A check's name as shown: a built-in playbook's check in the reader's language
    ("calls blocked" → "呼叫已停用"); a check the user named, exactly as typed."""
    return _(name) if name in BUILT_IN_CHECK_NAMES else name


def quoted(text: str) -> str:
    """A name in quotation marks, as the language writes them: 'calls blocked', “llamadas bloqueadas”."""
    if "'" in text and '"' not in text:
        # TRANSLATORS: quotation marks around a name that contains an apostrophe.
        return pgettext("quoted name with an apostrophe", '"{text}"').format(text=text)
    # TRANSLATORS: quotation marks around a name, e.g. a check's ('calls blocked').
    return pgettext("quoted name", "'{text}'").format(text=text)


def playbook_title(playbook: Playbook) -> str:
    """A playbook's title: a built-in one's in the reader's language, a user's as written."""
    return _(playbook.title) if playbook.built_in else playbook.title


def playbook_steps(playbook: Playbook) -> tuple[str, ...]:
    """A playbook's steps to take before cancelling, worded as :func:`playbook_title`; a built-in
    step's ``{escalate}`` names what files the next stage (the command, or in the TUI its key),
    ``{notes}`` what shows the playbook's notes and their sources."""
    if not playbook.built_in:
        return playbook.steps
    escalate = advice_words(Advice("escalate", "case.next_step"))
    notes = advice_words(Advice(f"playbooks {playbook.name}", ""))  # the command line's alone
    return tuple(_(step).format(escalate=escalate, notes=notes) for step in playbook.steps)


def playbook_notes(playbook: Playbook) -> tuple[str, ...]:
    """What to know before acting, worded as :func:`playbook_title`."""
    return tuple(_(note.text) if playbook.built_in else note.text for note in playbook.notes)


def playbook_source(playbook: Playbook) -> str:
    """Where a playbook is defined: "built-in", or the user's file."""
    return _("built-in") if playbook.built_in else playbook.source


# The built-in rule books' titles (their norms' citations and titles are names: never translated).
RULE_BOOK_TITLES = frozenset({N_("Peru: OSIPTEL's rules for telecommunications services")})


def rulebook_title(book: RuleBook) -> str:
    return book_title(book.title)


def book_note(note: str) -> str:
    """A rule book's note on where something comes from, in the reader's language: the built-in
    books' notes are catalog messages (tracker/i18n/rulebook_messages.py); "" stays ""."""
    return _(note) if note else ""


def book_title(title: str) -> str:
    """A rule book's title: a built-in book's in the reader's language, a user's as written."""
    return _(title) if title in RULE_BOOK_TITLES else title
