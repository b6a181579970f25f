"""The editor's guide names only what exists: every command it shows parses, every
field it names is a field of the model, and every word it gives a field is one the
field accepts."""

from __future__ import annotations

import re
import shlex
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest

from sitegen.cli import parser
from sitegen.fields import ActionRef, Choice, ListOf, Record
from sitegen.model import COLLECTIONS, SiteSettings
from sitegen.schema import PLACEHOLDER, Context, front_matter_fields
from sitegen.values import DUE_WORDS

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "editing.md"
README = GUIDE.parent.parent / "README.md"
_SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
_MESSAGE_FORMAT = "file:line: field: message"
_PRIVATE_MARKERS = {"::: private", ":::"}


def _fields(cls: type[Any], found: dict[str, set[str]]) -> None:
    for name, spec in front_matter_fields(cls):
        kind = spec.type.item if isinstance(spec.type, ListOf) else spec.type
        words = found.setdefault(name, set())
        if isinstance(kind, Choice):
            words.update(member.value for member in kind.enum)
        if isinstance(kind, Record):
            _fields(kind.cls, found)


def known_fields() -> dict[str, set[str]]:
    """Every field name of every collection and of site.yaml, with the words it takes."""
    found: dict[str, set[str]] = {}
    for collection in COLLECTIONS:
        _fields(collection.record, found)
    _fields(SiteSettings, found)
    return found


def _words() -> set[str]:
    words = {word for values in known_fields().values() for word in values}
    return words | {kind.value for kind in DUE_WORDS} | {"online"}


def spans() -> list[str]:
    text = re.sub(r"```.*?```", "", GUIDE.read_text(encoding="utf-8"), flags=re.S)
    return _SPAN.findall(text)


def problem_with(span: str) -> str | None:
    """Why a code span names something that does not exist, or None."""
    fields = known_fields()
    if span.startswith("sitegen"):
        try:
            parser().parse_args(shlex.split(span)[1:])
        except SystemExit:
            return "is not a command sitegen accepts"
        return None
    if span in _PRIVATE_MARKERS or span == _MESSAGE_FORMAT or span == f"{PLACEHOLDER}:":
        return None
    if "#" in span:
        ctx = Context(lambda *a: None, lambda *a: None, {})
        try:
            ActionRef().convert(span, ctx, "action")
        except Exception:
            return "is not an action reference"
        return None
    if "/" in span or span.endswith((".md", ".yaml")):
        return None  # a file, folder or address
    if ": " in span:
        name, value = span.split(": ", 1)
        if name not in fields:
            return f"names no field '{name}'"
        return None if value in fields[name] else f"'{value}' is not a word {name} takes"
    if span in fields or span in _words() or re.fullmatch(r"a\d+", span):
        return None
    return "is neither a command, a field nor a word a field takes"


def test_the_guide_names_only_commands_fields_and_words_that_exist() -> None:
    found = spans()
    assert len(found) > 40, "the guide's code spans were not found"
    wrong = [f"`{span}` {why}" for span in found if (why := problem_with(span))]
    assert wrong == []


@pytest.mark.parametrize(
    ("span", "wrong"),
    [
        ("sitegen serve --cms", False),
        ("sitegen publish", True),
        ("action_updates", False),
        ("actions_updates", True),
        ("visibility: draft", False),
        ("visibility: hidden", True),
        ("2024-01-10-allies-group#a1", False),
    ],
)
def test_the_guide_check_tells_a_wrong_name(span: str, wrong: bool) -> None:
    assert (problem_with(span) is not None) is wrong


def test_the_readme_links_to_the_guide() -> None:
    assert "docs/editing.md" in README.read_text(encoding="utf-8")


def test_every_status_has_a_line_in_the_glossary() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    statuses = known_fields()["status"]
    words: set[str] = set()
    for collection in COLLECTIONS:
        for name, spec in front_matter_fields(collection.record):
            kind = spec.type.item if isinstance(spec.type, ListOf) else spec.type
            if name == "actions" and isinstance(kind, Record):
                status = dict(front_matter_fields(kind.cls))["status"].type
                assert isinstance(status, Choice)
                words = {m.value for m in status.enum if isinstance(m, StrEnum)}
    assert words and words <= statuses
    for word in [*words, "overdue", "stale"]:
        assert f"- **{word}**:" in text, word
