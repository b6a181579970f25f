"""``sitegen serve``: a preview on 127.0.0.1 that follows every save.

Pages are rendered when a browser asks for them, from a site kept in memory,
so an edit never leaves a stale page behind and costs only what the open tab
shows. After each edit only the changed files are read again and only changed
bodies are rendered again; the whole site is then checked as ``build`` would,
and open tabs reload by themselves (Server-Sent Events). When an edit breaks
the site, every open tab shows the problems, naming file, line and field, and
the server keeps running; the next good save brings the pages back.

The search index is built by a ``sitegen build`` run in the background, after
start and again once edits have settled, so typing never waits for it.
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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from sitegen.bodies import render_body
from sitegen.build import (
    Prepared,
    Sources,
    Timings,
    prepare_sources,
    render_bodies,
    render_job,
    reserved_ids,
)
from sitegen.config import BuildOptions, site_urls
from sitegen.errors import ContentError, Problem, Severity, SitegenError, display_path
from sitegen.httpd import BadPath, PreviewHTTPServer, client_gone, request_path
from sitegen.links import LinkChecker
from sitegen.loader import (
    FILES_FOLDER,
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
from sitegen.search import BUNDLE
from sitegen.sections import SECTIONS
from sitegen.templates import STATIC, TEMPLATES, environment, template_dirs

SETTLE_SECONDS = 0.015
"""Quiet time after the last file event before rebuilding: editors save in bursts."""
INDEX_AFTER_SECONDS = 3.0
"""Quiet time after the last good rebuild before the search index is rebuilt."""
LIVE_PATH = "/__sitegen/"
EVENTS_POLL_SECONDS = 1.0
"""How often an open event stream looks whether its tab is still there."""
KEEP_ALIVE_SECONDS = 5.0
"""Quiet time after which an event stream writes a comment, so a vanished tab fails it."""
_CHANGES = frozenset({"created", "modified", "moved", "deleted", "closed"})
_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part", ".crdownload")


def _ignored(path: Path) -> bool:
    name = path.name
    return name.startswith((".", "#")) or name.endswith(_IGNORED_SUFFIXES) or name == "4913"


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
            if any(_within(path, folder) for folder in self.templates):
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


def _within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _content_type(path: str) -> str:
    guessed = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


# ---------------------------------------------------------------------- watching


class _Watcher(FileSystemEventHandler):
    """Collects changed paths; a save arrives as created or moved as often as modified."""

    def __init__(self, rebuilder: Rebuilder) -> None:
        self.rebuilder = rebuilder

    def on_any_event(self, event: FileSystemEvent) -> None:
        # Reading a file raises "opened" and "closed" events: only changes count.
        if event.event_type not in _CHANGES or (event.is_directory and event.event_type != "moved"):
            return
        paths = [Path(os.fsdecode(raw)) for raw in (event.src_path, event.dest_path) if raw]
        wanted = [path for path in paths if not _ignored(path)]
        if wanted:
            with self.rebuilder.lock:
                self.rebuilder.pending.update(wanted)
            self.rebuilder.wake.set()


class Rebuilder(threading.Thread):
    """Waits for edits to settle, then brings the preview up to date."""

    def __init__(self, preview: Preview, search: SearchIndexer | None) -> None:
        super().__init__(daemon=True, name="sitegen-rebuild")
        self.preview = preview
        self.search = search
        self.pending: set[Path] = set()
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.stopping = False

    def run(self) -> None:
        # The cyclic garbage collector stays off while the preview runs, and collects here
        # once edits pause: a collection in the middle of an edit would hold up the reload.
        gc.disable()
        owed = False
        while not self.stopping:
            if not self.wake.wait(timeout=0.5):
                if owed:
                    gc.collect()
                    owed = False
                if self.search is not None:
                    self.search.maybe_start(self.preview.state)
                continue
            owed = True
            time.sleep(SETTLE_SECONDS)
            while self.wake.is_set():
                self.wake.clear()
                time.sleep(SETTLE_SECONDS)
            with self.lock:
                paths = set(self.pending)
                self.pending.clear()
            started = time.perf_counter()
            try:
                state = self.preview.apply_changes(sorted(paths))
            except Exception as err:  # a bug: say so in one line, and keep the preview up
                _log(f"internal error while rebuilding (a bug in sitegen): {err!r}")
                continue
            took = (time.perf_counter() - started) * 1000
            summary = "rebuilt" if state.ok else f"{len(state.problems)} problems"
            _log(f"{len(paths)} change(s): {summary} in {took:.0f} ms (version {state.version})")
            if not state.ok:
                for problem in sorted(set(state.problems))[:20]:
                    if problem.severity is Severity.ERROR:
                        _log(f"  {problem}")
            if self.search is not None:
                self.search.edited(state)


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
        if _within(path, self.output) and path.is_file():
            return path
        return None

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


# ---------------------------------------------------------------------- HTTP


LIVE_SCRIPT = TEMPLATES / "preview" / "live.js"


def make_handler(preview: Preview, search: SearchIndexer | None) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "sitegen-preview"
        # Headers and body go out in separate writes: without this, Nagle's algorithm and
        # delayed ACKs hold each small response back by about 40 ms.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            try:
                self._get(request_path(self.path))
            except BadPath as bad:
                self._send(bad.status, "text/plain; charset=utf-8", f"{bad}\n".encode())
            except (ConnectionError, TimeoutError):
                self.close_connection = True  # the browser went away mid-answer
            except Exception as err:  # a bug: the page says so, and the preview goes on
                _log(f"internal error serving {self.path[:200]!r} (a bug in sitegen): {err!r}")
                self._send(
                    HTTPStatus.INTERNAL_SERVER_ERROR,
                    "text/plain; charset=utf-8",
                    b"sitegen could not make this page: this is a bug in sitegen.\n",
                )

        def _get(self, path: str) -> None:
            if path.startswith(LIVE_PATH):
                self._live(path[len(LIVE_PATH) :])
                return
            relative = path.lstrip("/")
            if relative == "index.html":
                relative = ""
            for prefix, folder in (("static/", STATIC), (f"{FILES_FOLDER}/", preview.content)):
                if relative.startswith(prefix):
                    base = folder if prefix == "static/" else folder / FILES_FOLDER
                    self._file(base, relative[len(prefix) :])
                    return
            if relative.startswith(f"{BUNDLE}/"):
                found = search.bundle_file(relative) if search else None
                data = _read(found) if found else None
                if data is None:
                    self._send(HTTPStatus.NOT_FOUND, "text/plain", b"search index not built yet")
                else:
                    self._send(HTTPStatus.OK, _content_type(relative), data)
                return
            status, kind, body = preview.page(preview.state, relative)
            if status == HTTPStatus.MOVED_PERMANENTLY:
                self.send_response(status)
                self.send_header("Location", kind)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self._send(status, kind, body)

        def _file(self, base: Path, relative: str) -> None:
            path = (base / relative).resolve()
            data = _read(path) if _within(path, base) else None
            if data is None:
                self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found")
                return
            self._send(HTTPStatus.OK, _content_type(relative), data)

        def _live(self, name: str) -> None:
            if name == "live.js":
                self._send(
                    HTTPStatus.OK, "text/javascript; charset=utf-8", LIVE_SCRIPT.read_bytes()
                )
            elif name == "state":
                self._send(HTTPStatus.OK, "application/json", preview.state.as_json().encode())
            elif name == "events":
                self._events()
            else:
                self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found")

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.close_connection = True
            seen, written = -1, time.monotonic()
            try:
                # A tab that closed is noticed within a second (its end of the socket
                # closes), one that vanished at the next keep-alive: either way its
                # thread and sockets are freed at once, not after minutes.
                while not client_gone(self.connection):
                    with preview.changed:
                        if preview.state.version == seen:
                            preview.changed.wait(timeout=EVENTS_POLL_SECONDS)
                        state = preview.state
                    if state.version != seen:
                        seen = state.version
                        self.wfile.write(f"event: state\ndata: {state.as_json()}\n\n".encode())
                    elif time.monotonic() - written >= KEEP_ALIVE_SECONDS:
                        self.wfile.write(b": keep-alive\n\n")
                    else:
                        continue
                    self.wfile.flush()
                    written = time.monotonic()
            except OSError:
                return

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    return Handler


def _read(path: Path) -> bytes | None:
    """A file's bytes, or None when it is not a file (or went away while being read)."""
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def _log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


