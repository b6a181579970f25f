"""Split a content file into YAML front-matter and Markdown body.

This module reads text, never files, so it can be tested without a disk. It
keeps the line of every key so later checks can point at it.

YAML 1.1 guesses types from bare words in ways editors do not expect: an
unquoted ``14:00`` becomes the integer 840 (base 60), ``2021-02-30`` fails
while being turned into a date, ``no`` becomes ``False`` and ``0123`` an
octal number. Our loader only recognises decimal numbers, ``true``/``false``
and nulls; everything else stays text, and the schema gives dates and times
their meaning with messages an editor can act on.

Front-matter is written by people, and sometimes comes from elsewhere, so the
reader is bounded: YAML anchors, aliases and merge keys are refused (editors do
not need them, and they are how a 1 kB file becomes gigabytes or a loop), so
are explicit tags other than ``!!str``, numbers beyond what JSON readers hold
exactly, nesting deeper than any field needs, and characters that cannot be
published (control characters, written raw or as escapes). Each refusal names
its line.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from sitegen.values import plural

_BOUNDARY: re.Pattern[str] = YAMLHandler.FM_BOUNDARY

_KEPT_TAGS = {"tag:yaml.org,2002:null"}
_STR_TAG = "tag:yaml.org,2002:str"
_ACCEPTED_TAGS = frozenset({_STR_TAG})
"""The only explicit tag accepted: ``!!str`` makes a value text, as quotes do."""
LARGEST_NUMBER = 2**53 - 1
"""Larger numbers are not held exactly by the JSON readers of the open data."""
MAX_DEPTH = 10
"""Levels of nesting allowed; the deepest field (``actions[1].owners[1]``) needs four."""
_UNPUBLISHABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters YAML does not allow and HTML and XML cannot carry: C0 and C1 controls but
tab and line ends, DEL, lone surrogates and the non-characters U+FFFE and U+FFFF."""
_PRIVATE_MARKER = re.compile(r"(?:^|\s)(:{3,}(?:\s*private\b)?)(?=\s|$)", re.I | re.M)
"""``::: private`` or a bare ``:::`` in a front-matter text, on its own line or folded into
one: markers work in the body only, and front-matter is published as written."""
_SPECIAL = re.compile(r"[&*!]")
"""A text without these has no anchor, alias or tag: it needs no scan of its events."""
_SHOWN_PER_FILE = 10


class _Loader(yaml.CSafeLoader):
    """A safe loader whose implicit types are decimal numbers, booleans and null.

    It notes the values it refuses and goes on, so a file's every refusal is reported.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.refused: list[tuple[yaml.Node, str]] = []

    def refuse(self, node: yaml.Node, problem: str) -> None:
        self.refused.append((node, problem))


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag in _KEPT_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


def _number_text(loader: _Loader, node: yaml.Node) -> str:
    assert isinstance(node, yaml.ScalarNode)
    return str(loader.construct_scalar(node)).replace("_", "")


def _out_of_range(loader: _Loader, node: yaml.Node, text: str) -> None:
    shown = text if len(text) <= 20 else f"{text[:8]}...{text[-4:]} ({len(text)} characters)"
    loader.refuse(
        node,
        f"the number {shown} is out of range: numbers must lie between "
        f"-{LARGEST_NUMBER:,} and {LARGEST_NUMBER:,}",
    )


def _construct_int(loader: _Loader, node: yaml.Node) -> int | None:
    text = _number_text(loader, node)
    # Checked by length first: converting thousands of digits is slow, and refused by Python.
    if len(text.lstrip("+-")) > len(str(LARGEST_NUMBER)) or abs(int(text)) > LARGEST_NUMBER:
        _out_of_range(loader, node, text)
        return None
    return int(text)


def _construct_float(loader: _Loader, node: yaml.Node) -> float | None:
    text = _number_text(loader, node)
    value = float(text)
    if not math.isfinite(value) or abs(value) > LARGEST_NUMBER:
        _out_of_range(loader, node, text)
        return None
    return value


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


@dataclass(frozen=True)
class ParsedFile:
    """A content file after splitting and reading its front-matter."""

    data: dict[str, Any]
    """The front-matter as plain Python values (text, numbers, lists, mappings)."""
    lines: dict[str, int]
    """1-based line of each key, by field path (``actions[2].owners``)."""
    body: str
    """The Markdown after the closing ``---``."""
    body_line: int
    """1-based line where the body starts in the file."""


@dataclass(frozen=True)
class ReadIssue:
    """Why a file could not be read at all."""

    line: int
    field: str
    message: str


@dataclass
class ParseResult:
    parsed: ParsedFile | None
    issues: list[ReadIssue] = field(default_factory=list)


def decode(raw: bytes) -> tuple[str | None, ReadIssue | None]:
    """Bytes to text, naming the line of the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, ReadIssue(
            line,
            "",
            f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x} at line {line}); "
            "save it with UTF-8 encoding",
        )


