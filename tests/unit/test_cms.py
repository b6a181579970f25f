"""The content editor's configuration covers every field of every collection, each with
the widget its type calls for, and the editor's page is what the site says it is."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen.agenda import BODIES
from sitegen.build import prepare
from sitegen.cms import (
    CMS_INTEGRITY,
    CMS_SCRIPT,
    CMS_SCRIPT_PACKAGE_PATH,
    CMS_VERSION,
    Target,
    config,
    site_choices,
)
from sitegen.cms_widgets import DATE_FORMAT, TIME_FORMAT
from sitegen.config import BuildOptions
from sitegen.fields import (
    ActionRef,
    Address,
    Amount,
    Boolean,
    Choice,
    Colour,
    Date,
    DueDate,
    Integer,
    ListOf,
    Record,
    Ref,
    SiteFile,
    Text,
    Time,
)
from sitegen.loader import load_settings
from sitegen.model import COLLECTIONS, CmsBackend, CmsSettings
from sitegen.schema import Context, FieldSpec, FieldType, front_matter_fields
from sitegen.values import parse_date, parse_time
from tests.helpers import SMALL_SITE, SMALL_TODAY, copy_site, run_cli

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date.fromisoformat(SMALL_TODAY)
SETTINGS = CmsSettings(backend=CmsBackend.GITHUB, repo="example/portal")


@pytest.fixture(scope="module")
def small_config() -> dict[str, Any]:
    prepared = prepare(BuildOptions(content=SMALL_SITE, today=TODAY))
    target = Target(SETTINGS, "https://portal.example.org/", "/files")
    return config(target, site_choices(prepared.index), BODIES)


def _expect(kind: FieldType, widget: dict[str, Any], path: str, listed: bool = False) -> None:
    """``widget`` is the right one for a field of type ``kind``."""
    name = widget["widget"]
    if isinstance(kind, ListOf):
        item = kind.item
        if isinstance(item, Ref | ActionRef):
            assert widget.get("multiple") is True, path
            _expect(item, {k: v for k, v in widget.items() if k != "multiple"}, path, True)
        elif isinstance(item, Record):
            assert name == "list", path
            _expect_fields(item.cls, widget["fields"], path)
        else:
            assert name == "list", path
            _expect(item, widget["field"], path)
        if kind.non_empty:
            assert widget.get("min") == 1, path
        return
    if isinstance(kind, Text):
        assert name == ("text" if kind.paragraph else "string"), path
    elif isinstance(kind, Integer | Amount):
        assert name == "number", path
        assert widget["value_type"] == ("int" if isinstance(kind, Integer) else "float"), path
    elif isinstance(kind, Boolean):
        assert name == "boolean", path
    elif isinstance(kind, Date):
        assert (name, widget["format"], widget["time_format"]) == ("datetime", "YYYY-MM-DD", False)
    elif isinstance(kind, Time):
        assert (name, widget["format"], widget["date_format"]) == ("datetime", "HH:mm", False)
    elif isinstance(kind, DueDate | Address | SiteFile):
        assert name == "string" and widget["pattern"][0] == kind.json_schema()["pattern"], path
        assert widget["pattern"][1].startswith("Write "), path
    elif isinstance(kind, Colour):
        assert name == "color", path
    elif isinstance(kind, Choice):
        assert name == "select", path
        assert widget["options"] == [member.value for member in kind.enum], path
    elif isinstance(kind, Ref) and len(kind.collections) == 1:
        assert (name, widget["collection"]) == ("relation", kind.collections[0]), path
        assert widget["value_field"] == "{{slug}}", path
    elif isinstance(kind, Ref | ActionRef):
        assert name == "select" and widget["options"], path
    elif isinstance(kind, Record):
        assert name == "object", path
        _expect_fields(kind.cls, widget["fields"], path)
    else:
        raise AssertionError(f"{path}: no expectation for {type(kind).__name__}")


def _expect_fields(cls: type[Any], widgets: list[dict[str, Any]], path: str) -> None:
    declared: list[tuple[str, FieldSpec]] = front_matter_fields(cls)
    given = [w for w in widgets if w["name"] != "body"]
    assert [w["name"] for w in given] == [name for name, _ in declared], path
    for (name, spec), widget in zip(declared, given, strict=True):
        where = f"{path}.{name}"
        assert widget["hint"].startswith(spec.doc), where
        if not spec.required:
            assert widget["required"] is False, where
        _expect(spec.type, widget, where)


def test_every_field_of_every_collection_has_a_widget_of_the_right_kind(
    small_config: dict[str, Any],
) -> None:
    forms = {form["name"]: form for form in small_config["collections"]}
    assert list(forms) == [collection.name for collection in COLLECTIONS]
    for collection in COLLECTIONS:
        form = forms[collection.name]
        _expect_fields(collection.record, form["fields"], collection.name)
        body = form["fields"][-1]
        assert (body["name"], body["widget"]) == ("body", "markdown")
        assert "::: private" in body["hint"]
        assert form["folder"] == f"content/{collection.name}"


def test_required_fields_are_required_except_inside_an_optional_group(
    small_config: dict[str, Any],
) -> None:
    meetings = next(f for f in small_config["collections"] if f["name"] == "meetings")
    fields = {field["name"]: field for field in meetings["fields"]}
    assert fields["group"]["required"] and fields["date"]["required"]
    assert fields["summary"]["required"] and not fields["title"]["required"]
    action = {field["name"]: field for field in fields["actions"]["fields"]}
    assert action["id"]["required"] and action["owners"]["required"]
    # Decap would demand the date of a next meeting nobody planned: sitegen checks it.
    next_meeting = {field["name"]: field for field in fields["next_meeting"]["fields"]}
    assert next_meeting["date"]["required"] is False
    assert "Needed if" in next_meeting["date"]["hint"]


def test_the_date_and_time_formats_write_what_the_loader_reads() -> None:
    day, moment = dt.datetime(2024, 4, 2, 9, 5), "2024-04-02"
    assert DATE_FORMAT.replace("YYYY", "%Y").replace("MM", "%m").replace("DD", "%d") == "%Y-%m-%d"
    assert parse_date(day.strftime("%Y-%m-%d")) == dt.date.fromisoformat(moment)
    assert TIME_FORMAT.replace("HH", "%H").replace("mm", "%M") == "%H:%M"
    assert parse_time(day.strftime("%H:%M")) == dt.time(9, 5)


def test_an_update_picks_its_action_from_every_action_of_the_site(
    small_config: dict[str, Any],
) -> None:
    prepared = prepare(BuildOptions(content=SMALL_SITE, today=TODAY))
    meetings = next(f for f in small_config["collections"] if f["name"] == "meetings")
    updates = next(f for f in meetings["fields"] if f["name"] == "action_updates")
    action = next(f for f in updates["fields"] if f["name"] == "action")
    values = [option["value"] for option in action["options"]]
    assert values == [tracked.ref for tracked in prepared.index.actions]
    ctx = Context(lambda *a: None, lambda *a: None, {})
    assert all(ActionRef().convert(value, ctx, "action") == value for value in values)
    first = prepared.index.actions[0]
    assert first.action.text in action["options"][0]["label"]


def test_owners_are_picked_from_the_people_and_the_groups(small_config: dict[str, Any]) -> None:
    meetings = next(f for f in small_config["collections"] if f["name"] == "meetings")
    actions = next(f for f in meetings["fields"] if f["name"] == "actions")
    owners = next(f for f in actions["fields"] if f["name"] == "owners")
    values = {option["value"] for option in owners["options"]}
    site = prepare(BuildOptions(content=SMALL_SITE, today=TODAY)).site
    assert values == set(site.people) | set(site.groups)


def test_new_meetings_are_named_date_then_group_and_start_from_the_template(
    small_config: dict[str, Any],
) -> None:
    meetings = next(f for f in small_config["collections"] if f["name"] == "meetings")
    assert meetings["slug"] == "{{fields.date}}-{{fields.group}}"
    assert meetings["fields"][-1]["default"] == BODIES["meetings"]
    people = next(f for f in small_config["collections"] if f["name"] == "people")
    assert (people["slug"], people["identifier_field"]) == ("{{slug}}", "name")


def test_the_backend_comes_from_site_yaml(small_config: dict[str, Any]) -> None:
    backend = small_config["backend"]
    assert (backend["name"], backend["repo"], backend["branch"]) == (
        "github",
        "example/portal",
        "main",
    )
    assert "local_backend" not in small_config


def test_the_local_preview_points_the_editor_at_the_local_proxy() -> None:
    prepared = prepare(BuildOptions(content=SMALL_SITE, today=TODAY))
    proxy = "http://127.0.0.1:8081/api/v1"
    target = Target(SETTINGS, "http://127.0.0.1:8000/", "/files", local_proxy=proxy)
    local = config(target, site_choices(prepared.index), BODIES)
    assert local["local_backend"] == {"url": proxy}
    # The proxy serves the content folder itself.
    assert local["collections"][0]["folder"] == "people"
    assert local["media_folder"] == "files"


def test_the_pinned_script_is_the_one_in_node_modules() -> None:
    script = REPO / "node_modules" / CMS_SCRIPT_PACKAGE_PATH
    assert script.exists(), "decap-cms is missing: run 'make test', which installs it"
    digest = base64.b64encode(hashlib.sha384(script.read_bytes()).digest()).decode()
    assert f"sha384-{digest}" == CMS_INTEGRITY
    installed = json.loads((script.parents[1] / "package.json").read_text())["version"]
    wanted = json.loads((REPO / "package.json").read_text())["devDependencies"]["decap-cms"]
    assert CMS_VERSION == installed == wanted
    assert f"decap-cms@{CMS_VERSION}/" in CMS_SCRIPT


def _with_cms(tmp_path: Path, settings: str) -> Path:
    content = copy_site(tmp_path)
    with (content / "site.yaml").open("a") as handle:
        handle.write(settings)
    return content


def test_the_editor_is_built_only_when_site_yaml_configures_it(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    result = run_cli(
        "build", "--content", SMALL_SITE, "--output", plain, "--no-search", "--today", SMALL_TODAY
    )
    assert result.code == 0, result.err
    assert not (plain / "admin").exists()
    assert "Disallow" not in (plain / "robots.txt").read_text()

    content = _with_cms(tmp_path, "cms:\n  backend: github\n  repo: example/portal\n")
    output = tmp_path / "output"
    result = run_cli(
        "build", "--content", content, "--output", output, "--no-search", "--today", SMALL_TODAY
    )
    assert result.code == 0, result.err
    page = (output / "admin" / "index.html").read_text()
    assert f'src="{CMS_SCRIPT}" integrity="{CMS_INTEGRITY}" crossorigin="anonymous"' in page
    assert "data-pagefind-body" not in page and 'content="noindex' in page
    assert "/admin/" not in (output / "sitemap.xml").read_text()
    assert "Disallow: /admin/\n" in (output / "robots.txt").read_text()
    written = yaml.safe_load((output / "admin" / "config.yml").read_text())
    assert written["backend"]["repo"] == "example/portal"
    assert not (plain / "admin").exists()


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("cms:\n  backend: github\n", "cms.repo: is required for the github backend"),
        ("cms:\n  backend: GitHub\n  repo: a/b\n", "cms.backend: 'GitHub' is not allowed"),
        ("cms:\n  backend: gitlab\n  repo: nope\n", "cms.repo: 'nope' is not owner/name"),
        (
            "cms:\n  backend: github\n  repo: a/b\n  auth_url: auth.example.org\n",
            "cms.auth_url: 'auth.example.org' must be a full https:// address",
        ),
    ],
)
def test_a_wrong_cms_setting_is_an_error_naming_it(
    tmp_path: Path, settings: str, message: str
) -> None:
    (tmp_path / "site.yaml").write_text(settings)
    _, problems = load_settings(tmp_path)
    assert any(message in f"{p.field}: {p.message}" for p in problems), problems
    assert all(p.line > 0 for p in problems)


def test_git_gateway_needs_no_repo(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("cms:\n  backend: git-gateway\n")
    settings, problems = load_settings(tmp_path)
    assert problems == [] and settings.cms is not None
    assert dataclasses.replace(settings.cms).backend is CmsBackend.GIT_GATEWAY
