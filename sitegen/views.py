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
from sitegen.delivery import DeliveryCounts, count_delivery
from sitegen.gitdates import FileDates
from sitegen.index import PlannedMeeting, SiteIndex
from sitegen.markdown import Rendered
from sitegen.model import (
    COLLECTIONS,
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
    ChangeView,
    GroupsByStatus,
    HistoryView,
    LinkView,
    MeetingSummaryView,
    NextMeetingView,
    OpportunitySummaryView,
    PageHistoryView,
    ProjectSummaryView,
    UpcomingView,
    day,
    time_range,
    where,
)

BodyRenderer = Callable[[Document], Rendered]
ByGroup = tuple[DeliveryCounts, tuple[tuple[LinkView, DeliveryCounts], ...]]
"""Delivery in all, and for each group with actions (its link and its counts)."""
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
        self._delivery: ByGroup | None = None

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

    def title_of(self, document: Document) -> str:
        """An item's name as a link to it reads: a meeting's title and date, or its title
        or name."""
        if isinstance(document, Meeting):
            return self.meeting_link(document).text
        name = getattr(document, "title", None) or getattr(document, "name", None)
        return name if isinstance(name, str) else document.slug

    def agreed_at(self, meeting: Meeting) -> LinkView | None:
        """The meeting that agreed a meeting's minutes: "the meeting of 25 January 2022"."""
        later = self.site.meetings.get(meeting.approved_at or "")
        if later is None:
            return None
        return LinkView(f"the meeting of {long_date(later.date)}", self.url("meetings", later.slug))

    def project_link(self, slug: str) -> LinkView:
        return LinkView(self.site.projects[slug].title, self.url("projects", slug))

    def page_history(self, document: Document) -> PageHistoryView | None:
        """When the item was first published and last updated, and its change notes."""
        return page_history(document, self.site.versions.get(document.source.path))

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

    def delivery(self) -> ByGroup:
        """How the actions due before the build date turned out: in all, and for each
        group with actions, in the order of the groups' files."""
        if self._delivery is None:
            index, today = self.index, self.today
            self._delivery = (
                count_delivery(index.actions, today),
                tuple(
                    (self.group_link(slug), count_delivery(index.actions_by_group[slug], today))
                    for slug in self.site.groups
                    if slug in index.actions_by_group
                ),
            )
        return self._delivery

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


def kind_of(document: Document) -> str:
    """What an item is, in a word: ``Meeting``, ``Project``, ``News``."""
    return next(c.singular for c in COLLECTIONS if type(document) is c.record).capitalize()


UPDATE_ANCHOR = "page-update-"
"""What the id of each change note on an item page starts with."""


def page_history(document: Document, versions: FileDates | None) -> PageHistoryView | None:
    """What an item page says of its history; ``None`` when nothing is known of it."""
    notes = sorted(_change_views(document), key=lambda view: view.date.iso, reverse=True)
    oldest_note = min((change.date for change in document.changes), default=None)
    git_first = versions.first if versions else None
    if git_first and oldest_note and oldest_note < git_first:
        git_first = None  # it was published before the repository held it: git cannot say
    first = document.published_on or git_first
    last: dt.date | None = None
    last_from_git, last_changed = False, None
    if notes:
        last = dt.date.fromisoformat(notes[0].date.iso)
        if versions is not None and versions.last > last:
            last_changed = versions.last
    elif versions is not None and first is not None and versions.last > first:
        last, last_from_git = versions.last, True
    if first is None and last is None:
        return None
    return PageHistoryView(
        first_published=day(first) if first else None,
        first_from_git=document.published_on is None and git_first is not None,
        last_updated=day(last) if last else None,
        last_from_git=last_from_git,
        last_changed=day(last_changed) if last_changed else None,
        changes=tuple(notes),
    )


def _change_views(document: Document) -> Iterable[ChangeView]:
    """Each change note in the order written, with its id: a second note of a day is ``-2``."""
    seen: dict[dt.date, int] = {}
    for change in document.changes:
        seen[change.date] = number = seen.get(change.date, 0) + 1
        suffix = f"-{number}" if number > 1 else ""
        yield ChangeView(day(change.date), change.note, f"{UPDATE_ANCHOR}{change.date}{suffix}")
