"""Check that every reference between files points at something that is there.

A reference is a slug. An unknown one is an error that suggests the nearest
known slug (or the slug of a person or group whose *name* was written). A
reference to a draft is an error in a public build, since the page it would
link to is not published. References to files that exist but have their own
errors are left alone: those files' messages already say what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import chain

from sitegen.errors import Problem, did_you_mean
from sitegen.fields import ACTIONS
from sitegen.model import COLLECTIONS, Site
from sitegen.schema import FoundRef

_KIND_NAMES = {collection.name: collection.singular for collection in COLLECTIONS}


@dataclass(frozen=True)
class Resolver:
    """Answers "is this slug there?" for the collections of one site."""

    site: Site
    existing: frozenset[tuple[str, str]]
    """Every (collection, slug) on disk, including drafts and broken files."""

    @cached_property
    def drafts(self) -> frozenset[tuple[str, str]]:
        return frozenset((left.collection, left.slug) for left in self.site.left_out)

    def check(self, slug: str, collections: tuple[str, ...]) -> str | None:
        """What is wrong with a reference to ``slug``, or ``None`` when nothing is."""
        if any(slug in self.site.collection(name) for name in collections):
            return None
        if any((name, slug) in self.drafts for name in collections):
            message = (
                f"'{slug}' is a draft, so it is not published; publish it or remove this reference"
            )
        elif any((name, slug) in self.existing for name in collections):
            return None  # the file exists but has errors of its own, reported there
        else:
            what = " or ".join(_KIND_NAMES.get(name, name) for name in collections)
            message = f"unknown {what} '{slug}'{self._suggest(slug, collections)}"
        return message

    def _suggest(self, slug: str, collections: tuple[str, ...]) -> str:
        candidates: dict[str, str] = {}
        for name in collections:
            for known, document in self.site.collection(name).items():
                candidates[known] = known
                label = getattr(document, "name", None) or getattr(document, "title", None)
                if isinstance(label, str):
                    candidates[label.lower()] = known
        hint = did_you_mean(slug.lower(), candidates)
        if not hint:
            return ""
        matched = hint.split("'")[1]
        return f"; did you mean '{candidates[matched]}'?"


def check_references(
    site: Site,
    existing: frozenset[tuple[str, str]],
    broken: Iterable[tuple[str, tuple[FoundRef, ...]]] = (),
) -> list[Problem]:
    """Every reference of the site that does not resolve.

    ``broken`` holds the files that have errors of their own, with the references
    their front-matter makes: those are checked too, so that one mistake in a file
    never hides another.
    """
    resolver = Resolver(site, existing)
    people, groups, projects = set(site.people), set(site.groups), set(site.projects)
    known: dict[tuple[str, ...], set[str]] = {
        ("people",): people,
        ("groups",): groups,
        ("projects",): projects,
        ("meetings",): set(site.meetings),
        ("people", "groups"): people | groups,
        ACTIONS: {f"{m.slug}#{a.id}" for m in site.meetings.values() for a in m.actions},
    }
    problems: list[Problem] = []
    found: Iterator[tuple[str, tuple[FoundRef, ...]]] = (
        (document.source.path, document.refs) for _, document in site.documents()
    )
    for path, refs in chain(found, broken):
        # The preview runs this on every save: the common case, every reference known,
        # costs one set lookup per reference.
        for field_path, line, slug, collections in refs:
            if slug in known[collections]:
                continue
            if collections == ACTIONS:
                message = _missing_action(site, existing, slug)
            else:
                message = resolver.check(slug, collections)
            if message is not None:
                problems.append(Problem(path, line, field_path, message))
    problems.extend(_check_update_order(site))
    return problems


def _missing_action(site: Site, existing: frozenset[tuple[str, str]], ref: str) -> str | None:
    """Why an action reference (``meeting#id``) points at nothing, or ``None`` to stay quiet."""
    target_slug, _, action_id = ref.partition("#")
    target = site.meetings.get(target_slug)
    if target is None:
        if ("meetings", target_slug) in existing:
            return None  # the meeting's file has errors of its own
        return f"unknown meeting '{target_slug}'{did_you_mean(target_slug, site.meetings)}"
    ids = [action.id for action in target.actions]
    hint = did_you_mean(action_id, ids)
    listed = ", ".join(ids) if ids else "none"
    return f"meeting '{target.slug}' has no action '{action_id}' (its actions: {listed}){hint}"


def _check_update_order(site: Site) -> Iterator[Problem]:
    """An update comes from a later meeting than the one that agreed the action."""
    for meeting in site.meetings.values():
        for index, update in enumerate(meeting.action_updates, start=1):
            target = site.meetings.get(update.action.partition("#")[0])
            if target is None or meeting.date > target.date:
                continue
            if target.slug == meeting.slug:
                message = "a meeting cannot update its own action; set the action's status instead"
            else:
                message = (
                    f"this meeting ({meeting.date.isoformat()}) is before the meeting that agreed "
                    f"the action ({target.date.isoformat()}); an update must come later"
                )
            field_path = f"action_updates[{index}].action"
            yield Problem(meeting.source.path, meeting.source.line(field_path), field_path, message)
