"""Read ``content/`` into the model, collecting every problem on the way.

:func:`read_document` turns one file's text into a document and is pure, so
tests need no disk. :func:`load_file` adds the disk, and :func:`load_all` reads a
whole content folder; :mod:`sitegen.assembly` puts the files of a run together into
a :class:`~sitegen.model.Site` and checks what only the whole set can show
(duplicate slugs, clashing names, drafts).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slugify import slugify

from sitegen.errors import Problem, Severity, display_path, one_line
from sitegen.fields import SiteFile
from sitegen.model import (
    COLLECTION_BY_NAME,
    COLLECTIONS,
    Collection,
    Document,
    SiteSettings,
    Source,
    is_slug,
)
from sitegen.parallel import parallel_map
from sitegen.parse import ReadIssue, decode, parse_document, parse_yaml
from sitegen.private import strip_private
from sitegen.schema import PLACEHOLDER, Context, FoundRef, front_matter_fields, validate_record
from sitegen.values import Invalid

SETTINGS_FILE = "site.yaml"
STARTER_TEXT = "This is example text from sitegen init"
"""Begins the note on every example ``sitegen init`` writes; check warns until it is gone."""
FILES_FOLDER = "files"
"""``content/files/``: documents and images, published as they are at ``/files/``."""


@dataclass
class LoadedFile:
    """One content file after reading: its document, or why there is none."""

    path: Path
    shown: str
    """The path as messages show it."""
    collection: Collection
    slug: str
    document: Document | None
    problems: list[Problem] = field(default_factory=list)
    refs: tuple[FoundRef, ...] = ()
    """The references of its front-matter, checked even when the file has errors."""
    stand_in: Document | None = None
    """When it has errors: its body, so that its links are checked too."""
    fingerprint: tuple[str, str] = ("", "")
    """Digests of what its front-matter says and of its body: what pages that show it
    depend on (comments and the order of lines aside)."""


def read_document(
    collection: Collection, slug: str, shown_path: str, text: str
) -> tuple[Document | None, list[Problem]]:
    """Parse and validate one file's text as an item of ``collection``."""
    read = read_in_full(collection, slug, shown_path, text)
    return read.document, read.problems


@dataclass(frozen=True)
class Read:
    """One file read: its document, or what can still be checked of it when it has errors."""

    document: Document | None
    problems: list[Problem]
    refs: tuple[FoundRef, ...] = ()
    """The references its front-matter makes, found even when other fields are wrong."""
    stand_in: Document | None = None
    """When its front-matter has errors: its body, so its links are checked too."""
    fingerprint: tuple[str, str] = ("", "")


def fingerprint(data: object, body: str, withheld: bool) -> tuple[str, str]:
    """Digests of a document's front-matter (as read, so comments do not count) and body."""
    meta = hashlib.blake2b(repr(data).encode("utf-8"), digest_size=16).hexdigest()
    shown = hashlib.blake2b(f"{withheld}\n{body}".encode(), digest_size=16).hexdigest()
    return meta, shown


def read_in_full(collection: Collection, slug: str, shown_path: str, text: str) -> Read:
    """:func:`read_document`, keeping what can still be checked when the file has errors."""
    problems: list[Problem] = []

    def report(issue: ReadIssue) -> None:
        problems.append(Problem(shown_path, issue.line, issue.field, issue.message))

    result = parse_document(text)
    for issue in result.issues:
        report(issue)
    if result.parsed is None:
        return Read(None, problems)
    parsed = result.parsed
    ctx = _context(shown_path, parsed.lines, problems)
    stripped = strip_private(parsed.body)
    if stripped.unclosed_line:
        problems.append(
            Problem(
                shown_path,
                parsed.body_line + stripped.unclosed_line - 1,
                "body",
                "a '::: private' block is never closed: add a line ':::' where the private "
                "text ends (until then everything after it is withheld)",
            )
        )
    starter = stripped.body.find(STARTER_TEXT)
    if starter >= 0:
        problems.append(
            Problem(
                shown_path,
                parsed.body_line + stripped.body.count("\n", 0, starter),
                "body",
                "is still the example that sitegen init wrote: replace it with your own "
                "text, or delete the file",
                Severity.WARNING,
            )
        )
    for number, line in enumerate(stripped.body.split("\n")):
        if line.lstrip().startswith(f"{PLACEHOLDER}:"):
            problems.append(
                Problem(
                    shown_path,
                    parsed.body_line + number,
                    "body",
                    "still holds placeholder text starting 'TODO:'; write the "
                    "real text or delete the line",
                )
            )
    source = Source(shown_path, parsed.lines, parsed.body_line)
    document = validate_record(
        collection.record,
        parsed.data,
        ctx,
        slug=slug,
        source=source,
        body=stripped.body,
        withheld=stripped.withheld,
    )
    refs = tuple(ctx.refs)
    if any(p.severity is Severity.ERROR for p in problems):
        stand_in = Document(slug=slug, source=source, body=stripped.body)
        return Read(None, problems, refs, stand_in)
    digests = fingerprint(parsed.data, stripped.body, stripped.withheld)
    return Read(document, problems, refs, fingerprint=digests)


