"""New actions that repeat one still open: check names the earlier one."""

from __future__ import annotations

from pathlib import Path

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
