"""The decisions register: every decision of every meeting, each with an id that lasts.

A decision is a line of its meeting's ``decisions``. Its id is the meeting's slug and
:func:`~sitegen.model.decision_key` of its words (``2021-11-08-allies-group-3f9a2c1b``):
the address of its own page, its anchor in the register, and, as ``decision-3f9a2c1b``,
its anchor on the meeting's page. The key comes from the decision's words alone,
not from its place in the list, so adding, removing, reordering or editing the
meeting's other decisions never moves it; only rewording the decision itself does
(case, spacing and punctuation aside), since it is then another decision. Eight hex
digits of a hash never match a heading's id in practice, so no heading is kept from
starting with ``decision-`` (a body may well have one on decision-making).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sitegen.model import Meeting, decision_key


@dataclass(frozen=True, slots=True)
class Decision:
    meeting: Meeting
    position: int
    """Its place in the meeting's list, from 1."""
    text: str
    key: str

    @property
    def id(self) -> str:
        """Its id across the site: the slug of its page and its anchor in the register."""
        return f"{self.meeting.slug}-{self.key}"

    @property
    def anchor(self) -> str:
        """Its id on its meeting's page."""
        return f"decision-{self.key}"


def decisions_of(meeting: Meeting) -> tuple[Decision, ...]:
    """A meeting's decisions, in the order they were recorded."""
    return tuple(
        Decision(meeting, position, text, decision_key(text))
        for position, text in enumerate(meeting.decisions, start=1)
    )


def register(meetings: Iterable[Meeting]) -> list[Decision]:
    """Every decision of ``meetings``, in their order, each meeting's in its own order."""
    return [decision for meeting in meetings for decision in decisions_of(meeting)]
