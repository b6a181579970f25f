"""Projects: each delivery project (partners, our role, the meetings and opportunities
that refer to it), the listing by status and role, and ``projects.json``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from sitegen.data import json_document
from sitegen.jsonld import CONTEXT, organisation, with_optional
from sitegen.model import Project
from sitegen.plan import (
    DATA_FILES,
    FieldDocs,
    FileJob,
    Listed,
    NavEntry,
    PageJob,
    PageMeta,
    SearchMeta,
    Section,
    SectionContext,
    bind,
)
from sitegen.reads import all_of, doc, meeting_reads, own
from sitegen.viewtypes import (
    BodyView,
    DayView,
    MeetingSummaryView,
    OpportunitySummaryView,
    day,
)

DATA = "data/projects.json"


@dataclass(frozen=True)
class ProjectView:
    slug: str
    url: str
    title: str
    partners: tuple[str, ...]
    our_role: str
    status: str
    sector: str | None
    started: DayView | None
    ended: DayView | None
    summary: str | None
    meetings: tuple[MeetingSummaryView, ...]
    opportunities: tuple[OpportunitySummaryView, ...]
    body: BodyView


def project_view(ctx: SectionContext, project: Project) -> ProjectView:
    views, index = ctx.views, ctx.index
    return ProjectView(
        slug=project.slug,
        url=views.url("projects", project.slug),
        title=project.title,
        partners=project.partners,
        our_role=project.our_role.value,
        status=project.status.value,
        sector=project.sector,
        started=day(project.started) if project.started else None,
        ended=day(project.ended) if project.ended else None,
        summary=project.summary,
        meetings=views.meeting_summaries(index.meetings_by_project.get(project.slug, ())),
        opportunities=tuple(
            views.opportunity_summary(o)
            for o in index.opportunities_by_project.get(project.slug, ())
        ),
        body=views.body(project),
    )


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    yield PageJob("projects/", "projects.html", bind(listing, ctx), "projects", reads=_listing)
    for slug, project in ctx.site.projects.items():
        yield PageJob(
            f"projects/{slug}/",
            "project.html",
            bind(project_page, ctx, slug),
            "projects",
            document=project,
            reads=bind_reads(ctx, project),
        )


def _listing() -> Iterable[str]:
    return (all_of("projects"),)


def bind_reads(ctx: SectionContext, project: Project) -> Any:
    def reads() -> Iterable[str]:
        index = ctx.index
        found = set(own("projects", project.slug))
        for meeting in index.meetings_by_project.get(project.slug, ()):
            found |= meeting_reads(index, meeting.slug)
        found |= {
            doc("opportunities", o.slug)
            for o in index.opportunities_by_project.get(project.slug, ())
        }
        return found

    return reads


def listing(ctx: SectionContext) -> dict[str, Any]:
    meta = PageMeta(
        title="Projects",
        path="projects/",
        nav="projects",
        breadcrumbs=ctx.crumbs(),
        description="Delivery projects: who we work with and our role.",
    )
    sections: dict[str, list[Any]] = {}
    for project in ctx.index.projects_ordered:
        sections.setdefault(project.status.value, []).append(ctx.views.project_summary(project))
    return ctx.page(meta, sections=tuple(sections.items()))


def project_page(ctx: SectionContext, slug: str) -> dict[str, Any]:
    project = ctx.site.projects[slug]
    view = project_view(ctx, project)
    filters = [
        ("status", project.status.value.capitalize()),
        ("role", project.our_role.value.capitalize()),
    ]
    if project.sector:
        filters.append(("sector", project.sector))
    if project.started:
        filters.append(("year", str(project.started.year)))
    meta = PageMeta(
        title=view.title,
        path=f"projects/{slug}/",
        nav="projects",
        description=project.summary,
        breadcrumbs=ctx.crumbs(("Projects", ctx.info.path("projects/"))),
        json_ld=(project_ld(ctx, project),),
        search=SearchMeta(
            "Project",
            tuple(filters),
            project.started.isoformat() if project.started else "0000-01-01",
            "Started",
        ),
    )
    return ctx.page(ctx.item_meta(meta, project), project=view)


def project_ld(ctx: SectionContext, project: Project) -> dict[str, Any]:
    data = {
        "@context": CONTEXT,
        "@type": "Project",
        "name": project.title,
        "url": ctx.views.absolute("projects", project.slug),
        "parentOrganization": organisation(ctx.info.organisation, ctx.urls),
        "member": [{"@type": "Organization", "name": name} for name in project.partners],
    }
    return with_optional(
        data,
        description=project.summary,
        foundingDate=project.started.isoformat() if project.started else None,
        dissolutionDate=project.ended.isoformat() if project.ended else None,
    )


def projects_json(ctx: SectionContext) -> bytes:
    views, index = ctx.views, ctx.index
    items = []
    for project in index.projects_ordered:
        items.append(
            {
                "slug": project.slug,
                "title": project.title,
                "partners": list(project.partners),
                "our_role": project.our_role.value,
                "status": project.status.value,
                "sector": project.sector,
                "started": project.started.isoformat() if project.started else None,
                "ended": project.ended.isoformat() if project.ended else None,
                "summary": project.summary,
                "meetings": [
                    views.absolute("meetings", m.slug)
                    for m in index.meetings_by_project.get(project.slug, [])
                ],
                "opportunities": [
                    views.absolute("opportunities", o.slug)
                    for o in index.opportunities_by_project.get(project.slug, [])
                ],
                "url": views.absolute("projects", project.slug),
            }
        )
    return json_document(views, "projects", items)


def files(ctx: SectionContext) -> Iterator[FileJob]:
    yield FileJob(
        DATA,
        lambda: projects_json(ctx),
        "projects",
        reads=lambda: (all_of("projects"), all_of("meetings"), all_of("opportunities")),
        listed=Listed(DATA_FILES, 30, "projects.json", Markup("every project (JSON).")),
    )


def field_docs(ctx: SectionContext) -> Iterator[FieldDocs]:
    yield FieldDocs(
        30,
        "json",
        (
            (
                Markup("<code>projects.json</code>: <code>projects[]</code>"),
                Markup(
                    "<code>slug</code>, <code>title</code>, <code>partners</code>, "
                    "<code>our_role</code>, <code>status</code>, <code>sector</code>, "
                    "<code>started</code>, <code>ended</code>, <code>summary</code>, "
                    "<code>meetings</code> and <code>opportunities</code> (addresses of the "
                    "pages that refer to it) and <code>url</code>."
                ),
            ),
        ),
    )


SECTION = Section(
    key="projects",
    order=50,
    collection="projects",
    paths={"projects": lambda slug: f"projects/{slug}/"},
    pages=pages,
    files=files,
    field_docs=field_docs,
    nav=NavEntry("projects", "Projects", "projects/", 30),
    template_ids=frozenset({"opportunities", "meetings"}),
    template_id_prefixes=("status-",),
    top_level=("projects",),
)
