"""No import circle in tracker/, lazy imports included.

import-linter checks the layers; a circle inside one package (a submodule importing
its package's face, which imports it back) passes that, and works or not depending on
which module is loaded first. This reads every module's imports with ``ast``, those
inside functions and under ``if TYPE_CHECKING:`` too, and looks for a circle among
tracker's own modules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import tracker

ROOT = Path(tracker.__file__).parent


def module_names() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    names = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement: at module level, in a function, or under TYPE_CHECKING (a
    circle that only the type checker sees is still two modules that need each other)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _imports(node)


def _base(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The module a ``from ... import`` reads from, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = module if is_package else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def import_graph() -> dict[str, set[str]]:
    """Each tracker module and the tracker modules it imports: ``import tracker.a.b`` is an
    edge to ``tracker.a.b`` only; ``from tracker.a import b`` to ``tracker.a`` and, when ``b``
    is a submodule, to ``tracker.a.b`` as well."""
    modules = module_names()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        is_package = path.name == "__init__.py"
        for node in _imports(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = _base(name, is_package, node)
                # ``from pkg import sub`` runs and reads the package face too: a face whose
                # submodule imports it back this way is a circle.
                targets = [base] + [
                    f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules
                ]
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each as one circle through it."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_circle_through(graph, group) for group in groups]


def _circle_through(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """One circle in a strongly connected group: from its first module back to it."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & group):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(f"no circle through {sorted(group)}")  # a strongly connected group has one


def test_the_graph_sees_lazy_imports_and_submodules() -> None:
    graph = import_graph()
    assert "tracker.domain.model" in graph["tracker.domain.workflow"]
    # lazy, inside a function
    assert "tracker.wording.terms" in graph["tracker.wording.entries"]
    # ``from tracker.wording import terms`` names the submodule and reads the package face
    assert "tracker.wording.terms" in graph["tracker.cli.output"]
    assert "tracker.wording" in graph["tracker.cli.output"]


def test_a_circle_is_found_and_printed() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c", "a"]]


def test_no_import_circle_in_tracker() -> None:
    found = circles(import_graph())
    assert not found, "import circles:\n" + "\n".join(" -> ".join(circle) for circle in found)


def test_the_wording_the_domain_and_the_catalog_have_no_circle_at_all() -> None:
    layers = ("tracker.i18n", "tracker.wording", "tracker.domain", "tracker.display")
    for circle in circles(import_graph()):
        assert not any(module.startswith(layers) for module in circle), " -> ".join(circle)
