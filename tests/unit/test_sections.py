"""A section is one module: only ``sitegen/sections/`` knows where a section's pages and
files are, and which templates they use."""

from __future__ import annotations

import ast
from pathlib import Path

from sitegen.config import BuildOptions
from sitegen.prepare import prepare
from sitegen.sections import SECTIONS
from tests.helpers import SMALL_SITE, SMALL_TODAY

PACKAGE = Path(__file__).resolve().parents[2] / "sitegen"


def string_literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
    }


def what_sections_own() -> tuple[set[str], set[str], set[str]]:
    """The sections' top-level names, templates and files, from a real plan."""
    prepared = prepare(BuildOptions(content=SMALL_SITE, today=_today(), search=False))
    top = {name for section in SECTIONS for name in section.top_level}
    templates = {job.template for job in prepared.jobs}
    files = {job.path for job in prepared.file_jobs}
    return top, templates, files


def _today():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date.fromisoformat(SMALL_TODAY)


def test_no_module_outside_the_sections_names_a_sections_pages_templates_or_files() -> None:
    top, templates, files = what_sections_own()
    wrong = []
    for path in sorted(PACKAGE.glob("*.py")):
        for literal in string_literals(path):
            text = literal.lstrip("/")
            first = text.split("/", 1)[0]
            if (first in top and "/" in text) or literal in templates or text in files:
                wrong.append(f"{path.name}: {literal!r}")
    assert wrong == []


def test_the_build_and_the_preview_know_no_section_by_name() -> None:
    keys = {section.key for section in SECTIONS}
    for name in ("build", "serve", "cli", "plan", "writer", "search"):
        literals = string_literals(PACKAGE / f"{name}.py")
        assert not literals & keys, f"{name}.py names {sorted(literals & keys)}"


def test_every_section_is_found_and_each_item_collection_has_one_page_per_item() -> None:
    assert [s.key for s in SECTIONS] == [
        "home",
        "meetings",
        "decisions",
        "actions",
        "delivery",
        "groups",
        "people",
        "projects",
        "opportunities",
        "reports",
        "news",
        "pages",
        "changes",
        "search",
        "subscribe",
        "data",
        "admin",
    ]
    collections = [s.collection for s in SECTIONS if s.collection]
    assert len(collections) == len(set(collections))
