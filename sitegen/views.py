"""Plain view objects that several sections share, made from the model and the index.

Templates never see the loader's internals: they get these frozen objects,
with links already made and labels already worded. :class:`Views` builds
them on demand and keeps each one, so a page costs only what it shows. A
section's own views (a meeting's page, a report's goals) live in its module
under ``sitegen/sections/``; what is here appears on the pages of several.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

from sitegen.addresses import mailto_link, tel_link
from sitegen.config import SiteUrls
from sitegen.index import PlannedMeeting, SiteIndex
from sitegen.markdown import Rendered
from sitegen.model import (
    Apply,
    Document,
    GroupStatus,
    Meeting,
    Opportunity,
    Project,
)
from sitegen.opportunities import days_left_label, pay_label
from sitegen.tracker import HistoryEntry, TrackedAction
from sitegen.values import long_date, span_in_words
from sitegen.viewtypes import (
    ACTION_STATUS_LABELS,
    GROUP_STATUS_LABELS,
    MODE_LABELS,
    ActionView,
    ApplyLinkView,
    BodyView,
    GroupsByStatus,
    HistoryView,
    LinkView,
    MeetingSummaryView,
    NextMeetingView,
    OpportunitySummaryView,
    ProjectSummaryView,
    UpcomingView,
    day,
    time_range,
    where,
)

BodyRenderer = Callable[[Document], Rendered]
ItemPaths = Mapping[str, Callable[[str], str]]
"""Where the items of each collection live, by slug, as the sections declare it."""


class Views:
    """Makes and keeps the views several sections share, for one site, date and address."""

    def __init__(
        self, index: SiteIndex, urls: SiteUrls, render_body: BodyRenderer, paths: ItemPaths
    ) -> None:
        self.index = index
        self.site = index.site
        self.urls = urls
        self.paths = paths
        self._render_body = render_body
        self._actions: dict[str, ActionView] = {}
        self._meeting_summaries: dict[str, MeetingSummaryView] = {}
        self._opportunity_summaries: dict[str, OpportunitySummaryView] = {}

    @property
    def today(self) -> dt.date:
        return self.index.today

    def item_path(self, collection: str, slug: str) -> str:
        """An item's page, relative to the site: ``meetings/<slug>/``."""
        return self.paths[collection](slug)

    def url(self, collection: str, slug: str) -> str:
        return self.urls.path(self.item_path(collection, slug))

    def absolute(self, collection: str, slug: str) -> str:
        """An item's full address, for feeds, calendars, data files and JSON-LD."""
        return self.urls.absolute(self.item_path(collection, slug))

    # ------------------------------------------------------------------ links

    def person_link(self, slug: str) -> LinkView:
        person = self.site.people[slug]
        return LinkView(person.name, self.url("people", slug) if person.profile else None)

    def group_link(self, slug: str) -> LinkView:
        return LinkView(self.site.groups[slug].name, self.url("groups", slug))

    def owner_link(self, slug: str) -> LinkView:
        return self.group_link(slug) if slug in self.site.groups else self.person_link(slug)

    def meeting_link(self, meeting: Meeting) -> LinkView:
        label = f"{self.index.meeting_title(meeting)}, {long_date(meeting.date)}"
        return LinkView(label, self.url("meetings", meeting.slug))

    def project_link(self, slug: str) -> LinkView:
        return LinkView(self.site.projects[slug].title, self.url("projects", slug))

    def body(self, document: Document) -> BodyView:
        rendered = self._render_body(document)
        return BodyView(rendered.html, rendered.headings, document.withheld)

    # ------------------------------------------------------------------ actions

    def action(self, tracked: TrackedAction) -> ActionView:
        cached = self._actions.get(tracked.ref)
        if cached is None:
            cached = self._actions[tracked.ref] = self._make_action(tracked)
        return cached

    def actions(self, tracked: Iterable[TrackedAction]) -> tuple[ActionView, ...]:
        return tuple(self.action(t) for t in tracked)

    def _make_action(self, tracked: TrackedAction) -> ActionView:
        action, meeting = tracked.action, tracked.meeting
        anchor = f"action-{action.id}"
        overdue_label = (
            f"Overdue by {span_in_words(tracked.overdue_days)}" if tracked.is_overdue else ""
        )
        reviewed = tracked.last_review.meeting
        stale_label = f"No update since {reviewed.date:%B %Y}" if tracked.is_stale else ""
        return ActionView(
            ref=tracked.ref,
            anchor=anchor,
            url=f"{self.url('meetings', meeting.slug)}#{anchor}",
            id=action.id,
            text=action.text,
            owners=tuple(self.owner_link(owner) for owner in action.owners),
            due_label=self._due_label(tracked),
            due_iso=tracked.due_date.isoformat() if tracked.due_date else "",
            due_note=action.due_note,
            status=tracked.status.value,
            status_label=ACTION_STATUS_LABELS[tracked.status],
            overdue=tracked.is_overdue,
            overdue_label=overdue_label,
            stale=tracked.is_stale,
            stale_label=stale_label,
            last_reviewed=day(reviewed.date),
            last_reviewed_at=self.meeting_link(reviewed),
            meeting=self.meeting_link(meeting),
            meeting_date=day(meeting.date),
            group=self.group_link(meeting.group),
            history=tuple(self._history(entry) for entry in tracked.history),
        )

    def _due_label(self, tracked: TrackedAction) -> str:
        due = tracked.action.due
        if due is None:
            return "No deadline set"
        label = due.label()
        if due.kind.value == "next-meeting" and tracked.due_date:
            label = f"By the next meeting ({long_date(tracked.due_date)})"
        return label

    def _history(self, entry: HistoryEntry) -> HistoryView:
        return HistoryView(
            date=day(entry.meeting.date),
            status=entry.status.value,
            status_label=ACTION_STATUS_LABELS[entry.status],
            note=entry.note,
            meeting=self.meeting_link(entry.meeting),
            is_origin=entry.is_origin,
        )

    # ------------------------------------------------------------------ meetings

    def meeting_summary(self, meeting: Meeting) -> MeetingSummaryView:
        cached = self._meeting_summaries.get(meeting.slug)
        if cached is None:
            cached = self._meeting_summaries[meeting.slug] = MeetingSummaryView(
                slug=meeting.slug,
                url=self.url("meetings", meeting.slug),
                title=self.index.meeting_title(meeting),
                date=day(meeting.date),
                group=self.group_link(meeting.group),
                summary=meeting.summary,
                decisions=meeting.decisions,
            )
        return cached

    def meeting_summaries(self, meetings: Iterable[Meeting]) -> tuple[MeetingSummaryView, ...]:
        return tuple(self.meeting_summary(m) for m in meetings)

    def calendar_url(self, group: str) -> str:
        """The group's own calendar of next meetings."""
        return self.url("groups:calendar", group)

    def next_meeting(self, meeting: Meeting) -> NextMeetingView | None:
        nxt = meeting.next_meeting
        outcome = self.index.what_became_of(meeting)
        if nxt is None or outcome is None:
            return None
        return NextMeetingView(
            date=day(nxt.date),
            times=time_range(nxt.start, nxt.end),
            location=where(nxt.location),
            upcoming=outcome.upcoming,
            held=self.meeting_link(outcome.held) if outcome.held else None,
            next_held=self.meeting_link(outcome.next_held) if outcome.next_held else None,
            calendar_url=self.calendar_url(meeting.group),
        )

    def upcoming(self, planned: PlannedMeeting) -> UpcomingView:
        plan = planned.plan
        return UpcomingView(
            group=self.group_link(planned.group),
            date=day(plan.date),
            times=time_range(plan.start, plan.end),
            location=where(plan.location),
            recorded_at=self.meeting_link(planned.recorded_at),
            calendar_url=self.calendar_url(planned.group),
        )

    def opportunity_summary(self, opportunity: Opportunity) -> OpportunitySummaryView:
        cached = self._opportunity_summaries.get(opportunity.slug)
        if cached is None:
            state = self.index.opportunity_state(opportunity)
            cached = self._opportunity_summaries[opportunity.slug] = OpportunitySummaryView(
                slug=opportunity.slug,
                url=self.url("opportunities", opportunity.slug),
                title=opportunity.title,
                summary=opportunity.summary,
                pay=pay_label(opportunity.payment),
                time_commitment=opportunity.time_commitment,
                mode=opportunity.location.mode.value,
                mode_label=MODE_LABELS[opportunity.location.mode],
                place=opportunity.location.place,
                opens=day(opportunity.opens) if opportunity.opens else None,
                closes=day(opportunity.closes),
                state=state.value,
                days_left=days_left_label(opportunity, self.today),
                apply=apply_links(opportunity.apply, opportunity.title),
            )
        return cached

    # ------------------------------------------------------------------ listings

    def project_summary(self, project: Project) -> ProjectSummaryView:
        return ProjectSummaryView(
            slug=project.slug,
            url=self.url("projects", project.slug),
            title=project.title,
            partners=project.partners,
            our_role=project.our_role.value,
            status=project.status.value,
            sector=project.sector,
            summary=project.summary,
        )

    def groups_by_status(self) -> GroupsByStatus:
        """Active groups, then proposed, then closed, each by name."""
        ordered = []
        for status in (GroupStatus.ACTIVE, GroupStatus.PROPOSED, GroupStatus.CLOSED):
            groups = sorted(
                (g for g in self.site.groups.values() if g.status is status),
                key=lambda g: g.name.lower(),
            )
            if groups:
                ordered.append(
                    (
                        f"{GROUP_STATUS_LABELS[status]} groups",
                        tuple((self.group_link(g.slug), g.purpose, g.status.value) for g in groups),
                    )
                )
        return tuple(ordered)

    def open_opportunities(self, *, upcoming: bool = False) -> tuple[OpportunitySummaryView, ...]:
        """Open and closing soon (and upcoming too, if asked), in listing order."""
        wanted = {"open", "closing soon"} | ({"upcoming"} if upcoming else set())
        index = self.index
        return tuple(
            self.opportunity_summary(o)
            for o in index.opportunities_ranked
            if index.opportunity_state(o).value in wanted
        )


def apply_links(apply: Apply | None, title: str) -> tuple[ApplyLinkView, ...]:
    """The ways to apply as links, online first: an email gets the opportunity as its
    subject, so it reaches the right person."""
    if apply is None:
        return ()
    links = []
    if apply.url:
        shown = apply.url.removeprefix("https://").rstrip("/")
        links.append(ApplyLinkView("url", "Apply online", apply.url, shown))
    if apply.email:
        mailto = mailto_link(apply.email, f"Application: {title}")
        links.append(ApplyLinkView("email", "Apply by email", mailto, apply.email))
    if apply.phone:
        links.append(ApplyLinkView("phone", "Apply by phone", tel_link(apply.phone), apply.phone))
    return tuple(links)
