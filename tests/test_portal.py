"""What the portal's readers rely on, checked in the built small site.

Feeds and calendars are parsed back with real parsers (feedparser, icalendar); data
files with csv and json; pages are read as the text a reader sees.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import pytest

from tests.helpers import SMALL_SITE, run_cli

MEETING = "meetings/2024-01-10-steering-group/"


_BLOCKS = frozenset(
    [
        "p",
        "div",
        "li",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "tr",
        "td",
        "th",
        "caption",
        "ul",
        "ol",
        "dl",
        "table",
        "section",
        "nav",
        "details",
        "summary",
        "br",
        "main",
        "header",
        "footer",
    ]
)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("script", "style", "head")
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style", "head")
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def text(html: str) -> str:
    """What a reader sees: the text without tags, spaces collapsed."""
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def main_text(html: str) -> str:
    return text(html.split("<main", 1)[1].split("</main>", 1)[0].split(">", 1)[1])


def json_ld(html: str) -> list[dict[str, Any]]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The small site built as of a given date (each date built once)."""
    built: dict[str, Path] = {}

    def at(today: str) -> Path:
        if today not in built:
            output = tmp_path_factory.mktemp("portal") / "output"
            result = run_cli(
                "build",
                "--content",
                SMALL_SITE,
                "--output",
                output,
                "--today",
                today,
                "--no-search",
            )
            assert result.code == 0, result.err
            built[today] = output
        return built[today]

    return at


def page(root: Path, path: str) -> str:
    target = root / path
    return (target / "index.html" if path.endswith("/") or not path else target).read_text()


# ------------------------------------------------------------------ meetings


def test_meeting_page_shows_the_record(site: Callable[[str], Path]) -> None:
    html = page(site("2024-04-01"), MEETING)
    seen = main_text(html)
    for expected in (
        "Group: Steering Group",
        "10 January 2024, 14:00 to 16:00",
        "Where: Online",
        "Chair: Ada Lovelace",
        "Present: Ada Lovelace, Cara Smith",
        "Apologies: Bob Jones",
        "The group agreed its plan for the year.",
        "Involvement is always paid.",
        "This record has been edited for publication.",
        "At this meeting, the next meeting was planned for 12 March 2024, 14:00 to 15:30. "
        "It was held: Steering Group meeting, 12 March 2024.",
        "Hearing checks",
    ):
        assert expected in seen, expected
    # People with a profile are linked; everyone else is named only.
    assert '<a href="/people/ada-lovelace/">Ada Lovelace</a>' in html
    assert "Bob Jones" in html and "/people/bob-jones/" not in html
    # The notes, one section per agenda item.
    assert '<h2 id="updates-section">Updates</h2>' in html
    assert '<h2 id="funding">Funding</h2>' in html


def test_meeting_actions_table_has_ids_owners_dues_statuses_and_overdue(
    site: Callable[[str], Path],
) -> None:
    html = page(site("2024-04-01"), MEETING)
    table = html.split('<table class="actions-table stack">', 1)[1].split("</table>", 1)[0]
    rows = [text(row.split(">", 1)[1]) for row in table.split("<tr")[2:]]
    assert rows[0].startswith("Id: a1 Write the offer document.")
    assert "Ada Lovelace, Bob Jones" in rows[0]
    assert "February 2024" in rows[0]
    assert "In progress" in rows[0] and "Overdue by 4 weeks" in rows[0]
    assert "As soon as possible (with the notes)" in rows[1]
    assert "Ongoing" in rows[2] and "Overdue" not in rows[2]
    assert "By the next meeting (12 March 2024)" in rows[3] and "Dropped" in rows[3]
    assert "Done" in rows[4] and "Overdue" not in rows[4]
    assert 'id="action-a1"' in table


