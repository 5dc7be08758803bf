"""Two short panels: the user's own deadlines (Follow-ups) and the money not owed (Cases).

Each loads its own data off the event loop when asked to reload, and hides itself
when there is nothing to say, so screens without any of it look as they did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.widgets import Static

from tracker.display import headline
from tracker.i18n import _
from tracker.i18n.path import deadline_line, not_owed_summary

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp

# At most this many deadlines are listed; the rest are counted.
SHOWN = 8


class YourDeadlines(Static):
    """The user's own open deadlines (an appeal window, a billing reclamo's year), soonest
    first; those close or missed in bold."""

    DEFAULT_CSS = "YourDeadlines { height: auto; padding: 0 1; border: round $warning; display: none; }"

    def reload(self) -> None:
        self.run_worker(self._reload(), group="your-deadlines", exclusive=True)

    async def _reload(self) -> None:
        app = cast("TrackerApp", self.app)
        tracker = app.tracker
        found = await app.attempt(tracker.user_deadlines)
        if not found:
            self.display = False
            return
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
            text.append("\n" + _("and {n} more (tracker due)").format(n=len(found) - SHOWN), style="dim")
        self.update(text)
        self.display = True


class NotOwedLine(Static):
    """ "S/ 79.80 not owed, 2 cases": what the provider billed that the rules say is not owed."""

    DEFAULT_CSS = "NotOwedLine { height: 1; padding: 0 1; color: $warning; text-style: bold; display: none; }"

    def reload(self) -> None:
        self.run_worker(self._reload(), group="not-owed", exclusive=True)

    async def _reload(self) -> None:
        app = cast("TrackerApp", self.app)
        overview = await app.attempt(app.tracker.not_owed_overview)
        if overview is None or not overview.cases:
            self.display = False
            return
        self.update(Text(not_owed_summary(overview.totals, overview.cases)))
        self.display = True
