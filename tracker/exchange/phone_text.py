"""A phone script as text for a terminal: each Spanish line with the reader's beside it, or
below it when the terminal is narrow."""

from __future__ import annotations

from itertools import zip_longest

from tracker.display import cell_width, literal, wrap
from tracker.exchange.letter_document import Said
from tracker.exchange.phone_script import Script
from tracker.i18n import _, current_language
from tracker.wording.phone_meanings import meaning, part_title, situation_words

# Side by side from this width: two columns of about 48 cells, enough for a Spanish line
# to read as a phrase; narrower, the reader's line goes under the Spanish one.
BESIDE_FROM = 100
INDENT = "   "
SAY, HEAR = "» ", "« "


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_width(text))


def _pair(marker: str, said: Said, width: int) -> list[str]:
    spanish = literal(" ".join(said.text.split()))
    room = width - len(INDENT)
    if marker == SAY and current_language() == "es":
        # A Spanish reader says the line as it is: its paraphrase would only repeat it.
        return [
            INDENT + (marker if n == 0 else " " * len(marker)) + es
            for n, es in enumerate(wrap(spanish, room - 2))
        ]
    reader = literal(" ".join(meaning(said.key, dict(said.facts)).split()))
    if width >= BESIDE_FROM:
        left = (room - 3) // 2
        right = room - 3 - left
        spanish_lines = wrap(spanish, left - len(marker))
        reader_lines = wrap(reader, right)
        rows = []
        for n, (es, words) in enumerate(zip_longest(spanish_lines, reader_lines, fillvalue="")):
            lead = marker if n == 0 else " " * len(marker)
            rows.append((INDENT + _pad(lead + es, left) + " │ " + words).rstrip())
        return rows
    rows = [
        INDENT + (marker if n == 0 else " " * len(marker)) + es
        for n, es in enumerate(wrap(spanish, room - 2))
    ]
    rows += [INDENT + "    " + words for words in wrap(reader, room - 4)]
    return rows


def script_lines(script: Script, width: int) -> list[str]:
    """The script, every line at most ``width`` cells (the Spanish lines wrap, never cut)."""
    width = max(width, 40)
    head = _("Phone script, in Spanish — case {id}, {provider}").format(
        id=script.case_id, provider=literal(" ".join(script.provider.split()))
    )
    rows = [*wrap(head, width), *wrap(situation_words(script.situation), width)]
    rows += wrap(
        _(
            "Say the lines marked {say} in Spanish; beside or under each, what it means. The agent may "
            "answer with a line marked {hear}."
        ).format(say=SAY.strip(), hear=HEAR.strip()),
        width,
    )
    for number, section in enumerate(script.sections, start=1):
        rows += ["", *wrap(f"{number}. {part_title(section.part)}", width)]
        rows.append(INDENT + _("You say:"))
        for said in section.say:
            rows += _pair(SAY, said, width)
        if section.answers:
            rows.append(INDENT + _("The agent may say:"))
            for heard in section.answers:
                rows += _pair(HEAR, heard, width)
    return rows


def script_text(script: Script, width: int) -> str:
    return "\n".join(script_lines(script, width)) + "\n"
