"""One zip to hand to OSIPTEL: the dossier, the letters and the attached files, with a
SHA256SUMS file so that anyone can check every file (``sha256sum -c SHA256SUMS``)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tracker.domain.errors import NotAllowed
from tracker.domain.model import Case
from tracker.exchange.dossier import dossier
from tracker.exchange.files import slug, write_private
from tracker.exchange.letters import LETTER_KINDS, letter_filename, letter_for
from tracker.records import field, record

if TYPE_CHECKING:
    from tracker.core import Tracker


@record
class BundleResult:
    """What went into a bundle, and what could not."""

    files: list[str] = field(default_factory=list)
    attachments: int = 0
    missing: list[str] = field(default_factory=list)  # attachments not in the folder
    withheld: int = 0  # attachments left out of a redacted bundle (files cannot be masked)


def _member(folder: str, name: str, day: tuple[int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(*day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def write_bundle(tracker: Tracker, case: Case, path: Path, *, redact: bool = False) -> BundleResult:
    """Write the case's bundle to ``path`` (owner-only, replaced only once complete).

    Letters the case cannot have yet (a queja before its day, an apelación with no
    answer to appeal) are left out. A redacted bundle holds no attached files.
    """
    today = tracker.today()
    day = (today.year, today.month, today.day)
    folder = f"caso-{case.id}-{slug(case.provider)}"
    contents: list[tuple[str, bytes]] = [
        (f"dossier-case-{case.id}.md", dossier(tracker, case, redact=redact).encode("utf-8"))
    ]
    for kind in LETTER_KINDS:
        try:
            text = letter_for(tracker, case, kind, redact=redact)
        except NotAllowed:
            continue
        contents.append((f"cartas/{letter_filename(case, kind)}", text.encode("utf-8")))
    result = BundleResult()
    blobs = tracker.evidence.blobs
    for attachment in case.attachments:
        if redact:
            result.withheld += 1
            continue
        if not blobs.has(attachment.sha256):
            result.missing.append(attachment.name)
            continue
        name = f"adjuntos/{attachment.sha256[:12]}-{_safe(attachment.name)}"
        contents.append((name, blobs.path(attachment.sha256).read_bytes()))
        result.attachments += 1
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in contents)
    contents.append(("SHA256SUMS", sums.encode("utf-8")))
    result.files = [name for name, _ in contents]

    def write(stream: BinaryIO) -> None:
        with zipfile.ZipFile(stream, "w") as archive:
            for name, data in contents:
                archive.writestr(_member(folder, name, day), data)

    write_private(path, write)
    return result


def _safe(name: str) -> str:
    """A file name with no folders in it and nothing a zip tool could misread."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch if ch.isprintable() and ch not in '<>:"|?*' else "_" for ch in base).strip(" .")
    return cleaned or "file"
