"""New actions that repeat one still open: check names the earlier one."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from sitegen.assembly import assemble
from sitegen.loader import load_all
from sitegen.model import Meeting
from sitegen.repeats import _LAST, repeated_actions
from tests.helpers import TESTS, copy_site, run_cli, write_files

SAMPLE = TESTS.parent / "content"


def check(content: Path, today: str) -> str:
    result = run_cli("check", "--content", "content", "--today", today, cwd=content.parent)
    assert result.code == 0, result.out
    return result.out


JANUARY_ALLIES = """---
group: allies-group
date: 2022-01-25
summary: The group met.
actions:
  - id: a1
    text: Meet the new Dean of Population Health.
    owners: [graham-hart]
    due: asap
  - id: a2
    text: Send the Allies the draft governance paper for comments.
    owners: [lizzie-cain]
    due: asap
action_updates:
  - action: 2021-11-08-allies-group#a1
    status: done
    note: Shared.
---
"""


def test_a_new_action_repeating_an_open_one_warns_and_names_it(tmp_path: Path) -> None:
    content = copy_site(tmp_path, SAMPLE)
    write_files(content, {"meetings/2022-01-25-allies-group.md": JANUARY_ALLIES})
    out = check(content, "2022-01-26")
    repeats = [line for line in out.splitlines() if "is much like" in line]
    assert repeats == [
        "content/meetings/2022-01-25-allies-group.md:7: actions[1].text: warning: is much "
        "like 2021-11-08-allies-group#a7, agreed on 8 November 2021 and still open "
        '("Arrange meetings, or join meetings already planned, with the Office of the ..."); '
        "if it is the same work, record its progress in action_updates instead (action: "
        "2021-11-08-allies-group#a7) and delete this action; if not, word it so the two can "
        "be told apart"
    ]


def test_an_action_like_one_already_done_does_not_warn(tmp_path: Path) -> None:
    content = copy_site(tmp_path, SAMPLE)
    again = JANUARY_ALLIES.replace(
        "Meet the new Dean of Population Health.",
        "Produce a clear document setting out what the Collective offers, to share with partners.",
    )
    write_files(content, {"meetings/2022-01-25-allies-group.md": again})
    assert "is much like" not in check(content, "2022-01-26")
    # The same words while a1 is still open do warn.
    write_files(
        content,
        {"meetings/2022-01-25-allies-group.md": again.replace("status: done", "status: open")},
    )
    assert "is much like 2021-11-08-allies-group#a1" in check(content, "2022-01-26")


def test_an_action_like_another_groups_does_not_warn(tmp_path: Path) -> None:
    content = copy_site(tmp_path, SAMPLE)
    other = JANUARY_ALLIES.replace("group: allies-group", "group: priority-setting-group")
    write_files(content, {"meetings/2022-01-25-priority-setting-group.md": other})
    assert "is much like" not in check(content, "2022-01-26")


def test_a_repeat_is_judged_as_of_its_meeting_whatever_came_later(tmp_path: Path) -> None:
    content = copy_site(tmp_path, SAMPLE)
    march = (
        "---\ngroup: allies-group\ndate: 2022-03-01\nsummary: The group met again.\n"
        "action_updates:\n  - action: 2021-11-08-allies-group#a7\n    status: done\n---\n"
    )
    write_files(
        content,
        {
            "meetings/2022-01-25-allies-group.md": JANUARY_ALLIES,
            "meetings/2022-03-01-allies-group.md": march,
        },
    )
    out = check(content, "2022-03-02")
    assert "2022-01-25-allies-group.md:7: actions[1].text: warning: is much like" in out


def test_a_group_looked_at_again_finds_what_a_look_at_the_whole_site_finds(
    tmp_path: Path,
) -> None:
    """The preview keeps each group's findings while its meetings are the same objects:
    after a change in one group, what it reports must equal a look at everything."""
    content = tmp_path / "content"
    make = [sys.executable, str(TESTS.parent / "bench" / "make_corpus.py"), str(content), "400"]
    subprocess.run(make, check=True, capture_output=True)
    settings, files, _ = load_all(content)
    site, _, _ = assemble(settings, files, drafts=False)

    def found(meetings: dict[str, Meeting]) -> list[tuple[str, int, str]]:
        return [(r.meeting.slug, r.position, r.earlier.ref) for r in repeated_actions(meetings)]

    meetings = dict(site.meetings)
    found(meetings)  # every group looked at, and kept
    # A later meeting repeats, word for word, an action its group agreed earlier.
    ordered = sorted(meetings.values(), key=lambda m: (m.date, m.slug))
    earlier = next(m for m in ordered if m.actions)
    later = next(m for m in reversed(ordered) if m.group == earlier.group and m.actions)
    action = replace(later.actions[0], text=earlier.actions[0].text)
    meetings[later.slug] = replace(later, actions=(action, *later.actions[1:]))
    again = found(meetings)
    _LAST.clear()
    assert again == found(meetings)
    assert (later.slug, 1) in {(slug, position) for slug, position, _ in again}
