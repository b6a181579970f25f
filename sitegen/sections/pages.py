"""Pages: about, governance, how we involve co-producers, the accessibility statement
and the privacy notice, each at the top level (``/about/``), the list of them all,
and the footer's links to the first of them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sitegen.errors import Problem, Severity
from sitegen.loader import FILES_FOLDER
from sitegen.model import Page
from sitegen.plan import (
    CheckContext,
    FooterEntry,
    NavEntry,
    PageJob,
    PageMeta,
    SearchMeta,
    Section,
    SectionContext,
    bind,
)
from sitegen.reads import all_of, own
from sitegen.recording import missing_summaries
from sitegen.templates import STATIC
from sitegen.viewtypes import (
    BodyView,
    LinkView,
)

FOOTER_PAGES = 8
"""How many pages the footer links to; the rest are on the pages listing."""
EXPECTED_PAGES = {
    "accessibility": "the accessibility statement, linked from every page's footer",
    "privacy": "the privacy notice, linked from every page's footer",
}
LISTS = {"groups": "groups", "opportunities": "opportunities", "projects": "projects"}
"""What a page's ``lists`` shows, and the collection it reads."""


@dataclass(frozen=True)
class PageView:
    slug: str
    url: str
    title: str
    summary: str | None
    lists: str | None
    body: BodyView


def page_view(ctx: SectionContext, page: Page) -> PageView:
    return PageView(
        slug=page.slug,
        url=ctx.views.url("pages", page.slug),
        title=page.title,
        summary=page.summary,
        lists=page.lists.value if page.lists else None,
        body=ctx.views.body(page),
    )


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    yield PageJob("pages/", "pages.html", bind(listing, ctx), "pages", reads=_listing)
    for slug, page in ctx.site.pages.items():
        yield PageJob(
            f"{slug}/",
            "page.html",
            bind(content_page, ctx, slug),
            "pages",
            document=page,
            reads=_item_reads(page),
        )


def _listing() -> Iterable[str]:
    return (all_of("pages"),)


def _item_reads(page: Page) -> Any:
    def reads() -> Iterable[str]:
        found = [*own("pages", page.slug)]
        if page.lists:
            found.append(all_of(LISTS[page.lists.value]))
        return found

    return reads


def listing(ctx: SectionContext) -> dict[str, Any]:
    meta = PageMeta(
        title="About this portal",
        path="pages/",
        breadcrumbs=ctx.crumbs(),
        description=f"Pages about {ctx.info.organisation}, how it works and this portal.",
    )
    return ctx.page(meta, pages=tuple(page_view(ctx, p) for p in ctx.index.pages_in_order))


def content_page(ctx: SectionContext, slug: str) -> dict[str, Any]:
    page = ctx.site.pages[slug]
    view = page_view(ctx, page)
    meta = PageMeta(
        title=view.title,
        path=f"{slug}/",
        nav="about" if slug == "about" else "",
        description=page.summary,
        breadcrumbs=ctx.crumbs(),
        search=SearchMeta("Page", (), "0000-01-01"),
    )
    views, index = ctx.views, ctx.index
    extra: dict[str, Any] = {}
    if view.lists == "groups":
        extra["by_status"] = views.groups_by_status()
    elif view.lists == "opportunities":
        extra["opportunities"] = views.open_opportunities(upcoming=True)
    elif view.lists == "projects":
        extra["projects"] = tuple(views.project_summary(p) for p in index.projects_ordered)
    return ctx.page(ctx.item_meta(meta, page), content=view, **extra)


def first_pages(ctx: SectionContext) -> Iterable[LinkView]:
    """The first pages by ``nav_order``: every page carries them, so they are few."""
    return tuple(
        LinkView(page.title, ctx.views.url("pages", page.slug))
        for page in ctx.index.pages_in_order[:FOOTER_PAGES]
    )


def all_pages(ctx: SectionContext) -> Iterable[LinkView]:
    return (LinkView("All pages", ctx.info.path("pages/")),)


def checks(check: CheckContext) -> Iterator[Problem]:
    yield from missing_summaries(check.site.pages.values())
    reserved = {name for section in check.sections for name in section.top_level}
    reserved |= {STATIC.name, FILES_FOLDER}
    for (collection, slug), shown in sorted(check.existing.items()):
        if collection == "pages" and slug in reserved:
            yield Problem(
                shown,
                0,
                "",
                f"'{slug}' is used by the site itself (/{slug}/); choose another file name",
            )
    for slug, purpose in EXPECTED_PAGES.items():
        if ("pages", slug) not in check.existing:
            yield Problem(
                f"{check.content_root}/pages/{slug}.md",
                0,
                "",
                f"is missing: it should hold {purpose}",
                Severity.WARNING,
            )


SECTION = Section(
    key="pages",
    order=90,
    collection="pages",
    paths={"pages": lambda slug: f"{slug}/"},
    pages=pages,
    nav=NavEntry("about", "About", "about/", 70, shown=lambda site: "about" in site.pages),
    footer=(FooterEntry(0, first_pages), FooterEntry(40, all_pages)),
    checks=checks,
    template_ids=frozenset({"our-groups", "current-opportunities", "our-projects"}),
    top_level=("pages",),
)
