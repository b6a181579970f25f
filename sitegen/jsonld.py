"""schema.org JSON-LD for item pages, so search engines and tools can read them.

Opportunities are ``JobPosting`` with ``baseSalary``: involvement is paid, so
``employmentType`` is never ``VOLUNTEER`` (schema.org defines that as work
with no expectation of pay).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sitegen.config import SiteUrls
from sitegen.index import SiteIndex
from sitegen.model import (
    LocationMode,
    Meeting,
    NewsPost,
    Opportunity,
    PayPeriod,
    Person,
    Project,
    Report,
)
from sitegen.views import item_path

CONTEXT = "https://schema.org"

_SALARY_UNITS = {PayPeriod.HOUR: "HOUR", PayPeriod.DAY: "DAY"}


def _with(data: dict[str, Any], **optional: Any) -> dict[str, Any]:
    """``data`` plus each optional property that has a value."""
    data.update({key: value for key, value in optional.items() if value})
    return data


def organisation(name: str, urls: SiteUrls) -> dict[str, Any]:
    return {"@type": "Organization", "name": name, "url": urls.absolute("")}


def _moment(day: dt.date, at: dt.time | None, zone: ZoneInfo) -> str:
    if at is None:
        return day.isoformat()
    return dt.datetime.combine(day, at, tzinfo=zone).isoformat()


def meeting_event(
    meeting: Meeting, index: SiteIndex, urls: SiteUrls, zone: ZoneInfo, org: str
) -> dict[str, Any]:
    url = urls.absolute(item_path("meetings", meeting.slug))
    event: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Event",
        "name": index.meeting_title(meeting),
        "description": meeting.summary,
        "url": url,
        "startDate": _moment(meeting.date, meeting.start, zone),
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": {
            "@type": "Organization",
            "name": index.group_name(meeting.group),
            "url": urls.absolute(item_path("groups", meeting.group)),
            "parentOrganization": organisation(org, urls),
        },
    }
    if meeting.end:
        event["endDate"] = _moment(meeting.date, meeting.end, zone)
    if meeting.location and meeting.location.strip().lower() == "online":
        event["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        event["location"] = {"@type": "VirtualLocation", "url": url}
    elif meeting.location:
        event["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        event["location"] = {"@type": "Place", "name": meeting.location}
    return event


def job_posting(
    opportunity: Opportunity, urls: SiteUrls, zone: ZoneInfo, org: str
) -> dict[str, Any]:
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
        "url": urls.absolute(item_path("opportunities", opportunity.slug)),
        "hiringOrganization": organisation(org, urls),
        "employmentType": ["PART_TIME", "TEMPORARY"],
        "validThrough": _moment(opportunity.closes, dt.time(23, 59, 59), zone),
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
    return posting


def project_ld(project: Project, urls: SiteUrls, org: str) -> dict[str, Any]:
    data = {
        "@context": CONTEXT,
        "@type": "Project",
        "name": project.title,
        "url": urls.absolute(item_path("projects", project.slug)),
        "parentOrganization": organisation(org, urls),
        "member": [{"@type": "Organization", "name": name} for name in project.partners],
    }
    return _with(
        data,
        description=project.summary,
        foundingDate=project.started.isoformat() if project.started else None,
        dissolutionDate=project.ended.isoformat() if project.ended else None,
    )


def report_ld(report: Report, urls: SiteUrls, org: str) -> dict[str, Any]:
    data = {
        "@context": CONTEXT,
        "@type": "Report",
        "name": report.title,
        "url": urls.absolute(item_path("reports", report.slug)),
        "publisher": organisation(org, urls),
    }
    return _with(
        data,
        description=report.summary,
        datePublished=report.published.isoformat() if report.published else None,
    )


def news_ld(post: NewsPost, urls: SiteUrls, org: str) -> dict[str, Any]:
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": post.title,
        "datePublished": post.date.isoformat(),
        "url": urls.absolute(item_path("news", post.slug)),
        "publisher": organisation(org, urls),
    }
    return _with(data, description=post.summary)


def person_ld(person: Person, urls: SiteUrls) -> dict[str, Any]:
    """Only for people with a public profile: others are never described."""
    data = {
        "@context": CONTEXT,
        "@type": "Person",
        "name": person.name,
        "url": urls.absolute(item_path("people", person.slug)),
    }
    affiliation = {"@type": "Organization", "name": person.organisation}
    return _with(
        data, jobTitle=person.role, affiliation=affiliation if person.organisation else None
    )


def website_ld(title: str, urls: SiteUrls) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": title,
        "url": urls.absolute(""),
        "potentialAction": {
            "@type": "SearchAction",
            "target": urls.absolute("search/") + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }
