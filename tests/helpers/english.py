"""Spotting English in what a Chinese or Spanish reader is shown."""

from __future__ import annotations

import re

# Words that, two in a row, make an English sentence, and that neither Spanish nor a
# command's own name (`tracker answer`, `tracker escalate`) uses as a word: "a", "no",
# "he", "me" and "con" are Spanish too, so they are not here.
_STOP_LIST = """
    the is are was were be been not an for must cannot can't could should would will of to
    in on at by with from this that these those there which who what when where has have
    had its it it's than then first needs need given give yet already only any every case
    letter check date stage answer charge file one more after before until day days your
    you do does did and or but as so nothing there's isn't doesn't don't run see unknown
    known invalid choose argument arguments value expecting line column
"""
ENGLISH = frozenset(_STOP_LIST.split())
# A word, in any script: one with a letter outside ASCII (guías, 事项) is never English.
WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def english_in(text: str) -> list[str]:
    """The English in ``text``: two words of the stop-list one after the other, or three
    words or more in a row two of which are on it, as a sentence has them. Options, paths,
    placeholders, snake_case keys and commands in backticks are names, not sentences."""
    found = []
    for line in text.splitlines():
        line = re.sub(r"--?[\w-]+|\w+_\w+|\S*[/\\]\S*|`[^`]*`|\{[^}]*\}|tracker( \w+)?", " ", line)
        run: list[str] = []
        end = 0
        for match in WORD.finditer(line):
            joined = bool(run) and line[end : match.start()].strip(" ,") == ""
            if not joined:
                found += _sentences(run)
                run = []
            word = match.group().lower()
            if not word.isascii():  # guías, 事项: never English, and the end of a run
                found += _sentences(run)
                run = []
                continue
            run.append(word)
            end = match.end()
        found += _sentences(run)
    return found


def _sentences(run: list[str]) -> list[str]:
    """The English in a run of words with nothing but spaces between them."""
    stops = [word in ENGLISH for word in run]
    pairs = any(a and b for a, b in zip(stops, stops[1:], strict=False))
    return [" ".join(run)] if pairs or (len(run) >= 3 and sum(stops) >= 2) else []
