"""Meetings: each meeting's record, the listing by year, upcoming meetings, the feed,
``meetings.json`` and the calendar of next meetings."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from markupsafe import Markup

from sitegen.calendars import ICS, meetings_calendar
from sitegen.data import json_document, name_of
from sitegen.errors import Problem
from sitegen.feeds import ATOM_TYPE, meeting_entries
from sitegen.jsonld import meeting_event
from sitegen.minutes import minutes_problems
from sitegen.model import GroupStatus, Meeting
from sitegen.plan import (
    DATA_FILES,
    FEEDS_AND_CALENDARS,
    CheckContext,
    FieldDocs,
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
from sitegen.reads import action_reads, all_of, doc, group_reads, meeting_reads, own
from sitegen.recording import recording_slips
from sitegen.register import decisions_of
from sitegen.repeats import repeat_warnings
from sitegen.tracker import tracker_views
from sitegen.viewtypes import (
    ACTION_STATUS_LABELS,
    MeetingView,
    UpdateView,
    day,
    time_range,
    where,
)

FEED = "meetings/feed.xml"
DATA = "data/meetings.json"
CALENDAR = "meetings.ics"


def meeting_view(ctx: SectionContext, meeting: Meeting) -> MeetingView:
    views, index = ctx.views, ctx.index
    updates = tuple(
        UpdateView(
            views.action(made.tracked),
            ACTION_STATUS_LABELS[made.tracked.history[made.status_index].status],
            made.tracked.history[made.status_index].note,
        )
        for made in index.updates_made_at(meeting)
    )
    return MeetingView(
        slug=meeting.slug,
        url=views.url("meetings", meeting.slug),
        title=index.meeting_title(meeting),
        date=day(meeting.date),
        times=time_range(meeting.start, meeting.end),
        location=where(meeting.location),
        group=views.group_link(meeting.group),
        chair=views.person_link(meeting.chair) if meeting.chair else None,
        present=tuple(views.person_link(s) for s in meeting.present),
        apologies=tuple(views.person_link(s) for s in meeting.apologies),
        in_attendance=tuple(views.person_link(s) for s in meeting.in_attendance),
        summary=meeting.summary,
        decisions=meeting.decisions,
        decision_ids=tuple(decision.anchor for decision in decisions_of(meeting)),
        actions=views.actions(index.actions_of(meeting)),
        updates=updates,
        next_meeting=views.next_meeting(meeting),
        projects=tuple(views.project_link(s) for s in meeting.projects),
        body=views.body(meeting),
        minutes=meeting.minutes.value if meeting.minutes else "",
        approved_at=views.agreed_at(meeting),
        agreed_minutes=tuple(
            views.meeting_link(m) for m in index.minutes_agreed_at.get(meeting.slug, ())
        ),
    )


# ---------------------------------------------------------------------- pages


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    yield PageJob("meetings/", "meetings.html", bind(listing, ctx), "meetings", reads=_listing)
    yield PageJob(
        "meetings/upcoming/", "upcoming.html", bind(upcoming, ctx), "meetings", reads=_upcoming
    )
    for meeting in ctx.site.meetings.values():
        yield PageJob(
            f"meetings/{meeting.slug}/",
            "meeting.html",
            bind(meeting_page, ctx, meeting.slug),
            "meetings",
            document=meeting,
            anchors=frozenset(f"action-{action.id}" for action in meeting.actions)
            | {decision.anchor for decision in decisions_of(meeting)},
            reads=bind_reads(ctx, meeting),
        )


def _listing() -> Iterable[str]:
    return (all_of("meetings"), all_of("groups"))


_upcoming = _listing


def bind_reads(ctx: SectionContext, meeting: Meeting) -> Any:
    def reads() -> Iterable[str]:
        index = ctx.index
        found = set(own("meetings", meeting.slug))
        found |= group_reads(index, meeting.group)
        found |= {doc("people", slug) for slug in (*meeting.present, *meeting.apologies)}
        found |= {doc("people", slug) for slug in meeting.in_attendance}
        found |= {doc("people", meeting.chair)} if meeting.chair else set()
        found |= {doc("projects", slug) for slug in meeting.projects}
        for tracked in index.actions_of(meeting):
            found |= action_reads(index, tracked)
        for made in index.updates_made_at(meeting):
            found |= action_reads(index, made.tracked)
        agreed = [m.slug for m in index.minutes_agreed_at.get(meeting.slug, ())]
        for slug in (*agreed, *([meeting.approved_at] if meeting.approved_at else [])):
            found |= meeting_reads(index, slug)
        return found

    return reads


def listing(ctx: SectionContext) -> dict[str, Any]:
    meta = PageMeta(
        title="Meetings",
        path="meetings/",
        nav="meetings",
        breadcrumbs=ctx.crumbs(),
        description="Every meeting: what each group discussed and decided.",
        feeds=(("Meetings (Atom feed)", ctx.info.path(FEED)),),
    )
    views, index = ctx.views, ctx.index
    summaries = views.meeting_summaries(index.meetings_newest_first)
    years: dict[int, list[Any]] = {}
    for summary in summaries:
        years.setdefault(summary.date.year, []).append(summary)
    groups = sorted(
        (views.group_link(slug) for slug in index.meetings_by_group),
        key=lambda link: link.text.lower(),
    )
    return ctx.page(
        meta,
        years=tuple(years.items()),
        groups=tuple(groups),
        count=len(summaries),
        subscribe=ctx.subscribe_url(),
    )


def upcoming(ctx: SectionContext) -> dict[str, Any]:
    meta = PageMeta(
        title="Upcoming meetings",
        path="meetings/upcoming/",
        nav="meetings",
        breadcrumbs=ctx.crumbs(("Meetings", ctx.info.path("meetings/"))),
        description="When each group meets next, and calendars to subscribe to.",
    )
    index, views = ctx.index, ctx.views
    planned = {plan.group for plan in index.upcoming_meetings}
    unplanned = tuple(
        views.group_link(slug)
        for slug, group in ctx.site.groups.items()
        if slug not in planned and group.status is GroupStatus.ACTIVE
    )
    return ctx.page(
        meta,
        upcoming=tuple(views.upcoming(plan) for plan in index.upcoming_meetings),
        unplanned=unplanned,
        subscribe=ctx.subscribe_url(),
    )


def meeting_page(ctx: SectionContext, slug: str) -> dict[str, Any]:
    meeting = ctx.site.meetings[slug]
    view = meeting_view(ctx, meeting)
    tracked = ctx.index.actions_of(meeting)
    states = [
        v.label for v in tracker_views(ctx.index.stale_after_months) if any(map(v.picks, tracked))
    ]
    meta = PageMeta(
        title=f"{view.title}, {view.date.long}",
        path=f"meetings/{slug}/",
        nav="meetings",
        description=meeting.summary,
        breadcrumbs=ctx.crumbs(
            ("Meetings", ctx.info.path("meetings/")), (view.group.text, view.group.url or "")
        ),
        json_ld=(event_ld(ctx, meeting),),
        search=SearchMeta(
            "Meeting",
            (
                ("group", view.group.text),
                ("year", str(view.date.year)),
                *(("status", state) for state in states),
            ),
            view.date.iso,
        ),
    )
    return ctx.page(ctx.item_meta(meta, meeting), meeting=view)


def event_ld(ctx: SectionContext, meeting: Meeting) -> dict[str, Any]:
    views = ctx.views
    return meeting_event(
        meeting,
        name=ctx.index.meeting_title(meeting),
        url=views.absolute("meetings", meeting.slug),
        group=(ctx.index.group_name(meeting.group), views.absolute("groups", meeting.group)),
        organisation_name=ctx.info.organisation,
        urls=ctx.urls,
        zone=ctx.zone,
    )


# ---------------------------------------------------------------------- files


def files(ctx: SectionContext) -> Iterator[FileJob]:
    info, views = ctx.info, ctx.views
    maker = ctx.feed_maker()
    yield FileJob(
        FEED,
        lambda: maker.atom(
            FEED,
            f"{info.title}: meetings",
            "meetings/",
            meeting_entries(ctx.index.meetings_newest_first, views),
        ),
        "meetings",
        reads=_listing,
        listed=Listed(FEEDS_AND_CALENDARS, 10, "Meetings (Atom feed)"),
        subscription=Subscription(
            "Meetings", 20, "Every group's meetings, as their records are published"
        ),
        feed_title="Meetings (Atom feed)",
        media_type=ATOM_TYPE,
    )
    yield FileJob(
        DATA,
        bind_bytes(meetings_json, ctx),
        "meetings",
        reads=lambda: (all_of("meetings"), all_of("groups"), all_of("people"), all_of("projects")),
        listed=Listed(DATA_FILES, 20, "meetings.json", Markup("every meeting (JSON).")),
    )
    yield FileJob(
        CALENDAR,
        lambda: meetings_calendar(views, ctx.zone, f"{info.title}: meetings"),
        "meetings",
        media_type=ICS,
        reads=_listing,
        subscription=Subscription("Meetings", 21, "Every group's next meeting"),
        listed=Listed(
            FEEDS_AND_CALENDARS,
            50,
            CALENDAR,
            Markup(
                "each group's next meeting still to come, as calendar events in the site's time "
                "zone, with "
                "the place when it is known. A date that has passed is left out. Each group "
                "also has its own, at <code>groups/&lt;group&gt;/meetings.ics</code>, linked "
                "from its page."
            ),
        ),
    )


def bind_bytes(make: Any, *args: Any) -> Any:
    return lambda: make(*args)


def meetings_json(ctx: SectionContext) -> bytes:
    views, index, site = ctx.views, ctx.index, ctx.site
    items = []
    for meeting in index.meetings_newest_first:
        nxt = meeting.next_meeting
        outcome = index.what_became_of(meeting)
        items.append(
            {
                "slug": meeting.slug,
                "title": index.meeting_title(meeting),
                "group": index.group_name(meeting.group),
                "date": meeting.date.isoformat(),
                "start": f"{meeting.start:%H:%M}" if meeting.start else None,
                "end": f"{meeting.end:%H:%M}" if meeting.end else None,
                "location": meeting.location,
                "chair": name_of(views, meeting.chair) if meeting.chair else None,
                "present": [name_of(views, s) for s in meeting.present],
                "apologies": [name_of(views, s) for s in meeting.apologies],
                "in_attendance": [name_of(views, s) for s in meeting.in_attendance],
                "summary": meeting.summary,
                "decisions": list(meeting.decisions),
                "actions": [f"{meeting.slug}#{a.id}" for a in meeting.actions],
                "action_updates": [
                    {"action": u.action, "status": u.status.value, "note": u.note}
                    for u in meeting.action_updates
                ],
                "next_meeting": {
                    "date": nxt.date.isoformat(),
                    "start": f"{nxt.start:%H:%M}" if nxt.start else None,
                    "end": f"{nxt.end:%H:%M}" if nxt.end else None,
                    "location": nxt.location,
                    "upcoming": bool(outcome and outcome.upcoming),
                }
                if nxt
                else None,
                "projects": [site.projects[s].title for s in meeting.projects],
                "minutes": meeting.minutes.value if meeting.minutes else None,
                "approved_at": meeting.approved_at,
                "edited_for_publication": meeting.withheld,
                "url": views.absolute("meetings", meeting.slug),
            }
        )
    return json_document(views, "meetings", items)


def field_docs(ctx: SectionContext) -> Iterator[FieldDocs]:
    yield FieldDocs(
        20,
        "json",
        (
            (
                Markup("<code>meetings.json</code>: <code>meetings[]</code>"),
                Markup(
                    "<code>slug</code>, <code>title</code>, <code>group</code>, <code>date</code>, "
                    "<code>start</code>, <code>end</code>, <code>location</code>, "
                    "<code>chair</code>, <code>present</code>, <code>apologies</code>, "
                    "<code>in_attendance</code> (names), <code>summary</code>, "
                    "<code>decisions</code>, <code>actions</code> (references), "
                    "<code>action_updates</code> (<code>{action, status, note}</code>), "
                    "<code>next_meeting</code> (<code>{date, start, end, location, upcoming}"
                    "</code> or null, where <code>upcoming</code> is true when it is still to "
                    "come and is still the group's plan), <code>projects</code> (titles), "
                    "<code>minutes</code> (<code>draft</code>, <code>approved</code>, or null when "
                    "the record does not say), <code>approved_at</code> (the slug of the meeting "
                    "that agreed the minutes, or null), "
                    "<code>edited_for_publication</code> (true when private text was withheld) "
                    "and <code>url</code>."
                ),
            ),
        ),
    )


# ---------------------------------------------------------------------- checks


def checks(check: CheckContext) -> Iterator[Problem]:
    """Minutes agreed where they cannot be; and probable slips: a status changed where it
    was agreed, someone present who is not a member, a new action repeating one still open."""
    site, today = check.site, check.today
    yield from minutes_problems(site)
    yield from repeat_warnings(site.meetings)
    yield from recording_slips(site, today)


SECTION = Section(
    key="meetings",
    order=10,
    collection="meetings",
    paths={"meetings": lambda slug: f"meetings/{slug}/"},
    pages=pages,
    files=files,
    field_docs=field_docs,
    nav=NavEntry("meetings", "Meetings", "meetings/", 10),
    template_ids=frozenset(
        {"summary", "decisions", "actions", "updates", "next", "projects", "meetings"}
    ),
    template_id_prefixes=("action-", "year-"),
    checks=checks,
    top_level=("meetings",),
)
