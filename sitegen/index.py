"""Relationships across the site, computed once per build date.

A :class:`SiteIndex` answers questions such as "which meetings did this
person attend?" or "which opportunities belong to this project?". Each answer
is computed on first use and kept, so a page renders without scanning the
whole site, and ``sitegen serve`` pays only for what the open page needs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar, cast

from sitegen.model import (
    Group,
    Meeting,
    NewsPost,
    NextMeeting,
    Opportunity,
    Page,
    Person,
    Project,
    Report,
    Site,
)
from sitegen.opportunities import OpportunityState, opportunity_state
from sitegen.tracker import HistoryEntry, TrackedAction, track_meeting, updates_by_action
from sitegen.values import days_between

T = TypeVar("T")
_NOT_YET = object()


@dataclass(frozen=True)
class Attendance:
    """A person's part in the meetings: lists, never percentages."""

    chaired: tuple[Meeting, ...]
    present: tuple[Meeting, ...]
    apologies: tuple[Meeting, ...]
    in_attendance: tuple[Meeting, ...]


@dataclass(frozen=True)
class ActionUpdateMade:
    """An update recorded at a meeting, with the action it is about."""

    tracked: TrackedAction
    status_index: int
    """The position of this update in the action's history."""


HELD_NEAR_DAYS = 14
"""A meeting held this many days or fewer from a planned date is taken as that meeting."""


@dataclass(frozen=True)
class PlannedMeeting:
    """A group's next meeting, as its latest meeting recorded it."""

    group: str
    recorded_at: Meeting
    plan: NextMeeting


@dataclass(frozen=True)
class PlanOutcome:
    """What became of a planned next meeting, as of the build date."""

    upcoming: bool
    """Still to come, and still the group's plan."""
    held: Meeting | None
    """The group's meeting held on or near the planned date."""
    next_held: Meeting | None
    """When none was held near it: the group's first meeting after the one that planned it."""


