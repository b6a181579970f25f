"""What every collection of the benchmark corpus is made with: the registry of what earlier
items made, random text, Markdown bodies and YAML scalars (see bench/make_corpus.py)."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from corpus_words import LINK_HOSTS, WORDS

RESERVED_SLUGS = {
    "meetings",
    "actions",
    "groups",
    "people",
    "projects",
    "opportunities",
    "reports",
    "news",
    "search",
    "data",
    "feeds",
}
YAML_SPECIAL = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}
PLAIN_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()/-]*[A-Za-z0-9.)]")


OUTSTANDING = ("open", "in-progress")


@dataclass
class TrackedAction:
    """An action agreed at a meeting, as the meetings of its group have recorded it since."""

    ref: str  # "<meeting slug>#<id>"
    status: str  # the latest status recorded
    reviewed: dt.date  # the date of the meeting that recorded it


@dataclass
class Registry:
    """Everything items 0..i-1 made that item i may refer to."""

    taken: set[str] = field(default_factory=lambda: set(RESERVED_SLUGS))
    people: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    group_members: dict[str, list[str]] = field(default_factory=dict)
    group_names: dict[str, str] = field(default_factory=dict)
    projects: list[str] = field(default_factory=list)
    actions_by_group: dict[str, list[TrackedAction]] = field(default_factory=dict)
    pages: int = 0

    def claim(self, base: str) -> str:
        """Return ``base`` or ``base-2``, ``base-3``... whichever is still free."""
        slug, n = base, 1
        while slug in self.taken:
            n += 1
            slug = f"{base}-{n}"
        self.taken.add(slug)
        return slug


T = TypeVar("T")
Item = tuple[str, str, list[str], str]  # collection, slug, front-matter lines, body

TODAY = dt.date(2026, 11, 28)
FIRST_DAY = dt.date(2019, 1, 1)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def ystr(text: str) -> str:
    """A YAML scalar for free text: plain when unambiguous, else JSON-quoted."""
    if PLAIN_SAFE.fullmatch(text) and text.lower() not in YAML_SPECIAL:
        return text
    return json.dumps(text)


def rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def rand_time(rng: random.Random) -> tuple[str, str]:
    hour = rng.randint(9, 17)
    minute = rng.choice((0, 30))
    length = rng.choice((60, 90, 120))
    end = hour * 60 + minute + length
    return f"{hour:02d}:{minute:02d}", f"{end // 60:02d}:{end % 60:02d}"


def words(rng: random.Random, n: int) -> list[str]:
    return rng.choices(WORDS, k=n)


def sentence(rng: random.Random, lo: int = 8, hi: int = 16) -> str:
    ws = words(rng, rng.randint(lo, hi))
    return " ".join(ws).capitalize() + "."


def title_words(rng: random.Random, lo: int = 3, hi: int = 6) -> str:
    ws = [w for w in words(rng, hi + 4) if len(w) > 3][: rng.randint(lo, hi)]
    return " ".join(w.capitalize() for w in ws) or "Update"


def sample(rng: random.Random, pool: list[T], lo: int, hi: int) -> list[T]:
    """Between lo and hi distinct items of pool (fewer if pool is small)."""
    k = min(len(pool), rng.randint(lo, hi))
    return rng.sample(pool, k)


# Markdown body -------------------------------------------------------------------------


def decorate(rng: random.Random, ws: list[str], marks: Iterable[str]) -> list[str]:
    """Wrap some words in em, strong, code or an external link."""
    out = list(ws)
    for mark in marks:
        j = rng.randrange(len(out))
        while not out[j][0].isalpha():  # already decorated: take the next word
            j = (j + 1) % len(out)
        w = out[j].rstrip(".")
        tail = "." if out[j].endswith(".") else ""
        if mark == "em":
            out[j] = f"*{w}*{tail}"
        elif mark == "strong":
            out[j] = f"**{w}**{tail}"
        elif mark == "code":
            out[j] = f"`{w}`{tail}"
        else:
            url = f"{rng.choice(LINK_HOSTS)}/{slugify(' '.join(words(rng, 3)))}"
            out[j] = f"[{w}]({url}){tail}"
    return out


def paragraph(rng: random.Random, n: int, marks: Iterable[str] = ()) -> str:
    sentences: list[str] = []
    left = n
    while left > 0:
        k = min(left, rng.randint(8, 18))
        sentences.append(" ".join(words(rng, k)).capitalize() + ".")
        left -= k
    text = " ".join(sentences).split(" ")
    return " ".join(decorate(rng, text[:-1], marks) + text[-1:])


def bullet_list(rng: random.Random, ordered: bool) -> str:
    lines = []
    for k in range(rng.randint(3, 6)):
        prefix = f"{k + 1}." if ordered else "-"
        lines.append(f"{prefix} {sentence(rng, 5, 11)}")
    return "\n".join(lines)


def table(rng: random.Random) -> str:
    head = [title_words(rng, 1, 2) for _ in range(4)]
    rows = ["| " + " | ".join(head) + " |", "| --- | --- | --- | ---: |"]
    for _ in range(rng.randint(3, 5)):
        cells = [" ".join(words(rng, rng.randint(1, 3))) for _ in range(3)]
        cells.append(str(rng.randint(1, 500)))
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def body(rng: random.Random, headings: list[str]) -> str:
    """About 600 words: an intro, then one ## section per heading; the sections carry
    ### subsections, a bullet list, a numbered list and a table."""
    blocks = [paragraph(rng, rng.randint(50, 70), ("em", "strong", "link"))]
    for n, heading in enumerate(headings):
        blocks.append(f"## {heading}")
        blocks.append(paragraph(rng, rng.randint(40, 62), ("code", "em")))
        if n == 0:
            blocks.append(bullet_list(rng, ordered=False))
        if n == 1:
            blocks.append(f"### {title_words(rng, 2, 4)}")
            blocks.append(paragraph(rng, rng.randint(35, 55), ("strong", "link")))
            blocks.append(bullet_list(rng, ordered=True))
        if n == 2:
            blocks.append(table(rng))
        if n >= 3:
            blocks.append(f"### {title_words(rng, 2, 4)}")
            blocks.append(paragraph(rng, rng.randint(35, 55), ("link",)))
    blocks.append(paragraph(rng, rng.randint(30, 50), ("link", "strong")))
    return "\n\n".join(blocks) + "\n"


def plain_headings(rng: random.Random) -> list[str]:
    return [title_words(rng, 2, 5) for _ in range(rng.randint(4, 6))]


# Front-matter helpers ------------------------------------------------------------------


def yaml_list(key: str, values: list[str], indent: str = "") -> list[str]:
    if not values:
        return [f"{indent}{key}: []"]
    return [f"{indent}{key}:"] + [f"{indent}  - {ystr(v)}" for v in values]
