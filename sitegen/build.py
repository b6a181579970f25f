"""A build, top to bottom: prepare, decide what changed, render, write, index, swap in.

:func:`sitegen.prepare.prepare` does everything that can find a mistake (it writes
nothing). :func:`build` then gives every page and file a key (:mod:`sitegen.incremental`),
keeps from the previous output each one whose key has not changed, makes the others in a
staging folder, and swaps that in only when it is complete. Each step is timed for the
summary.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sitegen.cache import (
    BuildCache,
    Output,
    cache_folder,
    digest,
    output_stamp,
    output_stamps,
    stamp,
)
from sitegen.config import BuildOptions
from sitegen.errors import Problem
from sitegen.incremental import Fingerprints, output_keys, search_key, template_key
from sitegen.model import LeftOut
from sitegen.parallel import parallel_map
from sitegen.plan import FileJob, PageJob
from sitegen.prepare import Prepared, Timings, prepare
from sitegen.search import BUNDLE, Indexer, pages_glob
from sitegen.templates import STATIC, render_template
from sitegen.writer import Staging, files_under, write_file

INDEX_KEY = "index"
"""Where the cache keeps the search index's key."""
SPARE_KEY = "spare"
"""Where the cache keeps the token of the spare tree beside the output."""


@dataclass
class BuildReport:
    output: Path
    pages: dict[str, int]
    """HTML pages in the output, per section."""
    files: int
    left_out: tuple[LeftOut, ...]
    warnings: list[Problem]
    timings: Timings
    search: str
    made: int = 0
    """Pages and files made by this build; the others were kept from the previous one."""
    kept: int = 0


class Kept:
    """Takes outputs whose key has not changed from the previous output into the new one."""

    def __init__(self, cache: BuildCache, output: Path, staging: Staging) -> None:
        self.cache = cache
        self.output = output
        self.staging = staging
        self.count = 0

    def take(self, relative: str, key: str) -> bool:
        """Keep the spare tree's file, or else link the previous output's, if it was made
        with ``key`` and is unchanged since."""
        if self.staging.keep(relative) and _made_with(
            self.cache.spare.get(relative), key, f"{self.staging.root}/{relative}"
        ):
            self.count += 1
            return True
        source = f"{self.output}/{relative}"
        if not _made_with(self.cache.outputs.get(relative), key, source):
            return False
        if not self.staging.link(relative, source):
            return False
        self.count += 1
        return True


def _made_with(earlier: Output | None, key: str, path: str) -> bool:
    """Whether the file at ``path`` is the one recorded as made with ``key``, unchanged."""
    if earlier is None or earlier.key != key:
        return False
    try:
        return output_stamp(path) == earlier.stamp
    except OSError:
        return False


def global_key(prepared: Prepared, options: BuildOptions) -> str:
    """What every page shows: code and templates, settings, options, date, footer, nav."""
    return digest(
        template_key(prepared.templates),
        repr(prepared.site.settings),
        repr(prepared.info),
        repr(prepared.ctx.footer_links() if prepared.ctx else ()),
        f"drafts={options.drafts}",
    )


