"""Rebuilds after a one-file edit, and after no change, on the output and cache of a build.

Two series, each on a copy of the corpus with its own output and build cache: ``sitegen
build --no-search`` and ``sitegen build`` (search included). Each starts with a full
build; then every round, warm-up first, appends a sentence to the body of one meeting per
series (a different meeting every time, so every rebuild has a real change) and times the
rebuild, then times one more with nothing changed. At the end, each series' output is
compared, file by file (``pagefind/`` aside), with a clean build of the same content
(output and cache deleted first).
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from measure import Sample, measure
from tools import REPO, sitegen_build, sitegen_tool, tree_digest


class RebuildFailed(Exception):
    """A build of the series exited with an error."""


@dataclass
class Series:
    """One output and cache rebuilt again and again."""

    name: str
    search: bool
    output: Path
    cache: Path
    edited: list[float] = field(default_factory=list)
    unchanged: list[float] = field(default_factory=list)
    identical: str = ""


@dataclass(frozen=True)
class Incremental:
    """The rebuilds of one corpus size."""

    size: int
    series: tuple[Series, ...]
    failure: str = ""


def build(series: Series, content: Path, interval: float) -> Sample:
    extra = () if series.search else ("--no-search",)
    step = sitegen_build(content, series.output, *extra)
    sample = measure(step, REPO, {"SITEGEN_CACHE": str(series.cache.resolve())}, interval)
    if sample.exit_code != 0:
        tail = "\n".join(sample.stderr.splitlines()[-20:])
        raise RebuildFailed(f"{series.name} exited {sample.exit_code}: {tail}")
    return sample


def append_sentence(path: Path, n: int) -> None:
    """One sentence more at the end of the body (a real change of one file)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\nThe notes were reviewed again in round {n}.\n", encoding="utf-8")


def compare_with_clean(series: Series, content: Path, work: Path, interval: float) -> str:
    clean = sitegen_tool(content, work / f"clean-{series.name}", series.search)
    sample = measure(clean.command(), REPO, clean.env, interval)
    if sample.exit_code != 0:
        return f"clean build failed (exit {sample.exit_code})"
    incremental, fresh = tree_digest(series.output), tree_digest(clean.output)
    differ = sorted(name for name in incremental.keys() | fresh.keys()
                    if incremental.get(name) != fresh.get(name))  # fmt: skip
    if not differ:
        return f"identical ({len(fresh)} files)"
    return f"DIFFERENT: {len(differ)} of {len(fresh)} files, e.g. {', '.join(differ[:3])}"


def run_incremental(content: Path, out: Path, size: int, runs: int, interval: float) -> Incremental:
    work = out / "incremental"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(content, work / "content")
    content = work / "content"
    series = tuple(
        Series(name, search, work / f"output-{name}", work / f"cache-{name}")
        for name, search in (("no-search", False), ("search", True))
    )
    meetings = sorted((content / "meetings").glob("*.md"))
    edits = (runs + 1) * len(series)
    try:
        for each in series:
            build(each, content, interval)
        for n in range(runs + 1):
            label = "warm-up" if n == 0 else f"run {n}/{runs}"
            for k, each in enumerate(series):
                append_sentence(meetings[(n * len(series) + k) * len(meetings) // edits], n)
                wall = build(each, content, interval).wall_s
                print(f"  incremental {each.name} N={size} {label}: {wall:.2f} s", file=sys.stderr)
                if n:
                    each.edited.append(wall)
            for each in series:
                wall = build(each, content, interval).wall_s
                if n:
                    each.unchanged.append(wall)
        for each in series:
            each.identical = compare_with_clean(each, content, work, interval)
            print(f"  incremental {each.name} N={size}: {each.identical}", file=sys.stderr)
    except RebuildFailed as failed:
        print(f"incremental rebuilds at N={size}: {failed}", file=sys.stderr)
        return Incremental(size, series, str(failed).splitlines()[0])
    return Incremental(size, series)
