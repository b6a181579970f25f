"""The GitHub Actions workflows: linted, publishing only good builds, and what editors see.

The workflows are the ones ``sitegen init`` writes (this repository uses the same,
installing sitegen from its own checkout). They are linted with actionlint, which
checks shell steps with ShellCheck; their shell steps are also run here, as GitHub
would run them, against a site with and without mistakes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import TESTS, run_cli

REPO = TESTS.parent
BIN = Path(sys.executable).parent
ACTIONLINT, SHELLCHECK = BIN / "actionlint", BIN / "shellcheck"


def _actionlint(root: Path) -> subprocess.CompletedProcess[str]:
    assert ACTIONLINT.exists(), "actionlint is missing: run 'make test', which installs it"
    assert SHELLCHECK.exists(), "shellcheck is missing: run 'make test', which installs it"
    files = sorted(str(p.relative_to(root)) for p in (root / ".github/workflows").glob("*.yml"))
    assert files
    return subprocess.run(
        [str(ACTIONLINT), "-no-color", "-shellcheck", str(SHELLCHECK), *files],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    assert run_cli("init", "site", cwd=tmp_path).code == 0
    return tmp_path / "site"


def _workflow(root: Path, name: str) -> dict[Any, Any]:
    loaded = yaml.safe_load((root / ".github/workflows" / name).read_text())
    assert isinstance(loaded, dict)
    return loaded


def _step(workflow: dict[Any, Any], name: str) -> dict[str, Any]:
    steps = workflow["jobs"]["build"]["steps"]
    found = [step for step in steps if step.get("name") == name]
    assert len(found) == 1, name
    step: dict[str, Any] = found[0]
    return step


def test_this_repositorys_workflows_pass_actionlint() -> None:
    linted = _actionlint(REPO)
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_the_workflows_init_writes_pass_actionlint(site: Path) -> None:
    linted = _actionlint(site)
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_actionlint_finds_a_mistake(site: Path) -> None:
    publish = site / ".github/workflows/publish.yml"
    publish.write_text(publish.read_text().replace('exit "$status"', "exit $status; cd x"))
    linted = _actionlint(site)
    assert linted.returncode == 1
    assert "shellcheck reported issue" in linted.stdout


def test_every_push_and_pull_request_is_checked_and_only_main_is_published(site: Path) -> None:
    publish = _workflow(site, "publish.yml")
    triggers = publish[True]  # YAML 1.1 reads the key "on" as true
    assert {"push", "pull_request", "workflow_dispatch", "workflow_call"} <= set(triggers)
    deploy = publish["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    pages = _step(publish, "Find the address of the GitHub Pages site")
    assert pages["uses"].startswith("actions/configure-pages@")
    assert pages["if"] == deploy["if"]
    build = _step(publish, "Build the site")
    assert build["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    upload = _step(publish, "Upload the site for GitHub Pages")
    assert upload["uses"].startswith("actions/upload-pages-artifact@")
    assert upload["with"]["path"] == "output"
    names = [step.get("name") for step in publish["jobs"]["build"]["steps"]]
    assert (
        names.index("Check the content")
        < names.index("Build the site")
        < names.index("Upload the site for GitHub Pages")
    )


def test_the_site_is_rebuilt_and_published_every_day(site: Path) -> None:
    daily = _workflow(site, "daily.yml")
    assert [entry["cron"] for entry in daily[True]["schedule"]] == ["17 1 * * *"]
    job = daily["jobs"]["publish"]
    assert job["uses"] == "./.github/workflows/publish.yml"
    assert job["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def _run_step(site: Path, name: str, tmp_path: Path, **env: str) -> tuple[int, str, str]:
    """Run a shell step of publish.yml in ``site`` as GitHub would (bash -e)."""
    script = _step(_workflow(site, "publish.yml"), name)["run"]
    summary = tmp_path / "summary.md"
    summary.touch()
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir(exist_ok=True)
    environment = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "org/portal",
        "GITHUB_SHA": "c0ffee",
        **env,
    }
    done = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=site,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr, summary.read_text()


def test_a_failed_check_fails_the_run_and_shows_each_problem_in_the_summary(
    site: Path, tmp_path: Path
) -> None:
    meeting = next((site / "content/meetings").glob("*.md"))
    text = meeting.read_text().replace("chair: alex-example", "chair: alex-exampel")
    meeting.write_text(text)
    line = text.splitlines().index("chair: alex-exampel") + 1
    where = f"content/meetings/{meeting.name}"
    status, log, summary = _run_step(site, "Check the content", tmp_path)
    assert status == 1
    assert f"::error file={where},line={line},title=chair::" in log
    assert f"{where}:{line}: chair: " in log
    assert "### Content check: 1 error and" in summary
    assert "Nothing was published" in summary
    link = f"(https://github.com/org/portal/blob/c0ffee/{where}#L{line})"
    assert link in summary


def test_a_good_check_passes_and_lists_what_is_left_to_replace(site: Path, tmp_path: Path) -> None:
    status, log, summary = _run_step(site, "Check the content", tmp_path)
    assert status == 0, log
    assert "::warning file=content/pages/about.md" in log
    assert "### Content check: 0 errors and" in summary
    assert "The site can be published" in summary


def test_the_build_uses_the_pages_address_as_its_base_url(site: Path, tmp_path: Path) -> None:
    status, log, summary = _run_step(
        site, "Build the site", tmp_path, BASE_URL="https://org.github.io/portal"
    )
    assert status == 0, log
    home = (site / "output" / "index.html").read_text()
    assert '<link rel="canonical" href="https://org.github.io/portal/">' in home
    assert 'href="/portal/static/style.css"' in home
    assert "### Built" in summary


def test_a_build_without_a_pages_address_uses_site_yaml(site: Path, tmp_path: Path) -> None:
    status, log, _ = _run_step(site, "Build the site", tmp_path, BASE_URL="")
    assert status == 0, log
    assert 'href="/static/style.css"' in (site / "output" / "index.html").read_text()


def test_a_missing_install_source_stops_the_run_with_a_message(site: Path, tmp_path: Path) -> None:
    status, log, _ = _run_step(site, "Install sitegen", tmp_path, SITEGEN="")
    assert status == 1
    assert "::error file=.github/workflows/publish.yml::Set SITEGEN" in log
