"""When each content file was first published and last changed, from its git history.

One ``git log`` over the content folder gives every file's dates at once (never a
process per file: a site has thousands). Only commits count, never the working
tree, so the same commit always gives the same dates; and only the commits on the
first-parent line of ``HEAD``, each compared with its first parent, so a change made
on a branch counts from the day it was merged into the branch that is built, the
day it was published. Renames are followed, so a moved file keeps its first date.
Dates are the commits' committer times, in the site's time zone; a commit after the
build date has not happened yet as far as the build is concerned.

Outside a git repository, or without git, there are simply no dates. A shallow
clone holds only the latest commits, so its dates would be wrong: it is refused
(:attr:`GitDates.problem` says why) and there are no dates either.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

GIT_TIMEOUT_SECONDS = 300
"""Long enough for any real site's history; a safety net against a hung git."""
_COMMIT = "\x01"
"""Starts each commit's line in the log: the byte no path can hold."""


@dataclass(frozen=True)
class FileDates:
    """What the version history says of one file."""

    first: dt.date
    """The day it was first committed (under this name or an earlier one)."""
    last: dt.date
    """The day of the latest commit that changed it."""


@dataclass(frozen=True)
class GitDates:
    dates: Mapping[str, FileDates] = field(default_factory=dict)
    """By path relative to the content folder, ``meetings/2021-11-08-allies-group.md``."""
    problem: str = ""
    """Why the history could not be used, when it is there but cannot be trusted."""


def git_dates(folder: Path, zone: ZoneInfo, today: dt.date) -> GitDates:
    """Every committed file's dates under ``folder``, as of ``today``."""
    found = _run(folder, "rev-parse", "--is-shallow-repository", "HEAD")
    if found is None or (found.failed and _NOT_A_HISTORY.search(found.error)):
        return GitDates()  # no git, not in a repository, or no commit yet
    if found.failed:
        return GitDates(problem=f"git cannot read the history of the content: {found.error}")
    shallow, head = [*found.output.split(), "", ""][:2]
    if shallow == "true":
        return GitDates(
            problem="the content is in a shallow clone, which holds only the latest commits, "
            "so the dates it would give are wrong; fetch the whole history (with "
            "actions/checkout, set fetch-depth: 0) or set dates_from_git: false"
        )
    return _dates_at(folder.resolve(), head, zone.key, today)


@lru_cache(maxsize=4)
def _dates_at(folder: Path, head: str, zone: str, today: dt.date) -> GitDates:
    """The dates as of one commit: the preview asks again after every save."""
    log = _run(
        folder,
        "-c",
        "log.showSignature=false",
        "log",
        "-z",
        "--first-parent",
        "-m",
        "-M",
        "--name-status",
        "--relative",
        f"--format={_COMMIT}%ct",
        head,
        "--",
        ".",
    )
    if log is None or log.failed:
        detail = log.error if log is not None else "git stopped working"
        return GitDates(problem=f"git cannot read the history of the content: {detail}")
    return GitDates(dates_from_log(log.output, ZoneInfo(zone), today))


def dates_from_log(log: str, zone: ZoneInfo, today: dt.date) -> dict[str, FileDates]:
    """Each file's dates from ``git log -z --name-status`` output, newest commit first.

    Walking back in time, a path is followed to the name the file has now: a rename
    makes its old name stand for the new one, and an addition or a deletion ends the
    path's story (older commits of that name were another file).
    """
    now_named: dict[str, str | None] = {}
    first: dict[str, dt.date] = {}
    last: dict[str, dt.date] = {}
    for day, changes in _commits(log, zone):
        for status, paths in changes:
            path = paths[-1]
            current = now_named.get(path, path)
            if current is not None and status != "D" and day <= today:
                last.setdefault(current, day)
                first[current] = day
            if status == "R" and paths[0] != path:
                now_named[paths[0]] = current
            if status in ("A", "C", "D", "R"):
                now_named[path] = None
    return {path: FileDates(first[path], last[path]) for path in sorted(first)}


def _commits(
    log: str, zone: ZoneInfo
) -> Iterator[tuple[dt.date, list[tuple[str, tuple[str, ...]]]]]:
    """(day, [(status letter, paths)]) of each commit, as ``git log -z`` lists them."""
    tokens = iter(log.split("\0"))
    day: dt.date | None = None
    changes: list[tuple[str, tuple[str, ...]]] = []
    for token in tokens:
        token = token.strip("\n")
        if token.startswith(_COMMIT):
            if day is not None:
                yield day, changes
            stamp = int(token.removeprefix(_COMMIT))
            day, changes = dt.datetime.fromtimestamp(stamp, zone).date(), []
        elif token:
            status = token[0]
            count = 2 if status in ("R", "C") else 1
            changes.append((status, tuple(next(tokens) for _ in range(count))))
    if day is not None:
        yield day, changes


@dataclass(frozen=True)
class _Ran:
    output: str
    error: str
    """Git's first line of complaint, when it failed."""
    failed: bool


_NOT_A_HISTORY = re.compile(r"not a git repository|unknown revision|ambiguous argument 'HEAD'")
"""What git says outside a repository, or in one with no commit yet."""


def _run(folder: Path, *arguments: str) -> _Ran | None:
    """What git said in ``folder``; ``None`` when there is no git to ask."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *arguments],
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT_SECONDS,
            encoding="utf-8",
            errors="surrogateescape",
            env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},  # messages we can read
        )
    except subprocess.TimeoutExpired:
        return _Ran("", f"it took more than {GIT_TIMEOUT_SECONDS} seconds", failed=True)
    except OSError:
        return None
    complaint = next((line for line in done.stderr.splitlines() if line.strip()), "")
    return _Ran(done.stdout, complaint.removeprefix("fatal: "), failed=done.returncode != 0)
