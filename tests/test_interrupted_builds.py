"""Builds that are killed or stopped clean up after themselves, and never after a live one.

A real ``python -m sitegen build`` of a generated 300-item site is stopped while Pagefind
indexes it (long enough to catch it there), with ``SIGKILL`` and with ``SIGTERM``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sitegen.writer import LEGACY_GRACE_SECONDS, LOCK, MARKER, Staging, remove_abandoned
from tests.helpers import TESTS, tree_digest

REPO = TESTS.parent
WAIT = 60.0
"""Safety bound on waiting for a process to reach a state (not a speed limit)."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "content"
    made = subprocess.run(
        [sys.executable, str(REPO / "bench" / "make_corpus.py"), str(folder), "300"],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    return folder


def _children(pid: int) -> list[tuple[int, str]]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
            found.append((int(entry.name), name))
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (a killed child may wait a moment to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.01)


def _build(corpus: Path, output: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "sitegen", "build", "--content", str(corpus),
         "--output", str(output), "--today", "2024-02-20", *extra],
        cwd=output.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip


def _stop_while_indexing(corpus: Path, output: Path, signum: int) -> tuple[int, str, int]:
    """Start a build, send ``signum`` once Pagefind runs; exit status, stderr, Pagefind's pid."""
    build = _build(corpus, output)
    indexer: list[int] = []

    def indexing() -> bool:
        assert build.poll() is None, "the build ended before indexing"
        indexer[:] = [pid for pid, name in _children(build.pid) if name.startswith("pagefind")]
        return bool(indexer)

    _until(indexing, "Pagefind to start")
    time.sleep(0.2)  # well into indexing
    os.kill(build.pid, signum)
    _, err = build.communicate(timeout=WAIT)
    return build.returncode, err, indexer[0]


def _staging(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.iterdir() if ".staging-" in p.name)


def test_a_build_killed_while_indexing_leaves_no_indexer_and_the_next_build_cleans_up(
    corpus: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    code, _, indexer = _stop_while_indexing(corpus, output, signal.SIGKILL)
    assert code == -signal.SIGKILL
    _until(lambda: not _running(indexer), "the orphaned indexer to end")
    left = _staging(output)
    assert len(left) == 1, "a killed build cannot clean up: the next one must"

    again = _build(corpus, output, "--no-search")
    _, err = again.communicate(timeout=WAIT)
    assert again.returncode == 0, err
    assert _staging(output) == []
    assert (output / "index.html").is_file()


def test_sigterm_while_indexing_is_handled_like_ctrl_c(corpus: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    first = _build(corpus, output, "--no-search")
    assert first.wait(timeout=WAIT) == 0
    before = tree_digest(output)

    code, err, indexer = _stop_while_indexing(corpus, output, signal.SIGTERM)
    assert code == 128 + signal.SIGTERM
    assert "Traceback" not in err
    assert err.strip().endswith("sitegen: stopped (SIGTERM).")
    assert not _running(indexer)
    assert _staging(output) == []
    assert tree_digest(output) == before


# ---------------------------------------------------------------------- which folders go


@pytest.fixture
def output(tmp_path: Path) -> Path:
    return tmp_path / "site"


def _left_behind(output: Path, name: str, *, lock: bool = True, marker: bool = True) -> Path:
    folder = output.parent / f".{output.name}.{name}"
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "index.html").write_text("half written")
    if marker:
        (folder / MARKER).write_text("Built by sitegen\n")
    if lock:
        (folder / LOCK).write_text("Being written by sitegen, process 1.\n")
    return folder


@pytest.fixture
def locked_elsewhere(output: Path) -> Iterator[Path]:
    """A staging folder whose lock another living process holds."""
    folder = _left_behind(output, "staging-1-busy")
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(folder / LOCK)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        yield folder
    finally:
        holder.kill()
        holder.wait()


_HOLD_LOCK = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(60)
"""


def test_folders_of_dead_builds_go_and_those_of_live_ones_stay(
    output: Path, locked_elsewhere: Path
) -> None:
    dead_pid = _a_dead_pid()
    abandoned = _left_behind(output, f"staging-{dead_pid}-abc")
    half_removed = _left_behind(output, f"staging-{dead_pid}-def", lock=False)
    old_swap = _left_behind(output, f"old-{dead_pid}-ghi", lock=False)
    swapping_now = _left_behind(output, f"staging-{os.getpid()}-jkl", lock=False)
    not_ours = _left_behind(output, f"staging-{dead_pid}-mno", lock=False, marker=False)
    other_output = output.parent / ".elsewhere.staging-1-pqr"
    other_output.mkdir()
    (other_output / MARKER).write_text("Built by sitegen\n")

    removed = remove_abandoned(output)

    assert sorted(removed) == sorted([abandoned, half_removed, old_swap])
    for kept in (locked_elsewhere, swapping_now, not_ours, other_output):
        assert kept.is_dir(), kept


def test_an_older_sitegens_leftovers_go_once_they_have_sat_unchanged(output: Path) -> None:
    stale = _left_behind(output, "staging-x1y2z3", lock=False)
    recent = _left_behind(output, "staging-a1b2c3", lock=False)
    past = time.time() - LEGACY_GRACE_SECONDS - 60
    os.utime(stale, (past, past))
    assert remove_abandoned(output) == [stale]
    assert recent.is_dir()


def test_a_running_build_keeps_its_folder_from_a_concurrent_one(output: Path) -> None:
    first = Staging(output)
    try:
        second = Staging(output)
        assert second.removed == []
        assert first.root.is_dir()
        second.discard()
        first.write("index.html", b"first")
        first.commit()
    finally:
        first.discard()
    assert (output / "index.html").read_bytes() == b"first"
    assert not (output / LOCK).exists(), "the lock file is never published"
    assert _staging(output) == []


def _a_dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid
