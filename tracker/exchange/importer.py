"""Importing a JSON export: merged by UUID in one transaction, a case at a time.

The merge rules live in :mod:`tracker.domain.merge` (and in the README); this
module reads the file, refuses what cannot be imported, and hands the cases to
:meth:`tracker.core.Tracker.exchange.import_cases` as they are read, which plans and
writes them in batches: the transaction, not memory, keeps the import all or nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.errors import InvalidInput
from tracker.domain.merge import CaseUpdate, ImportResult, merge_case
from tracker.exchange import json_format
from tracker.i18n import _, ngettext

if TYPE_CHECKING:
    from tracker.core import Tracker

__all__ = [
    "CaseUpdate",
    "ImportResult",
    "import_document",
    "import_file",
    "merge_case",
    "read_file",
    "summary",
]

# progress(stage, done, total); stage is "reading" or "writing".
Progress = Callable[[str, int, int], None]


def summary(result: ImportResult) -> str:
    """One line: "Added 3 cases, updated 1, 2 unchanged." (or "Would add ..." when dry)."""
    added = result.added
    if result.dry_run:
        text = ngettext(
            "Would add {added} case, update {updated}, leave {unchanged} unchanged",
            "Would add {added} cases, update {updated}, leave {unchanged} unchanged",
            added,
        )
    else:
        text = ngettext(
            "Added {added} case, updated {updated}, {unchanged} unchanged",
            "Added {added} cases, updated {updated}, {unchanged} unchanged",
            added,
        )
    text = text.format(added=added, updated=result.updated, unchanged=result.unchanged)
    if result.renumbered:
        many = len(result.renumbered)
        text += ngettext(
            "; {count} new case gets a new number (theirs was taken)",
            "; {count} new cases get a new number (theirs was taken)",
            many,
        ).format(count=many)
    return _("{summary}.").format(summary=text)


def import_document(
    tracker: Tracker, raw: bytes, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Validate an export's bytes, plan the merge, and (unless a dry run) write it."""
    with _no_gc():
        document = json_format.parse(raw, _stage(progress, "reading"))
        return _import(tracker, document, dry_run, progress)


def _stage(progress: Progress | None, stage: str) -> Callable[[int, int], None] | None:
    return None if progress is None else (lambda done, total: progress(stage, done, total))


def _import(
    tracker: Tracker, document: json_format.ExportDocument, dry_run: bool, progress: Progress | None
) -> ImportResult:
    """Plan the merge of a validated document and (unless a dry run) write it, all or nothing."""
    _refuse_redacted(document.redacted)
    return tracker.exchange.import_cases(
        document.cases, dry_run=dry_run, progress=_stage(progress, "writing")
    )


def _refuse_redacted(redacted: bool) -> None:
    if redacted:
        raise InvalidInput(
            _(
                "this export was made with --redact: its phone and account numbers are masked, "
                "so importing it would overwrite real data with masked text"
            )
        )


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector: reading a big file makes millions of objects, none
    of them in cycles, and each collection would walk them all again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_file(path: Path) -> bytes:
    with _readable(path):
        return path.read_bytes()
    raise AssertionError("unreachable")  # _readable raises or lets the return through


def check_readable(path: Path) -> None:
    """InvalidInput if the file cannot be read: said before anything else is opened."""
    with _readable(path), path.open("rb"):
        pass


@contextmanager
def _readable(path: Path) -> Iterator[None]:
    """A file that cannot be read, said as one clear line."""
    try:
        yield
    except FileNotFoundError:
        raise InvalidInput(_("{path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise InvalidInput(_("{path} is a folder, not an export file").format(path=path)) from None
    except OSError as exc:
        raise InvalidInput(
            _("{path}: cannot be read: {problem}").format(path=path, problem=exc.strerror)
        ) from None


def import_file(
    tracker: Tracker, path: Path, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Import a JSON export file into the tracker's database (for the CLI and the TUI).

    The file is read as a stream (:func:`json_format.stream_path`) and each case is
    merged and written as it comes, in the one transaction: what is held is a batch of
    cases and each case's UUID and number, never the file, its parsed tree or every case.
    A problem found anywhere in the file rolls back what was written; the file is then
    read whole, to say what is wrong exactly as it always was (InvalidInput naming the
    file and the place), or, if it is sound but laid out otherwise, to import it so.
    """
    with _no_gc(), _readable(path):  # a file that cannot be read names itself
        try:
            try:
                with (
                    closing(tracker.exchange.scratch_index()) as uuids,
                    closing(tracker.exchange.scratch_index()) as ids,
                ):
                    cases = json_format.stream_path(
                        path, _refuse_redacted, _stage(progress, "reading"), (uuids, ids)
                    )
                    return tracker.exchange.import_cases(
                        cases, dry_run=dry_run, progress=_stage(progress, "writing")
                    )
            except json_format.NotStreamable:
                pass  # nothing was written: read whole (below), outside the rolled-back transaction
            document = json_format.parse(path.read_bytes(), _stage(progress, "reading"))
            return _import(tracker, document, dry_run, progress)
        except InvalidInput as exc:
            raise InvalidInput(_("{path}: {problem}").format(path=path, problem=exc), exc.field) from None
    raise AssertionError("unreachable")  # _readable raises or lets the return through
