"""Delivery from the record: done on time, done late, dropped, still overdue, at several
build dates."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.delivery import Delivery, count_delivery, delivery_of, done_on
from sitegen.model import ActionStatus, ActionUpdate
from sitegen.tracker import track_actions
from tests.unit.test_tracker import action, meeting

D = dt.date

AGREED = meeting(
    "2024-01-10-g",
    D(2024, 1, 10),
    actions=(
        action("early", "2024-02-29"),  # done on 20 February: on time
        action("late", "2024-01-31"),  # done on 12 March: late
        action("dropped", "2024-02"),  # dropped on 20 February
        action("open", "2024-02-15"),  # never done: overdue once 15 February has passed
        action("reopened", "2024-03-31"),  # done, reopened, done again on 15 April: late
        action("next", "next-meeting"),  # due 20 February, done that day: on time
        action("asap", "asap"),  # no date: never counted
        action("ongoing", "ongoing"),
        action("none", None),
        action("there", "2024-01-31", "done"),  # done as agreed, on 10 January: on time
        action("future", "2025-01-31"),  # done early, but not due yet: not counted
    ),
    next_day=D(2024, 2, 20),
)


def update(ref: str, status: str) -> ActionUpdate:
    return ActionUpdate(action=f"2024-01-10-g#{ref}", status=ActionStatus(status))


FEBRUARY = meeting(
    "2024-02-20-g",
    D(2024, 2, 20),
    updates=(
        update("early", "done"),
        update("dropped", "dropped"),
        update("reopened", "done"),
        update("next", "done"),
        update("future", "done"),
        update("asap", "done"),
    ),
)
MARCH = meeting(
    "2024-03-12-g", D(2024, 3, 12), updates=(update("late", "done"), update("reopened", "open"))
)
APRIL = meeting("2024-04-15-g", D(2024, 4, 15), updates=(update("reopened", "done"),))
MEETINGS = {m.slug: m for m in (AGREED, FEBRUARY, MARCH, APRIL)}


ALL_DUE = {
    "late": Delivery.LATE,
    "there": Delivery.ON_TIME,
    "open": Delivery.OVERDUE,
    "next": Delivery.ON_TIME,
    "early": Delivery.ON_TIME,
    "dropped": Delivery.DROPPED,
    "reopened": Delivery.LATE,  # done again on 15 April, after its deadline of 31 March
}
"""How every action with a deadline before April turned out."""


def outcomes(today: dt.date) -> dict[str, Delivery | None]:
    tracked = track_actions(MEETINGS, today)
    return {t.action.id: delivery_of(t, today) for t in tracked if t.meeting is AGREED}


def test_an_action_was_done_on_the_day_of_the_meeting_that_recorded_it() -> None:
    tracked = {t.action.id: t for t in track_actions(MEETINGS, D(2024, 6, 1))}
    assert done_on(tracked["early"]) == D(2024, 2, 20)
    assert done_on(tracked["late"]) == D(2024, 3, 12)
    assert done_on(tracked["there"]) == D(2024, 1, 10)
    assert done_on(tracked["reopened"]) == D(2024, 4, 15)  # the latest time it was done
    assert done_on(tracked["open"]) is None
    assert done_on(tracked["dropped"]) is None


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2024, 1, 31), {}),  # nothing's deadline has passed: due on the 31st is not late yet
        # The record is read as the tracker reads it: what every meeting recorded, so the
        # March meeting's "done" counts even in a build dated before it.
        (
            D(2024, 2, 1),
            {"late": Delivery.LATE, "there": Delivery.ON_TIME},
        ),
        (
            D(2024, 2, 21),
            {
                "late": Delivery.LATE,
                "there": Delivery.ON_TIME,
                "open": Delivery.OVERDUE,
                "next": Delivery.ON_TIME,
            },
        ),
        (D(2024, 4, 1), ALL_DUE),
        (D(2024, 6, 1), ALL_DUE),
    ],
)
def test_each_action_due_before_the_build_date_is_counted_once(
    today: dt.date, expected: dict[str, Delivery]
) -> None:
    found = {ref: outcome for ref, outcome in outcomes(today).items() if outcome is not None}
    assert found == expected
    counts = count_delivery(track_actions(MEETINGS, today), today)
    assert counts.due == len(expected)
    for outcome in Delivery:
        assert counts[outcome] == sum(1 for o in expected.values() if o is outcome)


def test_still_overdue_is_the_trackers_overdue() -> None:
    for today in (D(2024, 2, 1), D(2024, 2, 21), D(2024, 4, 1), D(2025, 6, 1)):
        tracked = track_actions(MEETINGS, today)
        overdue = {t.ref for t in tracked if t.is_overdue}
        assert overdue == {t.ref for t in tracked if delivery_of(t, today) is Delivery.OVERDUE}


def test_never_due_actions_are_never_counted() -> None:
    for today in (D(2024, 6, 1), D(2030, 1, 1)):
        found = outcomes(today)
        assert {found["asap"], found["ongoing"], found["none"]} == {None}


@pytest.mark.parametrize(
    ("today", "sentence"),
    [
        (D(2024, 1, 31), "No actions of the Group were due before 31 January 2024."),
        (
            D(2024, 2, 1),
            "Of the 2 actions of the Group due before 1 February 2024, 1 was done on time, "
            "1 was done late, 0 were dropped and 0 are still overdue.",
        ),
        (
            D(2024, 6, 1),
            "Of the 7 actions of the Group due before 1 June 2024, 3 were done on time, "
            "2 were done late, 1 was dropped and 1 is still overdue.",
        ),
    ],
)
def test_the_figures_read_as_a_sentence(today: dt.date, sentence: str) -> None:
    counts = count_delivery(track_actions(MEETINGS, today), today)
    assert counts.sentence("of the Group") == sentence
    assert "%" not in counts.sentence()