def build(options: BuildOptions) -> BuildReport:
    output = options.output.resolve()
    cache = BuildCache(cache_folder(output), fresh=options.fresh)
    prepared = prepare(options, cache)
    timings = prepared.timings
    with timings.step("find what changed"):
        published = {(c.name, d.slug) for c, d in prepared.site.documents()}
        fingerprints = Fingerprints(prepared.loaded, published, prepared.site.versions)
        keys = output_keys(
            global_key(prepared, options), prepared.jobs, prepared.file_jobs, fingerprints
        )
        items = [job for job in prepared.jobs if job.searchable]
        index_key = search_key(keys, items, indexer_key(items)) if options.search else ""
    staging = Staging(options.output, cache.values.get(SPARE_KEY, ""))
    if staging.reused:
        staging.prune(wanted_files(prepared, keys))
    kept = Kept(cache, output, staging)
    indexer: Indexer | None = None
    made = 0
    try:
        # Item pages first: the indexer reads only those, so it can start while the
        # listings, the tracker and the data files are still being written.
        rest = [job for job in prepared.jobs if not job.searchable]
        with timings.step("render item pages"):
            changed = [
                job for job in items if not kept.take(job.output_file, keys[job.output_file])
            ]
            render_pages(prepared, staging.root, options.workers, changed)
            made += len(changed)
        search = ""
        if options.search:
            if (
                index_key
                and index_key == cache.values.get(INDEX_KEY)
                and staging.link_tree(output / BUNDLE, BUNDLE)
            ):
                search = "kept the index: no indexed page changed"
            else:
                indexer = Indexer(staging.root, [job.path for job in items])
        with timings.step("render listings, data, feeds, calendars"):
            changed = [job for job in rest if not kept.take(job.output_file, keys[job.output_file])]
            changed_files = [
                job for job in prepared.file_jobs if not kept.take(job.path, keys[job.path])
            ]
            render_pages(prepared, staging.root, options.workers, changed, changed_files)
            made += len(changed) + len(changed_files)
            files, written = write_extras(prepared, staging, kept, keys)
            made += written
        if indexer is not None:
            with timings.step("index search (rest)"):
                search = indexer.wait()
        with timings.step("swap in"):
            stamps = dict(output_stamps(staging.root, keys))
            # The tree swapped out is worth keeping only if the cache knows what it holds.
            token = secrets.token_hex(8) if cache.outputs else ""
            spared = staging.commit(token)
        with timings.step("save the cache"):
            cache.save(
                output,
                {path: Output(keys[path], stamps[path]) for path in keys},
                {
                    INDEX_KEY: index_key if options.search else "",
                    SPARE_KEY: token if spared else "",
                },
                cache.outputs if spared else {},
            )
    finally:
        if indexer is not None:
            indexer.stop()
        staging.discard()
    pages: dict[str, int] = {}
    for job in prepared.jobs:
        pages[job.section] = pages.get(job.section, 0) + 1
    return BuildReport(
        output=options.output,
        pages=pages,
        files=files,
        left_out=prepared.site.left_out,
        warnings=prepared.problems,
        timings=timings,
        search=search,
        made=made,
        kept=kept.count,
    )


def indexer_key(items: Sequence[PageJob]) -> str:
    """How the index is made: which pages, and by which Pagefind."""
    from importlib import metadata

    return f"{pages_glob(job.path for job in items)}:{metadata.version('pagefind_bin')}"


def render_job(prepared: Prepared, job: PageJob) -> bytes:
    return render_template(prepared.templates, job.template, job.context()).encode("utf-8")


def render_pages(
    prepared: Prepared,
    root: Path,
    workers: int,
    jobs: Sequence[PageJob],
    files: Sequence[FileJob] = (),
) -> None:
    """Render and write ``jobs`` and make and write ``files``, in several processes when
    there are many. Files first: a few of them (the open data) take the longest."""
    work: list[PageJob | FileJob] = [*files, *jobs]
    if not work:
        return
    prepared.index.warm()

    def make(position: int) -> None:
        job = work[position]
        if isinstance(job, FileJob):
            write_file(root, job.path, job.make())
        else:
            write_file(root, job.output_file, render_job(prepared, job))

    parallel_map(make, range(len(work)), workers)


def wanted_files(prepared: Prepared, keys: dict[str, str]) -> set[str]:
    """Every file this build puts in the output, the search index aside."""
    wanted = set(keys) | set(prepared.files)
    if STATIC.is_dir():
        wanted.update(f"static/{name}" for name in files_under(STATIC))
    return wanted


def write_extras(
    prepared: Prepared, staging: Staging, kept: Kept, keys: dict[str, str]
) -> tuple[int, int]:
    """The static and content files; how many files are not pages, and how many of the
    content files were copied again."""
    made = 0
    if STATIC.is_dir():
        staging.copy_tree(STATIC, "static")
    for relative in prepared.files:
        source = prepared.content / relative
        keys[relative] = digest("content file", stamp(source))
        if not kept.take(relative, keys[relative]):
            staging.write(relative, source.read_bytes())
            made += 1
    return len(prepared.file_jobs) + len(prepared.files), made
