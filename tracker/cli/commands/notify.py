"""``tracker notify``: reminders, a test message, the daily timer (exit 1 when a channel failed)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tracker import paths
from tracker.cli.command_spec import Command
from tracker.cli.terminal import say, warn
from tracker.display import literal
from tracker.i18n import N_, _, ngettext
from tracker.wording.formats import listed

if TYPE_CHECKING:
    from tracker.cli.argparse_glue import Parser
    from tracker.clock import Clock
    from tracker.core import Tracker
    from tracker.notify.dispatch import Delivery


def _notify_arguments(notify: Parser, m: Mapping[str, str]) -> None:
    from tracker.config.notify import CHANNELS as NOTIFY_CHANNELS

    notify.add_argument(
        "--via",
        action="append",
        choices=NOTIFY_CHANNELS,
        metavar=m["CHANNEL"],
        help=_("send through this channel only (repeatable): {channels}").format(
            channels=listed(NOTIFY_CHANNELS)
        ),
    )
    notify.add_argument(
        "--dry-run", "-n", action="store_true", help=_("show what would be sent (or installed); send nothing")
    )
    notify_mode = notify.add_mutually_exclusive_group()
    notify_mode.add_argument(
        "--test", action="store_true", help=_("send a test message through each channel (any day)")
    )
    notify_mode.add_argument(
        "--install",
        action="store_true",
        help=_("run it every day by itself: a systemd user timer, else the crontab line to add"),
    )
    notify_mode.add_argument("--uninstall", action="store_true", help=_("remove what --install set up"))


EXIT_FAILED = 1


def notify(args: argparse.Namespace, clock: Clock) -> int:
    from tracker.core import Tracker
    from tracker.notify.channels import channel_word
    from tracker.notify.dispatch import check_channels, notify_round, send_test
    from tracker.notify.ledger import LedgerBusy, LedgerUnwritable

    tracker = Tracker.open(args.db, clock=clock, defer=True)  # config first: refuse a bad one early
    config = tracker.config.notify
    names = tuple(dict.fromkeys(args.via)) if args.via else config.channels()
    if args.install or args.uninstall:
        return _install(args, tracker)
    check_channels(names, config)
    if args.test:
        deliveries = send_test(tracker.today(), names, config)
        return _report(deliveries, test=True)
    due = tracker.reminders()
    try:
        outcome = notify_round(due, tracker.today(), names, config, paths.data_dir(), dry_run=args.dry_run)
    except (LedgerBusy, LedgerUnwritable) as exc:
        _fail_line(literal(str(exc)))
        return EXIT_FAILED
    if outcome.ledger_was_damaged:
        _fail_line(_("the record of today's reminders was damaged and was started afresh"))
    if not due:
        say(_("Nothing due today: nothing sent."))
        return 0
    if args.dry_run:
        say(_("Dry run: nothing was sent."))
        for delivery in outcome.deliveries:
            if delivery.message is None:
                say(
                    _("{channel}: nothing new since the last message today").format(
                        channel=channel_word(delivery.channel)
                    )
                )
                continue
            say(_("{channel} would get:").format(channel=channel_word(delivery.channel)))
            for line in delivery.message.text.rstrip("\n").splitlines():
                say(f"  {line}" if line else "")
        return 0
    return _report(outcome.deliveries, test=False)


def _report(deliveries: list[Delivery], *, test: bool) -> int:
    from tracker.notify.channels import channel_word
    from tracker.notify.dispatch import Result

    for delivery in deliveries:
        if delivery.result is Result.FAILED:
            _fail_line(f"{channel_word(delivery.channel)}: {literal(delivery.reason)}")
        elif delivery.result is Result.NOTHING_NEW:
            say(
                _("{channel}: nothing new since the last message today").format(
                    channel=channel_word(delivery.channel)
                )
            )
        elif test:
            say(_("{channel}: test message sent").format(channel=channel_word(delivery.channel)))
        else:
            say(
                ngettext(
                    "{channel}: sent ({n} reminder)", "{channel}: sent ({n} reminders)", delivery.count
                ).format(channel=channel_word(delivery.channel), n=delivery.count)
            )
    return EXIT_FAILED if any(d.result is Result.FAILED for d in deliveries) else 0


def _fail_line(text: str) -> None:
    warn(_("tracker: notify: {problem}").format(problem=text))


def _install(args: argparse.Namespace, tracker: Tracker) -> int:
    from tracker.notify import install as timer
    from tracker.notify.install import InstallFailed

    at = tracker.config.notify.at
    command = timer.notify_command(args.db)
    environment = timer.carried_environment(os.environ)
    folder = tracker.config.folder or paths.config_dir()
    try:
        if args.install:
            plan = timer.install(command, environment, at, os.environ, folder, dry_run=args.dry_run)
        else:
            plan = timer.uninstall(os.environ, command, environment, at, dry_run=args.dry_run)
    except InstallFailed as exc:
        _fail_line(literal(str(exc)))
        return EXIT_FAILED
    when = f"{at.hour:02d}:{at.minute:02d}"
    if args.dry_run:
        say(_("Dry run: nothing was changed."))
    if args.install and plan.systemd:
        for path, text in plan.files.items():
            verb = _("Would write") if args.dry_run else _("Wrote")
            say(_("{verb} {command}").format(verb=verb, command=path))
            if args.dry_run:
                say("\n".join(f"  {line}" for line in text.splitlines()))
        for argv in plan.commands:
            say(
                _("{verb} {command}").format(
                    verb=_("Would run") if args.dry_run else _("Ran"), command=" ".join(argv)
                )
            )
        say(
            _(
                "tracker notify runs every day at {time} (systemctl --user list-timers shows the next run)."
            ).format(time=when)
        )
        return 0
    if args.install:
        say(_("Nothing installed: {why}.").format(why=literal(plan.why_not_systemd)))
        say(_("To run it every day at {time}, add this line to your crontab (crontab -e):").format(time=when))
        say(plan.cron_line)
        return 0
    # In the order they happen: stop the timer, remove its files, reload.
    steps = [("run", plan.commands[0])] if plan.commands else []
    steps += [("remove", [str(path)]) for path in plan.removed]
    steps += [("run", argv) for argv in plan.commands[1:]]
    for kind, words in steps:
        if kind == "remove":
            verb = _("Would remove") if args.dry_run else _("Removed")
        else:
            verb = _("Would run") if args.dry_run else _("Ran")
        say(_("{verb} {command}").format(verb=verb, command=" ".join(words)))
    if not plan.systemd:
        say(_("Nothing to stop: {why}.").format(why=literal(plan.why_not_systemd)))
        say(_("If you added the crontab line, remove it with crontab -e:"))
        say(plan.cron_line)
    elif not plan.removed:
        say(_("No systemd timer was installed."))
    return 0


COMMANDS = (
    Command(
        "notify",
        N_("remind me of follow-ups due: desktop, ntfy, e-mail or a command"),
        notify,
        _notify_arguments,
        description=N_(
            "Send one message naming the follow-ups overdue and due today, through the channels "
            "set up under [notify] in config.toml. Each reminder is announced once a day per "
            "channel; nothing is sent when nothing is due. Exit status: 0 when every channel "
            "delivered (or had nothing new to say), 1 when a channel failed, 2 for a usage or "
            "config error."
        ),
    ),
)