def parse_document(text: str) -> ParseResult:
    """Split ``text`` into front-matter and body and read the front-matter."""
    if not text.strip():
        return ParseResult(None, [ReadIssue(0, "", "the file is empty; it needs front-matter")])
    first = _BOUNDARY.match(text)
    if first is None:
        return ParseResult(
            None,
            [
                ReadIssue(
                    1, "", "the file must start with a line '---', then the fields, then '---'"
                )
            ],
        )
    closing = _BOUNDARY.search(text, first.end())
    if closing is None:
        return ParseResult(
            None,
            [ReadIssue(1, "", "the front-matter is not closed: add a line '---' after the fields")],
        )
    yaml_text = text[first.end() : closing.start()]
    offset = text.count("\n", 0, first.end())
    body_line = text.count("\n", 0, closing.end()) + 2
    body = text[closing.end() :].removeprefix("\n")
    unpublishable = unpublishable_characters(yaml_text, offset + 1)
    result = (
        _unreadable(unpublishable, yaml_text, offset)
        if unpublishable
        else _read_yaml(yaml_text, offset, body, body_line)
    )
    result.issues.extend(unpublishable_characters(body, body_line, "body"))
    return result


def parse_yaml(text: str) -> ParseResult:
    """Read a whole YAML file (such as ``site.yaml``) as front-matter without a body."""
    if not text.strip():
        return ParseResult(ParsedFile({}, {}, "", 0))
    unpublishable = unpublishable_characters(text, 1)
    if unpublishable:
        return _unreadable(unpublishable, text, 0)
    return _read_yaml(text, 0, "", 0)


def _unreadable(issues: list[ReadIssue], yaml_text: str, offset: int) -> ParseResult:
    """The file cannot be read for what it holds: name the field of each line that does.

    The fields are found by reading the text with those characters made harmless.
    """
    harmless = _read_yaml(_UNPUBLISHABLE.sub("\ufffd", yaml_text), offset, "", 0).parsed
    if harmless is not None:
        keys = sorted(harmless.lines.items(), key=lambda item: item[1])
        for number, issue in enumerate(issues):
            above = [path for path, line in keys if line <= issue.line]
            if above:
                issues[number] = ReadIssue(issue.line, above[-1], issue.message)
    return ParseResult(None, issues)


def describe_character(char: str) -> str:
    """``a control character (U+0007, BEL)`` and the like, for messages."""
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


def unpublishable_characters(text: str, first_line: int, field: str = "") -> list[ReadIssue]:
    """A problem for each line holding a character that cannot be published (the first few)."""
    issues: list[ReadIssue] = []
    line, counted = first_line, 0
    found = _UNPUBLISHABLE.search(text)
    while found is not None:
        line += text.count("\n", counted, found.start())
        line_start = text.rfind("\n", 0, found.start()) + 1
        issues.append(
            ReadIssue(
                line,
                field,
                f"holds {describe_character(found.group())} at column "
                f"{found.start() - line_start + 1}, which cannot be published: delete it",
            )
        )
        line_end = text.find("\n", found.start())
        if line_end < 0:
            break
        counted = line_end
        found = _UNPUBLISHABLE.search(text, line_end)
    return _capped(issues)


