"""Value types written in front-matter: dates, months, times and due dates.

Each ``parse_*`` function takes what YAML gave and returns the value, or
raises :class:`Invalid` with a message written for an editor.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum


class Invalid(ValueError):
    """A field's value is wrong; the message says how to fix it."""


_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def parse_date(value: object) -> date:
    """``YYYY-MM-DD`` to a date; impossible dates are named as such."""
    if isinstance(value, date):
        return value
    text = str(value).strip() if isinstance(value, str | int) else None
    match = _DATE.match(text) if text is not None else None
    if text is None or match is None:
        raise Invalid(f"{_show(value)} is not a date; write it as YYYY-MM-DD, e.g. 2021-11-08")
    year, month, day = (int(part) for part in match.groups())
    return _real_date(year, month, day, text)


def _real_date(year: int, month: int, day: int, text: str) -> date:
    if not 1 <= month <= 12:
        raise Invalid(f"{text} is not a real date: there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = calendar.month_name[month]
        raise Invalid(f"{text} is not a real date: {name} {year} has {last} days")
    return date(year, month, day)


def parse_month(text: str) -> date | None:
    """``YYYY-MM`` to the last day of that month; ``None`` if not a month."""
    match = _MONTH.match(text)
    if match is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise Invalid(f"{text} is not a real month: there is no month {month}")
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_time(value: object) -> time:
    """``HH:MM`` (24-hour clock) to a time."""
    if isinstance(value, time):
        return value
    # sitegen's YAML loader keeps an unquoted 14:00 as text (YAML 1.1 would read it
    # as 840, in base 60), so a number here was written as a number.
    match = _TIME.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise Invalid(f"{_show(value)} is not a time; write it as HH:MM, e.g. 14:00")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise Invalid(f"{_show(value)} is not a real time; use the 24-hour clock, 00:00 to 23:59")
    return time(hour, minute)


class DueKind(StrEnum):
    """How an action's deadline was given."""

    DATE = "date"
    MONTH = "month"
    ASAP = "asap"
    ONGOING = "ongoing"
    NEXT_MEETING = "next-meeting"


DUE_WORDS = (DueKind.ASAP, DueKind.ONGOING, DueKind.NEXT_MEETING)
"""The deadlines written as a word, exactly as an editor writes them."""
_DUE_SPELLINGS = {
    "as soon as possible": DueKind.ASAP,
    "as-soon-as-possible": DueKind.ASAP,
    "next meeting": DueKind.NEXT_MEETING,
    "by the next meeting": DueKind.NEXT_MEETING,
    "nextmeeting": DueKind.NEXT_MEETING,
}
"""Other ways of writing them, answered with a did-you-mean."""


@dataclass(frozen=True)
class Due:
    """An action's deadline as written; ``date`` is set for dates and months."""

    kind: DueKind
    date: date | None = None

    def label(self) -> str:
        """How the deadline reads on a page: ``8 Nov 2021``, ``Feb 2022``, ``ASAP``."""
        if self.kind is DueKind.DATE and self.date is not None:
            return long_date(self.date)
        if self.kind is DueKind.MONTH and self.date is not None:
            return self.date.strftime("%B %Y")
        return {
            DueKind.ASAP: "As soon as possible",
            DueKind.ONGOING: "Ongoing",
            DueKind.NEXT_MEETING: "By the next meeting",
        }.get(self.kind, self.kind.value)

    def as_text(self) -> str:
        """The value as an editor writes it, for data files."""
        if self.kind is DueKind.DATE and self.date is not None:
            return self.date.isoformat()
        if self.kind is DueKind.MONTH and self.date is not None:
            return self.date.strftime("%Y-%m")
        return self.kind.value


def parse_due(value: object) -> Due:
    """A date, a month (its last day), or one of asap / ongoing / next-meeting."""
    if isinstance(value, date):
        return Due(DueKind.DATE, value)
    hint = ""
    if isinstance(value, str):
        text = value.strip()
        if text in DUE_WORDS:
            return Due(DueKind(text))
        key = text.lower().replace("_", "-")
        meant = _DUE_SPELLINGS.get(key) or next((w for w in DUE_WORDS if w.value == key), None)
        hint = f"; did you mean '{meant.value}'?" if meant else ""
        month_end = parse_month(text)
        if month_end is not None:
            return Due(DueKind.MONTH, month_end)
        if _DATE.match(text):
            return Due(DueKind.DATE, parse_date(text))
    raise Invalid(
        f"{_show(value)} is not a due date; write a date (2022-02-28), a month (2022-02), "
        f"or one of: asap, ongoing, next-meeting{hint}"
    )


def long_date(day: date) -> str:
    """``8 November 2021``: the GOV.UK style, without a leading zero."""
    return f"{day.day} {day.strftime('%B %Y')}"


def short_date(day: date) -> str:
    """``8 Nov 2021``."""
    return f"{day.day} {day.strftime('%b %Y')}"


def span_in_words(days: int) -> str:
    """A number of days as a reader would say it: ``3 days``, ``2 months``, ``1 year``."""
    if days < 0:
        raise ValueError("a span cannot be negative")
    if days < 14:
        return plural(days, "day")
    if days < 60:
        return plural(days // 7, "week")
    if days < 730:
        return plural(days // 30, "month")
    return plural(days // 365, "year")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 action``, ``3 actions``, ``2 people``."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def days_between(start: date, end: date) -> int:
    return (end - start) // timedelta(days=1)


def _show(value: object) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return f"'{value}'"


def show_value(value: object) -> str:
    """How a value is quoted in a message."""
    return _show(value)
