"""News: each post, the listing, and the news feed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sitegen.errors import Problem
from sitegen.feeds import ATOM_TYPE, Entry
from sitegen.jsonld import CONTEXT, organisation, with_optional
from sitegen.model import NewsPost
from sitegen.plan import (
    FEEDS_AND_CALENDARS,
    CheckContext,
    FileJob,
    Listed,
    NavEntry,
    PageJob,
    PageMeta,
    SearchMeta,
    Section,
    SectionContext,
    Subscription,
    bind,
)
from sitegen.reads import all_of, own
from sitegen.recording import missing_summaries
from sitegen.viewtypes import (
    BodyView,
    DayView,
    ItemSummaryView,
    day,
)

FEED = "news/feed.xml"


@dataclass(frozen=True)
class NewsView:
    slug: str
    url: str
    title: str
    date: DayView
    summary: str | None
    body: BodyView


def summaries(ctx: SectionContext, posts: Iterable[NewsPost]) -> tuple[ItemSummaryView, ...]:
    return tuple(
        ItemSummaryView(
            post.slug, ctx.views.url("news", post.slug), post.title, day(post.date), post.summary
        )
        for post in posts
    )


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    yield PageJob("news/", "news.html", bind(listing, ctx), "news", reads=_listing)
    for slug, post in ctx.site.news.items():
        yield PageJob(
            f"news/{slug}/",
            "news_item.html",
            bind(news_page, ctx, slug),
            "news",
            document=post,
            reads=_item_reads(slug),
        )


def _listing() -> Iterable[str]:
    return (all_of("news"),)


def _item_reads(slug: str) -> Any:
    return lambda: own("news", slug)


def listing(ctx: SectionContext) -> dict[str, Any]:
    meta = PageMeta(
        title="News",
        path="news/",
        nav="news",
        breadcrumbs=ctx.crumbs(),
        description=f"News from {ctx.info.organisation}.",
        feeds=(("News (Atom feed)", ctx.info.path(FEED)),),
    )
    return ctx.page(meta, posts=summaries(ctx, ctx.index.news_newest_first))


def news_page(ctx: SectionContext, slug: str) -> dict[str, Any]:
    post = ctx.site.news[slug]
    view = NewsView(
        slug=post.slug,
        url=ctx.views.url("news", post.slug),
        title=post.title,
        date=day(post.date),
        summary=post.summary,
        body=ctx.views.body(post),
    )
    meta = PageMeta(
        title=view.title,
        path=f"news/{slug}/",
        nav="news",
        description=post.summary,
        breadcrumbs=ctx.crumbs(("News", ctx.info.path("news/"))),
        json_ld=(news_ld(ctx, post),),
        search=SearchMeta(
            "News", (("year", str(post.date.year)),), post.date.isoformat(), "Published"
        ),
    )
    return ctx.page(ctx.item_meta(meta, post), post=view)


def news_ld(ctx: SectionContext, post: NewsPost) -> dict[str, Any]:
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": post.title,
        "datePublished": post.date.isoformat(),
        "url": ctx.views.absolute("news", post.slug),
        "publisher": organisation(ctx.info.organisation, ctx.urls),
    }
    return with_optional(data, description=post.summary)


def files(ctx: SectionContext) -> Iterator[FileJob]:
    info = ctx.info
    maker = ctx.feed_maker()

    def feed() -> bytes:
        entries = [
            Entry(
                ctx.views.item_path("news", post.slug),
                post.title,
                post.date,
                post.summary or post.title,
            )
            for post in ctx.index.news_newest_first
        ]
        return maker.atom(FEED, f"{info.title}: news", "news/", entries)

    yield FileJob(
        FEED,
        feed,
        "news",
        reads=_listing,
        listed=Listed(FEEDS_AND_CALENDARS, 30, "News (Atom feed)"),
        subscription=Subscription("News", 40, "News posts as they are published"),
        feed_title="News (Atom feed)",
        media_type=ATOM_TYPE,
    )


def checks(check: CheckContext) -> Iterable[Problem]:
    return missing_summaries(check.site.news.values())


SECTION = Section(
    key="news",
    order=80,
    collection="news",
    paths={"news": lambda slug: f"news/{slug}/"},
    pages=pages,
    files=files,
    nav=NavEntry("news", "News", "news/", 60),
    checks=checks,
    top_level=("news",),
)
