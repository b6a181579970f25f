"""Draft and agreed minutes: what the pages and the data say, and every mistake refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import (
    SMALL_SITE,
    SMALL_TODAY,
    TESTS,
    build_site,
    copy_site,
    run_cli,
    write_files,
)
from tests.test_portal import main_text, page

SAMPLE = TESTS.parent / "content"
JANUARY = "meetings/2024-01-10-steering-group/"
MARCH = "meetings/2024-03-12-steering-group/"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small site, whose January minutes the March meeting agreed."""
    root = tmp_path_factory.mktemp("minutes")
    content = copy_site(root)
    agreed(content, "2024-01-10-steering-group", "approved\napproved_at: 2024-03-12-steering-group")
    return build_site(content, root / "output", SMALL_TODAY)


def agreed(content: Path, slug: str, minutes: str) -> None:
    """Sets a meeting's ``minutes:`` line (and what follows it) in ``content``."""
    path = content / "meetings" / f"{slug}.md"
    text = path.read_text()
    lines = [line for line in text.splitlines() if line.startswith("minutes: ")]
    assert len(lines) == 1
    path.write_text(text.replace(lines[0], f"minutes: {minutes}"))


def facts(html: str) -> str:
    """The text of a page's facts list (group, date, ..., minutes)."""
    listed = html.split('<dl class="facts">', 1)[1].split("</dl>", 1)[0]
    return main_text(f"<main>{listed}</main>")


def test_agreed_minutes_name_the_meeting_that_agreed_them_with_a_link(small: Path) -> None:
    html = page(small, JANUARY)
    assert "Minutes: Agreed at the meeting of 12 March 2024" in facts(html)
    assert '<a href="/meetings/2024-03-12-steering-group/">the meeting of 12 March 2024</a>' in html
    assert "Draft minutes" not in html


def test_draft_minutes_say_they_are_to_be_agreed(small: Path) -> None:
    shown = facts(page(small, MARCH))
    assert "Minutes: Draft minutes: to be agreed at the next meeting" in shown
    assert "Agreed at" not in shown


def test_the_later_meeting_lists_the_minutes_it_agreed(small: Path) -> None:
    html = page(small, MARCH)
    assert "Agreed the minutes of: Steering Group meeting, 10 January 2024" in facts(html)
    assert '<a href="/meetings/2024-01-10-steering-group/">Steering Group meeting, 10' in html


def test_a_meeting_that_does_not_say_claims_neither(tmp_path: Path) -> None:
    """The sample's meeting is not known to be agreed: its page says nothing either way."""
    output = build_site(SAMPLE, tmp_path / "output", "2026-11-28")
    shown = main_text(page(output, "meetings/2021-11-08-allies-group/"))
    for claim in ("Minutes", "Draft minutes", "Agreed at", "Agreed the minutes", "agreed by"):
        assert claim not in shown
    data = json.loads((output / "data" / "meetings.json").read_text())["meetings"]
    assert [(m["minutes"], m["approved_at"]) for m in data] == [(None, None)]


def test_the_meetings_data_says_whether_minutes_are_agreed_and_where(small: Path) -> None:
    data = json.loads((small / "data" / "meetings.json").read_text())["meetings"]
    found = {m["slug"]: (m["minutes"], m["approved_at"]) for m in data}
    assert found == {
        "2024-03-12-steering-group": ("draft", None),
        "2024-01-10-steering-group": ("approved", "2024-03-12-steering-group"),
    }
    assert "<code>minutes</code>" in page(small, "data/")


def test_agreed_minutes_may_leave_out_where_they_were_agreed(tmp_path: Path) -> None:
    """The small site as it is: its January minutes say they were agreed, not where."""
    output = build_site(SMALL_SITE, tmp_path / "output", SMALL_TODAY)
    assert "Minutes: Agreed by the group" in facts(page(output, JANUARY))
    assert "Agreed the minutes of" not in page(output, MARCH)


@pytest.mark.parametrize(
    ("approved_at", "minutes", "message"),
    [
        (
            "2024-01-10-steering-group",
            "approved",
            "approved_at: '2024-01-10-steering-group' (2024-01-10) is before this meeting "
            "(2024-03-12): minutes are agreed at a later meeting",
        ),
        (
            "2024-03-12-steering-group",
            "approved",
            "approved_at: is this meeting itself: minutes are agreed at a later meeting of the "
            "group",
        ),
        (
            "2024-04-12-steering-group",
            "approved",
            "approved_at: unknown meeting '2024-04-12-steering-group'; did you mean "
            "'2024-03-12-steering-group'?",
        ),
        (
            "2024-05-01-steering-group",
            "approved",
            "approved_at: '2024-05-01-steering-group' is a draft, so it is not published",
        ),
        (
            "2024-06-01-advice-group",
            "approved",
            "approved_at: '2024-06-01-advice-group' is a meeting of another group "
            "(advice-group): the minutes of this meeting are agreed at a later meeting of the "
            "Steering Group",
        ),
        (
            "2024-06-01-steering-group",
            "draft",
            "approved_at: is set, but minutes is not 'approved': write minutes: approved, or "
            "remove approved_at",
        ),
    ],
)
def test_minutes_cannot_be_agreed_where_they_were_not(
    tmp_path: Path, approved_at: str, minutes: str, message: str
) -> None:
    content = copy_site(tmp_path)
    write_files(
        content,
        {
            "meetings/2024-06-01-advice-group.md": "---\ngroup: advice-group\ndate: 2024-06-01\n"
            "summary: The group met.\n---\n",
            "meetings/2024-06-01-steering-group.md": "---\ngroup: steering-group\n"
            "date: 2024-06-01\nsummary: The group met.\n---\n",
        },
    )
    agreed(content, "2024-03-12-steering-group", f"{minutes}\napproved_at: {approved_at}")
    result = run_cli("check", "--content", content, "--today", SMALL_TODAY)
    assert result.code == 1
    assert f"meetings/2024-03-12-steering-group.md:21: {message}" in result.out + result.err
    assert "Traceback" not in result.err


def test_a_later_meeting_of_the_same_group_may_agree_them(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    write_files(
        content,
        {
            "meetings/2024-06-01-steering-group.md": "---\ngroup: steering-group\n"
            "date: 2024-06-01\nsummary: The group met.\n---\n",
        },
    )
    agreed(content, "2024-03-12-steering-group", "approved\napproved_at: 2024-06-01-steering-group")
    output = build_site(content, tmp_path / "output", SMALL_TODAY)
    assert "Agreed at the meeting of 1 June 2024" in facts(page(output, MARCH))
    later = facts(page(output, "meetings/2024-06-01-steering-group/"))
    assert "Agreed the minutes of: Steering Group meeting, 12 March 2024" in later
