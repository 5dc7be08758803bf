"""Two short panels: the user's own deadlines (Follow-ups) and the money not owed (Cases).

Each loads its own data off the event loop when asked to reload, and hides itself
when there is nothing to say, so screens without any of it look as they did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from tracker.display import headline
from tracker.domain.phrases import Advice
from tracker.i18n import _
from tracker.ui.jobs import run_job
from tracker.ui.services import services
from tracker.wording.advice import advice_words

if TYPE_CHECKING:
    from tracker.core import Tracker
    from tracker.domain.charges import NotOwedOverview
    from tracker.domain.deadlines import Deadline
    from tracker.domain.model import Case

# At most this many deadlines are listed; the rest are counted.
SHOWN = 8


class YourDeadlines(Static):
    """The user's own open deadlines (an appeal window, a billing reclamo's year), soonest
    first; those close or missed in bold."""

    DEFAULT_CSS = "YourDeadlines { height: auto; padding: 0 1; border: round $foreground; display: none; }"

    def reload(self) -> None:
        tracker = services(self).tracker
        run_job(self, lambda: self._lines(tracker), self._show, group="your-deadlines", exclusive=True)

    @staticmethod
    def _lines(tracker: Tracker) -> Text | None:
        """The panel's text, worked out in a worker thread (it reads cases and rules)."""
        found: list[tuple[Case, Deadline]] = tracker.escalation.user_deadlines()
        if not found:
            return None
        # Here, not at the top: the escalation wording and the rules it loads (~30 ms) are not
        # needed to paint the Cases screen, which shows this module's NotOwedLine.
        from tracker.wording.escalation import deadline_line

        today = tracker.today()
        text = Text(_("Your deadlines"), style="bold")
        for case, deadline in found[:SHOWN]:
            close = (
                tracker.calendar(tracker.playbooks.for_case(case.playbook)).between(today, deadline.due) <= 5
            )
            text.append("\n")
            text.append(
                _("case {id} · {provider}: ").format(id=case.id, provider=headline(case.provider, 24)),
                style="bold" if close else "",
            )
            text.append(deadline_line(deadline, tracker.rules_for(case).book), style="bold" if close else "")
        if len(found) > SHOWN:
            more = advice_words(Advice("due", "cases.follow_ups"))
            text.append("\n" + _("and {n} more ({how})").format(n=len(found) - SHOWN, how=more), style="dim")
        return text

    def _show(self, text: Text | None) -> None:
        self.display = text is not None
        if text is not None:
            self.update(text)


class NotOwedLine(Static):
    """ "S/ 79.80 not owed, 2 cases": what the provider billed that the rules say is not owed."""

    DEFAULT_CSS = (
        "NotOwedLine { height: 1; padding: 0 1; color: $text-warning; text-style: bold; display: none; }"
    )

    def reload(self) -> None:
        run_job(
            self,
            services(self).tracker.escalation.not_owed_overview,
            self._show,
            group="not-owed",
            exclusive=True,
        )

    def _show(self, overview: NotOwedOverview) -> None:
        self.display = bool(overview.cases)
        if overview.cases:
            from tracker.wording.escalation import not_owed_summary  # see YourDeadlines._lines

            self.update(Text(not_owed_summary(overview.totals, overview.cases)))
