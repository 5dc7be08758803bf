"""The words for the model's codes: statuses, check states, channels, actions, fields.

One place per word, so the CLI, the TUI and the dossier say the same thing (the
glossary beside the catalogs lists them in every language). Codes stay codes in
JSON and in the database; these are only for people.
"""

from __future__ import annotations

from tracker.domain.model import Action, Channel, CheckState, EntryKind, Status
from tracker.i18n import pgettext


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
    """A check's state: "pending", "passed", "failed"."""
    if state is CheckState.PASSED:
        return pgettext("check state", "passed")
    if state is CheckState.FAILED:
        return pgettext("check state", "failed")
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


def entry_kind_label(kind: EntryKind) -> str:
    """The kind of a timeline entry: "created", "contact", "status", "check", "edit"."""
    labels = {
        EntryKind.CREATED: pgettext("timeline entry", "created"),
        EntryKind.CONTACT: pgettext("timeline entry", "contact"),
        EntryKind.STATUS: pgettext("timeline entry", "status"),
        EntryKind.CHECK: pgettext("timeline entry", "check"),
        EntryKind.EDIT: pgettext("timeline entry", "edit"),
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
    }
    return labels.get(name, name)
