"""Everything that can find a mistake: read, check, plan. It writes nothing.

:func:`prepare` reads the content, checks it, and plans every page and file of every
section, so ``sitegen check``, ``sitegen build`` and the preview find exactly the same
problems. Each step is timed for the build's summary.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from sitegen.assembly import assemble, with_git_dates
from sitegen.bodies import render_body
from sitegen.cache import BuildCache
from sitegen.config import BuildOptions, SiteUrls, build_date, site_look, site_timezone, site_urls
from sitegen.errors import ContentError, Problem, Severity, display_path
from sitegen.index import SiteIndex
from sitegen.links import AnchorsOf, BodyOnPage, check_bodies
from sitegen.loader import (
    SETTINGS_FILE,
    LoadedFile,
    load_all,
    published_files,
)
from sitegen.markdown import Rendered, ReservedIds
from sitegen.model import Document, Site, SiteSettings
from sitegen.parallel import parallel_map
from sitegen.plan import (
    CheckContext,
    FileJob,
    PageJob,
    Section,
    SectionContext,
    item_paths,
)
from sitegen.references import check_references
from sitegen.sections import SECTIONS
from sitegen.templates import STATIC, template_dirs
from sitegen.values import long_date
from sitegen.views import Views
from sitegen.viewtypes import (
    LinkView,
    NavItem,
    SiteInfo,
)


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
    file_jobs: list[FileJob]
    """Every file that is not an HTML page: data, feeds, calendars, the sitemap."""
    problems: list[Problem]
    """Warnings only: errors stop :func:`prepare`."""
    templates: tuple[Path, ...]
    timings: Timings
    content: Path
    files: list[str]
    """Site paths of the files under ``content/files/``."""
    sections: Sequence[Section] = SECTIONS
    loaded: list[LoadedFile] = field(default_factory=list)
    """Every content file as read, published or not."""
    ctx: SectionContext | None = None
    """What the sections' pages and files are made from."""

    def body_of(self, document: Document) -> Rendered:
        return self.bodies[document.source.path]


@dataclass
class Sources:
    """Everything read from the content folder, before any whole-site check."""

    settings: SiteSettings
    files: list[LoadedFile]
    problems: list[Problem]
    """Problems found while reading: settings, layout and files we cannot publish."""
    published: list[str]
    """Site paths of the files under ``content/files/``."""


BodiesRenderer = Callable[[Sequence[Document], str, ReservedIds], dict[str, Rendered]]
"""Renders documents' bodies for a base path, keyed by source path."""
LinksChecker = Callable[[Sequence[BodyOnPage], frozenset[str], AnchorsOf], list[Problem]]
"""Checks bodies' links against the site's pages and their anchors."""


def read_sources(options: BuildOptions, cache: BuildCache | None = None) -> Sources:
    """Every content file, taken from ``cache`` where it has not changed."""
    known = cache.known_files if cache is not None else None
    settings, files, problems = load_all(options.content, options.workers, known)
    if cache is not None:
        cache.remember_files(files)
    published, file_problems = published_files(options.content)
    return Sources(settings, files, problems + file_problems, published)


def prepare(options: BuildOptions, cache: BuildCache | None = None) -> Prepared:
    """Read and check everything; raise :class:`ContentError` with every problem found."""
    timings = Timings()
    with timings.step("read"):
        sources = read_sources(options, cache)

    def render(
        documents: Sequence[Document], base_path: str, reserved: ReservedIds
    ) -> dict[str, Rendered]:
        if cache is None:
            return render_bodies(documents, base_path, reserved, options.workers)
        return cached_bodies(cache, documents, base_path, reserved, options.workers)

    return prepare_sources(sources, options, timings, render)


def cached_bodies(
    cache: BuildCache,
    documents: Sequence[Document],
    base_path: str,
    reserved: ReservedIds,
    workers: int,
) -> dict[str, Rendered]:
    """Every body, rendered again only when its text (or the base path) changed."""
    keys = [cache.body_key(document.body, base_path, reserved) for document in documents]
    earlier = cache.rendered(keys)
    found: dict[str, Rendered] = {}
    missing: list[tuple[Document, str]] = []
    for document, key in zip(documents, keys, strict=True):
        if key in earlier:
            found[document.source.path] = earlier[key]
        else:
            missing.append((document, key))
    made = render_bodies([d for d, _ in missing], base_path, reserved, workers)
    for document, key in missing:
        found[document.source.path] = made[document.source.path]
        cache.remember_body(key, made[document.source.path])
    return found


