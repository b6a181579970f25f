"""The editor's workflow: new files, schemas for editors' tools, and check's warnings."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest

from sitegen.model import COLLECTIONS
from sitegen.parse import parse_document
from sitegen.scaffold import create
from tests.helpers import SMALL_SITE, SMALL_TODAY, TESTS, copy_site, run_cli, write_files

SAMPLE = TESTS.parent / "content"
FILLED = {
    "TODO-person": "ada-lovelace",
    "TODO-group": "steering-group",
    '"TODO: the shared address applications go to"': "involvement@example.org",
}


def fill_placeholders(text: str) -> str:
    """What an editor does: replace every TODO with real words, and drop body TODO lines."""
    for placeholder, value in FILLED.items():
        text = text.replace(placeholder, value)
    text = re.sub(r'"TODO: ([^"]*)"', lambda m: f'"Real {m.group(1)}"', text)
    return re.sub(r"(?m)^TODO: .*$", "Real text.", text)


@pytest.mark.parametrize("collection", [c.singular for c in COLLECTIONS])
def test_a_new_file_fails_check_until_its_placeholders_are_filled_in(
    tmp_path: Path, collection: str
) -> None:
    content = copy_site(tmp_path)
    slug = "2024-02-20-steering-group" if collection == "meeting" else "brand-new"
    result = run_cli("new", collection, slug, "--content", "content", cwd=tmp_path)
    assert result.code == 0, result.err
    created = next(content.glob(f"*/{slug}.md"))
    text = created.read_text()
    assert "(required)" in text and "# " in text
    check = run_cli("check", "--content", "content", "--today", SMALL_TODAY, cwd=tmp_path)
    assert check.code == 1
    assert f"{slug}.md" in check.out and "placeholder" in check.out
    created.write_text(fill_placeholders(text))
    check = run_cli("check", "--content", "content", "--today", SMALL_TODAY, cwd=tmp_path)
    assert check.code == 0, check.out


def test_new_lists_every_field_of_its_collection(tmp_path: Path) -> None:
    from sitegen.schema import front_matter_fields

    write_files(tmp_path, {"groups/x.md": "---\nname: X\npurpose: Y\n---\n"})
    for collection in COLLECTIONS:
        path = create(
            tmp_path, collection.singular, f"x-{collection.singular}-x", dt.date(2024, 1, 1)
        )
        parsed = parse_document(path.read_text()).parsed
        assert parsed is not None
        names = {name for name, _ in front_matter_fields(collection.record)}
        assert set(parsed.data) == names


def test_a_new_meeting_takes_its_date_and_group_from_its_name(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    path = create(content, "meeting", "2024-06-01-steering-group", dt.date(2024, 1, 1))
    text = path.read_text()
    assert "\ndate: 2024-06-01\n" in text
    assert "\ngroup: steering-group\n" in text


def test_a_new_meeting_without_a_group_in_its_name_is_refused_naming_the_groups(
    tmp_path: Path,
) -> None:
    copy_site(tmp_path)
    result = run_cli("new", "meeting", "2026-12-01-budget", "--content", "content", cwd=tmp_path)
    assert result.code == 2
    assert result.err == (
        "sitegen: '2026-12-01-budget' does not say which group met: end the name with the "
        "group's file name, e.g. 2026-12-01-advice-group, or give the group's file name "
        "alone for the date its last meeting planned (groups: advice-group, steering-group, "
        "the-team)\n"
    )
    assert not (tmp_path / "content" / "meetings" / "2026-12-01-budget.md").exists()


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    copy_site(tmp_path)
    before = (tmp_path / "content" / "pages" / "about.md").read_text()
    result = run_cli("new", "page", "about", "--content", "content", cwd=tmp_path)
    assert result.code == 2
    assert "already exists" in result.err
    assert (tmp_path / "content" / "pages" / "about.md").read_text() == before


@pytest.mark.parametrize(
    ("kind", "slug", "message"),
    [("meting", "x", "did you mean 'meeting'?"), ("meeting", "Bad Name", "not a usable file name")],
)
def test_new_explains_a_wrong_kind_or_name(
    tmp_path: Path, kind: str, slug: str, message: str
) -> None:
    copy_site(tmp_path)
    result = run_cli("new", kind, slug, "--content", "content", cwd=tmp_path)
    assert result.code == 2
    assert message in result.err


def test_schema_writes_a_json_schema_per_collection(tmp_path: Path) -> None:
    result = run_cli("schema", "--out", tmp_path / "schemas")
    assert result.code == 0
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(
        [f"{c.singular}.schema.json" for c in COLLECTIONS] + ["site.schema.json"]
    )
    meeting = json.loads((tmp_path / "schemas" / "meeting.schema.json").read_text())
    assert meeting["required"] == ["group", "date", "summary"]
    actions = meeting["properties"]["actions"]["anyOf"][0]  # optional: it may be left empty
    assert actions["items"]["properties"]["status"]["anyOf"][0]["enum"] == [
        "open",
        "in-progress",
        "done",
        "dropped",
    ]


@pytest.mark.parametrize("root", [SAMPLE, SMALL_SITE], ids=["sample", "small"])
def test_the_content_passes_its_json_schemas(tmp_path: Path, root: Path) -> None:
    run_cli("schema", "--out", tmp_path)
    for collection in COLLECTIONS:
        schema = json.loads((tmp_path / f"{collection.singular}.schema.json").read_text())
        for path in sorted((root / collection.name).glob("*.md")):
            parsed = parse_document(path.read_text()).parsed
            assert parsed is not None
            jsonschema.validate(parsed.data, schema)


def test_the_schemas_reject_what_check_rejects(tmp_path: Path) -> None:
    run_cli("schema", "--out", tmp_path)
    schema = json.loads((tmp_path / "opportunity.schema.json").read_text())
    unpaid = {
        "title": "T",
        "payment": {"amount": 0, "per": "hour"},
        "location": {"mode": "online"},
        "selection": "Panel.",
        "closes": "2024-01-01",
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(unpaid, schema)


def test_check_warns_of_missing_anchors_and_missing_outcomes(tmp_path: Path) -> None:
    content = copy_site(tmp_path)
    write_files(
        content,
        {
            "news/launch.md": "---\ntitle: We launched\ndate: 2024-01-05\nsummary: Live.\n---\n"
            "See [where we are](/reports/progress/#where-we-were).\n",
        },
    )
    result = run_cli("check", "--content", "content", "--today", "2024-11-01", cwd=tmp_path)
    assert result.code == 0
    assert (
        "content/news/launch.md:6: body: warning: the link '/reports/progress/#where-we-were' "
        "goes to a heading '#where-we-were' that /reports/progress/ does not have; "
        "did you mean 'where-we-are'?"
    ) in result.out
    assert (
        "content/opportunities/panel-member.md:15: outcome: warning: closed on 2024-02-15, "
        "more than a month ago, and has no outcome"
    ) in result.out
    strict = run_cli(
        "check", "--content", "content", "--today", "2024-11-01", "--strict", cwd=tmp_path
    )
    assert strict.code == 1
