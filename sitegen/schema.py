"""Declarative front-matter schemas and the validation that collects every problem.

A collection's schema *is* its model dataclass: each front-matter field is a
dataclass field made with :func:`spec`, which records its type, whether it is
required, a one-line description and an example. From that one definition
come validation (:func:`validate_record`), the JSON Schema editors' tools use
(:func:`json_schema`) and the file ``sitegen new`` writes (:func:`scaffold`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from sitegen.errors import did_you_mean
from sitegen.values import Invalid

PLACEHOLDER = "TODO"
"""Values starting with this word are placeholders written by ``sitegen new``."""


FoundRef = tuple[str, int, str, tuple[str, ...]]
"""A reference found in front-matter: (field path, line, slug, the collections it may name)."""


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


class Failed:
    """Marks a value that could not be converted (its problem is recorded)."""


FAILED: Any = Failed()


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
            return FAILED


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
        if value is FAILED:
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
            field_path = f"{path}.{name}" if path and name else name or path
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


def clip(text: str) -> str:
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
    one_of: tuple[str, ...] = getattr(cls, "REQUIRE_ONE_OF", ())
    if one_of:
        # At least one of them, written (an empty value counts as left out).
        result["anyOf"] = [
            {"required": [name], "properties": {name: {"not": {"enum": [None, ""]}}}}
            for name in one_of
        ]
    return result
