"""``sitegen init``: a new site for another organisation that checks, builds and deploys."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from sitegen.init import (
    STARTER,
    create_site,
    settings_text,
    source_from_direct_url,
    starter_files,
    starter_tokens,
)
from sitegen.loader import STARTER_TEXT, load_settings
from sitegen.model import COLLECTIONS, SiteSettings
from sitegen.schema import front_matter_fields
from tests.helpers import TESTS, run_cli

REPO = TESTS.parent
REQUIRED_PAGES = ("about", "accessibility", "privacy", "how-we-involve-co-producers", "governance")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    result = run_cli("init", "new-site", cwd=tmp_path)
    assert result.code == 0, result.err
    return tmp_path / "new-site"


def test_init_writes_a_whole_site(site: Path) -> None:
    for name in (
        "README.md",
        ".gitignore",
        ".github/workflows/publish.yml",
        ".github/workflows/daily.yml",
        "content/site.yaml",
    ):
        assert (site / name).is_file(), name
    for collection in COLLECTIONS:
        assert list((site / "content" / collection.name).glob("*.md")), collection.name
    for page in REQUIRED_PAGES:
        assert (site / "content" / "pages" / f"{page}.md").is_file()
    assert "/output/" in (site / ".gitignore").read_text().splitlines()


def test_the_new_site_checks_with_only_the_examples_to_replace(site: Path) -> None:
    result = run_cli("check", cwd=site)
    assert result.code == 0, result.out
    assert "0 errors" in result.out
    problems = [line for line in result.out.splitlines() if line.startswith("content/")]
    examples = sorted(
        p.relative_to(site).as_posix()
        for p in (site / "content").rglob("*.md")
        if STARTER_TEXT in p.read_text()
    )
    assert len(examples) >= len(COLLECTIONS)
    assert sorted(line.split(":", 1)[0] for line in problems) == examples
    assert all("is still the example that sitegen init wrote" in line for line in problems)


def test_the_new_site_builds_with_no_flags(site: Path) -> None:
    result = run_cli("build", "--no-search", cwd=site)
    assert result.code == 0, result.err
    output = site / "output"
    for page in ("", *(f"{p}/" for p in REQUIRED_PAGES), "meetings/", "actions/", "data/"):
        assert (output / page / "index.html").is_file(), page
    home = (output / "index.html").read_text()
    assert "<title>Example Organisation transparency portal</title>" in home


def test_no_page_of_the_new_site_speaks_of_this_projects_organisation(site: Path) -> None:
    assert run_cli("build", "--no-search", cwd=site).code == 0
    for path in (site / "output").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".ics", ".csv"):
            text = path.read_text()
            assert "Collective" not in text, path
            assert "UCL" not in text, path


def test_an_example_stops_being_reported_once_it_is_replaced(site: Path) -> None:
    about = site / "content" / "pages" / "about.md"
    text = about.read_text()
    about.write_text(re.sub(r"\*\*Example\.\*\* .*\n", "", text))
    result = run_cli("check", cwd=site)
    assert result.code == 0
    assert "content/pages/about.md" not in result.out


def test_the_examples_are_dated_from_the_day_the_site_was_made(tmp_path: Path) -> None:
    day = dt.date(2030, 6, 3)
    create_site(tmp_path / "s", day, None)
    meetings = list((tmp_path / "s" / "content" / "meetings").glob("*.md"))
    assert [m.name for m in meetings] == ["2030-06-03-example-group.md"]
    assert "date: 2030-06-03" in meetings[0].read_text()
    opportunity = (tmp_path / "s/content/opportunities/example-opportunity.md").read_text()
    assert "opens: 2030-06-03" in opportunity
    assert "closes: 2030-07-01" in opportunity
    result = run_cli("check", "--today", "2030-06-10", cwd=tmp_path / "s")
    assert result.code == 0, result.out


def test_every_token_of_the_starter_is_filled_in(tmp_path: Path) -> None:
    files = starter_files(starter_tokens(dt.date(2030, 6, 3), "sitegen @ git+https://x/y@z"))
    for name, text in files.items():
        assert not re.search(r"\{[a-z_]+\}", name + text), name
    assert 'SITEGEN: "sitegen @ git+https://x/y@z"' in files[".github/workflows/publish.yml"]


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    result = run_cli("init", "busy", cwd=tmp_path)
    assert result.code == 2
    assert "busy is not empty" in result.err
    assert [p.name for p in (tmp_path / "busy").iterdir()] == ["notes.txt"]
    (tmp_path / "a-file").write_text("x")
    assert run_cli("init", "a-file", cwd=tmp_path).code == 2


def test_init_that_cannot_write_says_so_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    result = run_cli("init", "a-file/site", cwd=tmp_path)
    assert result.code == 2
    assert "cannot make a-file/site" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_init_fills_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert run_cli("init", "empty", cwd=tmp_path).code == 0
    assert (tmp_path / "empty" / "content" / "site.yaml").is_file()


def test_site_yaml_explains_every_setting_there_is() -> None:
    text = settings_text()
    comments = " ".join(line[2:] for line in text.splitlines() if line.startswith("# "))
    for name, field in front_matter_fields(SiteSettings):
        assert field.doc in comments, name
        assert re.search(rf"^(# )?{name}:", text, re.MULTILINE), name
    notes = yaml.safe_load((STARTER / "settings.yaml").read_text())
    assert set(notes) <= {name for name, _ in front_matter_fields(SiteSettings)}


def test_site_yaml_gives_the_settings_it_shows(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(settings_text())
    settings, problems = load_settings(tmp_path)
    assert problems == []
    assert settings.title == "Example Organisation transparency portal"
    assert settings.organisation == "Example Organisation"
    assert settings.base_url is None
    assert settings.timezone == "Europe/London"


def test_the_workflow_installs_sitegen_from_where_it_came_from() -> None:
    git = (
        '{"url": "https://github.com/org/sitegen", "vcs_info": {"vcs": "git", "commit_id": "f00"}}'
    )
    assert source_from_direct_url(git) == "sitegen @ git+https://github.com/org/sitegen@f00"
    wheel = '{"url": "https://example.org/sitegen-1.0-py3-none-any.whl", "archive_info": {}}'
    assert source_from_direct_url(wheel) == (
        "sitegen @ https://example.org/sitegen-1.0-py3-none-any.whl"
    )
    assert source_from_direct_url('{"url": "file:///tmp/x.whl", "archive_info": {}}') is None
    assert source_from_direct_url('{"url": "file:///src", "dir_info": {}}') is None
    assert source_from_direct_url("") is None


def test_source_option_and_unknown_source(tmp_path: Path) -> None:
    given = run_cli("init", "a", "--source", "sitegen==1.0", cwd=tmp_path)
    assert given.code == 0
    assert (
        'SITEGEN: "sitegen==1.0"' in (tmp_path / "a" / ".github/workflows/publish.yml").read_text()
    )
    create_site(tmp_path / "b", dt.date(2030, 1, 1), None)
    assert 'SITEGEN: ""' in (tmp_path / "b" / ".github/workflows/publish.yml").read_text()


def test_this_repository_publishes_with_the_workflows_init_writes() -> None:
    files = starter_files(starter_tokens(dt.date.today(), "."))
    for name in ("publish.yml", "daily.yml"):
        ours = (REPO / ".github" / "workflows" / name).read_text()
        assert ours == files[f".github/workflows/{name}"], (
            f".github/workflows/{name} differs from sitegen/starter/dot-github/workflows/{name}"
            ' (with SITEGEN: "."): change both'
        )
