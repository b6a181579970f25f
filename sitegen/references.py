"""Check that every reference between files points at something that is there.

A reference is a slug. An unknown one is an error that suggests the nearest
known slug (or the slug of a person or group whose *name* was written). A
reference to a draft is an error in a public build, since the page it would
link to is not published. References to files that exist but have their own
errors are left alone: those files' messages already say what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from sitegen.errors import Problem, did_you_mean
from sitegen.model import Document, Meeting, Site

_KIND_NAMES = {"people": "person", "groups": "group", "projects": "project", "meetings": "meeting"}


@dataclass(frozen=True)
class Resolver:
    """Answers "is this slug there?" for the collections of one site."""

    site: Site
    existing: frozenset[tuple[str, str]]
    """Every (collection, slug) on disk, including drafts and broken files."""

    @cached_property
    def drafts(self) -> frozenset[tuple[str, str]]:
        return frozenset((left.collection, left.slug) for left in self.site.left_out)

    def check(
        self, document: Document, field_path: str, slug: str, collections: tuple[str, ...]
    ) -> Problem | None:
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
        line = document.source.line(field_path)
        return Problem(document.source.path, line, field_path, message)

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


def check_references(site: Site, existing: frozenset[tuple[str, str]]) -> list[Problem]:
    """Every reference of the site that does not resolve."""
    resolver = Resolver(site, existing)
    people, groups, projects = set(site.people), set(site.groups), set(site.projects)
    known: dict[tuple[str, ...], set[str]] = {
        ("people",): people,
        ("groups",): groups,
        ("projects",): projects,
        ("people", "groups"): people | groups,
    }
    problems: list[Problem] = []
    # The preview runs this on every save, so the common case (every reference of a
    # document known) is found with set operations, and the slow path only runs on a miss.
    for document, references in _references(site, people, groups, projects):
        for slug, collections, where in references:
            if slug in known[collections]:
                continue
            problem = resolver.check(document, _field_path(where), slug, collections)
            if problem is not None:
                problems.append(problem)
    problems.extend(_check_action_updates(site, existing))
    return problems


FieldWhere = tuple[str | int, ...]
"""A field path in parts, e.g. ``("actions", 2, "owners", 1)``; formatted only when needed."""
Reference = tuple[str, tuple[str, ...], FieldWhere]


def _field_path(where: FieldWhere) -> str:
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _all_known(meeting: Meeting, people: set[str], groups: set[str], projects: set[str]) -> bool:
    return (
        meeting.group in groups
        and (meeting.chair is None or meeting.chair in people)
        and people.issuperset(meeting.present)
        and people.issuperset(meeting.apologies)
        and people.issuperset(meeting.in_attendance)
        and projects.issuperset(meeting.projects)
        and all(o in people or o in groups for a in meeting.actions for o in a.owners)
    )


def _references(
    site: Site, known_people: set[str], known_groups: set[str], known_projects: set[str]
) -> Iterator[tuple[Document, list[Reference]]]:
    """Each document's references, listed in full only for documents with an unknown one."""
    people, groups, owners = ("people",), ("groups",), ("people", "groups")
    slugs = known_people
    for meeting in site.meetings.values():
        if _all_known(meeting, known_people, known_groups, known_projects):
            continue
        found: list[Reference] = [(meeting.group, groups, ("group",))]
        if meeting.chair:
            found.append((meeting.chair, people, ("chair",)))
        for name in ("present", "apologies", "in_attendance"):
            listed = getattr(meeting, name)
            if listed and not slugs.issuperset(listed):
                found += [(s, people, (name, i)) for i, s in enumerate(listed, start=1)]
        found += [(s, ("projects",), ("projects", i)) for i, s in enumerate(meeting.projects, 1)]
        for index, action in enumerate(meeting.actions, start=1):
            found += [
                (slug, owners, ("actions", index, "owners", owner_index))
                for owner_index, slug in enumerate(action.owners, start=1)
            ]
        yield meeting, found
    for group in site.groups.values():
        yield (
            group,
            [
                (member.person, people, ("members", index, "person"))
                for index, member in enumerate(group.members, start=1)
            ],
        )
    for opportunity in site.opportunities.values():
        if opportunity.project:
            yield opportunity, [(opportunity.project, ("projects",), ("project",))]


def _check_action_updates(site: Site, existing: frozenset[tuple[str, str]]) -> Iterator[Problem]:
    for meeting in site.meetings.values():
        for index, update in enumerate(meeting.action_updates, start=1):
            target_slug, _, action_id = update.action.partition("#")
            target = site.meetings.get(target_slug)
            if target is None:
                if ("meetings", target_slug) in existing:
                    continue
                message = (
                    f"unknown meeting '{target_slug}'{did_you_mean(target_slug, site.meetings)}"
                )
            else:
                message = _update_problem(meeting, target, action_id)
            if message:
                field_path = f"action_updates[{index}].action"
                line = meeting.source.line(field_path)
                yield Problem(meeting.source.path, line, field_path, message)


def _update_problem(meeting: Meeting, target: Meeting, action_id: str) -> str:
    if meeting.date > target.date and any(a.id == action_id for a in target.actions):
        return ""  # the common case
    ids = [action.id for action in target.actions]
    if action_id not in ids:
        hint = did_you_mean(action_id, ids)
        listed = ", ".join(ids) if ids else "none"
        return f"meeting '{target.slug}' has no action '{action_id}' (its actions: {listed}){hint}"
    if target.slug == meeting.slug:
        return "a meeting cannot update its own action; set the action's status instead"
    if meeting.date < target.date:
        return (
            f"this meeting ({meeting.date.isoformat()}) is before the meeting that agreed the "
            f"action ({target.date.isoformat()}); an update must come later"
        )
    return ""
