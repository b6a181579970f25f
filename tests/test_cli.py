"""The command line: exit statuses, check's formats and strictness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import SMALL_SITE, SMALL_TODAY, copy_site, run_cli, write_files


def test_usage_errors_exit_2() -> None:
    assert run_cli("build", "--today", "2024-13-01").code == 2
    assert run_cli("frobnicate").code == 2
    missing = run_cli("build", "--content", "/nonexistent/content")
    assert missing.code == 2
    assert "no content folder" in missing.err


def test_check_lists_nothing_for_a_good_site() -> None:
    result = run_cli("check", "--content", SMALL_SITE, "--today", SMALL_TODAY)
    assert result.code == 0
    assert result.out.strip() == "No problems found: 0 errors, 0 warnings."


def test_check_reports_warnings_and_strict_makes_them_fail(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    write_files(
        content,
        {
            "news/launch.md": "---\ntitle: We launched\ndate: 2024-01-05\n"
            "colour: blue\n---\n![](/files/chart.png)\n",
            "files/chart.png": "not really a picture",
        },
    )
    relaxed = run_cli("check", "--content", "content", "--today", SMALL_TODAY, cwd=tmp_path)
    assert relaxed.code == 0
    assert "content/news/launch.md:4: colour: warning: 'colour' is not a known field" in relaxed.out
    assert "content/news/launch.md:1: summary: warning: is empty" in relaxed.out
    assert (
        "content/news/launch.md:6: body: warning: an image has no alternative text" in relaxed.out
    )
    strict = run_cli(
        "check", "--content", "content", "--today", SMALL_TODAY, "--strict", cwd=tmp_path
    )
    assert strict.code == 1


def test_check_json_is_for_tools(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    write_files(content, {"news/launch.md": "---\ntitle: We launched\ndate: 2024-02-30\n---\n"})
    result = run_cli(
        "check", "--content", "content", "--format", "json", "--today", SMALL_TODAY, cwd=tmp_path
    )
    assert result.code == 1
    report = json.loads(result.out)
    assert report["ok"] is False
    assert report["errors"] == 1
    assert {
        "path": "content/news/launch.md",
        "line": 3,
        "field": "date",
        "message": "2024-02-30 is not a real date: February 2024 has 29 days",
        "severity": "error",
    } in report["problems"]


def test_python_dash_m_sitegen_works(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitegen",
            "check",
            "--content",
            str(SMALL_SITE),
            "--today",
            SMALL_TODAY,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _broken_renderer(*args: object, **kwargs: object) -> object:
    raise ValueError("an impossible state\nwith a second line")


def test_an_internal_error_is_one_line_saying_it_is_a_bug_and_exits_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sitegen.build.render_pages", _broken_renderer)
    output = tmp_path / "output"
    result = run_cli("build", "--content", SMALL_SITE, "--output", output, "--today", SMALL_TODAY)
    assert result.code == 3
    assert result.err.splitlines() == [
        "sitegen: internal error (ValueError: an impossible state\\nwith a second line). This "
        "is a bug in sitegen, not a problem with your content; run the command again with "
        "--debug to see where it happened, and report it."
    ]
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "no staging folder is left"


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_shows_the_traceback_of_an_internal_error(
    where: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("sitegen.build.render_pages", _broken_renderer)
    args = ["build", "--content", str(SMALL_SITE), "--output", str(tmp_path / "o")]
    result = run_cli(*(["--debug", *args] if where == "before" else [*args, "--debug"]))
    assert result.code == 3
    assert result.err.startswith("Traceback (most recent call last):")
    assert "_broken_renderer" in result.err
    assert result.err.splitlines()[-1].startswith("sitegen: internal error (ValueError")


def test_a_failing_disk_is_not_called_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device", "output/index.html")

    monkeypatch.setattr("sitegen.build.write_extras", full)
    result = run_cli("build", "--content", SMALL_SITE, "--output", tmp_path / "o")
    assert result.code == 1
    assert result.err.splitlines() == [
        "sitegen: cannot go on: [Errno 28] No space left on device: 'output/index.html'"
    ]
