"""The plan of every HTML page: where it goes, its template and its context.

:func:`plan_pages` lists the pages without rendering them; each job makes its
context only when called, so pages can be rendered in any order, in several
processes, or one at a time on demand by the preview server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from sitegen import jsonld
from sitegen.config import SiteUrls
from sitegen.model import GroupStatus
from sitegen.tracker import (
    TrackedAction,
    TrackerView,
    actions_in_views,
    count_actions,
    tracker_views,
)
from sitegen.values import long_date
from sitegen.views import GROUP_STATUS_LABELS, Views


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: str


@dataclass(frozen=True)
class SiteInfo:
    """What every page knows about the site."""

    title: str
    description: str | None
    organisation: str
    urls: SiteUrls
    zone: ZoneInfo
    today_label: str
    nav: tuple[NavItem, ...]
    stale_after_months: int
    """How long an outstanding action may go without an update before it is flagged."""
    preview: bool
    """Rendering for ``sitegen serve``: live reload and draft banners."""
    preview_version: int = 0
    """Which version of the preview site a page shows, so open tabs know when to reload."""
    today_iso: str = ""
    """The build date, YYYY-MM-DD: pages compare it with the visitor's date."""

    @property
    def base_path(self) -> str:
        return self.urls.base_path

    def path(self, relative: str) -> str:
        return self.urls.path(relative)


@dataclass(frozen=True)
class SearchMeta:
    """How Pagefind indexes a page: its filters and the date it sorts by."""

    type: str
    filters: tuple[tuple[str, str], ...]
    sort_date: str
    """ISO date; every indexed page has one, or Pagefind drops it from sorted results."""

    @property
    def date_label(self) -> str:
        """The date shown beside a search result; empty for undated pages."""
        if self.sort_date.startswith("0000"):
            return ""
        return long_date(dt.date.fromisoformat(self.sort_date))


@dataclass(frozen=True)
class PageMeta:
    title: str
    path: str
    """Site-relative, e.g. ``meetings/x/``."""
    nav: str = ""
    description: str | None = None
    breadcrumbs: tuple[tuple[str, str], ...] = ()
    json_ld: tuple[dict[str, Any], ...] = ()
    search: SearchMeta | None = None
    draft: bool = False
    feeds: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PageJob:
    path: str
    template: str
    context: Callable[[], dict[str, Any]] = field(compare=False)
    source: str = ""
    """The content file the page shows, if it shows one."""

    @property
    def output_file(self) -> str:
        """``meetings/x/`` is written as ``meetings/x/index.html``."""
        return self.path + "index.html" if self.path.endswith("/") or not self.path else self.path


