"""iCalendar files (RFC 5545), written with the icalendar library: what sections share.

A calendar of next meetings (every group's, or one group's) holds the meetings
still to come as VEVENTs in the site's time zone, with LOCATION when it is
known; a date that has passed is left out. The opportunities' calendar holds
each one's opening and closing dates as all-day events. UIDs are made from
slugs, so an event keeps its identity from build to build and subscribers see
updates, not duplicates. DTSTAMP comes from the content, so output is
reproducible, and is never later than the build date.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sitegen.config import SiteUrls
from sitegen.index import PlannedMeeting
from sitegen.model import Opportunity
from sitegen.opportunities import dates_label, last_changed, pay_label
from sitegen.views import Views

if TYPE_CHECKING:  # icalendar is imported when a calendar is first written
    from icalendar import Calendar, Event

PRODUCT_ID = "-//sitegen//sitegen transparency portal//EN"
ICS = "text/calendar; charset=utf-8"
"""The media type of an iCalendar file."""


def new_calendar(name: str) -> Calendar:
    """An empty calendar with the site's product id."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def new_event() -> Event:
    """An empty event, for a calendar made with :func:`new_calendar`."""
    from icalendar import Event

    return Event()


def uid(kind: str, slug: str, urls: SiteUrls) -> str:
    """An event's identity, the same from build to build: subscribers see updates."""
    host = urls.origin.split("://", 1)[-1]
    return f"{kind}-{slug}@{host}{urls.base_path.rstrip('/')}"


def utc_midnight(day: dt.date, today: dt.date) -> dt.datetime:
    """A DTSTAMP taken from the content, so the same content gives the same bytes; it
    says when the event was written, so it is never later than the build date."""
    return dt.datetime.combine(min(day, today), dt.time(0), tzinfo=dt.UTC)


def meetings_calendar(views: Views, zone: ZoneInfo, name: str, group: str | None = None) -> bytes:
    """The next meetings still to come: every group's, or one ``group``'s."""
    calendar = new_calendar(name)
    for planned in views.index.upcoming_meetings:
        if group is not None and planned.group != group:
            continue
        calendar.add_component(_meeting_event(planned, views, zone))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _meeting_event(planned: PlannedMeeting, views: Views, zone: ZoneInfo) -> Event:
    nxt, recorded_at, urls = planned.plan, planned.recorded_at, views.urls
    group = views.index.group_name(planned.group)
    event = new_event()
    event.add("uid", uid("next-meeting", recorded_at.slug, urls))
    event.add("dtstamp", utc_midnight(recorded_at.date, views.today))
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
    event.add("url", views.absolute("groups", planned.group))
    return event


def deadlines_calendar(views: Views, name: str) -> bytes:
    """Each opportunity's opening day and closing day, as all-day events of their own."""
    calendar = new_calendar(name)
    site, today = views.site, views.today
    for opportunity in sorted(site.opportunities.values(), key=lambda o: (o.closes, o.slug)):
        stamp = utc_midnight(last_changed(opportunity, today), today)
        pays = f"Pays {pay_label(opportunity.payment)}. {dates_label(opportunity)}"
        if opportunity.opens:
            calendar.add_component(
                _day_event(
                    views,
                    opportunity,
                    ("opens", stamp, opportunity.opens),
                    f"Opens for applications: {opportunity.title}",
                    f"First day to apply. {pays}",
                )
            )
        calendar.add_component(
            _day_event(
                views,
                opportunity,
                ("closes", stamp, opportunity.closes),
                f"Closing date: {opportunity.title}",
                f"Last day to apply. {pays}",
            )
        )
    return bytes(calendar.to_ical())


def _day_event(
    views: Views,
    opportunity: Opportunity,
    when: tuple[str, dt.datetime, dt.date],
    summary: str,
    description: str,
) -> Event:
    kind, stamp, day = when
    event = new_event()
    event.add("uid", uid(kind, opportunity.slug, views.urls))
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("description", f"{description} {opportunity.summary or ''}".strip())
    event.add("url", views.absolute("opportunities", opportunity.slug))
    return event
