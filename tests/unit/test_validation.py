"""Front-matter validation: every problem of a file, each with its line and field."""

from __future__ import annotations

import datetime as dt
from textwrap import dedent

from sitegen.errors import Problem, Severity
from sitegen.loader import read_document
from sitegen.model import COLLECTION_BY_NAME, ActionStatus, Meeting, Opportunity
from sitegen.values import DueKind

PATH = "content/meetings/m.md"


def read(collection: str, text: str) -> tuple[object, list[Problem]]:
    return read_document(COLLECTION_BY_NAME[collection], "m", PATH, dedent(text).lstrip())


def messages(problems: list[Problem]) -> list[str]:
    """As the command line lists them: by line."""
    return [str(p) for p in sorted(problems, key=lambda p: (p.line, p.field))]


MEETING = """
---
group: allies-group
date: 2021-11-08
start: 14:00
summary: Met.
actions:
  - id: a1
    text: Do it.
    owners: [graham-hart]
    due: 2022-02
    status: in-progress
---
## Notes
"""


def test_a_valid_meeting_becomes_a_typed_record() -> None:
    meeting, problems = read("meetings", MEETING)
    assert problems == []
    assert isinstance(meeting, Meeting)
    assert meeting.date == dt.date(2021, 11, 8)
    assert meeting.start == dt.time(14, 0)
    action = meeting.actions[0]
    assert action.status is ActionStatus.IN_PROGRESS
    assert action.due is not None and action.due.kind is DueKind.MONTH
    assert meeting.source.line("actions[1].owners") == 9


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    document, problems = read(
        "meetings",
        """
        ---
        date: 2021-02-30
        start: 25:00
        summary:
        present: graham-hart
        actions:
          - id: a1
            owners: []
            status: finished
        ---
        """,
    )
    assert document is None
    assert messages(problems) == [
        f"{PATH}:1: group: is required: the group that met (a file in groups/)",
        f"{PATH}:2: date: 2021-02-30 is not a real date: February 2021 has 28 days",
        f"{PATH}:3: start: '25:00' is not a real time; use the 24-hour clock, 00:00 to 23:59",
        f"{PATH}:4: summary: is required: one or two sentences on what the meeting did",
        f"{PATH}:5: present: must be a list, not 'graham-hart': put each item on its own line "
        "starting with '- '",
        f"{PATH}:7: actions[1].text: is required: what was agreed, in a sentence",
        f"{PATH}:8: actions[1].owners: is required: who is taking it on: people or groups "
        "(e.g. allies-group)",
        f"{PATH}:9: actions[1].status: 'finished' is not allowed; use one of: open, in-progress, "
        "done, dropped",
    ]


def test_unknown_keys_are_warnings_with_the_nearest_field() -> None:
    document, problems = read("meetings", MEETING.replace("summary:", "sumary: x\nsummary:"))
    assert document is not None
    assert messages(problems) == [
        f"{PATH}:5: sumary: warning: 'sumary' is not a known field; did you mean 'summary'?"
    ]
    assert problems[0].severity is Severity.WARNING


def test_duplicate_action_ids_are_an_error_at_the_second() -> None:
    text = MEETING.replace("---\n## Notes", "  - id: a1\n    text: Again.\n    owners: [x]\n---\n")
    _, problems = read("meetings", text)
    assert messages(problems) == [
        f"{PATH}:12: actions[2].id: 'a1' is used twice (also by action 1); "
        "each action needs its own id"
    ]


def test_next_meeting_due_without_a_next_meeting_is_an_error() -> None:
    _, problems = read("meetings", MEETING.replace("due: 2022-02", "due: next-meeting"))
    assert messages(problems) == [
        f"{PATH}:10: actions[1].due: is next-meeting, but the meeting has no next_meeting date"
    ]


OPPORTUNITY = """
---
title: Panel
payment:
  amount: 25
  per: hour
location:
  mode: online
selection: A panel reads applications.
opens: 2024-01-01
closes: 2024-02-01
---
"""


def test_a_valid_opportunity_has_its_pay() -> None:
    opportunity, problems = read("opportunities", OPPORTUNITY)
    assert problems == []
    assert isinstance(opportunity, Opportunity)
    assert opportunity.payment.amount == 25
    assert opportunity.payment.currency == "GBP"


def test_unpaid_opportunity_is_rejected() -> None:
    text = OPPORTUNITY.replace("payment:\n  amount: 25\n  per: hour\n", "")
    _, problems = read("opportunities", text)
    assert messages(problems) == [
        f"{PATH}:1: payment: is required: what it pays: involvement is always paid"
    ]


