"""The build cache: what earlier builds worked out, so that a build costs what changed.

It lives in the user's cache folder (``$SITEGEN_CACHE``, or ``$XDG_CACHE_HOME/sitegen``,
or ``~/.cache/sitegen``), one folder per output folder, never beside or inside the
output (which is published whole). Delete it at will, or build with ``--fresh``. It
holds, in one SQLite file:

- each content file as read and checked, by path, taken again only while the file's
  size, modification time and inode are the same;
- each body as rendered, by its text, base path and the templates' reserved ids;
- each file of the last output with the key it was made with and its size and
  modification time, so an output whose key has not changed is linked from the previous
  output instead of made again (the previous output is not touched: it is replaced
  whole, as always);
- the key of the search index, so an index whose pages have not changed is kept.

A key is a digest of everything an output is made from: sitegen's own code and
templates, the settings, the options, the build date, what every page shows (the
footer, the navigation), and the digests of the documents the output declares it reads
(see :mod:`sitegen.reads`). A cache written by other code, or that cannot be read, is
not used: the build is then a full one, and writes a new cache.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import re
import shutil
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from sitegen.config import cache_root
from sitegen.loader import LoadedFile
from sitegen.markdown import Heading, Link, Rendered, ReservedIds

FORMAT = "1"
"""Changed whenever what the cache holds changes shape."""


def cache_folder(output: Path) -> Path:
    """The cache of one output folder, named after it (and a digest of its full path)."""
    resolved = output.resolve()
    name = re.sub(r"[^A-Za-z0-9._-]", "-", resolved.name)[:40] or "output"
    return cache_root() / f"{name}-{digest(str(resolved))[:12]}"


def prune(root: Path, keep: Path) -> None:
    """Remove the caches of output folders that no longer exist."""
    for folder in root.iterdir() if root.is_dir() else ():
        if folder == keep or not folder.is_dir():
            continue
        try:
            output = Path((folder / "output").read_text(encoding="utf-8").strip())
        except OSError:
            continue
        if not output.exists():
            shutil.rmtree(folder, ignore_errors=True)


@cache
def code_key() -> str:
    """sitegen's own code and templates: another version means another cache."""
    from sitegen.templates import TEMPLATES

    digest = hashlib.blake2b(FORMAT.encode(), digest_size=16)
    package = Path(__file__).resolve().parent
    for root in (package, TEMPLATES):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".html", ".js", ".css", ".xsl"):
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def digest(*parts: str) -> str:
    """A short digest of some strings, which no other strings give."""
    joined = "\0".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(joined, digest_size=16).hexdigest()


@lru_cache(maxsize=16)
def _rendering_key(base_path: str, reserved: ReservedIds) -> str:
    """What a body's HTML depends on besides its text."""
    return digest(base_path, *sorted(reserved.ids), *reserved.prefixes)


def stamp(path: Path) -> str:
    """What says a file is unchanged: its size, modification time and inode."""
    found = path.stat()
    return f"{found.st_size}:{found.st_mtime_ns}:{found.st_ino}"


@dataclass(frozen=True)
class Output:
    """A file of the last output: the key it was made with, and its stamp then."""

    key: str
    stamp: str


def _pack_rendered(rendered: Rendered) -> bytes:
    return marshal.dumps(
        (
            rendered.html,
            tuple((h.level, h.text, h.id) for h in rendered.headings),
            tuple((link.href, link.line) for link in rendered.links),
            tuple((link.href, link.line) for link in rendered.unsafe),
            rendered.images_without_alt,
            rendered.raw_html_lines,
        )
    )


def _unpack_rendered(data: bytes) -> Rendered:
    html, headings, links, unsafe, no_alt, raw = marshal.loads(data)
    return Rendered(
        html=html,
        headings=tuple(Heading(*h) for h in headings),
        links=tuple(Link(*link) for link in links),
        unsafe=tuple(Link(*link) for link in unsafe),
        images_without_alt=no_alt,
        raw_html_lines=raw,
    )


