"""A build, top to bottom: read, check, render, write, index, swap in.

:func:`prepare` does everything that can find a mistake (it writes nothing),
so ``sitegen check`` and ``sitegen build`` find exactly the same problems.
:func:`build` then renders into a staging folder and swaps it in only when it
is complete. Each step is timed for the summary.
"""

from __future__ import annotations

import datetime as dt
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from sitegen import calendars, feeds
from sitegen.checks import content_warnings
from sitegen.config import BuildOptions, SiteUrls, build_date, site_timezone, site_urls
from sitegen.data import OpenData
from sitegen.errors import ContentError, Problem, Severity, display_path
from sitegen.index import SiteIndex
from sitegen.links import AnchorsOf, BodyOnPage, check_bodies
from sitegen.loader import SETTINGS_FILE, LoadedFile, assemble, load_all, published_files
from sitegen.markdown import Rendered, render_markdown
from sitegen.model import COLLECTIONS, Document, LeftOut, Site, SiteSettings
from sitegen.pages import PageJob, Planner, SiteInfo, nav_items
from sitegen.parallel import parallel_map
from sitegen.references import check_references
from sitegen.search import Indexer
from sitegen.templates import STATIC, render_template, template_dirs
from sitegen.values import long_date
from sitegen.views import Views, item_path
from sitegen.writer import Staging, write_file

DATA_FILES = (
    "data/actions.csv",
    "data/actions.json",
    "data/meetings.json",
    "data/projects.json",
    "data/opportunities.json",
)
FEED_FILES = ("meetings/feed.xml", "opportunities/feed.xml", "news/feed.xml")
CALENDAR_FILES = ("meetings.ics", "opportunity-deadlines.ics")
SITE_FILES = ("sitemap.xml", "robots.txt")


@dataclass
class Timings:
    steps: list[tuple[str, float]] = field(default_factory=list)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.steps.append((name, time.perf_counter() - start))

    @property
    def total(self) -> float:
        return sum(seconds for _, seconds in self.steps)


@dataclass
class Prepared:
    """A site that passed every check, ready to be written."""

    site: Site
    index: SiteIndex
    urls: SiteUrls
    zone: ZoneInfo
    info: SiteInfo
    bodies: dict[str, Rendered]
    """Each published body, by source path."""
    jobs: list[PageJob]
    problems: list[Problem]
    """Warnings only: errors stop :func:`prepare`."""
    templates: tuple[Path, ...]
    timings: Timings
    content: Path
    files: list[str]
    """Site paths of the files under ``content/files/``."""
    published: list[tuple[str, Document]] = field(default_factory=list)
    """Each document whose body is on a page, with that page's site path."""

    def views(self) -> Views:
        return Views(self.index, self.urls, self.body_of)

    def body_of(self, document: Document) -> Rendered:
        return self.bodies[document.source.path]


@dataclass
class BuildReport:
    output: Path
    pages: dict[str, int]
    """HTML pages written per section."""
    files: int
    left_out: tuple[LeftOut, ...]
    warnings: list[Problem]
    timings: Timings
    search: str


@dataclass
class Sources:
    """Everything read from the content folder, before any whole-site check."""

    settings: SiteSettings
    files: list[LoadedFile]
    problems: list[Problem]
    """Problems found while reading: settings, layout and files we cannot publish."""
    published: list[str]
    """Site paths of the files under ``content/files/``."""


BodiesRenderer = Callable[[Sequence[Document], str], dict[str, Rendered]]
"""Renders documents' bodies for a base path, keyed by source path."""
LinksChecker = Callable[[Sequence[BodyOnPage], frozenset[str], AnchorsOf], list[Problem]]
"""Checks bodies' links against the site's pages and their anchors."""


def read_sources(options: BuildOptions) -> Sources:
    settings, files, problems = load_all(options.content, options.workers)
    published, file_problems = published_files(options.content)
    return Sources(settings, files, problems + file_problems, published)


