"""``sitegen new``: start a file with every field of its collection, explained.

Required fields get sensible values (today's date, a group that exists) or a
placeholder starting with ``TODO``; ``sitegen check`` reports every
placeholder until it is replaced, so a half-written file is never published.

A new meeting starts from its group's record (:mod:`sitegen.carryover`, written out
by :mod:`sitegen.drafting`): the members as ``present``, each named in a comment;
the times and place its last meeting planned; one commented ``action_updates``
entry per action still open or in progress, ready to uncomment; and the usual
agenda (:mod:`sitegen.agenda`). Without a date in its name it takes the date the
group's last meeting planned.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.agenda import BODIES, DEFAULT_BODY, LastMeeting, meeting_body
from sitegen.carryover import Known, group_record, planned_next, read_content
from sitegen.drafting import Commented, Written, meeting_values, record_notes
from sitegen.errors import SitegenError, did_you_mean
from sitegen.fields import ListOf, Record
from sitegen.model import COLLECTION_BY_NAME, COLLECTIONS, Collection, is_slug
from sitegen.parse import parse_document
from sitegen.plan import item_paths
from sitegen.schema import FieldSpec, front_matter_fields
from sitegen.sections import SECTIONS
from sitegen.values import long_date

_KINDS = {c.singular: c for c in COLLECTIONS} | {c.name: c for c in COLLECTIONS}
_PLAIN = re.compile(r"^[A-Za-z0-9][\w .,'()/+-]*$")
_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-|$)")


class ScaffoldError(SitegenError):
    """The new file cannot be written; the message says why."""


@dataclass(frozen=True)
class NewFile:
    path: Path
    notes: tuple[str, ...] = ()
    """What the editor should know about it: where its date came from, what it lists."""


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
    return new_file(content, kind, slug, today).path


def new_file(content: Path, kind: str, slug: str, today: dt.date | None = None) -> NewFile:
    """:func:`create`, with the notes to show the editor."""
    collection = collection_for(kind)
    slug = slug.removesuffix(".md")
    if not is_slug(slug):
        raise ScaffoldError(
            f"'{slug}' is not a usable file name: use lower-case letters, digits "
            "and hyphens, e.g. 2022-01-25-allies-group"
        )
    notes: list[str] = []
    if collection.name == "meetings":
        slug, text = new_meeting(content, slug, today, notes)
    else:
        text = scaffold_text(collection, slug, today or dt.date.today())
    path = content / collection.name / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; choose another name or edit that file")
    if parse_document(text).parsed is None:  # pragma: no cover - guards the generator itself
        raise ScaffoldError("internal error: the new file would not be readable")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return NewFile(path, tuple(notes))


def scaffold_text(
    collection: Collection, slug: str, today: dt.date, values: dict[str, Any] | None = None
) -> str:
    """The new file: every field of ``collection`` with its comment, then the body."""
    if values is None:
        values = _starting_values(collection, slug, today)
    lines = ["---"]
    for name, field in front_matter_fields(collection.record):
        lines.extend(_field_lines(name, field, values.get(name), indent=""))
    lines.append("---")
    body: str = values.get("", BODIES.get(collection.name, DEFAULT_BODY))
    return "\n".join(lines) + "\n" + body


def _starting_values(collection: Collection, slug: str, today: dt.date) -> dict[str, Any]:
    """Sensible values for a new file: dates from the name or today."""
    dated = _DATED.match(slug)
    day = _date_of(slug, dated.group(1)) if dated else today
    if collection.name == "news":
        return {"date": day}
    if collection.name == "opportunities":
        return {"opens": today, "closes": today + dt.timedelta(days=28)}
    if collection.name == "reports":
        return {"published": day}
    return {}


def _date_of(slug: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ScaffoldError(
            f"'{slug}' starts with {text}, which is not a real date; write YYYY-MM-DD"
        ) from None


# ---------------------------------------------------------------------- meetings


def new_meeting(
    content: Path, slug: str, today: dt.date | None, notes: list[str]
) -> tuple[str, str]:
    """The slug and text of a new meeting of the group its name ends with."""
    known = read_content(content)
    group = _group_for(slug, known.groups)
    dated = _DATED.match(slug)
    if dated:
        day = _date_of(slug, dated.group(1))
    else:
        day = _planned_day(known, group, today, notes)
        slug = f"{day.isoformat()}-{slug}"
    record = group_record(known, group, day)
    notes.extend(record_notes(record, known))
    previous = record.previous
    values = meeting_values(record, known)
    last = None
    if previous is not None:
        last = LastMeeting(previous.date, "/" + item_paths(SECTIONS)["meetings"](previous.slug))
    values[""] = meeting_body(last)
    return slug, scaffold_text(COLLECTION_BY_NAME["meetings"], slug, day, values)


def _planned_day(known: Known, group: str, today: dt.date | None, notes: list[str]) -> dt.date:
    """The date the group's last meeting planned, or today; ``notes`` says which."""
    name = known.name_of(group) or group
    planner = planned_next(known, group)
    if planner is not None and planner.next_meeting is not None:
        day = planner.next_meeting.date
        notes.append(
            f"Dated {long_date(day)}: the next meeting the {name} planned at its meeting of "
            f"{long_date(planner.date)} ({known.on_disk[('meetings', planner.slug)]})."
        )
        return day
    day = today or known.today()
    notes.append(
        f"Dated today, {long_date(day)}: the {name}'s record plans no next meeting. If it "
        f"met on another day, delete the file and run: sitegen new meeting "
        f"YYYY-MM-DD-{group}"
    )
    return day


def _group_for(slug: str, groups: list[str]) -> str:
    """The group the file name ends with; anything else is a mistake worth stopping for."""
    named = [group for group in groups if slug.endswith(f"-{group}") or slug == group]
    if named:
        return max(named, key=len)
    date_part = _DATED.match(slug)
    example_date = date_part.group(1) if date_part else "2022-01-25"
    if not groups:
        raise ScaffoldError(
            "there are no groups in groups/ yet; start one first, e.g. "
            "'sitegen new group allies-group', then name the meeting after it"
        )
    listed = ", ".join(groups)
    raise ScaffoldError(
        f"'{slug}' does not say which group met: end the name with the group's file name, "
        f"e.g. {example_date}-{groups[0]}, or give the group's file name alone for the date "
        f"its last meeting planned (groups: {listed})"
    )


# ---------------------------------------------------------------------- fields


def _field_lines(name: str, field: FieldSpec, value: Any, indent: str) -> list[str]:
    required = " (required)" if field.required else ""
    lines = [f"{indent}# {field.doc}{required}"]
    if isinstance(value, Written):
        return lines + [indent + line for line in value.lines]
    if isinstance(value, Commented):
        return [*lines, f"{indent}{name}: {_scalar(value.value)}  # {value.comment}"]
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
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, dt.date | int | float):
        return str(value) if not isinstance(value, dt.date) else value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and ": " not in text and text.lower() not in ("true", "false", "null"):
        return text
    return json.dumps(text, ensure_ascii=False)
