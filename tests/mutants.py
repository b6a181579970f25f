"""Hostile mutants of the sample content's front-matter, for the fuzz test.

Every mutant is made from one file of ``content/`` by one kind of mutation (alias bombs,
self-referencing aliases, YAML tags, huge numbers, control characters, NUL, bad UTF-8,
deep nesting, private markers, broken structure...), drawn from ``random.Random`` seeded
by the mutant's number, so the same seed gives the same mutants on every machine.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "content"
SEED = 11
COUNT = 360


@dataclass(frozen=True)
class Mutant:
    number: int
    kind: str
    collection: str
    name: str
    """The file name the mutant is read as (``2021-11-08-allies-group.md``)."""
    raw: bytes

    @property
    def shown(self) -> str:
        return f"content/{self.collection}/{self.name}"


# ---------------------------------------------------------------------- the sample


def sample_files(content: Path = SAMPLE) -> list[tuple[str, str, str]]:
    """``(collection, file name, text)`` of every Markdown file of the sample content."""
    return [
        (path.parent.name, path.name, path.read_text(encoding="utf-8"))
        for path in sorted(content.glob("*/*.md"))
    ]


def _split(text: str) -> tuple[list[str], str]:
    """The front-matter lines (without the ``---`` lines) and the rest after them."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    return lines[1:end], "\n".join(lines[end:])


def _join(front: list[str], rest: str) -> str:
    return "\n".join(["---", *front, rest])


def _field_lines(front: list[str]) -> list[int]:
    """Indexes of top-level ``field: value`` lines."""
    return [i for i, line in enumerate(front) if line and line[0].isalpha() and ":" in line]


def _with_value(rng: random.Random, front: list[str], value: str) -> list[str]:
    """``front`` with one top-level field's value (on its line) replaced by ``value``."""
    at = rng.choice(_field_lines(front))
    key = front[at].split(":", 1)[0]
    return [*front[:at], f"{key}: {value}", *front[at + 1 :]]


def _inserted(rng: random.Random, front: list[str], lines: list[str]) -> list[str]:
    at = rng.choice([0, *(i + 1 for i in _field_lines(front))])
    at = min(at, len(front))
    return [*front[:at], *lines, *front[at:]]


# ---------------------------------------------------------------------- mutations

Mutation = Callable[[random.Random, list[str], str], str | bytes]


def alias_bomb(rng: random.Random, front: list[str], rest: str) -> str:
    levels = rng.choice([3, 5, 7, 9])
    lines = ["a0: &a0 [" + ", ".join(["lol"] * 9) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    target = rng.choice(["summary", "decisions", "bomb", "title"])
    lines.append(f"{target}: *a{levels - 1}")
    return _join([*front, *lines], rest)


def self_alias(rng: random.Random, front: list[str], rest: str) -> str:
    shape = rng.choice(
        [
            "loop: &r {a: *r}",
            "loop: &r [*r]",
            "loop: &r [a, [b, *r]]",
            "&k key: *k",
            "x: *undefined",
        ]
    )
    return _join(_inserted(rng, front, [shape]), rest)


def shared_value(rng: random.Random, front: list[str], rest: str) -> str:
    lines = rng.choice(
        [
            ["shared: &people [graham-hart, lizzie-cain]", "present: *people"],
            ["base: &b {date: 2022-01-25, start: '14:00'}", "next_meeting:", "  <<: *b"],
            ["next_meeting:", "  <<: {date: 2022-01-25}", "  <<: {start: '14:00'}"],
            ["summary: &s Same words", "purpose: *s"],
        ]
    )
    return _join(_inserted(rng, front, lines), rest)


TAGS = [
    "!!float .inftrue",
    "!!float 1.5",
    "!!timestamp 2021-13-45",
    "!!timestamp 2021-11-08",
    "!!int 12abc",
    "!!int '7'",
    "!!bool maybe",
    "!!null x",
    "!!binary aGVsbG8=",
    "!!binary '%%%'",
    "!!set {a, b}",
    "!!omap [a: 1, a: 2]",
    "!!pairs [a: 1]",
    "!!python/object:os.system x",
    "!!python/name:os.system ''",
    "!!python/tuple [1, 2]",
    "!custom value",
    "!Important notice",
    "!<tag:example.org,2002:x> y",
    "!!str 14:00",
    "! plain",
    "!!map [a, b]",
    "!!seq {a: 1}",
]


def tagged(rng: random.Random, front: list[str], rest: str) -> str:
    return _join(_with_value(rng, front, rng.choice(TAGS)), rest)


def huge_number(rng: random.Random, front: list[str], rest: str) -> str:
    digits = rng.choice([17, 40, 4300, 4301, 5000, 100_000])
    value = rng.choice(
        [
            "9" * digits,
            "-" + "1" * digits,
            "1" + "_0" * digits,
            "1e999",
            "-1e400",
            "1" + "0" * digits + ".5",
            f"{rng.choice(['', '-'])}0.{'0' * digits}1e-{digits}",
        ]
    )
    return _join(_with_value(rng, front, value), rest)


CONTROLS = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)]
CONTROLS += ["\x7f", "\x80", "\x9f", "\ufffe", "\uffff", "\x00\x00"]


