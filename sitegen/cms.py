"""The content editor's configuration, made from the model.

Decap CMS (and Sveltia CMS, which reads the same file) shows one form per
collection. Each form is made here from the same field declarations that
drive validation, the JSON Schemas and ``sitegen new``, so the three can never
disagree: a field's type decides its widget, its doc line is the hint under
it, and ``required`` is the model's. References become pick lists: a relation
to the collection they name, or, where a field may name people *or* groups (an
action's owners) or an action within a meeting, a list of the site's current
items made when the site is built (the editor is built with the site).

Dates are written as ``YYYY-MM-DD`` and times as ``HH:mm``, exactly what the
loader accepts; an optional field left empty is written empty or left out,
which sitegen reads as not given.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import yaml

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
from sitegen.index import SiteIndex
from sitegen.model import COLLECTIONS, CmsSettings, Collection, Document
from sitegen.schema import FieldSpec, FieldType, front_matter_fields

CMS_VERSION = "3.16.3"
"""The Decap CMS release the editor loads (the ``decap-cms`` package in package.json)."""
CMS_SCRIPT = f"https://cdn.jsdelivr.net/npm/decap-cms@{CMS_VERSION}/dist/decap-cms.js"
CMS_SCRIPT_PACKAGE_PATH = "decap-cms/dist/decap-cms.js"
"""The same file within ``node_modules``, which the tests check the hash against."""
CMS_INTEGRITY = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"
"""Subresource Integrity of :data:`CMS_SCRIPT`: the browser refuses any other file."""

DATE_FORMAT = "YYYY-MM-DD"
TIME_FORMAT = "HH:mm"
BODY_HINT = (
    "Markdown: a line starting '## ' begins a section. To keep text off the "
    "published site, put it between a line '::: private' and a line ':::'; it is cut "
    "before anything is published, and the page says it was edited for publication."
)
SITE_LIST_HINT = " The list is the site as last built: rebuild it to see what was added since."
OPTIONAL_GROUP_HINT = " Needed if any of this group is filled in."
_IDENTIFIERS = ("title", "name")


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


@dataclass(frozen=True)
class Target:
    """Where the editor saves and where it is used."""

    settings: CmsSettings | None
    site_url: str
    """The published site's address."""
    files_path: str
    """Where ``content/files`` is published, e.g. ``/portal/files``."""
    local_proxy: str = ""
    """The local proxy's API address (``sitegen serve --cms``), or empty."""


# ---------------------------------------------------------------------- pick lists


def site_choices(index: SiteIndex) -> Choices:
    """Pick lists of the site as it is: its people and groups, and its actions."""
    site = index.site
    labels: dict[str, Callable[[str], str]] = {
        "people": lambda slug: f"{site.people[slug].name} (person)",
        "groups": lambda slug: f"{site.groups[slug].name} (group)",
    }
    wanted = {
        ref.collections
        for collection in COLLECTIONS
        for ref in _refs(collection.record)
        if len(ref.collections) > 1
    }
    by_collections = {}
    for names in sorted(wanted):
        options = [
            Option(labels[name](slug) if name in labels else slug, slug)
            for name in names
            for slug in sorted(site.collection(name))
        ]
        by_collections[names] = tuple(sorted(options, key=lambda o: o.label.lower()))
    actions = tuple(
        Option(
            f"{tracked.meeting.date.isoformat()} {index.meeting_title(tracked.meeting)}, "
            f"{tracked.action.id}: {tracked.action.text} ({tracked.status.value})",
            tracked.ref,
        )
        for tracked in index.actions
    )
    return Choices(by_collections, actions)


def _refs(cls: type[Any]) -> list[Ref]:
    found: list[Ref] = []
    for _, field in front_matter_fields(cls):
        kind = field.type.item if isinstance(field.type, ListOf) else field.type
        if isinstance(kind, Ref):
            found.append(kind)
        elif isinstance(kind, Record):
            found.extend(_refs(kind.cls))
    return found


# ---------------------------------------------------------------------- the configuration


