"""The site as a whole: its settings, its collections, and everything read."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sitegen.colours import accent_problems
from sitegen.fields import (
    Boolean,
    Choice,
    Colour,
    Integer,
    Record,
    SiteFile,
    Text,
    WebAddress,
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

IMAGE_FILES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")
ICON_FILES = (".svg", ".png", ".ico")


@dataclass(frozen=True, kw_only=True)
class PaymentInfo:
    """How the organisation pays people, shown on every opportunity."""

    how_and_when: str = spec(
        Text(),
        "How and when people are paid, e.g. by bank transfer within ten working days, "
        "and what to do if a payment is late.",
        required=True,
        example="TODO: how and when people are paid",
    )
    benefits_advice: str | None = spec(
        WebAddress(),
        "A page of advice on how being paid can affect benefits: a full https:// address.",
    )
    benefits_advice_text: str = spec(
        Text(),
        "The words of that link.",
        default="Advice on how payments can affect benefits",
    )


class CmsBackend(StrEnum):
    """Where the content editor saves: the git host of the site's repository."""

    GITHUB = "github"
    GITLAB = "gitlab"
    GIT_GATEWAY = "git-gateway"


@dataclass(frozen=True, kw_only=True)
class CmsSettings:
    """``cms:`` in ``site.yaml``: the content editor at ``/admin/``."""

    backend: CmsBackend = spec(
        Choice(CmsBackend),
        "Where the editor saves: github, gitlab or git-gateway (Netlify Identity).",
        required=True,
        example="github",
    )
    repo: str | None = spec(
        Text(), "The repository, owner/name, e.g. my-org/portal (for github and gitlab)."
    )
    branch: str = spec(Text(), "The branch the editor commits to.", default="main")
    folder: str = spec(Text(), "Where the content folder is in the repository.", default="content")
    auth_url: str | None = spec(
        Text(),
        "The address of the sign-in service for github or gitlab, when it is not Netlify's.",
    )

    def field_problems(self) -> Iterator[tuple[str, str]]:
        needs_repo = self.backend is not CmsBackend.GIT_GATEWAY
        if needs_repo and not self.repo:
            yield "repo", f"is required for the {self.backend.value} backend: write owner/name"
        elif self.repo and not re.fullmatch(r"[\w.-]+(/[\w.-]+)+", self.repo):
            yield "repo", f"'{self.repo}' is not owner/name; write e.g. my-org/portal"
        if self.folder.startswith("/") or ".." in self.folder.split("/"):
            yield "folder", f"'{self.folder}' must be a path inside the repository, e.g. content"
        if self.auth_url and not re.match(r"https://[^/\s]+", self.auth_url):
            yield "auth_url", f"'{self.auth_url}' must be a full https:// address"


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
    cms: CmsSettings | None = spec(
        Record(CmsSettings),
        "The content editor at /admin/: backend, repo and branch; no editor unless set.",
    )
    payment_info: PaymentInfo | None = spec(
        Record(PaymentInfo),
        "How and when people are paid (how_and_when) and a link to advice on benefits "
        "(benefits_advice): shown on every opportunity.",
    )
    logo: str | None = spec(
        SiteFile(IMAGE_FILES),
        "The organisation's logo, shown in the header of every page: a file in "
        "content/files/, e.g. files/logo.svg, light enough to read on the accent colour.",
    )
    logo_alt: str | None = spec(
        Text(), "What the logo says or shows, for people who cannot see it. Required with a logo."
    )
    favicon: str | None = spec(
        SiteFile(ICON_FILES),
        "The small icon browsers show in tabs and bookmarks: a file in content/files/, "
        "e.g. files/favicon.svg.",
    )
    accent: str | None = spec(
        Colour(accent_problems),
        "The colour of the header, buttons and box edges, in hex (e.g. '#23395b', in "
        "quotes). It must be dark enough for white text on it (contrast 4.5:1).",
    )

    def field_problems(self) -> Iterator[tuple[str, str]]:
        if self.logo and not self.logo_alt:
            yield "logo_alt", "is required with a logo: write what the logo says or shows"


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