def control_character(rng: random.Random, front: list[str], rest: str) -> str:
    text = _join(front, rest)
    char = rng.choice(CONTROLS)
    where = rng.choice(["front", "front", "body", "escaped"])
    if where == "escaped":
        escape = "\\x00" if char == "\x00\x00" else f"\\x{ord(char[0]):02x}"
        return _join(_with_value(rng, front, f'"before{escape}after"'), rest)
    end = len(_join(front, "")) if where == "front" else len(text)
    start = 4 if where == "front" else len(_join(front, "")) + 4
    at = rng.randrange(start, max(start + 1, end))
    return text[:at] + char + text[at:]


BAD_BYTES = [b"\xff", b"\xfe\xff", b"\xc3(", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x80"]


def bad_utf8(rng: random.Random, front: list[str], rest: str) -> bytes:
    raw = _join(front, rest).encode("utf-8")
    at = rng.randrange(0, len(raw))
    return raw[:at] + rng.choice(BAD_BYTES) + raw[at:]


def deep_nesting(rng: random.Random, front: list[str], rest: str) -> str:
    depth = rng.choice([30, 200, 500, 998, 999, 1000, 5000])
    shape = rng.choice(["list", "map", "block", "mixed"])
    if shape == "list":
        value = "[" * depth + "]" * depth
    elif shape == "map":
        value = "{a: " * depth + "x" + "}" * depth
    elif shape == "mixed":
        value = "[{a: " * (depth // 2) + "x" + "}]" * (depth // 2)
    else:
        depth = min(depth, 300)
        lines = ["deep:"] + [" " * (2 * level) + "a:" for level in range(1, depth)]
        return _join(_inserted(rng, front, [*lines, " " * (2 * depth) + "x"]), rest)
    return _join(_with_value(rng, front, value), rest)


PRIVATE_VALUES = [
    "|\n  Public words.\n  ::: private\n  Private words.\n  :::",
    ">\n  Public words.\n  ::: private\n  Private words.\n  :::",
    "'::: private'",
    '"Public.\\n::: private\\nSecret\\n:::"',
    "|\n  :::\n  closing only",
]


def private_marker(rng: random.Random, front: list[str], rest: str) -> str:
    return _join(_with_value(rng, front, rng.choice(PRIVATE_VALUES)), rest)


def broken_structure(rng: random.Random, front: list[str], rest: str) -> str:
    lines = list(front)
    action = rng.choice(["delete", "duplicate", "swap", "indent", "unindent", "truncate", "value"])
    at = rng.randrange(len(lines))
    if action == "delete":
        del lines[at]
    elif action == "duplicate":
        lines.insert(at, lines[at])
    elif action == "swap" and len(lines) > 1:
        other = rng.randrange(len(lines))
        lines[at], lines[other] = lines[other], lines[at]
    elif action == "indent":
        lines[at] = "   " + lines[at]
    elif action == "unindent":
        lines[at] = lines[at].lstrip()
    elif action == "truncate":
        text = _join(front, rest)
        return text[: rng.randrange(len(text))]
    else:
        value = rng.choice(
            [
                "[",
                "{",
                '"open',
                "'open",
                "null",
                "~",
                "[]",
                "{}",
                "- x",
                "a: b: c",
                "|",
                ">-",
                "'",
                '"',
                "@at",
                "`tick",
                "%percent",
                "? key",
                ": colon",
                "\t1",
                "[a, {b: [c]",
            ]
        )
        return _join(_with_value(rng, front, value), rest)
    return _join(lines, rest)


YAML_CHARS = [*":-?[]{}#&*!|>'\"%@`,\t\\", "\n", " ", "---", "...", "\ufeff", "\r"]


def stray_character(rng: random.Random, front: list[str], rest: str) -> str:
    text = _join(front, rest)
    end = len(_join(front, ""))
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(4, end)
        text = text[:at] + rng.choice(YAML_CHARS) + text[at:]
    return text


def oversized(rng: random.Random, front: list[str], rest: str) -> str:
    kind = rng.choice(["long-value", "long-key", "many-keys", "many-items", "long-line-body"])
    if kind == "long-value":
        return _join(_with_value(rng, front, "word " * 40_000), rest)
    if kind == "long-key":
        return _join(_inserted(rng, front, ["k" * 100_000 + ": v"]), rest)
    if kind == "many-keys":
        return _join(_inserted(rng, front, [f"key{i}: {i}" for i in range(3_000)]), rest)
    if kind == "many-items":
        return _join(_inserted(rng, front, ["present:"] + ["  - graham-hart"] * 20_000), rest)
    return _join(front, rest + "\n" + "x" * 200_000 + "\n")


def documents(rng: random.Random, front: list[str], rest: str) -> str:
    shape = rng.choice(
        [
            ["%YAML 1.1"],
            ["%TAG ! tag:example.org,2002:"],
            ["..."],
            ["--- second"],
            ["? [a, b]", ": complex key"],
            ["? {a: 1}", ": mapping key"],
            ["[a]: list key"],
            ["1: number key"],
            ["null: null key"],
            ['"a\\nb": key with a newline'],
            ["\ufeffbom: in the middle"],
        ]
    )
    return _join(_inserted(rng, front, shape), rest)


def line_endings(rng: random.Random, front: list[str], rest: str) -> str:
    text = _join(front, rest)
    return text.replace("\n", rng.choice(["\r\n", "\r", "\n\n", "\u2028", "\x85"]))


MUTATIONS: list[tuple[str, Mutation]] = [
    ("alias-bomb", alias_bomb),
    ("self-alias", self_alias),
    ("shared-value", shared_value),
    ("tag", tagged),
    ("huge-number", huge_number),
    ("control-character", control_character),
    ("bad-utf8", bad_utf8),
    ("deep-nesting", deep_nesting),
    ("private-marker", private_marker),
    ("broken-structure", broken_structure),
    ("stray-character", stray_character),
    ("oversized", oversized),
    ("documents", documents),
    ("line-endings", line_endings),
]


def mutants(seed: int = SEED, count: int = COUNT, content: Path = SAMPLE) -> list[Mutant]:
    """``count`` mutants, each kind in turn, each drawn from its own seeded generator."""
    files = sample_files(content)
    made = []
    for number in range(count):
        rng = random.Random(seed * 100_003 + number)
        kind, mutate = MUTATIONS[number % len(MUTATIONS)]
        collection, name, text = rng.choice(files)
        front, rest = _split(text)
        result = mutate(rng, front, rest)
        raw = result if isinstance(result, bytes) else result.encode("utf-8", "surrogatepass")
        made.append(Mutant(number, kind, collection, name, raw))
    return made