def config(target: Target, choices: Choices, bodies: Mapping[str, str]) -> dict[str, Any]:
    """The whole configuration: backend, media folder and one collection per folder."""
    settings = target.settings
    folder = "" if target.local_proxy or settings is None else settings.folder.strip("/")
    result: dict[str, Any] = {"backend": _backend(settings)}
    if target.local_proxy:
        result["local_backend"] = {"url": target.local_proxy}
    result |= {
        "site_url": target.site_url,
        "display_url": target.site_url,
        "publish_mode": "simple",
        "media_folder": _join(folder, "files"),
        "public_folder": target.files_path,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            collection_config(collection, folder, choices, bodies.get(collection.name, ""))
            for collection in COLLECTIONS
        ],
    }
    return result


def _backend(settings: CmsSettings | None) -> dict[str, Any]:
    if settings is None:
        # Only the local proxy of ``sitegen serve --cms`` is used: any name Decap knows.
        return {"name": "git-gateway"}
    backend: dict[str, Any] = {"name": settings.backend.value, "branch": settings.branch}
    if settings.repo:
        backend["repo"] = settings.repo
    if settings.auth_url:
        backend["base_url"] = settings.auth_url.rstrip("/")
    backend["commit_messages"] = {
        "create": "Add {{collection}} {{slug}}",
        "update": "Update {{collection}} {{slug}}",
        "delete": "Delete {{collection}} {{slug}}",
        "uploadMedia": "Upload {{path}}",
        "deleteMedia": "Delete {{path}}",
    }
    return backend


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def collection_config(
    collection: Collection, folder: str, choices: Choices, body: str
) -> dict[str, Any]:
    """One collection's form: its folder, how new files are named, and every field."""
    record = collection.record
    identifier = identifier_field(record)
    fields = fields_config(record, choices)
    body_field: dict[str, Any] = {
        "name": "body",
        "label": "Text",
        "widget": "markdown",
        "required": False,
        # Plain Markdown: the rich text editor rewrites a body it opens (escaping, tables,
        # footnotes) and could break a private block apart.
        "modes": ["raw"],
        "hint": BODY_HINT,
    }
    if body:
        body_field["default"] = body
    result: dict[str, Any] = {
        "name": collection.name,
        "label": collection.label,
        "label_singular": collection.singular.capitalize(),
        "folder": _join(folder, collection.name),
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "delete": True,
        "slug": slug_template(record, identifier),
        "identifier_field": identifier,
        "summary": summary_template(record, identifier),
        "fields": [*fields, body_field],
    }
    sortable = [name for name, spec in front_matter_fields(record) if _sortable(spec)]
    if sortable:
        result["sortable_fields"] = sortable
    return result


def identifier_field(record: type[Document]) -> str:
    """The field a new file is named after: its title or name, else its first required one.

    Decap needs a value in it to name a file, so it is always a required field.
    """
    fields = front_matter_fields(record)
    for name, spec in fields:
        if name in _IDENTIFIERS and spec.required:
            return name
    return next(name for name, spec in fields if spec.required and _is_scalar(spec.type))


def slug_template(record: type[Document], identifier: str) -> str:
    """How a new file is named: a dated record of a group is named date-group, as
    ``sitegen new`` requires of a meeting; anything else after its title or name."""
    fields = dict(front_matter_fields(record))
    date, group = fields.get("date"), fields.get("group")
    if (
        date is not None
        and group is not None
        and date.required
        and isinstance(date.type, Date)
        and isinstance(group.type, Ref)
    ):
        return "{{fields.date}}-{{fields.group}}"
    return "{{slug}}" if identifier in _IDENTIFIERS else f"{{{{fields.{identifier}}}}}"


def summary_template(record: type[Document], identifier: str) -> str:
    names = [name for name, _ in front_matter_fields(record)]
    shown = [name for name in ("date", identifier) if name in names]
    if "title" in names and "title" not in shown:
        shown.append("title")
    return " · ".join(f"{{{{{name}}}}}" for name in dict.fromkeys(shown))


def _sortable(spec: FieldSpec) -> bool:
    return isinstance(spec.type, Date | Text | Choice) and spec.required


def _is_scalar(kind: FieldType) -> bool:
    return not isinstance(kind, ListOf | Record)


# ---------------------------------------------------------------------- widgets


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
    raise TypeError(f"no content-editor widget for {type(kind).__name__}: add one to cms.py")


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


def as_yaml(configuration: Mapping[str, Any]) -> bytes:
    """``config.yml``: plain YAML, keys in the order given."""
    text = yaml.safe_dump(dict(configuration), sort_keys=False, allow_unicode=True, width=100)
    return text.encode("utf-8")
