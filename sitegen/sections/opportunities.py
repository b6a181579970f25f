"""Opportunities: each paid opportunity (pay, place, how people are selected), the
listing by state, the feed, ``opportunities.json`` and the calendar of opening and
closing dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from sitegen.calendars import ICS, deadlines_calendar
from sitegen.data import json_document
from sitegen.errors import Problem, Severity
from sitegen.feeds import ATOM_TYPE, Entry
from sitegen.jsonld import job_posting
from sitegen.model import Opportunity, PaymentInfo
from sitegen.opportunities import (
    OpportunityState,
    apply_problems,
    dates_label,
    last_changed,
    pay_label,
    people_names,
)
from sitegen.plan import (
    DATA_FILES,
    FEEDS_AND_CALENDARS,
    CheckContext,
    FieldDocs,
    FileJob,
    Listed,
    NavEntry,
    PageJob,
    PageMeta,
    SearchMeta,
    Section,
    SectionContext,
    Subscription,
    bind,
)
from sitegen.reads import all_of, doc, own
from sitegen.recording import missing_summaries
from sitegen.viewtypes import (
    BodyView,
    LinkView,
    OpportunitySummaryView,
)

FEED = "opportunities/feed.xml"
DATA = "data/opportunities.json"
CALENDAR = "opportunity-deadlines.ics"
INVOLVEMENT = "how-we-involve-co-producers"
"""The page every opportunity links to: how co-producers are involved and selected."""
OUTCOME_GRACE = dt.timedelta(days=30)
"""How long after closing an opportunity may go without a published outcome."""


@dataclass(frozen=True)
class OutcomeView:
    applied: int
    selected: int
    places: int | None


@dataclass(frozen=True)
class OpportunityView:
    summary: OpportunitySummaryView
    payment_notes: str | None
    payment_info: PaymentInfo | None
    """How the organisation pays, from ``site.yaml``: the same on every opportunity."""
    who_can_apply: str | None
    selection: str
    how_to_apply: str | None
    apply_formats: tuple[str, ...]
    apply_notes: str | None
    places: int | None
    support: str | None
    outcome: OutcomeView | None
    """Published only once the opportunity has closed."""
    project: LinkView | None
    body: BodyView


def opportunity_view(ctx: SectionContext, opportunity: Opportunity) -> OpportunityView:
    views = ctx.views
    closed = ctx.index.opportunity_state(opportunity) is OpportunityState.CLOSED
    outcome = opportunity.outcome
    return OpportunityView(
        summary=views.opportunity_summary(opportunity),
        payment_notes=opportunity.payment.notes,
        payment_info=ctx.site.settings.payment_info,
        who_can_apply=opportunity.who_can_apply,
        selection=opportunity.selection,
        how_to_apply=opportunity.how_to_apply,
        apply_formats=opportunity.apply.formats if opportunity.apply else (),
        apply_notes=opportunity.apply.notes if opportunity.apply else None,
        places=opportunity.places,
        support=opportunity.support,
        outcome=(
            OutcomeView(outcome.applied, outcome.selected, opportunity.places)
            if outcome and closed
            else None
        ),
        project=views.project_link(opportunity.project) if opportunity.project else None,
        body=views.body(opportunity),
    )


def involvement_page(ctx: SectionContext) -> str | None:
    page = ctx.site.pages.get(INVOLVEMENT)
    return ctx.views.url("pages", page.slug) if page else None


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    yield PageJob(
        "opportunities/",
        "opportunities.html",
        bind(listing, ctx),
        "opportunities",
        reads=_listing,
    )
    for slug, opportunity in ctx.site.opportunities.items():
        yield PageJob(
            f"opportunities/{slug}/",
            "opportunity.html",
            bind(opportunity_page, ctx, slug),
            "opportunities",
            document=opportunity,
            reads=bind_reads(opportunity),
        )


def _listing() -> Iterable[str]:
    return (all_of("opportunities"), doc("pages", INVOLVEMENT))


def bind_reads(opportunity: Opportunity) -> Any:
    def reads() -> Iterable[str]:
        found = set(own("opportunities", opportunity.slug))
        found.add(doc("pages", INVOLVEMENT))
        if opportunity.project:
            found.add(doc("projects", opportunity.project))
        return found

    return reads


def listing(ctx: SectionContext) -> dict[str, Any]:
    meta = PageMeta(
        title="Opportunities",
        path="opportunities/",
        nav="opportunities",
        breadcrumbs=ctx.crumbs(),
        description="Paid opportunities for co-producers: what they pay, how to apply and "
        "how people are selected.",
        feeds=(("Opportunities (Atom feed)", ctx.info.path(FEED)),),
    )
    sections: dict[str, list[Any]] = {}
    for opportunity in ctx.index.opportunities_ranked:
        summary = ctx.views.opportunity_summary(opportunity)
        sections.setdefault(summary.state, []).append(summary)
    return ctx.page(
        meta,
        sections=tuple(sections.items()),
        involvement=involvement_page(ctx),
        subscribe=ctx.subscribe_url(),
    )


def opportunity_page(ctx: SectionContext, slug: str) -> dict[str, Any]:
    opportunity = ctx.site.opportunities[slug]
    view = opportunity_view(ctx, opportunity)
    meta = PageMeta(
        title=opportunity.title,
        path=f"opportunities/{slug}/",
        nav="opportunities",
        description=opportunity.summary,
        breadcrumbs=ctx.crumbs(("Opportunities", ctx.info.path("opportunities/"))),
        json_ld=(
            job_posting(
                opportunity,
                ctx.views.absolute("opportunities", opportunity.slug),
                ctx.info.organisation,
                ctx.urls,
                ctx.zone,
            ),
        ),
        search=SearchMeta(
            "Opportunity",
            (
                ("status", view.summary.state.capitalize()),
                ("year", str(opportunity.closes.year)),
            ),
            (opportunity.opens or opportunity.closes).isoformat(),
            "Opens" if opportunity.opens else "Closes",
        ),
    )
    return ctx.page(
        ctx.item_meta(meta, opportunity), opportunity=view, involvement=involvement_page(ctx)
    )


# ---------------------------------------------------------------------- files


def entries(ctx: SectionContext) -> list[Entry]:
    opportunities = sorted(
        ctx.site.opportunities.values(),
        key=lambda o: (o.opens or o.closes, o.slug),
        reverse=True,
    )
    return [
        Entry(
            path=ctx.views.item_path("opportunities", o.slug),
            title=o.title,
            updated=last_changed(o, ctx.today),
            summary=f"{pay_label(o.payment)}. {dates_label(o)} {o.summary or ''}".strip(),
        )
        for o in opportunities
    ]


def opportunities_json(ctx: SectionContext) -> bytes:
    index, site = ctx.index, ctx.site
    items = []
    for opportunity in index.opportunities_ranked:
        state = index.opportunity_state(opportunity)
        payment = opportunity.payment
        outcome = opportunity.outcome
        items.append(
            {
                "slug": opportunity.slug,
                "title": opportunity.title,
                "summary": opportunity.summary,
                "project": (
                    site.projects[opportunity.project].title if opportunity.project else None
                ),
                "payment": {
                    "amount": payment.amount,
                    "currency": payment.currency,
                    "per": payment.per.value,
                    "label": pay_label(payment),
                    "notes": payment.notes,
                },
                "time_commitment": opportunity.time_commitment,
                "location": {
                    "mode": opportunity.location.mode.value,
                    "place": opportunity.location.place,
                },
                "who_can_apply": opportunity.who_can_apply,
                "selection": opportunity.selection,
                "how_to_apply": opportunity.how_to_apply,
                "apply": apply_json(opportunity),
                "opens": opportunity.opens.isoformat() if opportunity.opens else None,
                "closes": opportunity.closes.isoformat(),
                "state": state.value,
                "places": opportunity.places,
                "support": opportunity.support,
                "outcome": (
                    {"applied": outcome.applied, "selected": outcome.selected}
                    if outcome and state is OpportunityState.CLOSED
                    else None
                ),
                "url": ctx.views.absolute("opportunities", opportunity.slug),
            }
        )
    return json_document(ctx.views, "opportunities", items)


def apply_json(opportunity: Opportunity) -> dict[str, Any] | None:
    apply = opportunity.apply
    if apply is None:
        return None
    return {
        "url": apply.url,
        "email": apply.email,
        "phone": apply.phone,
        "formats": list(apply.formats),
        "notes": apply.notes,
    }


def files(ctx: SectionContext) -> Iterator[FileJob]:
    info = ctx.info
    maker = ctx.feed_maker()
    reads = _listing
    yield FileJob(
        FEED,
        lambda: maker.atom(FEED, f"{info.title}: opportunities", "opportunities/", entries(ctx)),
        "opportunities",
        reads=reads,
        listed=Listed(FEEDS_AND_CALENDARS, 20, "Opportunities (Atom feed)"),
        feed_title="Opportunities (Atom feed)",
        media_type=ATOM_TYPE,
        subscription=Subscription(
            "Opportunities", 10, "New paid opportunities as they are published", by_email=True
        ),
    )
    yield FileJob(
        DATA,
        lambda: opportunities_json(ctx),
        "opportunities",
        reads=lambda: (all_of("opportunities"), all_of("projects")),
        listed=Listed(
            DATA_FILES, 40, "opportunities.json", Markup("every opportunity with its state (JSON).")
        ),
    )
    yield FileJob(
        CALENDAR,
        lambda: deadlines_calendar(ctx.views, f"{info.title}: opportunities opening and closing"),
        "opportunities",
        media_type=ICS,
        reads=reads,
        subscription=Subscription(
            "Opportunities", 11, "The day each opportunity opens and the day it closes"
        ),
        listed=Listed(
            FEEDS_AND_CALENDARS,
            60,
            CALENDAR,
            Markup("each opportunity's opening and closing dates, as all-day events."),
        ),
    )


def field_docs(ctx: SectionContext) -> Iterator[FieldDocs]:
    yield FieldDocs(
        40,
        "json",
        (
            (
                Markup("<code>opportunities.json</code>: <code>opportunities[]</code>"),
                Markup(
                    "<code>slug</code>, <code>title</code>, <code>summary</code>, "
                    "<code>project</code>, <code>payment</code> (<code>{amount, currency, per, "
                    "label, notes}</code>), <code>time_commitment</code>, <code>location</code> "
                    "(<code>{mode, place}</code>), <code>who_can_apply</code>, "
                    "<code>selection</code>, <code>how_to_apply</code>, <code>apply</code> "
                    "(<code>{url, email, phone, formats, notes}</code>, the ways to apply), "
                    "<code>opens</code>, "
                    "<code>closes</code>, <code>state</code> (<code>upcoming</code>, "
                    "<code>open</code>, <code>closing soon</code> or <code>closed</code>, as of "
                    "the build date), <code>places</code>, <code>support</code>, "
                    "<code>outcome</code> (<code>{applied, selected}</code>, only once closed) "
                    "and <code>url</code>."
                ),
            ),
        ),
    )


def checks(check: CheckContext) -> Iterator[Problem]:
    yield from missing_summaries(check.site.opportunities.values())
    names = people_names(check.site.people)
    for opportunity in check.site.opportunities.values():
        yield from apply_problems(opportunity, check.today, check.site.people, names)
        if opportunity.outcome is None and check.today - opportunity.closes > OUTCOME_GRACE:
            yield Problem(
                opportunity.source.path,
                opportunity.source.line("closes"),
                "outcome",
                f"closed on {opportunity.closes.isoformat()}, more than a month ago, and has no "
                "outcome; add 'outcome:' with 'applied:' and 'selected:'",
                Severity.WARNING,
            )
    if check.site.opportunities and ("pages", INVOLVEMENT) not in check.existing:
        yield Problem(
            f"{check.content_root}/pages/{INVOLVEMENT}.md",
            0,
            "",
            "is missing: every opportunity links to it",
            Severity.WARNING,
        )


SECTION = Section(
    key="opportunities",
    order=60,
    collection="opportunities",
    paths={"opportunities": lambda slug: f"opportunities/{slug}/"},
    pages=pages,
    files=files,
    field_docs=field_docs,
    nav=NavEntry("opportunities", "Opportunities", "opportunities/", 40),
    checks=checks,
    template_ids=frozenset({"who", "selection", "support", "apply", "payment", "outcome"}),
    template_id_prefixes=("state-",),
    top_level=("opportunities",),
)
