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
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Case
from tracker.exchange.json_checks import Problem, boolean, exact_object, kind_of, read_case, show
from tracker.exchange.json_layout import block, dump
from tracker.exchange.serialize import case_record
from tracker.i18n import N_, _
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

    The header is laid out as ``json.dumps(document, ensure_ascii=False, indent=2)``
    would; each case is one indented block (:func:`tracker.exchange.json_layout.block`).
    Characters a terminal would act on (DEL, C1 controls, bidi overrides) are written
    as ``\\uXXXX`` escapes. The same cases give the same bytes, whatever the backend.
    """
    yield "{\n"
    yield f'  "format": {dump(FORMAT)},\n'
    yield f'  "version": {VERSION},\n'
    yield f'  "redacted": {dump(redacted)},\n'
    yield '  "cases": ['
    first = True
    for case in cases:
        body = block(case_record(case), "    ")
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


# Python's json says what broke in English; its messages by their first words, and what the
# reader reads instead. One it does not know (a later Python's) is left out, not shown.
_JSON_PROBLEMS = (
    ("Expecting value", N_("a value was expected")),
    ("Expecting property name", N_("a name in double quotes was expected")),
    ("Expecting ':'", N_("a colon (:) was expected")),
    ("Expecting ','", N_("a comma (,) was expected")),
    ("Unterminated string", N_("a string is not closed")),
    ("Invalid control character", N_("a control character inside a string")),
    ("Invalid \\uXXXX", N_("a bad \\uXXXX escape")),
    ("Invalid \\escape", N_("a bad escape (\\)")),
    ("Extra data", N_("more after the end of the document")),
    ("Illegal trailing comma", N_("a comma before a closing bracket")),
)


def _json_problem(message: str) -> str:
    """What Python's json ``message`` says, in the reader's language ("" when not known)."""
    return next((_(words) for start, words in _JSON_PROBLEMS if message.startswith(start)), "")


def decode(raw: bytes) -> Any:
    """The JSON value in ``raw`` (UTF-8, a BOM allowed); InvalidInput saying where it breaks."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(_("not UTF-8 text (byte {position})").format(position=exc.start)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problem = _json_problem(exc.msg)
        where = _("not JSON: line {line} column {column}").format(line=exc.lineno, column=exc.colno)
        raise InvalidInput(
            _("{where}: {problem}").format(where=where, problem=problem) if problem else where
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
    version, redacted = _header(data)
    raw_cases = data["cases"]
    if type(raw_cases) is not list:
        raise Problem(_("not a list but {kind}").format(kind=kind_of(raw_cases)), "cases")
    total = len(raw_cases)
    reading = _CaseReader(version)
    cases = []
    for raw in raw_cases:
        cases.append(reading.read(raw))
        if progress is not None and reading.count % 1000 == 0:
            progress(reading.count, total)
    if progress is not None:
        progress(total, total)
    return ExportDocument(cases, redacted)


def _header(data: Any) -> tuple[int, bool]:
    """The document's version and whether it is redacted, its top level checked."""
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
    return version, boolean(data["redacted"], "redacted")


class Seen(Protocol):
    """Where each key was first seen (a dict, or an index on disk for a long stream)."""

    def setdefault(self, key: Any, at: int, /) -> int: ...


class _CaseReader:
    """The cases of a document one at a time, each checked, no uuid or id twice."""

    def __init__(self, version: int, by_uuid: Seen | None = None, by_id: Seen | None = None) -> None:
        self.version = version
        self.count = 0
        # Where each UUID and id was first seen: all that is kept of the cases read.
        self._by_uuid: Seen = {} if by_uuid is None else by_uuid
        self._by_id: Seen = {} if by_id is None else by_id

    def read(self, raw: Any) -> Case:
        index = self.count
        try:
            case = read_case(raw, self.version)
            earlier = self._by_uuid.setdefault(case.uuid, index)
            if earlier != index:
                raise Problem(
                    _("{value} is already {place}").format(value=case.uuid, place=f"cases[{earlier}]"), "uuid"
                )
            if case.id is not None:
                earlier = self._by_id.setdefault(case.id, index)
                if earlier != index:
                    raise Problem(
                        _("{value} is already the id of {place}").format(
                            value=case.id, place=f"cases[{earlier}]"
                        ),
                        "id",
                    )
        except Problem as problem:
            raise problem.at(f"cases[{index}]") from None
        self.count += 1
        return case


def parse(raw: bytes, progress: Callable[[int, int], None] | None = None) -> ExportDocument:
    """Decode and validate an export file's bytes."""
    return validate(decode(raw), progress)


# -- reading a file as a stream -------------------------------------------------------

_BOM = b"\xef\xbb\xbf"
_HEADER = frozenset({"format", "version", "redacted"})
_SCALARS = frozenset({"string", "number", "boolean", "null", "integer", "double"})


class NotStreamable(Exception):
    """The file is not an export laid out as this tracker writes one, or is broken:
    read it whole instead (:func:`parse`), which finds what is wrong and says it as always."""


def read_path(path: Path, progress: Callable[[int, int], None] | None = None) -> ExportDocument:
    """Read and validate an export file, every case kept (imports take them one at a time
    from :func:`stream_path` instead). A file that is broken or refused is read again whole
    (:func:`parse`), so that what is reported is exactly what it always was."""
    redacted: list[bool] = []
    try:
        cases = list(stream_path(path, redacted.append, progress))
    except NotStreamable:
        return parse(path.read_bytes(), progress)
    return ExportDocument(cases, redacted[0])


def stream_path(
    path: Path,
    header: Callable[[bool], None],
    progress: Callable[[int, int], None] | None = None,
    seen: tuple[Seen, Seen] | None = None,
) -> Iterator[Case]:
    """The cases of an export file, each checked, one at a time: neither the file nor its
    cases are held, only each case's UUID and id (no two cases may share one), in
    ``seen`` (UUIDs, ids: indexes on disk keep memory flat) or else in dicts.

    The file is parsed as a stream (ijson's C backend). ``header(redacted)`` is called
    once the header is read, before the first case. A file that is broken, refused, or
    laid out otherwise raises :class:`NotStreamable` when that is found, which may be
    after many cases: the caller reads it whole then (:func:`parse`), so that what is
    reported is exactly what it always was. ``progress(done, total)`` counts bytes read.
    Raises OSError if the file cannot be read.
    """
    total = path.stat().st_size
    with path.open("rb") as stream:
        yield from _stream(stream, total, header, progress, seen or ({}, {}))


def _stream(
    stream: BinaryIO,
    total: int,
    header_read: Callable[[bool], None],
    progress: Callable[[int, int], None] | None,
    seen: tuple[Seen, Seen],
) -> Iterator[Case]:
    import ijson

    if stream.read(len(_BOM)) != _BOM:
        stream.seek(0)
    top: list[str] = []  # the top level's keys, in order
    header: dict[str, Any] = {}

    def watched(events: Iterator[tuple[str, str, Any]]) -> Iterator[tuple[str, str, Any]]:
        # Every event passes here: the cases' own go straight through.
        for item in events:
            prefix = item[0]
            if prefix.startswith("cases.item"):
                yield item
                continue
            event = item[1]
            if not prefix:
                if event == "map_key":
                    top.append(item[2])
                elif event not in ("start_map", "end_map"):
                    raise NotStreamable  # not an object at the top
            elif prefix == "cases":
                if event not in ("start_array", "end_array"):
                    raise NotStreamable  # not a list
            elif prefix in _HEADER and event in _SCALARS and prefix not in header:
                header[prefix] = item[2]
            else:
                raise NotStreamable  # a field this format does not have
            yield item

    read_so_far = _Counted(stream)
    raw_cases = ijson.items(watched(ijson.parse(read_so_far, use_float=True)), "cases.item")
    reading: _CaseReader | None = None
    while True:
        # What is wrong is found here; what the caller does with a case (below) is its own.
        try:
            raw = next(raw_cases, _END)
            if raw is _END:
                break
            redacted = None
            if reading is None:  # the header is behind us: check it before the first case
                if top != ["format", "version", "redacted", "cases"][: len(top)] or len(top) != 4:
                    raise NotStreamable
                version, redacted = _header({**header, "cases": []})
                reading = _CaseReader(version, *seen)
            case = reading.read(raw)
        except NotStreamable:
            raise
        except Exception:  # broken JSON, not UTF-8, a refused field: said as the whole read says it
            raise NotStreamable from None
        if redacted is not None:
            header_read(redacted)
        yield case
        if progress is not None and reading.count % 1000 == 0:
            progress(read_so_far.done, total)
    if top != list(_TOP_FIELDS):
        raise NotStreamable
    if reading is None:  # no cases
        try:
            _, redacted = _header({**header, "cases": []})
        except Problem:
            raise NotStreamable from None
        header_read(redacted)
    if progress is not None:
        progress(total, total)


_END = object()


class _Counted:
    """A binary stream that counts the bytes read from it (for progress)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.done = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.done += len(data)
        return data
