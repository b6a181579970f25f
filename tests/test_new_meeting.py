"""``sitegen new meeting``: a new meeting that starts from its group's record."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

import pytest

from sitegen.agenda import BODIES, MEETING_BODY, PRIVATE_EXAMPLE
from sitegen.assembly import assemble
from sitegen.carryover import read_content
from sitegen.index import SiteIndex
from sitegen.loader import load_all
from sitegen.parse import parse_document
from tests.helpers import SMALL_SITE, TESTS, copy_site, run_cli, write_files

SAMPLE = TESTS.parent / "content"

ADVICE_MEETING = """---
group: advice-group
date: 2024-02-01
summary: The advice group met.
actions:
  - id: a1
    text: Draft the advice note.
    owners: [bob-jones]
    due: asap
---
"""
OPEN_AND_LATE = """---
group: steering-group
date: 2024-04-02
summary: A short meeting.
present: [ada-lovelace]
actions:
  - id: a1
    text: Print the leaflets.
    owners: [cara-smith]
    due: 2024-04-30
  - id: a2
    text: Tidy the shared drive.
    owners: [the-team]
    due: 2024-04-15
    status: done
---
"""


def fill_placeholders(text: str) -> str:
    """What an editor does: replace every TODO with real words, and drop body TODO lines."""
    text = re.sub(r'"TODO: ([^"]*)"', lambda m: f'"Real {m.group(1)}"', text)
    return re.sub(r"(?m)^TODO: .*$", "Real text.", text)


def new_meeting(content: Path, name: str, *extra: str) -> tuple[Path, str]:
    """Run ``sitegen new meeting``; the file it wrote and what it said."""
    result = run_cli("new", "meeting", name, "--content", "content", *extra, cwd=content.parent)
    assert result.code == 0, result.err
    written = re.search(r"^Wrote (.+)\.$", result.out, re.MULTILINE)
    assert written is not None, result.out
    return content.parent / written.group(1), result.out


def commented_updates(text: str) -> list[tuple[str, str]]:
    """The (action, status) of each update entry waiting, commented out, to be uncommented."""
    return re.findall(r"(?m)^  # - action: (\S+)\n  #   status: (\S+)$", text)


def front_matter(text: str) -> dict[str, object]:
    parsed = parse_document(text).parsed
    assert parsed is not None
    return dict(parsed.data)


def check(content: Path, today: str) -> str:
    result = run_cli("check", "--content", "content", "--today", today, cwd=content.parent)
    assert result.code == 0, result.out
    return result.out


# ------------------------------------------------------------------ what it carries over


def test_the_updates_are_exactly_the_groups_open_in_progress_and_overdue_actions(
    tmp_path: Path,
) -> None:
    content = copy_site(tmp_path)
    write_files(
        content,
        {
            "meetings/2024-02-01-advice-group.md": ADVICE_MEETING,
            "meetings/2024-04-02-steering-group.md": OPEN_AND_LATE,
        },
    )
    path, _ = new_meeting(content, "2024-05-20-steering-group")
    text = path.read_text()
    january, april = "2024-01-10-steering-group", "2024-04-02-steering-group"
    # January: a1 in progress (and overdue), a2 and a3 open, a4 dropped, a5 done (in March);
    # April: a1 open and overdue by 20 May, a2 done. The advice group's action is not ours.
    assert commented_updates(text) == [
        (f"{january}#a1", "in-progress"),
        (f"{january}#a2", "open"),
        (f"{january}#a3", "open"),
        (f"{april}#a1", "open"),
    ]
    entries = text.split("action_updates:\n", 1)[1].split("\n---\n", 1)[0].split("\n\n")
    first, second, third, fourth = (
        " ".join(line.lstrip(" #") for line in entry.splitlines()) for entry in entries
    )
    assert 'a1, agreed on 10 January 2024: "Write the offer document."' in first
    assert "Owners: Ada Lovelace, Bob Jones. Due: February 2024." in first
    assert "Now: in-progress; overdue (was due 29 February 2024); last update at the " in first
    assert "meeting of 12 March 2024: A first draft is written." in first
    assert "Owners: Cara Smith. Due: As soon as possible, with the notes. Now: open." in second
    assert "Owners: Steering Group. Due: Ongoing. Now: open." in third
    assert "Now: open; overdue (was due 30 April 2024)." in fourth
    assert "one of: open, in-progress, done, dropped" in " ".join(text.split())
    assert front_matter(text)["action_updates"] is None, "every update starts commented out"


def test_the_actions_are_as_the_site_tracks_them_on_the_meetings_date(tmp_path: Path) -> None:
    """The same state model as the tracker's pages: statuses and flags as of the new date."""
    content = copy_site(tmp_path)
    write_files(content, {"meetings/2024-04-02-steering-group.md": OPEN_AND_LATE})
    settings, files, _ = load_all(content)
    site, _, _ = assemble(settings, files, drafts=False)
    index = SiteIndex(site, today=dt.date(2024, 5, 20))
    expected = [
        (t.ref, t.status.value)
        for meeting in reversed(index.meetings_newest_first)
        if meeting.group == "steering-group"
        for t in index.actions_of(meeting)
        if not t.is_closed
    ]
    path, _ = new_meeting(content, "2024-05-20-steering-group")
    assert commented_updates(path.read_text()) == expected
    overdue = {t.ref for t in index.actions if t.is_overdue}
    entries = path.read_text().split("\n\n")
    flagged = {
        m.group(1)
        for entry in entries
        if "overdue" in entry and (m := re.search(r"# - action: (\S+)", entry))
    }
    assert flagged == overdue