class SiteIndex:
    def __init__(self, site: Site, today: dt.date) -> None:
        self.site = site
        self.today = today
        self.stale_after_months = site.settings.stale_after_months
        self._actions_of: dict[str, list[TrackedAction]] = {}
        self._memo: dict[tuple[str, str], Any] = {}

    def memo(self, kind: str, key: str, make: Callable[[], T]) -> T:
        """``make()``, worked out once per ``(kind, key)`` for this index."""
        found = self._memo.get((kind, key), _NOT_YET)
        if found is _NOT_YET:
            found = self._memo[(kind, key)] = make()
        return cast(T, found)

    def warm(self) -> None:
        """Work out every shared answer now, before pages are rendered in parallel."""
        for name in (
            "meetings_newest_first",
            "meetings_by_group",
            "meetings_by_project",
            "plans",
            "upcoming_meetings",
            "minutes_agreed_at",
            "attendance",
            "actions",
            "actions_by_ref",
            "groups_with_actions",
            "action_owners",
            "actions_by_group",
            "actions_by_owner",
            "memberships",
            "people_with_profiles",
            "opportunities_ranked",
            "opportunities_by_project",
            "projects_ordered",
            "reports_newest_first",
            "news_newest_first",
            "pages_in_order",
        ):
            getattr(self, name)

    # ------------------------------------------------------------------ meetings

    @cached_property
    def meetings_newest_first(self) -> list[Meeting]:
        return sorted(
            self.site.meetings.values(),
            key=lambda m: (m.date, m.start or dt.time(0), m.slug),
            reverse=True,
        )

    @cached_property
    def meetings_by_group(self) -> dict[str, list[Meeting]]:
        grouped: dict[str, list[Meeting]] = defaultdict(list)
        for meeting in self.meetings_newest_first:
            grouped[meeting.group].append(meeting)
        return grouped

    @cached_property
    def meetings_by_project(self) -> dict[str, list[Meeting]]:
        grouped: dict[str, list[Meeting]] = defaultdict(list)
        for meeting in self.meetings_newest_first:
            for slug in meeting.projects:
                grouped[slug].append(meeting)
        return grouped

    @cached_property
    def attendance(self) -> dict[str, Attendance]:
        lists: dict[str, dict[str, list[Meeting]]] = defaultdict(lambda: defaultdict(list))
        for meeting in self.meetings_newest_first:
            if meeting.chair:
                lists[meeting.chair]["chaired"].append(meeting)
            for name in ("present", "apologies", "in_attendance"):
                for slug in getattr(meeting, name):
                    lists[slug][name].append(meeting)
        return {
            slug: Attendance(
                chaired=tuple(found["chaired"]),
                present=tuple(found["present"]),
                apologies=tuple(found["apologies"]),
                in_attendance=tuple(found["in_attendance"]),
            )
            for slug, found in lists.items()
        }

    @cached_property
    def minutes_agreed_at(self) -> dict[str, list[Meeting]]:
        """The meetings whose minutes each meeting agreed (``approved_at``), oldest first."""
        found: dict[str, list[Meeting]] = defaultdict(list)
        for meeting in reversed(self.meetings_newest_first):
            if meeting.approved_at:
                found[meeting.approved_at].append(meeting)
        return found

    def group_name(self, slug: str) -> str:
        group = self.site.groups.get(slug)
        return group.name if group else slug

    def meeting_title(self, meeting: Meeting) -> str:
        return meeting.title or f"{self.group_name(meeting.group)} meeting"

    @cached_property
    def plans(self) -> dict[str, PlannedMeeting]:
        """Each group's plan for its next meeting: the one recorded at its latest meeting.

        Only meetings held by the build date count: a record dated later is not yet the
        group's latest word.
        """
        found: dict[str, PlannedMeeting] = {}
        for slug, meetings in self.meetings_by_group.items():
            latest = next((m for m in meetings if m.date <= self.today), None)
            if latest is not None and latest.next_meeting is not None:
                found[slug] = PlannedMeeting(slug, latest, latest.next_meeting)
        return found

    def upcoming_plan(self, group: str) -> PlannedMeeting | None:
        """The group's next meeting, if its date is today or later."""
        plan = self.plans.get(group)
        return plan if plan is not None and plan.plan.date >= self.today else None

    @cached_property
    def upcoming_meetings(self) -> list[PlannedMeeting]:
        """Every group's next meeting that is still to come, soonest first."""
        upcoming = [plan for plan in map(self.upcoming_plan, self.plans) if plan is not None]
        return sorted(upcoming, key=lambda p: (p.plan.date, p.plan.start or dt.time(0), p.group))

    def what_became_of(self, meeting: Meeting) -> PlanOutcome | None:
        """For a meeting's ``next_meeting``: still to come, or what happened instead."""
        plan = meeting.next_meeting
        if plan is None:
            return None
        upcoming = self.upcoming_plan(meeting.group)
        if upcoming is not None and upcoming.recorded_at is meeting:
            return PlanOutcome(upcoming=True, held=None, next_held=None)
        later = [
            m
            for m in self.meetings_by_group.get(meeting.group, ())
            if meeting.date < m.date <= self.today
        ]
        near = [m for m in later if abs(days_between(plan.date, m.date)) <= HELD_NEAR_DAYS]
        held = min(near, key=lambda m: (abs(days_between(plan.date, m.date)), m.date), default=None)
        next_held = later[-1] if later and held is None else None
        return PlanOutcome(upcoming=False, held=held, next_held=next_held)

    # ------------------------------------------------------------------ actions

    @cached_property
    def action_updates(self) -> dict[str, list[HistoryEntry]]:
        return updates_by_action(self.site.meetings)

    def actions_of(self, meeting: Meeting) -> list[TrackedAction]:
        """One meeting's actions: all a meeting page needs, without tracking the rest."""
        found = self._actions_of.get(meeting.slug)
        if found is None:
            found = track_meeting(meeting, self.action_updates, self.today, self.stale_after_months)
            self._actions_of[meeting.slug] = found
        return found

    @cached_property
    def actions(self) -> list[TrackedAction]:
        """Every action, newest meeting first."""
        return [t for meeting in self.meetings_newest_first for t in self.actions_of(meeting)]

    @cached_property
    def actions_by_ref(self) -> dict[str, TrackedAction]:
        return {tracked.ref: tracked for tracked in self.actions}

    @cached_property
    def groups_with_actions(self) -> list[str]:
        return sorted({m.group for m in self.site.meetings.values() if m.actions})

    @cached_property
    def action_owners(self) -> list[str]:
        return sorted(
            {owner for m in self.site.meetings.values() for a in m.actions for owner in a.owners}
        )

    @cached_property
    def actions_by_group(self) -> dict[str, list[TrackedAction]]:
        grouped: dict[str, list[TrackedAction]] = defaultdict(list)
        for tracked in self.actions:
            grouped[tracked.meeting.group].append(tracked)
        return grouped

    @cached_property
    def actions_by_owner(self) -> dict[str, list[TrackedAction]]:
        grouped: dict[str, list[TrackedAction]] = defaultdict(list)
        for tracked in self.actions:
            for owner in tracked.action.owners:
                grouped[owner].append(tracked)
        return grouped

    def updates_made_at(self, meeting: Meeting) -> list[ActionUpdateMade]:
        made: list[ActionUpdateMade] = []
        for update in meeting.action_updates:
            tracked = self.actions_by_ref.get(update.action)
            if tracked is None:
                continue
            for position, entry in enumerate(tracked.history):
                if entry.meeting.slug == meeting.slug and not entry.is_origin:
                    made.append(ActionUpdateMade(tracked, position))
                    break
        return made

    # ------------------------------------------------------------------ people and groups

    @cached_property
    def memberships(self) -> dict[str, list[tuple[Group, str | None]]]:
        found: dict[str, list[tuple[Group, str | None]]] = defaultdict(list)
        for group in self.site.groups.values():
            for member in group.members:
                found[member.person].append((group, member.role))
        return found

    @cached_property
    def people_with_profiles(self) -> list[Person]:
        return sorted(
            (p for p in self.site.people.values() if p.profile), key=lambda p: p.name.lower()
        )

    # ------------------------------------------------------------------ projects and opportunities

    def opportunity_state(self, opportunity: Opportunity) -> OpportunityState:
        return opportunity_state(opportunity, self.today)

    @cached_property
    def opportunities_ranked(self) -> list[Opportunity]:
        """Open first, then closing soon, upcoming and closed; soonest deadline first."""

        def order(opportunity: Opportunity) -> tuple[int, int, str]:
            state = self.opportunity_state(opportunity)
            closes = opportunity.closes.toordinal()
            # Closed ones read best newest first; the others soonest first.
            key = -closes if state is OpportunityState.CLOSED else closes
            return (state.rank, key, opportunity.slug)

        return sorted(self.site.opportunities.values(), key=order)

    @cached_property
    def opportunities_by_project(self) -> dict[str, list[Opportunity]]:
        grouped: dict[str, list[Opportunity]] = defaultdict(list)
        for opportunity in self.opportunities_ranked:
            if opportunity.project:
                grouped[opportunity.project].append(opportunity)
        return grouped

    @cached_property
    def projects_ordered(self) -> list[Project]:
        """By status (current, planned, completed), then role, then title."""
        status_order = {"current": 0, "planned": 1, "completed": 2}
        return sorted(
            self.site.projects.values(),
            key=lambda p: (status_order[p.status.value], p.our_role.value, p.title.lower()),
        )

    # ------------------------------------------------------------------ reports, news, pages

    @cached_property
    def reports_newest_first(self) -> list[Report]:
        return sorted(
            self.site.reports.values(),
            key=lambda r: (r.published or dt.date.min, r.slug),
            reverse=True,
        )

    @cached_property
    def news_newest_first(self) -> list[NewsPost]:
        return sorted(self.site.news.values(), key=lambda n: (n.date, n.slug), reverse=True)

    @cached_property
    def pages_in_order(self) -> list[Page]:
        return sorted(
            self.site.pages.values(),
            key=lambda p: (p.nav_order if p.nav_order is not None else 10**6, p.title.lower()),
        )