def prepare(options: BuildOptions) -> Prepared:
    """Read and check everything; raise :class:`ContentError` with every problem found."""
    timings = Timings()
    with timings.step("read"):
        sources = read_sources(options)

    def render(documents: Sequence[Document], base_path: str) -> dict[str, Rendered]:
        return render_bodies(documents, base_path, options.workers)

    return prepare_sources(sources, options, timings, render)


def prepare_sources(
    sources: Sources,
    options: BuildOptions,
    timings: Timings,
    render: BodiesRenderer,
    check_links: LinksChecker = check_bodies,
) -> Prepared:
    """Check what was read and plan the pages; raise :class:`ContentError` on any error."""
    with timings.step("check references"):
        site, problems, existing = assemble(sources.settings, sources.files, drafts=options.drafts)
        problems = sources.problems + problems
        settings_path = display_path(options.content / SETTINGS_FILE)
        urls, url_problems = site_urls(site.settings, options.base_url)
        zone, zone_problems = site_timezone(site.settings)
        problems += [_at(p, settings_path) for p in url_problems + zone_problems]
        today = build_date(options, zone)
        broken = [(f.shown, f.refs) for f in sources.files if f.document is None and f.refs]
        problems += check_references(site, existing, broken)
        problems += content_warnings(site, today, display_path(options.content), existing)
    # The site is checked to the end even when it has errors already, so that every
    # problem of the run is listed at once; it stops only before anything is written.
    index = SiteIndex(site, today)
    info = site_info(site, urls, zone, today, options)
    prepared = Prepared(
        site=site,
        index=index,
        urls=urls,
        zone=zone,
        info=info,
        bodies={},
        jobs=[],
        problems=[],
        templates=template_dirs(options.content),
        timings=timings,
        content=options.content,
        files=sources.published,
    )
    # Files with errors in their front-matter still have their bodies' links checked.
    stand_ins = [
        (item_path(f.collection.name, f.slug), f.stand_in)
        for f in sources.files
        if f.stand_in is not None and f.collection.name != "people"
    ]
    with timings.step("render markdown"):
        prepared.published = published_bodies(site)
        documents = [document for _, document in prepared.published + stand_ins]
        prepared.bodies = render(documents, urls.base_path)
    with timings.step("check links"):
        prepared.jobs = Planner(prepared.views(), info).plan()
        # Pages of files that have errors of their own are taken as there, so a link
        # to one is not reported as well.
        drafts = {(left.collection, left.slug) for left in site.left_out}
        unfinished = frozenset(
            item_path(name, slug)
            for name, slug in existing
            if slug not in site.collection(name) and (name, slug) not in drafts
        )
        stand_in_bodies = [(d, path, prepared.bodies[d.source.path]) for path, d in stand_ins]
        problems += check_links(
            _bodies_on_pages(prepared) + stand_in_bodies,
            known_paths(prepared.jobs) | frozenset(sources.published) | unfinished,
            anchors_of(prepared),
        )
    _stop_on_errors(problems)
    prepared.problems = problems
    return prepared


def _at(problem: Problem, path: str) -> Problem:
    return Problem(path, problem.line, problem.field, problem.message, problem.severity)


def _stop_on_errors(problems: Sequence[Problem]) -> None:
    if any(p.severity is Severity.ERROR for p in problems):
        raise ContentError(problems)


def site_info(
    site: Site, urls: SiteUrls, zone: ZoneInfo, today: dt.date, options: BuildOptions
) -> SiteInfo:
    settings = site.settings
    return SiteInfo(
        title=settings.title,
        description=settings.description,
        organisation=settings.organisation or settings.title,
        urls=urls,
        zone=zone,
        today_label=long_date(today),
        today_iso=today.isoformat(),
        nav=nav_items(urls, has_about="about" in site.pages),
        stale_after_months=settings.stale_after_months,
        preview=options.preview,
        preview_version=options.preview_version,
    )


