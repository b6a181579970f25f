"""Plain view objects for templates, made from the model and the site index.

Templates never see the loader's internals: they get these frozen objects,
with links already made and labels already worded. :class:`Views` builds
them on demand and keeps each one, so a page costs only what it shows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from sitegen.config import SiteUrls
from sitegen.index import PlannedMeeting, SiteIndex
from sitegen.markdown import Heading, Rendered
from sitegen.model import (
    ActionStatus,
    Document,
    GoalStatus,
    Group,
    GroupStatus,
    LocationMode,
    Meeting,
    NewsPost,
    Opportunity,
    Page,
    Person,
    Project,
    Report,
)
from sitegen.opportunities import OpportunityState, days_left_label, pay_label
from sitegen.tracker import HistoryEntry, TrackedAction
from sitegen.values import long_date, short_date, span_in_words

BodyRenderer = Callable[[Document], Rendered]

FOOTER_PAGES = 8
"""How many pages the footer links to; the rest are on the pages listing."""

ACTION_STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
}
GOAL_STATUS_LABELS = {
    GoalStatus.ACHIEVED: "Achieved",
    GoalStatus.ON_TRACK: "On track",
    GoalStatus.BEHIND: "Behind",
    GoalStatus.NOT_STARTED: "Not started",
}
GROUP_STATUS_LABELS = {
    GroupStatus.ACTIVE: "Active",
    GroupStatus.PROPOSED: "Proposed",
    GroupStatus.CLOSED: "Closed",
}
MODE_LABELS = {
    LocationMode.ONLINE: "Online",
    LocationMode.IN_PERSON: "In person",
    LocationMode.HYBRID: "Hybrid (online and in person)",
}


def item_path(collection: str, slug: str) -> str:
    """The site-relative path of an item's page: pages live at the top level."""
    return f"{slug}/" if collection == "pages" else f"{collection}/{slug}/"


@dataclass(frozen=True)
class LinkView:
    text: str
    url: str | None
    """``None`` for someone without a profile: their name is shown, never linked."""


@dataclass(frozen=True)
class DayView:
    iso: str
    long: str
    short: str
    year: int


def day(value: dt.date) -> DayView:
    return DayView(value.isoformat(), long_date(value), short_date(value), value.year)


def where(location: str | None) -> str | None:
    """``Online`` or the place, as a meeting's location reads on a page."""
    if location is None:
        return None
    return "Online" if location.strip().lower() == "online" else location


def time_range(start: dt.time | None, end: dt.time | None) -> str:
    if start and end:
        return f"{start:%H:%M} to {end:%H:%M}"
    if start:
        return f"from {start:%H:%M}"
    return ""


@dataclass(frozen=True)
class TocEntry:
    text: str
    id: str
    children: tuple[TocEntry, ...]


def table_of_contents(headings: Iterable[Heading], top: int = 2) -> tuple[TocEntry, ...]:
    """Headings as a nested list: each heading holds the deeper ones that follow it."""
    entries: list[Heading] = [h for h in headings if h.level >= top]

    def build(start: int, level: int) -> tuple[tuple[TocEntry, ...], int]:
        built: list[TocEntry] = []
        position = start
        while position < len(entries) and entries[position].level >= level:
            heading = entries[position]
            children, position = build(position + 1, heading.level + 1)
            built.append(TocEntry(heading.text, heading.id, children))
        return tuple(built), position

    return build(0, top)[0]


@dataclass(frozen=True)
class BodyView:
    html: str
    headings: tuple[Heading, ...]
    withheld: bool


@dataclass(frozen=True)
class HistoryView:
    date: DayView
    status: str
    status_label: str
    note: str | None
    meeting: LinkView
    is_origin: bool


