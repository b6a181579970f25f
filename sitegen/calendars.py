"""iCalendar files (RFC 5545), written with the icalendar library.

``meetings.ics`` (and each group's ``groups/<slug>/meetings.ics``) holds the
next meetings still to come as VEVENTs in the site's time zone, with LOCATION
when it is known; a date that has passed is left out.
``opportunity-deadlines.ics`` holds each closing date as an all-day VEVENT
(calendar apps ignore VTODO). UIDs are made from slugs, so an event keeps its
identity from build to build and subscribers see updates, not duplicates.
DTSTAMP comes from the content, so output is reproducible.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from sitegen.config import SiteUrls
from sitegen.index import PlannedMeeting, SiteIndex
from sitegen.opportunities import pay_label
from sitegen.views import item_path

PRODUCT_ID = "-//sitegen//sitegen transparency portal//EN"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _uid(kind: str, slug: str, urls: SiteUrls) -> str:
    host = urls.origin.split("://", 1)[-1]
    return f"{kind}-{slug}@{host}{urls.base_path.rstrip('/')}"


def _utc_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)


def meetings_calendar(
    index: SiteIndex, urls: SiteUrls, zone: ZoneInfo, name: str, group: str | None = None
) -> bytes:
    """The next meetings still to come: every group's, or one ``group``'s."""
    calendar = _calendar(name)
    for planned in index.upcoming_meetings:
        if group is not None and planned.group != group:
            continue
        calendar.add_component(_meeting_event(planned, index, urls, zone))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _meeting_event(
    planned: PlannedMeeting, index: SiteIndex, urls: SiteUrls, zone: ZoneInfo
) -> Event:
    nxt, recorded_at = planned.plan, planned.recorded_at
    group = index.group_name(planned.group)
    event = Event()
    event.add("uid", _uid("next-meeting", recorded_at.slug, urls))
    event.add("dtstamp", _utc_midnight(recorded_at.date))
    event.add("summary", f"{group} meeting")
    if nxt.start:
        event.add("dtstart", dt.datetime.combine(nxt.date, nxt.start, tzinfo=zone))
        if nxt.end:
            event.add("dtend", dt.datetime.combine(nxt.date, nxt.end, tzinfo=zone))
    else:
        event.add("dtstart", nxt.date)
        event.add("dtend", nxt.date + dt.timedelta(days=1))
    if nxt.location:
        event.add("location", "Online" if nxt.location.lower() == "online" else nxt.location)
    event.add(
        "description",
        f"The next meeting of the {group}, as recorded at the meeting of "
        f"{recorded_at.date.isoformat()}.",
    )
    event.add("url", urls.absolute(item_path("groups", planned.group)))
    return event


def deadlines_calendar(index: SiteIndex, urls: SiteUrls, title: str) -> bytes:
    calendar = _calendar(f"{title}: opportunity closing dates")
    for opportunity in sorted(index.site.opportunities.values(), key=lambda o: (o.closes, o.slug)):
        event = Event()
        event.add("uid", _uid("closes", opportunity.slug, urls))
        event.add("dtstamp", _utc_midnight(opportunity.opens or opportunity.closes))
        event.add("summary", f"Closing date: {opportunity.title}")
        event.add("dtstart", opportunity.closes)
        event.add("dtend", opportunity.closes + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add(
            "description",
            f"Last day to apply. Pays {pay_label(opportunity.payment)}. "
            f"{opportunity.summary or ''}".strip(),
        )
        event.add("url", urls.absolute(item_path("opportunities", opportunity.slug)))
        calendar.add_component(event)
    return bytes(calendar.to_ical())