@dataclass
class Server:
    """A running preview: the HTTP server, the watcher and the rebuilder."""

    preview: Preview
    http: PreviewHTTPServer
    observer: Any
    rebuilder: Rebuilder
    search: SearchIndexer | None

    @property
    def url(self) -> str:
        host, port = self.http.server_address[:2]
        return f"http://{host!s}:{port}/"

    def serve_forever(self) -> None:
        self.http.serve_forever(poll_interval=0.2)

    def close(self) -> None:
        self.rebuilder.stopping = True
        self.observer.stop()
        self.http.shutdown()
        self.http.server_close()
        if self.search is not None:
            self.search.close()


def start(
    content: Path, *, port: int = 8000, today: dt.date | None = None, search: bool = True
) -> Server:
    """Load the site, start watching and serving; returns at once."""
    options = BuildOptions(
        content=content,
        base_url=f"http://127.0.0.1:{port}/",
        today=today,
        drafts=True,
        preview=True,
        search=False,
        workers=1,
    )
    preview = Preview(content, options)
    preview.load_everything()
    http = PreviewHTTPServer(("127.0.0.1", port), make_handler(preview, None))
    actual_port = http.server_address[1]
    if actual_port != port:
        preview.options = replace(options, base_url=f"http://127.0.0.1:{actual_port}/")
        preview.rebuild()
    indexer = SearchIndexer(content, actual_port, today) if search else None
    http.RequestHandlerClass = make_handler(preview, indexer)
    rebuilder = Rebuilder(preview, indexer)
    if indexer is not None:
        indexer.edited(preview.state)
        indexer.last_edit = 0.0
    _quicker_moves()
    observer = Observer()
    watched = [content, *preview.templates]
    for folder in _distinct(watched):
        observer.schedule(_Watcher(rebuilder), str(folder), recursive=True)
    observer.start()
    rebuilder.start()
    threading.Thread(
        target=http.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True, name="sitegen-http"
    ).start()
    return Server(preview, http, observer, rebuilder, indexer)


