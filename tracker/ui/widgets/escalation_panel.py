"""The escalation past the provider's deadline on the Case screen: the ladder of stages with their
dates, the deadlines of both sides, the charges not owed, the files, the next step."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from tracker.domain.caserules import CaseRules
from tracker.domain.deadlines import case_deadlines
from tracker.domain.model import Case, Status
from tracker.wording.escalation import Part, path_parts

STYLES = {Part.HEADING: "bold", Part.ITEM: "", Part.MINE: "bold", Part.STEP: "bold reverse"}


def has_escalation(case: Case, rules: CaseRules, today: date) -> bool:
    """Whether there is anything to show: a stage, a charge, a file, or a provider late
    under a rule book (then the next step is a reclamo)."""
    if case.stages or case.charges or case.attachments:
        return True
    if rules.book is None or case.status not in (Status.REQUESTED, Status.FAILED):
        return False
    return today > case_deadlines(case, rules)[0].due


def escalation_text(case: Case, rules: CaseRules, today: date) -> Text:
    """The escalation as Text (user text is never read as markup), the user's own deadlines in
    bold and the next step standing out."""
    text = Text()
    for part, line in path_parts(case, today, rules):
        text.append(line, style=STYLES[part])
        text.append("\n")
    text.rstrip()
    return text
