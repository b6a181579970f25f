"""A decision's id comes from its own words: nothing done to the others moves it."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.model import Meeting, Source, decision_key
from sitegen.register import decisions_of, register

PAID = "Co-producers will always be paid for any involvement."
GOVERNANCE = "Governance will be co-created with the community."
FREE = "Requests for free services will be judged case by case."


def meeting(decisions: tuple[str, ...], slug: str = "2021-11-08-allies") -> Meeting:
    return Meeting(
        slug=slug,
        source=Source(f"content/meetings/{slug}.md"),
        group="allies",
        date=dt.date.fromisoformat(slug[:10]),
        summary="Met.",
        decisions=decisions,
    )


def ids(decisions: tuple[str, ...]) -> dict[str, str]:
    return {d.text: d.id for d in decisions_of(meeting(decisions))}


BEFORE = ids((PAID, GOVERNANCE, FREE))


@pytest.mark.parametrize(
    "after",
    [
        (PAID, GOVERNANCE, FREE, "A fourth decision."),  # one added at the end
        ("A decision recorded first.", PAID, GOVERNANCE, FREE),  # one added before them
        (PAID, FREE),  # one removed
        (FREE, GOVERNANCE, PAID),  # reordered
    ],
    ids=["added-after", "added-before", "removed", "reordered"],
)
def test_adding_removing_or_reordering_decisions_moves_no_id(after: tuple[str, ...]) -> None:
    found = ids(after)
    assert {text: found[text] for text in found if text in BEFORE} == {
        text: BEFORE[text] for text in found if text in BEFORE
    }


def test_editing_one_decision_moves_no_other() -> None:
    found = ids((PAID, "Governance will be co-created with the whole community.", FREE))
    assert found[PAID] == BEFORE[PAID]
    assert found[FREE] == BEFORE[FREE]
    assert "Governance will be co-created with the whole community." not in BEFORE


def test_case_spacing_and_punctuation_do_not_change_an_id() -> None:
    assert decision_key(PAID) == decision_key(
        "co-producers  will always be paid, for any involvement"
    )
    assert decision_key(PAID) != decision_key(GOVERNANCE)


def test_rewording_a_decision_makes_it_another_one() -> None:
    assert decision_key(PAID) != decision_key(PAID.replace("always", "usually"))


def test_ids_name_their_meeting_and_anchor_on_its_page() -> None:
    (first, *_) = decisions_of(meeting((PAID, GOVERNANCE)))
    assert first.id == f"2021-11-08-allies-{decision_key(PAID)}"
    assert first.anchor == f"decision-{decision_key(PAID)}"
    assert first.position == 1
    assert len(first.key) == 8


def test_the_register_keeps_the_order_of_its_meetings_and_of_each_meetings_decisions() -> None:
    later = meeting((FREE, PAID), "2022-01-25-allies")
    earlier = meeting((GOVERNANCE,), "2021-11-08-allies")
    assert [(d.meeting.slug, d.text) for d in register([later, earlier])] == [
        ("2022-01-25-allies", FREE),
        ("2022-01-25-allies", PAID),
        ("2021-11-08-allies", GOVERNANCE),
    ]


def test_the_same_decision_twice_in_a_meeting_is_a_problem() -> None:
    problems = list(meeting((PAID, GOVERNANCE, PAID.upper())).field_problems())
    assert problems == [("decisions[3]", "says the same as decision 1; record each decision once")]
