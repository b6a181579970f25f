"""Spread work over processes; the work is inherited by fork, never pickled.

Only the items and the results cross between processes. The function and
whatever it closes over (the whole site) reach the workers by ``fork``, so a
pool costs milliseconds to start. Small batches run in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 64
"""Below this many items a pool costs more than it saves."""

_task: Callable[[Any], Any] | None = None


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _adopt(task: Callable[[Any], Any]) -> None:
    global _task
    _task = task


def _run(item: Any) -> Any:
    assert _task is not None
    return _task(item)


def parallel_map(task: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """``[task(item) for item in items]``, in ``workers`` processes when worth it."""
    workers = workers or default_workers()
    if (
        workers <= 1
        or len(items) < MIN_ITEMS
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [task(item) for item in items]
    context = multiprocessing.get_context("fork")
    chunk = max(1, len(items) // (workers * 8))
    with context.Pool(workers, initializer=_adopt, initargs=(task,)) as pool:
        return pool.map(_run, items, chunksize=chunk)
