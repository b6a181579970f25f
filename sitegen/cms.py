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
which sitegen reads as not given. Each field type's widget is in
:mod:`sitegen.cms_widgets`; this module puts the forms together.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from sitegen.cms_widgets import (
    IDENTIFIERS,
    Choices,
    Option,
    fields_config,
    identifier_field,
)
from sitegen.fields import Choice, Date, ListOf, Record, Ref, Text
from sitegen.index import SiteIndex
from sitegen.model import COLLECTIONS, CmsSettings, Collection, Document
from sitegen.schema import FieldSpec, front_matter_fields

CMS_VERSION = "3.16.3"
"""The Decap CMS release the editor loads (the ``decap-cms`` package in package.json)."""
CMS_SCRIPT = f"https://cdn.jsdelivr.net/npm/decap-cms@{CMS_VERSION}/dist/decap-cms.js"
CMS_SCRIPT_PACKAGE_PATH = "decap-cms/dist/decap-cms.js"
"""The same file within ``node_modules``, which the tests check the hash against."""
CMS_INTEGRITY = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"
"""Subresource Integrity of :data:`CMS_SCRIPT`: the browser refuses any other file."""

BODY_HINT = (
    "Markdown: a line starting '## ' begins a section. To keep text off the "
    "published site, put it between a line '::: private' and a line ':::'; it is cut "
    "before anything is published, and the page says it was edited for publication."
)


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
    return "{{slug}}" if identifier in IDENTIFIERS else f"{{{{fields.{identifier}}}}}"


def summary_template(record: type[Document], identifier: str) -> str:
    names = [name for name, _ in front_matter_fields(record)]
    shown = [name for name in ("date", identifier) if name in names]
    if "title" in names and "title" not in shown:
        shown.append("title")
    return " · ".join(f"{{{{{name}}}}}" for name in dict.fromkeys(shown))


def _sortable(spec: FieldSpec) -> bool:
    return isinstance(spec.type, Date | Text | Choice) and spec.required


def as_yaml(configuration: Mapping[str, Any]) -> bytes:
    """``config.yml``: plain YAML, keys in the order given."""
    text = yaml.safe_dump(dict(configuration), sort_keys=False, allow_unicode=True, width=100)
    return text.encode("utf-8")
