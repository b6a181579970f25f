"""Time clean full builds of the benchmark corpus and print a Markdown table.

Usage: python bench/run.py [--sizes 1000,5000] [--runs 3] [--skip-search] [--skip-serve]

Discipline: one tool at a time; every figure is a whole process (start-up included), with
the old output deleted inside the timed command; each cell is the median of --runs counted
runs after 1 warm-up run, with the wall time's min-max spread. CPU is user+sys and peak is
ru_maxrss, both from os.wait4 on the child, so they cover the child and every descendant it
waited for (peak is the largest single process, not a sum). Rows:

- naive: bench/naive.py, the floor (markdown-it-py + jinja2 + python-frontmatter);
- sitegen: ``python -m sitegen build ... --today 2026-11-28``, search index included;
- sitegen --no-search: the same without the search index;
- pagefind: Pagefind indexing of the sitegen output, timed on its own so the search share
  of the build is visible (skipped with --skip-search or when the sitegen build failed).

Then, unless --skip-serve, ``bench/edit_latency.py`` times one-page edits in
``sitegen serve`` at each size, printed against the full build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
TODAY = "2026-11-28"
# Deletes the old output (and any sibling "<out>.*" the tool keeps) inside the timed
# command, then becomes the tool itself via exec so its pid is the one we wait for.
CLEAN_THEN_RUN = 'rm -rf -- "$0" "$0".* && exec "$@"'
STDERR_TAIL = 40


@dataclass(frozen=True)
class Sample:
    """One whole-process run."""

    wall_s: float
    cpu_s: float
    peak_mib: float
    exit_code: int
    stderr: str


@dataclass(frozen=True)
class Row:
    """The summary of one tool at one corpus size."""

    size: int
    tool: str
    samples: tuple[Sample, ...]
    pages: int
    failure: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(s.wall_s for s in self.samples)


@dataclass(frozen=True)
class Tool:
    """A command to time and the directory it writes."""

    name: str
    command: tuple[str, ...]
    output: Path
    clean: Path  # deleted inside the timed command


def measure(command: Sequence[str]) -> Sample:
    """Run command once in REPO and return its wall time and rusage."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=REPO, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(wall, cpu, usage.ru_maxrss / 1024, proc.returncode, stderr)


def timed_command(tool: Tool) -> list[str]:
    return ["sh", "-c", CLEAN_THEN_RUN, str(tool.clean), *tool.command]


def count_html(root: Path) -> int:
    return sum(1 for _ in root.rglob("*.html")) if root.is_dir() else 0


def report_failure(tool: Tool, size: int, sample: Sample) -> str:
    tail = "\n".join(sample.stderr.splitlines()[-STDERR_TAIL:])
    print(f"\n{tool.name} at N={size} exited {sample.exit_code}; stderr tail:", file=sys.stderr)
    print(tail or "(empty)", file=sys.stderr)
    return f"exit {sample.exit_code}"


def time_tool(tool: Tool, size: int, runs: int) -> Row:
    """1 warm-up run, then `runs` counted runs; stop at the first failure."""
    samples: list[Sample] = []
    for n in range(runs + 1):
        sample = measure(timed_command(tool))
        label = "warm-up" if n == 0 else f"run {n}/{runs}"
        print(f"  {tool.name} N={size} {label}: {sample.wall_s:.2f} s", file=sys.stderr)
        if sample.exit_code != 0:
            return Row(size, tool.name, tuple(samples), 0, report_failure(tool, size, sample))
        if n > 0:
            samples.append(sample)
    return Row(size, tool.name, tuple(samples), count_html(tool.output))


# Corpus -----------------------------------------------------------------------------------


def generator_digest() -> str:
    return hashlib.sha256((BENCH / "make_corpus.py").read_bytes()).hexdigest()


def ensure_corpus(size: int) -> Path:
    """bench/corpus/<N>/content, regenerated unless made by this generator with this N."""
    root = BENCH / "corpus" / str(size)
    stamp_file = root / "stamp.json"
    stamp = {"n": size, "generator_sha256": generator_digest()}
    content = root / "content"
    if stamp_file.is_file() and json.loads(stamp_file.read_text()) == stamp:
        print(f"reusing corpus {content.relative_to(REPO)}", file=sys.stderr)
        return content
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    make = [sys.executable, str(BENCH / "make_corpus.py"), str(content), str(size)]
    subprocess.run(make, check=True, cwd=REPO)
    stamp_file.write_text(json.dumps(stamp) + "\n")
    return content


# Tools ------------------------------------------------------------------------------------


def rel(path: Path) -> str:
    return str(path.relative_to(REPO))


def naive_tool(content: Path, out: Path) -> Tool:
    target = out / "naive"
    command = (sys.executable, rel(BENCH / "naive.py"), rel(content), rel(target))
    return Tool("naive floor", command, target, target)


def sitegen_tool(content: Path, out: Path, search: bool = True) -> Tool:
    target = out / ("site" if search else "site-no-search")
    build = ("build", "--content", rel(content), "--output", rel(target), "--today", TODAY)
    command = (sys.executable, "-m", "sitegen", *build, *(() if search else ("--no-search",)))
    name = "sitegen build" if search else "sitegen build --no-search"
    return Tool(name, command, target, target)


