"""Draft and agreed minutes: a meeting's ``minutes`` and the later meeting that agreed them.

That ``approved_at`` names a meeting that exists, and is published, is a reference
check; that it is not the meeting itself, and that only approved minutes name one,
the meeting's own. What needs two files is here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sitegen.errors import Problem
from sitegen.model import Site


def minutes_problems(site: Site) -> Iterator[Problem]:
    """``approved_at`` names a later meeting of the same group (that it exists is a
    reference check)."""
    meetings = site.meetings
    for meeting in meetings.values():
        agreed_at = meetings.get(meeting.approved_at or "")
        if agreed_at is None or agreed_at.slug == meeting.slug:
            continue
        if not {agreed_at.group, meeting.group} <= site.groups.keys():
            continue  # an unknown group is reported where it is written
        source, field = meeting.source, "approved_at"
        if agreed_at.group != meeting.group:
            name = site.groups[meeting.group].name
            yield Problem(
                source.path,
                source.line(field),
                field,
                f"'{agreed_at.slug}' is a meeting of another group ({agreed_at.group}): the "
                f"minutes of this meeting are agreed at a later meeting of the {name}",
            )
        elif (agreed_at.date, agreed_at.start or dt.time(0)) <= (
            meeting.date,
            meeting.start or dt.time(0),
        ):
            when = "the same day as" if agreed_at.date == meeting.date else "before"
            yield Problem(
                source.path,
                source.line(field),
                field,
                f"'{agreed_at.slug}' ({agreed_at.date.isoformat()}) is {when} this meeting "
                f"({meeting.date.isoformat()}): minutes are agreed at a later meeting",
            )
