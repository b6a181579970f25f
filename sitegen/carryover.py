"""What a new meeting carries over from its group's record.

``sitegen new meeting`` starts a group's meeting from what the site already knows:
who its members are, what its last meeting planned for this one, and which of its
actions are still open or in progress. The content folder is read through the
loader and the actions are worked out by the tracker, exactly as the site does, so
the new file shows the statuses and flags the published tracker shows, as of the
new meeting's date, counting only the meetings held before it.

A content folder with errors does not stop it. Only published documents are used
(the new file could not refer to a draft); a file with errors is left out, and the
record says which ones (:attr:`GroupRecord.unreadable`), so the new file can say
what it could not list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from sitegen.assembly import assemble
from sitegen.config import site_timezone
from sitegen.loader import load_all
from sitegen.model import Meeting, NextMeeting, Site
from sitegen.tracker import (
    CLOSED_STATUSES,
    TrackedAction,
    oldest_first,
    track_meeting,
    updates_by_action,
)

READ = ("groups", "people", "meetings")
"""The collections a meeting's record is made of."""
CHAIR_ROLE = re.compile(r"^\s*chair(?:person)?\s*$", re.IGNORECASE)
"""A member's role that makes them the group's chair."""


@dataclass(frozen=True)
class Known:
    """The content folder as read: what loaded, and every file on disk."""

    site: Site
    """Published documents without errors."""
    on_disk: Mapping[tuple[str, str], str]
    """Every (collection, slug) on disk, drafts and files with errors included, with the
    path messages show for it."""
    broken_meetings: Mapping[str, str]
    """Meetings whose files have errors: the group each names, by shown path."""
    zone: ZoneInfo

    @property
    def groups(self) -> list[str]:
        """Every group on disk, by file name."""
        return sorted(slug for collection, slug in self.on_disk if collection == "groups")

    def today(self) -> dt.date:
        """Today where the site is."""
        return dt.datetime.now(self.zone).date()

    def name_of(self, slug: str) -> str | None:
        """The name of a person or group, when its file loaded."""
        found = self.site.people.get(slug) or self.site.groups.get(slug)
        return found.name if found else None

    def why_unusable(self, collection: str, slug: str) -> str:
        """Why a published file may not refer to ``slug``: a draft, errors, or no file."""
        shown = self.on_disk.get((collection, slug))
        if shown is None:
            return f"there is no {collection}/{slug}.md"
        if any(left.path == shown for left in self.site.left_out):
            return f"{shown} is a draft"
        return f"{shown} has errors ('sitegen check' lists them)"


def read_content(content: Path) -> Known:
    """Read ``content`` through the loader; problems are left to ``sitegen check``."""
    settings, files, _ = load_all(content, workers=0, only=READ)
    site, _, on_disk = assemble(settings, files, drafts=False)
    broken = {
        loaded.shown: group
        for loaded in files
        if loaded.collection.name == "meetings" and loaded.document is None
        for path, _, group, _ in loaded.refs
        if path == "group"
    }
    zone, _ = site_timezone(settings)
    return Known(site, on_disk, broken, zone)


@dataclass(frozen=True)
class Member:
    slug: str
    role: str | None
    name: str | None
    """None when the new file cannot refer to them (:attr:`why_not` says why)."""
    why_not: str | None = None


@dataclass(frozen=True)
class GroupRecord:
    """What a meeting of a group on a given day starts from."""

    group: str
    name: str
    path: str
    """The group's file as messages show it."""
    day: dt.date
    readable: bool
    """False when the group's own file has errors: its members are then unknown."""
    members: tuple[Member, ...]
    chair: str | None
    """Who probably chairs: the one member whose role is Chair, or else whoever chaired
    the previous meeting."""
    chair_is_role: bool
    """True when :attr:`chair` comes from the members' roles."""
    previous: Meeting | None
    """The group's latest meeting before ``day``."""
    outstanding: tuple[TrackedAction, ...]
    """The group's actions still open or in progress on ``day``, oldest first, with their
    status and flags as of ``day``."""
    unreadable: tuple[str, ...]
    """The group's meeting files that have errors: their actions are not known."""
    stale_after_months: int

    @property
    def plan(self) -> NextMeeting | None:
        """The previous meeting's plan for this one, when it is for ``day``."""
        previous = self.previous
        if previous is None or previous.next_meeting is None:
            return None
        return previous.next_meeting if previous.next_meeting.date == self.day else None


def planned_next(known: Known, group: str) -> Meeting | None:
    """The group's latest meeting, when it planned a next one."""
    held = [m for m in known.site.meetings.values() if m.group == group]
    latest = oldest_first(held)[-1] if held else None
    return latest if latest is not None and latest.next_meeting is not None else None


def group_record(known: Known, group: str, day: dt.date) -> GroupRecord:
    """The group's record as it stands on ``day``, counting the meetings held before it."""
    site = known.site
    before = {slug: m for slug, m in site.meetings.items() if m.date < day}
    updates = updates_by_action(before)
    held = oldest_first(m for m in before.values() if m.group == group)
    stale_after = site.settings.stale_after_months
    outstanding = tuple(
        tracked
        for meeting in held
        for tracked in track_meeting(meeting, updates, day, stale_after)
        if tracked.status not in CLOSED_STATUSES
    )
    document = site.groups.get(group)
    members = tuple(
        Member(m.person, m.role, known.name_of(m.person))
        if m.person in site.people
        else Member(m.person, m.role, None, known.why_unusable("people", m.person))
        for m in (document.members if document else ())
    )
    chairs = [m.slug for m in members if m.role and CHAIR_ROLE.match(m.role) and m.name]
    unreadable = tuple(sorted(path for path, g in known.broken_meetings.items() if g == group))
    previous = held[-1] if held else None
    chair = chairs[0] if len(chairs) == 1 else None
    if chair is None and previous is not None and previous.chair in site.people:
        chair = previous.chair
    return GroupRecord(
        group=group,
        name=document.name if document else group,
        path=known.on_disk[("groups", group)],
        day=day,
        readable=document is not None,
        members=members,
        chair=chair,
        chair_is_role=len(chairs) == 1,
        previous=previous,
        outstanding=outstanding,
        unreadable=unreadable,
        stale_after_months=stale_after,
    )
