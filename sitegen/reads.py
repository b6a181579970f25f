"""What a page reads: the keys that say which content an output is made from.

A key names one document's front-matter and its dates from git (``meetings/<slug>``),
its body (``meetings/<slug>:body``), or every front-matter of a collection
(``meetings/*``, which also says which files exist). A page that declares
what it reads is made again only when one of those changes; what every page
shows (the settings, the footer, the build date) is not declared here.
"""

from __future__ import annotations

from sitegen.index import SiteIndex
from sitegen.tracker import TrackedAction

EVERYTHING = "*"
"""Every front-matter of the site: what a page that lists every page reads."""


def doc(collection: str, slug: str) -> str:
    """The front-matter of one document, and what the git history says of its file
    (with ``dates_from_git``: the days it was first committed and last changed)."""
    return f"{collection}/{slug}"


def body_of(collection: str, slug: str) -> str:
    """The body of one document (what its own page shows below the facts)."""
    return f"{collection}/{slug}:body"


def own(collection: str, slug: str) -> frozenset[str]:
    """What an item's own page shows of it: its front-matter (and dates) and its body."""
    return frozenset({doc(collection, slug), body_of(collection, slug)})


def all_of(collection: str) -> str:
    """Every front-matter of a collection, and which of its files exist."""
    return f"{collection}/*"


def meeting_reads(index: SiteIndex, slug: str) -> frozenset[str]:
    """A meeting as a link shows it: its title is its group's name unless it has its own."""

    def make() -> frozenset[str]:
        meeting = index.site.meetings.get(slug)
        found = {doc("meetings", slug)}
        if meeting is not None:
            found.add(doc("groups", meeting.group))
        return frozenset(found)

    return index.memo("meeting reads", slug, make)


def action_reads(index: SiteIndex, tracked: TrackedAction) -> frozenset[str]:
    """An action as a row shows it: every meeting of its history, its owners and group."""

    def make() -> frozenset[str]:
        found = {doc("groups", tracked.meeting.group)}
        for entry in tracked.history:
            found.add(doc("meetings", entry.meeting.slug))
            found.add(doc("groups", entry.meeting.group))
        for slug in tracked.action.owners:
            found.add(doc("people", slug))
            found.add(doc("groups", slug))
        return frozenset(found)

    return index.memo("action reads", tracked.ref, make)


def group_reads(index: SiteIndex, group: str) -> frozenset[str]:
    """A group's name, and every meeting of it (its plans and what became of them)."""

    def make() -> frozenset[str]:
        found = {doc("groups", group)}
        found.update(doc("meetings", m.slug) for m in index.meetings_by_group.get(group, ()))
        return frozenset(found)

    return index.memo("group reads", group, make)
