"""Change history: the site-wide list of change notes at ``/changes/`` and its feed, and
the checks on every item's ``changes``.

Each item page shows its own history below its content (``PageMeta.history``, made
by :meth:`sitegen.views.Views.page_history`): when it was first published and last
updated, and under "See all updates" its notes, newest first. Notes are front-matter,
written for readers and published as written; nothing comes from commit messages,
and the private blocks of a body never reach a note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitegen.errors import Problem
from sitegen.feeds import ATOM_TYPE, Entry, FeedMaker
from sitegen.model import Meeting
from sitegen.plan import (
    FEEDS_AND_CALENDARS,
    CheckContext,
    FileJob,
    FooterEntry,
    Listed,
    PageJob,
    PageMeta,
    Section,
    SectionContext,
    Subscription,
    bind,
)
from sitegen.views import UPDATE_ANCHOR, kind_of
from sitegen.viewtypes import DayView, LinkView

FEED = "changes/feed.xml"
FEED_ENTRIES = 50
"""The feed holds the newest notes; the page lists them all."""


@dataclass(frozen=True)
class ChangeEntryView:
    """A change note on the site-wide list: the item it is about, and what changed."""

    date: DayView
    note: str
    item: LinkView
    """The item's page, at the note."""
    kind: str
    path: str
    """The note's place, site-relative: ``projects/x/#page-update-2024-03-01``."""


def entries(ctx: SectionContext) -> list[ChangeEntryView]:
    """Every change note of every published item page, newest first."""

    def make() -> list[ChangeEntryView]:
        found = []
        for job in ctx.jobs:
            document = job.document
            history = ctx.views.page_history(document) if document is not None else None
            if document is None or history is None:
                continue
            title = ctx.views.title_of(document)
            for change in history.changes:
                path = f"{job.path}#{change.anchor}"
                item = LinkView(title, ctx.info.path(path))
                found.append(
                    ChangeEntryView(change.date, change.note, item, kind_of(document), path)
                )
        return sorted(found, key=lambda e: (e.date.iso, e.path), reverse=True)

    listed: list[ChangeEntryView] = ctx.memo("changes", make)
    return listed


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    yield PageJob("changes/", "changes.html", bind(listing, ctx), "changes")


def listing(ctx: SectionContext) -> dict[str, Any]:
    meta = PageMeta(
        title="Updates to this site",
        path="changes/",
        breadcrumbs=ctx.crumbs(),
        description="What changed on the portal's pages, and when: every change note, newest "
        "first.",
        feeds=(("Updates (Atom feed)", ctx.info.path(FEED)),),
    )
    return ctx.page(meta, changes=tuple(entries(ctx)), feed_entries=FEED_ENTRIES)


def files(ctx: SectionContext) -> Iterator[FileJob]:
    info = ctx.info
    maker = FeedMaker(ctx.urls, info.organisation, ctx.today, ctx.zone)

    def feed() -> bytes:
        newest = [
            Entry(e.path, f"Updated: {e.item.text}", dt.date.fromisoformat(e.date.iso), e.note)
            for e in entries(ctx)[:FEED_ENTRIES]
        ]
        return maker.atom(FEED, f"{info.title}: updates", "changes/", newest)

    yield FileJob(
        FEED,
        feed,
        "changes",
        listed=Listed(FEEDS_AND_CALENDARS, 35, "Updates to pages (Atom feed)"),
        subscription=Subscription(
            "This site", 50, "The change notes of every page, as they are made"
        ),
        feed_title="Updates (Atom feed)",
        media_type=ATOM_TYPE,
    )


def footer(ctx: SectionContext) -> Iterator[LinkView]:
    yield LinkView("Updates to this site", ctx.info.path("changes/"))


def checks(check: CheckContext) -> Iterator[Problem]:
    """A change note can be neither in the future nor older than the item itself."""
    today = check.today
    for _, document in check.site.documents():
        own = document.own_date
        source = document.source
        for index, change in enumerate(document.changes, start=1):
            field = f"changes[{index}].date"
            if change.date > today:
                message = (
                    f"is {change.date.isoformat()}, after the build date ({today.isoformat()}): "
                    "a change note records a change already made; correct the date"
                )
            elif own is not None and change.date < own:
                when = (
                    "the meeting was held" if isinstance(document, Meeting) else "it was published"
                )
                message = (
                    f"is {change.date.isoformat()}, before {when} ({own.isoformat()}): nothing "
                    "about it can have changed before then; correct the date"
                )
            else:
                continue
            yield Problem(source.path, source.line(field), field, message)


SECTION = Section(
    key="changes",
    order=92,
    pages=pages,
    files=files,
    footer=(FooterEntry(15, footer),),
    checks=checks,
    template_ids=frozenset({"page-history"}),
    template_id_prefixes=(UPDATE_ANCHOR,),
    top_level=("changes",),
)