def test_meeting_event_json_ld_has_times_in_the_site_zone(site: Callable[[str], Path]) -> None:
    (event,) = json_ld(page(site("2024-04-01"), MEETING))
    assert event["@type"] == "Event"
    assert event["startDate"] == "2024-01-10T14:00:00+00:00"
    assert event["endDate"] == "2024-01-10T16:00:00+00:00"
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["organizer"]["name"] == "Steering Group"
    summer = json_ld(page(site("2024-04-01"), "meetings/2024-03-12-steering-group/"))[0]
    assert summer["location"] == {"@type": "Place", "name": "Room 1, Main Building"}


def test_meetings_are_listed_by_year_and_group(site: Callable[[str], Path]) -> None:
    seen = main_text(page(site("2024-04-01"), "meetings/"))
    assert "2 meetings, newest first" in seen
    assert seen.index("12 March 2024") < seen.index("10 January 2024")
    assert "By group Steering Group" in seen
    assert "2024" in seen


def test_a_later_meeting_records_progress_on_earlier_actions(site: Callable[[str], Path]) -> None:
    seen = main_text(page(site("2024-04-01"), "meetings/2024-03-12-steering-group/"))
    assert "Progress on earlier actions" in seen
    assert "Book a venue." in seen and "now done. The venue is booked." in seen


# ------------------------------------------------------------------ the tracker


def test_tracker_lists_every_action_newest_meeting_first_with_history(
    site: Callable[[str], Path],
) -> None:
    html = page(site("2024-04-01"), "actions/")
    seen = main_text(html)
    for action in (
        "Write the offer document.",
        "Share the consultation link.",
        "Introduce contacts.",
        "Report back on costs.",
        "Book a venue.",
    ):
        assert action in seen
    assert "All (5)" in seen and "Overdue (1)" in seen and "Done (1)" in seen
    history = html.split("Write the offer document.", 1)[1].split("</details>", 1)[0]
    assert "History (1 update)" in history
    assert text(history).index("Open (agreed)") < text(history).index("In progress. A first draft")
    assert 'href="/meetings/2024-03-12-steering-group/"' in history


@pytest.mark.parametrize(
    ("view", "present", "absent"),
    [
        ("actions/overdue/", ["Write the offer document."], ["Book a venue.", "Introduce"]),
        ("actions/done/", ["Book a venue."], ["Write the offer"]),
        ("actions/dropped/", ["Report back on costs."], ["Book a venue."]),
        (
            "actions/open/",
            ["Share the consultation link.", "Introduce contacts."],
            ["Write the offer", "Book a venue."],
        ),
        # A status and a flag: an overdue action is still in progress.
        ("actions/in-progress/", ["Write the offer document."], ["Book a venue."]),
        ("actions/overdue/", ["Write the offer document."], ["Share the consultation link."]),
        ("actions/group/steering-group/", ["Book a venue."], []),
        ("actions/owner/steering-group/", ["Introduce contacts."], ["Book a venue."]),
        ("actions/owner/ada-lovelace/", ["Write the offer document."], ["Book a venue."]),
    ],
)
def test_tracker_views_by_status_group_and_owner(
    site: Callable[[str], Path], view: str, present: list[str], absent: list[str]
) -> None:
    seen = main_text(page(site("2024-04-01"), view))
    for action in present:
        assert action in seen
    for action in absent:
        assert action not in seen


def test_no_tracker_view_is_made_for_an_owner_without_a_profile(
    site: Callable[[str], Path],
) -> None:
    assert not (site("2024-04-01") / "actions" / "owner" / "bob-jones").exists()


def test_overdue_depends_on_the_build_date(site: Callable[[str], Path]) -> None:
    assert "Overdue (0)" in main_text(page(site("2024-02-20"), "actions/"))
    assert "Overdue (1)" in main_text(page(site("2024-04-01"), "actions/"))


# ------------------------------------------------------------------ groups and people


