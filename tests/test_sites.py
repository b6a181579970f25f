"""Whole sites: golden output, determinism, atomic writes, base paths, drafts, privacy."""

from __future__ import annotations

import difflib
import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
from markupsafe import escape

from sitegen import build as build_module
from sitegen.errors import BuildError
from tests.helpers import SMALL_SITE, SMALL_TODAY, TESTS, run_cli, tree_digest
from tests.sites_golden import golden_build

REPO = TESTS.parent
SAMPLE = REPO / "content"


def build(content: Path, output: Path, *extra: str) -> str:
    result = run_cli(
        "build", "--content", content, "--output", output, "--today", SMALL_TODAY, *extra
    )
    assert result.code == 0, result.err
    return result.out


def test_small_site_matches_its_golden_output(tmp_path: Path) -> None:
    """Run ``make golden`` after a deliberate change, and review the diff."""
    expected = TESTS / "sites" / "small" / "expected"
    actual = tmp_path / "actual"
    golden_build(SMALL_SITE, actual)
    want, got = tree_digest(expected), tree_digest(actual)
    assert sorted(got) == sorted(want), "the set of files differs"
    for name in sorted(want):
        if want[name] != got[name]:
            diff = difflib.unified_diff(
                (expected / name).read_text().splitlines(),
                (actual / name).read_text().splitlines(),
                f"expected/{name}",
                f"actual/{name}",
                lineterm="",
                n=2,
            )
            pytest.fail("\n".join(list(diff)[:60]))


def test_same_content_and_date_give_byte_identical_files(tmp_path: Path) -> None:
    build(SMALL_SITE, tmp_path / "one")
    build(SMALL_SITE, tmp_path / "two", "--workers", "2")
    skip = ("pagefind/",)
    assert tree_digest(tmp_path / "one", skip) == tree_digest(tmp_path / "two", skip)


def test_a_failed_build_leaves_the_previous_output_exactly_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "output"
    build(SMALL_SITE, output)
    before = tree_digest(output)

    def broken_extras(*args: object) -> int:
        raise BuildError("disk full")

    monkeypatch.setattr(build_module, "write_extras", broken_extras)
    result = run_cli("build", "--content", SMALL_SITE, "--output", output, "--today", "2030-01-01")
    assert result.code == 1
    assert "disk full" in result.err
    assert tree_digest(output) == before
    assert [p.name for p in tmp_path.iterdir()] == ["output"], "staging folder left behind"


