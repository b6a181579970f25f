"""Set up one broken site from ``tests/invalid/<case>/`` over the small site.

A case folder holds ``files/`` (written over a copy of ``tests/sites/small/content``),
optionally ``symlinks`` (lines ``path -> target``), and ``expected.txt``: exactly
what ``sitegen build`` prints, every error of the run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import SMALL_SITE, TESTS

INVALID = TESTS / "invalid"


def cases() -> list[str]:
    return sorted(
        p.name
        for p in INVALID.iterdir()
        if (p.is_dir() and (p / "files").exists()) or (p / "symlinks").exists()
    )


def make_case(name: str, target: Path) -> Path:
    """The broken content folder for case ``name``, under ``target``."""
    case = INVALID / name
    content = target / "content"
    shutil.copytree(SMALL_SITE, content)
    files = case / "files"
    if files.exists():
        for source in sorted(files.rglob("*")):
            if source.is_file():
                destination = content / source.relative_to(files)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)
    links = case / "symlinks"
    if links.exists():
        for line in links.read_text().splitlines():
            link, _, pointed = (part.strip() for part in line.partition("->"))
            (content / link).symlink_to(pointed)
    return content


def expected(name: str) -> str:
    return (INVALID / name / "expected.txt").read_text(encoding="utf-8")
