"""The export's JSON layout: ``json.dumps(..., ensure_ascii=False, indent=2)``, written faster.

Text a terminal would act on (DEL, C1 controls, bidi overrides) is escaped as
``\\uXXXX`` too, so an export is safe to print. What the document holds is
:mod:`tracker.exchange.json_format`'s business; this only lays values out.
"""

from __future__ import annotations

import json
from typing import Any

from tracker.display import json_text


def dump(value: Any) -> str:
    """``value`` as ``json.dumps`` writes it with an indent of 2, terminal-safe."""
    return json_text(json.dumps(value, ensure_ascii=False, indent=2))


# json.dumps with an indent runs the pure-Python encoder, which is most of the time
# of a big export; this writes the same text (a test compares the two) with the C
# string escaper. It knows only what records hold: objects, lists, text, whole
# numbers, booleans and null.
_c_escape = json.encoder.encode_basestring


def _escape(text: str) -> str:
    # json escapes only C0 controls; DEL, C1 controls and bidi overrides are
    # escaped too (\\u0085), so the file is safe to print on a terminal.
    quoted = _c_escape(text)
    return quoted if quoted.isprintable() else json_text(quoted)


def pretty(value: Any, indent: str) -> str:
    """``value`` as :func:`dump` writes it, each line after the first indented by ``indent``."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    kind = type(value)
    if kind is str:
        return _escape(value)
    if kind is int:
        return int.__repr__(value)
    inner = indent + "  "
    if kind is dict:
        if not value:
            return "{}"
        fields = [f"{inner}{_escape(key)}: {pretty(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(fields) + "\n" + indent + "}"
    if kind is list:
        if not value:
            return "[]"
        items = [inner + pretty(item, inner) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return dump(value).replace("\n", "\n" + indent)