def pagefind_tool(site: Path) -> Tool | None:
    try:
        import pagefind_bin
    except ImportError:
        print("pagefind_bin is not installed: search row skipped", file=sys.stderr)
        return None
    binary = str(pagefind_bin.get_executable())
    command = (binary, "--site", rel(site))
    return Tool("pagefind over sitegen output", command, site, site / "pagefind")


def bench_size(size: int, runs: int, skip_search: bool) -> list[Row]:
    content = ensure_corpus(size)
    out = BENCH / "out" / str(size)
    rows = [time_tool(naive_tool(content, out), size, runs)]
    build = time_tool(sitegen_tool(content, out), size, runs)
    rows.append(build)
    rows.append(time_tool(sitegen_tool(content, out, search=False), size, runs))
    search = None if skip_search or build.failure else pagefind_tool(out / "site")
    if search is not None:
        rows.append(time_tool(search, size, runs))
    return rows


# Table ------------------------------------------------------------------------------------

DASH = "\N{EN DASH}"
HEADER = (
    f"| size | tool | median wall s (min{DASH}max) | pages (html files) | pages/s | ms/page "
    "| CPU s | peak MiB | wall / naive |\n"
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
)


def format_row(row: Row, naive_wall: float | None) -> str:
    if row.failure:
        return f"| {row.size} | {row.tool} | failed ({row.failure}) |" + f" {DASH} |" * 6
    walls = [s.wall_s for s in row.samples]
    wall = row.wall
    spread = f"{wall:.2f} ({min(walls):.2f}{DASH}{max(walls):.2f})"
    rate = f"{row.pages / wall:.0f}" if row.pages else DASH
    per_page = f"{1000 * wall / row.pages:.2f}" if row.pages else DASH
    cpu = statistics.median(s.cpu_s for s in row.samples)
    peak = statistics.median(s.peak_mib for s in row.samples)
    ratio = f"{wall / naive_wall:.2f}" if naive_wall else DASH
    return (
        f"| {row.size} | {row.tool} | {spread} | {row.pages} | {rate} | {per_page} "
        f"| {cpu:.2f} | {peak:.0f} | {ratio} |"
    )


def print_table(rows: list[Row], runs: int) -> None:
    naive = {r.size: r.wall for r in rows if r.tool == "naive floor" and not r.failure}
    print(
        f"\n{dt.date.today()} · Python {platform.python_version()} · {os.cpu_count()} CPUs · "
        f"median of {runs} counted runs after 1 warm-up; whole process, output deleted "
        "inside the timed command; CPU = user+sys, peak = largest single-process max RSS "
        "(medians)\n"
    )
    print(HEADER)
    for row in rows:
        print(format_row(row, naive.get(row.size)))


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Time clean full builds of the corpus.")
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated corpus sizes")
    parser.add_argument("--runs", type=int, default=3, help="counted runs after 1 warm-up")
    parser.add_argument("--skip-search", action="store_true", help="do not time Pagefind")
    parser.add_argument("--skip-serve", action="store_true", help="do not time preview edits")
    parser.add_argument("--edits", type=int, default=9, help="edits timed in the preview")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes integers, e.g. 1000,5000")
    if args.runs < 1 or not args.sizes or min(args.sizes) < 4:
        parser.error("--runs must be >= 1 and every size >= 4")
    return args


def edit_latency(size: int, edits: int) -> dict[str, object] | None:
    """``sitegen serve``: one-page edit to reloaded tab (bench/edit_latency.py)."""
    content = ensure_corpus(size)
    command = [sys.executable, str(BENCH / "edit_latency.py"), str(content), "--edits", str(edits)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(f"edit latency at N={size} failed:\n{result.stderr[-2000:]}", file=sys.stderr)
        return None
    measured: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def print_edit_table(rows: list[Row], latencies: dict[int, dict[str, object]]) -> None:
    full = {r.size: r.wall for r in rows if r.tool == "sitegen build" and not r.failure}
    print(
        "\n`sitegen serve`: a one-page edit until the open tab has reloaded it "
        "(browser's DOMContentLoaded), against a full rebuild\n"
    )
    print(
        "| size | edit to reloaded tab, median ms (min\N{EN DASH}max) | server rebuild ms "
        "(median) | full `sitegen build` s | preview ready s |"
    )
    print("|---:|---:|---:|---:|---:|")
    for size, measured in sorted(latencies.items()):
        times = [int(x) for x in measured["edit_to_reloaded_ms"]]  # type: ignore[attr-defined]
        rebuilds = [int(x) for x in measured["server_rebuild_ms"]]  # type: ignore[attr-defined]
        rebuild = statistics.median(rebuilds) if rebuilds else float("nan")
        whole = f"{full[size]:.2f}" if size in full else DASH
        print(
            f"| {size} | {statistics.median(times):.0f} ({min(times)}\N{EN DASH}{max(times)}) "
            f"| {rebuild:.0f} | {whole} | {measured['ready_s']} |"
        )


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    rows: list[Row] = []
    latencies: dict[int, dict[str, object]] = {}
    for size in args.sizes:
        rows += bench_size(size, args.runs, args.skip_search)
        if not args.skip_serve:
            measured = edit_latency(size, args.edits)
            if measured is not None:
                latencies[size] = measured
    print_table(rows, args.runs)
    if latencies:
        print_edit_table(rows, latencies)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
