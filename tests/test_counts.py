"""Every count the portal shows agrees with the rows behind it, on every page.

Several sites are built (updates that close, reopen and drop actions; month,
date, keyword and next-meeting dues), each at several build dates. Then every
page is read: a number shown in a link must equal the rows of the page it links
to, a table's caption and a group's sentence must equal their own rows, and the
open data and search filters must say what the tracker says.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.helpers import copy_site, run_cli, write_files

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)
_DATES = re.compile(
    rf"\b(\d{{1,2}} )?({MONTHS}) \d{{4}}\b|\b(19|20)\d\d\b|\b\d+ (days?|weeks?|months?|years?)\b"
)
"""Numbers that are dates or spans of time, not counts."""

LATER_MEETINGS = {
    # Reopens a done action, closes an overdue one, drops another, and agrees new ones
    # with every kind of due date.
    "meetings/2024-05-20-steering-group.md": """---
group: steering-group
date: 2024-05-20
present: [ada-lovelace, cara-smith]
summary: The group went through its actions again.
next_meeting:
  date: 2024-07-15
  start: 10:00
actions:
  - id: b1
    text: Write to the funder.
    owners: [cara-smith]
    due: 2024-06
  - id: b2
    text: Book the autumn venue.
    owners: [steering-group]
    due: next-meeting
  - id: b3
    text: Thank the volunteers.
    owners: [ada-lovelace]
    due: asap
  - id: b4
    text: Publish the minutes.
    owners: [the-team]
    due: 2024-05-31
action_updates:
  - action: 2024-01-10-steering-group#a5
    status: open
    note: The venue cancelled, so it needs booking again.
  - action: 2024-01-10-steering-group#a1
    status: done
    note: Published.
  - action: 2024-01-10-steering-group#a2
    status: dropped
    note: No longer needed.
---
Notes.
""",
    "meetings/2024-07-15-steering-group.md": """---
group: steering-group
date: 2024-07-15
present: [ada-lovelace, bob-jones]
summary: A short meeting.
action_updates:
  - action: 2024-05-20-steering-group#b1
    status: in-progress
  - action: 2024-05-20-steering-group#b4
    status: done
---
Notes.
""",
}
OTHER_GROUP = {
    "groups/advice-group.md": """---
name: Advice Group
purpose: Advises on priorities.
members:
  - person: cara-smith
    role: Member
---
""",
    "meetings/2024-06-03-advice-group.md": """---
group: advice-group
date: 2024-06-03
present: [cara-smith]
summary: The group met for the first time.
actions:
  - id: c1
    text: Agree the terms of reference.
    owners: [advice-group]
    due: ongoing
  - id: c2
    text: Draft a plan.
    owners: [cara-smith, the-team]
    due: 2024-09-30
---
Notes.
""",
}
SITES = {
    "small": {},
    "lifecycle": LATER_MEETINGS,
    "two-groups": {**LATER_MEETINGS, **OTHER_GROUP},
}
DATES = ("2024-02-20", "2024-06-10", "2024-08-01", "2025-03-01", "2030-01-01")


class _Page(HTMLParser):
    """The links (with their text), the actions tables and the item lists inside <main>."""

    def __init__(self) -> None:
        super().__init__()
        self.in_main = False
        self.links: list[tuple[str, str]] = []
        self._link: list[str] | None = None
        self._href = ""
        self.tables: list[tuple[str, int]] = []
        """(caption, body rows) of each actions table."""
        self._table: list[object] | None = None
        self._caption: list[str] | None = None
        self._in_body = False
        self.list_items: list[int] = []
        """Items of each top-level item list."""
        self._lists: list[list[int] | None] = []
        self.text: list[str] = []
        self.filters: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "span" and found.get("data-pagefind-filter"):
            self.filters.append(str(found["data-pagefind-filter"]))
        if tag == "main":
            self.in_main = True
        if not self.in_main:
            return
        if tag == "a":
            self._link, self._href = [], str(found.get("href", ""))
        elif tag == "table" and "actions-table" in str(found.get("class", "")):
            self._table = ["", 0]
        elif tag == "caption" and self._table is not None:
            self._caption = []
        elif tag == "tbody" and self._table is not None:
            self._in_body = True
        elif tag == "tr" and self._in_body and self._table is not None:
            self._table[1] = int(str(self._table[1])) + 1
        elif tag == "ul":
            is_items = "item-list" in str(found.get("class", "")) and not any(self._lists)
            self._lists.append([0] if is_items else None)
        elif tag == "li" and self._lists and self._lists[-1] is not None:
            self._lists[-1][0] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False
        if tag == "a" and self._link is not None:
            self.links.append((self._href, " ".join("".join(self._link).split())))
            self._link = None
        elif tag == "caption" and self._caption is not None and self._table is not None:
            self._table[0] = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table" and self._table is not None:
            self.tables.append((str(self._table[0]), int(str(self._table[1]))))
            self._table = None
        elif tag == "ul" and self._lists:
            items = self._lists.pop()
            if items is not None:
                self.list_items.append(items[0])

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.append(data)
        if self._caption is not None:
            self._caption.append(data)
        if self.in_main:
            self.text.append(data)


def read_page(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text())
    return parser


def count_in(text: str) -> int | None:
    """The one number in a link's text that is a count, not part of a date; None if none."""
    numbers = re.findall(r"\b\d+\b", _DATES.sub(" ", text))
    assert len(numbers) <= 1, f"a link with two counts is ambiguous: {text!r}"
    return int(numbers[0]) if numbers else None


