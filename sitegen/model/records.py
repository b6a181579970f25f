"""People, groups, projects, opportunities, reports, news posts and pages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sitegen.fields import (
    Amount,
    Boolean,
    Choice,
    Date,
    EmailAddress,
    Integer,
    ListOf,
    PhoneNumber,
    Record,
    Ref,
    Text,
    WebAddress,
)
from sitegen.model.base import (
    Document,
    GoalStatus,
    GroupStatus,
    LocationMode,
    PageListing,
    PayPeriod,
    ProjectRole,
    ProjectStatus,
)
from sitegen.schema import (
    spec,
)

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
class Apply:
    """How to apply: at least one way to reach the organisation."""

    REQUIRE_ONE_OF = ("url", "email", "phone")
    """The schema asks for at least one of these."""

    url: str | None = spec(WebAddress(), "The application form or page: a full https:// address.")
    email: str | None = spec(
        EmailAddress(),
        "The organisation's address that applications go to: a shared one such as "
        "involvement@..., never a person's own.",
        example="TODO: the shared address applications go to",
    )
    phone: str | None = spec(PhoneNumber(), "A number to apply by phone, e.g. 020 7946 0123.")
    formats: tuple[str, ...] = spec(
        ListOf(Text()),
        "The ways an application may be made, e.g. written, video, voice note.",
        default=(),
    )
    notes: str | None = spec(
        Text(), "Anything else about applying, e.g. when the phone is answered."
    )

    def field_problems(self) -> Iterator[tuple[str, str]]:
        if not (self.url or self.email or self.phone):
            yield "", "needs a way to apply: give at least one of url, email or phone"


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
    apply: Apply | None = spec(
        Record(Apply),
        "Where to apply: url, email and/or phone (at least one), formats and notes. "
        "Required while the opportunity is open or upcoming.",
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

    @property
    def published_on(self) -> dt.date | None:
        return self.published


@dataclass(frozen=True, kw_only=True)
class NewsPost(Document):
    title: str = spec(Text(), "The headline.", required=True, example="TODO: headline")
    date: dt.date = spec(Date(), "The day it was published.", required=True)
    summary: str | None = spec(
        Text(), "One sentence for listings, feeds and search.", example="TODO: one sentence"
    )

    @property
    def published_on(self) -> dt.date | None:
        return self.date


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
