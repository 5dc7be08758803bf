"""Every benchmark, one after the other: python -m tests.bench

Each prints its figure beside a baseline measured in the same run; the exit
status is 1 if any target is missed. Data sets are generated once into
tests/bench/.data (TRACKER_BENCH_DATA moves them); TRACKER_BENCH_RUNS sets the
number of runs each median is taken over (default 5).
"""

from __future__ import annotations

import sys

from tests.bench import (
    commands,
    due,
    first_screen,
    import_bench,
    keys,
    languages,
    memory,
    postgres,
    postgres_start,
    startup,
    streaming,
)


def main() -> int:
    sys.argv = sys.argv[:1]
    results = [
        module.main()
        for module in (
            startup,
            commands,
            languages,
            first_screen,
            keys,
            due,
            import_bench,
            memory,
            streaming,
            postgres,
            postgres_start,
        )
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
