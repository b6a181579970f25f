"""Delivery: whether a group does what it says, worked out from the record alone.

Of the actions **due before the build date** (their due date has passed: a date, a
month's last day, or the next meeting's date), each was **done on time**, **done
late**, **dropped**, or is **still overdue** (open or in progress: the tracker's
overdue). The four always add up to the actions due. An action was done on the date
of the meeting that recorded it as done: the first of its latest run of ``done``, so
an action reopened and done again was done when it was done again. An action due
as soon as possible, an ongoing one and one without a deadline have no date to be
late against, and are never counted; nor is one whose deadline is still to come,
even if it is done already.

These are counts of actions, never of people: nothing here looks at attendance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sitegen.model import ActionStatus
from sitegen.tracker import TrackedAction
from sitegen.values import long_date, plural


class Delivery(StrEnum):
    ON_TIME = "done on time"
    LATE = "done late"
    DROPPED = "dropped"
    OVERDUE = "still overdue"


def done_on(tracked: TrackedAction) -> dt.date | None:
    """The day the action became done, or ``None`` when it is not done now."""
    day = None
    for entry in reversed(tracked.history):
        if entry.status is not ActionStatus.DONE:
            break
        day = entry.meeting.date
    return day


def delivery_of(tracked: TrackedAction, today: dt.date) -> Delivery | None:
    """How an action due before ``today`` turned out; ``None`` when it was not due yet."""
    due = tracked.due_date
    if due is None or due >= today:
        return None
    done = done_on(tracked)
    if done is not None:
        return Delivery.ON_TIME if done <= due else Delivery.LATE
    if tracked.status is ActionStatus.DROPPED:
        return Delivery.DROPPED
    return Delivery.OVERDUE


@dataclass(frozen=True)
class DeliveryCounts:
    """How the actions due before the build date turned out."""

    today: dt.date
    on_time: int = 0
    late: int = 0
    dropped: int = 0
    overdue: int = 0

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.dropped + self.overdue

    def __getitem__(self, outcome: Delivery) -> int:
        return {
            Delivery.ON_TIME: self.on_time,
            Delivery.LATE: self.late,
            Delivery.DROPPED: self.dropped,
            Delivery.OVERDUE: self.overdue,
        }[outcome]

    def sentence(self, whose: str = "") -> str:
        """The counts as a person says them; ``whose`` is e.g. "of the Allies Group"."""
        when, whose = long_date(self.today), f" {whose}" if whose else ""
        if not self.due:
            return f"No actions{whose} were due before {when}."
        done = [
            f"{self.on_time} {_was(self.on_time)} done on time",
            f"{self.late} {_was(self.late)} done late",
            f"{self.dropped} {_was(self.dropped)} dropped",
        ]
        still = f"{self.overdue} {'is' if self.overdue == 1 else 'are'} still overdue"
        return (
            f"Of the {plural(self.due, 'action')}{whose} due before {when}, "
            f"{', '.join(done)} and {still}."
        )


def _was(count: int) -> str:
    return "was" if count == 1 else "were"


def count_delivery(actions: Iterable[TrackedAction], today: dt.date) -> DeliveryCounts:
    found = {outcome: 0 for outcome in Delivery}
    for tracked in actions:
        outcome = delivery_of(tracked, today)
        if outcome is not None:
            found[outcome] += 1
    return DeliveryCounts(
        today,
        on_time=found[Delivery.ON_TIME],
        late=found[Delivery.LATE],
        dropped=found[Delivery.DROPPED],
        overdue=found[Delivery.OVERDUE],
    )
