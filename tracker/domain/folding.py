"""How typed words are compared with shown ones: without case, accents or spaces."""

from __future__ import annotations

import unicodedata


def folded(text: str) -> str:
    """``text`` as compared: "Facturación" and "facturacion" fold alike, "3 天后" and "3天后" too."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isspace())