def test_group_page_has_members_meetings_open_actions_and_next_meeting(
    site: Callable[[str], Path],
) -> None:
    seen = main_text(page(site("2024-02-20"), "groups/steering-group/"))
    assert "Purpose: Oversees the work of the collective." in seen
    assert "Next meeting: 12 March 2024, 14:00 to 15:30, Room 1, Main Building." in seen
    assert "Ada Lovelace, Chair" in seen and "Bob Jones, Member" in seen
    assert "3 actions still open or in progress: 0 overdue, 0 with no update in 6 months." in seen
    assert seen.index("12 March 2024") < seen.index("10 January 2024")


def test_a_proposed_group_is_clearly_marked(site: Callable[[str], Path]) -> None:
    seen = main_text(page(site("2024-02-20"), "groups/advice-group/"))
    assert "This group is proposed: it has not been set up yet" in seen


def test_governance_page_lists_groups_by_status(site: Callable[[str], Path]) -> None:
    seen = main_text(page(site("2024-02-20"), "governance/"))
    assert seen.index("Active groups") < seen.index("Steering Group")
    assert seen.index("Proposed groups") < seen.index("Advice Group")


def test_person_page_lists_roles_meetings_apologies_and_actions(
    site: Callable[[str], Path],
) -> None:
    seen = main_text(page(site("2024-04-01"), "people/ada-lovelace/"))
    assert "Role: Chair" in seen and "Organisation: Test Collective" in seen
    assert "Steering Group, Chair" in seen
    assert "Chaired" in seen and "Attended" in seen
    assert "Write the offer document." in seen
    assert "%" not in seen
    cara = main_text(page(site("2024-04-01"), "people/cara-smith/"))
    assert "Share the consultation link." in cara


# ------------------------------------------------------------------ open data


def test_actions_csv_is_rfc_4180_with_a_header_row(site: Callable[[str], Path]) -> None:
    raw = (site("2024-04-01") / "data" / "actions.csv").read_bytes()
    assert raw.count(b"\r\n") == 6
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert len(rows) == 5
    first = rows[-1] if rows[0]["id"] != "a1" else rows[0]
    assert first["ref"] == "2024-01-10-steering-group#a1"
    assert first["owners"] == "Ada Lovelace; Bob Jones"
    assert (first["due"], first["due_date"]) == ("2024-02", "2024-02-29")
    assert (first["status"], first["overdue"], first["overdue_days"]) == (
        "in-progress",
        "yes",
        "32",
    )
    assert first["last_update"] == "2024-03-12"
    assert (
        first["url"] == "https://portal.example.org/meetings/2024-01-10-steering-group/#action-a1"
    )


def test_actions_json_has_owners_and_history(site: Callable[[str], Path]) -> None:
    data = json.loads((site("2024-04-01") / "data" / "actions.json").read_text())
    assert data["generated"] == "2024-04-01"
    by_id = {a["id"]: a for a in data["actions"]}
    assert by_id["a1"]["owners"] == [
        {
            "name": "Ada Lovelace",
            "kind": "person",
            "url": "https://portal.example.org/people/ada-lovelace/",
        },
        {"name": "Bob Jones", "kind": "person", "url": None},
    ]
    assert [(h["date"], h["status"], h["agreed"]) for h in by_id["a1"]["history"]] == [
        ("2024-01-10", "open", True),
        ("2024-03-12", "in-progress", False),
    ]
    assert by_id["a3"]["owners"][0]["kind"] == "group"
    assert by_id["a4"]["due_date"] == "2024-03-12"


def test_meetings_json_lists_attendance_by_name(site: Callable[[str], Path]) -> None:
    data = json.loads((site("2024-04-01") / "data" / "meetings.json").read_text())
    first = data["meetings"][-1]
    assert first["present"] == ["Ada Lovelace", "Cara Smith"]
    assert first["apologies"] == ["Bob Jones"]
    assert first["next_meeting"] == {
        "date": "2024-03-12",
        "start": "14:00",
        "end": "15:30",
        "location": "Room 1, Main Building",
        "upcoming": False,
    }
    assert first["actions"][0] == "2024-01-10-steering-group#a1"


