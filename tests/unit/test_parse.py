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


# ---------------------------------------------------------------------- hostile front-matter


def _only_issues(text: str) -> list[tuple[int, str, str]]:
    result = parse_document(text)
    assert result.parsed is None
    return [(i.line, i.field, i.message) for i in result.issues]


def test_an_alias_bomb_is_refused_at_its_lines_without_being_expanded() -> None:
    levels = ["a0: &a0 [" + ", ".join(["lol"] * 9) + "]"]
    levels += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 12)]
    text = "---\ntitle: x\n" + "\n".join(levels) + "\nsummary: *a11\n---\n"
    issues = _only_issues(text)
    assert issues[0] == (
        3,
        "",
        "'&a0' is a YAML anchor, which sitegen does not accept: remove it "
        "(text starting with '&' needs quotes)",
    )
    assert (4, "", issues[2][2]) == issues[2] and "'*a0' is a YAML alias" in issues[2][2]
    assert len(issues) == 11
    assert issues[-1][2] == "14 more problems like these follow"


@pytest.mark.parametrize("value", ["&r {a: *r}", "&r [*r]", "&r [a, [b, *r]]", "*nowhere"])
def test_a_value_that_contains_itself_or_nothing_is_an_error_not_a_crash(value: str) -> None:
    issues = _only_issues(f"---\ntitle: x\nloop: {value}\n---\n")
    assert issues and all(line == 3 for line, _, _ in issues)
    assert any("YAML alias" in message for _, _, message in issues)


def test_merge_keys_are_refused() -> None:
    issues = _only_issues("---\nnext_meeting:\n  <<: {date: 2024-01-10}\n---\n")
    assert issues == [
        (3, "next_meeting", "'<<' (a YAML merge key) is not accepted: write each field out")
    ]


def test_a_quoted_double_angle_is_an_ordinary_key() -> None:
    result = parse_document("---\n'<<': x\n---\n")
    assert result.parsed is not None and result.parsed.data == {"<<": "x"}


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!float .inftrue", "!!float"),
        ("!!timestamp 2021-13-45", "!!timestamp"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!!python/object:os.system x", "!!python/object:os.system"),
        ("!Important notice", "!Important"),
        ("! plain", "!"),
        ("!<tag:example.org,2002:x> y", "!<tag:example.org,2002:x>"),
    ],
)
def test_explicit_tags_are_refused_with_their_line(value: str, shown: str) -> None:
    assert _only_issues(f"---\ntitle: x\nsummary: {value}\n---\n") == [
        (
            3,
            "",
            f"'{shown}' is a YAML tag, which sitegen does not accept: remove it "
            "(text starting with '!' needs quotes)",
        )
    ]


def test_the_str_tag_is_accepted_as_quotes_are() -> None:
    result = parse_document("---\nstart: !!str 14:00\n---\n")
    assert result.parsed is not None and result.parsed.data == {"start": "14:00"}


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("9" * 5000, "99999999...9999 (5000 characters)"),
        ("-" + "1" * 4301, "-1111111...1111 (4302 characters)"),
        ("9007199254740992", "9007199254740992"),
        ("1.0e999", "1.0e999"),
        ("-1.0e400", "-1.0e400"),
        ("1" + "0" * 400 + ".5", "10000000...00.5 (403 characters)"),
    ],
)
def test_numbers_out_of_range_are_named_with_field_and_line(value: str, shown: str) -> None:
    text = f"---\ntitle: x\npayment:\n  amount: {value}\n  per: hour\n---\n"
    assert _only_issues(text) == [
        (
            4,
            "payment.amount",
            f"the number {shown} is out of range: numbers must lie between "
            "-9,007,199,254,740,991 and 9,007,199,254,740,991",
        )
    ]


def test_the_largest_exact_numbers_are_accepted() -> None:
    result = parse_document("---\na: 9007199254740991\nb: -9_007_199_254_740_991\nc: 1.5e15\n---\n")
    assert result.parsed is not None
    assert result.parsed.data == {"a": 2**53 - 1, "b": -(2**53 - 1), "c": 1.5e15}


def test_every_number_out_of_range_in_a_file_is_reported_at_once() -> None:
    issues = _only_issues("---\na: 1.5e999\nb:\n  - 99999999999999999999\n---\n")
    assert [(line, field) for line, field, _ in issues] == [(2, "a"), (4, "b[1]")]


