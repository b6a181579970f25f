"""The content editor's widgets: one per field type, made from the model.

A field's type decides its widget (dates and times as pickers writing exactly what
the loader accepts, references as pick lists, lists and groups of fields as lists
and objects), its doc line is the hint under it, and ``required`` is the model's.
:mod:`sitegen.cms` puts them together into the editor's configuration.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sitegen.addresses import EMAIL, PHONE, WEB_ADDRESS
from sitegen.fields import (
    ActionRef,
    Address,
    Amount,
    Boolean,
    Choice,
    Colour,
    Date,
    DueDate,
    Integer,
    ListOf,
    Record,
    Ref,
    SiteFile,
    Text,
    Time,
)
from sitegen.model import COLLECTIONS, Document
from sitegen.schema import FieldSpec, FieldType, front_matter_fields

DATE_FORMAT = "YYYY-MM-DD"
TIME_FORMAT = "HH:mm"
SITE_LIST_HINT = " The list is the site as last built: rebuild it to see what was added since."
IDENTIFIERS = ("title", "name")
OPTIONAL_GROUP_HINT = " Needed if any of this group is filled in."


@dataclass(frozen=True)
class Option:
    """One entry of a pick list made from the site: what is shown, and what is written."""

    label: str
    value: str


@dataclass(frozen=True)
class Choices:
    """The pick lists made from the site when it is built."""

    by_collections: Mapping[tuple[str, ...], tuple[Option, ...]]
    """Items of several collections (an owner is a person or a group), by the collections."""
    actions: tuple[Option, ...]
    """Every action, newest meeting first, with where it stands now."""


def label_of(name: str) -> str:
    """``in_attendance`` -> ``In attendance``."""
    words = name.replace("_", " ")
    return words[:1].upper() + words[1:]


def field_config(name: str, spec: FieldSpec, default: Any, choices: Choices) -> dict[str, Any]:
    """A field's widget, with its label, hint, default and whether it is required."""
    result: dict[str, Any] = {"name": name, "label": label_of(name)}
    result |= widget(spec.type, choices)
    result["required"] = spec.required
    result["hint"] = spec.doc + (SITE_LIST_HINT if _listed_from_site(spec.type) else "")
    if default is not None and default != () and not isinstance(default, StrEnum):
        # A word left empty takes the model's default (the hint says which), so the
        # editor writes only what the editor chose.
        result["default"] = default
    if result["widget"] == "list":
        # Without it a new file would start with one empty item, which is an error.
        result["default"] = []
        result["label_singular"] = result["label"].lower().removesuffix("s")
    if isinstance(spec.type, Record) and not spec.required:
        # Decap checks the fields of an empty optional group too: what the group
        # needs is required only once it is given, which sitegen checks.
        result["collapsed"] = True
        for inner in result["fields"]:
            if inner["required"]:
                inner["required"] = False
                inner["hint"] += OPTIONAL_GROUP_HINT
    return result


def fields_config(cls: type[Any], choices: Choices) -> list[dict[str, Any]]:
    """The widgets of a record's fields, in their declared order."""
    defaults = {
        f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING
    }
    return [
        field_config(name, spec, defaults.get(name), choices)
        for name, spec in front_matter_fields(cls)
    ]


def _listed_from_site(kind: FieldType) -> bool:
    kind = kind.item if isinstance(kind, ListOf) else kind
    return isinstance(kind, ActionRef) or (isinstance(kind, Ref) and len(kind.collections) > 1)


def widget(kind: FieldType, choices: Choices) -> dict[str, Any]:
    """The widget of a field type (and, for lists and groups, of what they hold)."""
    for cls, make in _WIDGETS:
        if isinstance(kind, cls):
            return make(kind, choices)
    raise TypeError(
        f"no content-editor widget for {type(kind).__name__}: add one to cms_widgets.py"
    )


def _text(kind: Text, choices: Choices) -> dict[str, Any]:
    return {"widget": "text" if kind.paragraph else "string"}


def _integer(kind: Integer, choices: Choices) -> dict[str, Any]:
    return {"widget": "number", "value_type": "int", "min": kind.minimum, "step": 1}


def _amount(kind: Amount, choices: Choices) -> dict[str, Any]:
    return {"widget": "number", "value_type": "float", "min": 0.01, "step": 0.01}


def _boolean(kind: Boolean, choices: Choices) -> dict[str, Any]:
    return {"widget": "boolean"}


