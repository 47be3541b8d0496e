"""The pipeline's rooms: imports only go down the layers of ``pipeline/__init__.py``, and no cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LAYERS = ("base", "content", "quiz_runtime", "channels", "site", "deploy", "gates", "commands")
"""Bottom to top, as documented in ``pipeline/__init__.py``."""


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, *, is_package: bool, known: set[str]) -> set[str]:
    """Every ``pipeline`` module ``source`` imports, at any depth of the file (function-level too)."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "pipeline")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "pipeline":
                continue
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in known)
    return found


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in LAYERS:
        return parts[1]
    return "base"


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """``importer -> imported`` pairs where the imported module sits in a higher layer."""
    problems = []
    for importer, targets in sorted(graph.items()):
        for target in sorted(targets):
            if target == "pipeline":
                continue
            if LAYERS.index(layer_of(target)) > LAYERS.index(layer_of(importer)):
                problems.append(f"{importer} ({layer_of(importer)}) imports {target} ({layer_of(target)})")
    return problems


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles between modules (a package importing its own submodules is not one)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt.startswith(node + "."):
                continue
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def pipeline_graph(root: Path) -> dict[str, set[str]]:
    files = sorted((root / "pipeline").rglob("*.py"))
    known = {module_name(f, root) for f in files}
    return {
        module_name(f, root): imported_modules(
            f.read_text(encoding="utf-8"), module_name(f, root), is_package=f.name == "__init__.py", known=known
        )
        & known
        for f in files
    }


GRAPH = pipeline_graph(ROOT)


def test_every_package_is_a_documented_layer() -> None:
    """Each sub-package of pipeline/ is a layer of the list and says in its docstring what it may import."""
    packages = sorted(p.parent.name for p in (ROOT / "pipeline").glob("*/__init__.py"))
    assert set(packages) == set(LAYERS) - {"base"}, packages
    for name in packages:
        doc = ast.get_docstring(ast.parse((ROOT / "pipeline" / name / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "May import" in doc, f"pipeline/{name}/__init__.py: say what it owns and what it may import"


def test_imports_only_go_down() -> None:
    """No module imports from a layer above its own."""
    assert upward_imports(GRAPH) == []


def test_no_import_cycles() -> None:
    """No two modules import each other, directly or through others."""
    assert cycles(GRAPH) == []


def test_quiz_engine_does_not_import_the_pipeline() -> None:
    """quiz/ runs in Pyodide: standard library only, never the build pipeline."""
    for path in sorted((ROOT / "quiz").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            assert not any(n.split(".")[0] == "pipeline" for n in names), path


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"pipeline.content.a": {"pipeline.site.b"}}, ["pipeline.content.a (content) imports pipeline.site.b (site)"]),
        ({"pipeline.config": {"pipeline.commands.build_site"}}, ["pipeline.config (base) imports"]),
        ({"pipeline.site.b": {"pipeline.content.a", "pipeline.errors"}}, []),
    ],
)
def test_the_layer_check_can_fail(graph: dict[str, set[str]], expected: list[str]) -> None:
    """The checker reports an upward import and accepts downward ones."""
    problems = upward_imports(graph)
    assert len(problems) == len(expected)
    for problem, start in zip(problems, expected, strict=True):
        assert problem.startswith(start)


def test_the_cycle_check_can_fail() -> None:
    """A two-module loop is found; a package importing its own module is not a loop."""
    loop = {"pipeline.a": {"pipeline.b"}, "pipeline.b": {"pipeline.a"}}
    assert cycles(loop) == [["pipeline.a", "pipeline.b", "pipeline.a"]]
    assert cycles({"pipeline.gates": {"pipeline.gates.axe"}, "pipeline.gates.axe": {"pipeline.gates.base"}}) == []


def test_relative_imports_are_resolved() -> None:
    """``from .x import y`` inside a package counts as an import of that package's ``x``."""
    found = imported_modules("from .b import c\n", "pipeline.site.a", is_package=False, known={"pipeline.site.b"})
    assert "pipeline.site.b" in found
