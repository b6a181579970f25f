"""Contrast is WCAG 2.x's: known pairs give their published ratios, and an accent that
would make text or the focus highlight unreadable is refused, naming both colours."""

from __future__ import annotations

import pytest

from sitegen.colours import accent_problems, contrast_ratio, parse_colour, relative_luminance
from sitegen.values import Invalid


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#777777", "#ffffff", 4.48),  # the classic just-fails grey
        ("#767676", "#ffffff", 4.54),  # the classic just-passes grey
        ("#0000ff", "#ffffff", 8.59),
    ],
)
def test_contrast_ratio_matches_wcag(first: str, second: str, ratio: float) -> None:
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)
    assert contrast_ratio(second, first) == contrast_ratio(first, second)


def test_luminance_uses_the_linearised_channels() -> None:
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)


def test_colours_are_read_in_hex_only() -> None:
    assert parse_colour("#5B2A86") == "#5b2a86"
    assert parse_colour("#15a") == "#1155aa"
    for wrong in ("5b2a86", "purple", "#12345", "rgb(0,0,0)", 123):
        with pytest.raises(Invalid, match="hex"):
            parse_colour(wrong)


def test_a_dark_accent_passes() -> None:
    assert accent_problems("#23395b") == []
    assert accent_problems("#767676") == []


def test_an_accent_too_light_for_white_text_names_both_colours_and_the_ratio() -> None:
    (problem,) = accent_problems("#4e79b8")
    assert "#4e79b8 and white (#ffffff)" in problem
    assert "4.42:1" in problem and "at least 4.5:1" in problem


def test_a_ratio_just_short_is_never_rounded_up_to_pass() -> None:
    (problem,) = accent_problems("#777777")
    assert "4.47:1" in problem  # 4.478..., rounded down


def test_a_very_light_accent_also_fails_against_the_focus_highlight() -> None:
    problems = accent_problems("#ffee00")
    assert len(problems) == 2
    assert "yellow (#ffdd00)" in problems[1] and "at least 3:1" in problems[1]
