"""The site put together from the files read: one document per name, drafts left out
unless asked for, names that clash, and each file's dates from git."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sitegen.errors import Problem, Severity, display_path
from sitegen.gitdates import git_dates
from sitegen.loader import SETTINGS_FILE, LoadedFile
from sitegen.model import COLLECTIONS, Document, LeftOut, Site, SiteSettings


def assemble(
    settings: SiteSettings, files: Iterable[LoadedFile], *, drafts: bool
) -> tuple[Site, list[Problem], Mapping[tuple[str, str], str]]:
    """Put the read files together; drafts are dropped unless ``drafts``.

    Returns the site, the problems of the whole set, and every
    ``(collection, slug)`` that exists on disk with the path messages show for
    it, broken files and drafts included, so reference checks can tell
    "unknown" from "broken" or "draft".
    """
    problems: list[Problem] = []
    items: dict[str, dict[str, Document]] = {c.name: {} for c in COLLECTIONS}
    first_path: dict[tuple[str, str], str] = {}
    left_out: list[LeftOut] = []
    for loaded in sorted(files, key=lambda f: f.shown):
        problems.extend(loaded.problems)
        key = (loaded.collection.name, loaded.slug)
        shown = loaded.shown
        if key in first_path:
            problems.append(
                Problem(shown, 0, "", f"has the same name '{loaded.slug}' as {first_path[key]}")
            )
            continue
        first_path[key] = shown
        document = loaded.document
        if document is None:
            continue
        if document.is_draft and not drafts:
            left_out.append(LeftOut(shown, *key, "draft (visibility: draft)"))
            continue
        items[loaded.collection.name][loaded.slug] = document
    problems.extend(_name_clashes(first_path))
    site = Site(
        settings=settings,
        left_out=tuple(left_out),
        **{name: _sorted(docs) for name, docs in items.items()},
    )
    return site, problems, first_path


def with_git_dates(
    site: Site, content: Path, zone: ZoneInfo, today: dt.date
) -> tuple[Site, list[Problem]]:
    """The site with each file's dates from git, when ``dates_from_git`` asks for them.

    Outside a git repository there are none, and nothing to say; a history that is
    there but cannot be trusted (a shallow clone) is a warning.
    """
    if not site.settings.dates_from_git:
        return site, []
    found = git_dates(content, zone, today)
    problems = []
    if found.problem:
        settings = display_path(content / SETTINGS_FILE)
        problems.append(Problem(settings, 0, "dates_from_git", found.problem, Severity.WARNING))
    shown = display_path(content)  # documents' source paths start with it (see load_all)
    versions = {f"{shown}/{relative}": dates for relative, dates in found.dates.items()}
    return replace(site, versions=versions), problems


def _sorted(documents: dict[str, Document]) -> dict[str, Any]:
    return dict(sorted(documents.items()))


def _name_clashes(first_path: Mapping[tuple[str, str], str]) -> Iterable[Problem]:
    for (collection, slug), shown in sorted(first_path.items()):
        if collection == "groups" and ("people", slug) in first_path:
            yield Problem(
                shown,
                0,
                "",
                f"a group and a person are both called '{slug}' "
                f"(see {first_path[('people', slug)]}); rename one so owners are unambiguous",
            )
