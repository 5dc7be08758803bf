"""The export's JSON layout: one indented block per record, each field on a line.

A record (a case) is written as an object whose fields are one to a line; a field
holding a list (checks, timeline, stages...) has its items one to a line, each item
on one line. Every value goes through the C encoder of :mod:`json` (``json.dumps``
with an indent runs the pure-Python encoder, which was most of the time of a big
export), so a file of 100,000 cases is written at C speed and stays readable.

Text a terminal would act on (DEL, C1 controls, bidi overrides) is escaped as
``\\uXXXX`` too, so an export is safe to print. What the document holds is
:mod:`tracker.exchange.json_format`'s business; this only lays values out, and the
same values always give the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from tracker.display import json_text

# Compact but spaced as json.dumps's own one-line form: ", " and ": ".
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(", ", ": "))
_quoted = json.encoder.encode_basestring  # the C string escaper (ensure_ascii=False)


def dump(value: Any) -> str:
    """``value`` as ``json.dumps`` writes it with an indent of 2, terminal-safe (small values)."""
    return json_text(json.dumps(value, ensure_ascii=False, indent=2))


def one_line(value: Any) -> str:
    """``value`` on one line, at C speed (not yet terminal-safe: see :func:`block`)."""
    kind = type(value)
    if kind is str:
        return _quoted(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return _ONE_LINE.encode(value)


def block(record: dict[str, Any], indent: str) -> str:
    """A record as one block, terminal-safe, each line after the first indented by ``indent``::

    {
      "id": 7,
      "checks": [
        {"name": "calls blocked", "state": "passed"},
        {"name": "balance zero", "state": "pending"}
      ],
      "timeline": []
    }
    """
    field = indent + "  "
    item = field + "  "
    lines = []
    for key, value in record.items():
        if type(value) is list and value:
            items = (",\n" + item).join(map(one_line, value))
            lines.append(f"{field}{_quoted(key)}: [\n{item}{items}\n{field}]")
        else:
            lines.append(f"{field}{_quoted(key)}: {one_line(value)}")
    if not lines:
        return "{}"
    return json_text("{\n" + ",\n".join(lines) + "\n" + indent + "}")