def test_present_lists_the_members_each_named_so_the_right_laura_is_chosen(
    tmp_path: Path,
) -> None:
    content = copy_site(tmp_path, SAMPLE)
    path, out = new_meeting(content, "2022-01-25-allies-group")
    text = path.read_text()
    assert "  - laura-cream  # Laura Cream\n" in text
    assert "  - laura-crane  # Laura Crane\n" in text
    assert "  - graham-hart  # Graham Hart (Chair)\n" in text
    data = front_matter(text)
    group = front_matter((SAMPLE / "groups" / "allies-group.md").read_text())
    assert data["present"] == [m["person"] for m in group["members"]]  # type: ignore[attr-defined]
    assert data["apologies"] is None and data["in_attendance"] is None
    assert "Move here, from present, the whole line of each member who sent apologies" in text
    assert data["chair"] == "graham-hart"
    assert "present lists the 12 members of the Allies Group" in out


def test_the_date_and_times_come_from_the_last_meetings_plan(tmp_path: Path) -> None:
    content = copy_site(tmp_path, SAMPLE)
    path, out = new_meeting(content, "allies-group")
    assert path.name == "2022-01-25-allies-group.md"
    assert (
        "Dated 25 January 2022: the next meeting the Allies Group planned at its meeting of "
        "8 November 2021 (content/meetings/2021-11-08-allies-group.md)."
    ) in out
    data = front_matter(path.read_text())
    assert (data["date"], data["start"], data["end"]) == ("2022-01-25", "14:00", "16:00")
    assert "start: 14:00  # as planned at the meeting of 8 November 2021" in path.read_text()
    assert len(commented_updates(path.read_text())) == 7


def test_a_date_the_last_meeting_did_not_plan_leaves_the_times_and_says_so(
    tmp_path: Path,
) -> None:
    content = copy_site(tmp_path, SAMPLE)
    path, out = new_meeting(content, "2022-01-27-allies-group")
    data = front_matter(path.read_text())
    assert data["date"] == "2022-01-27" and data["start"] is None and data["end"] is None
    assert "planned the next one for 25 January 2022, not 27 January 2022" in out


def test_without_a_plan_the_meeting_is_dated_today_and_says_so(tmp_path: Path) -> None:
    content = copy_site(tmp_path)  # the steering group's last meeting plans no next one
    path, out = new_meeting(content, "steering-group", "--today", "2024-06-03")
    assert path.name == "2024-06-03-steering-group.md"
    assert "Dated today, 3 June 2024: the Steering Group's record plans no next meeting." in out
    assert front_matter(path.read_text())["date"] == "2024-06-03"


def test_the_minutes_of_the_last_meeting_link_to_it(tmp_path: Path) -> None:
    content = copy_site(tmp_path, SAMPLE)
    path, _ = new_meeting(content, "allies-group")
    assert (
        "The notes of the [meeting of 8 November 2021](/meetings/2021-11-08-allies-group/) "
        "were agreed as a correct record."
    ) in path.read_text()


# ------------------------------------------------------------------ the file checks clean


@pytest.mark.parametrize(
    ("source", "name", "today"),
    [
        (SAMPLE, "allies-group", "2022-01-26"),
        (SMALL_SITE, "2024-05-20-steering-group", "2024-05-21"),
    ],
    ids=["sample", "small"],
)
def test_the_new_meeting_checks_clean_once_its_todos_are_filled(
    tmp_path: Path, source: Path, name: str, today: str
) -> None:
    content = copy_site(tmp_path, source)
    path, _ = new_meeting(content, name)
    unfilled = run_cli("check", "--content", content, "--today", today)
    assert unfilled.code == 1 and "placeholder" in unfilled.out
    path.write_text(fill_placeholders(path.read_text()))
    out = check(content, today)
    assert path.name not in out, out


def test_an_uncommented_update_records_progress_on_the_tracker(tmp_path: Path) -> None:
    content = copy_site(tmp_path, SAMPLE)
    path, _ = new_meeting(content, "allies-group")
    text = fill_placeholders(path.read_text())
    ref = "2021-11-08-allies-group#a3"
    entry = f'  # - action: {ref}\n  #   status: open\n  #   note: "Real what happened"\n'
    assert entry in text
    update = f"  - action: {ref}\n    status: done\n    note: Sent with the notes.\n"
    text = text.replace(entry, update)
    path.write_text(text)
    check(content, "2022-01-26")
    known = read_content(content)
    index = SiteIndex(known.site, dt.date(2022, 1, 26))
    tracked = index.actions_by_ref[ref]
    assert tracked.status.value == "done"
    assert tracked.history[-1].note == "Sent with the notes."


