"""The front-matter of a new meeting, written from its group's record.

:mod:`sitegen.carryover` works out what a meeting starts from; this module says it in
the file, the way an editor reads it: each member under ``present`` with their name in
a comment, each action still open or in progress as a commented-out update with its
text, owners, due date, status and flags, and the notes ``sitegen new`` prints.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitegen.carryover import GroupRecord, Known
from sitegen.model import ActionStatus
from sitegen.tracker import TrackedAction
from sitegen.values import DueKind, long_date, plural

STATUS_WORDS = ", ".join(s.value for s in ActionStatus)
"""The words an update's status may be, as an editor writes them."""
WIDTH = 92
"""Comments are wrapped to this many characters."""


@dataclass(frozen=True)
class Written:
    """A field's lines as the new file has them, in place of its example."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Commented:
    """A field's value, with a comment on the same line saying where it came from."""

    value: Any
    comment: str


def record_notes(record: GroupRecord, known: Known) -> Iterator[str]:
    """What ``sitegen new`` tells the editor about the file: what it lists, and what not."""
    listed = [m for m in record.members if m.name]
    if not record.readable:
        yield (
            f"present is empty: {known.why_unusable('groups', record.group)}, so the "
            "group's members are not known."
        )
    elif listed:
        yield (
            f"present lists the {plural(len(listed), 'member')} of the {record.name}: delete "
            "anyone who did not come, and move anyone who sent apologies to apologies."
        )
    for member in record.members:
        if member.why_not:
            yield f"Not in present: {member.slug}, because {member.why_not}."
    if record.outstanding:
        late = sum(1 for t in record.outstanding if t.is_overdue)
        yield (
            f"action_updates holds the group's {plural(len(record.outstanding), 'action')} "
            f"still open or in progress{f' ({late} overdue)' if late else ''}, commented out: "
            "uncomment each one the meeting discussed and set its status."
        )
    if record.unreadable:
        yield (
            f"Not read, because they have errors ('sitegen check' lists them): "
            f"{', '.join(record.unreadable)}; their actions are not in action_updates."
        )
    previous = record.previous
    plan = previous.next_meeting if previous else None
    if previous is not None and plan is not None and record.plan is None:
        yield (
            f"The meeting of {long_date(previous.date)} planned the next one for "
            f"{long_date(plan.date)}, not {long_date(record.day)}: the times and place are "
            "left for you to fill in."
        )


def meeting_values(record: GroupRecord, known: Known) -> dict[str, Any]:
    """The fields a new meeting fills in from the record, by name; the others keep their
    examples."""
    values: dict[str, Any] = {"group": record.group, "date": record.day}
    plan, previous = record.plan, record.previous
    if plan is not None and previous is not None:
        since = f"as planned at the meeting of {long_date(previous.date)}"
        values["date"] = Commented(record.day, since)
        for name in ("start", "end", "location"):
            value = getattr(plan, name)
            if value is not None:
                values[name] = Commented(value, since)
    if record.chair:
        why = "the group's Chair" if record.chair_is_role else "chaired the last meeting"
        chair = known.name_of(record.chair)
        values["chair"] = Commented(
            record.chair, f"{chair}, {why}; change it if someone else chaired"
        )
    values["present"] = Written(tuple(_present_lines(record, known)))
    values["apologies"] = Written(
        (
            "# Move here, from present, the whole line of each member who sent apologies.",
            "apologies:",
        )
    )
    values["in_attendance"] = Written(tuple(_attendance_lines(record, known)))
    if record.outstanding:
        values["action_updates"] = Written(tuple(_update_lines(record, known)))
    return values


def _present_lines(record: GroupRecord, known: Known) -> Iterator[str]:
    if not record.readable or not record.members:
        why = (
            f"{known.why_unusable('groups', record.group)}, so its members are not listed"
            if not record.readable
            else f"{record.path} lists no members"
        )
        yield from comment(f"{why}. Add each person present as a line '  - file-name  # Name'.")
        yield "present:"
        return
    yield from comment(
        f"The members of the {record.name}, from {record.path}. Delete anyone who did not "
        "come; move anyone who sent apologies to apologies, below (the whole line)."
    )
    yield "present:"
    for member in record.members:
        role = f" ({member.role})" if member.role and member.role != "Member" else ""
        if member.name:
            yield f"  - {member.slug}  # {member.name}{role}"
        else:
            yield f"  # - {member.slug}  # not listed: {member.why_not}"


def _attendance_lines(record: GroupRecord, known: Known) -> Iterator[str]:
    yield from comment(
        "Add each as a line '  - file-name  # Name', the file name in people/ without .md."
    )
    previous = record.previous
    earlier = [s for s in previous.in_attendance if s in known.site.people] if previous else []
    if previous is not None and earlier:
        yield f"# In attendance at the meeting of {long_date(previous.date)}:"
    yield "in_attendance:"
    for slug in earlier:
        yield f"  # - {slug}  # {known.name_of(slug)}"


def _update_lines(record: GroupRecord, known: Known) -> Iterator[str]:
    count = plural(len(record.outstanding), "action")
    yield from comment(
        f"The {record.name}'s {count} still open or in progress on {long_date(record.day)}, "
        "one entry each. To record progress on one, delete the '# ' at the start of its "
        f"three lines (- action, status, note), set status to one of: {STATUS_WORDS}, and "
        "say in note what happened. Leave the others as they are."
    )
    yield "action_updates:"
    for tracked in record.outstanding:
        agreed = f"{tracked.action.id}, agreed on {long_date(tracked.meeting.date)}"
        text = " ".join(tracked.action.text.split())
        yield ""
        yield from comment(f'{agreed}: "{text}"', "  ", "    ")
        for fact in _facts(tracked, known):
            yield from comment(fact, "  ", "    ", hang_first=True)
        yield f"  # - action: {tracked.ref}"
        yield f"  #   status: {tracked.status.value}"
        yield '  #   note: "TODO: what happened"'


def _facts(tracked: TrackedAction, known: Known) -> Iterator[str]:
    """An action's owners, due date, status and flags, and its latest update, as said."""
    action = tracked.action
    owners = ", ".join(known.name_of(owner) or owner for owner in action.owners)
    due = ""
    if action.due is not None:
        due = f" Due: {action.due.label()}"
        if action.due.kind is DueKind.NEXT_MEETING and tracked.due_date is not None:
            due += f" ({long_date(tracked.due_date)})"
        due += f", {action.due_note}." if action.due_note else "."
    yield f"Owners: {owners}.{due}"
    state = [tracked.status.value]
    if tracked.is_overdue and tracked.due_date is not None:
        state.append(f"overdue (was due {long_date(tracked.due_date)})")
    if tracked.is_stale:
        state.append(f"stale (no update since {tracked.last_reviewed:%B %Y})")
    latest = tracked.last_review
    if not latest.is_origin:
        note = f": {latest.note.rstrip('.')}" if latest.note else ""
        state.append(f"last update at the meeting of {long_date(latest.meeting.date)}{note}")
    yield f"Now: {'; '.join(state)}."


def comment(
    text: str, indent: str = "", hang: str = "", *, hang_first: bool = False
) -> Iterator[str]:
    """``text`` as YAML comment lines; ``hang`` indents the lines after the first (or all)."""
    first = f"{indent}# "
    yield from textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first + hang if hang_first else first,
        subsequent_indent=first + hang,
        break_on_hyphens=False,
        break_long_words=False,
    )