def _context(shown_path: str, lines: Mapping[str, int], problems: list[Problem]) -> Context:
    def error(path: str, line: int, message: str) -> None:
        problems.append(Problem(shown_path, line, path, message))

    def warn(path: str, line: int, message: str) -> None:
        problems.append(Problem(shown_path, line, path, message, Severity.WARNING))

    return Context(error, warn, lines)


def load_file(path: Path, collection: Collection, shown: str | None = None) -> LoadedFile:
    """Read one file from disk; unsafe or unreadable files become problems."""
    shown = shown or display_path(path)
    slug = _slug_of(path)
    loaded = LoadedFile(path, shown, collection, slug, None)
    if not is_slug(slug):
        loaded.problems.append(
            Problem(
                shown,
                1,
                "",
                f"'{path.name}' is not a usable file name: use lower-case letters, digits and "
                f"hyphens, e.g. '{suggest_slug(slug)}.md'",
            )
        )
        return loaded
    if path.is_symlink():
        loaded.problems.append(
            Problem(shown, 0, "", "is a link to another file; copy the file into content/ instead")
        )
        return loaded
    try:
        raw = path.read_bytes()
    except OSError as err:
        loaded.problems.append(Problem(shown, 0, "", f"cannot be read: {err.strerror}"))
        return loaded
    text, issue = decode(raw)
    if text is None:
        assert issue is not None
        loaded.problems.append(Problem(shown, issue.line, "", issue.message))
        return loaded
    read = read_in_full(collection, slug, shown, text)
    loaded.document, loaded.problems = read.document, read.problems
    loaded.refs, loaded.stand_in = read.refs, read.stand_in
    loaded.fingerprint = read.fingerprint
    return loaded


def _slug_of(path: Path) -> str:
    return path.name[: -len(path.suffix)] if path.suffix else path.name


def suggest_slug(text: str) -> str:
    """A valid slug close to ``text``: accents dropped, other scripts transliterated
    (``café`` -> ``cafe``, ``about`` written with a Cyrillic a -> ``about``)."""
    suggestion = slugify(text.encode("utf-8", "replace").decode("utf-8"))
    return suggestion if is_slug(suggestion) else "name"


def is_content_file(path: Path) -> bool:
    return path.suffix.lower() == ".md" and not path.name.startswith(".")


def scan(content: Path) -> tuple[list[tuple[Path, Collection]], list[Problem]]:
    """Every content file under ``content`` with its collection, and layout problems."""
    problems: list[Problem] = []
    found: list[tuple[Path, Collection]] = []
    if not content.is_dir():
        problems.append(Problem(display_path(content), 0, "", "the content folder does not exist"))
        return found, problems
    for entry in sorted(content.iterdir()):
        if entry.name.startswith("."):
            continue
        collection = COLLECTION_BY_NAME.get(entry.name)
        if entry.is_dir() and collection is not None:
            for path in sorted(entry.iterdir(), key=_name):
                if path.name.startswith("."):
                    continue
                if is_content_file(path):
                    found.append((path, collection))
                else:
                    problems.append(_ignored(path, "only .md files in this folder are read"))
        elif entry.name == SETTINGS_FILE or (entry.name == FILES_FOLDER and entry.is_dir()):
            continue
        else:
            known = ", ".join(c.name for c in COLLECTIONS)
            problems.append(
                _ignored(
                    entry,
                    f"content/ holds {SETTINGS_FILE}, {FILES_FOLDER}/ and the folders {known}",
                )
            )
    return found, problems


def _name(path: Path) -> str:
    """The sort key of the files of one folder: their names (faster than comparing paths)."""
    return path.name


def _ignored(path: Path, why: str) -> Problem:
    return Problem(display_path(path), 0, "", f"is not read: {why}", Severity.WARNING)


