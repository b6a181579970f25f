"""Dates from git, in real temporary repositories: the same commit gives the same bytes,
renames and merges are followed, the working tree never counts, a shallow clone is
refused with a warning, a build outside git still works, and no commit message or
private text reaches a page."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import SMALL_SITE, build_site, run_cli, tree_digest
from tests.test_changes import history
from tests.test_portal import page

SECRET = "kumquat"
"""A word in every commit message: it must never be published."""


def git(repo: Path, *arguments: str, when: str = "2024-01-02T10:00:00+00:00") -> None:
    """Runs git in ``repo`` as a fixed editor at a fixed time, whatever this machine's setup."""
    environment = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *arguments],
        cwd=repo,
        env=environment,
        check=True,
        capture_output=True,
    )


def commit(repo: Path, when: str, message: str) -> None:
    git(repo, "add", "--all", when=when)
    git(repo, "commit", "--quiet", "-m", f"{message} ({SECRET})", when=when)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small site in a repository of its own, with a history:

    - 2 January 2024: everything is committed;
    - 20 January, 23:30 GMT: the hearing checks project's text is edited, with no note;
    - 5 February: the workshop opportunity is renamed;
    - 10 February, on a branch: a group is added; merged on 12 February;
    - 14 February: the private block of the January meeting is reworded.
    """
    root = tmp_path_factory.mktemp("git") / "repo"
    content = root / "content"
    shutil.copytree(SMALL_SITE, content)
    (content / "site.yaml").write_text(
        (SMALL_SITE / "site.yaml").read_text() + "dates_from_git: true\n"
    )
    git(root, "init", "--quiet", "--initial-branch=main")
    commit(root, "2024-01-02T10:00:00+00:00", "First version")
    edit(content / "projects" / "hearing-checks.md", "We co-produce", "Together we co-produce")
    commit(root, "2024-01-20T23:30:00+00:00", "Reword the project")
    (content / "opportunities" / "workshop.md").rename(
        content / "opportunities" / "workshop-2024.md"
    )
    commit(root, "2024-02-05T10:00:00+00:00", "Rename the workshop")
    git(root, "checkout", "--quiet", "-b", "new-group")
    (content / "groups" / "panel.md").write_text("---\nname: Panel\npurpose: Reviews.\n---\n")
    commit(root, "2024-02-10T10:00:00+00:00", "Add the panel")
    git(root, "checkout", "--quiet", "main")
    git(
        root,
        "merge",
        "--quiet",
        "--no-ff",
        "-m",
        f"Merge ({SECRET})",
        "new-group",
        when="2024-02-12T10:00:00+00:00",
    )
    edit(
        content / "meetings" / "2024-01-10-steering-group.md",
        "the confidential word zanzibar",
        "the confidential words zanzibar and quince",
    )
    commit(root, "2024-02-14T10:00:00+00:00", "Reword the private part")
    return root


@pytest.fixture(scope="module")
def built(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    cache: dict[str, Path] = {}

    def at(today: str) -> Path:
        if today not in cache:
            output = tmp_path_factory.mktemp("git-output") / "output"
            cache[today] = build_site(repo / "content", output, today)
        return cache[today]

    return at


def test_a_page_is_first_published_on_the_day_its_file_was_first_committed(
    built: Callable[[str], Path],
) -> None:
    shown = history(page(built("2024-03-01"), "groups/steering-group/"))
    assert shown == (
        "Page history First published 2 January 2024 (from the site's version history). "
        "Not updated since."
    )


def test_a_change_with_no_note_is_dated_from_git_and_says_so(
    built: Callable[[str], Path],
) -> None:
    shown = history(page(built("2024-03-01"), "meetings/2024-01-10-steering-group/"))
    assert shown == (
        "Page history First published 2 January 2024 (from the site's version history). "
        "Last updated 14 February 2024 (from the site's version history: a change with no "
        "published note)."
    )


def test_notes_older_than_the_repository_keep_git_from_dating_the_first_publication(
    built: Callable[[str], Path],
) -> None:
    """The project's notes (2023) predate the repository; its text changed later, unnoted."""
    shown = history(page(built("2024-03-01"), "projects/hearing-checks/"))
    assert shown.startswith(
        "Page history Last updated 20 November 2023. The site's version history shows a later "
        "change, on 20 January 2024, with no published note. See all updates (2)"
    )