def test_zero_or_negative_pay_is_rejected() -> None:
    _, problems = read("opportunities", OPPORTUNITY.replace("amount: 25", "amount: 0"))
    assert messages(problems) == [
        f"{PATH}:4: payment.amount: must be more than 0, not 0: involvement is always paid"
    ]
    _, problems = read("opportunities", OPPORTUNITY.replace("amount: 25", "amount: -5"))
    assert "must be more than 0, not -5" in problems[0].message


def test_opportunity_without_selection_is_rejected() -> None:
    _, problems = read(
        "opportunities", OPPORTUNITY.replace("selection: A panel reads applications.\n", "")
    )
    assert messages(problems) == [
        f"{PATH}:1: selection: is required: how people are chosen, by whom, and when they hear"
    ]


def test_opportunity_closing_before_it_opens_is_rejected() -> None:
    _, problems = read(
        "opportunities", OPPORTUNITY.replace("closes: 2024-02-01", "closes: 2023-12-01")
    )
    assert messages(problems) == [
        f"{PATH}:10: closes: is 2023-12-01, before it opens on 2024-01-01"
    ]


def test_in_person_opportunity_without_a_place_is_rejected() -> None:
    _, problems = read("opportunities", OPPORTUNITY.replace("mode: online", "mode: in-person"))
    assert messages(problems) == [
        f"{PATH}:6: location.place: is required for in-person opportunities: say where"
    ]


def test_more_selected_than_applied_is_rejected() -> None:
    text = OPPORTUNITY.replace("---\n\n", "outcome:\n  applied: 3\n  selected: 5\n---\n", 1)
    text = text.replace(
        "closes: 2024-02-01\n---", "closes: 2024-02-01\noutcome:\n  applied: 3\n  selected: 5\n---"
    )
    _, problems = read("opportunities", text)
    assert messages(problems) == [f"{PATH}:13: outcome.selected: is 5, more than the 3 who applied"]


def test_placeholders_left_by_new_are_errors() -> None:
    _, problems = read(
        "opportunities", OPPORTUNITY.replace("title: Panel", 'title: "TODO: opportunity title"')
    )
    assert messages(problems) == [
        f"{PATH}:2: title: still holds the placeholder 'TODO: opportunity title'; "
        "write the real text"
    ]


def test_booleans_are_true_or_false_and_yes_gets_a_did_you_mean() -> None:
    person, problems = read("people", "---\nname: Ada\nprofile: true\n---\n")
    assert problems == [] and person.profile is True
    _, problems = read("people", "---\nname: Ada\nprofile: yes\n---\n")
    assert messages(problems) == [
        f"{PATH}:3: profile: must be true or false, not 'yes'; did you mean 'true'?"
    ]
    _, problems = read("people", "---\nname: Ada\nprofile: maybe\n---\n")
    assert messages(problems) == [f"{PATH}:3: profile: must be true or false, not 'maybe'"]


def test_a_choice_in_another_case_or_with_spaces_gets_the_exact_word() -> None:
    _, problems = read("meetings", MEETING.replace("status: in-progress", "status: In progress"))
    assert messages(problems) == [
        f"{PATH}:11: actions[1].status: 'In progress' is not allowed; use one of: open, "
        "in-progress, done, dropped; did you mean 'in-progress'?"
    ]


def test_a_meeting_whose_file_name_and_date_disagree_is_an_error() -> None:
    text = dedent(MEETING).lstrip()
    _, problems = read_document(
        COLLECTION_BY_NAME["meetings"], "2021-11-09-allies-group", PATH, text
    )
    assert messages(problems) == [
        f"{PATH}:3: date: is 2021-11-08, but the file name says 2021-11-09; make them the "
        "same (fix the date, or rename the file)"
    ]


def test_enumerations_suggest_the_nearest_choice() -> None:
    _, problems = read(
        "projects", "---\ntitle: P\npartners: [X]\nour_role: traner\nstatus: current\n---\n"
    )
    assert messages(problems) == [
        f"{PATH}:4: our_role: 'traner' is not allowed; use one of: co-production partner, "
        "learning partner, facilitator, co-evaluator, trainer, advisor; did you mean 'trainer'?"
    ]


def test_an_unclosed_private_block_is_an_error_at_its_line() -> None:
    _, problems = read("pages", "---\ntitle: T\n---\nText\n\n::: private\nsecret\n")
    assert messages(problems) == [
        f"{PATH}:6: body: a '::: private' block is never closed: add a line ':::' where the "
        "private text ends (until then everything after it is withheld)"
    ]
