"""New actions that repeat an open one: the same work agreed twice.

A group that agrees "meet the new Dean" while an earlier action to arrange meetings
with the new Dean is still open has two actions for one piece of work, and the
tracker counts it twice. :func:`repeated_actions` finds each new action whose words
closely match an action of the same group that was still open or in progress when
the new one was agreed, so ``check`` can suggest recording progress on the earlier
one instead.

Texts are compared as sets of content words: lower-cased, stop words removed, and
cut to a rough stem (``meetings``, ``meeting`` and ``meet`` are one word), so small
rewordings, a different order or extra words in the longer text still match. Two
texts are alike when at least three of their words are shared and those make up
three quarters or more of the shorter text, or when they use exactly the same two
or more words.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from textwrap import shorten

from sitegen.errors import Problem, Severity
from sitegen.model import Action, ActionStatus, Meeting
from sitegen.tracker import (
    CLOSED_STATUSES,
    HistoryEntry,
    TrackedAction,
    oldest_first,
    track_meeting,
    updates_by_action,
)
from sitegen.values import long_date

ACTION_STATUS_WORDS = {ActionStatus.OPEN: "open", ActionStatus.IN_PROGRESS: "in progress"}

_STOP_TEXT = """a about above after again all also am an and any are as at be been before being
both but by can could did do does doing done each for from further had has have having
he her here hers him his how i if in into is it its itself just me more most my no nor
not now of off on once one only or other our ours out over own same she should so some
such than that the their theirs them then there these they this those through to too
under until up us very was we were what when where which while who whom why will with
would you your yours"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
"""Words that say nothing of what an action is about."""
MIN_SHARED = 3
"""Words two texts must share to be alike (unless they use exactly the same words)."""
MIN_SHARE_OF_SHORTER = 0.75
"""The part of the shorter text's words the longer one must hold."""

_WORD = re.compile(r"[a-z0-9]+")
_DOUBLED = re.compile(r"([b-df-hj-km-np-rtv-y])\1$")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A rough stem: ``meetings`` and ``meeting`` give ``meet``, ``planned`` gives ``plan``."""
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    for suffix, keep in (("ing", 3), ("ed", 3), ("ly", 4)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            word = word[: -len(suffix)]
            if _DOUBLED.search(word):
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """The stems of a text's words, without stop words (kept: the preview checks the same
    texts after every save)."""
    return frozenset(stem(word) for word in _WORD.findall(text.lower()) if word not in STOP_WORDS)


def alike(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two texts' :func:`content_words` say the same thing."""
    shared = len(first & second)
    if shared >= MIN_SHARED:
        return shared >= MIN_SHARE_OF_SHORTER * min(len(first), len(second))
    return shared >= 2 and first == second


def likeness(first: frozenset[str], second: frozenset[str]) -> float:
    """How much two word sets share, 0 to 1, for choosing the closest of several."""
    return len(first & second) / len(first | second) if first or second else 0.0


@dataclass(frozen=True)
class Repeat:
    """A new action that closely matches one still outstanding when it was agreed."""

    meeting: Meeting
    position: int
    """The new action's place in its meeting's ``actions``, from 1."""
    action: Action
    earlier: TrackedAction
    earlier_status: ActionStatus
    """The earlier action's status when the new one was agreed."""


def repeated_actions(meetings: Mapping[str, Meeting]) -> Iterator[Repeat]:
    """Every action matching an action of the same group still outstanding at its meeting,
    in the order of the meetings, oldest first.

    Each group is looked at alone: its meetings, and the meetings that recorded updates
    to their actions. A group whose meetings are all the very objects of the last call
    keeps what that call found, so the preview, which keeps every unchanged file between
    saves, looks again only at the group of the file saved.
    """
    updates = updates_by_action(meetings)
    ordered = oldest_first(meetings.values())
    groups: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in ordered:
        groups[meeting.group].append(meeting)
    found: list[Repeat] = []
    for group, agreed in groups.items():
        found.extend(_group_repeats(group, agreed, updates))
    rank = {meeting.slug: number for number, meeting in enumerate(ordered)}
    found.sort(key=lambda repeat: (rank[repeat.meeting.slug], repeat.position))
    yield from found


