"""The preview's site in memory: read again only what changed, render again only what
changed, and check the whole site as ``build`` would after every save.

:class:`Preview` holds the current :class:`State`; :class:`SearchIndexer` builds the
search index in a background ``sitegen build``, off the editing path.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import mimetypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from html import escape
from http import HTTPStatus
from pathlib import Path

from sitegen.bodies import render_body
from sitegen.build import render_job
from sitegen.config import BuildOptions, site_urls
from sitegen.errors import ContentError, Problem, Severity, SitegenError, display_path
from sitegen.links import LinkChecker
from sitegen.loader import (
    LoadedFile,
    is_content_file,
    load_all,
    load_file,
    load_settings,
    published_files,
)
from sitegen.markdown import Rendered, ReservedIds
from sitegen.model import COLLECTION_BY_NAME, Document, SiteSettings
from sitegen.parallel import default_workers, die_with_parent
from sitegen.plan import FileJob, PageJob
from sitegen.prepare import (
    Prepared,
    Sources,
    Timings,
    prepare_sources,
    render_bodies,
    reserved_ids,
)
from sitegen.sections import SECTIONS
from sitegen.templates import environment, template_dirs

INDEX_AFTER_SECONDS = 3.0
"""Quiet time after the last good rebuild before the search index is rebuilt."""
LIVE_PATH = "/__sitegen/"


@dataclass
class BodyCache:
    """Rendered bodies kept between rebuilds: an edit re-renders only the bodies it changed.

    A document that was not read again is the very same object as before, so it is
    recognised by identity; a document that was read again is recognised by its text.
    """

    entries: dict[str, tuple[Document, str, Rendered]] = field(default_factory=dict)

    def render(
        self, documents: Sequence[Document], base_path: str, reserved: ReservedIds
    ) -> dict[str, Rendered]:
        fresh: dict[str, tuple[Document, str, Rendered]] = {}
        entries = self.entries
        for document in documents:
            path = document.source.path
            entry = entries.get(path)
            if (
                entry is not None
                and entry[1] == base_path
                and (entry[0] is document or entry[0].body == document.body)
            ):
                fresh[path] = (document, base_path, entry[2])
            else:
                rendered = render_body(document.body, base_path, reserved)
                fresh[path] = (document, base_path, rendered)
        self.entries = fresh
        return {path: entry[2] for path, entry in fresh.items()}


@dataclass
class State:
    """The site as the preview knows it now."""

    version: int
    prepared: Prepared | None
    problems: list[Problem]
    pages: dict[str, bytes] = field(default_factory=dict)
    """Rendered pages of this version, by site path."""

    @property
    def ok(self) -> bool:
        return self.prepared is not None

    @cached_property
    def jobs(self) -> dict[str, PageJob]:
        return {job.path: job for job in self.prepared.jobs} if self.prepared else {}

    @cached_property
    def file_jobs(self) -> dict[str, FileJob]:
        return {job.path: job for job in self.prepared.file_jobs} if self.prepared else {}

    def as_json(self) -> str:
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        return json.dumps(
            {
                "version": self.version,
                "ok": self.ok,
                "problems": [str(p) for p in sorted(set(errors))],
            }
        )


class Preview:
    """Keeps the site in memory and brings it up to date when files change."""

    def __init__(self, content: Path, options: BuildOptions) -> None:
        self.content = content
        self.root = content.resolve()
        self.options = options
        self.templates = template_dirs(content)
        self.files: dict[Path, LoadedFile] = {}
        self.bodies = BodyCache()
        self.links = LinkChecker()
        self.state = State(0, None, [])
        self.changed = threading.Condition()
        self._lock = threading.Lock()
        self._today = options.today

    # ------------------------------------------------------------------ loading

    def load_everything(self) -> None:
        """Read and render everything once, in several processes (no threads run yet)."""
        _, files, _ = load_all(self.content, workers=default_workers())
        self.files = {loaded.path.resolve(): loaded for loaded in files}
        documents = [f.document for f in files if f.document is not None]
        base_path = site_urls(SiteSettings(), self.options.base_url)[0].base_path
        rendered = render_bodies(documents, base_path, reserved_ids(SECTIONS), default_workers())
        self.bodies.entries = {
            doc.source.path: (doc, base_path, rendered[doc.source.path]) for doc in documents
        }
        self.rebuild()
        gc.collect()
        gc.freeze()  # what is loaded now lives long: spare the collector from scanning it

    def _collection_of(self, path: Path) -> str | None:
        try:
            relative = path.relative_to(self.root)
        except ValueError:
            return None
        if len(relative.parts) == 2 and relative.parts[0] in COLLECTION_BY_NAME:
            return relative.parts[0]
        return None

    def _reload(self, path: Path) -> None:
        name = self._collection_of(path)
        if name is None or not is_content_file(path):
            return
        if path.exists():
            shown = f"{display_path(self.content)}/{name}/{path.name}"
            self.files[path] = load_file(path, COLLECTION_BY_NAME[name], shown)
        else:
            self.files.pop(path, None)

    def apply_changes(self, paths: Iterable[Path]) -> State:
        """Read again what changed, then rebuild the site in memory."""
        templates_changed = False
        for path in paths:
            if any(within(path, folder) for folder in self.templates):
                templates_changed = True
            else:
                self._reload(path)
        if templates_changed:
            environment.cache_clear()
        return self.rebuild()

    def rebuild(self) -> State:
        today = self._today or dt.date.today()
        version = self.state.version + 1
        options = replace(self.options, today=today, preview_version=version)
        settings, settings_problems = load_settings(self.content)
        published, file_problems = published_files(self.content)
        sources = Sources(
            settings, list(self.files.values()), settings_problems + file_problems, published
        )
        try:
            prepared: Prepared | None = prepare_sources(
                sources, options, Timings(), self.bodies.render, self.links.check
            )
            problems = prepared.problems if prepared else []
        except ContentError as err:
            prepared, problems = None, err.problems
        except SitegenError as err:
            prepared, problems = None, [Problem("templates", 0, "", str(err))]
        with self.changed:
            self.state = State(version, prepared, problems)
            self.changed.notify_all()
        return self.state

    # ------------------------------------------------------------------ serving

    def page(self, state: State, path: str) -> tuple[int, str, bytes]:
        """Status, content type and body for a site path of the current state."""
        prepared = state.prepared
        if prepared is None:
            return self._problems_page(state)
        if path in state.pages:
            return HTTPStatus.OK, "text/html; charset=utf-8", state.pages[path]
        jobs = state.jobs
        job = jobs.get(path)
        if job is None and f"{path}/" in jobs:
            return HTTPStatus.MOVED_PERMANENTLY, prepared.urls.path(f"{path}/"), b""
        if job is not None:
            with self._lock:
                html = render_job(prepared, job)
            state.pages[path] = html
            return HTTPStatus.OK, "text/html; charset=utf-8", html
        file_job = state.file_jobs.get(path)
        if file_job is not None:
            with self._lock:
                data = file_job.make()
            return HTTPStatus.OK, file_job.content_type, data
        not_found = next(job for job in prepared.jobs if job.not_found)
        with self._lock:
            html = render_job(prepared, not_found)
        return HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", html

    def _problems_page(self, state: State) -> tuple[int, str, bytes]:
        items = "".join(f"<li><code>{escape(str(p))}</code></li>" for p in state.problems)
        html = (
            '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>The site could not be built</title></head><body><main>"
            "<h1>The site could not be built</h1>"
            f"<p>Fix these and save: the page will come back by itself.</p><ul>{items}</ul>"
            f'</main><script src="{LIVE_PATH}live.js" data-version="{state.version}"></script>'
            "</body></html>"
        )
        return HTTPStatus.OK, "text/html; charset=utf-8", html.encode()


def _background(parent: int) -> None:
    """The background build runs at low priority, and stops (cleaning up, as on
    ``SIGTERM``) if the preview itself ends, however it ends."""
    os.nice(10)
    die_with_parent(parent, signal.SIGTERM)


def within(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or inside it, links resolved."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def content_type(path: str) -> str:
    """What a server says a file is, by its name."""
    guessed = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


class SearchIndexer:
    """Builds the search index in a background ``sitegen build``, off the editing path."""

    def __init__(self, content: Path, port: int, today: dt.date | None) -> None:
        self.content = content
        self.port = port
        self.today = today
        self.folder = Path(tempfile.mkdtemp(prefix="sitegen-preview-"))
        self.output = self.folder / "site"
        self.process: subprocess.Popen[bytes] | None = None
        self.indexed_version = -1
        self.wanted_version = 0
        self.last_edit = 0.0

    def edited(self, state: State) -> None:
        if state.ok:
            self.wanted_version = state.version
            self.last_edit = time.monotonic()

    def maybe_start(self, state: State) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        if self.process is not None:
            self.process = None
        quiet = time.monotonic() - self.last_edit >= INDEX_AFTER_SECONDS
        if state.ok and quiet and self.indexed_version < self.wanted_version:
            self.indexed_version = self.wanted_version
            command = [
                sys.executable,
                "-m",
                "sitegen",
                "build",
                "--content",
                str(self.content),
                "--output",
                str(self.output),
                "--drafts",
                "--workers",
                "1",
                "--base-url",
                f"http://127.0.0.1:{self.port}/",
            ]
            if self.today:
                command += ["--today", self.today.isoformat()]
            self.process = subprocess.Popen(
                command,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                preexec_fn=partial(_background, os.getpid()),
            )

    def bundle_file(self, relative: str) -> Path | None:
        path = (self.output / relative).resolve()
        if within(path, self.output) and path.is_file():
            return path
        return None

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)
