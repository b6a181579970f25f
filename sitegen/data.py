"""Open data: the actions as CSV, and actions, meetings, projects and opportunities as JSON.

CSV follows the GOV.UK tabular data standard (RFC 4180, UTF-8, a header
row). People appear by name; a URL is given only for people with a public
profile. Every field is documented on the site's ``/data/`` page.

A CSV file is most often opened in a spreadsheet, which runs a cell starting
with ``=``, ``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(...)`` sends the
sheet's data anywhere). Such cells get a leading apostrophe, as OWASP
recommends, so they show as text; the JSON files keep the exact text.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sitegen.config import SiteUrls
from sitegen.index import SiteIndex
from sitegen.model import Meeting
from sitegen.opportunities import OpportunityState, pay_label
from sitegen.tracker import TrackedAction
from sitegen.views import item_path

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
)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list)."""


def spreadsheet_safe(cell: object) -> object:
    """A CSV cell that a spreadsheet shows as text, never runs: ``'=1+1`` for ``=1+1``.

    A cell that starts with an apostrophe gets one more, so a program reading the
    file gets the exact text back by removing one leading apostrophe wherever there is one.
    """
    if isinstance(cell, str) and cell.startswith((*FORMULA_STARTS, "'")):
        return "'" + cell
    return cell


class OpenData:
    def __init__(self, index: SiteIndex, urls: SiteUrls) -> None:
        self.index = index
        self.site = index.site
        self.urls = urls

    def _url(self, collection: str, slug: str) -> str:
        return self.urls.absolute(item_path(collection, slug))

    def _document(self, name: str, items: list[dict[str, Any]]) -> bytes:
        document = {
            "generated": self.index.today.isoformat(),
            "site": self.urls.absolute(""),
            name: items,
        }
        text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False)
        return (text + "\n").encode("utf-8")

    # ------------------------------------------------------------------ actions

    def owner(self, slug: str) -> dict[str, Any]:
        if slug in self.site.groups:
            return {
                "name": self.site.groups[slug].name,
                "kind": "group",
                "url": self._url("groups", slug),
            }
        person = self.site.people[slug]
        return {
            "name": person.name,
            "kind": "person",
            "url": self._url("people", slug) if person.profile else None,
        }

    def action_row(self, tracked: TrackedAction) -> dict[str, Any]:
        action, meeting = tracked.action, tracked.meeting
        return {
            "ref": tracked.ref,
            "meeting": self.index.meeting_title(meeting),
            "meeting_date": meeting.date.isoformat(),
            "group": self.index.group_name(meeting.group),
            "id": action.id,
            "text": action.text,
            "owners": [self.owner(slug) for slug in action.owners],
            "due": action.due.as_text() if action.due else None,
            "due_date": tracked.due_date.isoformat() if tracked.due_date else None,
            "due_note": action.due_note,
            "status": tracked.status.value,
            "overdue": tracked.is_overdue,
            "overdue_days": tracked.overdue_days,
            "stale": tracked.is_stale,
            "last_update": tracked.last_reviewed.isoformat(),
            "url": f"{self._url('meetings', meeting.slug)}#action-{action.id}",
        }

    def actions_csv(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for tracked in self.index.actions:
            row = self.action_row(tracked)
            row["owners"] = "; ".join(owner["name"] for owner in row["owners"])
            row["overdue"] = "yes" if row["overdue"] else "no"
            row["stale"] = "yes" if row["stale"] else "no"
            writer.writerow(
                ["" if row[c] is None else spreadsheet_safe(row[c]) for c in CSV_COLUMNS]
            )
        return buffer.getvalue().encode("utf-8")

    def actions_json(self) -> bytes:
        items = []
        for tracked in self.index.actions:
            row = self.action_row(tracked)
            row["meeting"] = {
                "title": row.pop("meeting"),
                "date": row.pop("meeting_date"),
                "group": row.pop("group"),
                "url": self._url("meetings", tracked.meeting.slug),
            }
            row["history"] = [
                {
                    "date": entry.meeting.date.isoformat(),
                    "status": entry.status.value,
                    "note": entry.note,
                    "meeting": self.index.meeting_title(entry.meeting),
                    "url": self._url("meetings", entry.meeting.slug),
                    "agreed": entry.is_origin,
                }
                for entry in tracked.history
            ]
            items.append(row)
        return self._document("actions", items)

    # ------------------------------------------------------------------ meetings

    def _name(self, slug: str) -> str:
        return self.site.people[slug].name

    def _upcoming(self, meeting: Meeting) -> bool:
        outcome = self.index.what_became_of(meeting)
        return bool(outcome and outcome.upcoming)

    def meetings_json(self) -> bytes:
        items = []
        for meeting in self.index.meetings_newest_first:
            nxt = meeting.next_meeting
            items.append(
                {
                    "slug": meeting.slug,
                    "title": self.index.meeting_title(meeting),
                    "group": self.index.group_name(meeting.group),
                    "date": meeting.date.isoformat(),
                    "start": f"{meeting.start:%H:%M}" if meeting.start else None,
                    "end": f"{meeting.end:%H:%M}" if meeting.end else None,
                    "location": meeting.location,
                    "chair": self._name(meeting.chair) if meeting.chair else None,
                    "present": [self._name(s) for s in meeting.present],
                    "apologies": [self._name(s) for s in meeting.apologies],
                    "in_attendance": [self._name(s) for s in meeting.in_attendance],
                    "summary": meeting.summary,
                    "decisions": list(meeting.decisions),
                    "actions": [f"{meeting.slug}#{a.id}" for a in meeting.actions],
                    "action_updates": [
                        {"action": u.action, "status": u.status.value, "note": u.note}
                        for u in meeting.action_updates
                    ],
                    "next_meeting": {
                        "date": nxt.date.isoformat(),
                        "start": f"{nxt.start:%H:%M}" if nxt.start else None,
                        "end": f"{nxt.end:%H:%M}" if nxt.end else None,
                        "location": nxt.location,
                        "upcoming": self._upcoming(meeting),
                    }
                    if nxt
                    else None,
                    "projects": [self.site.projects[s].title for s in meeting.projects],
                    "edited_for_publication": meeting.withheld,
                    "url": self._url("meetings", meeting.slug),
                }
            )
        return self._document("meetings", items)

    # ------------------------------------------------------------------ projects, opportunities

    def projects_json(self) -> bytes:
        items = []
        for project in self.index.projects_ordered:
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
                        self._url("meetings", m.slug)
                        for m in self.index.meetings_by_project.get(project.slug, [])
                    ],
                    "opportunities": [
                        self._url("opportunities", o.slug)
                        for o in self.index.opportunities_by_project.get(project.slug, [])
                    ],
                    "url": self._url("projects", project.slug),
                }
            )
        return self._document("projects", items)

    def opportunities_json(self) -> bytes:
        items = []
        for opportunity in self.index.opportunities_ranked:
            state = self.index.opportunity_state(opportunity)
            payment = opportunity.payment
            outcome = opportunity.outcome
            items.append(
                {
                    "slug": opportunity.slug,
                    "title": opportunity.title,
                    "summary": opportunity.summary,
                    "project": (
                        self.site.projects[opportunity.project].title
                        if opportunity.project
                        else None
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
                    "url": self._url("opportunities", opportunity.slug),
                }
            )
        return self._document("opportunities", items)
