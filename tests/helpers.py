"""Shared helpers for the tests: sites in temporary folders and the CLI in-process."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen.cli import main

TESTS = Path(__file__).resolve().parent
SMALL_SITE = TESTS / "sites" / "small" / "content"
SMALL_TODAY = "2024-02-20"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run_cli(*argv: str | Path, cwd: Path | None = None) -> Run:
    """Run ``sitegen`` in this process and capture what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with _chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exit_:  # argparse exits 2 on usage errors
            code = int(exit_.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


def build_in(root: Path, *extra: str, output: str = "output") -> Run:
    """``sitegen build`` of ``root/content`` into ``root/<output>``, run from ``root``."""
    return run_cli("build", "--content", "content", "--output", output, *extra, cwd=root)


@contextlib.contextmanager
def _chdir(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def build_site(content: Path, output: Path, today: str, *extra: str) -> Path:
    """``sitegen build`` of ``content`` as of ``today``, without the search index; it must pass."""
    result = run_cli(
        "build", "--content", content, "--output", output, "--today", today, "--no-search", *extra
    )
    assert result.code == 0, result.err
    return output


def copy_site(target: Path, source: Path = SMALL_SITE) -> Path:
    """A copy of a content folder at ``target/content``."""
    content = target / "content"
    shutil.copytree(source, content)
    return content


def write_files(root: Path, files: Mapping[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def tree_digest(root: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every file under ``root`` with the hash of its bytes (and its mtime-free identity)."""
    digest: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and not relative.startswith(skip):
            digest[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest
