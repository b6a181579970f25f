"""The open data page: every data file, feed and calendar the sections publish, and
what each field of the data files means."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sitegen.plan import (
    DATA_FILES,
    FEEDS_AND_CALENDARS,
    FieldDocs,
    FooterEntry,
    PageJob,
    PageMeta,
    Section,
    SectionContext,
    bind,
)
from sitegen.reads import all_of
from sitegen.viewtypes import (
    LinkView,
)


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    yield PageJob("data/", "data.html", bind(data_page, ctx), "data", reads=_reads)


def _reads() -> Iterable[str]:
    return (all_of("groups"),)


def listed(ctx: SectionContext, group: int) -> tuple[tuple[str, str, Any], ...]:
    """(label, address, description) of each file listed in ``group``, in order."""
    files = sorted(
        (job for job in ctx.files if job.listed is not None and job.listed.group == group),
        key=lambda job: (job.listed.order if job.listed else 0, job.path),
    )
    return tuple(
        (job.listed.label, ctx.info.path(job.path), job.listed.description)
        for job in files
        if job.listed is not None
    )


def data_page(ctx: SectionContext) -> dict[str, Any]:
    meta = PageMeta(
        title="Open data",
        path="data/",
        breadcrumbs=ctx.crumbs(),
        description="Download the portal's data as CSV, JSON, Atom feeds and calendars.",
        feeds=ctx.site_feeds(),
    )
    docs: list[FieldDocs] = sorted(
        (found for section in ctx.sections for found in section.field_docs(ctx)),
        key=lambda found: found.order,
    )
    return ctx.page(
        meta,
        data_files=listed(ctx, DATA_FILES),
        feeds=listed(ctx, FEEDS_AND_CALENDARS),
        tables=tuple(found for found in docs if found.kind == "table"),
        json_files=tuple(
            entry for found in docs if found.kind == "json" for entry in found.entries
        ),
    )


def footer(ctx: SectionContext) -> Iterable[LinkView]:
    return (LinkView("Open data and feeds", ctx.info.path("data/")),)


SECTION = Section(
    key="data",
    order=100,
    pages=pages,
    footer=(FooterEntry(10, footer),),
    top_level=("data",),
)
