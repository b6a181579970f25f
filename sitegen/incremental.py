"""Which outputs an edit changed: a key for every page and file, from what it reads.

An output's key digests what it is made from: what every page shows (the global key)
and the digest of each document it declares it reads (:mod:`sitegen.reads`). Two
builds give an output the same key only if it would come out the same, so a build
keeps the outputs whose key has not changed and makes only the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from sitegen.cache import code_key, digest
from sitegen.loader import LoadedFile
from sitegen.plan import FileJob, PageJob
from sitegen.reads import EVERYTHING
from sitegen.search import BUNDLE

ABSENT = "-"
"""The digest of a document that is not in the site (never written, or a draft)."""


class Fingerprints:
    """The digest of each read key (``meetings/x``, ``meetings/x:body``, ``meetings/*``),
    as the line ``key=digest`` that an output's key is made of."""

    def __init__(
        self,
        files: Iterable[LoadedFile],
        published: set[tuple[str, str]],
        versions: Mapping[str, object] | None = None,
    ) -> None:
        """``versions``: the dates each file has in git, by its shown path, when the site
        takes dates from git; they are part of what a page shows of its document."""
        versions = versions or {}
        lines = _Lines()
        by_collection: dict[str, list[tuple[str, str]]] = defaultdict(list)
        documents: list[tuple[str, str]] = []
        for loaded in files:
            collection, slug = loaded.collection.name, loaded.slug
            if (collection, slug) not in published:
                continue
            meta, body = loaded.fingerprint
            if loaded.shown in versions:
                meta = digest(meta, repr(versions[loaded.shown]))
            key = f"{collection}/{slug}"
            lines[key] = f"{key}={meta}"
            lines[f"{key}:body"] = f"{key}:body={body}"
            by_collection[collection].append((slug, meta))
            documents.append((key, meta))
        for name, found in by_collection.items():
            members = digest(*(f"{slug}={meta}" for slug, meta in sorted(found)))
            lines[f"{name}/*"] = f"{name}/*={members}"
        everything = digest(*(f"{key}={meta}" for key, meta in sorted(documents)))
        lines[EVERYTHING] = f"{EVERYTHING}={everything}"
        self.lines = lines
        self.line = lines.__getitem__
        """``key=digest`` of one read key."""


class _Lines(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return f"{key}={ABSENT}"


def template_key(dirs: Sequence[Path]) -> str:
    """The templates a site's pages are made with: sitegen's and any the site overrides."""
    parts = [code_key()]
    for folder in dirs:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                parts.append(f"{path.relative_to(folder).as_posix()}:{digest(path.read_text())}")
    return digest(*parts)


def job_key(global_key: str, path: str, kind: str, reads: Iterable[str], fp: Fingerprints) -> str:
    """The key of one output: the global key, what it is, and the digests of what it reads."""
    keys = reads if isinstance(reads, (set, frozenset)) else set(reads)
    return digest(global_key, path, kind, "\n".join(map(fp.line, sorted(keys))))


def output_keys(
    global_key: str, jobs: Sequence[PageJob], files: Sequence[FileJob], fp: Fingerprints
) -> dict[str, str]:
    """The key of every page and file, by the path it is written to."""
    keys = {
        job.output_file: job_key(global_key, job.path, job.template, job.reads(), fp)
        for job in jobs
    }
    for file_job in files:
        keys[file_job.path] = job_key(global_key, file_job.path, "file", file_job.reads(), fp)
    return keys


def search_key(keys: Mapping[str, str], indexed: Iterable[PageJob], glob: str) -> str:
    """The search index's key: the keys of the pages it indexes, and how it indexes them."""
    return digest(
        BUNDLE, glob, *sorted(f"{job.output_file}={keys[job.output_file]}" for job in indexed)
    )
