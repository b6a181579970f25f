"""``sitegen serve``: a preview on 127.0.0.1 that follows every save.

Pages are rendered when a browser asks for them, from a site kept in memory,
so an edit never leaves a stale page behind and costs only what the open tab
shows. After each edit only the changed files are read again and only changed
bodies are rendered again; the whole site is then checked as ``build`` would,
and open tabs reload by themselves (Server-Sent Events). When an edit breaks
the site, every open tab shows the problems, naming file, line and field, and
the server keeps running; the next good save brings the pages back.

The search index is built by a ``sitegen build`` run in the background, after
start and again once edits have settled, so typing never waits for it. What the
preview keeps in memory is in :mod:`sitegen.preview`; this module watches files
and answers browsers.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from sitegen.config import BuildOptions
from sitegen.errors import Severity, display_path
from sitegen.httpd import BadPath, PreviewHTTPServer, client_gone, request_path
from sitegen.loader import (
    FILES_FOLDER,
)
from sitegen.preview import LIVE_PATH, Preview, SearchIndexer, content_type, within
from sitegen.search import BUNDLE
from sitegen.templates import STATIC, TEMPLATES

SETTLE_SECONDS = 0.005
"""Quiet time after the last file event before rebuilding: a save is a burst of events
(write a temporary file, rename it over the old one), all within a millisecond or two."""
EVENTS_POLL_SECONDS = 1.0
"""How often an open event stream looks whether its tab is still there."""
KEEP_ALIVE_SECONDS = 5.0
"""Quiet time after which an event stream writes a comment, so a vanished tab fails it."""
_CHANGES = frozenset({"created", "modified", "moved", "deleted", "closed"})
_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part", ".crdownload")


def _ignored(path: Path) -> bool:
    name = path.name
    return name.startswith((".", "#")) or name.endswith(_IGNORED_SUFFIXES) or name == "4913"


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
            # Until no event has come for SETTLE_SECONDS: one save is several events.
            self.wake.clear()
            while self.wake.wait(timeout=SETTLE_SECONDS):
                self.wake.clear()
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
                    self._send(HTTPStatus.OK, content_type(relative), data)
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
            data = _read(path) if within(path, base) else None
            if data is None:
                self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found")
                return
            self._send(HTTPStatus.OK, content_type(relative), data)

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
    content: Path,
    *,
    port: int = 8000,
    today: dt.date | None = None,
    search: bool = True,
    cms_proxy: str = "",
) -> Server:
    """Load the site, start watching and serving; returns at once. With ``cms_proxy``,
    the content editor saves through the local proxy at that address."""
    options = BuildOptions(
        content=content,
        base_url=f"http://127.0.0.1:{port}/",
        today=today,
        drafts=True,
        preview=True,
        search=False,
        workers=1,
        cms_proxy=cms_proxy,
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
        if resolved.is_dir() and not any(within(resolved, s) for s in seen):
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
