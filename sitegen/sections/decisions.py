"""The decisions register: every decision of every meeting, newest first, with a view
per year and per group, a page of its own for each decision (so that search finds
decisions as their own type), its feed, and the decisions as CSV and JSON."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from sitegen.data import csv_document, json_document
from sitegen.feeds import ATOM_TYPE, Entry, FeedMaker
from sitegen.plan import (
    DATA_FILES,
    FEEDS_AND_CALENDARS,
    FieldDocs,
    FileJob,
    Listed,
    NavEntry,
    PageJob,
    PageMeta,
    Reads,
    SearchMeta,
    Section,
    SectionContext,
    Subscription,
    bind,
)
from sitegen.reads import all_of, doc, meeting_reads
from sitegen.register import Decision, register
from sitegen.viewtypes import DayView, LinkView, day

FEED = "decisions/feed.xml"
CSV = "data/decisions.csv"
JSON = "data/decisions.json"
CSV_COLUMNS = (
    "id",
    "text",
    "position",
    "meeting",
    "meeting_date",
    "group",
    "minutes",
    "url",
    "meeting_url",
)
TITLE_LENGTH = 90
"""A decision's page title is its text, cut at a word near this many characters."""


@dataclass(frozen=True)
class DecisionView:
    id: str
    url: str
    """Its own page."""
    text: str
    date: DayView
    meeting: LinkView
    """Its meeting's page, at the decision."""
    group: LinkView
    minutes: str
    """Its meeting's minutes: ``draft``, ``approved``, or empty when the record does not say."""
    approved_at: LinkView | None


def path_of(decision: Decision) -> str:
    return f"decisions/{decision.id}/"


def year_path(year: int) -> str:
    return f"decisions/{year}/"


def group_path(slug: str) -> str:
    return f"decisions/group/{slug}/"


def decisions(ctx: SectionContext) -> list[Decision]:
    """Every decision taken by the build date, newest meeting first, each meeting's in the
    order it recorded them. A meeting dated later has not taken its decisions yet."""

    def make() -> list[Decision]:
        return register(m for m in ctx.index.meetings_newest_first if m.date <= ctx.today)

    found: list[Decision] = ctx.memo("decisions", make)
    return found


def by_group(ctx: SectionContext) -> dict[str, list[Decision]]:
    def make() -> dict[str, list[Decision]]:
        grouped: dict[str, list[Decision]] = {}
        for decision in decisions(ctx):
            grouped.setdefault(decision.meeting.group, []).append(decision)
        return grouped

    found: dict[str, list[Decision]] = ctx.memo("decisions-by-group", make)
    return found


def by_year(ctx: SectionContext) -> dict[int, list[Decision]]:
    def make() -> dict[int, list[Decision]]:
        grouped: dict[int, list[Decision]] = {}
        for decision in decisions(ctx):
            grouped.setdefault(decision.meeting.date.year, []).append(decision)
        return grouped

    found: dict[int, list[Decision]] = ctx.memo("decisions-by-year", make)
    return found


def view_of(ctx: SectionContext, decision: Decision) -> DecisionView:
    views, meeting = ctx.views, decision.meeting
    return DecisionView(
        id=decision.id,
        url=ctx.info.path(path_of(decision)),
        text=decision.text,
        date=day(meeting.date),
        meeting=LinkView(
            views.meeting_link(meeting).text,
            f"{views.url('meetings', meeting.slug)}#{decision.anchor}",
        ),
        group=views.group_link(meeting.group),
        minutes=meeting.minutes.value if meeting.minutes else "",
        approved_at=views.agreed_at(meeting),
    )


# ---------------------------------------------------------------------- pages


def _reads() -> Iterable[str]:
    return (all_of("meetings"), all_of("groups"))


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    def job(path: str, facet: str, value: str) -> PageJob:
        return PageJob(
            path, "decisions.html", bind(listing, ctx, facet, value), "decisions", reads=_reads
        )

    yield job("decisions/", "", "")
    for year in by_year(ctx):
        yield job(year_path(year), "year", str(year))
    for slug in by_group(ctx):
        yield job(group_path(slug), "group", slug)
    for decision in decisions(ctx):
        yield PageJob(
            path_of(decision),
            "decision.html",
            bind(decision_page, ctx, decision),
            "decisions",
            reads=_decision_reads(ctx, decision),
            indexed=True,
        )


