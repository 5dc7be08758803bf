"""``db check`` for the evidence: every file the cases list is there, with its bytes.

The database says which files the cases hold (SHA-256 and size); the attachments
folder is read against it. Missing and changed files are problems; files that are
not ours are listed as stray; partial copies of a killed ``attach`` are swept.
"""

from __future__ import annotations

from collections.abc import Callable

from tracker.i18n import _, ngettext
from tracker.store.base import Store
from tracker.store.blobs import BlobStore


def attached_files(store: Store) -> list[str]:
    """The SHA-256 of every file the cases hold, the trash included."""
    with store.read() as reading:
        return [str(row[0]) for row in reading.rows("SELECT DISTINCT sha256 FROM attachments")]


def check_evidence(
    store: Store, blobs: BlobStore, progress: Callable[[int, int], None] | None = None
) -> tuple[list[str], list[str]]:
    """Problems and notes about the attachments folder, in words."""
    with store.read() as reading:
        rows = reading.rows("SELECT case_id, name, sha256, size FROM attachments ORDER BY case_id, position")
    expected = {str(sha256): int(size) for _case, _name, sha256, size in rows}
    where: dict[str, list[str]] = {}
    for case_id, name, sha256, _size in rows:
        where.setdefault(str(sha256), []).append(_("{name} on case {id}").format(name=name, id=case_id))
    audit = blobs.audit(expected, progress)
    problems: list[str] = []
    for sha256 in audit.missing:
        problems.append(
            _("attachment missing from {folder}: {files} ({sha256})").format(
                folder=blobs.folder, files=", ".join(where[sha256]), sha256=sha256
            )
        )
    for sha256 in audit.changed:
        problems.append(
            _("attachment changed since it was attached (its SHA-256 differs): {files} ({sha256})").format(
                files=", ".join(where[sha256]), sha256=sha256
            )
        )
    for name in audit.stray:
        problems.append(
            _("stray file in {folder}, not an attachment tracker keeps: {name}").format(
                folder=blobs.folder, name=name
            )
        )
    swept, busy, unused = len(audit.swept), len(audit.in_progress), len(audit.unused)
    counted = [
        (
            swept,
            ngettext(
                "removed {count} partial copy left by an interrupted attach",
                "removed {count} partial copies left by an interrupted attach",
                swept,
            ),
        ),
        (
            busy,
            ngettext(
                "{count} file is being attached right now", "{count} files are being attached right now", busy
            ),
        ),
        (
            unused,
            ngettext(
                "{count} stored file is on no case (kept)",
                "{count} stored files are on no case (kept)",
                unused,
            ),
        ),
        (
            len(expected),
            ngettext(
                "{count} attached file checked against its SHA-256",
                "{count} attached files checked against their SHA-256",
                len(expected),
            ),
        ),
    ]
    notes = [text.format(count=f"{count:,}") for count, text in counted if count]
    return problems, notes
