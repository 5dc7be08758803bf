"""The guides in Chinese and Spanish run the same commands as README.md, and README links them.

Each guide's shell commands (its ```sh blocks, comments aside, which are in the guide's
language) must be commands README.md gives, so a command changed in README cannot go
stale in a guide.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
GUIDES = [ROOT / "docs" / "README.zh-CN.md", ROOT / "docs" / "README.es.md"]

_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
_COMMENT = re.compile(r"(^|\s)#.*$")


def sh_blocks(text: str) -> list[str]:
    return _BLOCK.findall(text)


def commands(text: str) -> list[str]:
    """The commands of every ```sh block: continuation lines joined, comments and blank lines dropped."""
    found = []
    for block in sh_blocks(text):
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            command = " ".join(_COMMENT.sub("", line).split())
            if command:
                found.append(command)
    return found


def test_comments_are_dropped_and_lines_joined() -> None:
    text = '```sh\n# a comment\ntracker add "A" \\\n    --ticket T   # 注释\ntracker due\n```\n'
    assert commands(text) == ['tracker add "A" --ticket T', "tracker due"]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.name)
def test_a_guide_runs_only_readme_commands(guide: Path) -> None:
    readme = set(commands(README.read_text(encoding="utf-8")))
    ours = commands(guide.read_text(encoding="utf-8"))
    assert ours, f"{guide.name} has no ```sh commands"
    strays = [command for command in ours if command not in readme]
    assert not strays, f"{guide.name}: not in README.md (change both): {strays}"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.name)
def test_a_guide_starts_with_readmes_install_command(guide: Path) -> None:
    assert sh_blocks(guide.read_text(encoding="utf-8"))[0] == sh_blocks(README.read_text(encoding="utf-8"))[0]


def test_readme_links_the_guides_first_and_keeps_its_two_commands_first() -> None:
    text = README.read_text(encoding="utf-8")
    head = text.split("```", 1)[0]
    for guide in GUIDES:
        assert f"(docs/{guide.name})" in head
    blocks = re.findall(r"^```(\w*)\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    assert [kind for kind, _ in blocks[:2]] == ["sh", "sh"]
    assert "pip install -q . && .venv/bin/tracker" in blocks[0][1]
    assert "pytest" in blocks[1][1]
