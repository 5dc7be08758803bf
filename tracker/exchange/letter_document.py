"""A letter's blocks and its frame: the holder, the opening, the annexes and the signature.

NOT FOR TRANSLATION: see :mod:`tracker.exchange.letters`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime

from tracker.config import Holder
from tracker.display import literal
from tracker.domain.model import Case
from tracker.exchange.dossier import md
from tracker.exchange.letter_spanish import fecha
from tracker.exchange.redact import redact as mask
from tracker.records import field, record
from tracker.wording.letter_meanings import MEANINGS

AVISO = (
    "Este escrito fue preparado con tracker a partir de los datos que registró el propio usuario. "
    "No constituye asesoría legal: verifique los hechos, las fechas y los plazos antes de presentarlo."
)


# The explained copy's frame, in Spanish (the reader's language is said beside it): a copy
# with meanings between its paragraphs must never be handed in as the letter.
AYUDA_ARRIBA = (
    "AYUDA DE LECTURA, NO PRESENTAR: cada párrafo de la carta va seguido de su significado. "
    "Presente la carta sin explicaciones."
)
AYUDA_ABAJO = "FIN DE LA AYUDA DE LECTURA: esta copia no es para presentar."


@record(frozen=True)
class Said:
    """One paragraph of a letter (or line of a phone script): its Spanish text, and its
    identity (the key of its meaning in the reader's language) with the facts that fill it."""

    key: str
    text: str
    facts: tuple[tuple[str, object], ...] = ()


def said(key: str, text: str, **facts: object) -> Said:
    return Said(key, text, tuple(facts.items()))


@record(frozen=True)
class Note:
    """An explanation to give after the letter's line ``at``."""

    at: int
    key: str
    facts: tuple[tuple[str, object], ...]


# How a paragraph's explanation is worded: its key and facts in, the reader's words out.
Explain = Callable[[str, Mapping[str, object]], str]


@record
class Letter:
    """A letter as blocks, rendered as Markdown or plain text; every block carries the key of
    its explanation (``notes``), which only the explained copy shows."""

    markdown: bool
    redact: bool
    lines: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def user(self, text: str) -> str:
        """User text (provider, service, códigos, names): masked if asked, escaped for Markdown."""
        shown = mask(text) if self.redact else text
        return md(shown) if self.markdown else literal(" ".join(shown.split()))

    def code(self, text: str) -> str:
        """A código or resolution number: never masked (the operator needs it whole)."""
        return md(text) if self.markdown else literal(" ".join(text.split()))

    def note(self, key: str, facts: tuple[tuple[str, object], ...]) -> None:
        """The explanation of the line just added: its key and the facts that fill it."""
        if key not in MEANINGS:  # every paragraph can be explained: no letter without it
            raise ValueError(f"no explanation for the letter's paragraph {key!r}")
        self.notes.append(Note(len(self.lines) - 1, key, facts))

    def heading(self, text: str, key: str) -> None:
        self.lines.append(f"## {text}" if self.markdown else text)
        self.note(key, ())
        self.lines.append("")

    def para(self, paragraph: Said) -> None:
        self.lines.append(paragraph.text)
        self.note(paragraph.key, paragraph.facts)
        self.lines.append("")

    def block(self, rows: Iterable[str], key: str, **facts: object) -> None:
        rows = list(rows)
        if self.markdown:
            rows = [row + "  " for row in rows[:-1]] + rows[-1:]  # hard line breaks
        self.lines += rows
        self.note(key, tuple(facts.items()))
        self.lines.append("")

    def numbered(self, items: Iterable[Said]) -> None:
        for n, item in enumerate(items, start=1):
            self.lines.append(f"{n}. {item.text}")
            self.note(item.key, item.facts)
        self.lines.append("")

    def bullets(self, items: Iterable[Said]) -> None:
        for item in items:
            self.lines.append(f"- {item.text}")
            self.note(item.key, item.facts)
        self.lines.append("")

    def text(self) -> str:
        return _joined(self.lines)

    def explained(self, explain: Explain, top: str, bottom: str) -> str:
        """The letter with each block followed by its meaning (``explain``), framed at top and
        bottom as a reading aid, in the reader's words (``top``, ``bottom``) and in Spanish."""
        after: dict[int, list[Note]] = {}
        for note in self.notes:
            after.setdefault(note.at, []).append(note)
        frame = "> " if self.markdown else ""

        def framed(reader: str, spanish: str) -> list[str]:
            said = [reader] if reader == spanish else [reader, spanish]
            return [f"{frame}**{text}**" if self.markdown else text for text in said]

        lines = [*_paragraphs(framed(top, AYUDA_ARRIBA), frame), ""]
        for at, line in enumerate(self.lines):
            lines.append(line)
            for note in after.get(at, []):
                meaning = explain(note.key, dict(note.facts))
                # Inside a numbered item, the meaning stays in the item (indented).
                indent = "   " if re.match(r"\d+\. |- ", line) else ""
                shown = f"> {meaning}" if self.markdown else f"  » {meaning}"
                lines.append(indent + shown)
        lines += ["", *_paragraphs(framed(bottom, AYUDA_ABAJO), frame)]
        return _joined(lines)


def _paragraphs(texts: list[str], frame: str) -> list[str]:
    """Texts one after another, a blank (quoted, in Markdown) line between them."""
    lines: list[str] = []
    for text in texts:
        lines += [frame.rstrip(), text] if lines else [text]
    return lines


def _joined(lines: list[str]) -> str:
    body = "\n".join(lines).rstrip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", body)


def opening(
    letter: Letter, signer: Signer, dated: date, to: list[str], subject: list[str], about: Said
) -> None:
    """Place and date, the addressee, the subject and the greeting. ``about`` is the subject's
    identity: its key names the letter (``baja.asunto``), whose addressee is ``baja.destinatario``."""
    kind = about.key.split(".", 1)[0]
    letter.block([f"{signer.city}, {fecha(dated)}"], "lugar_fecha", dated=dated)
    letter.block([*to, "Presente.-"], f"{kind}.destinatario")
    rows = [f"**{subject[0]}**" if letter.markdown else subject[0], *subject[1:]]
    letter.block(rows, about.key, **dict(about.facts))
    letter.para(said("saludo", "De mi consideración:"))


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
    letter.heading("ANEXOS", "anexos")
    items = []
    for number, attached in enumerate(kept, start=1):
        note = " ".join(attached.note.split())
        digest = [f"SHA-256 {attached.sha256[:16]}…"] if letter.markdown else []
        if note:
            what = f"{letter.user(note)} ({', '.join([f'archivo {letter.user(attached.name)}', *digest])})"
        else:
            what = f"Archivo {letter.user(attached.name)}" + (f" ({digest[0]})" if digest else "")
        items.append(said("anexo", f"Anexo 1-{_letra(number)}: {what}", file=letter.user(attached.name)))
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
            said(
                "notificar_correo",
                "Autorizo expresamente que se me notifique por correo electrónico, a la dirección "
                f"{signer.email}, toda comunicación y resolución referida a este trámite.",
                email=signer.email,
            )
        )
    if signer.phone:
        letter.para(said("telefono", f"Teléfono de contacto: {signer.phone}.", phone=signer.phone))
    letter.para(said("despedida", "Atentamente,"))
    letter.lines += ["", ""]
    letter.block(["Firma: " + "_" * 32, signer.name, signer.document], "firma")
    letter.lines += ["---" if letter.markdown else "-" * 40, "", f"*{AVISO}*" if letter.markdown else AVISO]
    letter.note("aviso", ())


def to_operator(case: Case, letter: Letter) -> list[str]:
    return ["Señores", letter.user(case.provider)]


TRASU = "Tribunal Administrativo de Solución de Reclamos de Usuarios (TRASU) del OSIPTEL"
