"""Run the fuzz test's mutants through sitegen and judge how each one was taken.

:func:`judge_in_process` reads and validates one mutant as a build would, measuring its
time and peak memory (``tracemalloc``); ``python -m tests.fuzzing`` runs a whole batch in
its own process and prints one JSON line per mutant, so a test can bound that process's
memory and time and a mutant that breaks the reader cannot take the test run with it.
:func:`run_bounded` runs the real command under resource limits.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.mutants import COUNT, REPO, SAMPLE, SEED, Mutant, mutants

TIME_CAP = 3.0
"""Seconds one mutant may take in process (typically a few milliseconds)."""
MEMORY_CAP = 64 * 1024 * 1024
"""Peak bytes of Python objects one mutant may need while it is read."""
HANG_SECONDS = 10
"""A mutant still being read after this long is stopped and counted as a hang."""


@dataclass(frozen=True)
class Outcome:
    number: int
    kind: str
    shown: str
    verdict: str
    """``valid``, ``reported``, or what went wrong: ``traceback``, ``unnamed``,
    ``published`` (private text accepted), ``slow``, ``memory`` or ``hang``."""
    detail: str
    seconds: float
    peak: int

    @property
    def ok(self) -> bool:
        return self.verdict in ("valid", "reported")


# ---------------------------------------------------------------------- judging


class _Hang(Exception):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _Hang


def judge_in_process(mutant: Mutant, folder: Path) -> Outcome:
    """Read and validate one mutant the way a build does (from ``folder``), within bounds."""
    from sitegen.loader import load_file
    from sitegen.model import COLLECTION_BY_NAME

    path = folder / mutant.collection / mutant.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(mutant.raw)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    started = time.perf_counter()
    signal.alarm(HANG_SECONDS)
    verdict, detail, readable, messages = "", "", False, []
    try:
        loaded = load_file(path, COLLECTION_BY_NAME[mutant.collection], mutant.shown)
        readable = loaded.document is not None
        messages = [str(p) for p in loaded.problems if p.severity == "error"]
        if any(p.path != mutant.shown for p in loaded.problems):
            verdict, detail = "unnamed", "a problem does not name the file"
    except _Hang:
        verdict, detail = "hang", f"still reading after {HANG_SECONDS} s"
    except MemoryError:
        verdict, detail = "memory", "MemoryError"
    except BaseException as err:  # anything escaping the reader is a traceback for the user
        verdict, detail = "traceback", f"{type(err).__name__}: {str(err)[:200]}"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        path.unlink()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] - base
    if not verdict:
        verdict, detail = _judge_messages(readable, messages)
    if verdict == "valid" and mutant.kind == "private-marker":
        verdict, detail = "published", "private text in front-matter was accepted for publishing"
    if verdict in ("valid", "reported") and seconds > TIME_CAP:
        verdict, detail = "slow", f"{seconds:.1f} s"
    if verdict in ("valid", "reported") and peak > MEMORY_CAP:
        verdict, detail = "memory", f"{peak / 2**20:.0f} MB"
    return Outcome(mutant.number, mutant.kind, mutant.shown, verdict, detail, seconds, peak)


def _judge_messages(readable: bool, messages: list[str]) -> tuple[str, str]:
    """A mutant not read must say why, each message on one line that starts with its place."""
    if readable and not messages:
        return "valid", ""
    if not messages:
        return "unnamed", "not read, yet no error says why"
    for message in messages:
        if "\n" in message or "<unicode string>" in message or "position " in message:
            return "unnamed", f"message without a place: {message[:200]!r}"
    return "reported", messages[0][:200]


# ---------------------------------------------------------------------- the real command

CLI_MEMORY = 1024 * 1024 * 1024
"""Address space a ``sitegen`` process may use (``RLIMIT_AS``): a safety net for bombs."""
CLI_SECONDS = 60
"""CPU seconds a ``sitegen`` process may use, and the wall-clock bound on waiting for it."""


@dataclass(frozen=True)
class Finished:
    code: int
    out: str
    err: str
    seconds: float
    max_rss: int
    """Peak resident memory of the process, in bytes."""


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CLI_MEMORY, CLI_MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CLI_SECONDS, CLI_SECONDS))


def run_bounded(args: list[str], cwd: Path) -> Finished:
    """Run ``python -m sitegen ARGS`` in ``cwd`` under memory and CPU limits."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "sitegen", *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            preexec_fn=_bounded,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        deadline = started + CLI_SECONDS
        while True:  # wait4, not wait: it also gives the child's peak memory
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.01)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return Finished(
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            usage.ru_maxrss * 1024,
        )


CLI_EVERY = 15
"""Every 15th mutant also goes through the real command: 24 of 360, every kind."""
CLI_MEMORY_CAP = 400 * 1024 * 1024
"""Peak resident memory a ``sitegen`` process may reach on a mutant."""
TODAY = "2024-02-20"


def place_mutant(mutant: Mutant, root: Path, content: Path = SAMPLE) -> Path:
    """A copy of the sample content at ``root/content`` with ``mutant`` in place of its file."""
    target = root / "content"
    shutil.copytree(content, target)
    (target / mutant.collection / mutant.name).write_bytes(mutant.raw)
    return target


def judge_cli(mutant: Mutant, root: Path, previous: Path) -> Outcome:
    """Run one mutant through ``sitegen check``, or for every third one ``sitegen build``
    over a copy of the good build ``previous``, which must then be left as it was."""
    place_mutant(mutant, root)
    command = "build" if mutant.number % (CLI_EVERY * 3) == 0 else "check"
    output = root / "output"
    if command == "build":
        shutil.copytree(previous, output)
        before = _digest(output)
        args = ["build", "--output", "output", "--no-search"]
    else:
        args = ["check"]
    done = run_bounded([*args, "--content", "content", "--today", TODAY], root)
    said = done.out + done.err
    verdict, detail = ("valid", "") if done.code == 0 else ("reported", _first_line(said))
    if done.code not in (0, 1) or "Traceback" in said:
        verdict = "hang" if done.seconds >= CLI_SECONDS else "traceback"
        detail = f"exit {done.code}: {said[-300:]}"
    elif done.code == 1 and mutant.shown not in said:
        verdict, detail = "unnamed", f"the file is not named: {said[-300:]}"
    elif command == "build" and done.code == 1 and _digest(output) != before:
        verdict, detail = "damaged", "a failed build changed the previous output"
    elif command == "build" and {p.name for p in root.iterdir()} != {"content", "output"}:
        verdict, detail = "litter", "the build left folders beside the output"
    elif done.max_rss > CLI_MEMORY_CAP:
        verdict, detail = "memory", f"{done.max_rss / 2**20:.0f} MB"
    elif verdict == "valid" and mutant.kind == "private-marker":
        verdict, detail = "published", "private text in front-matter was accepted for publishing"
    return Outcome(
        mutant.number, mutant.kind, mutant.shown, verdict, f"{command}: {detail}",
        done.seconds, done.max_rss,
    )  # fmt: skip


def _first_line(said: str) -> str:
    return said.strip().splitlines()[0][:200] if said.strip() else ""


def _digest(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def cli_sample(seed: int = SEED, count: int = COUNT) -> list[Outcome]:
    """Every ``CLI_EVERY``th mutant through the real command, two at a time."""
    from concurrent.futures import ThreadPoolExecutor

    sample = mutants(seed, count)[::CLI_EVERY]
    with tempfile.TemporaryDirectory(prefix="sitegen-fuzz-") as tmp:
        root = Path(tmp)
        previous = root / "previous"
        good = run_bounded(
            ["build", "--content", str(SAMPLE), "--output", str(previous), "--no-search"], root
        )
        if good.code != 0:
            raise RuntimeError(f"the sample content does not build: {good.err}")
        with ThreadPoolExecutor(2) as pool:
            return list(pool.map(lambda m: judge_cli(m, root / f"m{m.number}", previous), sample))


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--seed", type=int, default=SEED)
    args.add_argument("--count", type=int, default=COUNT)
    args.add_argument("--summary", action="store_true", help="print counts, not JSON lines")
    args.add_argument(
        "--cli", action="store_true", help=f"every {CLI_EVERY}th mutant through the command"
    )
    options = args.parse_args(argv)
    if options.cli:
        outcomes = cli_sample(options.seed, options.count)
        for outcome in outcomes:
            if not options.summary:
                print(json.dumps(asdict(outcome)), flush=True)
            elif not outcome.ok:
                print(f"{outcome.number:4} {outcome.kind:18} {outcome.verdict:9} {outcome.detail}")
        if options.summary:
            print(json.dumps(dict(sorted(Counter(o.verdict for o in outcomes).items()))))
        return 0
    tracemalloc.start()
    counts: dict[str, int] = {}
    folder = Path(tempfile.mkdtemp(prefix="sitegen-fuzz-"))
    try:
        for mutant in mutants(options.seed, options.count):
            outcome = judge_in_process(mutant, folder)
            counts[outcome.verdict] = counts.get(outcome.verdict, 0) + 1
            if not options.summary:
                print(json.dumps(asdict(outcome)), flush=True)
            elif not outcome.ok:
                print(f"{outcome.number:4} {outcome.kind:18} {outcome.verdict:9} {outcome.detail}")
    finally:
        shutil.rmtree(folder)
    if options.summary:
        print(json.dumps(dict(sorted(counts.items()))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
