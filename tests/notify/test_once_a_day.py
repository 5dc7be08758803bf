"""The once-a-day rule: each reminder announced once a day per channel, a failed channel retried."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tracker.config.notify import NotifyConfig
from tracker.domain.model import Status
from tracker.domain.reminders import Reminder, follow_up_reminder
from tracker.notify.channels import DeliveryFailed
from tracker.notify.dispatch import Result, Round, notify_round
from tracker.notify.ledger import FILE_NAME, read_ledger
from tracker.notify.message import Message

MONDAY = date(2026, 10, 19)
TUESDAY = date(2026, 10, 20)
CONFIG = NotifyConfig()


@dataclass
class Recorder:
    """Stands in for the channels: keeps what each received, fails the ones told to."""

    failing: set[str] = field(default_factory=set)
    received: dict[str, list[Message]] = field(default_factory=dict)

    def open(self, name: str, config: NotifyConfig, environ: Mapping[str, str]) -> Recorder.Sink:
        return Recorder.Sink(self, name)

    @dataclass
    class Sink:
        recorder: Recorder
        name: str

        def send(self, message: Message) -> None:
            if self.name in self.recorder.failing:
                raise DeliveryFailed("connection refused by 127.0.0.1:9")
            self.recorder.received.setdefault(self.name, []).append(message)


def due(case_id: int, on: date, today: date) -> Reminder:
    return follow_up_reminder(case_id, f"uuid-{case_id}", f"Provider {case_id}", Status.REQUESTED, on, today)


def run(
    folder: Path,
    reminders: list[Reminder],
    today: date,
    recorder: Recorder,
    names: tuple[str, ...] = ("ntfy", "email"),
) -> Round:
    return notify_round(reminders, today, names, CONFIG, folder, environ={}, opener=recorder.open)


def test_twice_in_a_day_one_message_then_none(tmp_path: Path) -> None:
    recorder = Recorder()
    reminders = [due(1, MONDAY, TUESDAY)]
    first = run(tmp_path, reminders, TUESDAY, recorder)
    assert [d.result for d in first.deliveries] == [Result.SENT, Result.SENT]
    second = run(tmp_path, reminders, TUESDAY, recorder)
    assert [d.result for d in second.deliveries] == [Result.NOTHING_NEW, Result.NOTHING_NEW]
    assert second.all_delivered
    assert [len(recorder.received[name]) for name in ("ntfy", "email")] == [1, 1]


def test_a_new_follow_up_later_in_the_day_is_announced_alone(tmp_path: Path) -> None:
    recorder = Recorder()
    run(tmp_path, [due(1, MONDAY, TUESDAY)], TUESDAY, recorder, names=("ntfy",))
    run(tmp_path, [due(1, MONDAY, TUESDAY), due(2, TUESDAY, TUESDAY)], TUESDAY, recorder, names=("ntfy",))
    second = recorder.received["ntfy"][1]
    assert second.title == "tracker: 1 follow-up due today"
    assert "case 1," not in second.body and "case 2, Provider 2" in second.body


def test_the_next_day_everything_still_due_is_announced_again(tmp_path: Path) -> None:
    recorder = Recorder()
    run(tmp_path, [due(1, MONDAY, MONDAY)], MONDAY, recorder, names=("ntfy",))
    run(tmp_path, [due(1, MONDAY, TUESDAY)], TUESDAY, recorder, names=("ntfy",))
    titles = [m.title for m in recorder.received["ntfy"]]
    assert titles == ["tracker: 1 follow-up due today", "tracker: 1 follow-up overdue"]
    stored = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert stored["day"] == "2026-10-20"
    assert stored["announced"] == {"ntfy": ["follow_up:uuid-1:2026-10-19"]}


def test_a_failing_channel_is_reported_and_tried_again_while_the_others_stay_quiet(tmp_path: Path) -> None:
    recorder = Recorder(failing={"email"})
    first = run(tmp_path, [due(1, MONDAY, TUESDAY)], TUESDAY, recorder)
    assert [(d.channel, d.result) for d in first.deliveries] == [
        ("ntfy", Result.SENT),
        ("email", Result.FAILED),
    ]
    assert first.deliveries[1].reason == "connection refused by 127.0.0.1:9"
    assert not first.all_delivered
    recorder.failing.clear()
    second = run(tmp_path, [due(1, MONDAY, TUESDAY)], TUESDAY, recorder)
    assert [(d.channel, d.result) for d in second.deliveries] == [
        ("ntfy", Result.NOTHING_NEW),
        ("email", Result.SENT),
    ]
    assert len(recorder.received["ntfy"]) == 1 and len(recorder.received["email"]) == 1


def test_nothing_due_sends_nothing_and_writes_nothing(tmp_path: Path) -> None:
    recorder = Recorder()
    outcome = run(tmp_path, [], TUESDAY, recorder)
    assert recorder.received == {}
    assert outcome.all_delivered
    assert not (tmp_path / FILE_NAME).exists()


def test_a_dry_run_sends_and_records_nothing(tmp_path: Path) -> None:
    recorder = Recorder()
    outcome = notify_round(
        [due(1, MONDAY, TUESDAY)], TUESDAY, ("ntfy",), CONFIG, tmp_path, dry_run=True, opener=recorder.open
    )
    assert outcome.deliveries[0].result is Result.WOULD_SEND
    assert outcome.deliveries[0].message is not None
    assert recorder.received == {}
    assert not (tmp_path / FILE_NAME).exists()


def test_a_damaged_record_starts_afresh_and_says_so(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text("{not json", encoding="utf-8")
    recorder = Recorder()
    outcome = run(tmp_path, [due(1, MONDAY, TUESDAY)], TUESDAY, recorder, names=("ntfy",))
    assert outcome.ledger_was_damaged
    assert len(recorder.received["ntfy"]) == 1
    assert read_ledger(tmp_path, TUESDAY).announced == {"ntfy": {"follow_up:uuid-1:2026-10-19"}}


def test_the_record_is_owner_only(tmp_path: Path) -> None:
    run(tmp_path, [due(1, MONDAY, TUESDAY)], TUESDAY, Recorder(), names=("ntfy",))
    assert (tmp_path / FILE_NAME).stat().st_mode & 0o077 == 0


BAD_NTFY_URLS = [
    "http://127.0.0.1:8080/tópico",
    "http://127.0.0.1:abc/t",
    "http://127.0.0.1:99999/t",
    "http://[::1/t",
    "http://[zz]/t",
    "http://ex ample.com/t",
]


def test_a_bad_ntfy_address_fails_that_channel_alone_and_the_others_go(tmp_path: Path) -> None:
    # A config that did not come through config.toml's checks: the round must still go on.
    got = tmp_path / "got.txt"
    for url in BAD_NTFY_URLS:
        config = NotifyConfig(ntfy_url=url, command=("sh", "-c", f"cat >> {got}"))
        outcome = notify_round(
            [due(1, MONDAY, TUESDAY)], TUESDAY, ("ntfy", "command"), config, tmp_path / url[-6:], environ={}
        )
        ntfy, command = outcome.deliveries
        assert ntfy.result is Result.FAILED and ntfy.reason.startswith("ntfy_url "), (url, ntfy.reason)
        assert "\n" not in ntfy.reason
        assert command.result is Result.SENT
    assert got.read_text(encoding="utf-8").count("tracker: 1 follow-up overdue") == len(BAD_NTFY_URLS)
