"""A record that never goes quietly stale: last reviews, stale actions, next meetings
that know the date, and the checks an editor relies on."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest

from tests.helpers import SMALL_SITE, TESTS, build_site, copy_site, run_cli, write_files
from tests.test_portal import main_text, page

SAMPLE = TESTS.parent / "content"
JANUARY = "meetings/2024-01-10-steering-group/"
MARCH = "meetings/2024-03-12-steering-group.md"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """The small site, changed by ``files`` (a path of None deletes it), built as of ``today``."""
    built: dict[tuple[str, tuple[tuple[str, str | None], ...]], Path] = {}

    def at(today: str, files: dict[str, str | None] | None = None) -> Path:
        key = (today, tuple(sorted((files or {}).items())))
        if key not in built:
            root = tmp_path_factory.mktemp("record")
            content = copy_site(root, SMALL_SITE)
            for name, text in (files or {}).items():
                if text is None:
                    (content / name).unlink()
                else:
                    write_files(content, {name: text})
            output = root / "output"
            result = run_cli(
                "build", "--content", content, "--output", output, "--today", today, "--no-search"
            )
            assert result.code == 0, result.err
            built[key] = output
        return built[key]

    return at


def rows_of(html: str) -> list[str]:
    table = html.split('<table class="actions-table stack">', 1)[1].split("</table>", 1)[0]
    return [main_text("<main>" + row + "</main>") for row in table.split("<tr")[2:]]


# ------------------------------------------------------------------ last reviewed and stale


def test_every_action_says_when_it_was_last_reviewed(site: Callable[..., Path]) -> None:
    for path in (JANUARY, "actions/", "groups/steering-group/", "people/ada-lovelace/"):
        rows = rows_of(page(site("2024-04-01"), path))
        offer = next(row for row in rows if "Write the offer document." in row)
        assert "Last reviewed 12 Mar 2024" in offer, path  # the meeting of its update
    share = next(r for r in rows_of(page(site("2024-04-01"), "actions/")) if "Share the" in r)
    assert "Last reviewed 10 Jan 2024" in share  # no update: the meeting that agreed it


@pytest.mark.parametrize(
    ("today", "stale"),
    [
        # Six months after 10 January is 10 July; after 12 March, 12 September.
        ("2024-07-10", set()),
        ("2024-07-11", {"Share the consultation link.", "Introduce contacts."}),
        ("2024-09-12", {"Share the consultation link.", "Introduce contacts."}),
        (
            "2024-09-13",
            {"Share the consultation link.", "Introduce contacts.", "Write the offer document."},
        ),
    ],
)
def test_an_outstanding_action_goes_stale_six_months_after_its_last_review(
    site: Callable[..., Path], today: str, stale: set[str]
) -> None:
    """asap and ongoing are never overdue, but they do go stale; done and dropped never."""
    output = site(today)
    flagged = [row for row in rows_of(page(output, "actions/")) if "No update since" in row]
    assert {text for text in stale if any(text in row for row in flagged)} == stale
    assert len(flagged) == len(stale)
    listed = main_text(page(output, "actions/stale/")) if stale else ""
    for text in stale:
        assert text in listed
    table = list(csv.DictReader(io.StringIO((output / "data" / "actions.csv").read_text())))
    assert {row["text"] for row in table if row["stale"] == "yes"} == stale


def test_a_stale_action_is_flagged_with_its_month_wherever_it_is_shown(
    site: Callable[..., Path],
) -> None:
    output = site("2024-10-01")
    for path in (JANUARY, "actions/", "actions/stale/", "groups/steering-group/"):
        share = next(r for r in rows_of(page(output, path)) if "Share the" in r)
        assert "Open No update since January 2024" in share, path
    cara = next(r for r in rows_of(page(output, "people/cara-smith/")) if "Share the" in r)
    assert "No update since January 2024" in cara
    group = main_text(page(output, "groups/steering-group/"))
    assert "3 actions still open or in progress: 1 overdue, 3 with no update in 6 months." in group
    home = main_text(page(output, ""))
    assert "5 actions agreed at meetings, 3 of them still open or in progress." in home
    assert "Of those open or in progress: 1 overdue 3 with no update in 6 months" in home


def test_how_long_an_action_may_go_without_an_update_is_a_setting(
    site: Callable[..., Path],
) -> None:
    settings = (SMALL_SITE / "site.yaml").read_text() + "stale_after_months: 12\n"
    output = site("2024-10-01", {"site.yaml": settings})
    assert "No update since" not in page(output, "actions/")
    tracker = main_text(page(output, "actions/"))
    assert "No update in 12 months (0)" in tracker
    assert "for more than 12 months" in tracker
    later = site("2025-01-11", {"site.yaml": settings})
    assert "No update in 12 months (2)" in main_text(page(later, "actions/"))


def test_an_update_is_a_review_even_when_nothing_changed(site: Callable[..., Path]) -> None:
    march = (
        (SMALL_SITE / MARCH)
        .read_text()
        .replace(
            "action_updates:\n",
            "action_updates:\n  - action: 2024-01-10-steering-group#a2\n    status: open\n"
            "    note: Still to do.\n",
        )
    )
    share = next(
        r for r in rows_of(page(site("2024-08-01", {MARCH: march}), "actions/")) if "Share the" in r
    )
    assert "No update since" not in share and "Last reviewed 12 Mar 2024" in share


# ------------------------------------------------------------------ next meetings


def test_a_next_meeting_still_to_come_is_offered_with_its_groups_calendar(
    site: Callable[..., Path],
) -> None:
    html = page(site("2024-02-20"), JANUARY)
    seen = main_text(html)
    assert "Next meeting 12 March 2024, 14:00 to 15:30, Room 1, Main Building." in seen
    assert 'href="/groups/steering-group/meetings.ics"' in html
    assert "Add the Steering Group's next meetings to your calendar" in seen


def test_a_next_meeting_in_the_past_with_no_record_is_never_offered_as_upcoming(
    site: Callable[..., Path],
) -> None:
    output = site("2024-04-01", {MARCH: None})
    seen = main_text(page(output, JANUARY))
    assert (
        "At this meeting, the next meeting was planned for 12 March 2024, 14:00 to 15:30. "
        "No record of that meeting has been published."
    ) in seen
    assert "Add the Steering Group's next meetings" not in seen
    assert "No date published" in main_text(page(output, "groups/steering-group/"))


def test_a_meeting_held_later_than_planned_is_linked_as_the_next_one_held(
    site: Callable[..., Path],
) -> None:
    march = (SMALL_SITE / MARCH).read_text().replace("date: 2024-03-12", "date: 2024-05-20")
    output = site("2024-06-01", {MARCH: None, "meetings/2024-05-20-steering-group.md": march})
    seen = main_text(page(output, JANUARY))
    assert (
        "No meeting of the group on or near that date has been published; the group next met "
        "later: Steering Group meeting, 20 May 2024."
    ) in seen


def test_upcoming_meetings_lists_each_groups_next_meeting_until_its_date(
    site: Callable[..., Path],
) -> None:
    html = page(site("2024-02-20"), "meetings/upcoming/")
    seen = main_text(html)
    assert "Steering Group Date: 12 March 2024, 14:00 to 15:30 Where: Room 1, Main Building" in seen
    assert "Planned at: Steering Group meeting, 10 January 2024" in seen
    assert 'href="/groups/steering-group/meetings.ics"' in html
    home = main_text(page(site("2024-02-20"), ""))
    assert "Upcoming meetings Steering Group 12 March 2024, 14:00 to 15:30 · Room 1" in home
    later = main_text(page(site("2024-04-01"), "meetings/upcoming/"))
    assert "No group has published the date of a meeting still to come." in later
    assert "These active groups have not published the date of their next meeting:" in later
    assert "Steering Group" in later


def test_meeting_pages_and_group_pages_link_their_own_groups_calendar(
    site: Callable[..., Path],
) -> None:
    output = site("2024-02-20")
    group = page(output, "groups/steering-group/")
    assert 'href="/groups/steering-group/meetings.ics"' in group
    calendar = icalendar.Calendar.from_ical(
        (output / "groups" / "steering-group" / "meetings.ics").read_bytes()
    )
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Steering Group meeting"]


# ------------------------------------------------------------------ checks an editor relies on


def warnings_of(tmp_path: Path, files: dict[str, str], today: str = "2024-04-01") -> list[str]:
    """The warnings check gives about ``files``, written over the small site."""
    content = copy_site(tmp_path)
    write_files(content, files)
    result = run_cli("check", "--content", content, "--today", today, "--format", "json")
    report = json.loads(result.out)
    return [
        f"{p['path'].split('content/', 1)[1]}:{p['line']}: {p['field']}: {p['message']}"
        for p in report["problems"]
        if p["severity"] == "warning" and p["path"].endswith(tuple(files))
    ]


def test_someone_present_who_is_not_a_member_is_a_warning(tmp_path: Path) -> None:
    march = (
        (SMALL_SITE / MARCH)
        .read_text()
        .replace(
            "present: [ada-lovelace, bob-jones]", "present: [ada-lovelace, bob-jones, dan-brown]"
        )
    )
    person = "---\nname: Dan Brown\n---\n"
    found = warnings_of(tmp_path, {MARCH: march, "people/dan-brown.md": person})
    assert found == [
        "meetings/2024-03-12-steering-group.md:8: present[3]: 'dan-brown' is not a member of "
        "the Steering Group; list them under in_attendance instead, or add them to the "
        f"members in {tmp_path}/content/groups/steering-group.md"
    ]
    attending = march.replace(
        "present: [ada-lovelace, bob-jones, dan-brown]",
        "present: [ada-lovelace, bob-jones]\nin_attendance: [dan-brown]",
    )
    assert warnings_of(tmp_path / "b", {MARCH: attending, "people/dan-brown.md": person}) == []


def test_a_status_edited_in_place_in_an_old_meeting_is_a_warning(tmp_path: Path) -> None:
    january = "meetings/2024-01-10-steering-group.md"
    text = (
        (SMALL_SITE / january)
        .read_text()
        .replace("    due: asap\n", "    due: asap\n    status: done\n")
    )
    assert warnings_of(tmp_path, {january: text}) == [
        "meetings/2024-01-10-steering-group.md:28: actions[2].status: is 'done' in the meeting "
        "that agreed it, so the tracker cannot say when that changed; if it changed after this "
        "meeting, leave it 'open' here and record the change in the action_updates of the "
        "meeting that heard it, with action: 2024-01-10-steering-group#a2"
    ]


# ------------------------------------------------------------------ the sample site


def test_the_sample_site_shows_its_seven_actions_honestly(tmp_path: Path) -> None:
    output = build_site(SAMPLE, tmp_path / "out", "2026-12-01")
    home = main_text(page(output, ""))
    assert "7 actions agreed at meetings, 7 of them still open or in progress." in home
    assert "7 open 0 in progress 0 done 0 dropped" in home
    assert "Of those open or in progress: 3 overdue 7 with no update in 6 months" in home
    seed = main_text(page(output, "meetings/2021-11-08-allies-group/"))
    assert "At this meeting, the next meeting was planned for 25 January 2022" in seed
    assert "No record of that meeting has been published." in seed
    assert "No update since November 2021" in seed


def test_the_preview_lists_every_problem_of_a_save_at_once(tmp_path: Path) -> None:
    from sitegen.config import BuildOptions
    from sitegen.serve import Preview

    content = copy_site(tmp_path)
    preview = Preview(content, BuildOptions(content=content, today=None, drafts=True))
    preview.load_everything()
    assert preview.state.ok
    march = content / MARCH
    march.write_text(
        march.read_text()
        .replace("status: done", "status: Done")
        .replace("present: [ada-lovelace, bob-jones]", "present: [ada-lovelace, bob-jonse]")
        + "\nSee [the plan](/reports/plan/).\n"
    )
    state = preview.apply_changes([march])
    assert not state.ok
    fields = sorted(p.field for p in state.problems if p.path.endswith(MARCH))
    assert fields == ["action_updates[2].status", "body", "present[2]"]
