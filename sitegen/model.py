"""The content model: one frozen dataclass per collection, which is also its schema.

Every front-matter field is declared with :func:`~sitegen.schema.spec`, so the
field's type, whether it is required and what it means live in one place.
Nothing here reads files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sitegen.schema import (
    ActionRef,
    Amount,
    Boolean,
    Choice,
    Date,
    DueDate,
    FoundRef,
    Integer,
    ListOf,
    Record,
    Ref,
    Text,
    Time,
    internal,
    nearest_line,
    spec,
)
from sitegen.values import Due, DueKind


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


_NAMED_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-|$)")
"""A meeting's file name starts with its date: ``2021-11-08-allies-group``."""
# Always used with fullmatch: "$" alone would accept a name ending in a line break.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ACTION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def is_slug(text: str) -> bool:
    """Lower-case letters and digits, words joined by single hyphens."""
    return bool(_SLUG.fullmatch(text))


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

    @property
    def is_draft(self) -> bool:
        return self.visibility is Visibility.DRAFT


# --------------------------------------------------------------------------- people


@dataclass(frozen=True, kw_only=True)
class Person(Document):
    name: str = spec(
        Text(), "The person's name as it should appear.", required=True, example="TODO: full name"
    )
    role: str | None = spec(Text(), "Their role, e.g. Chair, Allies Group.")
    organisation: str | None = spec(Text(), "The organisation they belong to.")
    profile: bool = spec(
        Boolean(),
        "True only if they agreed to a public profile page; otherwise name only.",
        default=False,
        example=False,
    )


@dataclass(frozen=True, kw_only=True)
class Membership:
    person: str = spec(
        Ref(("people",)), "The member (a file in people/).", required=True, example="TODO-person"
    )
    role: str | None = spec(
        Text(), "Their role in the group, e.g. Chair or Member.", example="Member"
    )


@dataclass(frozen=True, kw_only=True)
class Group(Document):
    name: str = spec(Text(), "The group's name.", required=True, example="TODO: group name")
    purpose: str = spec(
        Text(),
        "What the group is for, in a sentence or two.",
        required=True,
        example="TODO: what the group is for",
    )
    status: GroupStatus = spec(
        Choice(GroupStatus),
        "active (the default), proposed or closed.",
        default=GroupStatus.ACTIVE,
        example="active",
    )
    members: tuple[Membership, ...] = spec(
        ListOf(Record(Membership)), "Members and their roles.", default=()
    )


# --------------------------------------------------------------------------- meetings


@dataclass(frozen=True, kw_only=True)
class NextMeeting:
    date: dt.date = spec(Date(), "The date of the next meeting.", required=True)
    start: dt.time | None = spec(Time(), "Start time, HH:MM.")
    end: dt.time | None = spec(Time(), "End time, HH:MM.")
    location: str | None = spec(
        Text(), "online, or the place where it will meet, if it is known."
    )

    def field_problems(self) -> Iterator[tuple[str, str]]:
        if self.start and self.end and self.end <= self.start:
            yield "end", "ends before it starts"


@dataclass(frozen=True, kw_only=True)
class Action:
    id: str = spec(
        Text(), "A short id, unique within the meeting, e.g. a1.", required=True, example="a1"
    )
    text: str = spec(
        Text(), "What was agreed, in a sentence.", required=True, example="TODO: what will be done"
    )
    owners: tuple[str, ...] = spec(
        ListOf(Ref(("people", "groups")), non_empty=True),
        "Who is taking it on: people or groups (e.g. allies-group).",
        required=True,
        example=["TODO-person"],
    )
    due: Due | None = spec(
        DueDate(),
        "A date, a month (2022-02: its last day), asap, ongoing or next-meeting.",
        example="asap",
    )
    due_note: str | None = spec(
        Text(), "Words to show beside the deadline, if any.", example="with the meeting notes"
    )
    status: ActionStatus = spec(
        Choice(ActionStatus),
        "open (the default), in-progress, done or dropped.",
        default=ActionStatus.OPEN,
        example="open",
    )

    def field_problems(self) -> Iterator[tuple[str, str]]:
        if not _ACTION_ID.fullmatch(self.id):
            yield "id", f"'{self.id}' must be letters, digits and hyphens only, e.g. a1"


