"""The action tracker's rules: one model of an action's state, used on every page.

An action's **status** starts as written in its meeting; each ``action_updates``
entry of a later meeting adds to its history, and the latest one wins. The
status is one of open, in progress, done and dropped, so the four statuses
always add up to all actions.

Two **flags** sit on top of an outstanding (open or in-progress) action:

- **overdue**: its due date is before the build date. ``asap`` and ``ongoing``
  have no date and are never overdue; ``next-meeting`` means the meeting's
  ``next_meeting`` date; a month means its last day.
- **stale**: nothing has been recorded about it for more than the site's
  ``stale_after_months``: its last review (the meeting of its latest update,
  or the meeting that agreed it) is older than that. Every outstanding action
  can go stale, ``asap`` and ``ongoing`` included.

:func:`tracker_views` names each status and flag once, with the test that picks
its actions; the tracker's pages, the counts on the home, group and person
pages, the open data and the search filters all use it, so no two pages can
count differently.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sitegen.model import Action, ActionStatus, Meeting
from sitegen.values import DueKind, days_between

CLOSED_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.DROPPED})
DEFAULT_STALE_AFTER_MONTHS = 6


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One step in an action's life: where it was agreed, or an update."""

    meeting: Meeting
    status: ActionStatus
    note: str | None
    is_origin: bool
    """True for the meeting that agreed the action."""


@dataclass(frozen=True, slots=True)
class TrackedAction:
    """An action with everything the tracker computes about it."""

    meeting: Meeting
    action: Action
    history: tuple[HistoryEntry, ...]
    """Oldest first: the agreeing meeting, then each update by date."""
    due_date: dt.date | None
    """The date it is due by, when it has one."""
    overdue_days: int
    """How many days past due; 0 when it is not overdue."""
    is_stale: bool
    """Outstanding, and not reviewed for longer than the site allows."""

    @property
    def ref(self) -> str:
        return f"{self.meeting.slug}#{self.action.id}"

    @property
    def status(self) -> ActionStatus:
        return self.history[-1].status

    @property
    def is_overdue(self) -> bool:
        return self.overdue_days > 0

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def last_review(self) -> HistoryEntry:
        """The latest entry of its history: the meeting that last said where it stands."""
        return self.history[-1]

    @property
    def last_reviewed(self) -> dt.date:
        return self.history[-1].meeting.date


def due_date(meeting: Meeting, action: Action) -> dt.date | None:
    """The date an action is due by, or ``None`` for asap, ongoing and no deadline."""
    if action.due is None:
        return None
    if action.due.kind is DueKind.NEXT_MEETING:
        return meeting.next_meeting.date if meeting.next_meeting else None
    return action.due.date


def overdue_days(due: dt.date | None, status: ActionStatus, today: dt.date) -> int:
    """Days past ``due`` at ``today``; 0 when not overdue (or done or dropped)."""
    if due is None or status in CLOSED_STATUSES or due >= today:
        return 0
    return days_between(due, today)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day where it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_stale(
    last_reviewed: dt.date, status: ActionStatus, today: dt.date, stale_after_months: int
) -> bool:
    """Outstanding, and ``today`` is past ``stale_after_months`` since the last review."""
    if status in CLOSED_STATUSES:
        return False
    return today > add_months(last_reviewed, stale_after_months)


def updates_by_action(meetings: Mapping[str, Meeting]) -> dict[str, list[HistoryEntry]]:
    """Every recorded update, by action reference, oldest meeting first."""
    updates: dict[str, list[HistoryEntry]] = defaultdict(list)
    for meeting in oldest_first(meetings.values()):
        for update in meeting.action_updates:
            updates[update.action].append(
                HistoryEntry(meeting, update.status, update.note, is_origin=False)
            )
    return updates


