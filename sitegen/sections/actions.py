"""The action tracker: every action, with a view per status, flag, group and owner,
and the actions as CSV and JSON."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from markupsafe import Markup

from sitegen.data import csv_document, json_document, owner
from sitegen.delivery import Delivery, delivery_of, done_on
from sitegen.plan import (
    DATA_FILES,
    FieldDocs,
    FileJob,
    Listed,
    NavEntry,
    PageJob,
    PageMeta,
    Section,
    SectionContext,
    bind,
)
from sitegen.reads import all_of
from sitegen.tracker import TrackedAction, TrackerView, actions_in_views, tracker_views
from sitegen.values import plural

CSV = "data/actions.csv"
JSON = "data/actions.json"
CSV_COLUMNS = (
    "ref",
    "meeting",
    "meeting_date",
    "group",
    "id",
    "text",
    "owners",
    "due",
    "due_date",
    "due_note",
    "status",
    "overdue",
    "overdue_days",
    "stale",
    "last_update",
    "url",
    "done_date",
    "delivery",
)


def view_path(view: TrackerView) -> str:
    return f"actions/{view.key}/"


def views_of(ctx: SectionContext) -> tuple[TrackerView, ...]:
    return tuple(ctx.memo("tracker-views", lambda: tracker_views(ctx.index.stale_after_months)))


def picked(ctx: SectionContext) -> dict[str, list[TrackedAction]]:
    """The actions of each status and flag view, computed once per build."""
    found: dict[str, list[TrackedAction]] = ctx.memo(
        "tracker-picked", lambda: actions_in_views(ctx.index.actions, views_of(ctx))
    )
    return found


def owners_with_views(ctx: SectionContext) -> list[str]:
    """Owners with a tracker view: groups, and people with a public profile."""
    site = ctx.site

    def find() -> list[str]:
        people = site.people
        return [
            slug
            for slug in ctx.index.action_owners
            if slug in site.groups or (slug in people and people[slug].profile)
        ]

    found: list[str] = ctx.memo("tracker-owners", find)
    return found


def _reads() -> Iterable[str]:
    return (all_of("meetings"), all_of("groups"), all_of("people"))


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    def job(path: str, facet: str, value: str) -> PageJob:
        return PageJob(
            path, "actions.html", bind(tracker, ctx, facet, value), "actions", reads=_reads
        )

    yield job("actions/", "", "")
    for view in views_of(ctx):
        yield job(view_path(view), "view", view.key)
    for slug in ctx.index.groups_with_actions:
        yield job(f"actions/group/{slug}/", "group", slug)
    for slug in owners_with_views(ctx):
        yield job(f"actions/owner/{slug}/", "owner", slug)


def tabs(ctx: SectionContext) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
    """The links to every view of the tracker, with counts: the same on every view."""

    def make() -> tuple[list[Any], list[Any], list[Any], list[Any]]:
        index, views, path = ctx.index, ctx.views, ctx.info.path
        chosen = picked(ctx)

        def of_kind(kind: str) -> list[Any]:
            return [
                (view.key, view.label, path(view_path(view)), len(chosen[view.key]))
                for view in views_of(ctx)
                if view.kind == kind
            ]

        groups = [
            (
                views.group_link(slug),
                len(index.actions_by_group[slug]),
                path(f"actions/group/{slug}/"),
                slug,
            )
            for slug in ctx.site.groups
            if slug in index.actions_by_group
        ]
        owners = sorted(
            (
                (
                    views.owner_link(slug),
                    len(index.actions_by_owner[slug]),
                    path(f"actions/owner/{slug}/"),
                    slug,
                )
                for slug in owners_with_views(ctx)
            ),
            key=lambda entry: entry[0].text.lower(),
        )
        return of_kind("status"), of_kind("flag"), groups, owners

    found: tuple[list[Any], list[Any], list[Any], list[Any]] = ctx.memo("tracker-tabs", make)
    return found


def tracker(ctx: SectionContext, facet: str, value: str) -> dict[str, Any]:
    index, views = ctx.index, ctx.views
    chosen: Iterable[TrackedAction]
    if facet == "view":
        view = next(v for v in views_of(ctx) if v.key == value)
        chosen = picked(ctx)[value]
        heading = (
            f"{view.label} actions"
            if view.kind == "status"
            else f"Open or in progress: {view.label.lower()}"
        )
        path = view_path(view)
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
    meta = PageMeta(
        title=heading,
        path=path,
        nav="actions",
        breadcrumbs=ctx.crumbs(("Actions", ctx.info.path("actions/"))) if facet else ctx.crumbs(),
        description="Every action agreed at a meeting, who owns it, when it is due, "
        "and whether it was done.",
    )
    status_tabs, flag_tabs, group_tabs, owner_tabs = tabs(ctx)
    total, by_group = views.delivery()
    return ctx.page(
        meta,
        delivery_total=total,
        delivery_groups=by_group,
        delivery_sentence=total.sentence(),
        actions=views.actions(chosen),
        facet=facet,
        value=value,
        heading=heading,
        total=len(index.actions),
        status_views=status_tabs,
        flag_views=flag_tabs,
        group_views=group_tabs,
        owner_views=owner_tabs,
    )


# ---------------------------------------------------------------------- data


def action_row(ctx: SectionContext, tracked: TrackedAction) -> dict[str, Any]:
    action, meeting, views = tracked.action, tracked.meeting, ctx.views
    return {
        "ref": tracked.ref,
        "meeting": ctx.index.meeting_title(meeting),
        "meeting_date": meeting.date.isoformat(),
        "group": ctx.index.group_name(meeting.group),
        "id": action.id,
        "text": action.text,
        "owners": [owner(views, slug) for slug in action.owners],
        "due": action.due.as_text() if action.due else None,
        "due_date": tracked.due_date.isoformat() if tracked.due_date else None,
        "due_note": action.due_note,
        "status": tracked.status.value,
        "overdue": tracked.is_overdue,
        "overdue_days": tracked.overdue_days,
        "stale": tracked.is_stale,
        "last_update": tracked.last_reviewed.isoformat(),
        "url": f"{views.absolute('meetings', meeting.slug)}#action-{action.id}",
        "done_date": done.isoformat() if (done := done_on(tracked)) else None,
        "delivery": outcome.value if (outcome := delivery_of(tracked, ctx.today)) else None,
    }


def actions_csv(ctx: SectionContext) -> bytes:
    def rows() -> Iterator[dict[str, Any]]:
        for tracked in ctx.index.actions:
            row = action_row(ctx, tracked)
            row["owners"] = "; ".join(found["name"] for found in row["owners"])
            row["overdue"] = "yes" if row["overdue"] else "no"
            row["stale"] = "yes" if row["stale"] else "no"
            yield row

    return csv_document(CSV_COLUMNS, rows())


def actions_json(ctx: SectionContext) -> bytes:
    views, index = ctx.views, ctx.index
    items = []
    for tracked in index.actions:
        row = action_row(ctx, tracked)
        row["meeting"] = {
            "title": row.pop("meeting"),
            "date": row.pop("meeting_date"),
            "group": row.pop("group"),
            "url": views.absolute("meetings", tracked.meeting.slug),
        }
        row["history"] = [
            {
                "date": entry.meeting.date.isoformat(),
                "status": entry.status.value,
                "note": entry.note,
                "meeting": index.meeting_title(entry.meeting),
                "url": views.absolute("meetings", entry.meeting.slug),
                "agreed": entry.is_origin,
            }
            for entry in tracked.history
        ]
        items.append(row)
    return json_document(views, "actions", items)


def files(ctx: SectionContext) -> Iterator[FileJob]:
    yield FileJob(
        CSV,
        lambda: actions_csv(ctx),
        "actions",
        reads=_reads,
        listed=Listed(
            DATA_FILES,
            10,
            "actions.csv",
            Markup("every action, one row each (CSV, RFC 4180, with a header row)."),
        ),
    )
    yield FileJob(
        JSON,
        lambda: actions_json(ctx),
        "actions",
        reads=_reads,
        listed=Listed(
            DATA_FILES, 11, "actions.json", Markup("every action with its full history (JSON).")
        ),
    )


def _code(name: str) -> Markup:
    return Markup("<code>{}</code>").format(name)


def field_docs(ctx: SectionContext) -> Iterator[FieldDocs]:
    months = plural(ctx.info.stale_after_months, "month")
    columns = {
        "ref": "The action's reference: the meeting's name and the action's id, e.g. "
        "<code>2021-11-08-allies-group#a1</code>.",
        "meeting": "The title of the meeting that agreed it.",
        "meeting_date": "The date of that meeting.",
        "group": "The group that met.",
        "id": "The action's id within its meeting.",
        "text": "What was agreed.",
        "owners": "Who took it on: names of people or groups, separated by <code>; </code>.",
        "due": "The deadline as written: a date, a month (<code>2022-02</code>), "
        "<code>asap</code>, <code>ongoing</code> or <code>next-meeting</code>; empty if none.",
        "due_date": "The date it is due by: a month's last day, or the next meeting's date; "
        "empty for asap, ongoing and no deadline.",
        "due_note": "Words recorded beside the deadline, if any.",
        "status": "The latest status recorded: <code>open</code>, <code>in-progress</code>, "
        "<code>done</code> or <code>dropped</code>.",
        "overdue": "<code>yes</code> when the due date is before the build date and the action "
        "is neither done nor dropped; otherwise <code>no</code>.",
        "overdue_days": "How many days past due; 0 when not overdue.",
        "stale": "<code>yes</code> when the action is open or in progress and no meeting has "
        f"recorded anything about it for more than {months} (its last review is older than "
        "that); otherwise <code>no</code>.",
        "last_update": "When the action was last reviewed: the date of the meeting of its "
        "latest update, or of the meeting that agreed it.",
        "url": "The action on its meeting's page.",
        "done_date": "When it was done: the date of the meeting that recorded it as done (the "
        "latest time, if it was reopened); empty unless its status is <code>done</code>.",
        "delivery": "For an action due before the build date: "
        + ", ".join(f"<code>{outcome.value}</code>" for outcome in Delivery)
        + " (open or in progress, past its deadline); empty when it was not yet due, or has "
        "no date to be due by (asap, ongoing, no deadline). The figures in "
        "<code>delivery.json</code> count these.",
    }
    yield FieldDocs(
        10,
        "table",
        tuple((_code(name), Markup(columns[name])) for name in CSV_COLUMNS),
        file="actions.csv",
        id="actions-fields",
    )
    yield FieldDocs(
        10,
        "json",
        (
            (
                Markup("<code>actions.json</code>: <code>actions[]</code>"),
                Markup(
                    "The same fields as the CSV, with <code>owners</code> as a list of "
                    "<code>{name, kind, url}</code> (<code>kind</code> is <code>person</code> or "
                    "<code>group</code>; <code>url</code> is empty for people without a public "
                    "profile), <code>meeting</code> as <code>{title, date, group, url}</code>, "
                    "and <code>history</code>: a list, oldest first, of <code>{date, status, "
                    "note, meeting, url, agreed}</code>, where <code>agreed</code> is true for "
                    "the meeting that agreed the action and false for later updates."
                ),
            ),
        ),
    )


SECTION = Section(
    key="actions",
    order=20,
    pages=pages,
    files=files,
    field_docs=field_docs,
    nav=NavEntry("actions", "Actions", "actions/", 20),
    template_ids=frozenset({"views-heading"}),
    top_level=("actions",),
)
