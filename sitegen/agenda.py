"""The usual shape of a meeting's notes: the body a new meeting starts from.

Minutes follow the same order at almost every meeting: welcome and apologies, the
minutes of the last meeting, matters arising (progress on actions), the agenda
items, any other business, the date of the next meeting. :data:`MEETING_AGENDA`
holds that order as data, so ``sitegen new meeting`` and an editor's form can start
a meeting from the same text (:data:`MEETING_BODY`).

Every prompt is a line starting ``TODO:``, which ``sitegen check`` reports until it
is replaced or deleted, so a prompt is never published. The example of private text
is written the same way: deleting ``TODO:`` from its three lines makes it a
``::: private`` block, withheld from every page, feed, data file and search index.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sitegen.values import long_date

TODO = "TODO:"
"""How a prompt starts: check reports the line until it is replaced or deleted."""

PRIVATE_OPEN = "::: private"
PRIVATE_CLOSE = ":::"
PRIVATE_EXAMPLE = "The costs of individual staff posts, discussed in confidence."
"""The example's text: it stays in the file but, once uncommented, is never published."""


@dataclass(frozen=True)
class LastMeeting:
    """The group's previous meeting, when the new one knows it."""

    date: dt.date
    link: str
    """Its page, as a link within the site: ``/meetings/<slug>/``."""


@dataclass(frozen=True)
class AgendaItem:
    """One ``##`` section of a meeting's notes."""

    heading: str
    prompts: tuple[str, ...]
    """Paragraphs to start it with; those starting ``TODO:`` are for the editor."""


def _private_example() -> str:
    lines = (
        f"{TODO} to keep part of these notes out of the published record (names, money, "
        f'anything said in confidence), put it between a line "{PRIVATE_OPEN}" and a line '
        f'"{PRIVATE_CLOSE}": delete "{TODO} " from the three lines below and write the private '
        "text in place of the example, or delete all four lines.",
        f"{TODO} {PRIVATE_OPEN}",
        f"{TODO} {PRIVATE_EXAMPLE}",
        f"{TODO} {PRIVATE_CLOSE}",
    )
    return "\n".join(lines)


def meeting_agenda(last: LastMeeting | None = None) -> tuple[AgendaItem, ...]:
    """The sections of a new meeting's notes; ``last`` links its minutes when known."""
    if last is None:
        minutes = "The notes of the last meeting were agreed as a correct record."
    else:
        minutes = (
            f"The notes of the [meeting of {long_date(last.date)}]({last.link}) were agreed "
            "as a correct record."
        )
    return (
        AgendaItem(
            "Welcome and apologies",
            (
                f"{TODO} who opened the meeting and welcomed anyone new. The people who sent "
                "apologies go in apologies, in the fields above: the page lists them.",
            ),
        ),
        AgendaItem(
            "Minutes of the last meeting",
            (minutes, f"{TODO} check the sentence above and add any corrections agreed."),
        ),
        AgendaItem(
            "Matters arising",
            (
                f"{TODO} what was said about the actions of earlier meetings. Record each "
                "action's progress in action_updates, in the fields above, so the action "
                "tracker shows it; write here only what those notes do not say.",
            ),
        ),
        AgendaItem(
            "First agenda item",
            (
                f"{TODO} give this heading the item's title, then write what was discussed "
                "and what was agreed. Decisions and actions also go in the fields above.",
                _private_example(),
            ),
        ),
        AgendaItem(
            "Second agenda item",
            (
                f"{TODO} the item's title and notes; add a '## ' heading for each further "
                "item, or delete this one.",
            ),
        ),
        AgendaItem(
            "Any other business",
            (f"{TODO} anything raised that was not on the agenda, or write: None.",),
        ),
        AgendaItem(
            "Date of next meeting",
            (
                f"{TODO} when and where the group meets next. Put the date in next_meeting, "
                "in the fields above, too: the site then lists it under upcoming meetings and "
                "in the group's calendar.",
            ),
        ),
    )


MEETING_AGENDA = meeting_agenda()
"""The sections of any new meeting's notes, when its previous meeting is not known."""


def meeting_body(last: LastMeeting | None = None) -> str:
    """The Markdown body of a new meeting: one ``##`` heading per agenda item."""
    blocks = [f"## {item.heading}\n\n" + "\n\n".join(item.prompts) for item in meeting_agenda(last)]
    return "\n\n".join(blocks) + "\n"


MEETING_BODY = meeting_body()
"""The body every new meeting starts from, for forms that cannot see the group's record."""

BODIES = {
    "meetings": MEETING_BODY,
    "reports": "## Introduction\n\nTODO: the report, one '## ' heading per section.\n",
}
"""The body a new file of a collection starts from, where it is not :data:`DEFAULT_BODY`:
for ``sitegen new`` and the content editor alike."""
DEFAULT_BODY = "TODO: the text of the page, in Markdown.\n"