@dataclass(frozen=True)
class ActionView:
    ref: str
    anchor: str
    url: str
    id: str
    text: str
    owners: tuple[LinkView, ...]
    due_label: str
    due_iso: str
    due_note: str | None
    status: str
    status_label: str
    overdue: bool
    overdue_label: str
    stale: bool
    stale_label: str
    """``No update since November 2021`` for a stale action; empty otherwise."""
    last_reviewed: DayView
    last_reviewed_at: LinkView
    """The meeting of its latest update, or the meeting that agreed it."""
    meeting: LinkView
    meeting_date: DayView
    group: LinkView
    history: tuple[HistoryView, ...]


@dataclass(frozen=True)
class MeetingSummaryView:
    slug: str
    url: str
    title: str
    date: DayView
    group: LinkView
    summary: str
    decisions: tuple[str, ...]


@dataclass(frozen=True)
class NextMeetingView:
    """A meeting's ``next_meeting``, and what became of it as of the build date."""

    date: DayView
    times: str
    location: str | None
    """``Online``, the place, or ``None`` when it was not recorded."""
    upcoming: bool
    """Still to come: offered with calendar links. Otherwise it is history."""
    held: LinkView | None
    """The group's meeting held on or near the planned date, when there is one."""
    next_held: LinkView | None
    """Otherwise the group's next published meeting, when there is one."""
    calendar_url: str
    """The group's own calendar of next meetings."""


@dataclass(frozen=True)
class UpcomingView:
    """A group's next meeting, on the upcoming meetings page."""

    group: LinkView
    date: DayView
    times: str
    location: str | None
    recorded_at: LinkView
    calendar_url: str


@dataclass(frozen=True)
class UpdateView:
    action: ActionView
    status_label: str
    note: str | None


@dataclass(frozen=True)
class MeetingView:
    slug: str
    url: str
    title: str
    date: DayView
    times: str
    location: str | None
    group: LinkView
    chair: LinkView | None
    present: tuple[LinkView, ...]
    apologies: tuple[LinkView, ...]
    in_attendance: tuple[LinkView, ...]
    summary: str
    decisions: tuple[str, ...]
    actions: tuple[ActionView, ...]
    updates: tuple[UpdateView, ...]
    next_meeting: NextMeetingView | None
    projects: tuple[LinkView, ...]
    body: BodyView


@dataclass(frozen=True)
class MemberView:
    person: LinkView
    role: str | None


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


@dataclass(frozen=True)
class PersonView:
    slug: str
    url: str
    name: str
    role: str | None
    organisation: str | None
    groups: tuple[MemberView, ...]
    """Each group as a link, with the person's role in it."""
    chaired: tuple[MeetingSummaryView, ...]
    present: tuple[MeetingSummaryView, ...]
    apologies: tuple[MeetingSummaryView, ...]
    in_attendance: tuple[MeetingSummaryView, ...]
    actions: tuple[ActionView, ...]
    body: BodyView


@dataclass(frozen=True)
class ProjectView:
    slug: str
    url: str
    title: str
    partners: tuple[str, ...]
    our_role: str
    status: str
    sector: str | None
    started: DayView | None
    ended: DayView | None
    summary: str | None
    meetings: tuple[MeetingSummaryView, ...]
    opportunities: tuple[OpportunitySummaryView, ...]
    body: BodyView


@dataclass(frozen=True)
class OpportunitySummaryView:
    slug: str
    url: str
    title: str
    summary: str | None
    pay: str
    time_commitment: str | None
    mode: str
    mode_label: str
    place: str | None
    opens: DayView | None
    closes: DayView
    state: str
    days_left: str


@dataclass(frozen=True)
class OutcomeView:
    applied: int
    selected: int
    places: int | None


@dataclass(frozen=True)
class OpportunityView:
    summary: OpportunitySummaryView
    payment_notes: str | None
    who_can_apply: str | None
    selection: str
    how_to_apply: str | None
    places: int | None
    support: str | None
    outcome: OutcomeView | None
    """Published only once the opportunity has closed."""
    project: LinkView | None
    body: BodyView


@dataclass(frozen=True)
class GoalView:
    title: str
    status: str
    status_label: str
    evidence: str | None


@dataclass(frozen=True)
class GoalCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class ReportView:
    slug: str
    url: str
    title: str
    period: str | None
    published: DayView | None
    summary: str | None
    goals: tuple[GoalView, ...]
    goal_counts: tuple[GoalCount, ...]
    body: BodyView
    toc: tuple[TocEntry, ...]


@dataclass(frozen=True)
class NewsView:
    slug: str
    url: str
    title: str
    date: DayView
    summary: str | None
    body: BodyView


@dataclass(frozen=True)
class PageView:
    slug: str
    url: str
    title: str
    summary: str | None
    lists: str | None
    body: BodyView


class Views:
    """Makes and keeps the view of each item, for one site, date and address."""

    def __init__(self, index: SiteIndex, urls: SiteUrls, render_body: BodyRenderer) -> None:
        self.index = index
        self.site = index.site
        self.urls = urls
        self._render_body = render_body
        self._actions: dict[str, ActionView] = {}
        self._meeting_summaries: dict[str, MeetingSummaryView] = {}
        self._opportunity_summaries: dict[str, OpportunitySummaryView] = {}

    @property
    def today(self) -> dt.date:
        return self.index.today

    def url(self, collection: str, slug: str) -> str:
        return self.urls.path(item_path(collection, slug))

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
        return self.urls.path(f"groups/{group}/meetings.ics")

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

    def meeting(self, meeting: Meeting) -> MeetingView:
        updates = tuple(
            UpdateView(
                self.action(made.tracked),
                ACTION_STATUS_LABELS[made.tracked.history[made.status_index].status],
                made.tracked.history[made.status_index].note,
            )
            for made in self.index.updates_made_at(meeting)
        )
        return MeetingView(
            slug=meeting.slug,
            url=self.url("meetings", meeting.slug),
            title=self.index.meeting_title(meeting),
            date=day(meeting.date),
            times=time_range(meeting.start, meeting.end),
            location=where(meeting.location),
            group=self.group_link(meeting.group),
            chair=self.person_link(meeting.chair) if meeting.chair else None,
            present=tuple(self.person_link(s) for s in meeting.present),
            apologies=tuple(self.person_link(s) for s in meeting.apologies),
            in_attendance=tuple(self.person_link(s) for s in meeting.in_attendance),
            summary=meeting.summary,
            decisions=meeting.decisions,
            actions=self.actions(self.index.actions_of(meeting)),
            updates=updates,
            next_meeting=self.next_meeting(meeting),
            projects=tuple(self.project_link(s) for s in meeting.projects),
            body=self.body(meeting),
        )

    # ------------------------------------------------------------------ groups and people

    def group(self, group: Group) -> GroupView:
        actions = self.index.actions_by_group.get(group.slug, ())
        outstanding = [t for t in actions if not t.is_closed]
        upcoming = self.index.upcoming_plan(group.slug)
        return GroupView(
            slug=group.slug,
            url=self.url("groups", group.slug),
            name=group.name,
            purpose=group.purpose,
            status=group.status.value,
            status_label=GROUP_STATUS_LABELS[group.status],
            members=tuple(MemberView(self.person_link(m.person), m.role) for m in group.members),
            meetings=self.meeting_summaries(self.index.meetings_by_group.get(group.slug, ())),
            open_actions=self.actions(outstanding),
            overdue_count=sum(1 for t in outstanding if t.is_overdue),
            stale_count=sum(1 for t in outstanding if t.is_stale),
            action_count=len(actions),
            tracker_url=self.urls.path(f"actions/group/{group.slug}/") if actions else None,
            next_meeting=self.next_meeting(upcoming.recorded_at) if upcoming else None,
            feed_url=self.urls.path(f"groups/{group.slug}/feed.xml"),
            calendar_url=self.calendar_url(group.slug),
            body=self.body(group),
        )

    def person(self, person: Person) -> PersonView:
        attendance = self.index.attendance.get(person.slug)
        summaries = self.meeting_summaries
        return PersonView(
            slug=person.slug,
            url=self.url("people", person.slug),
            name=person.name,
            role=person.role,
            organisation=person.organisation,
            groups=tuple(
                MemberView(self.group_link(group.slug), role)
                for group, role in self.index.memberships.get(person.slug, ())
            ),
            chaired=summaries(attendance.chaired) if attendance else (),
            present=summaries(attendance.present) if attendance else (),
            apologies=summaries(attendance.apologies) if attendance else (),
            in_attendance=summaries(attendance.in_attendance) if attendance else (),
            actions=self.actions(self.index.actions_by_owner.get(person.slug, ())),
            body=self.body(person),
        )

    # ------------------------------------------------------------------ projects and opportunities

    def project(self, project: Project) -> ProjectView:
        return ProjectView(
            slug=project.slug,
            url=self.url("projects", project.slug),
            title=project.title,
            partners=project.partners,
            our_role=project.our_role.value,
            status=project.status.value,
            sector=project.sector,
            started=day(project.started) if project.started else None,
            ended=day(project.ended) if project.ended else None,
            summary=project.summary,
            meetings=self.meeting_summaries(self.index.meetings_by_project.get(project.slug, ())),
            opportunities=tuple(
                self.opportunity_summary(o)
                for o in self.index.opportunities_by_project.get(project.slug, ())
            ),
            body=self.body(project),
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
            )
        return cached

    def opportunity(self, opportunity: Opportunity) -> OpportunityView:
        closed = self.index.opportunity_state(opportunity) is OpportunityState.CLOSED
        outcome = opportunity.outcome
        return OpportunityView(
            summary=self.opportunity_summary(opportunity),
            payment_notes=opportunity.payment.notes,
            who_can_apply=opportunity.who_can_apply,
            selection=opportunity.selection,
            how_to_apply=opportunity.how_to_apply,
            places=opportunity.places,
            support=opportunity.support,
            outcome=(
                OutcomeView(outcome.applied, outcome.selected, opportunity.places)
                if outcome and closed
                else None
            ),
            project=self.project_link(opportunity.project) if opportunity.project else None,
            body=self.body(opportunity),
        )

    # ------------------------------------------------------------------ reports, news, pages

    def report(self, report: Report) -> ReportView:
        counts = Counter(goal.status for goal in report.goals)
        body = self.body(report)
        return ReportView(
            slug=report.slug,
            url=self.url("reports", report.slug),
            title=report.title,
            period=report.period,
            published=day(report.published) if report.published else None,
            summary=report.summary,
            goals=tuple(
                GoalView(g.title, g.status.value, GOAL_STATUS_LABELS[g.status], g.evidence)
                for g in report.goals
            ),
            goal_counts=tuple(
                GoalCount(status.value, label, counts[status])
                for status, label in GOAL_STATUS_LABELS.items()
            ),
            body=body,
            toc=table_of_contents(body.headings),
        )

    def news(self, post: NewsPost) -> NewsView:
        return NewsView(
            slug=post.slug,
            url=self.url("news", post.slug),
            title=post.title,
            date=day(post.date),
            summary=post.summary,
            body=self.body(post),
        )

    def page(self, page: Page) -> PageView:
        return PageView(
            slug=page.slug,
            url=self.url("pages", page.slug),
            title=page.title,
            summary=page.summary,
            lists=page.lists.value if page.lists else None,
            body=self.body(page),
        )

    @cached_property
    def footer_pages(self) -> tuple[LinkView, ...]:
        """The first pages by ``nav_order``: every page carries them, so they are few."""
        return tuple(
            LinkView(page.title, self.url("pages", page.slug))
            for page in self.index.pages_in_order[:FOOTER_PAGES]
        )
