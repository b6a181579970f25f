"""Split a content file into YAML front-matter and Markdown body.

This module reads text, never files, so it can be tested without a disk. It
keeps the line of every key so later checks can point at it.

YAML 1.1 guesses types from bare words in ways editors do not expect: an
unquoted ``14:00`` becomes the integer 840 (base 60), ``2021-02-30`` fails
while being turned into a date, ``no`` becomes ``False`` and ``0123`` an
octal number. Our loader only recognises decimal numbers, ``true``/``false``
and nulls; everything else stays text, and the schema gives dates and times
their meaning with messages an editor can act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

_BOUNDARY: re.Pattern[str] = YAMLHandler.FM_BOUNDARY

_KEPT_TAGS = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:merge"}


class _Loader(yaml.CSafeLoader):
    """A safe loader whose implicit types are decimal numbers, booleans and null."""


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
    return _read_yaml(yaml_text, offset, body, body_line)


def parse_yaml(text: str) -> ParseResult:
    """Read a whole YAML file (such as ``site.yaml``) as front-matter without a body."""
    if not text.strip():
        return ParseResult(ParsedFile({}, {}, "", 0))
    return _read_yaml(text, 0, "", 0)


def _read_yaml(yaml_text: str, offset: int, body: str, body_line: int) -> ParseResult:
    loader = _Loader(yaml_text)
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
        lines: dict[str, int] = {}
        errors: list[ReadIssue] = []
        _index_lines(node, "", offset, lines, errors)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = offset + mark.line + 1 if mark is not None else offset + 1
        tabbed = _tab_indented(yaml_text, line - offset)
        if tabbed:
            message = (
                "this line is indented with a tab character, and YAML needs spaces: "
                "replace the tab with spaces"
            )
            return ParseResult(None, [ReadIssue(offset + tabbed, "", f"broken YAML: {message}")])
        what = err.problem or err.context or "it is not valid YAML"
        where = _yaml_context(err, offset, line)
        return ParseResult(
            None, [ReadIssue(line, "", f"broken YAML: {what}{_yaml_hint(err)}{where}")]
        )
    except yaml.YAMLError as err:  # pragma: no cover - libyaml reports everything as marked
        return ParseResult(None, [ReadIssue(offset + 1, "", f"broken YAML: {err}")])
    finally:
        loader.dispose()
    return ParseResult(ParsedFile(data, lines, body, body_line), errors)


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
    template = _CONTEXTS.get(err.context, err.context + " that starts on line {line}")
    return "; " + template.format(line=start)


def _tab_indented(yaml_text: str, line: int) -> int:
    """The line, at or just before ``line`` (1-based), indented with a tab; 0 if none."""
    lines = yaml_text.split("\n")
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            text = lines[number - 1]
            if "\t" in text[: len(text) - len(text.lstrip(" \t"))]:
                return number
    return 0


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
    node: yaml.Node, path: str, offset: int, lines: dict[str, int], errors: list[ReadIssue]
) -> None:
    """Record the line of every key, and report duplicate or non-text keys."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = offset + key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                errors.append(ReadIssue(line, path, "a field name must be plain text"))
                continue
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            if key in seen:
                errors.append(
                    ReadIssue(line, child, f"'{key}' is given twice (also on line {seen[key]})")
                )
            seen[key] = line
            lines[child] = line
            _index_lines(value_node, child, offset, lines, errors)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value, start=1):
            child = f"{path}[{index}]"
            lines[child] = offset + item.start_mark.line + 1
            _index_lines(item, child, offset, lines, errors)
