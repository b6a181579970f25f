"""Imports point one way: a module never imports one from a higher layer."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "sitegen"

LAYERS = [
    ["errors", "values", "parallel", "yamlsafe"],
    ["parse", "private", "schema"],
    ["model"],
    ["config", "markdown", "writer", "search"],
    ["loader", "references", "tracker", "opportunities"],
    ["index", "checks", "links", "templates"],
    ["views"],
    ["jsonld", "feeds", "calendars", "data"],
    ["pages"],
    ["build", "scaffold", "jsonschema", "init", "httpd"],
    ["serve"],
    ["cli"],
    ["__main__", "annotate"],
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def sitegen_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sitegen"):
            parts = node.module.split(".")
            if len(parts) > 1:
                found.add(parts[1])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("sitegen."))
    return found


def test_every_module_has_a_layer() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert modules <= set(RANK), f"give these a layer: {sorted(modules - set(RANK))}"


def test_imports_only_point_down() -> None:
    wrong = []
    for path in PACKAGE.glob("*.py"):
        if path.stem == "__init__":
            continue
        for imported in sitegen_imports(path):
            if RANK[imported] > RANK[path.stem]:
                wrong.append(f"{path.stem} imports {imported}")
            elif RANK[imported] == RANK[path.stem] and imported != path.stem:
                wrong.append(f"{path.stem} imports {imported} from its own layer")
    assert wrong == []