class BuildCache:
    """The cache of one output folder; :meth:`save` writes what changed.

    What it holds is taken out as it is used (a blob is dropped once unpacked), and what
    a build adds is packed only while it is saved, so a build never holds its content
    twice over.
    """

    def __init__(self, folder: Path, *, fresh: bool = False) -> None:
        self.folder = folder
        self.files: dict[str, tuple[str, str]] = {}
        """The rows of files: by path, (stamp, shown path)."""
        self.bodies: set[str] = set()
        """The keys of the rows of bodies."""
        self.outputs: dict[str, Output] = {}
        """What the output holds: by path, the key it was made with and its stamp."""
        self.spare: dict[str, Output] = {}
        """The same for the spare tree beside the output (:mod:`sitegen.writer`)."""
        self.values: dict[str, str] = {}
        self._reader: sqlite3.Connection | None = None
        self._new_files: dict[str, tuple[str, str, LoadedFile | None]] = {}
        """What this build read: by path, (stamp, shown path, the file, or None when the
        row holds it already)."""
        self._new_bodies: dict[str, Rendered | None] = {}
        self.usable = False
        if not fresh:
            self._load()

    @property
    def database(self) -> Path:
        return self.folder / "cache.sqlite"

    def _load(self) -> None:
        try:
            with sqlite3.connect(f"file:{self.database}?mode=ro", uri=True) as db:
                values = dict(db.execute("SELECT name, value FROM meta"))
                if values.get("code") != code_key():
                    return
                self.values = values
                self.files = {
                    path: (stamp_, shown)
                    for path, stamp_, shown in db.execute("SELECT path, stamp, shown FROM files")
                }
                self.bodies = {key for (key,) in db.execute("SELECT key FROM bodies")}
                self.outputs = {
                    path: Output(key, stamp_)
                    for path, key, stamp_ in db.execute("SELECT path, key, stamp FROM outputs")
                }
                self.spare = {
                    path: Output(key, stamp_)
                    for path, key, stamp_ in db.execute("SELECT path, key, stamp FROM spare")
                }
                self.usable = True
        except sqlite3.Error:
            self._forget()

    def _blobs(self, table: str, column: str, keys: Sequence[str]) -> Iterator[tuple[str, bytes]]:
        """The blobs of the rows with these keys, a few hundred rows at a time: the cache
        is never held in memory whole. Rows that cannot be read are left out."""
        try:
            if self._reader is None:
                self._reader = sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)
            for start in range(0, len(keys), _ROWS_AT_ONCE):
                chunk = keys[start : start + _ROWS_AT_ONCE]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT {column}, blob FROM {table} WHERE {column} IN ({marks})"
                yield from self._reader.execute(query, chunk)
        except sqlite3.Error:
            return

    def _close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def _forget(self) -> None:
        self._close()
        self.files, self.bodies, self.outputs, self.values = {}, set(), {}, {}
        self.spare = {}
        self.usable = False

    # ------------------------------------------------------------------ content files

    def known_files(self, named: Sequence[tuple[Path, str]]) -> list[LoadedFile | None]:
        """Each file (path, shown path) as an earlier build read it, if it has not
        changed since; None for the others."""
        wanted: dict[str, tuple[int, str, str]] = {}
        for position, (path, shown) in enumerate(named):
            try:
                now = stamp(path)
            except OSError:
                continue
            if self.files.get(str(path)) == (now, shown):
                wanted[str(path)] = (position, now, shown)
        found: list[LoadedFile | None] = [None] * len(named)
        for key, blob in self._blobs("files", "path", list(wanted)):
            position, now, shown = wanted[key]
            try:
                found[position] = pickle.loads(blob)
            except Exception:  # a damaged row: the file is read again
                continue
            self._new_files[key] = (now, shown, None)
        return found

    def remember_files(self, files: Iterable[LoadedFile]) -> None:
        for loaded in files:
            key = str(loaded.path)
            if key in self._new_files:
                continue
            try:
                now = stamp(loaded.path)
            except OSError:
                continue
            self._new_files[key] = (now, loaded.shown, loaded)

    # ------------------------------------------------------------------ bodies

    @staticmethod
    def body_key(body: str, base_path: str, reserved: ReservedIds) -> str:
        return digest(body, _rendering_key(base_path, reserved))

    def rendered(self, keys: Iterable[str]) -> dict[str, Rendered]:
        """The bodies rendered by earlier builds, of those keys it has."""
        wanted = sorted({key for key in keys if key in self.bodies})
        found = {}
        for key, blob in self._blobs("bodies", "key", wanted):
            try:
                found[key] = _unpack_rendered(blob)
            except Exception:  # a damaged row: the body is rendered again
                continue
            self._new_bodies[key] = None
        return found

    def remember_body(self, key: str, rendered: Rendered) -> None:
        self._new_bodies[key] = rendered

    # ------------------------------------------------------------------ saving

    def save(
        self,
        output: Path,
        outputs: Mapping[str, Output],
        values: Mapping[str, str],
        spare: Mapping[str, Output],
    ) -> None:
        """Write the cache of this build: what it read, rendered and wrote (``outputs``),
        what the spare tree holds (``spare``), and nothing else.

        Only what changed is written, in one transaction: a build killed while saving
        leaves the cache as the last build saved it.
        """
        self._close()
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "output").write_text(f"{output.resolve()}\n", encoding="utf-8")
        prune(self.folder.parent, self.folder)
        try:
            self._write(outputs, values, spare)
        except sqlite3.Error:
            # A cache that cannot be written (a full disk, a damaged file) is started again
            # from what this build made; what it took from the old one is read again next time.
            self.database.unlink(missing_ok=True)
            self._forget()
            self._write(outputs, values, spare)

    def _write(
        self, outputs: Mapping[str, Output], values: Mapping[str, str], spare: Mapping[str, Output]
    ) -> None:
        db = sqlite3.connect(self.database, timeout=30)
        try:
            with db:
                db.executescript(_SCHEMA)
                if not self.usable:
                    db.executescript("".join(f"DELETE FROM {t};" for t in _TABLES))
                db.execute("DELETE FROM meta")
                db.executemany(
                    "INSERT INTO meta VALUES (?, ?)", [("code", code_key()), *values.items()]
                )
                _delete(db, "files", "path", self.files, self._new_files)
                db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                    (
                        (path, now, shown, pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL))
                        for path, (now, shown, loaded) in self._new_files.items()
                        if loaded is not None
                    ),
                )
                _delete(db, "bodies", "key", self.bodies, self._new_bodies)
                db.executemany(
                    "INSERT OR REPLACE INTO bodies VALUES (?, ?)",
                    (
                        (key, _pack_rendered(rendered))
                        for key, rendered in self._new_bodies.items()
                        if rendered is not None
                    ),
                )
                _write_outputs(db, "outputs", self.outputs, outputs)
                _write_outputs(db, "spare", self.spare, spare)
        finally:
            db.close()


