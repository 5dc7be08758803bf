"""One zip to hand to OSIPTEL: the dossier, the letters and the attached files, with a
SHA256SUMS file so that anyone can check every file (``sha256sum -c SHA256SUMS``).

Each name is in its reader's language: what OSIPTEL reads is Spanish (the case's folder,
``cartas/``, ``adjuntos/`` and the letters, as the letters themselves are), the dossier and
``CHANGED.txt`` are in the language they are written in (the reader's), and SHA256SUMS is
the name ``sha256sum`` users know.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tracker.domain.errors import InvalidInput, NotAllowed
from tracker.domain.model import Attachment, Case
from tracker.exchange.dossier import bundle_dossier_name, dossier
from tracker.exchange.files import slug, write_private
from tracker.exchange.letters import LETTER_KINDS, letter_filename, letter_for
from tracker.i18n import _
from tracker.records import field, record
from tracker.regular_files import open_regular

if TYPE_CHECKING:
    from tracker.core import Tracker


@record
class BundleResult:
    """What went into a bundle, and what could not."""

    files: list[str] = field(default_factory=list)
    attachments: int = 0
    missing: list[str] = field(default_factory=list)  # attachments not in the folder
    withheld: int = 0  # attachments left out of a redacted bundle (files cannot be masked)
    changed: list[str] = field(default_factory=list)  # bundled with --force, their bytes changed


# A file system's limit on one name (ext4, APFS, NTFS in UTF-16 aside): 255 bytes.
NAME_BYTES = 255
_CHUNK = 1 << 20
# An extension longer than this is no extension a program reads; it is part of the name.
_EXTENSION_BYTES = 32


def _member(folder: str, name: str, day: tuple[int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(*day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def write_bundle(
    tracker: Tracker, case: Case, path: Path, *, redact: bool = False, force: bool = False
) -> BundleResult:
    """Write the case's bundle to ``path`` (owner-only, replaced only once complete).

    Letters the case cannot have yet (a queja before its day, an apelación with no
    answer to appeal) are left out. A redacted bundle holds no attached files.
    Attached files are streamed (memory stays bounded whatever their size) and
    checked against their stored SHA-256 as they go: a file whose bytes changed
    refuses the bundle (nothing is written), or with ``force`` goes in as it is now,
    named in ``CHANGED.txt`` and listed in SHA256SUMS with the hash it was attached
    with, so that ``sha256sum -c`` names it. A file listed twice is one member.
    """
    today = tracker.today()
    day = (today.year, today.month, today.day)
    folder = f"caso-{case.id}-{slug(case.provider)}"
    texts: list[tuple[str, bytes]] = [
        (bundle_dossier_name(case), dossier(tracker, case, redact=redact).encode("utf-8"))
    ]
    for kind in LETTER_KINDS:
        try:
            text = letter_for(tracker, case, kind, redact=redact)
        except NotAllowed:
            continue
        texts.append((f"cartas/{letter_filename(case, kind)}", text.encode("utf-8")))
    result = BundleResult()
    blobs = tracker.evidence.blobs
    files: dict[str, Attachment] = {}  # one member per stored file, however often it is listed
    for attachment in case.attachments:
        if redact:
            result.withheld += 1
            continue
        if attachment.sha256 in files:
            continue
        if not blobs.has(attachment.sha256):
            result.missing.append(attachment.name)
            continue
        files[attachment.sha256] = attachment

    def write(stream: BinaryIO) -> None:
        sums: list[str] = []
        changed: list[str] = []
        with zipfile.ZipFile(stream, "w") as archive:
            for name, data in texts:
                archive.writestr(_member(folder, name, day), data)
                sums.append(f"{hashlib.sha256(data).hexdigest()}  {name}\n")
                result.files.append(name)
            for sha256, attachment in files.items():
                name = f"adjuntos/{attachment_name(sha256, attachment.name)}"
                digest = _stream_in(archive, _member(folder, name, day), blobs.path(sha256))
                if digest != sha256:
                    if not force:
                        raise InvalidInput(
                            _(
                                "{name} on case {id} has changed since it was attached (its SHA-256 "
                                "differs); no bundle written (--force bundles it marked CHANGED)"
                            ).format(name=attachment.name, id=case.id)
                        )
                    result.changed.append(attachment.name)
                    changed.append(
                        _(
                            "{member}: CHANGED since it was attached; SHA-256 now {now}, when attached {then}"
                        ).format(member=name, now=digest, then=sha256)
                        + "\n"
                    )
                sums.append(f"{sha256}  {name}\n")
                result.files.append(name)
                result.attachments += 1
            if changed:
                # Its lines are in the reader's language, so is its name.
                # TRANSLATORS: a file name: keep .txt; no accents in Spanish; Chinese may use its own words.
                changed_name = _("CHANGED.txt")
                archive.writestr(_member(folder, changed_name, day), "".join(changed).encode("utf-8"))
                result.files.append(changed_name)
            # A changed file is listed with the hash it was attached with: sha256sum -c names it.
            archive.writestr(_member(folder, "SHA256SUMS", day), "".join(sums).encode("utf-8"))
            result.files.append("SHA256SUMS")

    write_private(path, write, live=tracker.live_files())
    return result


def _stream_in(archive: zipfile.ZipFile, member: zipfile.ZipInfo, source: Path) -> str:
    """Copy a stored file into the archive chunk by chunk; its SHA-256 as read."""
    digest = hashlib.sha256()
    try:
        with open_regular(source) as stream, archive.open(member, "w", force_zip64=True) as out:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
    except OSError as exc:
        raise InvalidInput(
            _("{path}: cannot be read: {reason}").format(path=source, reason=exc.strerror or exc)
        ) from None
    return digest.hexdigest()


def attachment_name(sha256: str, name: str) -> str:
    """The member name of an attached file: its hash prefix and its own name, safe, within
    :data:`NAME_BYTES` bytes of UTF-8 (the name shortened, keeping the extension)."""
    prefix = f"{sha256[:12]}-"
    safe = _safe(name)
    stem, dot, extension = safe.rpartition(".")
    if not dot or not stem or len(extension.encode("utf-8")) > _EXTENSION_BYTES:
        stem, extension = safe, ""
    suffix = f".{extension}" if extension else ""
    room = NAME_BYTES - len(prefix.encode("utf-8")) - len(suffix.encode("utf-8"))
    encoded = stem.encode("utf-8")
    if len(encoded) > room:
        # Cut on a character boundary, never inside a UTF-8 sequence.
        stem = encoded[:room].decode("utf-8", errors="ignore").rstrip(" .") or "file"
    return f"{prefix}{stem}{suffix}"


def _safe(name: str) -> str:
    """A file name with no folders in it and nothing a zip tool could misread."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch if ch.isprintable() and ch not in '<>:"|?*' else "_" for ch in base).strip(" .")
    return cleaned or "file"
