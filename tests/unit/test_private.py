"""``::: private`` blocks are cut before Markdown ever sees them."""

from __future__ import annotations

from sitegen.private import strip_private


def test_private_block_is_removed_and_lines_are_kept() -> None:
    body = "Public.\n\n::: private\nSecret words.\n:::\n\nMore public."
    stripped = strip_private(body)
    assert "Secret" not in stripped.body
    assert stripped.withheld
    assert stripped.body.split("\n")[6] == "More public."
    assert stripped.unclosed_line == 0


def test_body_without_private_text_is_unchanged() -> None:
    stripped = strip_private("Just text.\n::: note\nA note.\n:::\n")
    assert stripped.body == "Just text.\n::: note\nA note.\n:::\n"
    assert not stripped.withheld


def test_an_unclosed_block_withholds_the_rest_and_is_reported() -> None:
    stripped = strip_private("A\n::: private\nB\nC\n")
    assert stripped.unclosed_line == 2
    assert "B" not in stripped.body and "C" not in stripped.body


def test_nested_containers_inside_a_private_block_stay_private() -> None:
    body = "::: private\n::: note\ninner\n:::\nstill private\n:::\nafter"
    stripped = strip_private(body)
    assert "inner" not in stripped.body
    assert "still private" not in stripped.body
    assert stripped.body.endswith("after")


def test_private_marker_is_case_insensitive_and_may_be_indented() -> None:
    stripped = strip_private("  ::: Private reason\nhidden\n:::\n")
    assert "hidden" not in stripped.body
