"""Change history, GOV.UK style: each item page says when it was first published and last
updated and lists its notes newest first; ``/changes/`` and its feed list every note;
a note dated in the future or before its item is an error; no private text is shown."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest

from tests.helpers import SMALL_TODAY, build_site, copy_site, run_cli, write_files
from tests.test_portal import json_ld, main_text, page

NOTES = {
    "meetings/2024-01-10-steering-group.md": (
        "    due: 2024-01-31\n",
        "    due: 2024-01-31\nchanges:\n  - date: 2024-02-01\n    note: Corrected the list of "
        "those present.\n  - date: 2024-01-15\n    note: Added the funding table.\n",
    ),
    "news/launch.md": (
        "---\n",
        "---\nchanges:\n  - date: 2024-01-08\n    note: Added a photo of the launch.\n",
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """The small site with more change notes, built as of ``today``."""
    built: dict[str, Path] = {}

    def at(today: str = SMALL_TODAY) -> Path:
        if today not in built:
            root = tmp_path_factory.mktemp("changes")
            content = with_notes(copy_site(root))
            built[today] = build_site(content, root / "output", today)
        return built[today]

    return at


def with_notes(content: Path, notes: dict[str, tuple[str, str]] = NOTES) -> Path:
    for name, (where, added) in notes.items():
        path = content / name
        text = path.read_text()
        assert where in text
        position = text.index(where) if where != "---\n" else 0
        path.write_text(text[:position] + text[position:].replace(where, added, 1))
    return content


def history(html: str) -> str:
    """What the page's history says, as a reader sees it."""
    block = html.split('<section class="page-history"', 1)[1].split("</section>", 1)[0]
    return main_text(f"<main{block}</main>")


def test_an_item_page_says_when_it_was_published_and_updated_and_lists_its_notes(
    site: Callable[..., Path],
) -> None:
    shown = history(page(site(), "news/launch/"))
    assert shown == (
        "Page history First published 5 January 2024. Last updated 8 January 2024. "
        "See all updates (1) 8 January 2024: Added a photo of the launch."
    )


def test_notes_are_listed_newest_first_whatever_order_they_were_written_in(
    site: Callable[..., Path],
) -> None:
    html = page(site(), "meetings/2024-01-10-steering-group/")
    assert history(html) == (
        "Page history Last updated 1 February 2024. See all updates (2) "
        "1 February 2024: Corrected the list of those present. "
        "15 January 2024: Added the funding table."
    )
    assert '<details class="page-updates">' in html
    assert '<li id="page-update-2024-02-01">' in html


def test_an_item_with_nothing_known_of_its_history_says_nothing_of_it(
    site: Callable[..., Path],
) -> None:
    html = page(site(), "groups/steering-group/")
    assert "page-history" not in html
    assert "First published" not in html and "Last updated" not in html


def test_a_publication_date_alone_is_first_published_and_not_updated_since(
    site: Callable[..., Path],
) -> None:
    shown = history(page(site(), "reports/progress/"))
    assert re.fullmatch(r"Page history First published \d+ \w+ \d{4}\. Not updated since\.", shown)


def test_the_site_lists_every_note_newest_first_linked_to_the_note(
    site: Callable[..., Path],
) -> None:
    output = site()
    html = page(output, "changes/")
    items = re.findall(
        r'<time datetime="([\d-]+)">.*?</time> · (\w+)</p>\s*'
        r'<p><a href="([^"]+)">(.*?)</a>: (.*?)</p>',
        html,
    )
    assert [(when, kind, text) for when, kind, _, _, text in items] == [
        ("2024-02-01", "Meeting", "Corrected the list of those present."),
        ("2024-01-15", "Meeting", "Added the funding table."),
        ("2024-01-08", "News", "Added a photo of the launch."),
        ("2023-11-20", "Project", "The project is now under way."),
        ("2023-10-16", "Page", "Says who we are."),
        ("2023-09-04", "Project", "Added NHS England as a partner."),
    ]
    assert items[0][3] == "Steering Group meeting, 10 January 2024"
    for _, _, href, _, _ in items:
        path, anchor = href.split("#")
        assert f'<li id="{anchor}">' in page(output, path.lstrip("/"))
    assert '<li><a href="/changes/">Updates to this site</a></li>' in page(output, "")


def test_the_updates_feed_has_the_newest_notes(site: Callable[..., Path]) -> None:
    feed = feedparser.parse((site() / "changes" / "feed.xml").read_bytes())
    assert not feed.bozo
    assert [e.title for e in feed.entries][:2] == [
        "Updated: Steering Group meeting, 10 January 2024",
        "Updated: Steering Group meeting, 10 January 2024",
    ]
    assert feed.entries[0].summary == "Corrected the list of those present."
    assert feed.entries[0].link == (
        "https://portal.example.org/meetings/2024-01-10-steering-group/#page-update-2024-02-01"
    )
    assert len({e.id for e in feed.entries}) == len(feed.entries) == 6