def _date(kind: Date, choices: Choices) -> dict[str, Any]:
    return {
        "widget": "datetime",
        "format": DATE_FORMAT,
        "date_format": DATE_FORMAT,
        "time_format": False,
        "picker_utc": True,
    }


def _time(kind: Time, choices: Choices) -> dict[str, Any]:
    return {
        "widget": "datetime",
        "format": TIME_FORMAT,
        "date_format": False,
        "time_format": TIME_FORMAT,
        "picker_utc": True,
    }


def _due(kind: DueDate, choices: Choices) -> dict[str, Any]:
    schema = kind.json_schema()
    return {
        "widget": "string",
        "pattern": [
            schema["pattern"],
            "Write a date (2022-02-28), a month (2022-02), asap, ongoing or next-meeting",
        ],
    }


def _address(kind: Address, choices: Choices) -> dict[str, Any]:
    return {
        "widget": "string",
        "pattern": [kind.json_schema()["pattern"], _ADDRESS_HELP.get(kind.pattern, "")],
    }


_ADDRESS_HELP = {
    WEB_ADDRESS: "Write a full https:// address, e.g. https://example.org/apply",
    EMAIL: "Write an email address, e.g. info@example.org (the organisation's, not a person's)",
    PHONE: "Write a phone number, e.g. 020 7946 0000",
}


def _colour(kind: Colour, choices: Choices) -> dict[str, Any]:
    return {"widget": "color", "allowInput": True}


def _site_file(kind: SiteFile, choices: Choices) -> dict[str, Any]:
    schema = kind.json_schema()
    return {"widget": "string", "pattern": [schema["pattern"], f"Write {schema['description']}"]}


def _choice(kind: Choice, choices: Choices) -> dict[str, Any]:
    return {"widget": "select", "options": [member.value for member in kind.enum]}


def _ref(kind: Ref, choices: Choices) -> dict[str, Any]:
    if len(kind.collections) == 1:
        name = kind.collections[0]
        record = next(c.record for c in COLLECTIONS if c.name == name)
        shown = identifier_field(record)
        return {
            "widget": "relation",
            "collection": name,
            "value_field": "{{slug}}",
            "search_fields": [shown],
            "display_fields": [shown],
            "options_length": 1000,
        }
    options = choices.by_collections.get(kind.collections, ())
    return _select_from_site(options)


def _action_ref(kind: ActionRef, choices: Choices) -> dict[str, Any]:
    return _select_from_site(choices.actions)


def _select_from_site(options: Sequence[Option]) -> dict[str, Any]:
    return {
        "widget": "select",
        "options": [{"label": option.label, "value": option.value} for option in options],
    }


def _list(kind: ListOf, choices: Choices) -> dict[str, Any]:
    item = kind.item
    minimum = {"min": 1} if kind.non_empty else {}
    if isinstance(item, Record):
        fields = fields_config(item.cls, choices)
        first = fields[0]["name"]
        second = fields[1]["name"] if len(fields) > 1 else first
        return {
            "widget": "list",
            "fields": fields,
            "summary": f"{{{{fields.{first}}}}}: {{{{fields.{second}}}}}",
            "collapsed": False,
            **minimum,
        }
    inner = widget(item, choices)
    if inner["widget"] in ("relation", "select"):
        return {**inner, "multiple": True, **minimum}
    return {"widget": "list", "field": {"name": "item", "label": "Item", **inner}, **minimum}


def _record(kind: Record, choices: Choices) -> dict[str, Any]:
    return {"widget": "object", "fields": fields_config(kind.cls, choices)}


_WIDGETS: tuple[tuple[type[FieldType], Callable[[Any, Choices], dict[str, Any]]], ...] = (
    (Text, _text),
    (Integer, _integer),
    (Amount, _amount),
    (Boolean, _boolean),
    (Date, _date),
    (Time, _time),
    (DueDate, _due),
    (Address, _address),
    (Colour, _colour),
    (SiteFile, _site_file),
    (Choice, _choice),
    (Ref, _ref),
    (ActionRef, _action_ref),
    (ListOf, _list),
    (Record, _record),
)
"""Each field type's widget: a new field type needs one here (a test says so)."""


def identifier_field(record: type[Document]) -> str:
    """The field a new file is named after: its title or name, else its first required one.

    Decap needs a value in it to name a file, so it is always a required field.
    """
    fields = front_matter_fields(record)
    for name, spec in fields:
        if name in IDENTIFIERS and spec.required:
            return name
    return next(name for name, spec in fields if spec.required and _is_scalar(spec.type))


def _is_scalar(kind: FieldType) -> bool:
    return not isinstance(kind, ListOf | Record)
