"""Splitting files and reading front-matter: every failure names a line."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.parse import decode, parse_document, parse_yaml


def test_front_matter_and_body_are_split_with_key_lines() -> None:
    result = parse_document("---\ntitle: Hi\ndate: 2024-01-10\n---\n## Body\n")
    assert result.parsed is not None
    assert result.parsed.data == {"title": "Hi", "date": "2024-01-10"}
    assert result.parsed.lines == {"title": 2, "date": 3}
    assert result.parsed.body == "## Body\n"
    assert result.parsed.body_line == 5


def test_unquoted_times_stay_times_not_base_60_numbers() -> None:
    result = parse_document("---\nstart: 14:00\nend: 09:30\n---\n")
    assert result.parsed is not None
    assert result.parsed.data == {"start": "14:00", "end": "09:30"}


def test_yes_and_no_stay_words_and_leading_zeros_stay_text() -> None:
    result = parse_yaml("a: no\nb: true\nc: 0123\nd: 12\ne: 2.5\n")
    assert result.parsed is not None
    assert result.parsed.data == {"a": "no", "b": True, "c": "0123", "d": 12, "e": 2.5}


def test_dates_are_read_as_text_so_impossible_dates_can_be_named() -> None:
    result = parse_yaml("date: 2021-02-30\n")
    assert result.parsed is not None
    assert result.parsed.data["date"] == "2021-02-30"
    assert not isinstance(result.parsed.data["date"], dt.date)


def test_nested_keys_and_list_items_have_lines() -> None:
    text = "---\nactions:\n  - id: a1\n    owners:\n      - ada\n  - id: a2\n---\n"
    result = parse_document(text)
    assert result.parsed is not None
    lines = result.parsed.lines
    assert lines["actions"] == 2
    assert lines["actions[1]"] == 3
    assert lines["actions[1].owners[1]"] == 5
    assert lines["actions[2].id"] == 6


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 0, "the file is empty"),
        ("title: no boundary\n", 1, "must start with a line '---'"),
        ("---\ntitle: open\n", 1, "not closed"),
        ("---\n---\nbody\n", 1, "front-matter is empty"),
        ("---\n- a\n- b\n---\n", 2, "must be a list of 'field: value' lines"),
        ("---\ntitle: a: b\n---\n", 2, "a value containing ': ' must be put in quotes"),
        ("---\ntitle: x\nlist: [a, b\n---\n", 4, "broken YAML"),
    ],
)
def test_unreadable_front_matter_is_reported_with_its_line(
    text: str, line: int, fragment: str
) -> None:
    result = parse_document(text)
    assert result.parsed is None
    assert len(result.issues) == 1
    assert result.issues[0].line == line
    assert fragment in result.issues[0].message


def test_a_key_given_twice_is_reported_at_the_second_with_the_first() -> None:
    result = parse_document("---\ntitle: a\nsummary: b\ntitle: c\n---\n")
    assert [(i.line, i.field) for i in result.issues] == [(4, "title")]
    assert "also on line 2" in result.issues[0].message


def test_non_utf8_bytes_are_named_with_their_line() -> None:
    text, issue = decode(b"---\ntitle: caf\xe9\n---\n")
    assert text is None
    assert issue is not None
    assert issue.line == 2
    assert "not UTF-8" in issue.message


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    text, issue = decode("\ufeff---\ntitle: x\n---\n".encode())
    assert issue is None
    assert text is not None and text.startswith("---")
