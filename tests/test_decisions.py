"""The decisions register: every decision, newest first, with ids that last, views by
year and by group, pages that search finds as their own type, a feed and open data."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest

from tests.helpers import build_site, copy_site, run_cli, write_files
from tests.test_counts import read_page, rows
from tests.test_portal import main_text, page

PAID = "Involvement is always paid."
MORE_MEETINGS = {
    "meetings/2024-05-20-steering-group.md": """---
group: steering-group
date: 2024-05-20
summary: The group set its budget.
decisions:
  - The budget for the year is agreed.
  - "=1+1 is how the costs add up."
---
""",
    "meetings/2025-02-01-advice-group.md": """---
group: advice-group
date: 2025-02-01
summary: The group met for the first time.
decisions:
  - The group will meet every two months.
---
""",
}
NEWEST_FIRST = [
    ("2025-02-01-advice-group", "The group will meet every two months."),
    ("2024-05-20-steering-group", "The budget for the year is agreed."),
    ("2024-05-20-steering-group", "=1+1 is how the costs add up."),
    ("2024-01-10-steering-group", PAID),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """The small site with more meetings (``files`` changes it further), built as of ``today``."""
    built: dict[tuple[str, tuple[tuple[str, str], ...]], Path] = {}

    def at(today: str, files: dict[str, str] | None = None, *extra: str) -> Path:
        key = (today, tuple(sorted((files or {}).items())) + tuple((e, "") for e in extra))
        if key not in built:
            root = tmp_path_factory.mktemp("decisions")
            content = copy_site(root)
            write_files(content, {**MORE_MEETINGS, **(files or {})})
            built[key] = build_site(content, root / "output", today, *extra)
        return built[key]

    return at


def register(output: Path, path: str = "decisions/") -> list[tuple[str, str, str]]:
    """(id, text, meeting link) of each decision a register page lists, in order."""
    html = page(output, path)
    items = re.findall(
        r'<li id="([^"]+)">\s*<p class="decision-text"><a href="[^"]+">(.*?)</a></p>'
        r'.*?Decided at <a href="([^"]+)">',
        html,
        re.S,
    )
    return [(found, text.replace("&#34;", '"'), link) for found, text, link in items]


def listed(output: Path, path: str = "decisions/") -> list[tuple[str, str]]:
    return [(link.split("/")[2], text) for _, text, link in register(output, path)]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2024-02-20", NEWEST_FIRST[3:]),
        ("2024-06-10", NEWEST_FIRST[1:]),
        ("2025-03-01", NEWEST_FIRST),
    ],
)
def test_the_register_lists_every_decision_taken_by_the_build_date_newest_first(
    site: Callable[..., Path], today: str, expected: list[tuple[str, str]]
) -> None:
    output = site(today)
    assert listed(output) == expected
    data = json.loads((output / "data" / "decisions.json").read_text())["decisions"]
    assert [(d["meeting"]["slug"], d["text"]) for d in data] == expected
    table = list(csv.DictReader(io.StringIO((output / "data" / "decisions.csv").read_text())))
    assert [row["id"] for row in table] == [d["id"] for d in data]
    pages = sorted(p.parent.name for p in (output / "decisions").glob("20*-*/index.html"))
    assert pages == sorted(d["id"] for d in data)


def test_each_decision_links_to_its_place_on_its_meetings_page(site: Callable[..., Path]) -> None:
    output = site("2025-03-01")
    for found, _, link in register(output):
        meeting, anchor = link.split("#")
        assert f'<li id="{anchor}">' in page(output, meeting.lstrip("/"))
        assert found.endswith(anchor.removeprefix("decision-"))
        assert (output / "decisions" / found / "index.html").exists()


def test_views_by_year_and_by_group_list_exactly_theirs(site: Callable[..., Path]) -> None:
    output = site("2025-03-01")
    assert listed(output, "decisions/2024/") == NEWEST_FIRST[1:]
    assert listed(output, "decisions/2025/") == NEWEST_FIRST[:1]
    assert listed(output, "decisions/group/steering-group/") == NEWEST_FIRST[1:]
    assert listed(output, "decisions/group/advice-group/") == NEWEST_FIRST[:1]
    links = dict((text, href) for href, text in read_page(output / "decisions/index.html").links)
    for text, href in {
        "All (4)": "/decisions/",
        "2025 (1)": "/decisions/2025/",
        "2024 (3)": "/decisions/2024/",
        "Advice Group (1)": "/decisions/group/advice-group/",
        "Steering Group (3)": "/decisions/group/steering-group/",
    }.items():
        assert links[text] == href
        count = int(text.rsplit("(", 1)[1].rstrip(")"))
        assert rows(read_page(output / href.lstrip("/") / "index.html")) == count


def test_the_register_needs_no_javascript(site: Callable[..., Path]) -> None:
    html = page(site("2025-03-01"), "decisions/")
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<script" not in main
    assert PAID in main_text(html)


def test_an_edit_to_other_decisions_moves_no_id(site: Callable[..., Path]) -> None:
    before = {text: found for found, text, _ in register(site("2025-03-01"))}
    edited = (
        MORE_MEETINGS["meetings/2024-05-20-steering-group.md"]
        .replace(
            "  - The budget for the year is agreed.\n",
            "  - A decision recorded before the others.\n  - The budget for the year is agreed.\n",
        )
        .replace("is how the costs add up.", "is how all the costs add up.")
    )
    after = register(site("2025-03-01", {"meetings/2024-05-20-steering-group.md": edited}))
    kept = {text: found for found, text, _ in after if text in before}
    assert kept == {text: before[text] for text in kept}
    assert set(kept) == {PAID, "The budget for the year is agreed.", NEWEST_FIRST[0][1]}


def test_a_decision_has_a_page_that_search_finds_as_a_decision(
    site: Callable[..., Path],
) -> None:
    output = site("2025-03-01")
    found = next(found for found, text, _ in register(output) if text == PAID)
    html = page(output, f"decisions/{found}/")
    assert "data-pagefind-body" in html
    filters = read_page(output / "decisions" / found / "index.html").filters
    assert filters == ["type:Decision", "group:Steering Group", "year:2024"]
    assert 'data-pagefind-sort="date:2024-01-10"' in html
    shown = main_text(html)
    assert f"Decision of the Steering Group, 10 January 2024 {PAID}" in shown
    assert "Decided at Steering Group meeting, 10 January 2024" in shown
    assert "Minutes Agreed by the group" in shown


def test_decisions_of_draft_minutes_say_so(site: Callable[..., Path]) -> None:
    draft = MORE_MEETINGS["meetings/2025-02-01-advice-group.md"].replace(
        "decisions:", "minutes: draft\ndecisions:"
    )
    output = site("2025-03-01", {"meetings/2025-02-01-advice-group.md": draft})
    item = page(output, "decisions/").split("The group will meet every two months.", 1)[1]
    assert "Draft minutes" in item.split("</li>", 1)[0]
    found = next(f for f, text, _ in register(output) if text == NEWEST_FIRST[0][1])
    shown = main_text(page(output, f"decisions/{found}/"))
    assert "Minutes Draft minutes: to be agreed at the next meeting" in shown


def test_a_draft_meetings_decisions_are_published_only_with_drafts(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    draft = content / "meetings" / "2024-05-01-steering-group.md"
    draft.write_text(
        draft.read_text().replace(
            "visibility: draft\n", "visibility: draft\ndecisions: [Quokka.]\n"
        )
    )
    public = build_site(content, tmp_path / "public", "2024-06-01")
    assert "Quokka" not in page(public, "decisions/")
    assert "Quokka" not in (public / "data" / "decisions.json").read_text()
    drafts = build_site(content, tmp_path / "drafts", "2024-06-01", "--drafts")
    assert "Quokka" in page(drafts, "decisions/")


def test_the_open_data_holds_every_decision_safely_and_documents_it(
    site: Callable[..., Path],
) -> None:
    output = site("2025-03-01")
    table = list(csv.DictReader(io.StringIO((output / "data" / "decisions.csv").read_text())))
    formula = next(row for row in table if "costs" in row["text"])
    assert formula["text"] == "'=1+1 is how the costs add up."
    assert formula["position"] == "2"
    assert formula["meeting_url"].startswith(
        "https://portal.example.org/meetings/2024-05-20-steering-group/#decision-"
    )
    data = json.loads((output / "data" / "decisions.json").read_text())["decisions"]
    assert next(d for d in data if "costs" in d["text"])["text"] == "=1+1 is how the costs add up."
    documented = main_text(page(output, "data/"))
    assert "Fields of decisions.csv" in documented
    for column in table[0]:
        assert f" {column} " in documented
    assert "decisions.json: decisions[]" in documented


def test_the_feed_has_an_entry_per_decision(site: Callable[..., Path]) -> None:
    output = site("2025-03-01")
    feed = feedparser.parse((output / "decisions" / "feed.xml").read_bytes())
    assert not feed.bozo
    assert [e.title for e in feed.entries] == [text for _, text in NEWEST_FIRST]
    assert len({e.id for e in feed.entries}) == 4
    first = feed.entries[0]
    assert first.link.startswith("https://portal.example.org/decisions/2025-02-01-advice-group-")
    assert first.summary == "Decided at the Advice Group meeting, 1 February 2025."
    assert '<link rel="alternate" type="application/atom+xml" title="Decisions (Atom feed)"' in (
        page(output, "decisions/")
    )


def test_the_same_decision_twice_is_an_error_naming_its_line(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    write_files(
        content,
        {
            "meetings/2024-05-20-steering-group.md": MORE_MEETINGS[
                "meetings/2024-05-20-steering-group.md"
            ].replace('  - "=1+1', '  - The budget for the year is agreed!\n  - "=1+1')
        },
    )
    result = run_cli("check", "--content", content, "--today", "2024-06-01")
    assert result.code == 1
    assert (
        "meetings/2024-05-20-steering-group.md:7: decisions[2]: says the same as decision 1; "
        "record each decision once"
    ) in result.out + result.err