def _read_yaml(yaml_text: str, offset: int, body: str, body_line: int) -> ParseResult:
    refused = _refused_constructs(yaml_text, offset)
    if refused:
        return ParseResult(None, refused)
    loader = _Loader(yaml_text)
    lines: dict[str, int] = {}
    fields: dict[int, str] = {}
    try:
        node = loader.get_single_node()
        if node is None:
            return ParseResult(None, [ReadIssue(offset + 1, "", "the front-matter is empty")])
        if not isinstance(node, yaml.MappingNode):
            return ParseResult(
                None,
                [
                    ReadIssue(
                        offset + node.start_mark.line + 1,
                        "",
                        "the front-matter must be a list of 'field: value' lines",
                    )
                ],
            )
        errors: list[ReadIssue] = []
        if not _index_lines(node, "", offset, lines, fields, errors, 0):
            return ParseResult(None, errors)
        data = loader.construct_document(node)
        if loader.refused:
            refused = [
                ReadIssue(offset + node.start_mark.line + 1, fields.get(id(node), ""), why)
                for node, why in loader.refused
            ]
            return ParseResult(None, _capped(refused))
    except yaml.MarkedYAMLError as err:
        return ParseResult(None, [_broken(err, offset)])
    except yaml.reader.ReaderError as err:
        # Not expected after unpublishable_characters, but libyaml gives a byte position only.
        line = offset + yaml_text.encode("utf-8", "surrogatepass")[: err.position].count(b"\n") + 1
        return ParseResult(None, [ReadIssue(line, "", f"broken YAML: {err.reason}")])
    finally:
        loader.dispose()
    return ParseResult(ParsedFile(data, lines, body, body_line), errors)


def _broken(err: yaml.MarkedYAMLError, offset: int) -> ReadIssue:
    mark = err.problem_mark or err.context_mark
    line = offset + mark.line + 1 if mark is not None else offset + 1
    what = err.problem or err.context or "it is not valid YAML"
    if what == "exceeded maximum nesting depth":  # libyaml's own bound, past ours
        return ReadIssue(line, "", f"values are nested more than {MAX_DEPTH} levels deep")
    where = _yaml_context(err, offset, line)
    return ReadIssue(line, "", f"broken YAML: {what}{_yaml_hint(err)}{where}")


def _refused_constructs(yaml_text: str, offset: int) -> list[ReadIssue]:
    """Anchors, aliases and explicit tags, each named at its line.

    They are found in the parser's events, before any node is composed, so an
    alias bomb or a value that contains itself is never built.
    """
    if not _SPECIAL.search(yaml_text):
        return []
    issues: list[ReadIssue] = []
    loader = _Loader(yaml_text)
    try:
        while loader.check_event():
            event = loader.get_event()
            line = offset + event.start_mark.line + 1 if event and event.start_mark else offset + 1
            if isinstance(event, yaml.AliasEvent):
                issues.append(ReadIssue(line, "", _refusal(f"*{event.anchor}", "alias")))
                continue
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                issues.append(ReadIssue(line, "", _refusal(f"&{anchor}", "anchor")))
            tag = getattr(event, "tag", None)
            if tag is not None and tag not in _ACCEPTED_TAGS:
                issues.append(ReadIssue(line, "", _refusal(_short_tag(tag), "tag")))
    except yaml.MarkedYAMLError as err:
        if issues:
            issues.append(_broken(err, offset))
    except yaml.YAMLError:
        pass  # reported when the text is read for its values
    finally:
        loader.dispose()
    return _capped(issues)


def _capped(issues: list[ReadIssue]) -> list[ReadIssue]:
    """The first few distinct issues, and how many more there are."""
    unique = list(dict.fromkeys(issues))
    if len(unique) <= _SHOWN_PER_FILE:
        return unique
    rest = unique[_SHOWN_PER_FILE:]
    more = ReadIssue(rest[0].line, "", f"{plural(len(rest), 'more problem')} like these follow")
    return [*unique[:_SHOWN_PER_FILE], more]


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