def track_meeting(
    meeting: Meeting,
    updates: Mapping[str, list[HistoryEntry]],
    today: dt.date,
    stale_after_months: int = DEFAULT_STALE_AFTER_MONTHS,
) -> list[TrackedAction]:
    """The actions agreed at one meeting, with their history applied."""
    tracked = []
    for action in meeting.actions:
        origin = HistoryEntry(meeting, action.status, None, is_origin=True)
        history = (origin, *updates.get(f"{meeting.slug}#{action.id}", ()))
        latest = history[-1]
        due = due_date(meeting, action)
        late = overdue_days(due, latest.status, today)
        stale = is_stale(latest.meeting.date, latest.status, today, stale_after_months)
        tracked.append(TrackedAction(meeting, action, history, due, late, stale))
    return tracked


def track_actions(
    meetings: Mapping[str, Meeting],
    today: dt.date,
    stale_after_months: int = DEFAULT_STALE_AFTER_MONTHS,
) -> list[TrackedAction]:
    """Every action of every meeting, newest meeting first, with history applied."""
    updates = updates_by_action(meetings)
    return [
        tracked
        for meeting in newest_first(meetings.values())
        for tracked in track_meeting(meeting, updates, today, stale_after_months)
    ]


def oldest_first(meetings: Iterable[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.date, m.start or dt.time(0), m.slug))


def newest_first(meetings: Iterable[Meeting]) -> list[Meeting]:
    return oldest_first(meetings)[::-1]


# ---------------------------------------------------------------------- views and counts


@dataclass(frozen=True)
class TrackerView:
    """A status or a flag: the tracker has a page for each."""

    key: str
    label: str
    """How the view is named in its tab, e.g. ``In progress``."""
    kind: str
    """``status`` (the four add up to all actions) or ``flag`` (on outstanding ones)."""
    picks: Callable[[TrackedAction], bool]
    phrase: str
    """How a count of it reads after the number: ``3 overdue``."""


def stale_label(months: int) -> str:
    """The stale view's name, e.g. ``No update in 6 months``."""
    return f"No update in {months} month{'s' if months != 1 else ''}"


def tracker_views(stale_after_months: int) -> tuple[TrackerView, ...]:
    """Every view of the tracker, statuses first, then flags."""

    def status_is(status: ActionStatus) -> Callable[[TrackedAction], bool]:
        return lambda tracked: tracked.status is status

    stale = stale_label(stale_after_months)
    return (
        TrackerView("open", "Open", "status", status_is(ActionStatus.OPEN), "open"),
        TrackerView(
            "in-progress",
            "In progress",
            "status",
            status_is(ActionStatus.IN_PROGRESS),
            "in progress",
        ),
        TrackerView("done", "Done", "status", status_is(ActionStatus.DONE), "done"),
        TrackerView("dropped", "Dropped", "status", status_is(ActionStatus.DROPPED), "dropped"),
        TrackerView("overdue", "Overdue", "flag", lambda t: t.is_overdue, "overdue"),
        TrackerView("stale", stale, "flag", lambda t: t.is_stale, f"with {stale.lower()}"),
    )


def actions_in_views(
    actions: Iterable[TrackedAction], views: Iterable[TrackerView]
) -> dict[str, list[TrackedAction]]:
    """The actions each view shows, by view key, in the order given."""
    chosen = list(views)
    found: dict[str, list[TrackedAction]] = {view.key: [] for view in chosen}
    for tracked in actions:
        for view in chosen:
            if view.picks(tracked):
                found[view.key].append(tracked)
    return found


@dataclass(frozen=True)
class ActionCounts:
    """How many actions each view holds: the numbers every page shows."""

    total: int
    by_view: Mapping[str, int]

    def __getitem__(self, key: str) -> int:
        return self.by_view[key]

    @property
    def outstanding(self) -> int:
        return self.by_view["open"] + self.by_view["in-progress"]


def count_actions(
    actions: Iterable[TrackedAction], stale_after_months: int = DEFAULT_STALE_AFTER_MONTHS
) -> ActionCounts:
    listed = list(actions)
    views = actions_in_views(listed, tracker_views(stale_after_months))
    return ActionCounts(len(listed), {key: len(items) for key, items in views.items()})
