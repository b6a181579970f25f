"""Split a content file into YAML front-matter and Markdown body.

This module reads text, never files, so it can be tested without a disk. It
keeps the line of every key so later checks can point at it, and turns what
:mod:`sitegen.yamlsafe` refuses (aliases, tags, huge numbers, control
characters, private markers) into problems at the file's lines. Dates and
times stay text: the schema gives them their meaning with messages an editor
can act on.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from sitegen.values import plural
from sitegen.yamlsafe import (
    MAX_DEPTH,
    MERGE_KEY,
    TOO_DEEP,
    UNPUBLISHABLE,
    BoundedLoader,
    describe_character,
    is_merge_key,
    refused_constructs,
    text_problems,
)

_BOUNDARY: re.Pattern[str] = YAMLHandler.FM_BOUNDARY

_SHOWN_PER_FILE = 10


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
    harmless = _read_yaml(UNPUBLISHABLE.sub("\ufffd", yaml_text), offset, "", 0).parsed
    if harmless is not None:
        keys = sorted(harmless.lines.items(), key=lambda item: item[1])
        for number, issue in enumerate(issues):
            above = [path for path, line in keys if line <= issue.line]
            if above:
                issues[number] = ReadIssue(issue.line, above[-1], issue.message)
    return ParseResult(None, issues)


def unpublishable_characters(text: str, first_line: int, field: str = "") -> list[ReadIssue]:
    """A problem for each line holding a character that cannot be published (the first few)."""
    issues: list[ReadIssue] = []
    line, counted = first_line, 0
    found = UNPUBLISHABLE.search(text)
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
        found = UNPUBLISHABLE.search(text, line_end)
    return _capped(issues)


def _read_yaml(yaml_text: str, offset: int, body: str, body_line: int) -> ParseResult:
    constructs, after = refused_constructs(yaml_text)
    if constructs:
        refused = [ReadIssue(offset + line + 1, "", why) for line, why in constructs]
        return ParseResult(None, _capped(refused + ([_broken(after, offset)] if after else [])))
    loader = BoundedLoader(yaml_text)
    lines: dict[str, int] = {}
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
        if not _index_lines(node, "", offset, lines, errors, 0):
            return ParseResult(None, errors)
        data = loader.construct_document(node)
        if loader.refused:
            refused = [
                ReadIssue(offset + value.start_mark.line + 1, _field_of(node, value), why)
                for value, why in loader.refused
            ]
            return ParseResult(None, _capped(refused))
    except yaml.MarkedYAMLError as err:
        tabbed = _tab_indented(yaml_text, _line_of(err, offset) - offset)
        if tabbed:
            message = (
                "this line is indented with a tab character, and YAML needs spaces: "
                "replace the tab with spaces"
            )
            return ParseResult(None, [ReadIssue(offset + tabbed, "", f"broken YAML: {message}")])
        return ParseResult(None, [_broken(err, offset)])
    except yaml.reader.ReaderError as err:
        # Not expected after unpublishable_characters, but libyaml gives a byte position only.
        line = offset + yaml_text.encode("utf-8", "surrogatepass")[: err.position].count(b"\n") + 1
        return ParseResult(None, [ReadIssue(line, "", f"broken YAML: {err.reason}")])
    finally:
        loader.dispose()
    return ParseResult(ParsedFile(data, lines, body, body_line), errors)


def _line_of(err: yaml.MarkedYAMLError, offset: int) -> int:
    mark = err.problem_mark or err.context_mark
    return offset + mark.line + 1 if mark is not None else offset + 1


def _broken(err: yaml.MarkedYAMLError, offset: int) -> ReadIssue:
    line = _line_of(err, offset)
    what = err.problem or err.context or "it is not valid YAML"
    if what == "exceeded maximum nesting depth":  # libyaml's own bound, past ours
        return ReadIssue(line, "", TOO_DEEP)
    where = _yaml_context(err, offset, line)
    return ReadIssue(line, "", f"broken YAML: {what}{_yaml_hint(err)}{where}")


def _capped(issues: list[ReadIssue]) -> list[ReadIssue]:
    """The first few distinct issues, and how many more there are."""
    unique = list(dict.fromkeys(issues))
    if len(unique) <= _SHOWN_PER_FILE:
        return unique
    rest = unique[_SHOWN_PER_FILE:]
    more = ReadIssue(rest[0].line, "", f"{plural(len(rest), 'more problem')} like these follow")
    return [*unique[:_SHOWN_PER_FILE], more]


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
    node: yaml.Node,
    path: str,
    offset: int,
    lines: dict[str, int],
    errors: list[ReadIssue],
    depth: int,
) -> bool:
    """Record the line of every key; report duplicate or non-text keys and what a text
    may not hold. False when the front-matter must not be read further: a merge key, or
    nesting too deep for any field (and for reading it without running out of stack)."""
    if depth > MAX_DEPTH:
        errors.append(ReadIssue(offset + node.start_mark.line + 1, path, TOO_DEEP))
        return False
    readable = True
    if isinstance(node, yaml.ScalarNode):
        if node.style == '"' or ":::" in node.value:  # decided here: this runs for every value
            line = offset + node.start_mark.line + 1
            errors.extend(ReadIssue(line, path, why) for why in text_problems(node))
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
                errors.extend(ReadIssue(line, child, why) for why in text_problems(key_node))
            if is_merge_key(key_node):
                errors.append(ReadIssue(line, path, MERGE_KEY))
                readable = False
                continue
            if key in seen:
                errors.append(
                    ReadIssue(line, child, f"'{key}' is given twice (also on line {seen[key]})")
                )
            seen[key] = line
            # Interned: every file has the same field names, and the site keeps them all.
            lines[sys.intern(child)] = line
            readable &= _index_lines(value_node, child, offset, lines, errors, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value, start=1):
            child = sys.intern(f"{path}[{index}]")
            lines[child] = offset + item.start_mark.line + 1
            readable &= _index_lines(item, child, offset, lines, errors, depth + 1)
    return readable


def _field_of(root: yaml.Node, wanted: yaml.Node, path: str = "") -> str:
    """The field path of node ``wanted`` under ``root`` (only looked for when a value is
    refused, so the walk over every value need not record it)."""
    if root is wanted:
        return path
    children: list[tuple[str, yaml.Node]] = []
    if isinstance(root, yaml.MappingNode):
        children = [(f"{path}.{k.value}" if path else str(k.value), v) for k, v in root.value]
    elif isinstance(root, yaml.SequenceNode):
        children = [(f"{path}[{n}]", item) for n, item in enumerate(root.value, start=1)]
    for child_path, child in children:
        found = _field_of(child, wanted, child_path)
        if found:
            return found
    return ""
