"""What each colour on screen means; the theme in force says how it looks.

Styles here are Textual style strings over the theme's variables (``$error``,
``$text-muted`` ...), never fixed colours, so they follow the dark and the light
theme. :mod:`tracker.ui.painter` resolves each against the background it is drawn
on; text meant to be read meets WCAG AA (4.5:1) in both themes, with and without
``NO_COLOR`` (tests/ui/test_contrast.py measures the rendered cells).

Flags are badges (their own background, a contrasting foreground picked by
``auto``), so they stay readable on a plain row, on the cursor row and in the
title bar alike. Colour only backs up the words: every flag reads without it.
"""

from __future__ import annotations

from tracker.domain.flags import Flag
from tracker.domain.model import CheckState, Status

FLAG_STYLES: dict[Flag, str] = {
    Flag.YOUR_DEADLINE: "bold auto on $accent",
    Flag.OVERDUE: "bold auto on $error",
    Flag.DUE_TODAY: "bold auto on $warning",
    Flag.PROVIDER_LATE: "bold auto on $error-muted",
    Flag.ANSWER_LATE: "bold auto on $error-muted",
    Flag.NO_TICKET: "bold auto on $warning-muted",
    Flag.CHECK_FAILED: "bold auto on $error-darken-2",
    Flag.RECHECK: "bold auto on $primary-muted",
}

STATUS_STYLES: dict[Status, str] = {
    Status.REQUESTED: "",
    Status.CONFIRMED: "",
    Status.VERIFIED: "",
    Status.FAILED: "bold",
    Status.WITHDRAWN: "$text-muted",
}

CHECK_STYLES: dict[CheckState, str] = {
    CheckState.PENDING: "",
    CheckState.PASSED: "bold",
    CheckState.FAILED: "bold auto on $error",  # a badge: readable under any highlight
    CheckState.NOT_APPLICABLE: "italic",
}

OVERDUE = "bold $text-error"  # a follow-up date that has passed
DUE_TODAY = "bold"
MUTED = "$text-muted"  # secondary text: ids, dashes, hints
EMPHASIS = "bold"
