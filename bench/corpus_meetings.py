"""Meetings of the benchmark corpus, recorded the way the portal's format asks.

Every action is agreed ``open``. What happens to it afterwards is recorded in the
``action_updates`` of later meetings of the same group, each update dated after the
action's latest review, so the history of every action reads forwards in time: open,
then in progress, then done or dropped. Only members of the group are ``present``;
others who came are ``in_attendance``.
"""

from __future__ import annotations

import datetime as dt
import random

from corpus_base import (
    FIRST_DAY,
    OUTSTANDING,
    TODAY,
    Item,
    Registry,
    TrackedAction,
    body,
    rand_date,
    rand_time,
    sample,
    sentence,
    title_words,
    yaml_list,
    ystr,
)
from corpus_words import AGENDA, PLACES

# What a later meeting records about an outstanding action: its next status, weighted.
NEXT_STATUS = {
    "open": (("open", "in-progress", "done", "dropped"), (1, 4, 3, 1)),
    "in-progress": (("in-progress", "done", "dropped"), (2, 5, 1)),
}
REVIEWED_AT_ONCE = 12
"""A meeting reviews actions among the twelve its group last looked at before it."""


def action_due(rng: random.Random, date: dt.date, has_next: bool) -> str:
    kinds = ["date", "date", "month", "asap", "ongoing"] + (["next-meeting"] if has_next else [])
    kind = rng.choice(kinds)
    if kind == "date":
        return (date + dt.timedelta(days=rng.randint(7, 150))).isoformat()
    if kind == "month":
        later = date + dt.timedelta(days=rng.randint(31, 150))
        return f"{later.year:04d}-{later.month:02d}"
    return kind


def make_actions(
    rng: random.Random, reg: Registry, slug: str, date: dt.date, has_next: bool, group: str
) -> list[str]:
    """The actions agreed at the meeting, all open (most say so, some leave the default)."""
    lines: list[str] = []
    owners_pool = sorted(set(reg.group_members[group] + reg.people[:4]))
    agreed = reg.actions_by_group.setdefault(group, [])
    for n in range(rng.choices(range(7), (1, 2, 3, 3, 2, 1, 1))[0]):
        owners = sample(rng, owners_pool, 1, 2)
        if rng.random() < 0.2:
            owners.append(rng.choice(reg.groups))
        lines += [
            f"  - id: a{n + 1}",
            f"    text: {ystr(sentence(rng, 6, 16))}",
            *yaml_list("owners", list(dict.fromkeys(owners)), "    "),
            f"    due: {action_due(rng, date, has_next)}",
        ]
        if rng.random() < 0.8:
            lines.append("    status: open")
        agreed.append(TrackedAction(f"{slug}#a{n + 1}", "open", date))
    return ["actions:", *lines] if lines else ["actions: []"]


def make_updates(rng: random.Random, reg: Registry, group: str, date: dt.date) -> list[str]:
    """Progress on outstanding actions of the group last reviewed before ``date``."""
    due = [
        action
        for action in reg.actions_by_group.get(group, [])
        if action.status in OUTSTANDING and action.reviewed < date
    ]
    if not due or rng.random() < 0.25:
        return []
    due.sort(key=lambda action: (action.reviewed, action.ref))
    picked = sample(rng, due[-REVIEWED_AT_ONCE:], 1, 3)
    lines = ["action_updates:"]
    for action in sorted(picked, key=lambda action: action.ref):
        statuses, weights = NEXT_STATUS[action.status]
        action.status = rng.choices(statuses, weights)[0]
        action.reviewed = date
        lines += [
            f'  - action: "{action.ref}"',
            f"    status: {action.status}",
            f"    note: {ystr(sentence(rng, 6, 14))}",
        ]
    return lines


def attendance(rng: random.Random, reg: Registry, group: str) -> tuple[list[str], ...]:
    """Members present, members who sent apologies, and non-members who came."""
    members = reg.group_members[group]
    present = sample(rng, members, max(1, len(members) - 2), len(members))
    absent = [p for p in members if p not in present]
    apologies = sample(rng, absent, 0, len(absent))
    others = [p for p in reg.people if p not in members]
    in_attendance = sample(rng, others, 1, 2) if rng.random() < 0.3 else []
    return present, apologies, in_attendance


def make_meeting(rng: random.Random, reg: Registry, i: int) -> Item:
    group = rng.choice(reg.groups)
    date = rand_date(rng, FIRST_DAY, TODAY - dt.timedelta(days=1))
    slug = reg.claim(f"{date.isoformat()}-{group}-{i}")
    start, end = rand_time(rng)
    present, apologies, in_attendance = attendance(rng, reg, group)
    has_next = rng.random() < 0.7
    meta = [f"group: {group}", f"date: {date.isoformat()}"]
    if rng.random() < 0.5:
        meta.append(f"title: {ystr(reg.group_names[group] + ' ' + title_words(rng, 1, 3))}")
    meta += [
        f"start: {start}",
        f"end: {end}",
        f"location: {ystr('online' if rng.random() < 0.6 else rng.choice(PLACES))}",
        f"chair: {present[0]}",
        *yaml_list("present", present),
        *yaml_list("apologies", apologies),
    ]
    if in_attendance:
        meta += yaml_list("in_attendance", in_attendance)
    meta += [
        f"summary: {ystr(sentence(rng, 12, 24))}",
        *yaml_list("projects", sample(rng, reg.projects, 0, 2)),
        *yaml_list("decisions", [sentence(rng, 6, 14) for _ in range(rng.randint(0, 4))]),
    ]
    if has_next:
        next_date = date + dt.timedelta(days=rng.randint(14, 60))
        n_start, n_end = rand_time(rng)
        meta += [
            "next_meeting:",
            f"  date: {next_date.isoformat()}",
            f"  start: {n_start}",
            f"  end: {n_end}",
        ]
    meta += make_actions(rng, reg, slug, date, has_next, group)
    meta += make_updates(rng, reg, group, date)  # never its own actions: reviewed == date
    headings = rng.sample(AGENDA, rng.randint(4, 6))
    return "meetings", slug, meta, body(rng, headings)