def test_the_private_example_uncommented_as_written_is_never_published(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    path, _ = new_meeting(content, "2024-05-20-steering-group")
    text = path.read_text()
    assert f"TODO: ::: private\nTODO: {PRIVATE_EXAMPLE}\nTODO: :::\n" in text
    # As its instructions say: delete "TODO: " from its three lines.
    example = "|".join(re.escape(line) for line in ("::: private", PRIVATE_EXAMPLE, ":::"))
    path.write_text(fill_placeholders(re.sub(f"(?m)^TODO: ({example})$", r"\1", text)))
    check(content, "2024-05-21")
    settings, files, _ = load_all(content)
    meeting = assemble(settings, files, drafts=False)[0].meetings["2024-05-20-steering-group"]
    assert meeting.withheld and PRIVATE_EXAMPLE not in meeting.body
    output = tmp_path / "output"
    result = run_cli("build", "--content", content, "--output", output, "--today", "2024-05-21")
    assert result.code == 0, result.out + result.err
    secret = PRIVATE_EXAMPLE.encode()
    for file in output.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            if data[:2] == b"\x1f\x8b":  # the search index's compressed fragments
                data = gzip.decompress(data)
            assert secret not in data and b"individual staff posts" not in data, file
    page = (output / "meetings" / "2024-05-20-steering-group" / "index.html").read_text()
    assert "This record has been edited for publication." in page


# ------------------------------------------------------------------ broken content


def test_errors_elsewhere_do_not_stop_a_new_meeting(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    write_files(content, {"news/launch.md": "---\ntitle: [unclosed\n---\n"})
    path, _ = new_meeting(content, "2024-05-20-steering-group")
    assert len(commented_updates(path.read_text())) == 3


def test_a_broken_group_file_gives_an_empty_present_and_says_why(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    group = content / "groups" / "steering-group.md"
    group.write_text(group.read_text().replace("purpose: Oversees", "purpose: [Oversees"))
    path, out = new_meeting(content, "2024-05-20-steering-group")
    data = front_matter(path.read_text())
    assert data["group"] == "steering-group" and data["present"] is None
    reason = "content/groups/steering-group.md has errors ('sitegen check' lists them)"
    assert f"present is empty: {reason}, so the group's members are not known." in out
    assert len(commented_updates(path.read_text())) == 3, "its actions are still known"


def test_a_broken_meeting_of_the_group_is_named(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    write_files(
        content,
        {
            "meetings/2024-04-02-steering-group.md": OPEN_AND_LATE.replace(
                "due: 2024-04-30", "due: someday"
            )
        },
    )
    path, out = new_meeting(content, "2024-05-20-steering-group")
    assert (
        "Not read, because they have errors ('sitegen check' lists them): "
        "content/meetings/2024-04-02-steering-group.md; their actions are not in "
        "action_updates."
    ) in out
    assert len(commented_updates(path.read_text())) == 3


# ------------------------------------------------------------------ the template


def test_the_meeting_template_follows_the_usual_agenda() -> None:
    headings = re.findall(r"(?m)^## (.+)$", MEETING_BODY)
    assert headings == [
        "Welcome and apologies",
        "Minutes of the last meeting",
        "Matters arising",
        "First agenda item",
        "Second agenda item",
        "Any other business",
        "Date of next meeting",
    ]
    assert BODIES["meetings"] == MEETING_BODY
    assert "::: private" in MEETING_BODY and "/meetings/" not in MEETING_BODY


def test_a_name_with_an_impossible_date_is_refused(tmp_path: Path) -> None:
    copy_site(tmp_path)
    result = run_cli(
        "new", "meeting", "2024-02-30-steering-group", "--content", "content", cwd=tmp_path
    )
    assert result.code == 2
    assert result.err == (
        "sitegen: '2024-02-30-steering-group' starts with 2024-02-30, which is not a real "
        "date; write YYYY-MM-DD\n"
    )
    assert not (tmp_path / "content" / "meetings" / "2024-02-30-steering-group.md").exists()


def test_a_member_whose_file_has_errors_is_left_out_of_present_and_named(
    tmp_path: Path,
) -> None:
    content = copy_site(tmp_path)
    (content / "people" / "bob-jones.md").write_text("---\nname: [Bob\n---\n")
    path, out = new_meeting(content, "2024-05-20-steering-group")
    text = path.read_text()
    assert front_matter(text)["present"] == ["ada-lovelace", "cara-smith"]
    reason = "content/people/bob-jones.md has errors ('sitegen check' lists them)"
    assert f"  # - bob-jones  # not listed: {reason}\n" in text
    assert f"Not in present: bob-jones, because {reason}." in out
