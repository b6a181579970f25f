"""What a section of the site declares, and the plan of every file the build writes.

A section (``sitegen/sections/<name>.py``) is one :class:`Section`: data that says
which pages and files it contributes, where its items live, its navigation and
footer entries, the ids its templates use and the checks only it knows. Each
:class:`PageJob` and :class:`FileJob` names what it reads, so a build can tell
which outputs an edit changes, and makes its content only when called, so pages
can be rendered in any order, in several processes, or one at a time on demand by
the preview server. The build and the preview only ever iterate over sections.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup

from sitegen.config import SiteUrls
from sitegen.errors import Problem
from sitegen.feeds import FeedMaker
from sitegen.index import SiteIndex
from sitegen.jsonld import web_page
from sitegen.model import Document, Site
from sitegen.values import long_date
from sitegen.views import Views
from sitegen.viewtypes import LinkView, PageHistoryView, SiteInfo

READS_EVERYTHING = frozenset({"*"})
"""What a page that depends on the whole site reads."""


@dataclass(frozen=True)
class SearchMeta:
    """How Pagefind indexes a page: its filters and the date it sorts by."""

    type: str
    filters: tuple[tuple[str, str], ...]
    sort_date: str
    """ISO date; every indexed page has one, or Pagefind drops it from sorted results."""
    date_word: str = ""
    """What the date is, shown before it (``Latest meeting``, ``Opens``), when it is
    not simply the item's own date."""

    @property
    def date_label(self) -> str:
        """The date shown beside a search result; empty for undated pages."""
        if self.sort_date.startswith("0000"):
            return ""
        day = long_date(dt.date.fromisoformat(self.sort_date))
        return f"{self.date_word} {day}" if self.date_word else day


@dataclass(frozen=True)
class PageMeta:
    title: str
    path: str
    """Site-relative, e.g. ``meetings/x/``."""
    nav: str = ""
    description: str | None = None
    breadcrumbs: tuple[tuple[str, str], ...] = ()
    json_ld: tuple[dict[str, Any], ...] = ()
    search: SearchMeta | None = None
    draft: bool = False
    feeds: tuple[tuple[str, str], ...] = ()
    history: PageHistoryView | None = None
    """An item page's first publication, last update and change notes."""


Reads = Callable[[], Iterable[str]]
"""The inputs an output is made from, as keys of :mod:`sitegen.sections` documents
(``meetings/<slug>``) or of the site's shared values; see :class:`PageJob`."""


def _reads_everything() -> Iterable[str]:
    return READS_EVERYTHING


@dataclass(frozen=True)
class PageJob:
    """One HTML page: where it goes, its template, and how to make its context."""

    path: str
    template: str
    context: Callable[[], dict[str, Any]] = field(compare=False)
    section: str = ""
    """The key of the section that plans it."""
    document: Document | None = field(default=None, compare=False)
    """The item the page shows, if it shows one: its body is published on this page."""
    anchors: frozenset[str] = frozenset()
    """Ids the template adds to the page, beyond its body's headings (``action-a1``)."""
    not_found: bool = False
    """The page a server shows for an address that is not in the site."""
    reads: Reads = field(default=_reads_everything, compare=False)
    """The documents and shared values the page shows: it changes only when they do."""
    for_editors: bool = False
    """A page for the site's editors, not its readers: left out of the sitemap, and
    search engines are asked not to crawl it."""
    indexed: bool = False
    """Search indexes it, though it shows no document of its own (a decision's page)."""

    @property
    def searchable(self) -> bool:
        """Whether the search index reads it: an item's page, or a page marked ``indexed``."""
        return self.document is not None or self.indexed

    @property
    def source(self) -> str:
        """The content file the page shows, or an empty string."""
        return self.document.source.path if self.document is not None else ""

    @property
    def output_file(self) -> str:
        """``meetings/x/`` is written as ``meetings/x/index.html``."""
        return self.path + "index.html" if self.path.endswith("/") or not self.path else self.path


