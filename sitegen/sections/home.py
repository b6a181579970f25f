"""The home page (what is new, what is open, what was decided), the 404 page, the
sitemap and ``robots.txt``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from typing import Any

from sitegen.jsonld import CONTEXT
from sitegen.model import ProjectStatus
from sitegen.plan import FileJob, PageJob, PageMeta, Section, SectionContext, bind
from sitegen.reads import EVERYTHING, all_of
from sitegen.tracker import count_actions, tracker_views
from sitegen.viewtypes import (
    ItemSummaryView,
    day,
)

NOT_FOUND = "404.html"


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    yield PageJob("", "home.html", bind(home, ctx), "home", reads=_home_reads)
    yield PageJob(
        NOT_FOUND, "404.html", bind(not_found, ctx), "home", reads=lambda: (), not_found=True
    )


def _home_reads() -> Iterable[str]:
    return tuple(
        all_of(name)
        for name in ("meetings", "groups", "opportunities", "projects", "reports", "news")
    )


def home(ctx: SectionContext) -> dict[str, Any]:
    info, index, views = ctx.info, ctx.index, ctx.views
    meta = PageMeta(
        title=info.title,
        path="",
        nav="home",
        description=info.description,
        json_ld=(website_ld(ctx),),
        feeds=ctx.site_feeds(),
    )
    opportunities = views.open_opportunities()
    current = [p for p in index.projects_ordered if p.status is ProjectStatus.CURRENT]
    return ctx.page(
        meta,
        meetings=views.meeting_summaries(index.meetings_newest_first[:5]),
        opportunities=opportunities[:6],
        opportunity_count=len(opportunities),
        counts=count_actions(index.actions, index.stale_after_months),
        views={
            view.key: {"path": f"actions/{view.key}/", "phrase": view.phrase}
            for view in tracker_views(index.stale_after_months)
        },
        upcoming=tuple(views.upcoming(p) for p in index.upcoming_meetings[:5]),
        subscribe=ctx.subscribe_url(),
        projects=tuple(views.project_link(p.slug) for p in current),
        reports=tuple(
            (r.title, views.url("reports", r.slug), r.summary)
            for r in index.reports_newest_first[:3]
        ),
        news=tuple(
            ItemSummaryView(n.slug, views.url("news", n.slug), n.title, day(n.date), n.summary)
            for n in index.news_newest_first[:3]
        ),
    )


def not_found(ctx: SectionContext) -> dict[str, Any]:
    return ctx.page(PageMeta(title="Page not found", path=NOT_FOUND))


def website_ld(ctx: SectionContext) -> dict[str, Any]:
    urls = ctx.urls
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": ctx.info.title,
        "url": urls.absolute(""),
        "potentialAction": {
            "@type": "SearchAction",
            "target": urls.absolute("search/") + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }


def sitemap(ctx: SectionContext) -> bytes:
    namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    root = ET.Element("urlset", xmlns=namespace)
    for path in sorted(
        job.path for job in ctx.jobs if job.path != NOT_FOUND and not job.for_editors
    ):
        ET.SubElement(ET.SubElement(root, "url"), "loc").text = ctx.urls.absolute(path)
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def robots(ctx: SectionContext) -> bytes:
    sitemap_url = ctx.urls.absolute("sitemap.xml")
    rules = "".join(f"Disallow: {ctx.urls.path(job.path)}\n" for job in ctx.jobs if job.for_editors)
    return f"User-agent: *\n{rules}Allow: /\n\nSitemap: {sitemap_url}\n".encode()


def files(ctx: SectionContext) -> Iterator[FileJob]:
    yield FileJob(
        "sitemap.xml",
        lambda: sitemap(ctx),
        "home",
        reads=lambda: (EVERYTHING,),
        media_type="application/xml; charset=utf-8",
    )
    yield FileJob("robots.txt", lambda: robots(ctx), "home", reads=lambda: ())


SECTION = Section(
    key="home",
    order=0,
    pages=pages,
    files=files,
    template_ids=frozenset({"main", "page-age", "built-on"}),
    top_level=("404", "index", "feeds"),
)
