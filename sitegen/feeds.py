"""Atom feeds (RFC 4287): the writer every section's feed shares, and meetings as entries.

Built with ElementTree so escaping is never hand-written. Every date comes
from the content or the build date, so the same input gives the same bytes, and
none is later than the build date: a feed says when things happened, never when
they will (an opening date still to come is the build date until it passes).

Each feed names an XSLT stylesheet (``static/feed.xsl``), so a browser that opens
it shows a readable page explaining what a feed is, while feed readers, which
ignore the stylesheet, read the same Atom as ever.
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
STYLESHEET = "static/feed.xsl"
"""The XSLT that shows a feed opened in a browser as a page."""
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
    help_path: str = ""
    """The site's page on subscribing, linked from every feed (for the stylesheet)."""

    def atom(self, path: str, title: str, alternate: str, entries: Sequence[Entry]) -> bytes:
        """An Atom document; ``updated`` is the newest entry's date, or the build date."""
        urls, zone = self.urls, self.zone
        feed = ET.Element(f"{{{ATOM}}}feed")
        _text(feed, "id", urls.absolute(path))
        _text(feed, "title", title)
        newest = max((self.past(e.updated) for e in entries), default=self.today)
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
        if self.help_path:
            ET.SubElement(
                feed,
                f"{{{ATOM}}}link",
                rel="related",
                type="text/html",
                title="How to subscribe",
                href=urls.absolute(self.help_path),
            )
        author_element = ET.SubElement(feed, f"{{{ATOM}}}author")
        _text(author_element, "name", self.author)
        for entry in entries:
            element = ET.SubElement(feed, f"{{{ATOM}}}entry")
            _text(element, "id", urls.absolute(entry.path))
            _text(element, "title", entry.title)
            _text(element, "updated", _stamp(self.past(entry.updated), zone))
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
        href = escape(urls.path(STYLESHEET), quote=True)
        stylesheet = f'<?xml-stylesheet type="text/xsl" href="{href}"?>\n'
        body = ET.tostring(feed, encoding="unicode")
        return f"<?xml version='1.0' encoding='utf-8'?>\n{stylesheet}{body}\n".encode()

    def past(self, day: dt.date) -> dt.date:
        """``day``, or the build date if it is later: a feed never speaks of the future."""
        return min(day, self.today)


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
