"""Probable slips in what editors write, as warnings: a status changed in the meeting
that agreed the action (the tracker cannot say when it changed), someone listed as
present who is not a member of the group (they belong under ``in_attendance``), and a
summary left empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from sitegen.errors import Problem, Severity
from sitegen.model import ActionStatus, Document, Site


def recording_slips(site: Site, today: dt.date) -> Iterator[Problem]:
    """Every such slip in the site's meetings."""
    for meeting in site.meetings.values():
        source = meeting.source
        for index, action in enumerate(meeting.actions, start=1):
            if action.status is not ActionStatus.OPEN and meeting.date < today:
                field = f"actions[{index}].status"
                yield Problem(
                    source.path,
                    source.line(field),
                    field,
                    f"is '{action.status.value}' in the meeting that agreed it, so the tracker "
                    "cannot say when that changed; if it changed after this meeting, leave it "
                    "'open' here and record the change in the action_updates of the meeting "
                    f"that heard it, with action: {meeting.slug}#{action.id}",
                    Severity.WARNING,
                )
        group = site.groups.get(meeting.group)
        if group is None:
            continue
        members = {member.person for member in group.members}
        for index, slug in enumerate(meeting.present, start=1):
            if slug not in members and slug not in meeting.in_attendance:
                field = f"present[{index}]"
                yield Problem(
                    source.path,
                    source.line(field),
                    field,
                    f"'{slug}' is not a member of the {group.name}; list them under "
                    f"in_attendance instead, or add them to the members in {group.source.path}",
                    Severity.WARNING,
                )


def missing_summaries(documents: Iterable[Document]) -> Iterator[Problem]:
    """A warning for each document whose ``summary`` is empty."""
    for document in documents:
        if not getattr(document, "summary", None):
            yield Problem(
                document.source.path,
                1,
                "summary",
                "is empty: listings, feeds and search results show it; write one sentence",
                Severity.WARNING,
            )
