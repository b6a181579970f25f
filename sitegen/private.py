"""Remove ``::: private`` blocks from a body before anything else sees it.

The text is cut at the source, before Markdown parsing, so it cannot reach a
page, feed, data file or search index by any route. Cut lines are replaced by
empty lines so line numbers in later messages still match the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = re.compile(r"^\s{0,3}:{3,}\s*private\b.*$", re.IGNORECASE)
_CLOSE = re.compile(r"^\s{0,3}:{3,}\s*$")
_ANY_FENCE = re.compile(r"^\s{0,3}:{3,}")


@dataclass(frozen=True)
class Stripped:
    body: str
    """The body without private text."""
    withheld: bool
    """True when at least one private block was removed."""
    unclosed_line: int
    """1-based line (within the body) of a private block never closed; 0 if none."""


def strip_private(body: str) -> Stripped:
    """Cut every ``::: private`` ... ``:::`` block out of ``body``.

    An unclosed block withholds everything after it: failing safe matters
    more than publishing the rest, and the caller reports it as an error.
    """
    lines = body.split("\n")
    kept: list[str] = []
    depth = 0
    withheld = False
    opened_at = 0
    for number, line in enumerate(lines, start=1):
        if depth == 0 and _OPEN.match(line):
            depth, withheld, opened_at = 1, True, number
            kept.append("")
            continue
        if depth > 0:
            if _CLOSE.match(line):
                depth -= 1
            elif _ANY_FENCE.match(line):
                depth += 1  # a container nested inside the private block
            kept.append("")
            continue
        kept.append(line)
    return Stripped("\n".join(kept), withheld, opened_at if depth > 0 else 0)