def _decision_reads(ctx: SectionContext, decision: Decision) -> Reads:
    """Its meeting as a link shows it, and the meeting that agreed the minutes."""

    def reads() -> Iterable[str]:
        meeting = decision.meeting
        found = set(meeting_reads(ctx.index, meeting.slug))
        if meeting.approved_at:
            found.add(doc("meetings", meeting.approved_at))
        return found

    return reads


def tabs(ctx: SectionContext) -> tuple[list[Any], list[Any]]:
    """The links to every view of the register, with counts: the same on every view."""

    def make() -> tuple[list[Any], list[Any]]:
        path, views = ctx.info.path, ctx.views
        years = [
            (str(year), len(found), path(year_path(year))) for year, found in by_year(ctx).items()
        ]
        groups = sorted(
            (
                (views.group_link(slug), len(found), path(group_path(slug)), slug)
                for slug, found in by_group(ctx).items()
            ),
            key=lambda entry: entry[0].text.lower(),
        )
        return years, groups

    found: tuple[list[Any], list[Any]] = ctx.memo("decisions-tabs", make)
    return found


def listing(ctx: SectionContext, facet: str, value: str) -> dict[str, Any]:
    chosen: list[Decision]
    if facet == "year":
        chosen, heading = by_year(ctx)[int(value)], f"Decisions of {value}"
        path = year_path(int(value))
    elif facet == "group":
        name = ctx.views.group_link(value).text
        chosen, heading, path = by_group(ctx)[value], f"Decisions of the {name}", group_path(value)
    else:
        chosen, heading, path = decisions(ctx), "Decisions", "decisions/"
    feed = ("Decisions (Atom feed)", ctx.info.path(FEED))
    meta = PageMeta(
        title=heading,
        path=path,
        nav="decisions",
        breadcrumbs=ctx.crumbs(("Decisions", ctx.info.path("decisions/")))
        if facet
        else ctx.crumbs(),
        description="Every decision taken at a meeting of a group, newest first.",
        feeds=(feed,),
    )
    years, groups = tabs(ctx)
    return ctx.page(
        meta,
        heading=heading,
        facet=facet,
        value=value,
        decisions=tuple(view_of(ctx, decision) for decision in chosen),
        total=len(decisions(ctx)),
        years=years,
        groups=groups,
    )


def decision_page(ctx: SectionContext, decision: Decision) -> dict[str, Any]:
    view = view_of(ctx, decision)
    meeting = decision.meeting
    title = view.text if len(view.text) <= TITLE_LENGTH else _cut(view.text)
    meta = PageMeta(
        title=title,
        path=path_of(decision),
        nav="decisions",
        description=f"A decision of the {view.group.text}, {view.date.long}.",
        breadcrumbs=ctx.crumbs(
            ("Decisions", ctx.info.path("decisions/")),
            (view.group.text, ctx.info.path(group_path(meeting.group))),
        ),
        search=SearchMeta(
            "Decision",
            (("group", view.group.text), ("year", str(view.date.year))),
            view.date.iso,
        ),
        draft=meeting.is_draft,
    )
    others = tuple(
        view_of(ctx, other)
        for other in by_group(ctx)[meeting.group]
        if other.meeting is meeting and other is not decision
    )
    return ctx.page(
        meta,
        decision=view,
        others=others,
        group_url=ctx.info.path(group_path(meeting.group)),
    )


