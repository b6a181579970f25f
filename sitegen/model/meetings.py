"""A meeting of a group: who came, what was decided, the actions agreed and the
progress recorded on earlier ones."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from sitegen.fields import (
    ActionRef,
    Choice,
    Date,
    DueDate,
    ListOf,
    Record,
    Ref,
    Text,
    Time,
)
from sitegen.model.base import ActionStatus, Document, MinutesStatus
from sitegen.schema import (
    spec,
)
from sitegen.values import Due, DueKind

# --------------------------------------------------------------------------- meetings


_NAMED_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-|$)")
"""A meeting's file name starts with its date: ``2021-11-08-allies-group``."""
_ACTION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


@lru_cache(maxsize=65536)
def decision_key(text: str) -> str:
    """A decision's lasting identity: eight hex digits from its words alone.

    Case, spacing and punctuation are left out, so correcting those keeps it; and it
    depends on nothing but the decision's own words, so adding, removing, reordering
    or editing the meeting's other decisions never changes it.
    """
    words = " ".join(re.findall(r"\w+", text.casefold()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True, kw_only=True)
class NextMeeting:
    date: dt.date = spec(Date(), "The date of the next meeting.", required=True)
    start: dt.time | None = spec(Time(), "Start time, HH:MM.")
    end: dt.time | None = spec(Time(), "End time, HH:MM.")
    location: str | None = spec(Text(), "online, or the place where it will meet, if it is known.")

    def field_problems(self) -> Iterator[tuple[str, str]]:
        if self.start and self.end and self.end <= self.start:
            yield "end", "ends before it starts"


@dataclass(frozen=True, kw_only=True)
class Action:
    id: str = spec(
        Text(), "A short id, unique within the meeting, e.g. a1.", required=True, example="a1"
    )
    text: str = spec(
        Text(), "What was agreed, in a sentence.", required=True, example="TODO: what will be done"
    )
    owners: tuple[str, ...] = spec(
        ListOf(Ref(("people", "groups")), non_empty=True),
        "Who is taking it on: people or groups (e.g. allies-group).",
        required=True,
        example=["TODO-person"],
    )
    due: Due | None = spec(
        DueDate(),
        "A date, a month (2022-02: its last day), asap, ongoing or next-meeting.",
        example="asap",
    )
    due_note: str | None = spec(
        Text(), "Words to show beside the deadline, if any.", example="with the meeting notes"
    )
    status: ActionStatus = spec(
        Choice(ActionStatus),
        "open (the default), in-progress, done or dropped.",
        default=ActionStatus.OPEN,
        example="open",
    )

    def field_problems(self) -> Iterator[tuple[str, str]]:
        if not _ACTION_ID.fullmatch(self.id):
            yield "id", f"'{self.id}' must be letters, digits and hyphens only, e.g. a1"


@dataclass(frozen=True, kw_only=True)
class ActionUpdate:
    action: str = spec(
        ActionRef(),
        "The action: <meeting file name>#<action id>.",
        required=True,
        example="2021-11-08-allies-group#a1",
    )
    status: ActionStatus = spec(
        Choice(ActionStatus),
        "The action's status as of this meeting.",
        required=True,
        example="in-progress",
    )
    note: str | None = spec(Text(), "What happened.", example="A first draft was shared.")


@dataclass(frozen=True, kw_only=True)
class Meeting(Document):
    group: str = spec(
        Ref(("groups",)),
        "The group that met (a file in groups/).",
        required=True,
        example="TODO-group",
    )
    date: dt.date = spec(Date(), "The day of the meeting, YYYY-MM-DD.", required=True)
    title: str | None = spec(Text(), "Defaults to '<group name> meeting'.")
    start: dt.time | None = spec(Time(), "Start time, HH:MM.")
    end: dt.time | None = spec(Time(), "End time, HH:MM.")
    location: str | None = spec(Text(), "online, or the place where it met.")
    chair: str | None = spec(Ref(("people",)), "Who chaired (a file in people/).")
    present: tuple[str, ...] = spec(ListOf(Ref(("people",))), "People present.", default=())
    apologies: tuple[str, ...] = spec(
        ListOf(Ref(("people",))), "People who sent apologies.", default=()
    )
    in_attendance: tuple[str, ...] = spec(
        ListOf(Ref(("people",))), "People attending who are not members.", default=()
    )
    summary: str = spec(
        Text(),
        "One or two sentences on what the meeting did.",
        required=True,
        example="TODO: what the meeting discussed and decided",
    )
    projects: tuple[str, ...] = spec(ListOf(Ref(("projects",))), "Projects discussed.", default=())
    decisions: tuple[str, ...] = spec(ListOf(Text()), "What was decided, one per line.", default=())
    next_meeting: NextMeeting | None = spec(Record(NextMeeting), "When the group meets next.")
    actions: tuple[Action, ...] = spec(ListOf(Record(Action)), "Actions agreed.", default=())
    action_updates: tuple[ActionUpdate, ...] = spec(
        ListOf(Record(ActionUpdate)), "Progress on actions of earlier meetings.", default=()
    )
    minutes: MinutesStatus | None = spec(
        Choice(MinutesStatus),
        "draft (to be agreed at a later meeting) or approved (agreed by the group); leave it "
        "out when it is not known.",
    )
    approved_at: str | None = spec(
        Ref(("meetings",)),
        "With minutes: approved, the later meeting of the same group that agreed them "
        "(a file in meetings/).",
    )

    @property
    def own_date(self) -> dt.date | None:
        return self.date

    def field_problems(self) -> Iterator[tuple[str, str]]:
        named = _NAMED_DATE.match(self.slug)
        if named and named.group(1) != self.date.isoformat():
            yield (
                "date",
                f"is {self.date.isoformat()}, but the file name says {named.group(1)}; make them "
                "the same (fix the date, or rename the file)",
            )
        if self.start and self.end and self.end <= self.start:
            yield "end", "ends before it starts"
        if self.approved_at and self.minutes is not MinutesStatus.APPROVED:
            yield (
                "approved_at",
                "is set, but minutes is not 'approved': write minutes: approved, or remove "
                "approved_at",
            )
        if self.approved_at == self.slug:
            yield (
                "approved_at",
                "is this meeting itself: minutes are agreed at a later meeting of the group",
            )
        if self.next_meeting and self.next_meeting.date <= self.date:
            yield "next_meeting.date", "must be after the meeting's own date"
        seen: dict[str, int] = {}
        for index, action in enumerate(self.actions, start=1):
            if action.id in seen:
                yield (
                    f"actions[{index}].id",
                    (
                        f"'{action.id}' is used twice (also by action {seen[action.id]}); "
                        "each action needs its own id"
                    ),
                )
            seen.setdefault(action.id, index)
            if action.due and action.due.kind is DueKind.NEXT_MEETING and not self.next_meeting:
                yield (
                    f"actions[{index}].due",
                    ("is next-meeting, but the meeting has no next_meeting date"),
                )
        keys: dict[str, int] = {}
        for index, decision in enumerate(self.decisions, start=1):
            key = decision_key(decision)
            if key in keys:
                yield (
                    f"decisions[{index}]",
                    f"says the same as decision {keys[key]}; record each decision once",
                )
            keys.setdefault(key, index)
        for name in ("present", "apologies", "in_attendance"):
            others = [n for n in ("present", "apologies", "in_attendance") if n != name]
            for index, slug in enumerate(getattr(self, name), start=1):
                for other in others:
                    if slug in getattr(self, other) and name < other:
                        yield f"{name}[{index}]", f"'{slug}' is listed in both {name} and {other}"
