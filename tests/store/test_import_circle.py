"""No import circle inside the store, lazy imports and ``TYPE_CHECKING`` ones included."""

from __future__ import annotations

import ast
from pathlib import Path

import tracker.store

STORE = Path(tracker.store.__file__).parent


def _modules() -> dict[str, Path]:
    found = {}
    for file in STORE.rglob("*.py"):
        parts = ["tracker", *file.relative_to(STORE.parent).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = file
    return found


def _imports(name: str, file: Path, modules: dict[str, Path]) -> set[str]:
    """Every store module ``name`` imports, anywhere in it. ``from tracker.store import x``
    counts as importing the package face too, even when ``x`` is a submodule."""

    def known(target: str) -> str | None:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        return target or None

    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(filter(None, (known(alias.name) for alias in node.names)))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.update(filter(None, (known(sub), known(base))))
    found.discard(name)
    return found


def test_store_has_no_import_circle() -> None:
    modules = _modules()
    graph = {name: _imports(name, file, modules) for name, file in modules.items()}
    done: set[str] = set()

    def walk(name: str, path: list[str]) -> None:
        if name in path:
            cycle = path[path.index(name) :] + [name]
            raise AssertionError("import circle: " + " -> ".join(cycle))
        if name in done:
            return
        for target in sorted(graph[name]):
            walk(target, [*path, name])
        done.add(name)

    for name in sorted(graph):
        walk(name, [])
    assert "tracker.store.driver" in graph and not graph["tracker.store.driver"]
