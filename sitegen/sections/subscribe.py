"""The page on subscribing: every feed and calendar the sections offer, explained in
plain words, with ``webcal:`` links to subscribe to a calendar and plain links to
download it, and how to have new opportunities sent by email.

``webcal:`` links are written here from the site's own addresses, never by editors:
a body's links may still only be ``http``, ``https``, ``mailto`` or within the site.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sitegen.calendars import ICS
from sitegen.feeds import ATOM_TYPE
from sitegen.plan import (
    FileJob,
    FooterEntry,
    PageJob,
    PageMeta,
    Section,
    SectionContext,
    bind,
)
from sitegen.reads import all_of
from sitegen.viewtypes import (
    LinkView,
)

PATH = "subscribe/"


@dataclass(frozen=True)
class FollowView:
    """A feed or a calendar, as the page offers it."""

    label: str
    kind: str
    """``feed`` or ``calendar``."""
    url: str
    """Its full address: what a feed reader or calendar app is given."""
    link: str
    """Its address within the site, to open or download it."""
    webcal: str
    """For a calendar: the same address as ``webcal:``, which calendar apps subscribe to."""
    by_email: bool


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    yield PageJob(PATH, "subscribe.html", bind(subscribe, ctx), "subscribe", reads=_reads)


def _reads() -> Iterable[str]:
    # Each group's feed and calendar is listed under its name.
    return (all_of("groups"),)


def follow_view(ctx: SectionContext, job: FileJob) -> FollowView:
    assert job.subscription is not None
    absolute = ctx.urls.absolute(job.path)
    calendar = job.content_type == ICS
    return FollowView(
        label=job.subscription.label,
        kind="calendar" if calendar else "feed",
        url=absolute,
        link=ctx.info.path(job.path),
        webcal="webcal://" + absolute.split("://", 1)[1] if calendar else "",
        by_email=job.subscription.by_email,
    )


def topics(ctx: SectionContext) -> tuple[tuple[str, tuple[FollowView, ...]], ...]:
    """Each topic's feeds and calendars, in the order the sections give them."""
    offered = sorted(
        (job for job in ctx.files if job.subscription is not None),
        key=lambda job: (job.subscription.order if job.subscription else 0, job.path),
    )
    grouped: dict[str, list[FollowView]] = {}
    for job in offered:
        if job.subscription is not None and job.media_type in (ATOM_TYPE, ICS):
            grouped.setdefault(job.subscription.topic, []).append(follow_view(ctx, job))
    return tuple((topic, tuple(views)) for topic, views in grouped.items())


def subscribe(ctx: SectionContext) -> dict[str, Any]:
    meta = PageMeta(
        title="Subscribe",
        path=PATH,
        breadcrumbs=ctx.crumbs(),
        description="Follow new opportunities, meetings and news with a feed reader, a "
        "calendar app or by email, without checking this site.",
        feeds=ctx.site_feeds(),
    )
    found = topics(ctx)
    by_email = tuple(view for _, views in found for view in views if view.by_email)
    return ctx.page(meta, topics=found, by_email=by_email)


def footer(ctx: SectionContext) -> Iterable[LinkView]:
    return (LinkView("Subscribe: feeds, calendars, email", ctx.info.path(PATH)),)


SECTION = Section(
    key="subscribe",
    order=96,
    pages=pages,
    footer=(FooterEntry(5, footer),),
    template_ids=frozenset(
        {"subscribe-email", "subscribe-list", "subscribe-feeds", "subscribe-calendars"}
    ),
    template_id_prefixes=("follow-",),
    top_level=("subscribe",),
    explains_feeds=PATH,
)
