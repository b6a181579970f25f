"""Imports point one way: a module never imports one from a higher layer."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "sitegen"

LAYERS = [
    ["errors", "values", "parallel", "yamlsafe", "gitdates"],
    ["parse", "private", "schema", "addresses", "colours"],
    ["fields", "agenda"],
    ["model"],
    ["config", "markdown", "writer", "search"],
    ["bodies"],
    ["loader", "references", "tracker", "opportunities", "minutes", "register", "recording"],
    ["assembly"],
    ["index", "links", "templates", "repeats", "carryover", "delivery"],
    ["cache"],
    ["viewtypes", "drafting", "cms_widgets"],
    ["views", "reads"],
    ["jsonld", "feeds", "calendars", "data", "cms"],
    ["plan"],
    ["sections"],
    ["prepare", "incremental"],
    ["build", "scaffold", "jsonschema", "init", "httpd"],
    ["preview"],
    ["serve"],
    ["cmsserve", "arguments"],
    ["cli"],
    ["__main__", "annotate"],
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def sitegen_imports(path: Path) -> set[str]:
    """The sitegen modules ``path`` imports: ``sections`` for the sections package and
    ``sections.<name>`` for one section."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sitegen"):
            parts = node.module.split(".")
            if len(parts) > 1:
                found.add(".".join(parts[1:3]))
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(
                ".".join(a.name.split(".")[1:3])
                for a in node.names
                if a.name.startswith("sitegen.")
            )
    return found


PACKAGES = ("sections", "model")
"""Folders of modules that are one layer each."""
MODEL_ORDER = ["model.base", "model.meetings", "model.records", "model.site", "model.__init__"]
"""Within the model, each module imports only those before it."""


def package_of(name: str) -> str:
    return name.split(".", 1)[0]


def layer_of(name: str) -> int:
    return RANK[package_of(name) if package_of(name) in PACKAGES else name]


def modules() -> dict[str, Path]:
    """Every module by name: ``build``, and ``sections.meetings`` for a section."""
    found = {p.stem: p for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    for package in PACKAGES:
        found |= {f"{package}.{p.stem}": p for p in (PACKAGE / package).glob("*.py")}
    return found


def test_every_module_has_a_layer() -> None:
    names = {name for name in modules() if package_of(name) not in PACKAGES}
    assert names <= set(RANK), f"give these a layer: {sorted(names - set(RANK))}"
    model = sorted(name for name in modules() if package_of(name) == "model")
    assert model == sorted(MODEL_ORDER)


def test_the_model_imports_in_order() -> None:
    wrong = []
    for name in MODEL_ORDER:
        for imported in sitegen_imports(modules()[name]):
            if package_of(imported) == "model" and MODEL_ORDER.index(imported) >= MODEL_ORDER.index(
                name
            ):
                wrong.append(f"{name} imports {imported}")
    assert wrong == []


def test_imports_only_point_down() -> None:
    wrong = []
    for name, path in modules().items():
        for imported in sitegen_imports(path):
            if layer_of(imported) > layer_of(name):
                wrong.append(f"{name} imports {imported}")
            elif package_of(name) == package_of(imported) == "model":
                continue  # checked by test_the_model_imports_in_order
            elif layer_of(imported) == layer_of(name) and name != "sections.__init__":
                # A section never imports another: what two share lives in a lower layer.
                wrong.append(f"{name} imports {imported} from its own layer")
    assert wrong == []