@dataclass(frozen=True, kw_only=True)
class ActionUpdate:
    action: str = spec(
        ActionRef(),
        "The action: <meeting file name>#<action id>.",
        required=True,
        example="2021-11-08-allies-group#a1",
    )
    status: ActionStatus = spec(
        Choice(ActionStatus),
        "The action's status as of this meeting.",
        required=True,
        example="in-progress",
    )
    note: str | None = spec(Text(), "What happened.", example="A first draft was shared.")


@dataclass(frozen=True, kw_only=True)
class Meeting(Document):
    group: str = spec(
        Ref(("groups",)),
        "The group that met (a file in groups/).",
        required=True,
        example="TODO-group",
    )
    date: dt.date = spec(Date(), "The day of the meeting, YYYY-MM-DD.", required=True)
    title: str | None = spec(Text(), "Defaults to '<group name> meeting'.")
    start: dt.time | None = spec(Time(), "Start time, HH:MM.")
    end: dt.time | None = spec(Time(), "End time, HH:MM.")
    location: str | None = spec(Text(), "online, or the place where it met.")
    chair: str | None = spec(Ref(("people",)), "Who chaired (a file in people/).")
    present: tuple[str, ...] = spec(ListOf(Ref(("people",))), "People present.", default=())
    apologies: tuple[str, ...] = spec(
        ListOf(Ref(("people",))), "People who sent apologies.", default=()
    )
    in_attendance: tuple[str, ...] = spec(
        ListOf(Ref(("people",))), "People attending who are not members.", default=()
    )
    summary: str = spec(
        Text(),
        "One or two sentences on what the meeting did.",
        required=True,
        example="TODO: what the meeting discussed and decided",
    )
    projects: tuple[str, ...] = spec(ListOf(Ref(("projects",))), "Projects discussed.", default=())
    decisions: tuple[str, ...] = spec(ListOf(Text()), "What was decided, one per line.", default=())
    next_meeting: NextMeeting | None = spec(Record(NextMeeting), "When the group meets next.")
    actions: tuple[Action, ...] = spec(ListOf(Record(Action)), "Actions agreed.", default=())
    action_updates: tuple[ActionUpdate, ...] = spec(
        ListOf(Record(ActionUpdate)), "Progress on actions of earlier meetings.", default=()
    )

    def field_problems(self) -> Iterator[tuple[str, str]]:
        named = _NAMED_DATE.match(self.slug)
        if named and named.group(1) != self.date.isoformat():
            yield (
                "date",
                f"is {self.date.isoformat()}, but the file name says {named.group(1)}; make them "
                "the same (fix the date, or rename the file)",
            )
        if self.start and self.end and self.end <= self.start:
            yield "end", "ends before it starts"
        if self.next_meeting and self.next_meeting.date <= self.date:
            yield "next_meeting.date", "must be after the meeting's own date"
        seen: dict[str, int] = {}
        for index, action in enumerate(self.actions, start=1):
            if action.id in seen:
                yield (
                    f"actions[{index}].id",
                    (
                        f"'{action.id}' is used twice (also by action {seen[action.id]}); "
                        "each action needs its own id"
                    ),
                )
            seen.setdefault(action.id, index)
            if action.due and action.due.kind is DueKind.NEXT_MEETING and not self.next_meeting:
                yield (
                    f"actions[{index}].due",
                    ("is next-meeting, but the meeting has no next_meeting date"),
                )
        for name in ("present", "apologies", "in_attendance"):
            others = [n for n in ("present", "apologies", "in_attendance") if n != name]
            for index, slug in enumerate(getattr(self, name), start=1):
                for other in others:
                    if slug in getattr(self, other) and name < other:
                        yield f"{name}[{index}]", f"'{slug}' is listed in both {name} and {other}"


# --------------------------------------------------------------------------- projects


