"""Whole-site warnings: things worth fixing that do not stop a build.

``sitegen check --strict`` turns them into errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sitegen.errors import Problem, Severity
from sitegen.model import ActionStatus, Site

OUTCOME_GRACE = dt.timedelta(days=30)
"""How long after closing an opportunity may go without a published outcome."""

STARTER_TEXT = "This is example text from sitegen init"
"""Begins the note on every example ``sitegen init`` writes; check warns until it is gone."""

EXPECTED_PAGES = {
    "accessibility": "the accessibility statement, linked from every page's footer",
    "privacy": "the privacy notice, linked from every page's footer",
}


def content_warnings(
    site: Site, today: dt.date, content_root: str, existing: frozenset[tuple[str, str]]
) -> list[Problem]:
    """``content_root`` is the content folder as messages show it; ``existing`` every
    (collection, slug) on disk, so a file with errors is not also reported missing."""
    return list(_warnings(site, today, content_root, existing))


def _warn(path: str, line: int, field: str, message: str) -> Problem:
    return Problem(path, line, field, message, Severity.WARNING)


def _warnings(
    site: Site, today: dt.date, root: str, existing: frozenset[tuple[str, str]]
) -> Iterator[Problem]:
    for name in ("projects", "opportunities", "reports", "news", "pages"):
        for document in site.collection(name).values():
            if not getattr(document, "summary", None):
                yield _warn(
                    document.source.path,
                    1,
                    "summary",
                    "is empty: listings, feeds and search results show it; write one sentence",
                )
    for _, document in site.documents():
        found = document.body.find(STARTER_TEXT)
        if found >= 0:
            yield _warn(
                document.source.path,
                document.source.body_line + document.body.count("\n", 0, found),
                "body",
                "is still the example that sitegen init wrote: replace it with your own "
                "text, or delete the file",
            )
    for opportunity in site.opportunities.values():
        if opportunity.outcome is None and today - opportunity.closes > OUTCOME_GRACE:
            yield _warn(
                opportunity.source.path,
                opportunity.source.line("closes"),
                "outcome",
                f"closed on {opportunity.closes.isoformat()}, more than a month ago, and has no "
                "outcome; add 'outcome:' with 'applied:' and 'selected:'",
            )
    for person in site.people.values():
        if not person.profile and person.body.strip():
            yield _warn(
                person.source.path,
                person.source.body_line,
                "body",
                "is never published, because profile is false",
            )
    yield from _meeting_warnings(site, today)
    for slug, purpose in EXPECTED_PAGES.items():
        if ("pages", slug) not in existing:
            yield _warn(f"{root}/pages/{slug}.md", 0, "", f"is missing: it should hold {purpose}")
    if site.opportunities and ("pages", "how-we-involve-co-producers") not in existing:
        yield _warn(
            f"{root}/pages/how-we-involve-co-producers.md",
            0,
            "",
            "is missing: every opportunity links to it",
        )


def _meeting_warnings(site: Site, today: dt.date) -> Iterator[Problem]:
    for meeting in site.meetings.values():
        source = meeting.source
        for index, action in enumerate(meeting.actions, start=1):
            if action.status is not ActionStatus.OPEN and meeting.date < today:
                field = f"actions[{index}].status"
                yield _warn(
                    source.path,
                    source.line(field),
                    field,
                    f"is '{action.status.value}' in the meeting that agreed it, so the tracker "
                    "cannot say when that changed; if it changed after this meeting, leave it "
                    "'open' here and record the change in the action_updates of the meeting "
                    f"that heard it, with action: {meeting.slug}#{action.id}",
                )
        group = site.groups.get(meeting.group)
        if group is None:
            continue
        members = {member.person for member in group.members}
        for index, slug in enumerate(meeting.present, start=1):
            if slug not in members and slug not in meeting.in_attendance:
                field = f"present[{index}]"
                yield _warn(
                    source.path,
                    source.line(field),
                    field,
                    f"'{slug}' is not a member of the {group.name}; list them under "
                    f"in_attendance instead, or add them to the members in {group.source.path}",
                )
