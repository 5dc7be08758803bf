"""Words for the domain's facts, in the reader's language: terms, timeline entries, dates and
money, the escalation path. Above the domain (which returns facts) and below the store; the
catalog itself (``_``, ``N_``, the language) is :mod:`tracker.i18n`, below them all."""