@dataclass(frozen=True, kw_only=True)
class Project(Document):
    title: str = spec(Text(), "The project's name.", required=True, example="TODO: project name")
    partners: tuple[str, ...] = spec(
        ListOf(Text(), non_empty=True),
        "Partner organisations, one per line.",
        required=True,
        example=["TODO: partner organisation"],
    )
    our_role: ProjectRole = spec(
        Choice(ProjectRole),
        "co-production partner, learning partner, facilitator, co-evaluator, trainer or advisor.",
        required=True,
        example="co-production partner",
    )
    status: ProjectStatus = spec(
        Choice(ProjectStatus), "current, completed or planned.", required=True, example="current"
    )
    sector: str | None = spec(Text(), "The sector, e.g. Health.")
    started: dt.date | None = spec(Date(), "When our part started.")
    ended: dt.date | None = spec(Date(), "When it ended.")
    summary: str | None = spec(
        Text(),
        "One sentence for listings and search.",
        example="TODO: one sentence about the project",
    )

    def field_problems(self) -> Iterator[tuple[str, str]]:
        if self.started and self.ended and self.ended < self.started:
            yield "ended", "is before started"


# --------------------------------------------------------------------------- opportunities


@dataclass(frozen=True, kw_only=True)
class Payment:
    amount: float = spec(
        Amount(), "How much is paid: a number more than 0.", required=True, example=25
    )
    currency: str = spec(Text(), "GBP (the default), or another ISO 4217 code.", default="GBP")
    per: PayPeriod = spec(
        Choice(PayPeriod), "hour, session, day or project.", required=True, example="hour"
    )
    notes: str | None = spec(Text(), "Anything else about payment, e.g. vouchers or bank transfer.")

    def field_problems(self) -> Iterator[tuple[str, str]]:
        if not re.fullmatch(r"[A-Z]{3}", self.currency):
            yield "currency", f"'{self.currency}' is not a currency code; write e.g. GBP"


@dataclass(frozen=True, kw_only=True)
class OpportunityLocation:
    mode: LocationMode = spec(
        Choice(LocationMode), "online, in-person or hybrid.", required=True, example="online"
    )
    place: str | None = spec(Text(), "Where, unless it is online.")

    def field_problems(self) -> Iterator[tuple[str, str]]:
        if self.mode is not LocationMode.ONLINE and not self.place:
            yield "place", f"is required for {self.mode.value} opportunities: say where"


@dataclass(frozen=True, kw_only=True)
class Outcome:
    applied: int = spec(Integer(0), "How many people applied.", required=True)
    selected: int = spec(Integer(0), "How many were selected.", required=True)

    def field_problems(self) -> Iterator[tuple[str, str]]:
        if self.selected > self.applied:
            yield "selected", f"is {self.selected}, more than the {self.applied} who applied"


@dataclass(frozen=True, kw_only=True)
class Opportunity(Document):
    title: str = spec(
        Text(), "What the opportunity is.", required=True, example="TODO: opportunity title"
    )
    summary: str | None = spec(
        Text(),
        "One sentence for listings and search.",
        example="TODO: one sentence about the opportunity",
    )
    project: str | None = spec(Ref(("projects",)), "The project it is part of.")
    payment: Payment = spec(
        Record(Payment), "What it pays: involvement is always paid.", required=True
    )
    time_commitment: str | None = spec(
        Text(), "How much time, how often, for how long.", example="TODO: e.g. four 2-hour sessions"
    )
    location: OpportunityLocation = spec(
        Record(OpportunityLocation), "Online, in person or both.", required=True
    )
    who_can_apply: str | None = spec(Text(), "Who can apply.", example="TODO: who can apply")
    selection: str = spec(
        Text(),
        "How people are chosen, by whom, and when they hear.",
        required=True,
        example="TODO: how people are chosen, by whom, and when",
    )
    how_to_apply: str | None = spec(
        Text(), "How to apply, in the formats accepted.", example="TODO: how to apply"
    )
    opens: dt.date | None = spec(Date(), "The first day applications are accepted.")
    closes: dt.date = spec(Date(), "The last day applications are accepted.", required=True)
    places: int | None = spec(Integer(1), "How many people will be selected.")
    support: str | None = spec(
        Text(), "Access support and expenses offered.", example="TODO: access support and expenses"
    )
    outcome: Outcome | None = spec(
        Record(Outcome), "Once closed: how many applied and were selected."
    )

    def field_problems(self) -> Iterator[tuple[str, str]]:
        if self.opens and self.closes < self.opens:
            yield (
                "closes",
                (f"is {self.closes.isoformat()}, before it opens on {self.opens.isoformat()}"),
            )


# --------------------------------------------------------------------------- reports, news, pages


