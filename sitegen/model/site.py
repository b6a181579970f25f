"""The site as a whole: its settings, its collections, and everything read."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sitegen.fields import (
    Boolean,
    Integer,
    Text,
)
from sitegen.gitdates import FileDates
from sitegen.model.base import (
    Document,
)
from sitegen.model.meetings import (
    Meeting,
)
from sitegen.model.records import (
    Group,
    NewsPost,
    Opportunity,
    Page,
    Person,
    Project,
    Report,
)
from sitegen.schema import (
    spec,
)

# --------------------------------------------------------------------------- the site


@dataclass(frozen=True, kw_only=True)
class SiteSettings:
    """``content/site.yaml``."""

    title: str = spec(Text(), "The site's name.", default="Transparency portal")
    description: str | None = spec(Text(), "One sentence about the site.")
    organisation: str | None = spec(
        Text(), "The organisation that publishes it, for feeds and search engines."
    )
    base_url: str | None = spec(Text(), "The full address the site is published at.")
    timezone: str = spec(Text(), "The site's time zone.", default="Europe/London")
    stale_after_months: int = spec(
        Integer(1),
        "An open or in-progress action with no update for longer than this many months is "
        "flagged 'No update since <month>'.",
        default=6,
    )
    dates_from_git: bool = spec(
        Boolean(),
        "When content/ is in a git repository, take the day each page was first published "
        "(and last changed) from its history; publish from a full clone, not a shallow one.",
        default=False,
    )


@dataclass(frozen=True)
class Collection:
    """A folder of ``content/`` and the record each of its files holds."""

    name: str
    """The folder name and the first part of the URL, e.g. ``meetings``."""
    record: type[Document]
    singular: str
    """What one item is called in messages and the ``new`` command, e.g. ``meeting``."""
    label: str
    """The heading of its listing page."""


COLLECTIONS: tuple[Collection, ...] = (
    Collection("people", Person, "person", "People"),
    Collection("groups", Group, "group", "Groups"),
    Collection("projects", Project, "project", "Projects"),
    Collection("meetings", Meeting, "meeting", "Meetings"),
    Collection("opportunities", Opportunity, "opportunity", "Opportunities"),
    Collection("reports", Report, "report", "Reports"),
    Collection("news", NewsPost, "news", "News"),
    Collection("pages", Page, "page", "Pages"),
)
COLLECTION_BY_NAME: Mapping[str, Collection] = {c.name: c for c in COLLECTIONS}


@dataclass(frozen=True)
class LeftOut:
    """A file that is not in the build, and why."""

    path: str
    collection: str
    slug: str
    reason: str


@dataclass(frozen=True)
class Site:
    """Everything read from ``content/``, checked, with drafts already removed."""

    settings: SiteSettings
    people: Mapping[str, Person]
    groups: Mapping[str, Group]
    projects: Mapping[str, Project]
    meetings: Mapping[str, Meeting]
    opportunities: Mapping[str, Opportunity]
    reports: Mapping[str, Report]
    news: Mapping[str, NewsPost]
    pages: Mapping[str, Page]
    left_out: tuple[LeftOut, ...] = ()
    versions: Mapping[str, FileDates] = field(default_factory=dict)
    """What the git history says of each file, by source path, with ``dates_from_git``."""

    def collection(self, name: str) -> Mapping[str, Any]:
        items: Mapping[str, Any] = getattr(self, name)
        return items

    def documents(self) -> Iterator[tuple[Collection, Document]]:
        for collection in COLLECTIONS:
            for document in self.collection(collection.name).values():
                yield collection, document