def test_a_successful_build_replaces_the_whole_output(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build(SMALL_SITE, output)
    (output / "stale.html").write_text("old")
    build(SMALL_SITE, output)
    assert not (output / "stale.html").exists()
    assert (output / "index.html").exists()
    # The tree swapped out is kept beside the output, for the next build to start from.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.spare", "output"]
    build(SMALL_SITE, output)
    assert not (output / "stale.html").exists(), "a file the spare tree held came back"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.spare", "output"]


def test_a_folder_sitegen_did_not_make_is_never_replaced(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work")
    result = run_cli("build", "--content", SMALL_SITE, "--output", precious)
    assert result.code == 2
    assert "did not write" in result.err
    assert (precious / "thesis.docx").read_text() == "years of work"


def test_every_link_and_asset_uses_the_base_path(tmp_path: Path) -> None:
    output = tmp_path / "out"
    build(SMALL_SITE, output, "--base-url", "/portal/")
    pages = list(output.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text()
        for url in re.findall(r'(?:href|src|action)="(/[^"]*)"', html):
            assert url.startswith("/portal/"), f"{page.relative_to(output)}: {url}"
    home = (output / "index.html").read_text()
    assert 'href="/portal/static/style.css"' in home
    assert "https://portal.example.org/portal/" in (output / "sitemap.xml").read_text()
    search = (output / "search" / "index.html").read_text()
    assert 'data-bundle="/portal/pagefind/"' in search


def test_a_full_base_url_sets_absolute_addresses(tmp_path: Path) -> None:
    output = tmp_path / "out"
    build(SMALL_SITE, output, "--base-url", "https://example.net/sub/")
    assert "<loc>https://example.net/sub/meetings/</loc>" in (output / "sitemap.xml").read_text()
    assert 'href="/sub/meetings/"' in (output / "index.html").read_text()


def test_drafts_stay_out_unless_asked_for_and_the_build_says_so(tmp_path: Path) -> None:
    out = build(SMALL_SITE, tmp_path / "public")
    assert "2024-05-01-steering-group.md: draft (visibility: draft)" in out
    assert not (tmp_path / "public" / "meetings" / "2024-05-01-steering-group").exists()
    assert not any(
        "quokka" in p.read_text(errors="ignore")
        for p in (tmp_path / "public").rglob("*")
        if p.is_file()
    )
    build(SMALL_SITE, tmp_path / "with-drafts", "--drafts")
    page = tmp_path / "with-drafts" / "meetings" / "2024-05-01-steering-group" / "index.html"
    assert "quokka" in page.read_text()
    assert "draft-banner" not in page.read_text(), "the banner is for the preview only"


def test_private_text_never_reaches_any_output_file(tmp_path: Path) -> None:
    output = tmp_path / "out"
    build(SMALL_SITE, output)
    for path in output.rglob("*"):
        if path.is_file():
            assert b"zanzibar" not in path.read_bytes(), path
    meeting = (output / "meetings" / "2024-01-10-steering-group" / "index.html").read_text()
    assert "This record has been edited for publication." in meeting
    data = json.loads((output / "data" / "meetings.json").read_text())
    edited = {m["slug"]: m["edited_for_publication"] for m in data["meetings"]}
    assert edited == {"2024-03-12-steering-group": False, "2024-01-10-steering-group": True}


def test_people_without_a_profile_get_no_page_and_no_address(tmp_path: Path) -> None:
    output = tmp_path / "out"
    build(SMALL_SITE, output)
    assert (output / "people" / "ada-lovelace" / "index.html").exists()
    assert not (output / "people" / "bob-jones").exists()
    for path in output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".ics"):
            assert "people/bob-jones" not in path.read_text(), path
    meeting = (output / "meetings" / "2024-01-10-steering-group" / "index.html").read_text()
    assert "Bob Jones" in meeting


def test_the_build_summary_counts_pages_and_times_its_steps(tmp_path: Path) -> None:
    out = build(SMALL_SITE, tmp_path / "out")
    assert re.search(r"Built \d+ pages and \d+ data, feed and calendar files", out)
    assert "meetings: 4" in out  # the listing, upcoming meetings and two meetings
    assert "pages: 6" in out  # the listing and five pages
    assert "steps: read" in out
    assert "search: Indexed" in out


def test_the_sample_content_builds_cleanly(tmp_path: Path) -> None:
    result = run_cli("check", "--content", SAMPLE, "--today", "2026-11-28", "--strict")
    assert result.code == 0, result.out
    output = tmp_path / "out"
    result = run_cli("build", "--content", SAMPLE, "--output", output, "--today", "2026-11-28")
    assert result.code == 0, result.err
    for path in output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".pf_fragment":  # the search index's text, gzipped
                data = gzip.decompress(data)
            assert b"payroll" not in data, path


def test_the_sample_meeting_is_on_the_tracker_with_its_seven_actions(tmp_path: Path) -> None:
    output = tmp_path / "out"
    run_cli(
        "build", "--content", SAMPLE, "--output", output, "--today", "2026-11-28", "--no-search"
    )
    actions = json.loads((output / "data" / "actions.json").read_text())["actions"]
    seed = [a for a in actions if a["meeting"]["date"] == "2021-11-08"]
    assert [a["id"] for a in seed] == [f"a{n}" for n in range(1, 8)]
    owners = {a["id"]: [o["name"] for o in a["owners"]] for a in seed}
    assert owners["a1"] == ["Niccola Hutchinson-Pascal", "Lizzie Cain"]
    assert owners["a3"] == ["Laura Cream"]
    assert owners["a4"] == ["Co-Production Collective team", "Cristina Serrao"]
    assert owners["a5"] == ["Allies Group"]
    assert owners["a7"] == ["Graham Hart", "Laura Cream"]
    dues = {a["id"]: (a["due"], a["due_note"]) for a in seed}
    assert dues["a1"] == ("2022-02", None)
    assert dues["a3"] == ("asap", "with the meeting notes")
    assert dues["a5"] == ("ongoing", None)
    tracker = (output / "actions" / "index.html").read_text()
    for action in seed:
        assert str(escape(action["text"])) in tracker


def test_output_outside_the_working_folder_can_be_cleaned(tmp_path: Path) -> None:
    output = tmp_path / "a" / "b" / "out"
    build(SMALL_SITE, output)
    assert (output / ".sitegen").exists()
    shutil.rmtree(output)
