"""The view objects that several sections' templates are given, and the words
statuses are shown with. :class:`sitegen.views.Views` makes them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sitegen.config import SiteLook, SiteUrls
from sitegen.markdown import Heading
from sitegen.model import ActionStatus, GroupStatus, LocationMode
from sitegen.values import long_date, short_date

ACTION_STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
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
class BodyView:
    html: str
    headings: tuple[Heading, ...]
    withheld: bool


@dataclass(frozen=True)
class ChangeView:
    """A change note, as an item page lists it under "See all updates"."""

    date: DayView
    note: str
    anchor: str
    """Its id on the page: ``page-update-2024-03-01``, ``-2`` for a second that day."""


@dataclass(frozen=True)
class PageHistoryView:
    """When an item was first published and last updated, and its change notes.

    Each date says where it came from: the item itself (a news post's date, a report's
    ``published``), its change notes, or the site's git history (``dates_from_git``).
    """

    first_published: DayView | None
    first_from_git: bool
    last_updated: DayView | None
    """The newest change note's day; without notes, the latest commit, if after the first."""
    last_from_git: bool
    last_changed: DayView | None
    """The latest commit to its file, when that is later than its newest change note."""
    changes: tuple[ChangeView, ...]
    """Newest first."""

    @property
    def modified(self) -> DayView | None:
        """The latest day anything is known to have changed."""
        known = [d for d in (self.last_updated, self.last_changed) if d is not None]
        return max(known, key=lambda d: d.iso, default=None)


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
class MemberView:
    person: LinkView
    role: str | None


@dataclass(frozen=True)
class ApplyLinkView:
    """One way to apply, as a link: a web page, an email address or a phone number."""

    kind: str
    """``url``, ``email`` or ``phone``."""
    label: str
    """``Apply online``, ``Apply by email``, ``Apply by phone``."""
    url: str
    """``https:``, ``mailto:`` or ``tel:``."""
    text: str
    """The address as written, shown beside the label."""


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
    apply: tuple[ApplyLinkView, ...] = ()
    """The ways to apply, the first being the call to action while it is open."""

    @property
    def accepting(self) -> bool:
        """Open to applications now."""
        return self.state in ("open", "closing soon") and bool(self.apply)


@dataclass(frozen=True)
class ItemSummaryView:
    """An item as a listing shows it: its title, date and summary."""

    slug: str
    url: str
    title: str
    date: DayView | None
    summary: str | None


@dataclass(frozen=True)
class ProjectSummaryView:
    slug: str
    url: str
    title: str
    partners: tuple[str, ...]
    our_role: str
    status: str
    sector: str | None
    summary: str | None


GroupsByStatus = tuple[tuple[str, tuple[tuple[LinkView, str, str], ...]], ...]
"""Each status's heading with its groups: (link, purpose, status)."""


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
    decision_ids: tuple[str, ...]
    """Each decision's anchor on the page, in the same order."""
    actions: tuple[ActionView, ...]
    updates: tuple[UpdateView, ...]
    next_meeting: NextMeetingView | None
    projects: tuple[LinkView, ...]
    body: BodyView
    minutes: str
    """``draft``, ``approved``, or empty when the record does not say."""
    approved_at: LinkView | None
    """The meeting that agreed these minutes, when it is named."""
    agreed_minutes: tuple[LinkView, ...]
    """The earlier meetings whose minutes this one agreed."""


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: str


@dataclass(frozen=True)
class SiteInfo:
    """What every page knows about the site."""

    title: str
    description: str | None
    organisation: str
    urls: SiteUrls
    zone: ZoneInfo
    today_label: str
    nav: tuple[NavItem, ...]
    stale_after_months: int
    """How long an outstanding action may go without an update before it is flagged."""
    preview: bool
    """Rendering for ``sitegen serve``: live reload and draft banners."""
    preview_version: int = 0
    """Which version of the preview site a page shows, so open tabs know when to reload."""
    today_iso: str = ""
    """The build date, YYYY-MM-DD: pages compare it with the visitor's date."""
    cms_proxy: str = ""
    """The local content editor proxy's API address (``sitegen serve --cms``), or empty."""
    look: SiteLook = field(default_factory=SiteLook)

    @property
    def base_path(self) -> str:
        return self.urls.base_path

    def path(self, relative: str) -> str:
        return self.urls.path(relative)
