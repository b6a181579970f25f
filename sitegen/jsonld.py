"""schema.org JSON-LD for item pages: what every section's structured data shares.

Each section describes its own items (a meeting is an ``Event``, an opportunity
a ``JobPosting``) with these helpers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sitegen.config import SiteUrls
from sitegen.model import LocationMode, Meeting, Opportunity, PayPeriod

CONTEXT = "https://schema.org"
_SALARY_UNITS = {PayPeriod.HOUR: "HOUR", PayPeriod.DAY: "DAY"}


def with_optional(data: dict[str, Any], **optional: Any) -> dict[str, Any]:
    """``data`` plus each optional property that has a value."""
    data.update({key: value for key, value in optional.items() if value})
    return data


def organisation(name: str, urls: SiteUrls) -> dict[str, Any]:
    return {"@type": "Organization", "name": name, "url": urls.absolute("")}


def moment(day: dt.date, at: dt.time | None, zone: ZoneInfo) -> str:
    """A date, or a date and time in the site's zone, as ISO 8601."""
    if at is None:
        return day.isoformat()
    return dt.datetime.combine(day, at, tzinfo=zone).isoformat()


def job_posting(
    opportunity: Opportunity, url: str, publisher: str, urls: SiteUrls, zone: ZoneInfo
) -> dict[str, Any]:
    """A ``JobPosting`` with ``baseSalary``: involvement is paid, so never ``VOLUNTEER``
    (schema.org defines that as work with no expectation of pay)."""
    payment = opportunity.payment
    value: dict[str, Any] = {"@type": "QuantitativeValue", "value": payment.amount}
    if payment.per in _SALARY_UNITS:
        value["unitText"] = _SALARY_UNITS[payment.per]
    description = " ".join(
        part
        for part in (opportunity.summary, opportunity.time_commitment, opportunity.selection)
        if part
    )
    posting: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "JobPosting",
        "title": opportunity.title,
        "description": description,
        "url": url,
        "hiringOrganization": organisation(publisher, urls),
        "employmentType": ["PART_TIME", "TEMPORARY"],
        "validThrough": moment(opportunity.closes, dt.time(23, 59, 59), zone),
        "baseSalary": {"@type": "MonetaryAmount", "currency": payment.currency, "value": value},
        "directApply": False,
    }
    if opportunity.opens:
        posting["datePosted"] = opportunity.opens.isoformat()
    if opportunity.places:
        posting["totalJobOpenings"] = opportunity.places
    mode = opportunity.location.mode
    if mode in (LocationMode.ONLINE, LocationMode.HYBRID):
        posting["jobLocationType"] = "TELECOMMUTE"
        posting["applicantLocationRequirements"] = {"@type": "Country", "name": "United Kingdom"}
    if mode is not LocationMode.ONLINE and opportunity.location.place:
        posting["jobLocation"] = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": opportunity.location.place,
                "addressCountry": "GB",
            },
        }
    if opportunity.who_can_apply:
        posting["eligibilityToWorkRequirement"] = opportunity.who_can_apply
    apply = opportunity.apply
    if apply is not None:
        contact = {"@type": "ContactPoint", "contactType": "applications"}
        posting["applicationContact"] = with_optional(
            contact, url=apply.url, email=apply.email, telephone=apply.phone
        )
    return posting


def meeting_event(
    meeting: Meeting,
    *,
    name: str,
    url: str,
    group: tuple[str, str],
    organisation_name: str,
    urls: SiteUrls,
    zone: ZoneInfo,
) -> dict[str, Any]:
    """A meeting as a schema.org Event, organised by its group (``group``: its name and
    address); online or at a place only when the record says which."""
    event: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Event",
        "name": name,
        "description": meeting.summary,
        "url": url,
        "startDate": moment(meeting.date, meeting.start, zone),
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": {
            "@type": "Organization",
            "name": group[0],
            "url": group[1],
            "parentOrganization": organisation(organisation_name, urls),
        },
    }
    if meeting.end:
        event["endDate"] = moment(meeting.date, meeting.end, zone)
    if meeting.location and meeting.location.strip().lower() == "online":
        event["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        event["location"] = {"@type": "VirtualLocation", "url": url}
    elif meeting.location:
        event["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        event["location"] = {"@type": "Place", "name": meeting.location}
    return event


def web_page(name: str, url: str, published: str | None, modified: str | None) -> dict[str, Any]:
    """The page itself, with the days it was first published and last changed."""
    data = {"@context": CONTEXT, "@type": "WebPage", "name": name, "url": url}
    return with_optional(data, datePublished=published, dateModified=modified)
