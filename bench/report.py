"""The benchmark's results as Markdown: the machine, how it was measured, and the tables."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from incremental import Incremental
from measure import Sample
from tools import HUGO, NAIVE, NO_SEARCH, REPO, SITEGEN, hugo_binary, pagefind_binary, version

DASH = "\N{EN DASH}"
NONE = "\N{EM DASH}"
HUGO_TARGETS = {1000: 0.9, 5000: 0.8}
"""sitegen build / (Hugo + Pagefind), at most, at these sizes (issue 13)."""
NAIVE_TARGET = 1.0
OWN_MB, WHOLE_MB, MEMORY_AT = 250, 600, 5000
REBUILD_S, REBUILD_AT = 2.0, 5000
LATENCY_MS = {5000: 100, 0: 50}  # 0: the sample site
LINEAR_TARGET = 2.1


@dataclass(frozen=True)
class Row:
    """One tool at one corpus size: its counted runs, in the order they ran."""

    size: int
    tool: str
    samples: tuple[Sample, ...]
    pages: int
    failure: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(s.wall_s for s in self.samples)


@dataclass(frozen=True)
class Latency:
    """``bench/edit_latency.py`` on one site (size 0: the sample site)."""

    size: int
    items: int
    edit_ms: tuple[int, ...]
    rebuild_ms: tuple[int, ...]
    ready_s: float


def spread(values: Sequence[float], digits: int = 2) -> str:
    return (
        f"{statistics.median(values):.{digits}f} "
        f"({min(values):.{digits}f}{DASH}{max(values):.{digits}f})"
    )


def verdict(value: float, limit: float | None, unit: str = "") -> str:
    if limit is None:
        return NONE
    return f"\N{LESS-THAN OR EQUAL TO} {limit:g}{unit}: " + ("met" if value <= limit else "NOT met")


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def machine(load_at_start: tuple[float, float, float]) -> list[str]:
    models = [
        line.split(":", 1)[1].strip()
        for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines()
        if line.startswith("model name")
    ]
    cpu = models[0] if models else "?"
    hugo = hugo_binary()
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    start, end = (" ".join(f"{x:.2f}" for x in load) for load in (load_at_start, os.getloadavg()))
    return [
        f"- date: {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- machine: {len(os.sched_getaffinity(0))} CPUs ({cpu}), {platform.platform()}, "
        f"load average (1, 5, 15 min) {start} at the start, {end} at the end",
        f"- Python {platform.python_version()}; "
        f"{version([sys.executable, '-m', 'sitegen', '--version'])} (commit {commit or '?'})",
        f"- Hugo: {version([hugo, 'version']) if hugo else 'not installed'}",
        f"- Pagefind: {version([pagefind_binary(), '--version'])}",
    ]


def method(runs: int, interval_ms: int) -> list[str]:
    counted = f"{runs} counted run" + ("s" if runs != 1 else "")
    return [
        f"Every figure is a whole process, start-up included, as the median of {counted} "
        "after one warm-up of each tool, with its min\N{EN DASH}max spread. The counted "
        "runs alternate (run 1 of every tool, then run 2 of every tool, each round starting "
        "with the next tool) so that noise on this shared machine falls on every tool alike; "
        "paired ratios divide run k of sitegen by run k of the other tool. Every clean build "
        "deletes its output (and sitegen its build cache, `SITEGEN_CACHE`) inside the timed "
        "command. Hugo + Pagefind and naive + Pagefind are one command each: the build, then "
        "Pagefind over its output. CPU is user + system time of the whole tree. Memory: "
        "*largest process* is ru_maxrss from wait4 (one process, never a sum); *whole "
        f"build* is the peak over time of the process tree's memory added up (PSS, sampled "
        f"every {interval_ms} ms); *sitegen's own* is the peak RSS of the `python -m sitegen` "
        "process alone. MB are 10^6 bytes.",
    ]


def builds_table(rows: Sequence[Row]) -> list[str]:
    def cells(row: Row) -> list[str]:
        if row.failure:
            return [f"{row.size}", row.tool, f"failed ({row.failure})", NONE, NONE]
        cpu = statistics.median(s.cpu_s for s in row.samples)
        walls = [s.wall_s for s in row.samples]
        return [f"{row.size}", row.tool, spread(walls), f"{cpu:.2f}", f"{row.pages}"]

    header = ("items", "tool", f"wall s, median (min{DASH}max)", "CPU s", "HTML files")
    return table(header, (cells(row) for row in rows))


def find(rows: Sequence[Row], size: int, tool: str) -> Row | None:
    for row in rows:
        if row.size == size and row.tool == tool and not row.failure and row.samples:
            return row
    return None


def ratio_cells(rows: Sequence[Row], size: int, other: str, limit: float | None) -> list[str]:
    ours, theirs = find(rows, size, SITEGEN), find(rows, size, other)
    if ours is None or theirs is None:
        return [NONE, NONE, NONE, NONE]
    paired = [a.wall_s / b.wall_s for a, b in zip(ours.samples, theirs.samples, strict=False)]
    median = statistics.median(paired)
    cpu = [statistics.median(s.cpu_s for s in row.samples) for row in (ours, theirs)]
    return [
        f"{ours.wall / theirs.wall:.2f}",
        spread(paired),
        verdict(median, limit, "x"),
        f"{cpu[0] / cpu[1]:.2f}" if cpu[1] else NONE,
    ]


def ratios_table(rows: Sequence[Row], sizes: Sequence[int]) -> list[str]:
    header = (
        "items",
        f"sitegen / ({HUGO}): of medians",
        f"paired, median (min{DASH}max)",
        "target (paired)",
        "CPU time, of medians",
        f"sitegen / ({NAIVE}): of medians",
        f"paired, median (min{DASH}max)",
        "target (paired)",
        "CPU time, of medians",
    )
    body = (
        [
            f"{size}",
            *ratio_cells(rows, size, HUGO, HUGO_TARGETS.get(size)),
            *ratio_cells(rows, size, NAIVE, NAIVE_TARGET),
        ]
        for size in sizes
    )
    return table(header, body)


def memory_table(rows: Sequence[Row]) -> list[str]:
    def figure(values: list[float]) -> str:
        return f"{statistics.median(values):.0f} (max {max(values):.0f})"

    def cells(row: Row) -> list[str]:
        kind = row.samples[0].kind
        largest = figure([s.largest_mb for s in row.samples])
        whole = figure([s.tree_mb for s in row.samples]) + ("" if kind == "PSS" else " RSS")
        own, notes = NONE, [NONE]
        if row.tool in (SITEGEN, NO_SEARCH):
            own = figure([s.root_mb for s in row.samples])
        if row.tool == SITEGEN and row.size == MEMORY_AT:
            notes = [
                "own " + verdict(max(s.root_mb for s in row.samples), OWN_MB, " MB"),
                "whole " + verdict(max(s.tree_mb for s in row.samples), WHOLE_MB, " MB"),
            ]
        return [f"{row.size}", row.tool, largest, whole, own, "; ".join(notes)]

    header = (
        "items",
        "tool",
        "largest process MB",
        "whole build MB",
        "sitegen's own process MB",
        "target (max)",
    )
    return table(header, (cells(row) for row in rows if not row.failure and row.samples))


def incremental_table(results: Sequence[Incremental]) -> list[str]:
    def cells(result: Incremental) -> list[str]:
        if result.failure:
            return [f"{result.size}", f"failed: {result.failure}"] + [NONE] * 5
        bare, search = result.series
        limit = REBUILD_S if result.size == REBUILD_AT else None
        same = "; ".join(f"{s.name}: {s.identical}" for s in result.series)
        return [
            f"{result.size}",
            spread(bare.edited),
            verdict(statistics.median(bare.edited), limit, " s"),
            spread(search.edited),
            spread(bare.unchanged),
            spread(search.unchanged),
            same,
        ]

    header = (
        "items",
        "one-file edit, --no-search: s",
        "target",
        "one-file edit, with search: s",
        "no change, --no-search: s",
        "no change, with search: s",
        "output against a clean build (pagefind/ aside)",
    )
    return table(header, (cells(result) for result in results))


def latency_table(latencies: Sequence[Latency], rows: Sequence[Row]) -> list[str]:
    def cells(latency: Latency) -> list[str]:
        site = "sample site (content/)" if latency.size == 0 else f"{latency.size}"
        if not latency.edit_ms:
            return [site, "failed (see the log)"] + [NONE] * 5
        full = find(rows, latency.size, SITEGEN)
        return [
            site,
            f"{latency.items}",
            spread(latency.edit_ms, 0),
            verdict(statistics.median(latency.edit_ms), LATENCY_MS.get(latency.size), " ms"),
            f"{statistics.median(latency.rebuild_ms):.0f}" if latency.rebuild_ms else NONE,
            f"{full.wall:.2f}" if full else NONE,
            f"{latency.ready_s:.2f}",
        ]

    header = (
        "site",
        "items",
        f"edit to reloaded tab ms, median (min{DASH}max)",
        "target",
        "server rebuild ms",
        "full `sitegen build` s",
        "preview ready s",
    )
    return table(header, (cells(latency) for latency in latencies))


def linear_table(rows: Sequence[Row], sizes: Sequence[int]) -> list[str]:
    body = []
    for small in sizes:
        large = 2 * small
        for tool in (SITEGEN, NO_SEARCH, HUGO, NAIVE):
            a, b = find(rows, small, tool), find(rows, large, tool)
            if a and b:
                limit = LINEAR_TARGET if (small, tool) == (5000, SITEGEN) else None
                ratio = b.wall / a.wall
                body.append([f"{large} / {small}", tool, f"{ratio:.2f}", verdict(ratio, limit)])
    if not body:
        return []
    return table(("items", "tool", "time ratio", "target"), body)
