"""Groups: each group's page (members, open actions, meetings, next meeting), the
listing by status, and each group's feed and calendar of meetings."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sitegen.calendars import ICS, meetings_calendar
from sitegen.delivery import DeliveryCounts, count_delivery
from sitegen.feeds import ATOM_TYPE as ATOM
from sitegen.feeds import meeting_entries
from sitegen.model import Group
from sitegen.plan import (
    FEEDS_AND_CALENDARS,
    FileJob,
    FooterEntry,
    Listed,
    PageJob,
    PageMeta,
    SearchMeta,
    Section,
    SectionContext,
    Subscription,
    bind,
)
from sitegen.reads import action_reads, all_of, body_of, doc, group_reads
from sitegen.viewtypes import (
    GROUP_STATUS_LABELS,
    ActionView,
    BodyView,
    LinkView,
    MeetingSummaryView,
    MemberView,
    NextMeetingView,
)

FEED = "feed.xml"
"""Each group's feed, beside its page."""
CALENDAR = "meetings.ics"
"""Each group's calendar of next meetings, beside its page."""
TOPIC = "Each group"
"""Where the page on subscribing lists the groups' feeds and calendars."""


@dataclass(frozen=True)
class GroupView:
    slug: str
    url: str
    name: str
    purpose: str
    status: str
    status_label: str
    members: tuple[MemberView, ...]
    meetings: tuple[MeetingSummaryView, ...]
    open_actions: tuple[ActionView, ...]
    """Its outstanding actions: open or in progress."""
    overdue_count: int
    stale_count: int
    action_count: int
    """All its actions, done and dropped included: the rows of its tracker view."""
    tracker_url: str | None
    """Its view in the tracker, when it has actions."""
    next_meeting: NextMeetingView | None
    """Only when it is still to come."""
    feed_url: str
    calendar_url: str
    body: BodyView
    delivery: DeliveryCounts
    """How its actions due before the build date turned out."""
    delivery_sentence: str


def group_view(ctx: SectionContext, group: Group) -> GroupView:
    views, index = ctx.views, ctx.index
    actions = index.actions_by_group.get(group.slug, ())
    outstanding = [t for t in actions if not t.is_closed]
    upcoming = index.upcoming_plan(group.slug)
    url = views.url("groups", group.slug)
    return GroupView(
        slug=group.slug,
        url=url,
        name=group.name,
        purpose=group.purpose,
        status=group.status.value,
        status_label=GROUP_STATUS_LABELS[group.status],
        members=tuple(MemberView(views.person_link(m.person), m.role) for m in group.members),
        meetings=views.meeting_summaries(index.meetings_by_group.get(group.slug, ())),
        open_actions=views.actions(outstanding),
        overdue_count=sum(1 for t in outstanding if t.is_overdue),
        stale_count=sum(1 for t in outstanding if t.is_stale),
        action_count=len(actions),
        tracker_url=ctx.info.path(f"actions/group/{group.slug}/") if actions else None,
        next_meeting=views.next_meeting(upcoming.recorded_at) if upcoming else None,
        feed_url=url + FEED,
        calendar_url=views.calendar_url(group.slug),
        body=views.body(group),
        delivery=(delivery := count_delivery(actions, ctx.today)),
        delivery_sentence=delivery.sentence(f"of the {group.name}"),
    )


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    yield PageJob("groups/", "groups.html", bind(listing, ctx), "groups", reads=_listing)
    for slug, group in ctx.site.groups.items():
        yield PageJob(
            f"groups/{slug}/",
            "group.html",
            bind(group_page, ctx, slug),
            "groups",
            document=group,
            reads=bind_reads(ctx, group),
        )


def _listing() -> Iterable[str]:
    return (all_of("groups"),)


def bind_reads(ctx: SectionContext, group: Group) -> Any:
    def reads() -> Iterable[str]:
        index = ctx.index
        found = group_reads(index, group.slug) | {body_of("groups", group.slug)}
        found |= {doc("people", member.person) for member in group.members}
        for tracked in index.actions_by_group.get(group.slug, ()):
            found |= action_reads(index, tracked)
        return found

    return reads


def listing(ctx: SectionContext) -> dict[str, Any]:
    meta = PageMeta(
        title="Groups",
        path="groups/",
        nav="meetings",
        breadcrumbs=ctx.crumbs(),
        description=f"The groups that govern and advise {ctx.info.organisation}.",
    )
    return ctx.page(meta, by_status=ctx.views.groups_by_status())


def group_page(ctx: SectionContext, slug: str) -> dict[str, Any]:
    group = ctx.site.groups[slug]
    view = group_view(ctx, group)
    latest = ctx.index.meetings_by_group.get(slug)
    meta = PageMeta(
        title=view.name,
        path=f"groups/{slug}/",
        nav="meetings",
        description=group.purpose,
        breadcrumbs=ctx.crumbs(("Groups", ctx.info.path("groups/"))),
        search=SearchMeta(
            "Group",
            (("group", view.name), ("status", view.status_label)),
            latest[0].date.isoformat() if latest else "0000-01-01",
            "Latest meeting",
        ),
        feeds=((f"{view.name} meetings (Atom feed)", view.feed_url),),
    )
    return ctx.page(ctx.item_meta(meta, group), group=view)


def files(ctx: SectionContext) -> Iterator[FileJob]:
    info, views, index = ctx.info, ctx.views, ctx.index
    maker = ctx.feed_maker()
    for position, (slug, group) in enumerate(ctx.site.groups.items()):
        path = views.item_path("groups", slug)

        def reads(slug: str = slug) -> Iterable[str]:
            return group_reads(index, slug)

        def feed(slug: str = slug, path: str = path, name: str = group.name) -> bytes:
            entries = meeting_entries(index.meetings_by_group.get(slug, []), views)
            return maker.atom(path + FEED, f"{info.title}: {name} meetings", path, entries)

        def calendar(slug: str = slug, name: str = group.name) -> bytes:
            return meetings_calendar(views, ctx.zone, f"{info.title}: {name}", slug)

        label = f"{group.name} meetings (Atom feed)"
        yield FileJob(
            path + FEED,
            feed,
            "groups",
            reads=reads,
            listed=Listed(FEEDS_AND_CALENDARS, 40 + position, label),
            media_type=ATOM,
            subscription=Subscription(TOPIC, 30 + 2 * position, f"{group.name}: its meetings"),
        )
        yield FileJob(
            path + CALENDAR,
            calendar,
            "groups",
            reads=reads,
            media_type=ICS,
            subscription=Subscription(TOPIC, 31 + 2 * position, f"{group.name}: its next meeting"),
        )


def footer(ctx: SectionContext) -> Iterable[LinkView]:
    return (LinkView("Groups", ctx.info.path("groups/")),)


SECTION = Section(
    key="groups",
    order=30,
    collection="groups",
    paths={
        "groups": lambda slug: f"groups/{slug}/",
        "groups:calendar": lambda slug: f"groups/{slug}/{CALENDAR}",
    },
    pages=pages,
    files=files,
    footer=(FooterEntry(30, footer),),
    template_ids=frozenset({"members", "open-actions", "delivery", "meetings"}),
    top_level=("groups",),
)