# ---------------------------------------------------------------------- markdown and links


def published_bodies(site: Site) -> list[tuple[str, Document]]:
    """Every document whose body appears on a page, with that page's path."""
    found = []
    for collection, document in site.documents():
        if collection.name == "people" and not getattr(document, "profile", False):
            continue  # no page is made for them, so their body is never published
        found.append((item_path(collection.name, document.slug), document))
    return found


def render_bodies(
    documents: Sequence[Document], base_path: str, workers: int
) -> dict[str, Rendered]:
    """Render every body, in several processes when there are many."""

    def render(document: Document) -> Rendered:
        return render_markdown(document.body, base_path)

    rendered = parallel_map(render, list(documents), workers)
    return {doc.source.path: body for doc, body in zip(documents, rendered, strict=True)}


def _bodies_on_pages(prepared: Prepared) -> list[BodyOnPage]:
    bodies = prepared.bodies
    return [(document, path, bodies[document.source.path]) for path, document in prepared.published]


def known_paths(jobs: Sequence[PageJob]) -> frozenset[str]:
    group_feeds = {
        job.path + name
        for job in jobs
        if job.template == "group.html"
        for name in ("feed.xml", "meetings.ics")
    }
    static = {f"static/{p.name}" for p in STATIC.iterdir()} if STATIC.is_dir() else set()
    return frozenset(
        {job.path for job in jobs}
        | set(DATA_FILES)
        | set(FEED_FILES)
        | set(CALENDAR_FILES)
        | set(SITE_FILES)
        | group_feeds
        | static
    )


def anchors_of(prepared: Prepared) -> Callable[[str], frozenset[str] | None]:
    """Looks up the anchors of a page only when a link asks for one."""
    by_page: dict[str, Document] = {}

    def anchors(path: str) -> frozenset[str] | None:
        if not by_page:
            by_page.update(prepared.published)
        document = by_page.get(path)
        if document is None:
            return None
        ids = prepared.bodies[document.source.path].heading_ids
        actions = getattr(document, "actions", ())
        return ids | {f"action-{action.id}" for action in actions} if actions else ids

    return anchors


# ---------------------------------------------------------------------- writing


def build(options: BuildOptions) -> BuildReport:
    prepared = prepare(options)
    timings = prepared.timings
    staging = Staging(options.output)
    indexer: Indexer | None = None
    try:
        # Item pages first: the indexer reads only those, so it can start while the
        # listings, the tracker and the data files are still being written.
        items = [job for job in prepared.jobs if job.source]
        rest = [job for job in prepared.jobs if not job.source]
        with timings.step("render item pages"):
            pages = render_pages(prepared, staging.root, options.workers, items)
        indexer = Indexer(staging.root, [job.path for job in items]) if options.search else None
        with timings.step("render listings"):
            for section, count in render_pages(
                prepared, staging.root, options.workers, rest
            ).items():
                pages[section] = pages.get(section, 0) + count
        with timings.step("write data, feeds, calendars"):
            files = write_extras(prepared, staging)
        search = ""
        if indexer is not None:
            with timings.step("index search (rest)"):
                search = indexer.wait()
        with timings.step("swap in"):
            staging.commit()
    finally:
        if indexer is not None:
            indexer.stop()
        staging.discard()
    return BuildReport(
        output=options.output,
        pages=pages,
        files=files,
        left_out=prepared.site.left_out,
        warnings=prepared.problems,
        timings=timings,
        search=search,
    )


def render_job(prepared: Prepared, job: PageJob) -> bytes:
    return render_template(prepared.templates, job.template, job.context()).encode("utf-8")


