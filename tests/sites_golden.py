"""The golden build of a test site: everything but the search index, which varies by run."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import SMALL_TODAY, TESTS, run_cli

SITES = TESTS / "sites"


def golden_build(content: Path, target: Path) -> None:
    """Build ``content`` into ``target`` without the Pagefind bundle and without static files."""
    result = run_cli(
        "build", "--content", content, "--output", target, "--today", SMALL_TODAY, "--no-search"
    )
    if result.code != 0:
        raise RuntimeError(result.err)
    shutil.rmtree(target / "static")
    (target / ".sitegen").unlink()
