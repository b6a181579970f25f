"""The search page: a plain form over the Pagefind index, its state in the address."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sitegen.plan import NavEntry, PageJob, PageMeta, Section, SectionContext, bind
from sitegen.search import BUNDLE


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    yield PageJob("search/", "search.html", bind(search, ctx), "search", reads=lambda: ())


def search(ctx: SectionContext) -> dict[str, Any]:
    meta = PageMeta(
        title="Search",
        path="search/",
        nav="search",
        breadcrumbs=ctx.crumbs(),
        description="Search meetings and the actions agreed at them, groups, people, "
        "projects, opportunities, reports, news and pages.",
    )
    return ctx.page(meta)


SECTION = Section(
    key="search",
    order=95,
    pages=pages,
    nav=NavEntry("search", "Search", "search/", 80),
    top_level=("search", BUNDLE),
)
