"""Hostile front-matter: every mutant of the sample is either valid or reported, naming its
file, with no traceback, in bounded time and memory (``tests/mutants.py`` makes them)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.fuzzing import (
    CLI_MEMORY,
    HANG_SECONDS,
    MEMORY_CAP,
    TIME_CAP,
    Finished,
    place_mutant,
    run_bounded,
)
from tests.helpers import tree_digest
from tests.mutants import COUNT, MUTATIONS, REPO, SEED, Mutant, mutants

TODAY = "2024-02-20"
CLI_EVERY = 15
"""Every 15th mutant also goes through the real command: 24 of them, every kind."""
CLI_MEMORY_CAP = 400 * 1024 * 1024
"""Peak resident memory a ``sitegen`` process may reach on a mutant."""


@pytest.fixture(scope="module")
def all_mutants() -> list[Mutant]:
    return mutants(SEED, COUNT)


def test_the_mutants_are_the_same_on_every_run(all_mutants: list[Mutant]) -> None:
    again = mutants(SEED, COUNT)
    assert [hashlib.sha256(m.raw).hexdigest() for m in again] == [
        hashlib.sha256(m.raw).hexdigest() for m in all_mutants
    ]
    kinds = Counter(m.kind for m in all_mutants)
    assert set(kinds) == {name for name, _ in MUTATIONS}
    assert min(kinds.values()) >= COUNT // len(MUTATIONS)


def test_every_mutant_is_valid_or_reported_with_its_file_in_bounded_time_and_memory() -> None:
    # The batch runs in a process of its own under a memory limit, so a bomb that got
    # through could not take the test run (or the machine) with it.
    finished = subprocess.run(
        [sys.executable, "-c", _BOUNDED_BATCH],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=COUNT * HANG_SECONDS,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    outcomes = [json.loads(line) for line in finished.stdout.splitlines()]
    assert len(outcomes) == COUNT

    failed = [o for o in outcomes if o["verdict"] not in ("valid", "reported")]
    assert failed == []
    assert max(o["seconds"] for o in outcomes) <= TIME_CAP
    assert max(o["peak"] for o in outcomes) <= MEMORY_CAP
    by_kind: dict[str, Counter[str]] = {}
    for outcome in outcomes:
        by_kind.setdefault(outcome["kind"], Counter())[outcome["verdict"]] += 1
    # What sitegen refuses outright is refused in every mutant of that kind.
    for kind in ("alias-bomb", "self-alias", "shared-value", "private-marker", "bad-utf8"):
        assert by_kind[kind] == Counter(reported=by_kind[kind].total()), kind
    assert sum(counts["valid"] for counts in by_kind.values()) > 0


_BOUNDED_BATCH = f"""
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({CLI_MEMORY * 2}, {CLI_MEMORY * 2}))
from tests.fuzzing import main
sys.exit(main(["--seed", "{SEED}", "--count", "{COUNT}"]))
"""


def _cli_case(mutant: Mutant, root: Path, previous: Path) -> tuple[Mutant, str, Finished, bool]:
    place_mutant(mutant, root)
    command = "build" if mutant.number % (CLI_EVERY * 3) == 0 else "check"
    if command == "check":
        finished = run_bounded(["check", "--content", "content", "--today", TODAY], root)
        return mutant, command, finished, True
    output = root / "output"
    subprocess.run(["cp", "-a", str(previous), str(output)], check=True)
    before = tree_digest(output)
    finished = run_bounded(
        ["build", "--content", "content", "--output", "output", "--today", TODAY, "--no-search"],
        root,
    )
    untouched = finished.code == 0 or tree_digest(output) == before
    leftovers = [p.name for p in root.iterdir() if p.name not in ("content", "output")]
    return mutant, command, finished, untouched and not leftovers


def test_a_sample_of_mutants_through_the_real_command(
    all_mutants: list[Mutant], tmp_path: Path
) -> None:
    previous = tmp_path / "previous"
    good = run_bounded(
        ["build", "--content", str(REPO / "content"), "--output", str(previous), "--no-search"],
        tmp_path,
    )
    assert good.code == 0, good.err
    sample = all_mutants[::CLI_EVERY]
    assert {m.kind for m in sample} == {name for name, _ in MUTATIONS}
    with ThreadPoolExecutor(2) as pool:
        results = list(
            pool.map(lambda m: _cli_case(m, tmp_path / f"m{m.number}", previous), sample)
        )
    for mutant, command, finished, output_kept in results:
        said = finished.out + finished.err
        where = f"mutant {mutant.number} ({mutant.kind}) through {command}"
        assert finished.code in (0, 1), f"{where}: exit {finished.code}\n{said[-1500:]}"
        assert "Traceback" not in said, where
        if finished.code == 1:
            assert mutant.shown in said, f"{where} does not name the file:\n{said[-1500:]}"
        assert output_kept, f"{where}: the previous output was changed or litter was left"
        assert finished.max_rss <= CLI_MEMORY_CAP, where
        assert finished.seconds < HANG_SECONDS * 3, where
