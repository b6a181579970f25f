"""Declarative front-matter schemas and the validation that collects every problem.

A collection's schema *is* its model dataclass: each front-matter field is a
dataclass field made with :func:`spec`, which records its type, whether it is
required, a one-line description and an example. From that one definition
come validation (:func:`validate_record`), the JSON Schema editors' tools use
(:func:`json_schema`) and the file ``sitegen new`` writes (:func:`scaffold`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
from typing import Any, TypeVar

from sitegen.errors import did_you_mean
from sitegen.values import DUE_WORDS, Invalid, parse_date, parse_due, parse_time, show_value

PLACEHOLDER = "TODO"
"""Values starting with this word are placeholders written by ``sitegen new``."""


FoundRef = tuple[str, int, str, tuple[str, ...]]
"""A reference found in front-matter: (field path, line, slug, the collections it may name)."""

DATE_PATTERN = r"\d{4}-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])"
MONTH_PATTERN = r"\d{4}-(0?[1-9]|1[0-2])"
TIME_PATTERN = r"([01]?\d|2[0-3])[:.][0-5]\d"
SLUG_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
ACTIONS = ("actions",)
"""What an action reference (``meeting#id``) names, in :data:`FoundRef`."""


class FieldType:
    """How one front-matter value is checked and described.

    ``convert`` and ``json_schema`` must accept the same values: what an editor's
    tool accepts while typing, ``sitegen check`` accepts too (the JSON Schema cannot
    tell a real date from 30 February, and cannot see other files).
    """

    def convert(self, value: Any, ctx: Context, path: str) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(FieldType):
    """One line or a paragraph of text; numbers are taken as text."""

    def convert(self, value: Any, ctx: Context, path: str) -> str:
        if isinstance(value, bool):
            raise Invalid(f"must be text, not {show_value(value)}; put it in quotes")
        if isinstance(value, int | float):
            return str(value)
        if not isinstance(value, str):
            raise Invalid(f"must be text, not {show_value(value)}")
        text = value.strip()
        if not text:
            raise Invalid("is empty")
        if text.startswith(PLACEHOLDER):
            raise Invalid(f"still holds the placeholder '{_clip(text)}'; write the real text")
        return text

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": ["string", "number"],
            "pattern": r"\S",
            "not": {"type": "string", "pattern": rf"^\s*{PLACEHOLDER}"},
        }


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


@dataclass(frozen=True)
class Integer(FieldType):
    minimum: int = 0

    def convert(self, value: Any, ctx: Context, path: str) -> int:
        number = _whole_number(value)
        if number is None:
            quoted = isinstance(value, str) and value.strip().isdigit()
            hint = "; write it without quotes" if quoted else ""
            raise Invalid(f"must be a whole number, not {show_value(value)}{hint}")
        if number < self.minimum:
            raise Invalid(f"must be {self.minimum} or more, not {number}")
        return number

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum}


