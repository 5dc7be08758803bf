"""The JSON export document: writing it, and reading it back with every field checked.

The document::

    {
      "format": "tracker-export",
      "version": 2,
      "redacted": false,
      "cases": [ {case}, ... ]
    }

Each case is :func:`tracker.exchange.serialize.case_record`: every stored field,
its checks and its whole timeline, its stages, charges and attachments (the
list of files, not the files), cases in the trash included (with
``deleted_at``). Version 1 files (before stages, charges and attachments) are
still read. There is no export timestamp, so exporting the same data twice
gives the same bytes.

Reading is strict: every field must be present with the right type, unknown
fields are refused, and the first problem is reported with its place, e.g.
``cases[12].requested_on: not a date: "2026-02-30"``. The checks of a case's
fields are :mod:`tracker.exchange.json_checks`; the layout of the text written is
:mod:`tracker.exchange.json_layout`.

Version 3 gave every check, timeline entry, stage, charge and attachment its
``uid``, the identity it was given when entered, so that merging tells two
look-alike charges apart (:mod:`tracker.domain.merge`). What a version 1 or 2
file holds has no identity (``uid`` ""), and merging falls back on its content.

Version 2 gave timeline entries ``event`` and ``params`` (facts, worded when
shown). Version 1 files still import: their entries have neither, and the
English summaries the program wrote then are read back as facts
(:mod:`tracker.domain.legacy_entries`, as migration 0003 does).

A check's ``state`` may be ``"n/a"`` (the check does not apply to the case): an
additive value within version 2, since every file written before it still reads.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Case
from tracker.exchange.json_checks import Problem, boolean, exact_object, kind_of, read_case, show
from tracker.exchange.json_layout import dump, pretty
from tracker.exchange.serialize import case_record
from tracker.i18n import _
from tracker.records import record

FORMAT = "tracker-export"
VERSION = 3
# Versions this tracker reads: 1 has no event and params on timeline entries, nor chosen
# dates, stages, charges or attachments; 2 has no identities (``uid``) on checks, entries,
# stages, charges and attachments; such files still import.
READABLE = (1, 2, 3)
_TOP_FIELDS = ("format", "version", "redacted", "cases")
_TOP_SET = frozenset(_TOP_FIELDS)


# -- writing -------------------------------------------------------------------


def document_chunks(cases: Iterable[Case], redacted: bool = False) -> Iterator[str]:
    """The document as text chunks, one case at a time (exports need not fit in memory).

    The chunks join to exactly ``json.dumps(document, ensure_ascii=False, indent=2)``
    plus a final newline, but for characters a terminal would act on (DEL, C1
    controls, bidi overrides), which are written as ``\\uXXXX`` escapes.
    """
    yield "{\n"
    yield f'  "format": {dump(FORMAT)},\n'
    yield f'  "version": {VERSION},\n'
    yield f'  "redacted": {dump(redacted)},\n'
    yield '  "cases": ['
    first = True
    for case in cases:
        body = pretty(case_record(case), "    ")
        yield ("\n    " if first else ",\n    ") + body
        first = False
    yield "]\n}\n" if first else "\n  ]\n}\n"


def document_text(cases: Iterable[Case], redacted: bool = False) -> str:
    return "".join(document_chunks(cases, redacted))


# -- reading -------------------------------------------------------------------


@record
class ExportDocument:
    """A validated export: its cases as domain objects, in file order."""

    cases: list[Case]
    redacted: bool = False


def decode(raw: bytes) -> Any:
    """The JSON value in ``raw`` (UTF-8, a BOM allowed); InvalidInput saying where it breaks."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(_("not UTF-8 text (byte {position})").format(position=exc.start)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            _("not JSON: line {line} column {column}: {problem}").format(
                line=exc.lineno, column=exc.colno, problem=exc.msg
            )
        ) from None
    except RecursionError:
        raise InvalidInput(_("not JSON this tracker can read: nested too deeply")) from None
    except ValueError:
        # Python refuses to read whole numbers of more than 4,300 digits.
        raise InvalidInput(_("not JSON this tracker can read: a number far too long")) from None


def validate(data: Any, progress: Callable[[int, int], None] | None = None) -> ExportDocument:
    """Check a decoded document and turn it into cases; InvalidInput at the first problem.

    ``progress(done, total)`` is called now and then while the cases are read.
    """
    try:
        return _validate(data, progress)
    except Problem as problem:
        raise InvalidInput(
            _("{place}: {problem}").format(place=problem.place, problem=problem.message), problem.place
        ) from None


def _validate(data: Any, progress: Callable[[int, int], None] | None) -> ExportDocument:
    if type(data) is not dict:
        raise Problem(
            _("not a tracker export: the top level is {kind}, not an object").format(kind=kind_of(data))
        )
    if "format" not in data:
        raise Problem(
            _('missing: this is not a tracker export (expected "{format}")').format(format=FORMAT), "format"
        )
    if data["format"] != FORMAT:
        raise Problem(
            _('{value} is not a tracker export (expected "{format}")').format(
                value=show(data["format"]), format=FORMAT
            ),
            "format",
        )
    if "version" not in data:
        raise Problem(_("missing"), "version")
    version = data["version"]
    if type(version) is not int or version not in READABLE:
        if type(version) is int and version > VERSION:
            raise Problem(
                _(
                    "{version} was written by a newer tracker (this one reads version {readable}); "
                    "upgrade tracker"
                ).format(version=version, readable=VERSION),
                "version",
            )
        readable = ", ".join(str(v) for v in READABLE)
        raise Problem(
            _("{value} is not a version this tracker reads (it reads {readable})").format(
                value=show(version), readable=readable
            ),
            "version",
        )
    exact_object(data, _TOP_SET, _TOP_FIELDS)
    redacted = boolean(data["redacted"], "redacted")
    raw_cases = data["cases"]
    if type(raw_cases) is not list:
        raise Problem(_("not a list but {kind}").format(kind=kind_of(raw_cases)), "cases")
    total = len(raw_cases)
    cases: list[Case] = []
    by_uuid: dict[str, int] = {}
    by_id: dict[int, int] = {}
    index = 0
    try:
        for index, raw in enumerate(raw_cases):  # index is used on failure
            case = read_case(raw, version)
            earlier = by_uuid.setdefault(case.uuid, index)
            if earlier != index:
                raise Problem(
                    _("{value} is already {place}").format(value=case.uuid, place=f"cases[{earlier}]"), "uuid"
                )
            if case.id is not None:
                earlier = by_id.setdefault(case.id, index)
                if earlier != index:
                    raise Problem(
                        _("{value} is already the id of {place}").format(
                            value=case.id, place=f"cases[{earlier}]"
                        ),
                        "id",
                    )
            cases.append(case)
            if progress is not None and index % 1000 == 999:
                progress(index + 1, total)
    except Problem as problem:
        raise problem.at(f"cases[{index}]") from None
    if progress is not None:
        progress(total, total)
    return ExportDocument(cases, redacted)


def parse(raw: bytes, progress: Callable[[int, int], None] | None = None) -> ExportDocument:
    """Decode and validate an export file's bytes."""
    return validate(decode(raw), progress)
