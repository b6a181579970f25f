"""One whole-process run: its wall time, CPU time and three figures of peak memory.

- ``largest_mb``: ``ru_maxrss`` from ``os.wait4``, the largest single process among the
  command and the descendants it waited for (a peak of one process, never a sum);
- ``tree_mb``: the whole build: the peak, over time, of the memory of every process of
  the command's tree added up, sampled from /proc every ``interval`` seconds. Each process
  counts its proportional set size (PSS, /proc/<pid>/smaps_rollup), so pages that forked
  workers share with their parent are counted once, not once per worker; where
  smaps_rollup cannot be read, resident set size (RSS) is used instead, and ``kind`` says
  which;
- ``root_mb``: the peak resident set (VmHWM) of the command's own process, which is the
  tool itself once the shell has ``exec``-ed it (for sitegen: ``python -m sitegen``
  without its Pagefind child or its workers).

Figures are MB of 10^6 bytes.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

INTERVAL = 0.02
MB = 1_000_000


@dataclass(frozen=True)
class Sample:
    """One whole-process run."""

    wall_s: float
    cpu_s: float
    largest_mb: float
    tree_mb: float
    root_mb: float
    kind: str  # what tree_mb adds up: "PSS" or "RSS"
    exit_code: int
    stderr: str


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="ascii", errors="replace") as file:
            return file.read()
    except OSError:  # the process ended, or is not ours to read
        return None


def _field_kb(text: str | None, name: str) -> int | None:
    """The value in kB of a ``Name:   123 kB`` line of a /proc file."""
    for line in (text or "").splitlines():
        if line.startswith(f"{name}:"):
            return int(line.split()[1])
    return None


def _parent(pid: int) -> int | None:
    stat = _read(f"/proc/{pid}/stat")
    if stat is None:
        return None
    return int(stat[stat.rindex(")") + 2 :].split(None, 2)[1])


def pss_readable() -> bool:
    return _field_kb(_read("/proc/self/smaps_rollup"), "Pss") is not None


class TreeSampler(threading.Thread):
    """Samples the memory of a process and all its descendants until stopped.

    /proc is listed at every sample; each process seen for the first time is placed in
    the tree or out of it by its parent, once (a parent never changes while both live),
    and forgotten when it ends.
    """

    def __init__(self, root: int, interval: float = INTERVAL) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.kind = "PSS" if pss_readable() else "RSS"
        self.peak_kb = 0
        self.root_hwm_kb = 0
        self._in_tree: dict[int, bool] = {root: True}
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.sample()
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()

    def tree(self) -> list[int]:
        listed = [int(name) for name in os.listdir("/proc") if name.isdigit()]
        parents = {pid: _parent(pid) for pid in listed if pid not in self._in_tree}
        while parents:  # a parent listed after its child is placed first
            placed = {
                pid: parent
                for pid, parent in parents.items()
                if parent is not None and parent in self._in_tree
            }
            if not placed:
                break
            for pid, parent in placed.items():
                self._in_tree[pid] = self._in_tree[parent]
                del parents[pid]
        self._in_tree.update(dict.fromkeys(parents, False))  # parent gone or never ours
        alive = set(listed)  # an ended process is forgotten, so a reused pid is placed afresh
        self._in_tree = {pid: inside for pid, inside in self._in_tree.items() if pid in alive}
        return [pid for pid, inside in self._in_tree.items() if inside]

    def memory_kb(self, pid: int) -> int:
        if self.kind == "PSS":
            found = _field_kb(_read(f"/proc/{pid}/smaps_rollup"), "Pss")
        else:
            found = _field_kb(_read(f"/proc/{pid}/status"), "VmRSS")
        return found or 0

    def sample(self) -> None:
        total = sum(self.memory_kb(pid) for pid in self.tree())
        self.peak_kb = max(self.peak_kb, total)
        hwm = _field_kb(_read(f"/proc/{self.root}/status"), "VmHWM")
        self.root_hwm_kb = max(self.root_hwm_kb, hwm or 0)


def measure(
    command: Sequence[str],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    interval: float = INTERVAL,
) -> Sample:
    """Run command once, in ``cwd`` with ``env`` added to the environment."""
    environment = {**os.environ, **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=environment, stdout=out, stderr=err)
        sampler = TreeSampler(proc.pid, interval)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Sample(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        largest_mb=usage.ru_maxrss * 1024 / MB,
        tree_mb=sampler.peak_kb * 1024 / MB,
        root_mb=sampler.root_hwm_kb * 1024 / MB,
        kind=sampler.kind,
        exit_code=proc.returncode,
        stderr=stderr,
    )
