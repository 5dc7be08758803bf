"""``tracker notify``: reminders, a test message, the daily timer (exit 1 when a channel failed)."""

from __future__ import annotations

import argparse
import os
import sys

from tracker import paths
from tracker.clock import Clock
from tracker.core import Tracker
from tracker.display import literal
from tracker.i18n import _, ngettext
from tracker.notify.dispatch import Delivery, Result, check_channels, notify_round, send_test
from tracker.notify.ledger import LedgerBusy

EXIT_FAILED = 1


def run_notify(args: argparse.Namespace, clock: Clock) -> int:
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
    except LedgerBusy as exc:
        _fail_line(literal(str(exc)))
        return EXIT_FAILED
    if outcome.ledger_was_damaged:
        _fail_line(_("the record of today's reminders was damaged and was started afresh"))
    if not due:
        print(_("Nothing due today: nothing sent."))
        return 0
    if args.dry_run:
        print(_("Dry run: nothing was sent."))
        for delivery in outcome.deliveries:
            if delivery.message is None:
                print(
                    _("{channel}: nothing new since the last message today").format(channel=delivery.channel)
                )
                continue
            print(_("{channel} would get:").format(channel=delivery.channel))
            for line in delivery.message.text.rstrip("\n").splitlines():
                print(f"  {line}" if line else "")
        return 0
    return _report(outcome.deliveries, test=False)


def _report(deliveries: list[Delivery], *, test: bool) -> int:
    for delivery in deliveries:
        if delivery.result is Result.FAILED:
            _fail_line(f"{delivery.channel}: {literal(delivery.reason)}")
        elif delivery.result is Result.NOTHING_NEW:
            print(_("{channel}: nothing new since the last message today").format(channel=delivery.channel))
        elif test:
            print(_("{channel}: test message sent").format(channel=delivery.channel))
        else:
            print(
                ngettext(
                    "{channel}: sent ({n} reminder)", "{channel}: sent ({n} reminders)", delivery.count
                ).format(channel=delivery.channel, n=delivery.count)
            )
    return EXIT_FAILED if any(d.result is Result.FAILED for d in deliveries) else 0


def _fail_line(text: str) -> None:
    sys.stderr.write(_("tracker: notify: {problem}").format(problem=text) + "\n")


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
        print(_("Dry run: nothing was changed."))
    if args.install and plan.systemd:
        for path, text in plan.files.items():
            verb = _("Would write") if args.dry_run else _("Wrote")
            print(_("{verb} {command}").format(verb=verb, command=path))
            if args.dry_run:
                print("".join(f"  {line}\n" for line in text.splitlines()), end="")
        for argv in plan.commands:
            print(
                _("{verb} {command}").format(
                    verb=_("Would run") if args.dry_run else _("Ran"), command=" ".join(argv)
                )
            )
        print(
            _(
                "tracker notify runs every day at {time} (systemctl --user list-timers shows the next run)."
            ).format(time=when)
        )
        return 0
    if args.install:
        print(_("Nothing installed: {why}.").format(why=literal(plan.why_not_systemd)))
        print(
            _("To run it every day at {time}, add this line to your crontab (crontab -e):").format(time=when)
        )
        print(plan.cron_line)
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
        print(_("{verb} {command}").format(verb=verb, command=" ".join(words)))
    if not plan.systemd:
        print(_("Nothing to stop: {why}.").format(why=literal(plan.why_not_systemd)))
        print(_("If you added the crontab line, remove it with crontab -e:"))
        print(plan.cron_line)
    elif not plan.removed:
        print(_("No systemd timer was installed."))
    return 0
