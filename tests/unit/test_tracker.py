"""The action tracker's rules, checked across several build dates."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.model import Action, ActionStatus, ActionUpdate, Meeting, NextMeeting, Source
from sitegen.tracker import add_months, count_actions, is_stale, track_actions
from sitegen.values import parse_due

D = dt.date


def action(id_: str, due: str | None, status: str = "open") -> Action:
    return Action(
        id=id_,
        text=f"Action {id_}",
        owners=("ada",),
        due=parse_due(due) if due else None,
        status=ActionStatus(status),
    )


def meeting(
    slug: str,
    day: dt.date,
    actions: tuple[Action, ...] = (),
    updates: tuple[ActionUpdate, ...] = (),
    next_day: dt.date | None = None,
) -> Meeting:
    return Meeting(
        slug=slug,
        source=Source(f"content/meetings/{slug}.md"),
        group="g",
        date=day,
        summary="Met.",
        actions=actions,
        action_updates=updates,
        next_meeting=NextMeeting(date=next_day) if next_day else None,
    )


FIRST = meeting(
    "first",
    D(2021, 11, 8),
    actions=(
        action("month", "2022-02"),
        action("date", "2022-01-15"),
        action("asap", "asap"),
        action("ongoing", "ongoing"),
        action("next", "next-meeting"),
        action("none", None),
        action("done", "2022-01-01", "done"),
    ),
    next_day=D(2022, 1, 25),
)
SECOND = meeting(
    "second",
    D(2022, 3, 1),
    updates=(
        ActionUpdate(action="first#month", status=ActionStatus.IN_PROGRESS, note="Drafted."),
        ActionUpdate(action="first#date", status=ActionStatus.DONE, note="Sent."),
    ),
)
THIRD = meeting(
    "third",
    D(2022, 5, 1),
    updates=(ActionUpdate(action="first#month", status=ActionStatus.DONE, note="Published."),),
)


def tracked(today: dt.date, *meetings: Meeting) -> dict[str, object]:
    return {t.action.id: t for t in track_actions({m.slug: m for m in meetings}, today)}


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        # On its due date nothing is overdue yet.
        (D(2022, 1, 15), set()),
        (D(2022, 1, 16), {"date"}),
        # next-meeting means the next meeting's date.
        (D(2022, 1, 25), {"date"}),
        (D(2022, 1, 26), {"date", "next"}),
        # A month means its last day: February 2022 ends on the 28th.
        (D(2022, 2, 28), {"date", "next"}),
        (D(2022, 3, 1), {"date", "next", "month"}),
        (D(2030, 1, 1), {"date", "next", "month"}),
    ],
)
def test_overdue_action_is_flagged_from_the_build_date(today: dt.date, overdue: set[str]) -> None:
    found = track_actions({"first": FIRST}, today)
    assert {t.action.id for t in found if t.is_overdue} == overdue


def test_asap_ongoing_and_undated_actions_are_never_overdue() -> None:
    found = tracked(D(2040, 1, 1), FIRST)
    for name in ("asap", "ongoing", "none"):
        assert not found[name].is_overdue  # type: ignore[attr-defined]


def test_done_and_dropped_actions_are_never_overdue() -> None:
    assert not tracked(D(2040, 1, 1), FIRST)["done"].is_overdue  # type: ignore[attr-defined]


def test_an_update_that_closes_an_action_clears_overdue() -> None:
    found = tracked(D(2022, 4, 1), FIRST, SECOND)
    assert found["date"].status is ActionStatus.DONE  # type: ignore[attr-defined]
    assert not found["date"].is_overdue  # type: ignore[attr-defined]
    # In progress is still overdue once the month has passed.
    assert found["month"].status is ActionStatus.IN_PROGRESS  # type: ignore[attr-defined]
    assert found["month"].overdue_days == 32  # type: ignore[attr-defined]


def test_the_latest_update_wins_and_history_is_oldest_first() -> None:
    found = tracked(D(2022, 6, 1), THIRD, FIRST, SECOND)
    month = found["month"]
    assert month.status is ActionStatus.DONE  # type: ignore[attr-defined]
    history = month.history  # type: ignore[attr-defined]
    assert [(h.meeting.slug, h.status.value, h.note) for h in history] == [
        ("first", "open", None),
        ("second", "in-progress", "Drafted."),
        ("third", "done", "Published."),
    ]
    assert history[0].is_origin and not history[1].is_origin
    assert month.last_reviewed == D(2022, 5, 1)  # type: ignore[attr-defined]


def test_actions_are_listed_newest_meeting_first() -> None:
    later = meeting("later", D(2023, 1, 1), actions=(action("x", "asap"),))
    found = track_actions({"first": FIRST, "later": later}, D(2023, 1, 2))
    assert found[0].meeting.slug == "later"


def test_statuses_add_up_to_all_actions_and_flags_count_within_them() -> None:
    counts = count_actions(track_actions({"first": FIRST}, D(2022, 3, 1)))
    assert counts.total == 7
    assert [counts[k] for k in ("open", "in-progress", "done", "dropped")] == [6, 0, 1, 0]
    assert (counts["overdue"], counts["stale"], counts.outstanding) == (3, 0, 6)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2021, 11, 8), 6, D(2022, 5, 8)),
        (D(2021, 8, 31), 6, D(2022, 2, 28)),  # no 31 February: the month's last day
        (D(2023, 8, 31), 6, D(2024, 2, 29)),
        (D(2021, 12, 15), 1, D(2022, 1, 15)),
        (D(2021, 1, 1), 24, D(2023, 1, 1)),
    ],
)
def test_months_are_added_on_the_calendar(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_an_outstanding_action_goes_stale_the_day_after_the_months_are_up() -> None:
    reviewed = D(2021, 11, 8)
    assert not is_stale(reviewed, ActionStatus.OPEN, D(2022, 5, 8), 6)
    assert is_stale(reviewed, ActionStatus.OPEN, D(2022, 5, 9), 6)
    assert is_stale(reviewed, ActionStatus.IN_PROGRESS, D(2022, 5, 9), 6)
    assert not is_stale(reviewed, ActionStatus.DONE, D(2030, 1, 1), 6)
    assert not is_stale(reviewed, ActionStatus.DROPPED, D(2030, 1, 1), 6)
    assert not is_stale(reviewed, ActionStatus.OPEN, D(2022, 11, 8), 12)


def test_asap_and_ongoing_never_go_overdue_but_do_go_stale() -> None:
    found = tracked(D(2023, 1, 1), FIRST, SECOND, THIRD)
    for name in ("asap", "ongoing", "none"):
        assert not found[name].is_overdue  # type: ignore[attr-defined]
        assert found[name].is_stale  # type: ignore[attr-defined]
    # Updated at the third meeting and done: neither.
    assert not found["month"].is_stale  # type: ignore[attr-defined]


def test_the_latest_update_is_the_last_review() -> None:
    found = tracked(D(2022, 9, 2), FIRST, SECOND)
    month = found["month"]
    assert month.last_reviewed == D(2022, 3, 1)  # type: ignore[attr-defined]
    assert month.is_stale  # in progress, and six months since 1 March  # type: ignore[attr-defined]
    assert not tracked(D(2022, 9, 1), FIRST, SECOND)["month"].is_stale  # type: ignore[attr-defined]
