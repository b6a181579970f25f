"""The action tracker's rules: current status, history, due dates and overdue.

An action's status starts as written in its meeting; each ``action_updates``
entry of a later meeting adds to its history, and the latest one wins. An
action is overdue when its due date is before the build date and it is
neither done nor dropped. ``asap`` and ``ongoing`` have no date and are never
overdue; ``next-meeting`` means the meeting's ``next_meeting`` date; a month
means its last day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sitegen.model import Action, ActionStatus, Meeting
from sitegen.values import DueKind, days_between

CLOSED_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.DROPPED})


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
    def last_updated(self) -> dt.date:
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


def updates_by_action(meetings: Mapping[str, Meeting]) -> dict[str, list[HistoryEntry]]:
    """Every recorded update, by action reference, oldest meeting first."""
    updates: dict[str, list[HistoryEntry]] = defaultdict(list)
    for meeting in _oldest_first(meetings.values()):
        for update in meeting.action_updates:
            updates[update.action].append(
                HistoryEntry(meeting, update.status, update.note, is_origin=False)
            )
    return updates


def track_meeting(
    meeting: Meeting, updates: Mapping[str, list[HistoryEntry]], today: dt.date
) -> list[TrackedAction]:
    """The actions agreed at one meeting, with their history applied."""
    tracked = []
    for action in meeting.actions:
        origin = HistoryEntry(meeting, action.status, None, is_origin=True)
        history = (origin, *updates.get(f"{meeting.slug}#{action.id}", ()))
        due = due_date(meeting, action)
        late = overdue_days(due, history[-1].status, today)
        tracked.append(TrackedAction(meeting, action, history, due, late))
    return tracked


def track_actions(meetings: Mapping[str, Meeting], today: dt.date) -> list[TrackedAction]:
    """Every action of every meeting, newest meeting first, with history applied."""
    updates = updates_by_action(meetings)
    return [
        tracked
        for meeting in _newest_first(meetings.values())
        for tracked in track_meeting(meeting, updates, today)
    ]


def _oldest_first(meetings: Iterable[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.date, m.start or dt.time(0), m.slug))


def _newest_first(meetings: Iterable[Meeting]) -> list[Meeting]:
    return _oldest_first(meetings)[::-1]


@dataclass(frozen=True)
class ActionCounts:
    open: int
    in_progress: int
    overdue: int
    done: int
    dropped: int

    @property
    def outstanding(self) -> int:
        return self.open + self.in_progress


def count_actions(actions: Iterable[TrackedAction]) -> ActionCounts:
    tally: dict[ActionStatus, int] = defaultdict(int)
    overdue = 0
    for tracked in actions:
        tally[tracked.status] += 1
        overdue += tracked.is_overdue
    return ActionCounts(
        open=tally[ActionStatus.OPEN],
        in_progress=tally[ActionStatus.IN_PROGRESS],
        overdue=overdue,
        done=tally[ActionStatus.DONE],
        dropped=tally[ActionStatus.DROPPED],
    )