@dataclass(frozen=True)
class Amount(FieldType):
    """A sum of money: a number greater than zero."""

    def convert(self, value: Any, ctx: Context, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            digits = re.sub(r"[^\d.]", "", value) if isinstance(value, str) else ""
            hint = f"; write just the number, e.g. {digits}" if digits else ""
            raise Invalid(f"must be a number, not {show_value(value)}{hint}")
        if value <= 0:
            raise Invalid(f"must be more than 0, not {value:g}: involvement is always paid")
        return float(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "number", "exclusiveMinimum": 0}


_TRUE = {"true", "yes", "y", "on"}
_FALSE = {"false", "no", "n", "off"}


@dataclass(frozen=True)
class Boolean(FieldType):
    def convert(self, value: Any, ctx: Context, path: str) -> bool:
        if isinstance(value, bool):
            return value
        hint = ""
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            hint = f"; did you mean '{str(value.strip().lower() in _TRUE).lower()}'?"
        raise Invalid(f"must be true or false, not {show_value(value)}{hint}")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Date(FieldType):
    def convert(self, value: Any, ctx: Context, path: str) -> date:
        return parse_date(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": rf"^{DATE_PATTERN}$"}


@dataclass(frozen=True)
class Time(FieldType):
    def convert(self, value: Any, ctx: Context, path: str) -> time:
        return parse_time(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": rf"^{TIME_PATTERN}$"}


@dataclass(frozen=True)
class DueDate(FieldType):
    def convert(self, value: Any, ctx: Context, path: str) -> Any:
        return parse_due(value)

    def json_schema(self) -> dict[str, Any]:
        words = "|".join(kind.value for kind in DUE_WORDS)
        return {
            "type": "string",
            "pattern": rf"^({DATE_PATTERN}|{MONTH_PATTERN}|{words})$",
        }


@dataclass(frozen=True)
class Choice(FieldType):
    """One of a fixed set of words, written exactly: ``In progress`` gets a did-you-mean."""

    enum: type[StrEnum]

    def convert(self, value: Any, ctx: Context, path: str) -> StrEnum:
        choices = [member.value for member in self.enum]
        if isinstance(value, str) and value in choices:
            return self.enum(value)
        shown = show_value(value)
        hint = did_you_mean_word(value, choices) if isinstance(value, str) else ""
        raise Invalid(f"{shown} is not allowed; use one of: {', '.join(choices)}{hint}")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": [member.value for member in self.enum]}


@dataclass(frozen=True)
class Ref(FieldType):
    """The slug of another file; whether it exists is checked once all are read."""

    collections: tuple[str, ...]

    def convert(self, value: Any, ctx: Context, path: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise Invalid(f"must be the name of a file in {self.where()}, not {show_value(value)}")
        if value.startswith(PLACEHOLDER):
            raise Invalid(
                f"still holds the placeholder '{value}'; write the name of a file in {self.where()}"
            )
        slug = value.strip()
        if slug.lower().endswith(".md"):
            raise Invalid(f"write the file name without .md: '{slug[:-3]}'")
        ctx.refs.append((path, ctx.line_of(path), slug, self.collections))
        return slug

    def where(self) -> str:
        return " or ".join(f"{name}/" for name in self.collections)

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": rf"^{SLUG_PATTERN}$",
            "description": f"the file name, without .md, of a file in {self.where()}",
        }


_ACTION_REF = re.compile(rf"{SLUG_PATTERN}#[A-Za-z0-9][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class ActionRef(FieldType):
    """``<meeting slug>#<action id>``."""

    def convert(self, value: Any, ctx: Context, path: str) -> str:
        if not isinstance(value, str) or not _ACTION_REF.fullmatch(value.strip()):
            raise Invalid(
                f"{show_value(value)} is not an action reference; write <meeting>#<id>, "
                "e.g. 2021-11-08-allies-group#a1"
            )
        ref = value.strip()
        ctx.refs.append((path, ctx.line_of(path), ref, ACTIONS))
        return ref

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": rf"^{_ACTION_REF.pattern}$"}


@dataclass(frozen=True)
class ListOf(FieldType):
    item: FieldType
    non_empty: bool = False

    def convert(self, value: Any, ctx: Context, path: str) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise Invalid(
                f"must be a list, not {show_value(value)}: put each item on its own line "
                "starting with '- '"
            )
        if self.non_empty and not value:
            raise Invalid("must list at least one item")
        items: list[Any] = []
        for index, raw in enumerate(value, start=1):
            item_path = f"{path}[{index}]"
            if raw is None:
                ctx.problem(item_path, "is empty")
                continue
            converted = ctx.convert(self.item, raw, item_path)
            if converted is not _FAILED:
                items.append(converted)
        return tuple(items)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.non_empty:
            schema["minItems"] = 1
        return schema


@dataclass(frozen=True)
class Record(FieldType):
    """A nested group of fields, described by another dataclass."""

    cls: type[Any]

    def convert(self, value: Any, ctx: Context, path: str) -> Any:
        if not isinstance(value, dict):
            raise Invalid(f"must be a group of 'field: value' lines, not {show_value(value)}")
        record = validate_record(self.cls, value, ctx, path)
        return _FAILED if record is None else record

    def json_schema(self) -> dict[str, Any]:
        return json_schema(self.cls)


def did_you_mean_word(value: str, choices: Iterable[str]) -> str:
    """A hint for a word written in another case or with spaces for hyphens."""
    known = list(choices)
    key = re.sub(r"[\s_]+", "-", value.strip().lower())
    for choice in known:
        if choice.replace(" ", "-") == key:
            return f"; did you mean '{choice}'?"
    return did_you_mean(value.lower(), known)


@dataclass(frozen=True)
class FieldSpec:
    """What the schema knows of one front-matter field."""

    type: FieldType
    required: bool
    doc: str
    example: Any
    """The value ``sitegen new`` writes: a placeholder, an example, or ``None``."""


def spec(
    field_type: FieldType,
    doc: str,
    *,
    required: bool = False,
    default: Any = None,
    example: Any = None,
) -> Any:
    """A dataclass field that is also a documented front-matter field."""
    metadata = {"spec": FieldSpec(field_type, required, doc, example)}
    if required:
        return dataclasses.field(metadata=metadata)
    if isinstance(default, list | dict):
        raise TypeError("use a tuple for a default list")
    return dataclasses.field(default=default, metadata=metadata)


def internal(default: Any = dataclasses.MISSING) -> Any:
    """A dataclass field sitegen fills in itself; editors never write it."""
    return dataclasses.field(default=default, metadata={"internal": True})


def front_matter_fields(cls: type[Any]) -> list[tuple[str, FieldSpec]]:
    """The documented fields of a record, in their declared order."""
    return [
        (field.name, field.metadata["spec"])
        for field in dataclasses.fields(cls)
        if "spec" in field.metadata
    ]


class _Failed:
    """Marks a value that could not be converted (its problem is recorded)."""


_FAILED: Any = _Failed()


@dataclass
class Context:
    """Where problems go while one file's front-matter is validated."""

    report: Callable[[str, int, str], None]
    """Called with (field path, line, message) for each error."""
    warn: Callable[[str, int, str], None]
    lines: Mapping[str, int]
    refs: list[FoundRef] = dataclasses.field(default_factory=list)
    """Every reference met so far, checked against the other files later."""

    def line_of(self, path: str) -> int:
        return nearest_line(self.lines, path)

    def problem(self, path: str, message: str) -> None:
        self.report(path, self.line_of(path), message)

    def convert(self, field_type: FieldType, value: Any, path: str) -> Any:
        try:
            return field_type.convert(value, self, path)
        except Invalid as err:
            self.problem(path, str(err))
            return _FAILED


def nearest_line(lines: Mapping[str, int], path: str) -> int:
    """The line of a field (``actions[2].owners``), or of the nearest enclosing one known."""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return 1


T = TypeVar("T")


def validate_record(
    cls: type[T], data: Mapping[str, Any], ctx: Context, path: str = "", **extra: Any
) -> T | None:
    """Check ``data`` against ``cls``; ``None`` when any field is wrong.

    Every problem is reported through ``ctx``: missing required fields,
    wrong values, and unknown keys (a warning with the nearest known name).
    Cross-field rules are the class's ``field_problems()`` method.
    """
    fields = dict(front_matter_fields(cls))
    values: dict[str, Any] = {}
    failed = False
    for name, field_spec in fields.items():
        field_path = f"{path}.{name}" if path else name
        raw = data.get(name)
        if is_blank(raw):
            if field_spec.required:
                ctx.report(field_path, ctx.line_of(field_path), _missing(field_spec))
                failed = True
            continue
        value = ctx.convert(field_spec.type, raw, field_path)
        if value is _FAILED:
            failed = True
        else:
            values[name] = value
    for key in data:
        if key not in fields:
            key_path = f"{path}.{key}" if path else str(key)
            hint = did_you_mean(str(key), fields)
            ctx.warn(key_path, ctx.line_of(key_path), f"'{key}' is not a known field{hint}")
    if failed:
        return None
    if not path and any(f.name == "refs" for f in dataclasses.fields(cls)):  # type: ignore[arg-type]
        extra["refs"] = tuple(ctx.refs)
    record = cls(**values, **extra)
    checks: Callable[[], Iterable[tuple[str, str]]] | None = getattr(record, "field_problems", None)
    if checks is not None:
        for name, message in checks():
            field_path = f"{path}.{name}" if path else name
            ctx.problem(field_path, message)
            failed = True
    return None if failed else record


def is_blank(value: Any) -> bool:
    """Nothing written: empty, an empty list, or a group of fields all left empty."""
    if isinstance(value, dict):
        return all(is_blank(v) for v in value.values())
    return value is None or value == "" or value == []


def _missing(field_spec: FieldSpec) -> str:
    return f"is required: {field_spec.doc[0].lower()}{field_spec.doc[1:].rstrip('.')}"


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def json_schema(cls: type[Any], title: str = "") -> dict[str, Any]:
    """The JSON Schema of a record's front-matter."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for name, field_spec in front_matter_fields(cls):
        schema = dict(field_spec.type.json_schema())
        doc = field_spec.doc + (f" ({schema['description']})" if "description" in schema else "")
        schema.pop("description", None)
        if field_spec.required:
            required.append(name)
        else:
            # An optional field may be left empty (``role:``), as sitegen new writes it.
            schema = {"anyOf": [schema, {"enum": [None, ""]}]}
        properties[name] = {"description": doc, **schema}
    result: dict[str, Any] = {"type": "object", "properties": properties}
    if title:
        result = {"title": title, **result}
    if required:
        result["required"] = required
    result["additionalProperties"] = False
    return result
