"""JSON Schemas of the front-matter, for editors' tools.

One file per collection, generated from the same dataclasses the build
validates with, so the two never disagree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sitegen.model import COLLECTIONS, SiteSettings
from sitegen.schema import json_schema

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict[str, Any]]:
    """File name to schema, for every collection and for ``site.yaml``."""
    found: dict[str, dict[str, Any]] = {}
    for collection in COLLECTIONS:
        schema = json_schema(collection.record, f"Front-matter of a {collection.singular}")
        schema["description"] = (
            f"A file in content/{collection.name}/: the front-matter between the '---' lines."
        )
        found[f"{collection.singular}.schema.json"] = {"$schema": DRAFT, **schema}
    found["site.schema.json"] = {"$schema": DRAFT, **json_schema(SiteSettings, "content/site.yaml")}
    return found


def write_schemas(target: Path) -> list[str]:
    """Write every schema into ``target`` (``-`` prints them as one JSON object)."""
    generated = schemas()
    if str(target) == "-":
        print(json.dumps(generated, indent=2, sort_keys=False))
        return []
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in generated.items():
        path = target / name
        path.write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
        written.append(str(path))
    return written
