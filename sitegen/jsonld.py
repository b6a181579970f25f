"""schema.org JSON-LD for item pages: what every section's structured data shares.

Each section describes its own items (a meeting is an ``Event``, an opportunity
a ``JobPosting``) with these helpers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sitegen.config import SiteUrls

CONTEXT = "https://schema.org"


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


def web_page(name: str, url: str, published: str | None, modified: str | None) -> dict[str, Any]:
    """The page itself, with the days it was first published and last changed."""
    data = {"@context": CONTEXT, "@type": "WebPage", "name": name, "url": url}
    return with_optional(data, datePublished=published, dateModified=modified)
