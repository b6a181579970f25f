"""Hostile front-matter: every mutant of the sample is either valid or reported, naming its
file, with no traceback, in bounded time and memory (``tests/mutants.py`` makes them)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections import Counter

import pytest

from tests.fuzzing import CLI_MEMORY, CLI_MEMORY_CAP, HANG_SECONDS, MEMORY_CAP, TIME_CAP, cli_sample
from tests.mutants import COUNT, MUTATIONS, REPO, SEED, Mutant, mutants


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


def test_a_sample_of_mutants_through_the_real_command() -> None:
    outcomes = cli_sample(SEED, COUNT)
    assert {o.kind for o in outcomes} == {name for name, _ in MUTATIONS}
    assert sum(o.detail.startswith("build") for o in outcomes) >= 8
    assert [o for o in outcomes if not o.ok] == []
    assert max(o.peak for o in outcomes) <= CLI_MEMORY_CAP
