"""Dates, months, times and due dates as editors write them."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.values import (
    Due,
    DueKind,
    Invalid,
    parse_date,
    parse_due,
    parse_time,
    span_in_words,
)


def test_real_dates_are_read() -> None:
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-29", "February 2023 has 28 days"),
        ("2021-13-01", "there is no month 13"),
        ("2021-04-31", "April 2021 has 30 days"),
        ("10/01/2024", "write it as YYYY-MM-DD"),
        ("next week", "write it as YYYY-MM-DD"),
    ],
)
def test_impossible_or_misformatted_dates_are_named(text: str, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        parse_date(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("14:00", dt.time(14, 0)),
        ("9:30", dt.time(9, 30)),
        ("14.15", dt.time(14, 15)),
    ],
)
def test_times_are_read_as_written(value: object, expected: dt.time) -> None:
    assert parse_time(value) == expected


# sitegen's loader keeps an unquoted 14:00 as text, so the number 840 was written as a number.
@pytest.mark.parametrize("value", ["25:00", "14:60", "2pm", True, 840])
def test_impossible_times_are_rejected(value: object) -> None:
    with pytest.raises(Invalid):
        parse_time(value)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2022-02", Due(DueKind.MONTH, dt.date(2022, 2, 28))),
        ("2024-02", Due(DueKind.MONTH, dt.date(2024, 2, 29))),
        ("2022-02-14", Due(DueKind.DATE, dt.date(2022, 2, 14))),
        ("asap", Due(DueKind.ASAP)),
        ("ongoing", Due(DueKind.ONGOING)),
        ("next-meeting", Due(DueKind.NEXT_MEETING)),
    ],
)
def test_due_dates_as_written_in_minutes(text: str, due: Due) -> None:
    assert parse_due(text) == due


@pytest.mark.parametrize("text", ["soon", "2022-13", "Feb 2022", "2022-02-30"])
def test_unreadable_due_dates_are_rejected(text: str) -> None:
    with pytest.raises(Invalid):
        parse_due(text)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("ASAP", "asap"),
        ("As soon as possible", "asap"),
        ("Ongoing", "ongoing"),
        ("next meeting", "next-meeting"),
        ("Next-Meeting", "next-meeting"),
    ],
)
def test_a_due_word_written_another_way_is_rejected_with_the_word_to_write(
    text: str, meant: str
) -> None:
    with pytest.raises(Invalid, match=f"did you mean '{meant}'"):
        parse_due(text)


def test_due_labels_read_as_people_say_them() -> None:
    assert parse_due("2022-02").label() == "February 2022"
    assert parse_due("asap").label() == "As soon as possible"
    assert parse_due("2022-02-01").label() == "1 February 2022"


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (1, "1 day"),
        (13, "13 days"),
        (14, "2 weeks"),
        (59, "8 weeks"),
        (60, "2 months"),
        (400, "13 months"),
        (730, "2 years"),
        (1761, "4 years"),
    ],
)
def test_overdue_spans_are_given_in_words(days: int, words: str) -> None:
    assert span_in_words(days) == words
