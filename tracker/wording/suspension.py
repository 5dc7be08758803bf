"""Words for a suspension's yearly allowance, the same in the command line and the TUI."""

from __future__ import annotations

from tracker.domain.rules import RuleBook
from tracker.domain.suspension import YearOverrun
from tracker.i18n import _, ngettext
from tracker.wording.escalation import rule_source


def overrun_words(overrun: YearOverrun, book: RuleBook | None) -> str:
    """ "this line's suspensions in 2026 add up to 87 days, past the yearly maximum (…)"."""
    total = overrun.used_before + overrun.asked
    left = ngettext(
        "{count} day was left for this one", "{count} days were left for this one", overrun.remaining
    ).format(count=overrun.remaining)
    return _(
        "this line's suspensions in {year} add up to {total} days, past the yearly maximum of "
        "{allowed} days ({source}, counted in calendar years: the law does not say which year); {left}"
    ).format(
        year=overrun.year,
        total=total,
        allowed=overrun.allowed,
        source=rule_source(overrun.rule, book),
        left=left,
    )
