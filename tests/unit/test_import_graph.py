"""wirewatch's modules import each other without a cycle, counting imports inside functions too.

A cycle hidden in a function (``cli`` imports ``explain`` and ``explain`` imports ``cli`` when
it runs) still ties two rooms together: neither can be read, tested or moved without the other.
Imports under ``if TYPE_CHECKING:`` are left out: they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import wirewatch

PACKAGE = Path(wirewatch.__file__).resolve().parent


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node, module level and in functions, but not the bodies of ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                yield child
                yield from _runtime_nodes(child)
            continue
        yield node
        yield from _runtime_nodes(node)


def imports(source: str, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The wirewatch modules that ``module`` imports (``from X import y`` counts X, and X.y when
    y is a module)."""
    out: set[str] = set()
    for node in _runtime_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = module.split(".") if is_package else module.split(".")[:-1]
                here = here[: len(here) - (node.level - 1)]
                base = ".".join([*here, base] if base else here)
            out.add(base)
            out.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in out if name in known and name != module}


def graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    known = set(files)
    return {
        name: imports(path.read_text(encoding="utf-8"), name, path.name == "__init__.py", known)
        for name, path in files.items()
    }


def cycles(edges: Mapping[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected group of modules (Tarjan), each as a closed path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [_path(edges, group) for group in groups]


def _path(edges: Mapping[str, set[str]], group: list[str]) -> list[str]:
    """A closed path through ``group`` starting at its first module (breadth first, shortest)."""
    start, members = group[0], set(group)
    came: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt_frontier = []
        for node in frontier:
            for nxt in sorted(edges.get(node, set()) & members):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came[path[-1]])
                    return [*reversed(path), start]
                if nxt not in came:
                    came[nxt] = node
                    nxt_frontier.append(nxt)
        frontier = nxt_frontier
    return group  # pragma: no cover - a strongly connected group always closes


def test_wirewatch_has_no_import_cycle() -> None:
    found = cycles(graph())
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_the_graph_sees_imports_inside_functions_and_skips_type_checking() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "from . import b\n"
        "if TYPE_CHECKING:\n    from wirewatch.c import C\n"
        "def f():\n    import wirewatch.d\n    from wirewatch.e import x\n"
    )
    known = {"wirewatch.p.a", "wirewatch.p.b", "wirewatch.c", "wirewatch.d", "wirewatch.e", "wirewatch.p"}
    assert imports(source, "wirewatch.p.a", False, known) == {
        "wirewatch.p",
        "wirewatch.p.b",
        "wirewatch.d",
        "wirewatch.e",
    }


def test_a_cycle_through_a_function_level_import_is_found(tmp_path: Path) -> None:
    root = tmp_path / "wirewatch"
    root.mkdir()
    (root / "__init__.py").write_text("")
    (root / "cli.py").write_text("from wirewatch import explain\n")
    (root / "explain.py").write_text("def f():\n    from wirewatch.cli import g\n")
    (root / "other.py").write_text("import wirewatch.cli\n")
    assert cycles(graph(root)) == [["wirewatch.cli", "wirewatch.explain", "wirewatch.cli"]]
