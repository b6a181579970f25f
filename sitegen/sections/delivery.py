"""Delivery as open data: of the actions due before the build date, how many were done
on time, done late, dropped, and how many are still overdue, in all and for each group
(``data/delivery.json``). The tracker and each group's page show the same figures."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from markupsafe import Markup

from sitegen.data import json_document
from sitegen.delivery import DeliveryCounts
from sitegen.plan import DATA_FILES, FieldDocs, FileJob, Listed, Section, SectionContext
from sitegen.reads import all_of

JSON = "data/delivery.json"


def _reads() -> Iterable[str]:
    return (all_of("meetings"), all_of("groups"))


def delivery_json(ctx: SectionContext) -> bytes:
    total, by_group = ctx.views.delivery()
    items = [
        {"group": None, "group_url": None, **figures(total)},
        *(
            {"group": link.text, "group_url": ctx.urls.absolute(link.url or ""), **figures(counts)}
            for link, counts in by_group
        ),
    ]
    return json_document(ctx.views, "delivery", items)


def figures(counts: DeliveryCounts) -> dict[str, Any]:
    return {
        "due_before": counts.today.isoformat(),
        "due": counts.due,
        "done_on_time": counts.on_time,
        "done_late": counts.late,
        "dropped": counts.dropped,
        "still_overdue": counts.overdue,
    }


def files(ctx: SectionContext) -> Iterator[FileJob]:
    yield FileJob(
        JSON,
        lambda: delivery_json(ctx),
        "delivery",
        reads=_reads,
        listed=Listed(
            DATA_FILES,
            12,
            "delivery.json",
            Markup(
                "of the actions due before the build date, how many were done on time, done "
                "late, dropped, and how many are still overdue: in all, and for each group (JSON)."
            ),
        ),
    )


def field_docs(ctx: SectionContext) -> Iterator[FieldDocs]:
    yield FieldDocs(
        12,
        "json",
        (
            (
                Markup("<code>delivery.json</code>: <code>delivery[]</code>"),
                Markup(
                    "First the whole site (<code>group</code> null), then each group with "
                    "actions: <code>group</code>, <code>group_url</code>, <code>due_before</code> "
                    "(the build date), <code>due</code> (actions whose deadline passed before "
                    "it), <code>done_on_time</code>, <code>done_late</code>, <code>dropped</code> "
                    "and <code>still_overdue</code>, which add up to <code>due</code>. An action "
                    "was done on the date of the meeting that recorded it as done; actions due "
                    "as soon as possible, ongoing and without a deadline are not counted. These "
                    "are counts of actions, never of anyone's attendance. Each action's own "
                    "<code>delivery</code> is in <code>actions.csv</code> and "
                    "<code>actions.json</code>."
                ),
            ),
        ),
    )


SECTION = Section(
    key="delivery",
    order=21,
    files=files,
    field_docs=field_docs,
)
