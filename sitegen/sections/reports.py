"""Reports: each report with its goals and a table of contents, and the listing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sitegen.errors import Problem
from sitegen.jsonld import CONTEXT, organisation, with_optional
from sitegen.markdown import Heading
from sitegen.model import GoalStatus, Report
from sitegen.plan import (
    CheckContext,
    NavEntry,
    PageJob,
    PageMeta,
    SearchMeta,
    Section,
    SectionContext,
    bind,
)
from sitegen.reads import all_of, own
from sitegen.recording import missing_summaries
from sitegen.viewtypes import (
    BodyView,
    DayView,
    day,
)

GOAL_STATUS_LABELS = {
    GoalStatus.ACHIEVED: "Achieved",
    GoalStatus.ON_TRACK: "On track",
    GoalStatus.BEHIND: "Behind",
    GoalStatus.NOT_STARTED: "Not started",
}


@dataclass(frozen=True)
class TocEntry:
    text: str
    id: str
    children: tuple[TocEntry, ...]


def table_of_contents(headings: Iterable[Heading], top: int = 2) -> tuple[TocEntry, ...]:
    """Headings as a nested list: each heading holds the deeper ones that follow it."""
    entries: list[Heading] = [h for h in headings if h.level >= top]

    def build(start: int, level: int) -> tuple[tuple[TocEntry, ...], int]:
        built: list[TocEntry] = []
        position = start
        while position < len(entries) and entries[position].level >= level:
            heading = entries[position]
            children, position = build(position + 1, heading.level + 1)
            built.append(TocEntry(heading.text, heading.id, children))
        return tuple(built), position

    return build(0, top)[0]


@dataclass(frozen=True)
class GoalView:
    title: str
    status: str
    status_label: str
    evidence: str | None


@dataclass(frozen=True)
class GoalCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class ReportView:
    slug: str
    url: str
    title: str
    period: str | None
    published: DayView | None
    summary: str | None
    goals: tuple[GoalView, ...]
    goal_counts: tuple[GoalCount, ...]
    body: BodyView
    toc: tuple[TocEntry, ...]


def report_view(ctx: SectionContext, report: Report) -> ReportView:
    counts = Counter(goal.status for goal in report.goals)
    body = ctx.views.body(report)
    return ReportView(
        slug=report.slug,
        url=ctx.views.url("reports", report.slug),
        title=report.title,
        period=report.period,
        published=day(report.published) if report.published else None,
        summary=report.summary,
        goals=tuple(
            GoalView(g.title, g.status.value, GOAL_STATUS_LABELS[g.status], g.evidence)
            for g in report.goals
        ),
        goal_counts=tuple(
            GoalCount(status.value, label, counts[status])
            for status, label in GOAL_STATUS_LABELS.items()
        ),
        body=body,
        toc=table_of_contents(body.headings),
    )


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    yield PageJob("reports/", "reports.html", bind(listing, ctx), "reports", reads=_listing)
    for slug, report in ctx.site.reports.items():
        yield PageJob(
            f"reports/{slug}/",
            "report.html",
            bind(report_page, ctx, slug),
            "reports",
            document=report,
            reads=_item_reads(slug),
        )


def _listing() -> Iterable[str]:
    return (all_of("reports"),)


def _item_reads(slug: str) -> Any:
    return lambda: own("reports", slug)


def listing(ctx: SectionContext) -> dict[str, Any]:
    meta = PageMeta(
        title="Reports",
        path="reports/",
        nav="reports",
        breadcrumbs=ctx.crumbs(),
        description="Progress reports on our strategy.",
    )
    reports = tuple(report_view(ctx, r) for r in ctx.index.reports_newest_first)
    return ctx.page(meta, reports=reports)


def report_page(ctx: SectionContext, slug: str) -> dict[str, Any]:
    report = ctx.site.reports[slug]
    view = report_view(ctx, report)
    filters: list[tuple[str, str]] = []
    if report.published:
        filters.append(("year", str(report.published.year)))
    meta = PageMeta(
        title=view.title,
        path=f"reports/{slug}/",
        nav="reports",
        description=report.summary,
        breadcrumbs=ctx.crumbs(("Reports", ctx.info.path("reports/"))),
        json_ld=(report_ld(ctx, report),),
        search=SearchMeta(
            "Report",
            tuple(filters),
            report.published.isoformat() if report.published else "0000-01-01",
            "Published",
        ),
    )
    return ctx.page(ctx.item_meta(meta, report), report=view)


def report_ld(ctx: SectionContext, report: Report) -> dict[str, Any]:
    data = {
        "@context": CONTEXT,
        "@type": "Report",
        "name": report.title,
        "url": ctx.views.absolute("reports", report.slug),
        "publisher": organisation(ctx.info.organisation, ctx.urls),
    }
    return with_optional(
        data,
        description=report.summary,
        datePublished=report.published.isoformat() if report.published else None,
    )


def checks(check: CheckContext) -> Iterable[Problem]:
    return missing_summaries(check.site.reports.values())


SECTION = Section(
    key="reports",
    order=70,
    collection="reports",
    paths={"reports": lambda slug: f"reports/{slug}/"},
    pages=pages,
    nav=NavEntry("reports", "Report", "reports/", 50),
    checks=checks,
    template_ids=frozenset({"contents", "goals"}),
    top_level=("reports",),
)