_CONTEXTS = {
    "while parsing a flow sequence": "the list in [ ] that starts on line {line} is not closed",
    "while parsing a flow mapping": "the group in { } that starts on line {line} is not closed",
    "while scanning a quoted scalar": "the quotes opened on line {line} are not closed",
}


def _yaml_context(err: yaml.MarkedYAMLError, offset: int, line: int) -> str:
    """Where the construct that broke began, when that is another line."""
    if err.context_mark is None or err.context is None:
        return ""
    start = offset + err.context_mark.line + 1
    if start == line:
        return ""
    # libyaml's own words may hold braces ("the { } that..."): no str.format on them.
    template = _CONTEXTS.get(err.context, err.context + " that starts on line {line}")
    return "; " + template.replace("{line}", str(start))


def _yaml_hint(err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or ""
    if "mapping values are not allowed" in problem:
        return " (a value containing ': ' must be put in quotes)"
    if "found character '\\t'" in problem:
        return " (indent with spaces, not tabs)"
    if "could not find expected ':'" in problem:
        return " (each field needs 'name: value'; is a colon missing?)"
    return ""


def _index_lines(
    node: yaml.Node,
    path: str,
    offset: int,
    lines: dict[str, int],
    fields: dict[int, str],
    errors: list[ReadIssue],
    depth: int,
) -> bool:
    """Record the line of every key and the field of every value; report duplicate or
    non-text keys. False when the front-matter must not be read further: a merge key, or
    nesting too deep for any field (and for reading it without running out of stack)."""
    line = offset + node.start_mark.line + 1
    if depth > MAX_DEPTH:
        errors.append(
            ReadIssue(line, path, f"values are nested more than {MAX_DEPTH} levels deep")
        )
        return False
    readable = True
    if isinstance(node, yaml.ScalarNode):
        fields[id(node)] = path
        if node.style == '"' or ":::" in node.value:
            errors.extend(_text_problems(node, path, line))
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = offset + key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                errors.append(ReadIssue(line, path, "a field name must be plain text"))
                continue
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            if key_node.style == '"' or ":::" in key:
                errors.extend(_text_problems(key_node, child, line))
            if key == "<<" and not key_node.style:  # plain, not quoted
                errors.append(
                    ReadIssue(
                        line,
                        path,
                        "'<<' (a YAML merge key) is not accepted: write each field out",
                    )
                )
                readable = False
                continue
            if key in seen:
                errors.append(
                    ReadIssue(line, child, f"'{key}' is given twice (also on line {seen[key]})")
                )
            seen[key] = line
            lines[child] = line
            fields[id(key_node)] = child
            readable &= _index_lines(value_node, child, offset, lines, fields, errors, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value, start=1):
            child = f"{path}[{index}]"
            lines[child] = offset + item.start_mark.line + 1
            readable &= _index_lines(item, child, offset, lines, fields, errors, depth + 1)
    return readable


def _text_problems(node: yaml.ScalarNode, path: str, line: int) -> list[ReadIssue]:
    """What a text may not hold: control characters written as escapes, private markers."""
    value = str(node.value)
    found: list[ReadIssue] = []
    if node.style == '"':  # only escapes in double quotes can make what the file cannot hold
        character = _UNPUBLISHABLE.search(value)
        if character is not None:
            found.append(
                ReadIssue(
                    line,
                    path,
                    f"the text holds {describe_character(character.group())}, written as an "
                    "escape; it cannot be published: remove it",
                )
            )
    marker = _PRIVATE_MARKER.search(value)
    if marker is not None:
        found.append(
            ReadIssue(
                line,
                path,
                f"holds '{marker.group(1)}', but only the body (below the closing '---') can "
                "withhold text: front-matter is published as written. Move the private text "
                "into a '::: private' block in the body, or delete it",
            )
        )
    return found
