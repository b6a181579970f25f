"""Every page passes the Nu HTML checker (vnu) with no errors."""

from __future__ import annotations

import json
import shutil
import subprocess

from tests.browser.conftest import REPO, ServedSite

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check_html(site: ServedSite) -> list[str]:
    java = shutil.which("java")
    assert java, "Java is missing: run 'make test', which installs it"
    assert VNU.exists(), "the HTML checker is missing: run 'make test', which installs it"
    result = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "json",
            str(site.root),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stderr or '{"messages": []}')
    return [
        f"{m.get('url', '').rsplit('/output/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in report["messages"]
        if m.get("type") == "error"
    ]


def test_every_page_of_the_sample_site_is_valid_html(sample_site: ServedSite) -> None:
    pages = list(sample_site.root.rglob("*.html"))
    assert len(pages) > 40
    assert check_html(sample_site) == []


def test_every_page_of_the_small_site_is_valid_html(small_site: ServedSite) -> None:
    assert check_html(small_site) == []