@dataclass(frozen=True, kw_only=True)
class Goal:
    title: str = spec(Text(), "The goal.", required=True)
    status: GoalStatus = spec(
        Choice(GoalStatus), "achieved, on-track, behind or not-started.", required=True
    )
    evidence: str | None = spec(Text(), "What shows where it stands.")


@dataclass(frozen=True, kw_only=True)
class Report(Document):
    title: str = spec(Text(), "The report's title.", required=True, example="TODO: report title")
    period: str | None = spec(Text(), "The period it covers, e.g. 2020-2022.")
    published: dt.date | None = spec(Date(), "When it was published.")
    summary: str | None = spec(
        Text(),
        "One or two sentences for listings and search.",
        example="TODO: one sentence about the report",
    )
    goals: tuple[Goal, ...] = spec(ListOf(Record(Goal)), "Goals and where each stands.", default=())


@dataclass(frozen=True, kw_only=True)
class NewsPost(Document):
    title: str = spec(Text(), "The headline.", required=True, example="TODO: headline")
    date: dt.date = spec(Date(), "The day it was published.", required=True)
    summary: str | None = spec(
        Text(), "One sentence for listings, feeds and search.", example="TODO: one sentence"
    )


@dataclass(frozen=True, kw_only=True)
class Page(Document):
    title: str = spec(Text(), "The page title.", required=True, example="TODO: page title")
    summary: str | None = spec(
        Text(), "One sentence for search results.", example="TODO: one sentence"
    )
    nav_order: int | None = spec(Integer(0), "Its place in the footer, lowest first.")
    lists: PageListing | None = spec(
        Choice(PageListing),
        "Show a generated list below the text: groups, opportunities or projects.",
    )


# --------------------------------------------------------------------------- the site


@dataclass(frozen=True, kw_only=True)
class SiteSettings:
    """``content/site.yaml``."""

    title: str = spec(Text(), "The site's name.", default="Transparency portal")
    description: str | None = spec(Text(), "One sentence about the site.")
    organisation: str | None = spec(
        Text(), "The organisation that publishes it, for feeds and search engines."
    )
    base_url: str | None = spec(Text(), "The full address the site is published at.")
    timezone: str = spec(Text(), "The site's time zone.", default="Europe/London")
    stale_after_months: int = spec(
        Integer(1),
        "An open or in-progress action with no update for longer than this many months is "
        "flagged 'No update since <month>'.",
        default=6,
    )


@dataclass(frozen=True)
class Collection:
    """A folder of ``content/`` and the record each of its files holds."""

    name: str
    """The folder name and the first part of the URL, e.g. ``meetings``."""
    record: type[Document]
    singular: str
    """What one item is called in messages and the ``new`` command, e.g. ``meeting``."""
    label: str
    """The heading of its listing page."""


COLLECTIONS: tuple[Collection, ...] = (
    Collection("people", Person, "person", "People"),
    Collection("groups", Group, "group", "Groups"),
    Collection("projects", Project, "project", "Projects"),
    Collection("meetings", Meeting, "meeting", "Meetings"),
    Collection("opportunities", Opportunity, "opportunity", "Opportunities"),
    Collection("reports", Report, "report", "Reports"),
    Collection("news", NewsPost, "news", "News"),
    Collection("pages", Page, "page", "Pages"),
)
COLLECTION_BY_NAME: Mapping[str, Collection] = {c.name: c for c in COLLECTIONS}


@dataclass(frozen=True)
class LeftOut:
    """A file that is not in the build, and why."""

    path: str
    collection: str
    slug: str
    reason: str


@dataclass(frozen=True)
class Site:
    """Everything read from ``content/``, checked, with drafts already removed."""

    settings: SiteSettings
    people: Mapping[str, Person]
    groups: Mapping[str, Group]
    projects: Mapping[str, Project]
    meetings: Mapping[str, Meeting]
    opportunities: Mapping[str, Opportunity]
    reports: Mapping[str, Report]
    news: Mapping[str, NewsPost]
    pages: Mapping[str, Page]
    left_out: tuple[LeftOut, ...] = ()

    def collection(self, name: str) -> Mapping[str, Any]:
        items: Mapping[str, Any] = getattr(self, name)
        return items

    def documents(self) -> Iterator[tuple[Collection, Document]]:
        for collection in COLLECTIONS:
            for document in self.collection(collection.name).values():
                yield collection, document
