"""``sitegen new``: start a file with every field of its collection, explained.

Required fields get sensible values (today's date, a group that exists) or a
placeholder starting with ``TODO``; ``sitegen check`` reports every
placeholder until it is replaced, so a half-written file is never published.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from sitegen.errors import SitegenError, did_you_mean
from sitegen.fields import ListOf, Record
from sitegen.model import COLLECTIONS, Collection, is_slug
from sitegen.parse import parse_document
from sitegen.schema import FieldSpec, front_matter_fields

_KINDS = {c.singular: c for c in COLLECTIONS} | {c.name: c for c in COLLECTIONS}
_PLAIN = re.compile(r"^[A-Za-z0-9][\w .,'()/+-]*$")

BODIES = {
    "meetings": "## First agenda item\n\nTODO: the notes of this item.\n\n"
    "## Second agenda item\n\nTODO: the notes of this item.\n",
    "reports": "## Introduction\n\nTODO: the report, one '## ' heading per section.\n",
}
DEFAULT_BODY = "TODO: the text of the page, in Markdown.\n"


class ScaffoldError(SitegenError):
    """The new file cannot be written; the message says why."""


def collection_for(kind: str) -> Collection:
    collection = _KINDS.get(kind.lower())
    if collection is None:
        kinds = ", ".join(c.singular for c in COLLECTIONS)
        raise ScaffoldError(
            f"'{kind}' is not a kind of file; use one of: {kinds}"
            f"{did_you_mean(kind.lower(), _KINDS)}"
        )
    return collection


def create(content: Path, kind: str, slug: str, today: dt.date | None = None) -> Path:
    """Write ``content/<collection>/<slug>.md``; never overwrites."""
    collection = collection_for(kind)
    slug = slug.removesuffix(".md")
    if not is_slug(slug):
        raise ScaffoldError(
            f"'{slug}' is not a usable file name: use lower-case letters, digits "
            "and hyphens, e.g. 2022-01-25-allies-group"
        )
    path = content / collection.name / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; choose another name or edit that file")
    text = scaffold_text(collection, slug, content, today or dt.date.today())
    if parse_document(text).parsed is None:  # pragma: no cover - guards the generator itself
        raise ScaffoldError("internal error: the new file would not be readable")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return path


def scaffold_text(collection: Collection, slug: str, content: Path, today: dt.date) -> str:
    values = _starting_values(collection, slug, content, today)
    lines = ["---"]
    for name, field in front_matter_fields(collection.record):
        lines.extend(_field_lines(name, field, values.get(name), indent=""))
    lines.append("---")
    body = BODIES.get(collection.name, DEFAULT_BODY)
    return "\n".join(lines) + "\n" + body


def _starting_values(
    collection: Collection, slug: str, content: Path, today: dt.date
) -> dict[str, Any]:
    """Sensible values for a new file: dates from the name or today, a real group."""
    dated = re.match(r"^(\d{4}-\d{2}-\d{2})", slug)
    day = dt.date.fromisoformat(dated.group(1)) if dated else today
    if collection.name == "meetings":
        return {"date": day, "group": _group_for(slug, content)}
    if collection.name == "news":
        return {"date": day}
    if collection.name == "opportunities":
        return {"opens": today, "closes": today + dt.timedelta(days=28)}
    if collection.name == "reports":
        return {"published": day}
    return {}


def _group_for(slug: str, content: Path) -> str:
    """The group the file name ends with; anything else is a mistake worth stopping for."""
    groups = sorted(p.stem for p in (content / "groups").glob("*.md"))
    named = [group for group in groups if slug.endswith(f"-{group}") or slug == group]
    if named:
        return max(named, key=len)
    date_part = re.match(r"^(\d{4}-\d{2}-\d{2})", slug)
    example_date = date_part.group(1) if date_part else "2022-01-25"
    if not groups:
        raise ScaffoldError(
            f"there are no groups in {content / 'groups'} yet; start one first, e.g. "
            "'sitegen new group allies-group', then name the meeting after it"
        )
    listed = ", ".join(groups)
    raise ScaffoldError(
        f"'{slug}' does not say which group met: end the name with the group's file name, "
        f"e.g. {example_date}-{groups[0]} (groups: {listed})"
    )


def _field_lines(name: str, field: FieldSpec, value: Any, indent: str) -> list[str]:
    required = " (required)" if field.required else ""
    lines = [f"{indent}# {field.doc}{required}"]
    if value is None:
        value = field.example
    kind = field.type
    if isinstance(kind, Record):
        lines.append(f"{indent}{name}:")
        for sub_name, sub_field in front_matter_fields(kind.cls):
            lines.extend(_field_lines(sub_name, sub_field, None, indent + "  "))
        return lines
    if isinstance(kind, ListOf) and isinstance(kind.item, Record):
        lines.append(f"{indent}{name}: []")
        lines.append(f"{indent}# For example:")
        lines.append(f"{indent}# {name}:")
        for position, (sub_name, sub_field) in enumerate(front_matter_fields(kind.item.cls)):
            prefix = "  - " if position == 0 else "    "
            sample = sub_field.example if sub_field.example is not None else "..."
            lines.append(f"{indent}# {prefix}{sub_name}: {_scalar(sample)}")
        return lines
    if isinstance(kind, ListOf):
        shown = value if isinstance(value, list) else []
        lines.append(f"{indent}{name}: [{', '.join(_scalar(v) for v in shown)}]")
        return lines
    lines.append(f"{indent}{name}:" + (f" {_scalar(value)}" if value is not None else ""))
    return lines


def _scalar(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | int | float):
        return str(value) if not isinstance(value, dt.date) else value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and ": " not in text and text.lower() not in ("true", "false", "null"):
        return text
    return json.dumps(text, ensure_ascii=False)
