"""A case's checks as a list to move through and cycle: one line each, state in words."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tracker.display import literal
from tracker.domain.model import Check, CheckState
from tracker.i18n import _
from tracker.ui import styles
from tracker.wording.terms import check_label, check_state_label

MARKS = {
    CheckState.PENDING: "[ ]",
    CheckState.PASSED: "[✓]",
    CheckState.FAILED: "[✗]",
    CheckState.NOT_APPLICABLE: "[-]",
}


def check_prompt(check: Check) -> Text:
    """One check: its mark, name, whether it is required, its state and note."""
    style = styles.CHECK_STYLES[check.state]
    text = Text(no_wrap=False)
    text.append(MARKS[check.state], style=style)
    text.append(" ")
    text.append(literal(check_label(check.name)))
    if check.required:
        # TRANSLATORS: follows a check's name; keep the leading space if your language puts one there.
        text.append(_(" (required)"), style=styles.EMPHASIS)
    text.append("  ")
    text.append(check_state_label(check.state), style=style)
    if check.note:
        text.append(f" — {literal(check.note)}")
    return text


class Checklist(OptionList):
    """Checks by index into the case's list; the highlight survives a refresh."""

    def show_checks(self, checks: Sequence[tuple[int, Text]], keep: bool = True) -> None:
        """Show ``(index, prompt)`` pairs; prompts must have their styles resolved."""
        highlighted = self.highlighted if keep else None
        self.clear_options()
        self.add_options([Option(prompt, id=str(index)) for index, prompt in checks])
        if checks:
            self.highlighted = min(highlighted or 0, len(checks) - 1)

    @property
    def highlighted_index(self) -> int | None:
        """The case's index of the highlighted check."""
        if self.highlighted is None or self.option_count == 0:
            return None
        option_id = self.get_option_at_index(self.highlighted).id
        return int(option_id) if option_id is not None else None