@dataclass(frozen=True)
class Listed:
    """How a file is listed on the open data page."""

    group: int
    """Which list: :data:`DATA_FILES` or :data:`FEEDS_AND_CALENDARS`."""
    order: int
    label: str
    description: Markup | None = None


DATA_FILES = 0
FEEDS_AND_CALENDARS = 1


@dataclass(frozen=True)
class Subscription:
    """How the page on subscribing offers a feed or a calendar."""

    topic: str
    """The heading it is listed under, e.g. ``Opportunities``."""
    order: int
    label: str
    """What it brings, e.g. ``New opportunities as they are published``."""
    by_email: bool = False
    """Offered for alerts by email (through a service that sends a feed's news)."""


@dataclass(frozen=True)
class FileJob:
    """A file that is not an HTML page: data, a feed, a calendar, the sitemap."""

    path: str
    make: Callable[[], bytes] = field(compare=False)
    section: str = ""
    reads: Reads = field(default=_reads_everything, compare=False)
    listed: Listed | None = None
    """Where the open data page lists it, if it does."""
    feed_title: str = ""
    """For a site-wide feed: its title in the ``<link rel="alternate">`` of pages."""
    media_type: str = ""
    """What a server says it is; by default, guessed from its name."""
    subscription: Subscription | None = None
    """Where the page on subscribing offers it, if it is a feed or calendar to follow."""

    @property
    def content_type(self) -> str:
        if self.media_type:
            return self.media_type
        guessed = mimetypes.guess_type(self.path)[0] or "application/octet-stream"
        return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


@dataclass(frozen=True)
class FieldDocs:
    """The documentation of a data file's fields, shown on the open data page."""

    order: int
    kind: str
    """``table``: a table of the file's columns; ``json``: its entry in the JSON list."""
    entries: tuple[tuple[Markup, Markup], ...]
    """(name, meaning) of each column; for ``json``, one (file, fields) entry."""
    file: str = ""
    """For a table: the file whose columns it documents."""
    id: str = ""
    """For a table: the id of its heading."""


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str
    path: str
    order: int
    shown: Callable[[Site], bool] = field(default=lambda site: True, compare=False)


@dataclass(frozen=True)
class FooterEntry:
    order: int
    links: Callable[[SectionContext], Iterable[LinkView]] = field(compare=False)


def _no_pages(ctx: SectionContext) -> Iterable[PageJob]:
    return ()


def _no_files(ctx: SectionContext) -> Iterable[FileJob]:
    return ()


def _no_checks(check: CheckContext) -> Iterable[Problem]:
    return ()


@dataclass(frozen=True)
class Section:
    """One part of the site, declared as data."""

    key: str
    order: int
    """Where it comes among sections: the order of their pages, files and lists."""
    collection: str = ""
    """The content folder whose items it gives a page each, if any."""
    paths: Mapping[str, Callable[[str], str]] = field(default_factory=dict, compare=False)
    """Where things of its own live, by slug, for other sections to link to: its items'
    pages under its collection's name (``meetings`` -> ``meetings/<slug>/``), and any
    file beside them under a name of its choosing (``groups:calendar``)."""
    pages: Callable[[SectionContext], Iterable[PageJob]] = field(default=_no_pages, compare=False)
    files: Callable[[SectionContext], Iterable[FileJob]] = field(default=_no_files, compare=False)
    nav: NavEntry | None = None
    footer: tuple[FooterEntry, ...] = ()
    field_docs: Callable[[SectionContext], Iterable[FieldDocs]] = field(
        default=lambda ctx: (), compare=False
    )
    template_ids: frozenset[str] = frozenset()
    """Ids its templates use: a body's heading never takes one."""
    template_id_prefixes: tuple[str, ...] = ()
    checks: Callable[[CheckContext], Iterable[Problem]] = field(default=_no_checks, compare=False)
    """Problems only this section can see: errors and warnings."""
    top_level: tuple[str, ...] = ()
    """The first parts of the paths it writes (``meetings``), which no page may take."""
    explains_feeds: str = ""
    """The path of its page explaining how to subscribe, if it has one: every feed and
    the pages that offer feeds link to it."""


