"""One round of ``tracker notify``: what is due, what each channel has not yet said today, send it.

Every channel gets its own message of what it has not announced today, so a
channel that failed tries again at the next run while the others stay quiet. A
failing channel never stops the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path

from tracker.config.notify import NotifyConfig
from tracker.domain.reminders import Reminder
from tracker.notify import ledger
from tracker.notify.channels import Channel, DeliveryFailed, open_channel, require_settings
from tracker.notify.message import Message, build_message, trial_message
from tracker.records import field, record

Opener = Callable[[str, NotifyConfig, Mapping[str, str]], Channel]


class Result(StrEnum):
    SENT = "sent"
    FAILED = "failed"
    NOTHING_NEW = "nothing_new"  # everything due was already announced today through it
    WOULD_SEND = "would_send"  # --dry-run


@record
class Delivery:
    """How one channel fared: sent, nothing new, or failed (and why)."""

    channel: str
    result: Result
    message: Message | None = None
    count: int = 0  # reminders in the message
    reason: str = ""  # why it failed, one line


@record
class Round:
    """What one run did: everything due today, and what happened on each channel."""

    due: list[Reminder]
    deliveries: list[Delivery] = field(default_factory=list)
    ledger_was_damaged: bool = False

    @property
    def all_delivered(self) -> bool:
        return all(d.result is not Result.FAILED for d in self.deliveries)


def check_channels(names: Sequence[str], config: NotifyConfig) -> None:
    """Refuse (``InvalidInput``) a channel that lacks its settings, before anything is sent."""
    for name in names:
        require_settings(name, config)


def notify_round(
    due: Sequence[Reminder],
    today: date,
    names: Sequence[str],
    config: NotifyConfig,
    state_folder: Path,
    *,
    dry_run: bool = False,
    environ: Mapping[str, str] | None = None,
    opener: Opener = open_channel,
) -> Round:
    """Announce ``due`` through each channel in ``names``, once a day per reminder and channel."""
    environ = os.environ if environ is None else environ
    outcome = Round(list(due))
    if dry_run:
        today_ledger = ledger.read_ledger(state_folder, today)
        for name in names:
            fresh = today_ledger.unannounced(name, due)
            if fresh:
                message = build_message(fresh, today)
                outcome.deliveries.append(Delivery(name, Result.WOULD_SEND, message, len(fresh)))
            else:
                outcome.deliveries.append(Delivery(name, Result.NOTHING_NEW))
        return outcome
    if not due:
        # Nothing due: no lock, no file, nothing sent.
        outcome.deliveries = [Delivery(name, Result.NOTHING_NEW) for name in names]
        return outcome
    with ledger.held(state_folder, today) as today_ledger:
        outcome.ledger_was_damaged = today_ledger.unreadable
        for name in names:
            fresh = today_ledger.unannounced(name, due)
            if not fresh:
                outcome.deliveries.append(Delivery(name, Result.NOTHING_NEW))
                continue
            message = build_message(fresh, today)
            try:
                opener(name, config, environ).send(message)
            except DeliveryFailed as exc:
                outcome.deliveries.append(Delivery(name, Result.FAILED, message, len(fresh), str(exc)))
                continue
            today_ledger.record(name, fresh)
            outcome.deliveries.append(Delivery(name, Result.SENT, message, len(fresh)))
    return outcome


def send_test(
    today: date,
    names: Sequence[str],
    config: NotifyConfig,
    *,
    environ: Mapping[str, str] | None = None,
    opener: Opener = open_channel,
) -> list[Delivery]:
    """A test message through each channel; records nothing."""
    environ = os.environ if environ is None else environ
    message = trial_message(today)
    deliveries = []
    for name in names:
        try:
            opener(name, config, environ).send(message)
        except DeliveryFailed as exc:
            deliveries.append(Delivery(name, Result.FAILED, message, 0, str(exc)))
        else:
            deliveries.append(Delivery(name, Result.SENT, message, 0))
    return deliveries
