"""The YAML that front-matter may use, read within bounds.

YAML 1.1 guesses types from bare words in ways editors do not expect: an
unquoted ``14:00`` becomes the integer 840 (base 60), ``2021-02-30`` fails
while being turned into a date, ``no`` becomes ``False`` and ``0123`` an
octal number. :class:`BoundedLoader` only recognises decimal numbers,
``true``/``false`` and nulls; everything else stays text.

Front-matter is written by people, and sometimes comes from elsewhere, so the
reader is bounded: YAML anchors, aliases and merge keys are refused (editors do
not need them, and they are how a 1 kB file becomes gigabytes, or a value that
contains itself), so are explicit tags other than ``!!str``, numbers beyond
what JSON readers hold exactly, nesting deeper than any field needs, and
characters that cannot be published (control characters, written raw or as
escapes). Each refusal here is a line (0-based, within the YAML text) and a
message; :mod:`sitegen.parse` turns them into the file's lines.
"""

from __future__ import annotations

import math
import re

import yaml

_KEPT_TAGS = {"tag:yaml.org,2002:null"}
ACCEPTED_TAGS = frozenset({"tag:yaml.org,2002:str"})
"""The only explicit tag accepted: ``!!str`` makes a value text, as quotes do."""
LARGEST_NUMBER = 2**53 - 1
"""Larger numbers are not held exactly by the JSON readers of the open data."""
MAX_DEPTH = 10
"""Levels of nesting allowed; the deepest field (``actions[1].owners[1]``) needs four."""
UNPUBLISHABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters YAML does not allow and HTML and XML cannot carry: C0 and C1 controls but
tab and line ends, DEL, lone surrogates and the non-characters U+FFFE and U+FFFF."""
_PRIVATE_MARKER = re.compile(r"(?:^|\s)(:{3,}(?:\s*private\b)?)(?=\s|$)", re.I | re.M)
"""``::: private`` or a bare ``:::`` in a front-matter text, on its own line or folded into
one: markers work in the body only, and front-matter is published as written."""
_SPECIAL = re.compile(r"[&*!]")
"""A text without these has no anchor, alias or tag: it needs no scan of its events."""

Refusal = tuple[int, str]
"""A 0-based line within the YAML text, and what is wrong there."""


class BoundedLoader(yaml.CSafeLoader):
    """A safe loader whose implicit types are decimal numbers, booleans and null.

    It notes the values it refuses and goes on, so a file's every refusal is reported.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.refused: list[tuple[yaml.Node, str]] = []

    def refuse(self, node: yaml.Node, problem: str) -> None:
        self.refused.append((node, problem))


BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag in _KEPT_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
BoundedLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
BoundedLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789")
)
BoundedLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


def _number_text(loader: BoundedLoader, node: yaml.Node) -> str:
    assert isinstance(node, yaml.ScalarNode)
    return str(loader.construct_scalar(node)).replace("_", "")


def _out_of_range(loader: BoundedLoader, node: yaml.Node, text: str) -> None:
    shown = text if len(text) <= 20 else f"{text[:8]}...{text[-4:]} ({len(text)} characters)"
    loader.refuse(
        node,
        f"the number {shown} is out of range: numbers must lie between "
        f"-{LARGEST_NUMBER:,} and {LARGEST_NUMBER:,}",
    )


def _construct_int(loader: BoundedLoader, node: yaml.Node) -> int | None:
    text = _number_text(loader, node)
    # Checked by length first: converting thousands of digits is slow, and refused by Python.
    if len(text.lstrip("+-")) > len(str(LARGEST_NUMBER)) or abs(int(text)) > LARGEST_NUMBER:
        _out_of_range(loader, node, text)
        return None
    return int(text)


def _construct_float(loader: BoundedLoader, node: yaml.Node) -> float | None:
    text = _number_text(loader, node)
    value = float(text)
    if not math.isfinite(value) or abs(value) > LARGEST_NUMBER:
        _out_of_range(loader, node, text)
        return None
    return value


BoundedLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
BoundedLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def describe_character(char: str) -> str:
    """``a control character (U+0007, bell)`` and the like, for messages."""
    code = ord(char)
    name = _CHARACTER_NAMES.get(code)
    if 0xD800 <= code <= 0xDFFF:
        what = "a lone surrogate"
    elif code in (0xFFFE, 0xFFFF):
        what = "a non-character"
    else:
        what = "a control character"
    return f"{what} (U+{code:04X}{', ' + name if name else ''})"


_CHARACTER_NAMES = {
    0x00: "NUL",
    0x07: "bell",
    0x08: "backspace",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x1B: "escape",
    0x7F: "delete",
    0x85: "next line",
}


def refused_constructs(yaml_text: str) -> tuple[list[Refusal], yaml.MarkedYAMLError | None]:
    """Anchors, aliases and explicit tags, each at its line, and any syntax error after them.

    They are found in the parser's events, before any node is composed, so an
    alias bomb or a value that contains itself is never built.
    """
    found: list[Refusal] = []
    if not _SPECIAL.search(yaml_text):
        return found, None
    loader = BoundedLoader(yaml_text)
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line if event and event.start_mark else 0
            if isinstance(event, yaml.AliasEvent):
                found.append((line, _refusal(f"*{event.anchor}", "alias")))
                continue
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                found.append((line, _refusal(f"&{anchor}", "anchor")))
            tag = getattr(event, "tag", None)
            if tag is not None and tag not in ACCEPTED_TAGS:
                found.append((line, _refusal(_short_tag(tag), "tag")))
    except yaml.MarkedYAMLError as err:
        return found, err
    except yaml.YAMLError:
        pass  # reported when the text is read for its values
    finally:
        loader.dispose()
    return found, None


def _refusal(written: str, what: str) -> str:
    return (
        f"'{written}' is a YAML {what}, which sitegen does not accept: "
        + ("write the value out in full" if what == "alias" else "remove it")
        + f" (text starting with '{written[0]}' needs quotes)"
    )


def _short_tag(tag: str) -> str:
    """A tag as it is written: ``!!float``, ``!custom``, ``!<tag:example.org,2002:x>``."""
    if tag.startswith("tag:yaml.org,2002:"):
        return "!!" + tag.removeprefix("tag:yaml.org,2002:")
    return tag if tag.startswith("!") else f"!<{tag}>"


MERGE_KEY = "'<<' (a YAML merge key) is not accepted: write each field out"
TOO_DEEP = f"values are nested more than {MAX_DEPTH} levels deep"


def is_merge_key(node: yaml.ScalarNode) -> bool:
    return node.value == "<<" and not node.style  # plain, not quoted


def text_problems(node: yaml.ScalarNode) -> list[str]:
    """What a text may not hold: control characters written as escapes, private markers."""
    value = str(node.value)
    found: list[str] = []
    if node.style == '"':  # only escapes in double quotes can make what the file cannot hold
        character = UNPUBLISHABLE.search(value)
        if character is not None:
            found.append(
                f"the text holds {describe_character(character.group())}, written as an "
                "escape; it cannot be published: remove it"
            )
    marker = _PRIVATE_MARKER.search(value)
    if marker is not None:
        found.append(
            f"holds '{marker.group(1)}', but only the body (below the closing '---') can "
            "withhold text: front-matter is published as written. Move the private text "
            "into a '::: private' block in the body, or delete it"
        )
    return found