@dataclass(frozen=True)
class CheckContext:
    """What a section's checks are given: the site as read, and where it came from."""

    site: Site
    today: dt.date
    content_root: str
    """The content folder as messages show it."""
    existing: Mapping[tuple[str, str], str]
    """Every (collection, slug) on disk, drafts and files with errors included, with the
    path messages show for it."""
    sections: Sequence[Section]


class SectionContext:
    """What a section's pages and files are made from, for one build.

    ``memo`` keeps what several pages of a section share (the tracker's views, a
    listing's order) for the length of the build.
    """

    def __init__(
        self,
        views: Views,
        info: SiteInfo,
        sections: Sequence[Section],
        footer: Callable[[], tuple[LinkView, ...]],
    ) -> None:
        self.views = views
        self.index: SiteIndex = views.index
        self.site: Site = views.site
        self.info = info
        self.sections = sections
        self._footer = footer
        self._memo: dict[str, Any] = {}
        self.jobs: Sequence[PageJob] = ()
        """Every page of the build, once all are planned (for the sitemap)."""
        self.files: Sequence[FileJob] = ()

    @property
    def urls(self) -> SiteUrls:
        return self.info.urls

    @property
    def zone(self) -> ZoneInfo:
        return self.info.zone

    @property
    def today(self) -> dt.date:
        return self.index.today

    def memo(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def footer_links(self) -> tuple[LinkView, ...]:
        """What the footer of every page links to."""
        return self._footer()

    def page(self, meta: PageMeta, **values: Any) -> dict[str, Any]:
        """A template's context: the site, the page, the footer and the page's own values.

        A page with a history also says when it was published and changed, as a
        schema.org ``WebPage``.
        """
        history = meta.history
        if history is not None:
            published, modified = history.first_published, history.modified
            described = web_page(
                meta.title,
                self.urls.absolute(meta.path),
                published.iso if published else None,
                modified.iso if modified else None,
            )
            meta = replace(meta, json_ld=(*meta.json_ld, described))
        return {"site": self.info, "page": meta, "footer": self._footer(), **values}

    def item_meta(self, meta: PageMeta, document: Document) -> PageMeta:
        """The meta of an item's own page: whether the item is a draft, and its history
        (when it was published and changed, and its change notes)."""
        return replace(meta, draft=document.is_draft, history=self.views.page_history(document))

    def crumbs(self, *items: tuple[str, str]) -> tuple[tuple[str, str], ...]:
        return (("Home", self.info.path("")), *items)

    def subscribe_path(self) -> str:
        """The site's page on subscribing to feeds and calendars, or an empty string."""
        return next((s.explains_feeds for s in self.sections if s.explains_feeds), "")

    def subscribe_url(self) -> str | None:
        """The link to that page, for templates, or ``None`` when there is none."""
        path = self.subscribe_path()
        return self.info.path(path) if path else None

    def feed_maker(self) -> FeedMaker:
        """What every feed of this build shares."""
        info = self.info
        return FeedMaker(self.urls, info.organisation, self.today, self.zone, self.subscribe_path())

    def site_feeds(self) -> tuple[tuple[str, str], ...]:
        """Every site-wide feed, for the ``<link rel="alternate">`` of pages that list them."""
        return tuple(
            (job.feed_title, self.info.path(job.path)) for job in self.files if job.feed_title
        )


def bind(make: Callable[..., dict[str, Any]], *args: Any) -> Callable[[], dict[str, Any]]:
    """``make`` with its arguments, called only when the page is rendered."""
    return partial(make, *args)


def item_paths(sections: Iterable[Section]) -> Mapping[str, Callable[[str], str]]:
    """Where each collection's items (and the files beside them) live, as sections say."""
    return {name: path for section in sections for name, path in section.paths.items()}