def render_pages(
    prepared: Prepared, root: Path, workers: int, jobs: Sequence[PageJob]
) -> dict[str, int]:
    """Render and write ``jobs``; returns pages written per section."""
    prepared.index.warm()

    def write_batch(batch: tuple[int, int]) -> int:
        for position in range(*batch):
            job = jobs[position]
            write_file(root, job.output_file, render_job(prepared, job))
        return batch[1] - batch[0]

    size = 50
    batches = [(start, min(start + size, len(jobs))) for start in range(0, len(jobs), size)]
    parallel_map(write_batch, batches, workers if len(jobs) > 200 else 1)
    counts: dict[str, int] = {}
    for job in jobs:
        section = job.path.split("/", 1)[0]
        if job.template in ("page.html", "pages.html"):
            section = "pages"
        elif section not in _SECTIONS:
            section = "other"  # the home page, search, open data and 404
        counts[section] = counts.get(section, 0) + 1
    return counts


_SECTIONS = {c.name for c in COLLECTIONS} | {"actions"}


def extra_files(prepared: Prepared) -> dict[str, Callable[[], bytes]]:
    """Every file that is not an HTML page, and how to make it."""
    index, urls, zone, info = prepared.index, prepared.urls, prepared.zone, prepared.info
    data = OpenData(index, urls)
    maker = feeds.FeedMaker(urls, info.organisation, index.today, zone)

    def feed(
        path: str, title: str, alternate: str, entries: Callable[[], list[feeds.Entry]]
    ) -> Callable[[], bytes]:
        return lambda: maker.atom(path, f"{info.title}: {title}", alternate, entries())

    files: dict[str, Callable[[], bytes]] = {
        "data/actions.csv": data.actions_csv,
        "data/actions.json": data.actions_json,
        "data/meetings.json": data.meetings_json,
        "data/projects.json": data.projects_json,
        "data/opportunities.json": data.opportunities_json,
        "meetings/feed.xml": feed(
            "meetings/feed.xml",
            "meetings",
            "meetings/",
            lambda: feeds.meeting_entries(index.meetings_newest_first, index),
        ),
        "opportunities/feed.xml": feed(
            "opportunities/feed.xml",
            "opportunities",
            "opportunities/",
            lambda: feeds.opportunity_entries(index),
        ),
        "news/feed.xml": feed("news/feed.xml", "news", "news/", lambda: feeds.news_entries(index)),
        "meetings.ics": lambda: calendars.meetings_calendar(
            index, urls, zone, f"{info.title}: meetings"
        ),
        "opportunity-deadlines.ics": lambda: calendars.deadlines_calendar(index, urls, info.title),
        "sitemap.xml": lambda: sitemap(prepared.jobs, urls),
        "robots.txt": lambda: robots(urls),
    }
    for slug, group in prepared.site.groups.items():
        files[f"groups/{slug}/feed.xml"] = feed(
            f"groups/{slug}/feed.xml",
            f"{group.name} meetings",
            f"groups/{slug}/",
            partial(feeds.meeting_entries, index.meetings_by_group.get(slug, []), index),
        )
        files[f"groups/{slug}/meetings.ics"] = partial(
            calendars.meetings_calendar, index, urls, zone, f"{info.title}: {group.name}", slug
        )
    return files


def write_extras(prepared: Prepared, staging: Staging) -> int:
    files = extra_files(prepared)
    for path, make in files.items():
        staging.write(path, make())
    if STATIC.is_dir():
        staging.copy_tree(STATIC, "static")
    for relative in prepared.files:
        staging.write(relative, (prepared.content / relative).read_bytes())
    return len(files) + len(prepared.files)


def sitemap(jobs: Sequence[PageJob], urls: SiteUrls) -> bytes:
    namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    root = ET.Element("urlset", xmlns=namespace)
    for path in sorted(job.path for job in jobs if job.path != "404.html"):
        ET.SubElement(ET.SubElement(root, "url"), "loc").text = urls.absolute(path)
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def robots(urls: SiteUrls) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute('sitemap.xml')}\n".encode()