def prepare_sources(
    sources: Sources,
    options: BuildOptions,
    timings: Timings,
    render: BodiesRenderer,
    check_links: LinksChecker = check_bodies,
    sections: Sequence[Section] = SECTIONS,
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
        site, history_problems = with_git_dates(site, options.content, zone, today)
        problems += history_problems
        broken = [(f.shown, f.refs) for f in sources.files if f.document is None and f.refs]
        problems += check_references(site, frozenset(existing), broken)
        check = CheckContext(site, today, display_path(options.content), existing, sections)
        problems += [problem for section in sections for problem in section.checks(check)]
    # The site is checked to the end even when it has errors already, so that every
    # problem of the run is listed at once; it stops only before anything is written.
    index = SiteIndex(site, today)
    prepared = Prepared(
        site=site,
        index=index,
        urls=urls,
        zone=zone,
        info=site_info(site, urls, zone, today, options, sections),
        bodies={},
        jobs=[],
        file_jobs=[],
        problems=[],
        templates=template_dirs(options.content),
        timings=timings,
        content=options.content,
        files=sources.published,
        sections=sections,
        loaded=sources.files,
    )
    paths = item_paths(sections)
    with timings.step("render markdown"):
        ctx = plan(prepared)
        published = [(job.path, job.document) for job in prepared.jobs if job.document]
        # Files with errors in their front-matter still have their bodies' links checked.
        stand_ins = [
            (paths[f.collection.name](f.slug), f.stand_in)
            for f in sources.files
            if f.stand_in is not None and f.collection.name in paths
        ]
        documents = [document for _, document in published + stand_ins]
        prepared.bodies = render(documents, urls.base_path, reserved_ids(sections))
    with timings.step("check links"):
        # Pages of files that have errors of their own are taken as there, so a link
        # to one is not reported as well.
        drafts = {(left.collection, left.slug) for left in site.left_out}
        unfinished = frozenset(
            paths[name](slug)
            for name, slug in existing
            if name in paths and slug not in site.collection(name) and (name, slug) not in drafts
        )
        bodies = prepared.bodies
        on_pages = [(d, path, bodies[d.source.path]) for path, d in published + stand_ins]
        problems += check_links(
            on_pages,
            known_paths(prepared) | frozenset(sources.published) | unfinished,
            anchors_of(prepared, sections),
        )
    prepared.ctx = ctx
    _stop_on_errors(problems)
    prepared.problems = problems
    return prepared


def plan(prepared: Prepared) -> SectionContext:
    """Every page and file of every section, made ready to render (nothing renders yet)."""
    sections = prepared.sections
    views = Views(prepared.index, prepared.urls, prepared.body_of, item_paths(sections))
    footer: list[LinkView] = []

    def footer_links() -> tuple[LinkView, ...]:
        if not footer:
            entries = sorted(
                (entry for section in sections for entry in section.footer),
                key=lambda entry: entry.order,
            )
            footer.extend(link for entry in entries for link in entry.links(ctx))
        return tuple(footer)

    ctx = SectionContext(views, prepared.info, sections, footer_links)
    prepared.jobs = [job for section in sections for job in section.pages(ctx)]
    prepared.file_jobs = [job for section in sections for job in section.files(ctx)]
    ctx.jobs, ctx.files = prepared.jobs, prepared.file_jobs
    return ctx


def reserved_ids(sections: Sequence[Section]) -> ReservedIds:
    """Every id the sections' templates use, which no heading may take."""
    return ReservedIds(
        frozenset(name for section in sections for name in section.template_ids),
        tuple(prefix for section in sections for prefix in section.template_id_prefixes),
    )


def _at(problem: Problem, path: str) -> Problem:
    return Problem(path, problem.line, problem.field, problem.message, problem.severity)


def _stop_on_errors(problems: Sequence[Problem]) -> None:
    if any(p.severity is Severity.ERROR for p in problems):
        raise ContentError(problems)


def site_info(
    site: Site,
    urls: SiteUrls,
    zone: ZoneInfo,
    today: dt.date,
    options: BuildOptions,
    sections: Sequence[Section],
) -> SiteInfo:
    settings = site.settings
    entries = sorted(
        (s.nav for s in sections if s.nav is not None and s.nav.shown(site)),
        key=lambda entry: entry.order,
    )
    return SiteInfo(
        title=settings.title,
        description=settings.description,
        organisation=settings.organisation or settings.title,
        urls=urls,
        zone=zone,
        today_label=long_date(today),
        today_iso=today.isoformat(),
        nav=tuple(NavItem(e.key, e.label, urls.path(e.path)) for e in entries),
        stale_after_months=settings.stale_after_months,
        preview=options.preview,
        preview_version=options.preview_version,
        cms_proxy=options.cms_proxy,
        look=site_look(settings),
    )


# ---------------------------------------------------------------------- markdown and links


def render_bodies(
    documents: Sequence[Document], base_path: str, reserved: ReservedIds, workers: int
) -> dict[str, Rendered]:
    """Render every body, in several processes when there are many."""

    def render(document: Document) -> Rendered:
        return render_body(document.body, base_path, reserved)

    rendered = parallel_map(render, list(documents), workers)
    return {doc.source.path: body for doc, body in zip(documents, rendered, strict=True)}


def known_paths(prepared: Prepared) -> frozenset[str]:
    """Every page and file of the site, as a link within it may name them."""
    static = {f"static/{p.name}" for p in STATIC.iterdir()} if STATIC.is_dir() else set()
    pages = {job.path for job in prepared.jobs}
    return frozenset(pages | {job.path for job in prepared.file_jobs} | static)


def anchors_of(prepared: Prepared, sections: Sequence[Section]) -> AnchorsOf:
    """Looks up the anchors of a page only when a link asks for one."""
    by_page: dict[str, PageJob] = {}
    reserved = reserved_ids(sections).ids

    def anchors(path: str) -> frozenset[str] | None:
        if not by_page:
            by_page.update((job.path, job) for job in prepared.jobs if job.document)
        job = by_page.get(path)
        if job is None or job.document is None:
            return None
        ids = prepared.bodies[job.document.source.path].heading_ids
        return ids | job.anchors | reserved

    return anchors


# ---------------------------------------------------------------------- writing
