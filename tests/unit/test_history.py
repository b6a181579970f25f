"""Dates from git's log, and what an item page says of its history from them and its notes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from sitegen.gitdates import FileDates, dates_from_log
from sitegen.model import Change, NewsPost, Page, Source
from sitegen.views import page_history

D = dt.date
LONDON = ZoneInfo("Europe/London")


def stamp(text: str) -> str:
    """A commit's line in ``git log -z --format=%x01%ct``."""
    return "\x01" + str(int(dt.datetime.fromisoformat(text).timestamp())) + "\0\n"


def log(*commits: tuple[str, list[tuple[str, ...]]]) -> str:
    """``git log -z --name-status`` output for commits given newest first."""
    out = ""
    for when, changes in commits:
        out += stamp(when) + "".join("\0".join(change) + "\0" for change in changes)
    return out


HISTORY = log(
    ("2024-06-30T23:30:00+00:00", [("M", "news/renamed.md")]),  # 1 July in London (summer)
    ("2024-03-01T10:00:00+00:00", [("R100", "news/old.md", "news/renamed.md")]),
    ("2024-02-01T10:00:00+00:00", [("D", "pages/gone.md"), ("M", "pages/again.md")]),
    ("2024-01-20T23:30:00+00:00", [("M", "news/old.md"), ("M", "pages/again.md")]),  # winter
    (
        "2024-01-02T10:00:00+00:00",
        [("A", "news/old.md"), ("A", "pages/gone.md"), ("A", "pages/again.md")],
    ),
)


def test_a_file_keeps_its_first_date_through_a_rename_and_dates_are_in_the_sites_zone() -> None:
    found = dates_from_log(HISTORY, LONDON, D(2024, 12, 31))
    assert found["news/renamed.md"] == FileDates(D(2024, 1, 2), D(2024, 7, 1))
    assert "news/old.md" not in found


def test_a_file_added_again_after_one_of_its_name_was_deleted_starts_again() -> None:
    found = dates_from_log(
        log(
            ("2024-03-01T10:00:00+00:00", [("A", "pages/about.md")]),
            ("2024-02-01T10:00:00+00:00", [("D", "pages/about.md")]),
            ("2024-01-02T10:00:00+00:00", [("A", "pages/about.md")]),
        ),
        LONDON,
        D(2024, 12, 31),
    )
    assert found == {"pages/about.md": FileDates(D(2024, 3, 1), D(2024, 3, 1))}


def test_a_deleted_file_has_no_dates() -> None:
    found = dates_from_log(HISTORY, LONDON, D(2024, 12, 31))
    assert "pages/gone.md" not in found
    assert found["pages/again.md"] == FileDates(D(2024, 1, 2), D(2024, 2, 1))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2024, 1, 1), None),
        (D(2024, 1, 2), FileDates(D(2024, 1, 2), D(2024, 1, 2))),
        (D(2024, 6, 30), FileDates(D(2024, 1, 2), D(2024, 3, 1))),
        (D(2024, 7, 1), FileDates(D(2024, 1, 2), D(2024, 7, 1))),
    ],
)
def test_a_commit_after_the_build_date_has_not_happened_yet(
    today: dt.date, expected: FileDates | None
) -> None:
    assert dates_from_log(HISTORY, LONDON, today).get("news/renamed.md") == expected


def page(*changes: tuple[dt.date, str]) -> Page:
    return Page(
        slug="about",
        source=Source("content/pages/about.md"),
        title="About",
        changes=tuple(Change(date=day, note=note) for day, note in changes),
    )


def test_notes_are_listed_newest_first_and_the_newest_is_the_last_update() -> None:
    shown = page_history(page((D(2024, 1, 5), "First."), (D(2024, 3, 1), "Second.")), None)
    assert shown is not None
    assert [c.note for c in shown.changes] == ["Second.", "First."]
    assert shown.last_updated is not None and shown.last_updated.iso == "2024-03-01"
    assert shown.first_published is None and not shown.last_from_git


def test_two_notes_on_one_day_each_have_an_anchor() -> None:
    shown = page_history(page((D(2024, 1, 5), "One."), (D(2024, 1, 5), "Two.")), None)
    assert shown is not None
    assert [c.anchor for c in shown.changes] == [
        "page-update-2024-01-05",
        "page-update-2024-01-05-2",
    ]


def test_git_gives_the_first_publication_and_a_later_change_without_a_note() -> None:
    shown = page_history(page(), FileDates(D(2024, 1, 2), D(2024, 2, 1)))
    assert shown is not None
    assert (shown.first_published and shown.first_published.iso, shown.first_from_git) == (
        "2024-01-02",
        True,
    )
    assert (shown.last_updated and shown.last_updated.iso, shown.last_from_git) == (
        "2024-02-01",
        True,
    )


def test_a_note_is_the_last_update_and_a_later_commit_is_said_apart() -> None:
    shown = page_history(page((D(2024, 1, 10), "Note.")), FileDates(D(2024, 1, 2), D(2024, 2, 1)))
    assert shown is not None
    assert shown.last_updated is not None and shown.last_updated.iso == "2024-01-10"
    assert not shown.last_from_git
    assert shown.last_changed is not None and shown.last_changed.iso == "2024-02-01"


def test_a_note_older_than_the_first_commit_means_git_cannot_say_when_it_was_published() -> None:
    shown = page_history(page((D(2023, 9, 4), "Note.")), FileDates(D(2024, 1, 2), D(2024, 1, 2)))
    assert shown is not None
    assert shown.first_published is None


def test_an_items_own_publication_date_wins_over_git() -> None:
    post = NewsPost(
        slug="launch",
        source=Source("content/news/launch.md"),
        title="Launch",
        date=D(2024, 1, 5),
    )
    shown = page_history(post, FileDates(D(2024, 1, 3), D(2024, 1, 3)))
    assert shown is not None
    assert shown.first_published is not None and shown.first_published.iso == "2024-01-05"
    assert not shown.first_from_git
    assert shown.last_updated is None  # committed before its date: no later change


def test_nothing_known_says_nothing() -> None:
    assert page_history(page(), None) is None