def test_the_feed_holds_the_newest_fifty_and_the_page_every_one(tmp_path: Path) -> None:
    notes = "".join(
        f"  - date: 2023-{month:02d}-{day:02d}\n    note: Note {month}-{day}.\n"
        for month in range(1, 4)
        for day in range(1, 21)
    )
    content = with_notes(
        copy_site(tmp_path), {"pages/governance.md": ("---\n", f"---\nchanges:\n{notes}")}
    )
    output = build_site(content, tmp_path / "output", SMALL_TODAY)
    feed = feedparser.parse((output / "changes" / "feed.xml").read_bytes())
    assert len(feed.entries) == 50
    assert feed.entries[0].summary == "The project is now under way."
    assert feed.entries[-1].summary == "Note 1-14."  # the 50th newest
    assert page(output, "changes/").count('<li>\n<p class="item-meta">') == 60 + 3


def test_a_page_with_a_history_says_so_in_its_structured_data(site: Callable[..., Path]) -> None:
    described = [d for d in json_ld(page(site(), "news/launch/")) if d["@type"] == "WebPage"]
    assert described == [
        {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": "We launched",
            "url": "https://portal.example.org/news/launch/",
            "datePublished": "2024-01-05",
            "dateModified": "2024-01-08",
        }
    ]


def test_a_person_without_a_profile_has_no_page_so_their_notes_are_not_listed(
    tmp_path: Path,
) -> None:
    content = with_notes(
        copy_site(tmp_path),
        {"people/bob-jones.md": ("---\n", "---\nchanges:\n  - date: 2023-05-01\n    note: Bob.\n")},
    )
    output = build_site(content, tmp_path / "output", SMALL_TODAY)
    assert "Bob." not in page(output, "changes/")
    assert "Bob." not in (output / "changes" / "feed.xml").read_text()


@pytest.mark.parametrize(
    ("name", "where", "notes", "message"),
    [
        (
            "projects/hearing-checks.md",
            "  - date: 2023-11-20\n",
            "  - date: 2024-02-21\n",
            "projects/hearing-checks.md:12: changes[2].date: is 2024-02-21, after the build date "
            "(2024-02-20): a change note records a change already made; correct the date",
        ),
        (
            "meetings/2024-01-10-steering-group.md",
            "    due: 2024-01-31\n",
            "    due: 2024-01-31\nchanges:\n  - date: 2024-01-09\n    note: Too early.\n",
            "meetings/2024-01-10-steering-group.md:42: changes[1].date: is 2024-01-09, before "
            "the meeting was held (2024-01-10): nothing about it can have changed before then; "
            "correct the date",
        ),
        (
            "news/launch.md",
            "---\n",
            "---\nchanges:\n  - date: 2024-01-04\n    note: Too early.\n",
            "news/launch.md:3: changes[1].date: is 2024-01-04, before it was published "
            "(2024-01-05): nothing about it can have changed before then; correct the date",
        ),
        (
            "pages/about.md",
            "    note: Says who we are.\n",
            "    note: 'Says who we are. ::: private'\n",
            "pages/about.md:7: changes[1].note: ",
        ),
        (
            "pages/about.md",
            "    note: Says who we are.\n",
            "",
            "pages/about.md:6: changes[1].note: is required",
        ),
        (
            "pages/about.md",
            "  - date: 2023-10-16\n",
            "  - date: 2023-10-32\n",
            "pages/about.md:6: changes[1].date: ",
        ),
    ],
    ids=["after-today", "before-the-meeting", "before-publication", "private", "no-note", "date"],
)
def test_a_wrong_change_note_is_an_error_naming_its_line_and_field(
    tmp_path: Path, name: str, where: str, notes: str, message: str
) -> None:
    content = with_notes(copy_site(tmp_path), {name: (where, notes)})
    result = run_cli("check", "--content", content, "--today", SMALL_TODAY)
    assert result.code == 1
    assert message in result.out + result.err, result.out + result.err


def test_private_text_never_reaches_any_history(site: Callable[..., Path], tmp_path: Path) -> None:
    """The small site's January meeting withholds a private block: no history shows it."""
    output = site()
    for path in ("meetings/2024-01-10-steering-group/", "changes/"):
        assert "zanzibar" not in page(output, path)
    assert "zanzibar" not in (output / "changes" / "feed.xml").read_text()
    content = copy_site(tmp_path)
    write_files(
        content,
        {
            "news/leak.md": "---\ntitle: Leak\ndate: 2024-01-20\nchanges:\n  - date: 2024-01-21"
            "\n    note: ':::'\n---\n::: private\nzanzibar\n:::\n",
        },
    )
    result = run_cli("check", "--content", content, "--today", SMALL_TODAY)
    assert result.code == 1
    assert "news/leak.md:6: changes[1].note:" in result.out + result.err
