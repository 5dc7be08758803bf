"""Words for the domain's facts, in the reader's language: terms, timeline entries, dates and
money, the escalation path. Above the domain (which returns facts) and below the store; the
catalog itself (``_``, ``N_``, the language) is :mod:`tracker.i18n`, below them all.

Loading any part of it installs the words of the domain's phrases (:mod:`.phrases`), so an
error the domain raised reads in the reader's language wherever it is shown.
"""

from __future__ import annotations

from tracker.wording import phrases as _phrases  # noqa: F401  (installs the words on load)