def _write_outputs(
    db: sqlite3.Connection, table: str, before: Mapping[str, Output], after: Mapping[str, Output]
) -> None:
    _delete(db, table, "path", before, after)
    db.executemany(
        f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)",
        ((path, out.key, out.stamp) for path, out in after.items() if before.get(path) != out),
    )


_ROWS_AT_ONCE = 500
"""Keys in one query: well under SQLite's oldest limit of 999 parameters."""
_TABLES = ("meta", "files", "bodies", "outputs", "spare")
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, stamp TEXT, shown TEXT, blob BLOB);"
    "CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, blob BLOB);"
    "CREATE TABLE IF NOT EXISTS outputs (path TEXT PRIMARY KEY, key TEXT, stamp TEXT);"
    "CREATE TABLE IF NOT EXISTS spare (path TEXT PRIMARY KEY, key TEXT, stamp TEXT);"
)


def _delete(
    db: sqlite3.Connection, table: str, key: str, before: Iterable[str], after: Mapping[str, Any]
) -> None:
    """Delete the rows of ``table`` that this build no longer has."""
    db.executemany(
        f"DELETE FROM {table} WHERE {key} = ?", ((name,) for name in before if name not in after)
    )


def output_stamps(root: Path, paths: Iterable[str]) -> Iterator[tuple[str, str]]:
    """The stamp of each written output, by its path inside ``root``."""
    for relative in paths:
        yield relative, output_stamp(f"{root}/{relative}")


def output_stamp(path: str) -> str:
    """What says an output file is as a build wrote it: its size and modification time
    (not its inode: a kept file is a hard link to the same one)."""
    found = os.stat(path)
    return f"{found.st_size}:{found.st_mtime_ns}"
