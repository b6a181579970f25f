"""Atom feeds (RFC 4287): the writer every section's feed shares, and meetings as entries.

Built with ElementTree so escaping is never hand-written. Every date comes
from the content or the build date, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from zoneinfo import ZoneInfo

from sitegen.config import SiteUrls
from sitegen.model import Meeting
from sitegen.values import long_date
from sitegen.views import Views

ATOM = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"
"""The media type of an Atom feed."""
ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Entry:
    path: str
    """Site-relative path of the entry's page."""
    title: str
    updated: dt.date
    summary: str
    content_html: str = ""


@dataclass(frozen=True)
class FeedMaker:
    """What every feed of a site shares: its address, author, build date and time zone."""

    urls: SiteUrls
    author: str
    today: dt.date
    zone: ZoneInfo

    def atom(self, path: str, title: str, alternate: str, entries: Sequence[Entry]) -> bytes:
        """An Atom document; ``updated`` is the newest entry's date, or the build date."""
        urls, zone = self.urls, self.zone
        feed = ET.Element(f"{{{ATOM}}}feed")
        _text(feed, "id", urls.absolute(path))
        _text(feed, "title", title)
        newest = max((e.updated for e in entries), default=self.today)
        _text(feed, "updated", _stamp(newest, zone))
        ET.SubElement(
            feed,
            f"{{{ATOM}}}link",
            rel="self",
            type="application/atom+xml",
            href=urls.absolute(path),
        )
        ET.SubElement(
            feed,
            f"{{{ATOM}}}link",
            rel="alternate",
            type="text/html",
            href=urls.absolute(alternate),
        )
        author_element = ET.SubElement(feed, f"{{{ATOM}}}author")
        _text(author_element, "name", self.author)
        for entry in entries:
            element = ET.SubElement(feed, f"{{{ATOM}}}entry")
            _text(element, "id", urls.absolute(entry.path))
            _text(element, "title", entry.title)
            _text(element, "updated", _stamp(entry.updated, zone))
            ET.SubElement(
                element,
                f"{{{ATOM}}}link",
                rel="alternate",
                type="text/html",
                href=urls.absolute(entry.path),
            )
            _text(element, "summary", entry.summary)
            if entry.content_html:
                content = _text(element, "content", entry.content_html)
                content.set("type", "html")
        ET.indent(feed)
        return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True)) + b"\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element


def _stamp(day: dt.date, zone: ZoneInfo) -> str:
    return dt.datetime.combine(day, dt.time(0), tzinfo=zone).isoformat()


def meeting_entries(meetings: Iterable[Meeting], views: Views) -> list[Entry]:
    """Meetings as entries: their summary, decisions and how many actions were agreed."""
    index = views.index
    entries = []
    for meeting in meetings:
        decisions = "".join(f"<li>{escape(d)}</li>" for d in meeting.decisions)
        actions = meeting.actions
        content = f"<p>{escape(meeting.summary)}</p>"
        if decisions:
            content += f"<h2>Decisions</h2><ul>{decisions}</ul>"
        if actions:
            content += f"<p>{len(actions)} action{'s' if len(actions) != 1 else ''} agreed.</p>"
        entries.append(
            Entry(
                path=views.item_path("meetings", meeting.slug),
                title=f"{index.meeting_title(meeting)}, {long_date(meeting.date)}",
                updated=meeting.date,
                summary=meeting.summary,
                content_html=content,
            )
        )
    return entries
