"""The command line: exit statuses, check's formats and strictness."""

from __future__ import annotations

import json
from pathlib import Path

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