def test_a_renamed_file_keeps_its_first_date(built: Callable[[str], Path]) -> None:
    shown = history(page(built("2024-03-01"), "opportunities/workshop-2024/"))
    assert "First published 2 January 2024" in shown
    assert "Last updated 5 February 2024" in shown


def test_a_change_made_on_a_branch_counts_from_the_day_it_was_merged(
    built: Callable[[str], Path],
) -> None:
    shown = history(page(built("2024-03-01"), "groups/panel/"))
    assert shown.startswith("Page history First published 12 February 2024")


def test_a_commit_after_the_build_date_has_not_happened_yet(
    built: Callable[[str], Path],
) -> None:
    output = built("2024-02-11")
    assert "page-history" not in page(output, "groups/panel/")
    shown = history(page(output, "meetings/2024-01-10-steering-group/"))
    assert "Last updated" not in shown and "Not updated since." in shown


def test_no_commit_message_and_no_private_text_reaches_the_site(
    built: Callable[[str], Path],
) -> None:
    output = built("2024-03-01")
    for path in sorted(output.rglob("*")):
        if path.is_file():
            text = path.read_bytes()
            for word in (SECRET, "zanzibar", "quince"):
                assert word.encode() not in text, f"{word} in {path.relative_to(output)}"


def test_the_same_commit_gives_the_same_bytes_whatever_the_working_tree(
    repo: Path, built: Callable[[str], Path], tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(repo), str(clone)], check=True)
    for path in (clone / "content").rglob("*.md"):
        os.utime(path, (0, 0))  # checked out at another time; mtimes say nothing
    again = build_site(clone / "content", tmp_path / "again", "2024-03-01")
    assert tree_digest(again) == tree_digest(built("2024-03-01"))
    group = clone / "content" / "groups" / "steering-group.md"
    edit(group, "---\n", "---\n# edited, not committed\n")
    (clone / "content" / "groups" / "new.md").write_text("---\nname: New\npurpose: New.\n---\n")
    edited = build_site(clone / "content", tmp_path / "edited", "2024-03-01")
    assert history(page(edited, "groups/steering-group/")) == history(
        page(again, "groups/steering-group/")
    )
    assert "page-history" not in page(edited, "groups/new/")  # not committed: no dates


def test_a_shallow_clone_is_refused_with_a_warning_and_no_dates(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", f"file://{repo}", str(shallow)], check=True
    )
    output = tmp_path / "output"
    result = run_cli(
        "build",
        "--content",
        shallow / "content",
        "--output",
        output,
        "--today",
        "2024-03-01",
        "--no-search",
    )
    assert result.code == 0, result.err
    warning = "content/site.yaml: dates_from_git: warning: the content is in a shallow clone"
    assert warning in result.out + result.err
    assert "version history" not in page(output, "groups/steering-group/")
    strict = run_cli("check", "--content", shallow / "content", "--today", "2024-03-01", "--strict")
    assert strict.code == 1


def test_a_build_outside_git_still_works_and_says_nothing_of_git(
    repo: Path, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(repo / "content", content)
    result = run_cli("check", "--content", content, "--today", "2024-03-01", "--strict")
    assert result.code == 0, result.out + result.err
    output = build_site(content, tmp_path / "output", "2024-03-01")
    assert "version history" not in page(output, "groups/steering-group/")


def test_without_the_setting_git_is_never_asked(repo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy)
    edit(copy / "content" / "site.yaml", "dates_from_git: true\n", "")
    output = build_site(copy / "content", tmp_path / "output", "2024-03-01")
    assert "version history" not in page(output, "groups/steering-group/")
    assert "page-history" not in page(output, "groups/steering-group/")