def _cut(text: str) -> str:
    """``text`` cut at the last space before :data:`TITLE_LENGTH`, with an ellipsis."""
    head = text[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;: ")
    return f"{head}…"


# ---------------------------------------------------------------------- files


def row(ctx: SectionContext, decision: Decision) -> dict[str, Any]:
    meeting, views = decision.meeting, ctx.views
    return {
        "id": decision.id,
        "text": decision.text,
        "position": decision.position,
        "meeting": ctx.index.meeting_title(meeting),
        "meeting_date": meeting.date.isoformat(),
        "group": ctx.index.group_name(meeting.group),
        "minutes": meeting.minutes.value if meeting.minutes else None,
        "url": ctx.urls.absolute(path_of(decision)),
        "meeting_url": f"{views.absolute('meetings', meeting.slug)}#{decision.anchor}",
    }


def decisions_json(ctx: SectionContext) -> bytes:
    items = []
    for decision in decisions(ctx):
        found = row(ctx, decision)
        found["meeting"] = {
            "slug": decision.meeting.slug,
            "title": found.pop("meeting"),
            "date": found.pop("meeting_date"),
            "group": found.pop("group"),
            "approved_at": decision.meeting.approved_at,
            "url": found.pop("meeting_url"),
        }
        items.append(found)
    return json_document(ctx.views, "decisions", items)


def feed(ctx: SectionContext) -> bytes:
    info = ctx.info
    maker = FeedMaker(ctx.urls, info.organisation, ctx.today, ctx.zone)
    entries = []
    for decision in decisions(ctx):
        view = view_of(ctx, decision)
        said = f"Decided at the {view.meeting.text}."
        meeting_url = ctx.views.absolute("meetings", decision.meeting.slug)
        content = Markup('<p>{}</p><p>Decided at the <a href="{}">{}</a>.</p>').format(
            decision.text, f"{meeting_url}#{decision.anchor}", view.meeting.text
        )
        entries.append(
            Entry(path_of(decision), decision.text, decision.meeting.date, said, str(content))
        )
    return maker.atom(FEED, f"{info.title}: decisions", "decisions/", entries)


def files(ctx: SectionContext) -> Iterator[FileJob]:
    yield FileJob(
        FEED,
        lambda: feed(ctx),
        "decisions",
        reads=_reads,
        listed=Listed(FEEDS_AND_CALENDARS, 15, "Decisions (Atom feed)"),
        subscription=Subscription(
            "Meetings", 22, "Every decision, as meetings' records are published"
        ),
        feed_title="Decisions (Atom feed)",
        media_type=ATOM_TYPE,
    )
    yield FileJob(
        CSV,
        lambda: csv_document(CSV_COLUMNS, (row(ctx, d) for d in decisions(ctx))),
        "decisions",
        reads=_reads,
        listed=Listed(
            DATA_FILES,
            15,
            "decisions.csv",
            Markup("every decision of every meeting, one row each (CSV, with a header row)."),
        ),
    )
    yield FileJob(
        JSON,
        lambda: decisions_json(ctx),
        "decisions",
        reads=_reads,
        listed=Listed(DATA_FILES, 16, "decisions.json", Markup("every decision (JSON).")),
    )


def field_docs(ctx: SectionContext) -> Iterator[FieldDocs]:
    columns = {
        "id": "The decision's id: its meeting's name and eight characters taken from the "
        "decision's own words, e.g. <code>2021-11-08-allies-group-3f9a2c1b</code>. It stays "
        "the same when other decisions of the meeting are added, removed or edited.",
        "text": "The decision, as recorded.",
        "position": "Its place among the meeting's decisions, from 1.",
        "meeting": "The title of the meeting that took it.",
        "meeting_date": "The date of that meeting.",
        "group": "The group that met.",
        "minutes": "Whether that meeting's minutes are agreed: <code>approved</code>, "
        "<code>draft</code> (to be agreed at a later meeting, so the decision's wording may "
        "still change), or empty when the record does not say.",
        "url": "The decision's own page.",
        "meeting_url": "The decision on its meeting's page.",
    }
    yield FieldDocs(
        15,
        "table",
        tuple(
            (Markup("<code>{}</code>").format(name), Markup(columns[name])) for name in CSV_COLUMNS
        ),
        file="decisions.csv",
        id="decisions-fields",
    )
    yield FieldDocs(
        15,
        "json",
        (
            (
                Markup("<code>decisions.json</code>: <code>decisions[]</code>"),
                Markup(
                    "The same fields as the CSV, with <code>meeting</code> as <code>{slug, "
                    "title, date, group, approved_at, url}</code>, where <code>approved_at</code> "
                    "is the slug of the meeting that agreed the minutes, or null."
                ),
            ),
        ),
    )


SECTION = Section(
    key="decisions",
    order=15,
    pages=pages,
    files=files,
    field_docs=field_docs,
    nav=NavEntry("decisions", "Decisions", "decisions/", 15),
    top_level=("decisions",),
)
