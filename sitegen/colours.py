"""Colours and their contrast, as WCAG 2.x measures it.

A site's ``accent`` colour takes the place of the portal's own dark blue: the
header and buttons are filled with it under white text, cards and boxes are
edged with it on the white page, and the yellow focus highlight sits on it in
the header. :data:`ACCENT_USES` lists each of those pairs with the contrast WCAG
AA asks of it, so an accent that would make any of them unreadable is refused
with the two colours and the ratio named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.values import Invalid

HEX_COLOUR = r"#[0-9A-Fa-f]{6}|#[0-9A-Fa-f]{3}"
"""``#1d4f91`` or the short form ``#15a``."""

TEXT_MINIMUM = 4.5
"""WCAG 1.4.3 (AA): text of ordinary size."""
UI_MINIMUM = 3.0
"""WCAG 1.4.11 (AA): the parts of controls and graphics needed to see them."""


def parse_colour(value: object) -> str:
    """A hex colour, as the six-digit lower-case form ``#1d4f91``."""
    text = value.strip() if isinstance(value, str) else ""
    if not re.fullmatch(HEX_COLOUR, text):
        raise Invalid(f"{value!r} is not a colour: write it in hex, e.g. '#1d4f91' (in quotes)")
    digits = text[1:].lower()
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return "#" + digits


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``: 0 for black, 1 for white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05), the lighter colour's luminance over the darker's."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def darker(colour: str, amount: float = 0.3) -> str:
    """The colour mixed with black: for a button under the pointer."""
    channels = [round(int(colour[i : i + 2], 16) * (1 - amount)) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in channels)


@dataclass(frozen=True)
class ColourUse:
    """A colour the accent meets on a page, and the contrast they need."""

    colour: str
    name: str
    where: str
    minimum: float


ACCENT_USES = (
    ColourUse(
        "#ffffff",
        "white",
        "the text on it (the site's name, the menu, buttons) and the page around it "
        "(text in it, the edges of boxes)",
        TEXT_MINIMUM,
    ),
    ColourUse("#ffdd00", "yellow", "the focus highlight on it", UI_MINIMUM),
)
"""Every colour the accent meets in the stylesheet (where style.css uses ``--brand``).
Both are lighter than any accent that passes, so a failing accent is always too light."""


def accent_problems(accent: str) -> list[str]:
    """What is wrong with an accent colour: one message per pairing that fails AA."""
    problems = []
    for use in ACCENT_USES:
        ratio = contrast_ratio(accent, use.colour)
        if ratio < use.minimum:
            problems.append(
                f"{accent} and {use.name} ({use.colour}), {use.where}, have a contrast ratio "
                f"of {_floor(ratio)}:1, and WCAG AA needs at least {use.minimum:g}:1: choose "
                "a darker accent"
            )
    return problems


def _floor(ratio: float) -> str:
    """Two decimals, rounded down, so a ratio just short of a minimum never reads as it."""
    return f"{int(ratio * 100) / 100:.2f}"
