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
    problems: list[Problem] = []
    for document, field_path, slug, collections in _references(site):
        problem = resolver.check(document, field_path, slug, collections)
        if problem is not None:
            problems.append(problem)
    problems.extend(_check_action_updates(site, existing))
    return problems


def _references(site: Site) -> Iterator[tuple[Document, str, str, tuple[str, ...]]]:
    people, groups, owners = ("people",), ("groups",), ("people", "groups")
    for meeting in site.meetings.values():
        yield meeting, "group", meeting.group, groups
        if meeting.chair:
            yield meeting, "chair", meeting.chair, people
        for name in ("present", "apologies", "in_attendance"):
            for index, slug in enumerate(getattr(meeting, name), start=1):
                yield meeting, f"{name}[{index}]", slug, people
        for index, slug in enumerate(meeting.projects, start=1):
            yield meeting, f"projects[{index}]", slug, ("projects",)
        for index, action in enumerate(meeting.actions, start=1):
            for owner_index, slug in enumerate(action.owners, start=1):
                yield meeting, f"actions[{index}].owners[{owner_index}]", slug, owners
    for group in site.groups.values():
        for index, member in enumerate(group.members, start=1):
            yield group, f"members[{index}].person", member.person, people
    for opportunity in site.opportunities.values():
        if opportunity.project:
            yield opportunity, "project", opportunity.project, ("projects",)


def _check_action_updates(site: Site, existing: frozenset[tuple[str, str]]) -> Iterator[Problem]:
    for meeting in site.meetings.values():
        for index, update in enumerate(meeting.action_updates, start=1):
            field_path = f"action_updates[{index}].action"
            line = meeting.source.line(field_path)
            target_slug, _, action_id = update.action.partition("#")
            target = site.meetings.get(target_slug)
            if target is None:
                if ("meetings", target_slug) in existing:
                    continue
                hint = did_you_mean(target_slug, site.meetings)
                yield Problem(
                    meeting.source.path, line, field_path, f"unknown meeting '{target_slug}'{hint}"
                )
                continue
            message = _update_problem(meeting, target, action_id)
            if message:
                yield Problem(meeting.source.path, line, field_path, message)


def _update_problem(meeting: Meeting, target: Meeting, action_id: str) -> str:
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
