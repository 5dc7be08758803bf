"""Python's full garbage collections, moved to the moments the user is not waiting for a key.

Reference counting frees almost everything at once; the cyclic collector finds the
rest. Its young generations are cheap and keep running as usual. A full collection
walks every object still alive (a Textual app holds some 70,000), which took 90-180 ms
here, and Python starts one whenever enough objects have survived: about once a second
while keys are pressed, in the middle of whichever key came next. Here a full
collection runs instead after half a second without input, or after thirty seconds of
input without a pause, so memory held by cycles is still given back.

What start-up made (the modules, Textual's styles, the first screen) lives as long as
the app: it is frozen once, out of every later collection's sight.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable

# Python's own rule: a full collection after ten collections of the middle generation.
_FULL_AFTER = 10
# A threshold no count reaches: Python never starts a full collection by itself.
_NEVER = 1 << 30


class _Shared:
    """Python's rule, saved by the first collector to start and given back by the last to
    stop: several apps may run in one process (the tests)."""

    lock = threading.Lock()
    running = 0
    threshold: tuple[int, int, int] = (0, 0, 0)


class IdleCollector:
    """Run full collections when input pauses; give Python back its own rule when stopped."""

    QUIET = 0.5  # seconds without input before collecting
    LONGEST = 30.0  # seconds of input without a pause after which it collects anyway

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._started = False
        self._last_input = clock()
        self._last_full = clock()
        self.full_collections = 0

    @property
    def running(self) -> bool:
        return self._started

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self._last_full = self._clock()
        with _Shared.lock:
            if _Shared.running == 0:
                gc.freeze()
                young, middle, full = gc.get_threshold()
                _Shared.threshold = (young, middle, full)
                gc.set_threshold(young, middle, _NEVER)
            _Shared.running += 1

    def stop(self) -> None:
        """Python's rule again, and what was frozen back in sight, once the last collector
        of the process stops (an app in a test process)."""
        if not self._started:
            return
        self._started = False
        with _Shared.lock:
            _Shared.running -= 1
            if _Shared.running == 0:
                gc.set_threshold(*_Shared.threshold)
                gc.unfreeze()

    def input_seen(self) -> None:
        self._last_input = self._clock()

    def tick(self) -> bool:
        """Collect if a full collection is due and input paused (or paused too long ago);
        True when it collected."""
        if not self._started or gc.get_count()[2] < _FULL_AFTER:
            return False
        now = self._clock()
        if now - self._last_input < self.QUIET and now - self._last_full < self.LONGEST:
            return False
        gc.collect()
        self._last_full = self._clock()
        self.full_collections += 1
        return True
