"""People: a page for each person who agreed to a public profile (groups, meetings,
actions: lists, never percentages), and the listing. Everyone else is a name only."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sitegen.errors import Problem, Severity
from sitegen.jsonld import CONTEXT, with_optional
from sitegen.model import Person
from sitegen.plan import (
    CheckContext,
    FooterEntry,
    PageJob,
    PageMeta,
    SearchMeta,
    Section,
    SectionContext,
    bind,
)
from sitegen.reads import action_reads, all_of, doc, meeting_reads, own
from sitegen.viewtypes import (
    ActionView,
    BodyView,
    LinkView,
    MeetingSummaryView,
    MemberView,
)


@dataclass(frozen=True)
class PersonView:
    slug: str
    url: str
    name: str
    role: str | None
    organisation: str | None
    groups: tuple[MemberView, ...]
    """Each group as a link, with the person's role in it."""
    chaired: tuple[MeetingSummaryView, ...]
    present: tuple[MeetingSummaryView, ...]
    apologies: tuple[MeetingSummaryView, ...]
    in_attendance: tuple[MeetingSummaryView, ...]
    actions: tuple[ActionView, ...]
    body: BodyView


def person_view(ctx: SectionContext, person: Person) -> PersonView:
    views, index = ctx.views, ctx.index
    attendance = index.attendance.get(person.slug)
    summaries = views.meeting_summaries
    return PersonView(
        slug=person.slug,
        url=views.url("people", person.slug),
        name=person.name,
        role=person.role,
        organisation=person.organisation,
        groups=tuple(
            MemberView(views.group_link(group.slug), role)
            for group, role in index.memberships.get(person.slug, ())
        ),
        chaired=summaries(attendance.chaired) if attendance else (),
        present=summaries(attendance.present) if attendance else (),
        apologies=summaries(attendance.apologies) if attendance else (),
        in_attendance=summaries(attendance.in_attendance) if attendance else (),
        actions=views.actions(index.actions_by_owner.get(person.slug, ())),
        body=views.body(person),
    )


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    yield PageJob("people/", "people.html", bind(listing, ctx), "people", reads=_listing)
    for person in ctx.index.people_with_profiles:
        yield PageJob(
            f"people/{person.slug}/",
            "person.html",
            bind(person_page, ctx, person.slug),
            "people",
            document=person,
            reads=bind_reads(ctx, person),
        )


def _listing() -> Iterable[str]:
    return (all_of("people"),)


def bind_reads(ctx: SectionContext, person: Person) -> Any:
    def reads() -> Iterable[str]:
        index = ctx.index
        found = set(own("people", person.slug))
        found |= {doc("groups", group.slug) for group, _ in index.memberships.get(person.slug, ())}
        attended = index.attendance.get(person.slug)
        if attended is not None:
            for meetings in (
                attended.chaired,
                attended.present,
                attended.apologies,
                attended.in_attendance,
            ):
                for meeting in meetings:
                    found |= meeting_reads(index, meeting.slug)
        for tracked in index.actions_by_owner.get(person.slug, ()):
            found |= action_reads(index, tracked)
        return found

    return reads


def listing(ctx: SectionContext) -> dict[str, Any]:
    meta = PageMeta(
        title="People",
        path="people/",
        breadcrumbs=ctx.crumbs(),
        description="People with a public profile on this portal.",
    )
    people = ctx.index.people_with_profiles
    links = tuple(ctx.views.person_link(p.slug) for p in people)
    roles = tuple(p.role for p in people)
    return ctx.page(meta, people=tuple(zip(links, roles, strict=True)))


def person_page(ctx: SectionContext, slug: str) -> dict[str, Any]:
    person = ctx.site.people[slug]
    view = person_view(ctx, person)
    attended = ctx.index.attendance.get(slug)
    last = attended.present[0].date.isoformat() if attended and attended.present else "0000-01-01"
    meta = PageMeta(
        title=view.name,
        path=f"people/{slug}/",
        description=person.role,
        breadcrumbs=ctx.crumbs(("People", ctx.info.path("people/"))),
        json_ld=(person_ld(ctx, person),),
        search=SearchMeta("Person", (), last, "Latest meeting attended"),
    )
    return ctx.page(ctx.item_meta(meta, person), person=view)


def person_ld(ctx: SectionContext, person: Person) -> dict[str, Any]:
    """Only for people with a public profile: others are never described."""
    data = {
        "@context": CONTEXT,
        "@type": "Person",
        "name": person.name,
        "url": ctx.views.absolute("people", person.slug),
    }
    affiliation = {"@type": "Organization", "name": person.organisation}
    return with_optional(
        data, jobTitle=person.role, affiliation=affiliation if person.organisation else None
    )


def checks(check: CheckContext) -> Iterator[Problem]:
    for person in check.site.people.values():
        if not person.profile and person.body.strip():
            yield Problem(
                person.source.path,
                person.source.body_line,
                "body",
                "is never published, because profile is false",
                Severity.WARNING,
            )


def footer(ctx: SectionContext) -> Iterable[LinkView]:
    return (LinkView("People", ctx.info.path("people/")),)


SECTION = Section(
    key="people",
    order=40,
    collection="people",
    paths={"people": lambda slug: f"people/{slug}/"},
    pages=pages,
    footer=(FooterEntry(20, footer),),
    checks=checks,
    template_ids=frozenset({"groups", "meetings", "actions"}),
    top_level=("people",),
)