def load_settings(content: Path) -> tuple[SiteSettings, list[Problem]]:
    """``content/site.yaml``, or the defaults when there is none."""
    path = content / SETTINGS_FILE
    if not path.exists():
        return SiteSettings(), []
    shown = display_path(path)
    problems: list[Problem] = []
    text, issue = decode(path.read_bytes())
    if text is None:
        assert issue is not None
        return SiteSettings(), [Problem(shown, issue.line, "", issue.message)]
    result = parse_yaml(text)
    problems.extend(Problem(shown, i.line, i.field, i.message) for i in result.issues)
    if result.parsed is None:
        return SiteSettings(), problems
    ctx = _context(shown, result.parsed.lines, problems)
    settings = validate_record(SiteSettings, result.parsed.data, ctx)
    problems += _missing_site_files(result.parsed.data, content, ctx)
    return settings or SiteSettings(), problems


def _missing_site_files(data: Mapping[str, Any], content: Path, ctx: Context) -> list[Problem]:
    """A setting that names a file under ``content/files/`` (the logo) which is not there,
    found even when other settings are wrong, so every problem is listed at once."""
    found: list[Problem] = []
    for name, field_spec in front_matter_fields(SiteSettings):
        if not isinstance(field_spec.type, SiteFile) or not isinstance(data.get(name), str):
            continue
        try:
            relative = field_spec.type.convert(data[name], ctx, name)
        except Invalid:
            continue  # already reported as it was validated
        path = content / relative
        if not path.is_file() or path.is_symlink():
            shown = display_path(content / SETTINGS_FILE)
            found.append(
                Problem(
                    shown,
                    ctx.line_of(name),
                    name,
                    f"'{relative}' is not a file in {display_path(content)}/{FILES_FOLDER}/: "
                    "put the file there, or correct the name",
                )
            )
    return found


KnownFiles = Callable[[Sequence[tuple[Path, str]]], list[LoadedFile | None]]
"""Given (path, shown path) of files, each as an earlier build read it, or None."""
"""What an earlier build read of a file, if the file has not changed since: by path and
the path messages show for it."""


def load_all(
    content: Path,
    workers: int = 1,
    known: KnownFiles | None = None,
    only: Iterable[str] | None = None,
) -> tuple[SiteSettings, list[LoadedFile], list[Problem]]:
    """Read the settings and every content file (of the collections named in ``only``),
    taking from ``known`` those an earlier build read and that have not changed."""
    settings, problems = load_settings(content)
    found, layout = scan(content)
    if only is not None:
        wanted = frozenset(only)
        found = [(path, collection) for path, collection in found if collection.name in wanted]
    problems.extend(layout)
    shown_root = display_path(content)
    named = [(path, f"{shown_root}/{collection.name}/{path.name}") for path, collection in found]
    files: list[LoadedFile | None] = known(named) if known is not None else [None] * len(named)
    missing = [
        (position, path, collection, shown)
        for position, ((path, collection), (_, shown), earlier) in enumerate(
            zip(found, named, files, strict=True)
        )
        if earlier is None
    ]

    def load(entry: tuple[int, Path, Collection, str]) -> LoadedFile:
        _, path, collection, shown = entry
        return load_file(path, collection, shown)

    for (position, *_), loaded in zip(missing, parallel_map(load, missing, workers), strict=True):
        files[position] = loaded
    return settings, [f for f in files if f is not None], problems


def published_files(content: Path) -> tuple[list[str], list[Problem]]:
    """The files under ``content/files/`` as site paths, and any that cannot be published."""
    folder = content / FILES_FOLDER
    found: list[str] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return found, problems
    depth = len(folder.parts)  # hidden means hidden within files/, whatever holds content/
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(content).as_posix()
        if path.is_symlink():
            problems.append(
                Problem(
                    display_path(path), 0, "", "is a link to another file; copy the file in instead"
                )
            )
        elif path.is_file() and not any(part.startswith(".") for part in path.parts[depth:]):
            bad = [part for part in path.parts[depth:] if one_line(part) != part]
            if not bad:
                found.append(relative)
                continue
            name = Path(bad[0])
            suffix = "".join(ch for ch in name.suffix.lower() if one_line(ch) == ch)
            problems.append(
                Problem(
                    display_path(path),
                    0,
                    "",
                    f"cannot be published: the name '{bad[0]}' holds a line break or another "
                    f"control character; rename it, e.g. '{suggest_slug(name.stem)}{suffix}'",
                )
            )
    return found, problems