def test_the_data_page_documents_every_csv_column(site: Callable[[str], Path]) -> None:
    from sitegen.sections.actions import CSV_COLUMNS

    html = page(site("2024-04-01"), "data/")
    for column in CSV_COLUMNS:
        assert f"<code>{column}</code>" in html


# ------------------------------------------------------------------ feeds and calendars


def test_meetings_feed_parses_as_atom(site: Callable[[str], Path]) -> None:
    feed = feedparser.parse((site("2024-04-01") / "meetings" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [e.link for e in feed.entries] == [
        "https://portal.example.org/meetings/2024-03-12-steering-group/",
        "https://portal.example.org/meetings/2024-01-10-steering-group/",
    ]
    assert feed.entries[1].title == "Steering Group meeting, 10 January 2024"
    assert "Involvement is always paid." in feed.entries[1].content[0].value
    group = feedparser.parse(
        (site("2024-04-01") / "groups" / "steering-group" / "feed.xml").read_bytes()
    )
    assert not group.bozo and len(group.entries) == 2


def test_meetings_calendar_has_the_next_meeting_in_london_time_with_its_place(
    site: Callable[[str], Path],
) -> None:
    for path in ("meetings.ics", "groups/steering-group/meetings.ics"):
        calendar = icalendar.Calendar.from_ical((site("2024-02-20") / path).read_bytes())
        events = list(calendar.walk("VEVENT"))
        assert len(events) == 1
        event = events[0]
        start = event.decoded("dtstart")
        assert start == dt.datetime(2024, 3, 12, 14, 0, tzinfo=start.tzinfo)
        assert str(start.tzinfo) == "Europe/London"
        assert event.decoded("dtend").hour == 15
        assert str(event["location"]) == "Room 1, Main Building"
        assert str(event["uid"]) == "next-meeting-2024-01-10-steering-group@portal.example.org"
        assert any(c.name == "VTIMEZONE" for c in calendar.walk())


def test_a_next_meeting_whose_date_has_passed_leaves_the_calendars(
    site: Callable[[str], Path],
) -> None:
    for path in ("meetings.ics", "groups/steering-group/meetings.ics"):
        calendar = icalendar.Calendar.from_ical((site("2024-04-01") / path).read_bytes())
        assert list(calendar.walk("VEVENT")) == []
    other = icalendar.Calendar.from_ical(
        (site("2024-02-20") / "groups" / "advice-group" / "meetings.ics").read_bytes()
    )
    assert list(other.walk("VEVENT")) == []  # a group's calendar holds its own meetings only


def test_calendar_uids_are_stable_between_builds(site: Callable[[str], Path]) -> None:
    def uids(today: str) -> list[str]:
        calendar = icalendar.Calendar.from_ical((site(today) / "meetings.ics").read_bytes())
        return [str(e["uid"]) for e in calendar.walk("VEVENT")]

    assert uids("2024-02-20") == uids("2024-03-01") != []


def test_deadlines_calendar_has_all_day_closing_dates(site: Callable[[str], Path]) -> None:
    calendar = icalendar.Calendar.from_ical(
        (site("2024-02-20") / "opportunity-deadlines.ics").read_bytes()
    )
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    panel = events["Closing date: Panel member"]
    assert str(panel["uid"]) == "closes-panel-member@portal.example.org"
    assert panel.decoded("dtstart") == dt.date(2024, 2, 15)
    assert panel.decoded("dtend") == dt.date(2024, 2, 16)
    assert "£25 per hour" in str(panel["description"])


def test_opportunities_and_news_feeds_parse(site: Callable[[str], Path]) -> None:
    root = site("2024-02-01")
    opportunities = feedparser.parse((root / "opportunities" / "feed.xml").read_bytes())
    assert not opportunities.bozo
    assert "£25 per hour. Applications open 1 January 2024 and close 15 February 2024." in (
        opportunities.entries[0].summary
    )
    news = feedparser.parse((root / "news" / "feed.xml").read_bytes())
    assert not news.bozo and news.entries[0].title == "We launched"


FEEDS = (
    "meetings/feed.xml",
    "opportunities/feed.xml",
    "news/feed.xml",
    "groups/steering-group/feed.xml",
)
CALENDARS = ("meetings.ics", "opportunity-deadlines.ics", "groups/steering-group/meetings.ics")


@pytest.mark.parametrize("today", ["2023-11-25", "2024-01-10", "2024-02-15", "2024-06-01"])
def test_no_feed_or_calendar_dates_anything_after_the_build_or_counts_down(
    site: Callable[[str], Path], today: str
) -> None:
    """A feed or calendar is read long after it is built: it never says "14 days left", and
    no timestamp (an entry's update, an event's stamp) is later than the build date."""
    root, build = site(today), dt.date.fromisoformat(today)
    for path in FEEDS:
        raw = (root / path).read_bytes()
        feed = feedparser.parse(raw)
        assert not feed.bozo, (path, feed.bozo_exception)
        stamps = [feed.feed.updated_parsed, *(e.updated_parsed for e in feed.entries)]
        assert all(dt.date(*stamp[:3]) <= build for stamp in stamps), path
        assert not re.search(rb"days? left|Opens in|Closes today", raw), path
    for path in CALENDARS:
        raw = (root / path).read_bytes()
        calendar = icalendar.Calendar.from_ical(raw)
        assert all(e.decoded("dtstamp").date() <= build for e in calendar.walk("VEVENT")), path
        assert not re.search(rb"days? left|Opens in|Closes today", raw), path


def test_every_feed_names_its_stylesheet_and_the_page_on_subscribing(
    site: Callable[[str], Path],
) -> None:
    root = site("2024-02-01")
    for path in FEEDS:
        raw = (root / path).read_bytes()
        assert raw.splitlines()[1] == b'<?xml-stylesheet type="text/xsl" href="/static/feed.xsl"?>'
        feed = feedparser.parse(raw)
        assert feed.version == "atom10" and not feed.bozo
        related = [link.href for link in feed.feed.links if link.rel == "related"]
        assert related == ["https://portal.example.org/subscribe/"]
    assert (root / "static" / "feed.xsl").is_file()


def test_deadlines_calendar_has_each_opening_day_as_an_event_of_its_own(
    site: Callable[[str], Path],
) -> None:
    def events(today: str) -> dict[str, Any]:
        raw = (site(today) / "opportunity-deadlines.ics").read_bytes()
        return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}

    before, after = events("2023-12-01"), events("2024-02-20")
    opens = before["opens-panel-member@portal.example.org"]
    assert str(opens["summary"]) == "Opens for applications: Panel member"
    assert opens.decoded("dtstart") == dt.date(2024, 1, 1)
    assert opens.decoded("dtend") == dt.date(2024, 1, 2)
    assert "First day to apply" in str(opens["description"])
    assert (
        set(before)
        == set(after)
        == {
            "opens-panel-member@portal.example.org",
            "closes-panel-member@portal.example.org",
            "opens-workshop@portal.example.org",
            "closes-workshop@portal.example.org",
        }
    )


# ------------------------------------------------------------------ opportunities


def test_opportunities_listing_puts_open_ones_first_with_pay_and_days_left(
    site: Callable[[str], Path],
) -> None:
    seen = main_text(page(site("2024-02-01"), "opportunities/"))
    assert seen.index("Open now") < seen.index("Panel member") < seen.index("Closed")
    assert seen.index("Closed") < seen.index("Workshop facilitator")
    assert "£25 per hour" in seen and "£150 per day" in seen
    assert "14 days left" in seen and "Closes: 15 February 2024" in seen
    assert "Where: Online" in seen and "Where: In person: Camden, London" in seen


def test_opportunity_page_shows_every_field(site: Callable[[str], Path]) -> None:
    html = page(site("2024-02-01"), "opportunities/panel-member/")
    seen = main_text(html)
    for expected in (
        "£25 per hour",
        "Time commitment: Four two-hour sessions.",
        "Places: 6",
        "Who can apply Anyone with lived experience of hearing loss.",
        "How people are selected A panel of two co-producers",
        "Support and expenses We pay travel and care costs.",
        "How to apply Fill in the short form",
        "Project: Hearing checks",
    ):
        assert expected in seen, expected
    assert "Outcome" not in seen  # not until it has closed
    assert 'href="/how-we-involve-co-producers/"' in html


def test_an_open_opportunity_can_be_applied_for_from_its_page_and_its_card(
    site: Callable[[str], Path],
) -> None:
    root = site("2024-02-01")
    html = page(root, "opportunities/panel-member/")
    button = '<a class="button" href="https://portal.example.org/apply/panel-member">Apply online'
    assert button in html
    assert 'href="mailto:panel@example.org?subject=Application%3A%20Panel%20member"' in html
    seen = main_text(html)
    assert "Apply by email: panel@example.org" in seen
    assert "You can apply in any of these formats: written, voice note." in seen
    card = main_text(page(root, "opportunities/"))
    assert "Apply online: Panel member" in card  # the call to action names what it is for
    closed = page(site("2024-02-20"), "opportunities/panel-member/")
    assert 'class="button"' not in closed and "mailto:" not in closed
    assert "Applications closed on 15 February 2024." in main_text(closed)


def test_every_opportunity_says_how_and_when_people_are_paid(site: Callable[[str], Path]) -> None:
    for slug, notes in (("panel-member", ""), ("workshop", "Paid by bank transfer.")):
        html = page(site("2024-02-01"), f"opportunities/{slug}/")
        seen = main_text(html)
        assert "We pay by bank transfer within ten working days of each session." in seen
        assert notes in seen
        assert 'href="https://www.gov.uk/benefits-calculators">Advice on how payments' in html


def test_the_ways_to_apply_are_open_data_and_structured_data(site: Callable[[str], Path]) -> None:
    root = site("2024-02-01")
    data = json.loads((root / "data" / "opportunities.json").read_text())
    panel = next(o for o in data["opportunities"] if o["slug"] == "panel-member")
    assert panel["apply"] == {
        "url": "https://portal.example.org/apply/panel-member",
        "email": "panel@example.org",
        "phone": None,
        "formats": ["written", "voice note"],
        "notes": None,
    }
    (posting,) = json_ld(page(root, "opportunities/panel-member/"))
    assert posting["applicationContact"] == {
        "@type": "ContactPoint",
        "contactType": "applications",
        "url": "https://portal.example.org/apply/panel-member",
        "email": "panel@example.org",
    }


def test_a_closed_opportunity_publishes_its_outcome(site: Callable[[str], Path]) -> None:
    seen = main_text(page(site("2024-02-01"), "opportunities/workshop/"))
    assert "Outcome 12 people applied and 3 were selected." in seen


def test_job_posting_json_ld(site: Callable[[str], Path]) -> None:
    (posting,) = json_ld(page(site("2024-02-01"), "opportunities/panel-member/"))
    assert posting["@type"] == "JobPosting"
    assert posting["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "GBP",
        "value": {"@type": "QuantitativeValue", "value": 25.0, "unitText": "HOUR"},
    }
    assert posting["validThrough"] == "2024-02-15T23:59:59+00:00"
    assert posting["datePosted"] == "2024-01-01"
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert "VOLUNTEER" not in json.dumps(posting)
    (workshop,) = json_ld(page(site("2024-02-01"), "opportunities/workshop/"))
    assert workshop["baseSalary"]["value"]["unitText"] == "DAY"
    assert workshop["jobLocation"]["address"]["streetAddress"] == "Camden, London"
    assert "jobLocationType" not in workshop


def test_opportunities_json_has_the_computed_state(site: Callable[[str], Path]) -> None:
    def states(today: str) -> dict[str, str]:
        data = json.loads((site(today) / "data" / "opportunities.json").read_text())
        return {o["slug"]: o["state"] for o in data["opportunities"]}

    assert states("2023-12-01") == {"panel-member": "upcoming", "workshop": "closed"}
    assert states("2024-02-09") == {"panel-member": "closing soon", "workshop": "closed"}
    data = json.loads((site("2024-02-01") / "data" / "opportunities.json").read_text())
    workshop = next(o for o in data["opportunities"] if o["slug"] == "workshop")
    assert workshop["outcome"] == {"applied": 12, "selected": 3}
    assert workshop["payment"]["label"] == "£150 per day"


# ------------------------------------------------------------------ projects, report, news, home


def test_projects_are_listed_by_status_then_role(site: Callable[[str], Path]) -> None:
    seen = main_text(page(site("2024-02-20"), "projects/"))
    assert seen.index("Current projects") < seen.index("Hearing checks")
    assert seen.index("Completed projects") < seen.index("Old training")


def test_project_page_links_back_to_meetings_and_opportunities(
    site: Callable[[str], Path],
) -> None:
    html = page(site("2024-02-20"), "projects/hearing-checks/")
    seen = main_text(html)
    assert "Our role: Co-production partner" in seen and "Partners: NHS England" in seen
    assert "Sector: Health" in seen and "Started: 1 June 2023" in seen
    assert 'href="/meetings/2024-01-10-steering-group/"' in html
    assert 'href="/opportunities/panel-member/"' in html
    data = json.loads((site("2024-02-20") / "data" / "projects.json").read_text())
    hearing = next(p for p in data["projects"] if p["slug"] == "hearing-checks")
    assert hearing["meetings"] == ["https://portal.example.org/meetings/2024-01-10-steering-group/"]


def test_report_has_a_contents_list_linking_every_heading(site: Callable[[str], Path]) -> None:
    html = page(site("2024-02-20"), "reports/progress/")
    toc = html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert targets == ["goals", "where-we-are", "money", "what-next"]
    for target in targets:
        assert f'id="{target}"' in html


def test_report_goal_counts_are_given_in_words(site: Callable[[str], Path]) -> None:
    seen = main_text(page(site("2024-02-20"), "reports/progress/"))
    assert "1 achieved, 1 on track, 1 behind (of 3 goals)." in seen
    assert "Pay co-producers Status: Achieved Evidence: Every role is paid." in seen


def test_the_stylesheet_prints_cleanly() -> None:
    from sitegen.templates import STATIC

    css = (STATIC / "style.css").read_text()
    printing = css.split("@media print", 1)[1]
    assert ".site-header" in printing and "display: none" in printing


def test_home_page_answers_what_is_new_open_and_decided(site: Callable[[str], Path]) -> None:
    html = page(site("2024-02-01"), "")
    seen = main_text(html)
    assert "What was decided lately" in seen and "Involvement is always paid." in seen
    assert "Open opportunities" in seen and "£25 per hour" in seen and "15 February 2024" in seen
    assert "Actions" in seen and "overdue" in seen and 'href="/actions/"' in html
    assert "Current projects Hearing checks" in seen
    assert "Progress report" in seen
    assert 'action="/search/"' in html
    assert "We launched" in seen


def test_news_listing_and_page(site: Callable[[str], Path]) -> None:
    assert "We launched" in main_text(page(site("2024-02-01"), "news/"))
    post = main_text(page(site("2024-02-01"), "news/launch/"))
    assert "5 January 2024" in post and "The portal is live." in post
