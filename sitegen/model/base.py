"""What every content file has: the words fields may take, where a file came from,
and :class:`Document`, the base of every collection's record."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from sitegen.fields import (
    Choice,
    Date,
    ListOf,
    Record,
    Text,
)
from sitegen.schema import (
    FoundRef,
    internal,
    nearest_line,
    spec,
)


class Visibility(StrEnum):
    PUBLIC = "public"
    DRAFT = "draft"


class GroupStatus(StrEnum):
    ACTIVE = "active"
    PROPOSED = "proposed"
    CLOSED = "closed"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


class MinutesStatus(StrEnum):
    """Whether a meeting's record has been agreed by the group."""

    DRAFT = "draft"
    APPROVED = "approved"


class ProjectRole(StrEnum):
    CO_PRODUCTION_PARTNER = "co-production partner"
    LEARNING_PARTNER = "learning partner"
    FACILITATOR = "facilitator"
    CO_EVALUATOR = "co-evaluator"
    TRAINER = "trainer"
    ADVISOR = "advisor"


class ProjectStatus(StrEnum):
    CURRENT = "current"
    COMPLETED = "completed"
    PLANNED = "planned"


class PayPeriod(StrEnum):
    HOUR = "hour"
    SESSION = "session"
    DAY = "day"
    PROJECT = "project"


class LocationMode(StrEnum):
    ONLINE = "online"
    IN_PERSON = "in-person"
    HYBRID = "hybrid"


class GoalStatus(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on-track"
    BEHIND = "behind"
    NOT_STARTED = "not-started"


class PageListing(StrEnum):
    """What a page may show below its own text."""

    GROUPS = "groups"
    OPPORTUNITIES = "opportunities"
    PROJECTS = "projects"


@dataclass(frozen=True)
class Source:
    """Where a document came from, for messages."""

    path: str
    """The file as the editor knows it, e.g. ``content/meetings/x.md``."""
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    """1-based line of each front-matter key, by field path."""
    body_line: int = 1
    """The line where the Markdown body starts."""

    def line(self, path: str) -> int:
        """The line of ``path`` or of the nearest enclosing field we know."""
        return nearest_line(self.lines, path)


# Always used with fullmatch: "$" alone would accept a name ending in a line break.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def is_slug(text: str) -> bool:
    """Lower-case letters and digits, words joined by single hyphens."""
    return bool(_SLUG.fullmatch(text))


@dataclass(frozen=True, kw_only=True)
class Change:
    """A public note of a change to an item, GOV.UK style: written for its readers."""

    date: dt.date = spec(Date(), "The day of the change.", required=True, example="2024-03-01")
    note: str = spec(
        Text(),
        "What changed, in a sentence for readers; it is published as written.",
        required=True,
        example="TODO: what changed",
    )


@dataclass(frozen=True, kw_only=True)
class Document:
    """What every content file has, whatever its collection."""

    slug: str = internal()
    """The file name without ``.md``: the item's identity and its URL."""
    source: Source = internal()
    body: str = internal("")
    """The Markdown body, with ``::: private`` blocks already removed."""
    withheld: bool = internal(False)
    """True when private text was removed: the page says it was edited."""
    refs: tuple[FoundRef, ...] = internal(())
    """Every reference the front-matter makes, found while it was validated."""
    visibility: Visibility = spec(
        Choice(Visibility),
        "Public (the default), or draft to leave it out of the public build.",
        default=Visibility.PUBLIC,
        example="public",
    )
    changes: tuple[Change, ...] = spec(
        ListOf(Record(Change)),
        "Public notes of what changed and when (date and note), shown under 'See all "
        "updates'; leave out small corrections.",
        default=(),
    )

    @property
    def is_draft(self) -> bool:
        return self.visibility is Visibility.DRAFT

    @property
    def published_on(self) -> dt.date | None:
        """The day the item says it was published, if its collection records one."""
        return None

    @property
    def own_date(self) -> dt.date | None:
        """The item's own date, before which nothing about it can have changed."""
        return self.published_on
