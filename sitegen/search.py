"""The search index: Pagefind's indexer run over the finished site.

The command-line indexer is used rather than the Python API: it indexed a
5,000-page site in about 11 s here, where the API took over 8 minutes. It is
given a glob of the indexed pages only, so it does not spend time parsing
listings and tracker views that carry no ``data-pagefind-body``, and it runs
in the background while the build writes the data files and feeds.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from sitegen.errors import BuildError
from sitegen.parallel import die_with_parent

_INDEXED = re.compile(r"Indexed \d+ pages?")
"""Pagefind's line saying how many pages it indexed."""
BUNDLE = "pagefind"
"""Where the index goes inside the site: ``/pagefind/``."""


def pages_glob(paths: Iterable[str]) -> str:
    """A glob matching ``<path>index.html`` for each indexed page path (``meetings/x/``)."""
    patterns: set[str] = set()
    for path in paths:
        parts = path.strip("/").split("/")
        patterns.add(f"{parts[0]}/*" if len(parts) > 1 else parts[0])
    if not patterns:
        return "index.html"
    return "{" + ",".join(sorted(patterns)) + "}/index.html"


class Indexer:
    """Pagefind running over a site folder, started now and awaited later."""

    def __init__(self, site: Path, indexed_paths: Iterable[str]) -> None:
        command = [
            sys.executable,
            "-m",
            "pagefind_bin",
            "--site",
            str(site),
            "--output-subdir",
            BUNDLE,
            "--force-language",
            "en",
            "--glob",
            pages_glob(indexed_paths),
        ]
        # Its own process group, so stop() ends everything it started; and it dies with
        # this process, so a build killed outright leaves no indexer writing on.
        self._process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            process_group=0,
            preexec_fn=partial(die_with_parent, os.getpid()),
        )

    def wait(self) -> str:
        """Wait for the index; returns Pagefind's page count line."""
        stdout, stderr = self._process.communicate()
        if self._process.returncode != 0:
            detail = (stderr or stdout).strip().splitlines()[-5:]
            raise BuildError("the search indexer (Pagefind) failed: " + " / ".join(detail))
        lines = [line.strip() for line in stdout.splitlines()]
        counted = [line for line in lines if _INDEXED.fullmatch(line)]
        return counted[0] if counted else ""

    def stop(self) -> None:
        if self._process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal.SIGKILL)
            self._process.communicate()
