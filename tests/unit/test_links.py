"""Resolving links in bodies the way a browser would."""

from __future__ import annotations

import pytest

from sitegen.links import resolve


@pytest.mark.parametrize(
    ("href", "page", "target"),
    [
        ("/projects/a/", "meetings/m/", "projects/a/"),
        ("/projects/a", "meetings/m/", "projects/a/"),
        ("../../projects/a/", "meetings/m/", "projects/a/"),
        ("../other/", "meetings/m/", "meetings/other/"),
        ("#part", "meetings/m/", "meetings/m/"),
        ("/data/actions.csv", "about/", "data/actions.csv"),
        ("/meetings/index.html", "about/", "meetings/"),
        ("/", "about/", ""),
        ("../../../x/", "meetings/m/", None),
        ("/projects/a/?x=1#y", "about/", "projects/a/"),
    ],
)
def test_links_resolve_to_site_paths(href: str, page: str, target: str | None) -> None:
    assert resolve(href, page) == target
