"""A letter's blocks and its frame: the holder, the opening, the annexes and the signature.

NOT FOR TRANSLATION: see :mod:`tracker.exchange.letters`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime

from tracker.config import Holder
from tracker.display import literal
from tracker.domain.model import Case
from tracker.exchange.dossier import md
from tracker.exchange.letter_spanish import fecha
from tracker.exchange.redact import redact as mask
from tracker.records import field, record

AVISO = (
    "Este escrito fue preparado con tracker a partir de los datos que registró el propio usuario. "
    "No constituye asesoría legal: verifique los hechos, las fechas y los plazos antes de presentarlo."
)


@record
class Letter:
    """A letter as blocks, rendered as Markdown or plain text."""

    markdown: bool
    redact: bool
    lines: list[str] = field(default_factory=list)

    def user(self, text: str) -> str:
        """User text (provider, service, códigos, names): masked if asked, escaped for Markdown."""
        shown = mask(text) if self.redact else text
        return md(shown) if self.markdown else literal(" ".join(shown.split()))

    def code(self, text: str) -> str:
        """A código or resolution number: never masked (the operator needs it whole)."""
        return md(text) if self.markdown else literal(" ".join(text.split()))

    def title(self, text: str) -> None:
        self.lines += [f"# {text}" if self.markdown else text.upper(), ""]

    def heading(self, text: str) -> None:
        self.lines += [f"## {text}" if self.markdown else text, ""]

    def para(self, text: str) -> None:
        self.lines += [text, ""]

    def block(self, rows: Iterable[str]) -> None:
        rows = list(rows)
        if self.markdown:
            rows = [row + "  " for row in rows[:-1]] + rows[-1:]  # hard line breaks
        self.lines += [*rows, ""]

    def numbered(self, items: Iterable[str]) -> None:
        self.lines += [f"{n}. {item}" for n, item in enumerate(items, start=1)]
        self.lines.append("")

    def bullets(self, items: Iterable[str]) -> None:
        self.lines += [f"- {item}" for item in items]
        self.lines.append("")

    def text(self) -> str:
        body = "\n".join(self.lines).rstrip() + "\n"
        return re.sub(r"\n{3,}", "\n\n", body)


def opening(letter: Letter, signer: Signer, dated: date, to: list[str], subject: list[str]) -> None:
    letter.block([f"{signer.city}, {fecha(dated)}"])
    letter.block([*to, "Presente.-"])
    letter.block([f"**{subject[0]}**" if letter.markdown else subject[0], *subject[1:]])
    letter.para("De mi consideración:")


@record(frozen=True)
class Signer:
    """The holder as the letter shows them: their data, or a placeholder for what is missing."""

    name: str
    document: str
    identified: str  # "identificada", "identificado" or "identificado(a)"
    address: str
    city: str
    email: str  # empty: no e-mail, no authorisation to notify by e-mail
    phone: str

    def yo(self, service: str) -> str:
        """ "Yo, NAME, identificada con DNI N.° …, con domicilio en …, titular del servicio …" """
        return (
            f"Yo, {self.name}, {self.identified} con {self.document}, con domicilio en {self.address}, "
            f"titular del servicio {service}"
        )


def _document(letter: Letter, holder: Holder) -> str:
    number = holder.document.strip()
    kind = holder.document_type.strip()
    if not number:
        return "[tipo y número de documento de identidad]"
    if kind:
        return f"{letter.user(kind)} N.° {letter.user(number)}"
    if number.isdigit():
        return "DNI N.° " + letter.user(number)
    return letter.user(number)  # "DNI 45678912", as written before document_type


def signer_for(letter: Letter, holder: Holder) -> Signer:
    def shown(value: str, placeholder: str) -> str:
        return letter.user(value) if value.strip() else placeholder

    return Signer(
        name=shown(holder.name, "[nombre completo del titular]"),
        document=_document(letter, holder),
        identified={"f": "identificada", "m": "identificado"}.get(holder.gender, "identificado(a)"),
        address=shown(holder.address, "[domicilio]"),
        city=shown(holder.city, "[ciudad]"),
        email=letter.user(holder.email) if holder.email.strip() else "",
        phone=letter.user(holder.phone) if holder.phone.strip() else "",
    )


def service_of(case: Case, letter: Letter) -> str:
    return letter.user(case.service) if case.service.strip() else "[servicio y número]"


def annexes(case: Case, letter: Letter, as_of: date, local_day: Callable[[datetime], date]) -> None:
    """Each attachment kept by the letter's date (``as_of``), by what the user said it is (its
    note), then its file; the hash in Markdown, so that the copy handed in can be matched
    with the file kept."""
    kept = [a for a in case.attachments if local_day(a.added_at) <= as_of]
    if not kept:
        return
    letter.heading("ANEXOS")
    items = []
    for number, attached in enumerate(kept, start=1):
        note = " ".join(attached.note.split())
        digest = [f"SHA-256 {attached.sha256[:16]}…"] if letter.markdown else []
        if note:
            what = f"{letter.user(note)} ({', '.join([f'archivo {letter.user(attached.name)}', *digest])})"
        else:
            what = f"Archivo {letter.user(attached.name)}" + (f" ({digest[0]})" if digest else "")
        items.append(f"Anexo 1-{_letra(number)}: {what}")
    letter.bullets(items)


def _letra(number: int) -> str:
    """1 → "A", 26 → "Z", 27 → "AA": the annexes' letters, as Peruvian escritos number them."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def closing(letter: Letter, signer: Signer) -> None:
    """Where to notify the holder, the signature line and the notice that this is no advice."""
    if signer.email:
        letter.para(
            "Autorizo expresamente que se me notifique por correo electrónico, a la dirección "
            f"{signer.email}, toda comunicación y resolución referida a este trámite."
        )
    if signer.phone:
        letter.para(f"Teléfono de contacto: {signer.phone}.")
    letter.para("Atentamente,")
    letter.lines += ["", ""]
    letter.block(["Firma: " + "_" * 32, signer.name, signer.document])
    letter.lines += ["---" if letter.markdown else "-" * 40, "", f"*{AVISO}*" if letter.markdown else AVISO]


def to_operator(case: Case, letter: Letter) -> list[str]:
    return ["Señores", letter.user(case.provider)]


TRASU = "Tribunal Administrativo de Solución de Reclamos de Usuarios (TRASU) del OSIPTEL"
