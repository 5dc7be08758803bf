"""Reading the values people type as they read them: one parser per kind of value.

Each parser is built from the same words that show the value (tracker.wording.terms,
through the catalog), so whatever the screen shows can be typed back: ``tienda``,
``营业厅``, ``facturacion``. Case and accents never matter; the English codes work in
every language, so a script written once keeps working.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Generic, TypeVar

from tracker.display import headline
from tracker.domain.folding import folded
from tracker.domain.model import Action, Channel, CheckState, LetterKind, Outcome, StageKind, Topic
from tracker.i18n import _, pgettext
from tracker.wording import terms
from tracker.wording.formats import listed

E = TypeVar("E", bound=StrEnum)


def _short(label: str) -> str:
    """A shown name without its explanation in brackets: "fundado (in your favour)" → "fundado",
    "投诉（reclamo）" → "投诉"."""
    for bracket in (" (", "（", "("):
        if bracket in label:
            return label.split(bracket, 1)[0].strip()
    return label


class ValueParser(Generic[E]):
    """The values of one kind (channels, topics...) as the reader's language shows them."""

    def __init__(
        self,
        what: Callable[[], str],
        members: Iterable[E],
        label: Callable[[E], str],
        aliases: Callable[[], dict[str, E]] | None = None,
    ) -> None:
        self._what = what
        self._members = tuple(members)
        self._label = label
        self._aliases = aliases

    def forms(self) -> list[str]:
        """The words the reader sees, as they are shown (brackets left out)."""
        return [_short(self._label(member)) for member in self._members]

    def listed(self) -> str:
        """The forms in one line, for ``--help`` and refusals: "teléfono, web, app..."."""
        return listed(self.forms())

    def parse(self, text: str) -> E | None:
        """The value ``text`` names (its code, or its word shown or in full), None if none."""
        wanted = folded(text.replace("-", " ").replace("_", " "))
        if not wanted:
            return None
        for member in self._members:
            label = self._label(member)
            names = (member.value, label, _short(label))
            if wanted in (folded(name.replace("-", " ").replace("_", " ")) for name in names):
                return member
        for alias, member in (self._aliases() if self._aliases else {}).items():
            if wanted == folded(alias.replace("-", " ")):
                return member
        return None

    def refusal(self, text: str) -> str:
        """One line saying ``text`` is not one of the values, listing those of the language in use."""
        return _("{value} is not {what}: use {forms}").format(
            value=repr(headline(text)), what=self._what(), forms=self.listed()
        )


# TRANSLATORS: "kind of value" names what a typed word should have been, in
# "{value} is not {what}: use {forms}" ("'nope' is not a channel").
def _typed_states() -> dict[str, CheckState]:
    # The English words of `check --help` work in every language, and the verbs the reader
    # would use in theirs ("通过", "aprobar").
    return {
        "pass": CheckState.PASSED,
        "fail": CheckState.FAILED,
        "na": CheckState.NOT_APPLICABLE,
        "not applicable": CheckState.NOT_APPLICABLE,
        pgettext("typed check state", "pass"): CheckState.PASSED,
        pgettext("typed check state", "fail"): CheckState.FAILED,
    }


def _typed_outcomes() -> dict[str, Outcome]:
    # A queja or an apelación is "declarada fundada": OSIPTEL's feminine forms, in every language.
    return {
        "fundada": Outcome.FUNDADO,
        "infundada": Outcome.INFUNDADO,
        "fundado en parte": Outcome.PARCIAL,
        "fundada en parte": Outcome.PARCIAL,
        "parcialmente fundado": Outcome.PARCIAL,
        "parcialmente fundada": Outcome.PARCIAL,
    }


CHANNELS: ValueParser[Channel] = ValueParser(
    lambda: pgettext("kind of value", "a channel"), Channel, terms.channel_label
)
ACTIONS: ValueParser[Action] = ValueParser(
    lambda: pgettext("kind of value", "an action"), Action, terms.action_label
)
CHECK_STATES: ValueParser[CheckState] = ValueParser(
    lambda: pgettext("kind of value", "a check state"), CheckState, terms.check_state_label, _typed_states
)
STAGE_KINDS: ValueParser[StageKind] = ValueParser(
    lambda: pgettext("kind of value", "a stage"), StageKind, terms.stage_name
)
TOPICS: ValueParser[Topic] = ValueParser(
    lambda: pgettext("kind of value", "a topic"), Topic, terms.topic_name
)


def _typed_letters() -> dict[str, LetterKind]:
    # The English word for the one letter whose code is not English-like, in every language.
    return {"appeal": LetterKind.APELACION}


LETTER_KINDS: ValueParser[LetterKind] = ValueParser(
    lambda: pgettext("kind of value", "a letter"),
    LetterKind,
    lambda kind: terms.letter_name(kind.value),
    _typed_letters,
)
OUTCOMES: ValueParser[Outcome] = ValueParser(
    lambda: pgettext("kind of value", "an outcome"), Outcome, terms.outcome_name, _typed_outcomes
)
