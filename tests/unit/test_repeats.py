"""How a new action's words are matched against the open actions of its group."""

from __future__ import annotations

import pytest

from sitegen.repeats import alike, content_words, stem

A1 = (
    "Produce one or more documents that set out clearly what Co-Production Collective "
    "offers, ready to share with potential partners and contacts."
)
A3 = (
    "Send the Allies the link to UCL's strategy consultation, together with background information."
)
A7 = (
    "Arrange meetings, or join meetings already planned, with the Office of the UCL "
    "Vice-Provost (Research, Innovation and Global Engagement), the new Dean of Population "
    "Health, and the faculty Vice-Deans for Research, Health and Impact."
)


@pytest.mark.parametrize(
    ("words", "stemmed"),
    [
        (("meetings", "meeting", "meet"), "meet"),
        (("planned", "plan", "plans"), "plan"),
        (("arranged", "arrange", "arranging"), "arrang"),
        (("clearly", "clear"), "clear"),
        (("apply", "applies"), "apply"),
    ],
)
def test_word_endings_are_cut_to_one_stem(words: tuple[str, ...], stemmed: str) -> None:
    assert {stem(word) for word in words} == {stemmed}


@pytest.mark.parametrize(
    ("earlier", "new"),
    [
        (A7, "Meet the new Dean."),
        (A7, "Arrange a meeting with the new Dean of Population Health."),
        (
            A1,
            "Produce a clear document setting out what the Collective offers, to share with "
            "partners.",
        ),
        (A3, "Share the consultation link with the Allies."),
        ("Book a venue.", "Book the venue"),
    ],
)
def test_a_reworded_action_is_alike(earlier: str, new: str) -> None:
    assert alike(content_words(new), content_words(earlier))
    assert alike(content_words(earlier), content_words(new))


@pytest.mark.parametrize(
    ("earlier", "new"),
    [
        (A7, "Meet the Dean."),  # two words in common are not enough with a long action
        (A3, "Send the Allies the draft governance paper for comments."),
        (A1, "Send the Allies the draft of the offer document for comments."),
        (A1, "Write the offer document."),
        (
            "Introduce Co-Production Collective to relevant contacts.",
            "Introduce the team to contacts at the NHS.",
        ),
        ("Book a venue.", "Book a room."),
        ("Report.", "Report."),  # one word says too little
    ],
)
def test_a_different_action_is_not_alike(earlier: str, new: str) -> None:
    assert not alike(content_words(new), content_words(earlier))


def test_small_words_case_and_punctuation_are_ignored() -> None:
    assert content_words("Share THE link, with the Allies!") == content_words("share link allies")