class Planner:
    def __init__(self, views: Views, info: SiteInfo) -> None:
        self.views = views
        self.index = views.index
        self.site = views.site
        self.info = info

    def context(self, meta: PageMeta, **values: Any) -> dict[str, Any]:
        return {"site": self.info, "page": meta, "footer_pages": self.views.footer_pages, **values}

    def crumbs(self, *items: tuple[str, str]) -> tuple[tuple[str, str], ...]:
        return (("Home", self.info.path("")), *items)

    # ------------------------------------------------------------------ the plan

    def plan(self) -> list[PageJob]:
        jobs: list[PageJob] = [
            PageJob("", "home.html", self.home),
            PageJob("search/", "search.html", self.search),
            PageJob("404.html", "404.html", self.not_found),
            PageJob("data/", "data.html", self.data_page),
        ]
        jobs += self.meeting_pages()
        jobs += self.action_pages()
        jobs += self.group_pages()
        jobs += self.people_pages()
        jobs += self.project_pages()
        jobs += self.opportunity_pages()
        jobs += self.report_pages()
        jobs += self.news_pages()
        jobs += self.content_pages()
        return jobs

    # ------------------------------------------------------------------ home, search, 404, data

    def home(self) -> dict[str, Any]:
        meta = PageMeta(
            title=self.info.title,
            path="",
            nav="home",
            description=self.info.description,
            json_ld=(jsonld.website_ld(self.info.title, self.info.urls),),
            feeds=self.all_feeds(),
        )
        index, views = self.index, self.views
        open_opportunities = [
            views.opportunity_summary(o)
            for o in index.opportunities_ranked
            if index.opportunity_state(o).value in ("open", "closing soon")
        ]
        current_projects = [p for p in index.projects_ordered if p.status.value == "current"]
        return self.context(
            meta,
            meetings=views.meeting_summaries(index.meetings_newest_first[:5]),
            opportunities=tuple(open_opportunities[:6]),
            opportunity_count=len(open_opportunities),
            counts=count_actions(index.actions, index.stale_after_months),
            views={view.key: view for view in self.tracker_view_list},
            upcoming=tuple(views.upcoming(p) for p in index.upcoming_meetings[:5]),
            projects=tuple(views.project_link(p.slug) for p in current_projects),
            reports=tuple(
                (views.report(r).title, views.url("reports", r.slug), r.summary)
                for r in index.reports_newest_first[:3]
            ),
            news=tuple(views.news(n) for n in index.news_newest_first[:3]),
        )

    def search(self) -> dict[str, Any]:
        meta = PageMeta(
            title="Search",
            path="search/",
            nav="search",
            breadcrumbs=self.crumbs(),
            description="Search meetings, actions, projects, opportunities and reports.",
        )
        return self.context(meta)

    def not_found(self) -> dict[str, Any]:
        return self.context(PageMeta(title="Page not found", path="404.html"))

    def data_page(self) -> dict[str, Any]:
        meta = PageMeta(
            title="Open data",
            path="data/",
            breadcrumbs=self.crumbs(),
            description="Download the portal's data as CSV, JSON, Atom feeds and calendars.",
            feeds=self.all_feeds(),
        )
        return self.context(
            meta,
            feeds=self.all_feeds(),
            groups=tuple(self.views.group_link(g) for g in self.site.groups),
        )

    def all_feeds(self) -> tuple[tuple[str, str], ...]:
        path = self.info.path
        return (
            ("Meetings (Atom feed)", path("meetings/feed.xml")),
            ("Opportunities (Atom feed)", path("opportunities/feed.xml")),
            ("News (Atom feed)", path("news/feed.xml")),
        )

    # ------------------------------------------------------------------ meetings and actions

    def meeting_pages(self) -> list[PageJob]:
        jobs = [
            PageJob("meetings/", "meetings.html", self.meetings_listing),
            PageJob("meetings/upcoming/", "upcoming.html", self.upcoming_listing),
        ]
        for meeting in self.site.meetings.values():
            jobs.append(
                PageJob(
                    f"meetings/{meeting.slug}/",
                    "meeting.html",
                    _bind(self.meeting_page, meeting.slug),
                    meeting.source.path,
                )
            )
        return jobs

    def meetings_listing(self) -> dict[str, Any]:
        meta = PageMeta(
            title="Meetings",
            path="meetings/",
            nav="meetings",
            breadcrumbs=self.crumbs(),
            description="Every meeting: what each group discussed and decided.",
            feeds=(("Meetings (Atom feed)", self.info.path("meetings/feed.xml")),),
        )
        summaries = self.views.meeting_summaries(self.index.meetings_newest_first)
        years: dict[int, list[Any]] = {}
        for summary in summaries:
            years.setdefault(summary.date.year, []).append(summary)
        groups = sorted(
            (self.views.group_link(slug) for slug in self.index.meetings_by_group),
            key=lambda link: link.text.lower(),
        )
        return self.context(
            meta, years=tuple(years.items()), groups=tuple(groups), count=len(summaries)
        )

    def upcoming_listing(self) -> dict[str, Any]:
        meta = PageMeta(
            title="Upcoming meetings",
            path="meetings/upcoming/",
            nav="meetings",
            breadcrumbs=self.crumbs(("Meetings", self.info.path("meetings/"))),
            description="When each group meets next, and calendars to subscribe to.",
        )
        index = self.index
        upcoming = tuple(self.views.upcoming(plan) for plan in index.upcoming_meetings)
        planned = {plan.group for plan in index.upcoming_meetings}
        unplanned = tuple(
            self.views.group_link(slug)
            for slug, group in self.site.groups.items()
            if slug not in planned and group.status is GroupStatus.ACTIVE
        )
        return self.context(meta, upcoming=upcoming, unplanned=unplanned)

    def meeting_page(self, slug: str) -> dict[str, Any]:
        meeting = self.site.meetings[slug]
        view = self.views.meeting(meeting)
        tracked = self.index.actions_of(meeting)
        states = [v.label for v in self.tracker_view_list if any(map(v.picks, tracked))]
        meta = PageMeta(
            title=f"{view.title}, {view.date.long}",
            path=f"meetings/{slug}/",
            nav="meetings",
            description=meeting.summary,
            breadcrumbs=self.crumbs(
                ("Meetings", self.info.path("meetings/")), (view.group.text, view.group.url or "")
            ),
            json_ld=(
                jsonld.meeting_event(
                    meeting, self.index, self.info.urls, self.info.zone, self.info.organisation
                ),
            ),
            search=SearchMeta(
                "Meeting",
                (
                    ("group", view.group.text),
                    ("year", str(view.date.year)),
                    *(("status", state) for state in states),
                ),
                view.date.iso,
            ),
            draft=meeting.is_draft,
        )
        return self.context(meta, meeting=view)

    @cached_property
    def tracker_view_list(self) -> tuple[TrackerView, ...]:
        return tracker_views(self.index.stale_after_months)

    def action_pages(self) -> list[PageJob]:
        jobs = [PageJob("actions/", "actions.html", _bind(self.tracker, "", ""))]
        jobs += [
            PageJob(view.path, "actions.html", _bind(self.tracker, "view", view.key))
            for view in self.tracker_view_list
        ]
        jobs += [
            PageJob(f"actions/group/{slug}/", "actions.html", _bind(self.tracker, "group", slug))
            for slug in self.index.groups_with_actions
        ]
        jobs += [
            PageJob(f"actions/owner/{slug}/", "actions.html", _bind(self.tracker, "owner", slug))
            for slug in self.owners_with_views
        ]
        return jobs

    @cached_property
    def owners_with_views(self) -> list[str]:
        """Owners with a tracker view: groups, and people with a public profile."""
        people = self.site.people
        return [
            slug
            for slug in self.index.action_owners
            if slug in self.site.groups or (slug in people and people[slug].profile)
        ]

    @cached_property
    def actions_in_views(self) -> dict[str, list[TrackedAction]]:
        return actions_in_views(self.index.actions, self.tracker_view_list)

    @cached_property
    def tracker_tabs(self) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
        """The links to every view of the tracker, with counts: the same on every view."""
        index, views, path = self.index, self.views, self.info.path

        def tabs(kind: str) -> list[Any]:
            return [
                (view.key, view.label, path(view.path), len(self.actions_in_views[view.key]))
                for view in self.tracker_view_list
                if view.kind == kind
            ]

        group_tabs = [
            (
                views.group_link(slug),
                len(index.actions_by_group[slug]),
                path(f"actions/group/{slug}/"),
                slug,
            )
            for slug in self.site.groups
            if slug in index.actions_by_group
        ]
        owner_tabs = sorted(
            (
                (
                    views.owner_link(slug),
                    len(index.actions_by_owner[slug]),
                    path(f"actions/owner/{slug}/"),
                    slug,
                )
                for slug in self.owners_with_views
            ),
            key=lambda entry: entry[0].text.lower(),
        )
        return tabs("status"), tabs("flag"), group_tabs, owner_tabs

    def tracker(self, facet: str, value: str) -> dict[str, Any]:
        index, views = self.index, self.views
        chosen: Iterable[TrackedAction]
        if facet == "view":
            view = next(v for v in self.tracker_view_list if v.key == value)
            chosen = self.actions_in_views[value]
            heading = (
                f"{view.label} actions"
                if view.kind == "status"
                else f"Open or in progress: {view.label.lower()}"
            )
            path = view.path
        elif facet == "group":
            chosen = index.actions_by_group.get(value, [])
            heading = f"Actions of the {views.group_link(value).text}"
            path = f"actions/group/{value}/"
        elif facet == "owner":
            chosen = index.actions_by_owner.get(value, [])
            heading = f"Actions owned by {views.owner_link(value).text}"
            path = f"actions/owner/{value}/"
        else:
            chosen, heading, path = index.actions, "Action tracker", "actions/"
        actions = views.actions(chosen)
        meta = PageMeta(
            title=heading,
            path=path,
            nav="actions",
            breadcrumbs=self.crumbs(("Actions", self.info.path("actions/")))
            if facet
            else self.crumbs(),
            description="Every action agreed at a meeting, who owns it, when it is due, "
            "and whether it was done.",
        )
        status_tabs, flag_tabs, group_tabs, owner_tabs = self.tracker_tabs
        return self.context(
            meta,
            actions=actions,
            facet=facet,
            value=value,
            heading=heading,
            total=len(index.actions),
            status_views=status_tabs,
            flag_views=flag_tabs,
            group_views=group_tabs,
            owner_views=owner_tabs,
        )

    # ------------------------------------------------------------------ groups and people

    def group_pages(self) -> list[PageJob]:
        jobs = [PageJob("groups/", "groups.html", self.groups_listing)]
        jobs += [
            PageJob(
                f"groups/{slug}/", "group.html", _bind(self.group_page, slug), group.source.path
            )
            for slug, group in self.site.groups.items()
        ]
        return jobs

    def groups_by_status(self) -> tuple[tuple[str, tuple[Any, ...]], ...]:
        ordered = []
        for status in (GroupStatus.ACTIVE, GroupStatus.PROPOSED, GroupStatus.CLOSED):
            groups = sorted(
                (g for g in self.site.groups.values() if g.status is status),
                key=lambda g: g.name.lower(),
            )
            if groups:
                ordered.append(
                    (
                        f"{GROUP_STATUS_LABELS[status]} groups",
                        tuple(
                            (self.views.group_link(g.slug), g.purpose, g.status.value)
                            for g in groups
                        ),
                    )
                )
        return tuple(ordered)

    def groups_listing(self) -> dict[str, Any]:
        meta = PageMeta(
            title="Groups",
            path="groups/",
            nav="meetings",
            breadcrumbs=self.crumbs(),
            description=f"The groups that govern and advise {self.info.organisation}.",
        )
        return self.context(meta, by_status=self.groups_by_status())

    def group_page(self, slug: str) -> dict[str, Any]:
        group = self.site.groups[slug]
        view = self.views.group(group)
        latest = self.index.meetings_by_group.get(slug)
        meta = PageMeta(
            title=view.name,
            path=f"groups/{slug}/",
            nav="meetings",
            description=group.purpose,
            breadcrumbs=self.crumbs(("Groups", self.info.path("groups/"))),
            search=SearchMeta(
                "Group",
                (("group", view.name), ("status", view.status_label)),
                latest[0].date.isoformat() if latest else "0000-01-01",
            ),
            draft=group.is_draft,
            feeds=((f"{view.name} meetings (Atom feed)", view.feed_url),),
        )
        return self.context(meta, group=view)

    def people_pages(self) -> list[PageJob]:
        jobs = [PageJob("people/", "people.html", self.people_listing)]
        jobs += [
            PageJob(
                f"people/{p.slug}/", "person.html", _bind(self.person_page, p.slug), p.source.path
            )
            for p in self.index.people_with_profiles
        ]
        return jobs

    def people_listing(self) -> dict[str, Any]:
        meta = PageMeta(
            title="People",
            path="people/",
            breadcrumbs=self.crumbs(),
            description="People with a public profile on this portal.",
        )
        people = tuple(self.views.person_link(p.slug) for p in self.index.people_with_profiles)
        roles = tuple(self.site.people[p.slug].role for p in self.index.people_with_profiles)
        return self.context(meta, people=tuple(zip(people, roles, strict=True)))

    def person_page(self, slug: str) -> dict[str, Any]:
        person = self.site.people[slug]
        view = self.views.person(person)
        attended = self.index.attendance.get(slug)
        last = (
            attended.present[0].date.isoformat() if attended and attended.present else "0000-01-01"
        )
        meta = PageMeta(
            title=view.name,
            path=f"people/{slug}/",
            description=person.role,
            breadcrumbs=self.crumbs(("People", self.info.path("people/"))),
            json_ld=(jsonld.person_ld(person, self.info.urls),),
            search=SearchMeta("Person", (), last),
            draft=person.is_draft,
        )
        return self.context(meta, person=view)

    # ------------------------------------------------------------------ projects, opportunities

    def project_pages(self) -> list[PageJob]:
        jobs = [PageJob("projects/", "projects.html", self.projects_listing)]
        jobs += [
            PageJob(
                f"projects/{slug}/", "project.html", _bind(self.project_page, slug), p.source.path
            )
            for slug, p in self.site.projects.items()
        ]
        return jobs

    def projects_listing(self) -> dict[str, Any]:
        meta = PageMeta(
            title="Projects",
            path="projects/",
            nav="projects",
            breadcrumbs=self.crumbs(),
            description="Delivery projects: who we work with and our role.",
        )
        sections: dict[str, list[Any]] = {}
        for project in self.index.projects_ordered:
            sections.setdefault(project.status.value, []).append(self.views.project(project))
        return self.context(meta, sections=tuple(sections.items()))

    def project_page(self, slug: str) -> dict[str, Any]:
        project = self.site.projects[slug]
        view = self.views.project(project)
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
            breadcrumbs=self.crumbs(("Projects", self.info.path("projects/"))),
            json_ld=(jsonld.project_ld(project, self.info.urls, self.info.organisation),),
            search=SearchMeta(
                "Project",
                tuple(filters),
                project.started.isoformat() if project.started else "0000-01-01",
            ),
            draft=project.is_draft,
        )
        return self.context(meta, project=view)

    def opportunity_pages(self) -> list[PageJob]:
        jobs = [PageJob("opportunities/", "opportunities.html", self.opportunities_listing)]
        jobs += [
            PageJob(
                f"opportunities/{slug}/",
                "opportunity.html",
                _bind(self.opportunity_page, slug),
                o.source.path,
            )
            for slug, o in self.site.opportunities.items()
        ]
        return jobs

    def involvement_page(self) -> str | None:
        page = self.site.pages.get("how-we-involve-co-producers")
        return self.views.url("pages", page.slug) if page else None

    def opportunities_listing(self) -> dict[str, Any]:
        meta = PageMeta(
            title="Opportunities",
            path="opportunities/",
            nav="opportunities",
            breadcrumbs=self.crumbs(),
            description="Paid opportunities for co-producers: what they pay, how to apply and "
            "how people are selected.",
            feeds=(("Opportunities (Atom feed)", self.info.path("opportunities/feed.xml")),),
        )
        sections: dict[str, list[Any]] = {}
        for opportunity in self.index.opportunities_ranked:
            summary = self.views.opportunity_summary(opportunity)
            sections.setdefault(summary.state, []).append(summary)
        return self.context(
            meta, sections=tuple(sections.items()), involvement=self.involvement_page()
        )

    def opportunity_page(self, slug: str) -> dict[str, Any]:
        opportunity = self.site.opportunities[slug]
        view = self.views.opportunity(opportunity)
        meta = PageMeta(
            title=opportunity.title,
            path=f"opportunities/{slug}/",
            nav="opportunities",
            description=opportunity.summary,
            breadcrumbs=self.crumbs(("Opportunities", self.info.path("opportunities/"))),
            json_ld=(
                jsonld.job_posting(
                    opportunity, self.info.urls, self.info.zone, self.info.organisation
                ),
            ),
            search=SearchMeta(
                "Opportunity",
                (
                    ("status", view.summary.state.capitalize()),
                    ("year", str(opportunity.closes.year)),
                ),
                (opportunity.opens or opportunity.closes).isoformat(),
            ),
            draft=opportunity.is_draft,
        )
        return self.context(meta, opportunity=view, involvement=self.involvement_page())

    # ------------------------------------------------------------------ reports, news, pages

    def report_pages(self) -> list[PageJob]:
        jobs = [PageJob("reports/", "reports.html", self.reports_listing)]
        jobs += [
            PageJob(f"reports/{slug}/", "report.html", _bind(self.report_page, slug), r.source.path)
            for slug, r in self.site.reports.items()
        ]
        return jobs

    def reports_listing(self) -> dict[str, Any]:
        meta = PageMeta(
            title="Reports",
            path="reports/",
            nav="reports",
            breadcrumbs=self.crumbs(),
            description="Progress reports on our strategy.",
        )
        return self.context(
            meta, reports=tuple(self.views.report(r) for r in self.index.reports_newest_first)
        )

    def report_page(self, slug: str) -> dict[str, Any]:
        report = self.site.reports[slug]
        view = self.views.report(report)
        filters: list[tuple[str, str]] = []
        if report.published:
            filters.append(("year", str(report.published.year)))
        meta = PageMeta(
            title=view.title,
            path=f"reports/{slug}/",
            nav="reports",
            description=report.summary,
            breadcrumbs=self.crumbs(("Reports", self.info.path("reports/"))),
            json_ld=(jsonld.report_ld(report, self.info.urls, self.info.organisation),),
            search=SearchMeta(
                "Report",
                tuple(filters),
                report.published.isoformat() if report.published else "0000-01-01",
            ),
            draft=report.is_draft,
        )
        return self.context(meta, report=view)

    def news_pages(self) -> list[PageJob]:
        jobs = [PageJob("news/", "news.html", self.news_listing)]
        jobs += [
            PageJob(f"news/{slug}/", "news_item.html", _bind(self.news_page, slug), n.source.path)
            for slug, n in self.site.news.items()
        ]
        return jobs

    def news_listing(self) -> dict[str, Any]:
        meta = PageMeta(
            title="News",
            path="news/",
            nav="news",
            breadcrumbs=self.crumbs(),
            description=f"News from {self.info.organisation}.",
            feeds=(("News (Atom feed)", self.info.path("news/feed.xml")),),
        )
        return self.context(
            meta, posts=tuple(self.views.news(n) for n in self.index.news_newest_first)
        )

    def news_page(self, slug: str) -> dict[str, Any]:
        post = self.site.news[slug]
        view = self.views.news(post)
        meta = PageMeta(
            title=view.title,
            path=f"news/{slug}/",
            nav="news",
            description=post.summary,
            breadcrumbs=self.crumbs(("News", self.info.path("news/"))),
            json_ld=(jsonld.news_ld(post, self.info.urls, self.info.organisation),),
            search=SearchMeta("News", (("year", str(post.date.year)),), post.date.isoformat()),
            draft=post.is_draft,
        )
        return self.context(meta, post=view)

    def content_pages(self) -> list[PageJob]:
        return [PageJob("pages/", "pages.html", self.pages_listing)] + [
            PageJob(f"{slug}/", "page.html", _bind(self.content_page, slug), p.source.path)
            for slug, p in self.site.pages.items()
        ]

    def pages_listing(self) -> dict[str, Any]:
        meta = PageMeta(
            title="About this portal",
            path="pages/",
            breadcrumbs=self.crumbs(),
            description=f"Pages about {self.info.organisation}, how it works and this portal.",
        )
        pages = tuple(self.views.page(p) for p in self.index.pages_in_order)
        return self.context(meta, pages=pages)

    def content_page(self, slug: str) -> dict[str, Any]:
        page = self.site.pages[slug]
        view = self.views.page(page)
        meta = PageMeta(
            title=view.title,
            path=f"{slug}/",
            nav="about" if slug == "about" else "",
            description=page.summary,
            breadcrumbs=self.crumbs(),
            search=SearchMeta("Page", (), "0000-01-01"),
            draft=page.is_draft,
        )
        extra: dict[str, Any] = {}
        if page.lists and page.lists.value == "groups":
            extra["by_status"] = self.groups_by_status()
        elif page.lists and page.lists.value == "opportunities":
            extra["opportunities"] = tuple(
                self.views.opportunity_summary(o)
                for o in self.index.opportunities_ranked
                if self.index.opportunity_state(o).value != "closed"
            )
        elif page.lists and page.lists.value == "projects":
            extra["projects"] = tuple(self.views.project(p) for p in self.index.projects_ordered)
        return self.context(meta, content=view, **extra)


def _bind(method: Callable[..., dict[str, Any]], *args: str) -> Callable[[], dict[str, Any]]:
    def make() -> dict[str, Any]:
        return method(*args)

    return make


def nav_items(urls: SiteUrls, has_about: bool) -> tuple[NavItem, ...]:
    items = [
        NavItem("meetings", "Meetings", urls.path("meetings/")),
        NavItem("actions", "Actions", urls.path("actions/")),
        NavItem("projects", "Projects", urls.path("projects/")),
        NavItem("opportunities", "Opportunities", urls.path("opportunities/")),
        NavItem("reports", "Report", urls.path("reports/")),
        NavItem("news", "News", urls.path("news/")),
    ]
    if has_about:
        items.append(NavItem("about", "About", urls.path("about/")))
    items.append(NavItem("search", "Search", urls.path("search/")))
    return tuple(items)
