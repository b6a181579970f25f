"""Spread work over processes; the work is inherited by fork, never pickled.

Only the items and the results cross between processes. The function and
whatever it closes over (the whole site) reach the workers by ``fork``, so a
pool costs milliseconds to start. Small batches run in this process.

A worker never outlives the process that started it, however that one ends
(:func:`die_with_parent`); the same holds for other child processes sitegen starts.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 64
"""Below this many items a pool costs more than it saves."""

_task: Callable[[Any], Any] | None = None


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


_PR_SET_PDEATHSIG = 1


def _find_prctl() -> Callable[..., int] | None:
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux
        return None


_prctl = _find_prctl()
"""Looked up once, here: a child between fork and exec must not load libraries."""


def die_with_parent(parent: int, signum: int = signal.SIGKILL) -> None:
    """In a new child process: have the kernel send ``signum`` when ``parent`` dies.

    For ``preexec_fn`` and pool initialisers. Linux only (``PR_SET_PDEATHSIG``); the
    setting survives ``exec``. A parent already gone by now ends the child at once.
    """
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _adopt(task: Callable[[Any], Any], parent: int) -> None:
    global _task
    _task = task
    # The pool stops its workers with SIGTERM: they end quietly, not as interrupted builds.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)


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
    with context.Pool(workers, initializer=_adopt, initargs=(task, os.getpid())) as pool:
        return pool.map(_run, items, chunksize=chunk)