def rows(page: _Page) -> int:
    """What a listing page lists: its actions table's rows, or its item list's items."""
    if page.tables:
        return page.tables[0][1]
    if page.list_items:
        return page.list_items[0]
    assert "There are no actions in this view." in "".join(page.text), "nothing to count"
    return 0


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Path]:
    cache: dict[tuple[str, str], Path] = {}

    def build(site: str, today: str) -> Path:
        if (site, today) not in cache:
            root = tmp_path_factory.mktemp(f"{site}-{today}")
            content = copy_site(root)
            write_files(content, SITES[site])
            output = root / "output"
            result = run_cli(
                "build", "--content", content, "--output", output, "--today", today, "--no-search"
            )
            assert result.code == 0, result.err
            cache[(site, today)] = output
        return cache[(site, today)]

    return build


def target_of(output: Path, page: Path, href: str) -> Path | None:
    """The built page a link goes to, or None for a link that is not to a page of the site."""
    parts = urlsplit(href)
    if parts.scheme or not parts.path or parts.path.endswith((".xml", ".ics", ".csv", ".json")):
        return None
    if parts.path.startswith("/"):
        path = output / parts.path.lstrip("/")
    else:
        path = (page.parent / parts.path).resolve()
    return path / "index.html" if path.is_dir() else path


@pytest.mark.parametrize("today", DATES)
@pytest.mark.parametrize("site", sorted(SITES))
def test_every_count_in_a_link_equals_the_rows_of_the_page_it_links_to(
    built: Callable[[str, str], Path], site: str, today: str
) -> None:
    output = built(site, today)
    checked: Counter[str] = Counter()
    for path in sorted(output.rglob("*.html")):
        page = read_page(path)
        for href, text in page.links:
            number = count_in(text)
            target = target_of(output, path, href)
            if number is None or target is None or "#" in href:
                continue
            assert target.exists(), f"{path.relative_to(output)}: {href} goes nowhere"
            behind = rows(read_page(target))
            where = f"{path.relative_to(output)}: the link {text!r} to {href}"
            assert number == behind, f"{where} says {number}, and that page lists {behind}"
            checked[path.relative_to(output).as_posix()] += 1
    # The home page links six counts (four statuses, two flags), every tracker view at
    # least the five status tabs and the two flags.
    assert checked["index.html"] == 6
    assert checked["actions/index.html"] >= 7
    assert checked["actions/stale/index.html"] == checked["actions/index.html"]


@pytest.mark.parametrize("today", DATES)
@pytest.mark.parametrize("site", sorted(SITES))
def test_captions_and_sentences_count_their_own_rows(
    built: Callable[[str, str], Path], site: str, today: str
) -> None:
    output = built(site, today)
    for path in sorted(output.rglob("*.html")):
        page = read_page(path)
        for caption, body_rows in page.tables:
            shown = re.search(r"\((\d+)\)$", caption)
            if shown:
                assert int(shown.group(1)) == body_rows, f"{path}: {caption}"
    for path in sorted((output / "groups").glob("*/index.html")):
        page = read_page(path)
        text = " ".join("".join(page.text).split())
        said = re.search(r"(\d+) actions? still open or in progress: \d+ overdue, \d+ with", text)
        if said is None:
            assert "No open actions." in text
            continue
        table = next(n for caption, n in page.tables if caption.startswith("Open actions"))
        assert int(said.group(1)) == table


@pytest.mark.parametrize("today", DATES)
@pytest.mark.parametrize("site", sorted(SITES))
def test_the_open_data_and_the_search_filters_say_what_the_tracker_says(
    built: Callable[[str, str], Path], site: str, today: str
) -> None:
    output = built(site, today)

    def view_rows(view: str) -> int:
        return rows(read_page(output / "actions" / view / "index.html"))

    table = list(csv.DictReader(io.StringIO((output / "data" / "actions.csv").read_text())))
    statuses = Counter(row["status"] for row in table)
    for status in ("open", "in-progress", "done", "dropped"):
        assert statuses[status] == view_rows(status)
    assert sum(row["overdue"] == "yes" for row in table) == view_rows("overdue")
    assert sum(row["stale"] == "yes" for row in table) == view_rows("stale")
    assert len(table) == rows(read_page(output / "actions" / "index.html"))
    data = json.loads((output / "data" / "actions.json").read_text())["actions"]
    assert [a["ref"] for a in data] == [row["ref"] for row in table]
    assert all(a["stale"] == (row["stale"] == "yes") for a, row in zip(data, table, strict=True))
    assert all(a["last_update"] == row["last_update"] for a, row in zip(data, table, strict=True))

    labels = {"open": "Open", "in-progress": "In progress", "done": "Done", "dropped": "Dropped"}
    for meeting in (output / "meetings").glob("*-*/index.html"):
        slug = meeting.parent.name
        own = [a for a in data if a["ref"].startswith(f"{slug}#")]
        expected = {labels[a["status"]] for a in own}
        expected |= {"Overdue"} if any(a["overdue"] for a in own) else set()
        expected |= {"No update in 6 months"} if any(a["stale"] for a in own) else set()
        found = read_page(meeting).filters
        filters = {f.split(":", 1)[1] for f in found if f.startswith("status:")}
        assert filters == expected, slug
