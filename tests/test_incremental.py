"""An incremental build gives exactly the bytes of a clean build, whatever changed.

One output is built again and again through a sequence of edits (bodies, front-matter,
updates that close actions, new, deleted and renamed files, names shown on other pages,
the footer, templates, settings, options, and the build date moving across deadlines);
after each step it must equal, byte for byte, a build from nothing of the same content.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import SMALL_SITE, build_in, copy_site, tree_digest

REPO = Path(__file__).resolve().parents[1]
MEETING = "meetings/2024-01-10-steering-group.md"
LATER = "meetings/2024-03-12-steering-group.md"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1))


Step = tuple[str, Callable[[Path], None], tuple[str, ...]]
"""(what the step does, how it changes the site folder, the build's extra options)."""


def _override_template(root: Path) -> None:
    templates = root / "templates"
    templates.mkdir(exist_ok=True)
    source = Path(__file__).resolve().parents[1] / "templates" / "news_item.html"
    text = source.read_text().replace("<article>", '<article class="override">')
    (templates / "news_item.html").write_text(text)


STEPS: list[Step] = [
    ("nothing changed", lambda root: None, ()),
    (
        "a meeting's body",
        lambda root: edit(root / "content" / MEETING, "Funding is secure", "Funding is safe"),
        (),
    ),
    (
        "a meeting's summary, shown on listings, feeds, group and person pages",
        lambda root: edit(root / "content" / MEETING, "its plan for the year", "its new plan"),
        (),
    ),
    (
        "an update closes an action, changing every count",
        lambda root: edit(root / "content" / LATER, "status: in-progress", "status: done"),
        (),
    ),
    (
        "an update reopens it",
        lambda root: edit(
            root / "content" / LATER,
            "    status: done\n    note: A first",
            "    status: open\n    note: A first",
        ),
        (),
    ),
    (
        "a new meeting with an action and an update",
        lambda root: (root / "content" / "meetings" / "2024-02-01-steering-group.md").write_text(
            "---\ngroup: steering-group\ndate: 2024-02-01\npresent: [ada-lovelace]\n"
            "summary: A short extra meeting.\nactions:\n  - id: x1\n    text: Print the plan.\n"
            "    owners: [cara-smith]\n    due: 2024-02-15\naction_updates:\n"
            "  - action: 2024-01-10-steering-group#a2\n    status: in-progress\n---\nNotes.\n"
        ),
        (),
    ),
    (
        "a person gets a profile",
        lambda root: edit(
            root / "content" / "people" / "bob-jones.md", "profile: false", "profile: true"
        ),
        (),
    ),
    (
        "a group is renamed",
        lambda root: edit(
            root / "content" / "groups" / "steering-group.md",
            "name: Steering Group",
            "name: Steering Board",
        ),
        (),
    ),
    (
        "a page's title, shown in every footer",
        lambda root: edit(root / "content" / "pages" / "privacy.md", "title: ", "title: Our "),
        (),
    ),
    (
        "a project's title, shown on meetings and opportunities",
        lambda root: edit(
            root / "content" / "projects" / "hearing-checks.md",
            "title: Hearing checks",
            "title: Hearing tests",
        ),
        (),
    ),
    ("the build date passes a deadline", lambda root: None, ("--today", "2024-04-01")),
    ("and goes on a year", lambda root: None, ("--today", "2025-04-01")),
    (
        "a meeting is renamed",
        lambda root: (root / "content" / "meetings" / "2024-02-01-steering-group.md").rename(
            root / "content" / "meetings" / "2024-02-01-steering-group-extra.md"
        ),
        (),
    ),
    (
        "a meeting is deleted",
        lambda root: (
            root / "content" / "meetings" / "2024-02-01-steering-group-extra.md"
        ).unlink(),
        (),
    ),
    ("a template is overridden", _override_template, ()),
    ("the override is removed", lambda root: shutil.rmtree(root / "templates"), ()),
    (
        "the site's title",
        lambda root: edit(
            root / "content" / "site.yaml", "title: Test portal", "title: The test portal"
        ),
        (),
    ),
    (
        "a file to publish",
        lambda root: (
            (root / "content" / "files").mkdir()
            or (root / "content" / "files" / "plan.txt").write_text("The plan.\n")
        ),
        (),
    ),
    (
        "the file changes",
        lambda root: (root / "content" / "files" / "plan.txt").write_text("The new plan.\n"),
        (),
    ),
    ("drafts included", lambda root: None, ("--drafts",)),
    ("drafts left out again", lambda root: None, ()),
    ("another base address", lambda root: None, ("--base-url", "/portal/")),
]


def build(root: Path, output: str, *extra: str) -> str:
    result = build_in(root, "--no-search", *extra, output=output)
    assert result.code == 0, result.err
    return result.out


@pytest.fixture
def site(tmp_path: Path) -> Path:
    copy_site(tmp_path, SMALL_SITE)
    return tmp_path


def test_every_step_of_a_sequence_of_edits_builds_the_same_bytes_as_from_nothing(
    site: Path,
) -> None:
    today = ("--today", "2024-02-20")
    build(site, "output", *today)
    for what, change, extra in STEPS:
        change(site)
        options = extra if "--today" in extra else (*today, *extra)
        if "--today" in extra:
            today = ("--today", extra[1])
        build(site, "output", *options)
        shutil.rmtree(site / "clean", ignore_errors=True)
        build(site, "clean", *options, "--fresh")
        incremental, clean = tree_digest(site / "output"), tree_digest(site / "clean")
        assert sorted(incremental) == sorted(clean), what
        different = [name for name in clean if incremental[name] != clean[name]]
        assert different == [], f"after {what}: {different}"
        assert _folders(site / "output") == _folders(site / "clean"), what


def _folders(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_dir())


def test_the_site_visitors_see_never_changes_while_the_next_build_runs(site: Path) -> None:
    """Each build starts from the tree the one before it swapped out, whose unchanged
    files are hard links to the live site's: writing one of them in place would change
    the live site under its visitors."""
    build(site, "output", "--today", "2024-02-20")
    edit(site / "content" / MEETING, "Funding is secure", "Funding is safe")
    build(site, "output", "--today", "2024-02-20")
    live = tree_digest(site / "output")
    edit(site / "content" / MEETING, "Funding is safe", "Funding is sure")
    edit(site / "content" / LATER, "status: in-progress", "status: done")
    out = build(site, "output", "--today", "2024-02-20")
    assert re.search(r"kept [1-9]\d* unchanged", out), out
    # The tree that was live is now the spare, and holds exactly what it held.
    spare = tree_digest(site / ".output.spare", skip=(".sitegen-spare",))
    assert spare == live
    assert tree_digest(site / "output") != live


def test_an_unchanged_site_is_built_from_what_the_last_build_kept(site: Path) -> None:
    build(site, "output", "--today", "2024-02-20")
    out = build(site, "output", "--today", "2024-02-20")
    assert re.search(r"made 0 again; kept \d+ unchanged", out), out
    edit(site / "content" / MEETING, "Funding is secure", "Funding is safe")
    out = build(site, "output", "--today", "2024-02-20")
    # The body is shown on its own page only.
    assert "made 1 again" in out, out


def test_a_fresh_build_ignores_the_cache(site: Path) -> None:
    build(site, "output", "--today", "2024-02-20")
    out = build(site, "output", "--today", "2024-02-20", "--fresh")
    assert "kept" not in out


def test_the_search_index_is_kept_only_while_no_indexed_page_changed(site: Path) -> None:
    def out(*extra: str) -> str:
        result = build_in(site, "--today", "2024-02-20", *extra)
        assert result.code == 0, result.err
        return result.out

    assert "Indexed" in out()
    assert "kept the index" in out()
    edit(site / "content" / MEETING, "Funding is secure", "Funding is safe")
    assert "Indexed" in out()
    assert (site / "output" / "pagefind" / "pagefind.js").is_file()


def _pick_line(rng: random.Random, path: Path, pattern: str) -> tuple[str, re.Match[str] | None]:
    """The file's text and one of its lines matching ``pattern``, if any."""
    text = path.read_text()
    found = list(re.finditer(pattern, text))
    return text, rng.choice(found) if found else None


def _random_step(rng: random.Random, content: Path, step: int) -> str:
    """One random edit that keeps the site valid; says what it did."""
    files = sorted(content.glob("*/*.md"))
    meetings = sorted((content / "meetings").glob("*.md"))
    choice = rng.randrange(7)
    if choice == 0:
        path = rng.choice(files)
        path.write_text(path.read_text() + f"\nAnother line {step}.\n")
        return f"body of {path.name}"
    if choice == 1:
        path = rng.choice(files)
        text, line = _pick_line(rng, path, r"(?m)^(summary|name|title|purpose|role): (.+)$")
        if line is None:
            return "nothing"
        path.write_text(text[: line.end()] + f" {step}" + text[line.end() :])
        return f"{line.group(1)} of {path.name}"
    if choice == 2:
        people = sorted((content / "people").glob("*.md"))
        path = rng.choice(people)
        text = path.read_text()
        flipped = (
            text.replace("profile: true", "profile: false")
            if "profile: true" in text
            else text.replace("profile: false", "profile: true")
        )
        path.write_text(flipped)
        return f"profile of {path.name}"
    if choice == 3:
        path = rng.choice(meetings)
        text, line = _pick_line(rng, path, r"(?m)^    status: (open|in-progress|done|dropped)$")
        if line is None:
            return "nothing"
        new = rng.choice(
            [s for s in ("open", "in-progress", "done", "dropped") if s != line.group(1)]
        )
        path.write_text(text[: line.start(1)] + new + text[line.end(1) :])
        return f"a status in {path.name}"
    if choice == 4:
        source = rng.choice(meetings)
        text = source.read_text()
        day = f"2026-{1 + step % 12:02d}-{10 + step % 15:02d}"
        text = re.sub(r"(?m)^date: .*$", f"date: {day}", text, count=1)
        text = re.sub(r"(?m)^next_meeting:\n(?:  .*\n)+", "", text)
        text = text.replace("due: next-meeting", "due: asap")
        group = re.search(r"(?m)^group: (.+)$", text)
        slug = f"{day}-{group.group(1) if group else 'x'}-copy{step}"
        (content / "meetings" / f"{slug}.md").write_text(text)
        return f"a new meeting {slug}"
    if choice == 5:
        everything = "\n".join(p.read_text() for p in files)
        free = [m for m in meetings if f"{m.stem}#" not in everything.replace(m.read_text(), "")]
        if not free:
            return "nothing"
        path = rng.choice(free)
        path.unlink()
        return f"deleted {path.name}"
    path = rng.choice(sorted((content / "groups").glob("*.md")))
    text = path.read_text()
    statuses = ("active", "proposed", "closed")
    now = re.search(r"(?m)^status: (\w+)$", text)
    if now is None:
        return "nothing"
    new = rng.choice([s for s in statuses if s != now.group(1)])
    path.write_text(text[: now.start(1)] + new + text[now.end(1) :])
    return f"status of {path.name}"


def test_random_edits_to_a_generated_site_build_the_same_bytes_as_from_nothing(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    make = [sys.executable, str(REPO / "bench" / "make_corpus.py"), str(content), "150"]
    subprocess.run(make, check=True, capture_output=True)
    rng = random.Random(20261201)
    dates = ("2026-11-28", "2027-03-01", "2028-06-30")
    build(tmp_path, "output", "--today", dates[0])
    for step in range(12):
        what = _random_step(rng, content, step)
        today = dates[step % len(dates)] if step % 4 == 3 else dates[0]
        build(tmp_path, "output", "--today", today)
        shutil.rmtree(tmp_path / "clean", ignore_errors=True)
        build(tmp_path, "clean", "--today", today, "--fresh")
        incremental, clean = tree_digest(tmp_path / "output"), tree_digest(tmp_path / "clean")
        assert sorted(incremental) == sorted(clean), what
        different = [name for name in clean if incremental[name] != clean[name]]
        assert different == [], f"step {step}, after {what}: {different}"


def test_a_commit_that_leaves_a_file_as_it_was_still_updates_its_dates(site: Path) -> None:
    """With dates_from_git, a page shows when its file last changed in the history: a
    change committed and then undone leaves the same bytes but a later date."""
    from tests.test_git_dates import commit, git

    settings = site / "content" / "site.yaml"
    settings.write_text(settings.read_text() + "dates_from_git: true\n")
    git(site, "init", "--quiet", "--initial-branch=main")
    commit(site, "2024-01-02T10:00:00+00:00", "First version")
    today = ("--today", "2024-02-20")
    build(site, "output", *today)
    project = site / "content" / "projects" / "hearing-checks.md"
    original = project.read_text()
    project.write_text(original + "\nA passing line.\n")
    commit(site, "2024-02-01T10:00:00+00:00", "Add a line")
    project.write_text(original)
    commit(site, "2024-02-03T10:00:00+00:00", "Take it out again")
    build(site, "output", *today)
    build(site, "clean", *today, "--fresh")
    incremental, clean = tree_digest(site / "output"), tree_digest(site / "clean")
    assert incremental == clean
    shown = (site / "output" / "projects" / "hearing-checks" / "index.html").read_text()
    assert "3 February 2024" in shown