_LAST: dict[str, tuple[tuple[Meeting, ...], list[Repeat]]] = {}
"""By group: the meetings of the last look at it (held, so that none of their ids can
be taken by another object), and what it found."""


def _group_repeats(
    group: str, agreed: list[Meeting], updates: Mapping[str, list[HistoryEntry]]
) -> list[Repeat]:
    """The repeats of one group: ``agreed`` are its meetings, oldest first."""
    recorders = [
        entry.meeting
        for meeting in agreed
        for action in meeting.actions
        for entry in updates.get(f"{meeting.slug}#{action.id}", ())
    ]
    inputs = (*agreed, *recorders)
    last = _LAST.get(group)
    if (
        last is not None
        and len(last[0]) == len(inputs)
        and all(a is b for a, b in zip(last[0], inputs, strict=True))
    ):
        return last[1]
    found = list(_repeats_among(agreed, recorders, updates))
    _LAST[group] = (inputs, found)
    return found


def _repeats_among(
    agreed: list[Meeting], recorders: list[Meeting], updates: Mapping[str, list[HistoryEntry]]
) -> Iterator[Repeat]:
    ordered = oldest_first({m.slug: m for m in (*agreed, *recorders)}.values())
    rank = {meeting.slug: number for number, meeting in enumerate(ordered)}
    earlier = _Agreed()
    for meeting in agreed:
        at = rank[meeting.slug]
        said = [content_words(action.text) for action in meeting.actions]
        for position, (action, words) in enumerate(zip(meeting.actions, said, strict=True), 1):
            match = earlier.closest_outstanding(words, at)
            if match is not None:
                yield Repeat(meeting, position, action, match.tracked, match.status_at(at))
        for tracked, words in zip(track_meeting(meeting, updates, meeting.date), said, strict=True):
            steps = tuple((rank[entry.meeting.slug], entry.status) for entry in tracked.history)
            earlier.add(_Earlier(tracked, words, steps))


@dataclass(frozen=True)
class _Earlier:
    tracked: TrackedAction
    words: frozenset[str]
    steps: tuple[tuple[int, ActionStatus], ...]
    """Its history as (rank of the meeting, status), oldest first."""

    def status_at(self, at: int) -> ActionStatus:
        """Its status as of the meeting ranked ``at``: the latest step recorded by then."""
        status = self.steps[0][1]
        for ranked, step in self.steps[1:]:
            if ranked > at:
                break
            status = step
        return status


@dataclass
class _Agreed:
    """A group's actions so far, indexed by word so only those sharing words are compared."""

    actions: list[_Earlier] = field(default_factory=list)
    by_word: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, earlier: _Earlier) -> None:
        for word in earlier.words:
            self.by_word[word].append(len(self.actions))
        self.actions.append(earlier)

    def closest_outstanding(self, words: frozenset[str], at: int) -> _Earlier | None:
        """The action most like ``words`` still open or in progress at ``at``; the first
        agreed of equally close ones."""
        shared = Counter(i for word in words for i in self.by_word.get(word, ()))
        best: tuple[float, int] | None = None
        for i, count in shared.items():
            earlier = self.actions[i]
            if count < 2 or not alike(words, earlier.words):
                continue
            if earlier.status_at(at) in CLOSED_STATUSES:
                continue
            score = (likeness(words, earlier.words), -i)
            best = score if best is None or score > best else best
        return None if best is None else self.actions[-best[1]]


def repeat_warnings(meetings: Mapping[str, Meeting]) -> Iterator[Problem]:
    """A warning on each repeated action, naming the earlier one and suggesting an update."""
    for repeat in repeated_actions(meetings):
        source = repeat.meeting.source
        field = f"actions[{repeat.position}].text"
        earlier = repeat.earlier
        state = ACTION_STATUS_WORDS[repeat.earlier_status]
        yield Problem(
            source.path,
            source.line(field),
            field,
            f"is much like {earlier.ref}, agreed on {long_date(earlier.meeting.date)} and "
            f'still {state} ("{shorten(earlier.action.text, 80, placeholder=" ...")}"); if '
            "it is the same work, record its progress in action_updates instead "
            f"(action: {earlier.ref}) and delete this action; if not, word it so the two "
            "can be told apart",
            Severity.WARNING,
        )
