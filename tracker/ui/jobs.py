"""Database work off the event loop: a thread worker that posts its outcome as a message.

A handler starts a job and returns at once, so keys (Escape above all) keep
working while the database is busy. The outcome comes back as
:class:`~tracker.ui.messages.JobDone` (or ``JobRefused``/``JobFailed``) to the
node that started it; if that node is gone by then (a dialog closed), the
outcome is dropped with it. The app handles these messages in one place.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from textual.dom import DOMNode
from textual.worker import Worker

from tracker.domain.errors import TrackerError
from tracker.ui.messages import JobDone, JobFailed, JobRefused

T = TypeVar("T")


def run_job(
    node: DOMNode,
    work: Callable[[], T],
    then: Callable[[T], object] | None = None,
    *,
    refused: Callable[[TrackerError], object] | None = None,
    failed: Callable[[BaseException], object] | None = None,
    group: str = "db",
    exclusive: bool = False,
) -> Worker[None]:
    """Run ``work`` in a thread; ``then(result)`` runs on the event loop once it is done.

    ``work`` must not read widgets: give it the values it needs. A refusal goes to
    ``refused``, or becomes an error notice; an unexpected failure is reported by
    the app, and ``failed`` hears of it too.
    """

    def in_thread() -> None:
        try:
            result = work()
        except TrackerError as exc:
            node.post_message(JobRefused(exc, refused))
        except Exception as exc:  # a bug: reported, and what the user typed stays on screen
            node.post_message(JobFailed(exc, failed))
        else:
            node.post_message(JobDone(result, then))

    return node.run_worker(in_thread, thread=True, group=group, exclusive=exclusive, exit_on_error=False)


def meanwhile(node: DOMNode, then: Callable[[T], object], wait: float = 0.1) -> Callable[[T], None]:
    """A callback for work in a thread to hand ``then`` a result before it is done (the
    first rows of a long answer): ``then`` runs on the event loop, as a job's result does.

    The thread waits (at most ``wait`` seconds) until the screen has been painted with
    it: what the work does next may be one long loop in C, which holds the interpreter
    and would keep the event loop from painting until it ends.
    """

    def hand(result: T) -> None:
        shown = threading.Event()

        def show(value: T) -> None:
            then(value)
            node.call_after_refresh(shown.set)

        node.post_message(JobDone(result, show))
        shown.wait(wait)

    return hand
