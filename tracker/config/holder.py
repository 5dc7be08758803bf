"""Write the holder's data (``[me]``) into config.toml, keeping the rest of the file.

The file is the user's: their other settings, their comments and their layout stay as
they are. Only the ``[me]`` lines of the keys being set change: an existing line is
replaced, a commented example (``# name = "..."``) is filled in where it stands, a new
key goes at the end of the table, and a file without ``[me]`` gets the table at its end.
The result is read back as a whole config before it replaces the file, so a write
never leaves a config that tracker refuses.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

from tracker.config.settings import HOLDER_KEYS, Holder, load_config, parse_config
from tracker.domain.errors import InvalidInput
from tracker.i18n import _

_HEADER = re.compile(r"^\s*\[\s*me\s*\]\s*(#.*)?$")
_TABLE = re.compile(r"^\s*\[")


def _value(text: str) -> str:
    # A TOML basic string: JSON's escapes are TOML's for every character.
    return json.dumps(text, ensure_ascii=False)


def _key_line(key: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{key}\s*=")


def _example_line(key: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*#\s*{key}\s*=")


def edited_text(text: str, values: Mapping[str, str]) -> str:
    """``text`` (a config.toml) with the ``[me]`` keys in ``values`` set."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _HEADER.match(line)), None)
    if start is None:
        added = ["", "[me]"] if text.strip() else ["[me]"]
        added += [f"{key} = {_value(values[key])}" for key in HOLDER_KEYS if key in values]
        return "\n".join([*lines, *added]) + "\n"
    end = next((i for i in range(start + 1, len(lines)) if _TABLE.match(lines[i])), len(lines))
    for key in HOLDER_KEYS:
        if key not in values:
            continue
        line = f"{key} = {_value(values[key])}"
        table = range(start + 1, end)
        found = next((i for i in table if _key_line(key).match(lines[i])), None)
        if found is None:
            found = next((i for i in table if _example_line(key).match(lines[i])), None)
        if found is not None:
            lines[found] = line
            continue
        last = max((i for i in table if lines[i].strip()), default=start)
        lines.insert(last + 1, line)
        end += 1
    return "\n".join(lines) + "\n"


def set_holder(folder: Path, values: Mapping[str, str]) -> Holder:
    """Set the ``[me]`` keys in ``values`` in ``folder``'s config.toml; the holder as saved."""
    import tomllib

    path = folder / "config.toml"
    if path.exists():
        load_config(folder)  # a file tracker refuses is the user's to fix first
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(
                _("{path}: cannot be read: {problem}").format(path=path, problem=exc)
            ) from None
    else:
        text = ""
    edited = edited_text(text, values)
    try:
        config = parse_config(tomllib.loads(edited), path)
    except tomllib.TOMLDecodeError:
        config = None
    if config is None or any(getattr(config.me, key) != value for key, value in values.items()):
        # [me] written another way (an inline table, dotted keys): not ours to rewrite.
        raise InvalidInput(
            _("{path}: [me] is written in a way tracker cannot edit: set the keys there by hand").format(
                path=path
            )
        )
    folder.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(edited, encoding="utf-8")
    if path.exists():
        os.chmod(temporary, path.stat().st_mode & 0o777)  # the user's choice of who may read it
    os.replace(temporary, path)
    return config.me
