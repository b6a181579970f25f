"""Open data: what every section's data files share.

JSON files are an object with ``generated`` (the build date), ``site`` (the
portal's address) and a list named after the file. CSV follows the GOV.UK
tabular data standard (RFC 4180, UTF-8, a header row). People appear by name;
a URL is given only for people with a public profile. Each section documents
the fields of its files on the site's ``/data/`` page.

A CSV file is most often opened in a spreadsheet, which runs a cell starting
with ``=``, ``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(...)`` sends the
sheet's data anywhere). Such cells get a leading apostrophe, as OWASP
recommends, so they show as text; the JSON files keep the exact text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import orjson

from sitegen.views import Views

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list)."""


def spreadsheet_safe(cell: object) -> object:
    """A CSV cell that a spreadsheet shows as text, never runs: ``'=1+1`` for ``=1+1``.

    A cell that starts with an apostrophe gets one more, so a program reading the
    file gets the exact text back by removing one leading apostrophe wherever there is one.
    """
    if isinstance(cell, str) and cell.startswith((*FORMULA_STARTS, "'")):
        return "'" + cell
    return cell


def json_document(views: Views, name: str, items: list[dict[str, Any]]) -> bytes:
    """The file's object, indented by two spaces: with orjson, some twenty times faster
    than the standard library and the same bytes as its ``json.dumps(indent=2,
    ensure_ascii=False)`` (but for numbers under 0.0001: ``0.00001``, not ``1e-05``)."""
    document = {
        "generated": views.today.isoformat(),
        "site": views.urls.absolute(""),
        name: items,
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


def csv_document(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    """A header row, then one row per mapping; ``None`` is written as an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else spreadsheet_safe(row[c]) for c in columns])
    return buffer.getvalue().encode("utf-8")


def owner(views: Views, slug: str) -> dict[str, Any]:
    """An action's owner: a group, or a person (with an address only with a profile)."""
    site = views.site
    if slug in site.groups:
        return {
            "name": site.groups[slug].name,
            "kind": "group",
            "url": views.absolute("groups", slug),
        }
    person = site.people[slug]
    return {
        "name": person.name,
        "kind": "person",
        "url": views.absolute("people", slug) if person.profile else None,
    }


def name_of(views: Views, slug: str) -> str:
    return views.site.people[slug].name