@pytest.mark.parametrize(
    ("char", "named"),
    [
        ("\x00", "a control character (U+0000, NUL)"),
        ("\x07", "a control character (U+0007, bell)"),
        ("\x1b", "a control character (U+001B, escape)"),
        ("\x7f", "a control character (U+007F, delete)"),
        ("\x85", "a control character (U+0085, next line)"),
        ("\x9f", "a control character (U+009F)"),
        ("\ufffe", "a non-character (U+FFFE)"),
    ],
)
def test_control_characters_are_named_with_line_column_and_field(char: str, named: str) -> None:
    issues = _only_issues(f"---\ntitle: x\nsummary: >\n  Some wo{char}rds\n---\nbody\n")
    assert issues == [
        (4, "summary", f"holds {named} at column 10, which cannot be published: delete it")
    ]


def test_control_characters_in_the_body_are_named_with_their_line() -> None:
    result = parse_document("---\ntitle: x\n---\nfine\nbad\x0b\nbad\x00 too\x00\n")
    assert result.parsed is not None
    assert [(i.line, i.field, i.message[:28]) for i in result.issues] == [
        (5, "body", "holds a control character (U"),
        (6, "body", "holds a control character (U"),
    ]
    assert "column 4" in result.issues[0].message


def test_control_characters_written_as_escapes_are_refused_with_their_field() -> None:
    result = parse_document('---\ntitle: x\nmembers:\n  - role: "Chair\\x00"\n---\n')
    issues = [(i.line, i.field, i.message) for i in result.issues]
    assert issues == [
        (
            4,
            "members[1].role",
            "the text holds a control character (U+0000, NUL), written as an escape; it "
            "cannot be published: remove it",
        )
    ]


def test_libyaml_reader_errors_get_the_line_of_their_byte_position() -> None:
    from sitegen.parse import _read_yaml  # below the check that normally finds them first

    result = _read_yaml("title: é\nsummary: ok\nx: caf\x07\n", 10, "", 0)
    assert result.parsed is None
    assert [(i.line, i.field) for i in result.issues] == [(13, "")]
    assert "control characters are not allowed" in result.issues[0].message
    assert "position" not in result.issues[0].message


@pytest.mark.parametrize("depth", [11, 100, 998, 999, 1000, 5000])
def test_deep_nesting_is_refused_without_running_out_of_stack(depth: int) -> None:
    issues = _only_issues("---\ntitle: x\ndeep: " + "[" * depth + "]" * depth + "\n---\n")
    assert len(issues) == 1
    assert issues[0][0] == 3
    assert issues[0][2] == "values are nested more than 10 levels deep"


def test_nesting_that_fields_need_is_accepted() -> None:
    text = "---\nactions:\n  - id: a1\n    owners: [ada]\n    history: [[[[[[x]]]]]]\n---\n"
    assert parse_document(text).parsed is not None


def test_a_flow_mapping_left_open_over_lines_names_where_it_began() -> None:
    issues = _only_issues("---\nnext_meeting: {date: 2024-01-10,\nstart: 14:00\n---\n")
    assert len(issues) == 1
    assert "the group in { } that starts on line 2 is not closed" in issues[0][2]


@pytest.mark.parametrize(
    ("value", "marker"),
    [
        ("|\n    Public.\n    ::: private\n    Secret.\n    :::", "::: private"),
        (">\n    Public.\n    ::: private\n    Secret.\n    :::", "::: private"),
        ("'Public. :::private secret'", ":::private"),
        ("|\n    Closing only\n    :::", ":::"),
        ('"a\\n::::  Private\\nb"', "::::  Private"),
    ],
)
def test_a_private_marker_in_a_front_matter_text_is_an_error_naming_the_field(
    value: str, marker: str
) -> None:
    result = parse_document(f"---\ntitle: x\ndecisions:\n  - First.\n  - {value}\n---\n")
    assert [(i.line, i.field) for i in result.issues] == [(5, "decisions[2]")]
    assert result.issues[0].message.startswith(f"holds '{marker}', but only the body")


@pytest.mark.parametrize("value", ["'a::b'", "'14:00::15:00'", "'see ::: later'x", "Note:::"])
def test_colons_that_are_no_marker_are_plain_text(value: str) -> None:
    result = parse_document(f"---\nsummary: {value}\n---\n")
    assert all("only the body" not in i.message for i in result.issues)