def _quicker_moves() -> None:
    """Pair rename events within 20 ms instead of watchdog's default 500 ms.

    Editors save by writing a new file and renaming it over the old one. On Linux
    watchdog holds every rename for half a second while it looks for the matching
    half, which would add half a second to every preview update; both halves of a
    rename arrive together, so 20 ms is plenty (and an unpaired half is still seen
    as a change of that path, which is all the preview needs).
    """
    try:
        from watchdog.observers.inotify_move_event_grouper import InotifyMoveEventGrouper
    except ImportError:  # not Linux, or another watchdog: keep its defaults
        return
    InotifyMoveEventGrouper.delay = 0.02


def _distinct(folders: Iterable[Path]) -> Iterator[Path]:
    seen: list[Path] = []
    for folder in folders:
        resolved = folder.resolve()
        if resolved.is_dir() and not any(_within(resolved, s) for s in seen):
            seen.append(resolved)
            yield resolved


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(content: Path, *, port: int = 8000, today: dt.date | None = None) -> int:
    """Run the preview until interrupted."""
    try:
        server = start(content, port=port, today=today)
    except OSError as err:
        print(f"sitegen: cannot listen on 127.0.0.1:{port}: {err.strerror}", file=sys.stderr)
        return 2
    state = server.preview.state
    print(f"Previewing {display_path(content)} at {server.url} (drafts shown, marked as drafts).")
    print("Edit and save any file: open pages reload by themselves. Press Ctrl+C to stop.")
    if not state.ok:
        print("The site has problems; the pages show them until they are fixed:")
        for problem in sorted(set(state.problems)):
            if problem.severity is Severity.ERROR:
                print(f"  {problem}")
    signal.signal(signal.SIGTERM, _stop)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        server.close()
    return 0
