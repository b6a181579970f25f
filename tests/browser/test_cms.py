"""The content editor, end to end: Decap CMS from node_modules in Chromium, saving
through decap-server into a git repository holding a small site, as ``sitegen serve
--cms`` runs them. What the forms write must pass ``sitegen check`` and build."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, Route

from sitegen.build import prepare
from sitegen.cms import CMS_SCRIPT, CMS_SCRIPT_PACKAGE_PATH
from sitegen.cmsserve import editor_url, free_port, running
from sitegen.config import BuildOptions
from sitegen.serve import Server
from tests.browser.conftest import REPO, run_axe
from tests.helpers import SMALL_SITE, copy_site, run_cli

TODAY = "2024-04-03"
SCRIPT = REPO / "node_modules" / CMS_SCRIPT_PACKAGE_PATH
WAIT_MS = 60_000
"""The editor's 5 MB script takes a few seconds to start on a slow machine."""


@dataclasses.dataclass
class Editor:
    server: Server
    content: Path
    repo: Path
    blocked: list[str]

    @property
    def url(self) -> str:
        return editor_url(self.server)


def _git(repo: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args]
    return subprocess.run(command, cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    repo = tmp_path_factory.mktemp("portal")
    content = copy_site(repo)
    with (content / "site.yaml").open("a") as settings:
        settings.write("cms:\n  backend: github\n  repo: example/portal\n")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "A small site")
    assert SCRIPT.exists(), "decap-cms is missing: run 'make test', which installs it"
    today = dt.date.fromisoformat(TODAY)
    with running(content, port=0, proxy_port=free_port(), today=today, search=False) as (
        server,
        _,
    ):
        yield Editor(server, content, repo, [])


@pytest.fixture
def cms(editor: Editor, browser: Browser) -> Iterator[Page]:
    """A tab with the editor open and signed in; the CMS script comes from node_modules,
    and nothing leaves this machine."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    script = SCRIPT.read_bytes()

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith("http://127.0.0.1:"):
            route.continue_()
        elif url == CMS_SCRIPT:
            headers = {"Access-Control-Allow-Origin": "*"}
            route.fulfill(body=script, content_type="text/javascript", headers=headers)
        else:
            editor.blocked.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(editor.url)
    page.get_by_role("button", name="Login").click(timeout=WAIT_MS)
    page.get_by_role("link", name="Meetings").first.wait_for(timeout=WAIT_MS)
    yield page
    context.close()
    assert editor.blocked == []


def _open_new(page: Page, editor: Editor, collection: str) -> None:
    page.goto(f"{editor.url}#/collections/{collection}/new")
    page.get_by_role("button", name="Publish").wait_for(timeout=WAIT_MS)


def _field(page: Page, name: str) -> Locator:
    return page.locator(f"[id^='{name}-field-']")


def _pick(page: Page, field: Locator, text: str) -> None:
    """Choose from a pick list the way an editor does: type a few letters, click."""
    field.click()
    field.type(text)
    option = page.get_by_role("option").filter(has_text=text).first
    option.wait_for(timeout=WAIT_MS)
    option.click()


def _expand(page: Page, name: str) -> None:
    """Open an optional group of fields, which the form shows folded."""
    group = page.locator(f"[id^='{name}-field-']").locator("xpath=..")
    group.get_by_test_id("expand-button").first.click()


def _write_body(page: Page, text: str) -> None:
    """Replace the body, typed line by line into the plain Markdown editor."""
    body = page.locator("[aria-label='markdown field'] [contenteditable='true']").first
    body.click()
    for _ in range(20):  # the editor may still be settling the text it started with
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        if not body.inner_text().strip("\ufeff\n "):
            break
        page.wait_for_timeout(200)
    assert not body.inner_text().strip("\ufeff\n "), "the body could not be cleared"
    for number, line in enumerate(text.rstrip("\n").split("\n")):
        if number:
            page.keyboard.press("Enter")
        if line:
            page.keyboard.insert_text(line)


def _publish(page: Page, path: Path) -> str:
    # Taken before the click: a quick save would otherwise be over before it is looked for.
    before = path.stat().st_mtime_ns if path.exists() else None
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_mtime_ns != before:
            page.wait_for_timeout(200)  # the proxy writes the file in one go; let it finish
            return path.read_text(encoding="utf-8")
        page.wait_for_timeout(100)
    raise AssertionError(f"the editor did not write {path}")


def _passes_check_and_builds(editor: Editor, tmp_path: Path) -> None:
    checked = run_cli("check", "--content", editor.content, "--today", TODAY)
    assert checked.code == 0, checked.out
    output = tmp_path / "output"
    built = run_cli(
        "build", "--content", editor.content, "--output", output, "--today", TODAY, "--no-search"
    )
    assert built.code == 0, built.err


def test_a_meeting_with_three_actions_and_an_update_is_saved_as_sitegen_reads_it(
    editor: Editor, cms: Page, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = cms
    _open_new(page, editor, "meetings")
    _report_axe(page, capsys)
    _pick(page, _field(page, "group"), "Steering")
    _field(page, "date").first.fill("2024-04-02")
    _field(page, "start").first.fill("10:00")
    _field(page, "end").first.fill("11:30")
    _field(page, "location").first.fill("online")
    _pick(page, _field(page, "chair"), "Ada")
    for name in ("Ada", "Cara"):
        _pick(page, _field(page, "present"), name)
    _pick(page, _field(page, "apologies"), "Bob")
    _field(page, "summary").fill("yes: the group reviewed the offer and agreed three actions.")
    actions = [
        ("b1", "Draft the plan.", ["Bob"], "2024-05"),
        ("b2", "Book the hall.", ["Cara", "The Team"], "2024-04-30"),
        ("b3", "Tell the members.", ["Steering"], "asap"),
    ]
    for number, (id_, text, owners, due) in enumerate(actions):
        page.get_by_role("button", name="Add action", exact=True).click()
        _field(page, "id").nth(number).fill(id_)
        _field(page, "text").nth(number).fill(text)
        for owner in owners:
            _pick(page, _field(page, "owners").nth(number), owner)
        _field(page, "due").nth(number).fill(due)
    page.get_by_role("button", name="Add action update").click()
    _pick(page, _field(page, "action"), "a5: Book a venue")
    _pick(page, _field(page, "status").last, "done")
    _field(page, "note").last.fill("The venue is booked.")
    _write_body(
        page,
        "## Matters arising\n\nThe venue is booked.\n\n::: private\n"
        "The confidential word is quokka.\n:::\n\n## Plan\n\nThe plan was discussed.\n",
    )
    path = editor.content / "meetings" / "2024-04-02-steering-group.md"
    written = _publish(page, path)

    _passes_check_and_builds(editor, tmp_path)
    site = prepare(BuildOptions(content=editor.content, today=dt.date.fromisoformat(TODAY))).site
    meeting = site.meetings["2024-04-02-steering-group"]
    assert str(meeting.start) == "10:00:00" and str(meeting.end) == "11:30:00"
    assert meeting.chair == "ada-lovelace"
    assert meeting.present == ("ada-lovelace", "cara-smith")
    assert meeting.apologies == ("bob-jones",)
    assert meeting.summary.startswith("yes: ")
    assert [(a.id, a.owners) for a in meeting.actions] == [
        ("b1", ("bob-jones",)),
        ("b2", ("cara-smith", "the-team")),
        ("b3", ("steering-group",)),
    ]
    dues = [(a.due.kind.value, a.due.date) for a in meeting.actions if a.due]
    assert dues == [("month", dt.date(2024, 5, 31)), ("date", dt.date(2024, 4, 30)), ("asap", None)]
    update = meeting.action_updates[0]
    assert (update.action, update.status.value) == ("2024-01-10-steering-group#a5", "done")
    assert meeting.withheld and "quokka" not in meeting.body
    built = (tmp_path / "output" / "data" / "actions.json").read_text()
    statuses = {row["ref"]: row["status"] for row in json.loads(built)["actions"]}
    assert statuses["2024-01-10-steering-group#a5"] == "done"
    assert statuses["2024-04-02-steering-group#b2"] == "open"
    assert (
        "quokka"
        not in (tmp_path / "output" / "meetings")
        .joinpath("2024-04-02-steering-group", "index.html")
        .read_text()
    )
    assert "meetings/2024-04-02-steering-group.md" in _git(editor.repo, "status", "--short")
    assert "TODO" not in written


def test_a_person_an_opportunity_and_a_page_are_saved_as_sitegen_reads_them(
    editor: Editor, cms: Page, tmp_path: Path
) -> None:
    page = cms
    _open_new(page, editor, "people")
    _field(page, "name").fill("Dee Okafor")
    _field(page, "role").fill("Co-producer")
    _publish(page, editor.content / "people" / "dee-okafor.md")

    _open_new(page, editor, "opportunities")
    _field(page, "title").fill("Hearing panel 2024")
    _field(page, "summary").fill("Help shape the next hearing checks.")
    _pick(page, _field(page, "project"), "Hearing")
    _field(page, "amount").fill("25.5")
    _pick(page, _field(page, "per"), "hour")
    _pick(page, _field(page, "mode"), "hybrid")
    _field(page, "place").fill("Room 2, Main Building")
    _field(page, "selection").fill("Two staff read every application; everyone hears by May.")
    _field(page, "opens").fill("2024-04-01")
    _field(page, "closes").fill("2024-04-28")
    _field(page, "places").fill("4")
    _expand(page, "apply")
    _field(page, "url").fill("https://example.org/hearing-panel")
    _field(page, "email").fill("involve@example.org")
    _write_body(page, "Four sessions of two hours.\n")
    _publish(page, editor.content / "opportunities" / "hearing-panel-2024.md")

    _open_new(page, editor, "pages")
    _field(page, "title").fill("Contact")
    _field(page, "summary").fill("How to reach the team.")
    _write_body(page, "Write to the team at the [about page](/about/).\n")
    _publish(page, editor.content / "pages" / "contact.md")

    _passes_check_and_builds(editor, tmp_path)
    site = prepare(BuildOptions(content=editor.content, today=dt.date.fromisoformat(TODAY))).site
    assert site.people["dee-okafor"].role == "Co-producer"
    opportunity = site.opportunities["hearing-panel-2024"]
    assert (opportunity.payment.amount, opportunity.payment.per.value) == (25.5, "hour")
    assert opportunity.payment.currency == "GBP"
    assert (opportunity.location.mode.value, opportunity.places) == ("hybrid", 4)
    assert opportunity.project == "hearing-checks"
    assert str(opportunity.closes) == "2024-04-28"
    assert opportunity.apply is not None
    assert (opportunity.apply.url, opportunity.apply.email) == (
        "https://example.org/hearing-panel",
        "involve@example.org",
    )
    assert (tmp_path / "output" / "contact" / "index.html").exists()


def _meaning(document: Any) -> dict[str, Any]:
    """A document as sitegen reads it, without where its lines are."""
    found = {
        f.name: getattr(document, f.name)
        for f in dataclasses.fields(document)
        if f.name not in ("source", "refs")
    }
    found["body"] = document.body.strip()
    found["refs"] = sorted((path, slug) for path, _, slug, _ in document.refs)
    return found


def test_an_existing_meeting_saved_unchanged_keeps_its_meaning(
    editor: Editor, cms: Page, tmp_path: Path
) -> None:
    slug = "2024-01-10-steering-group"
    today = dt.date.fromisoformat(TODAY)
    before = prepare(BuildOptions(content=SMALL_SITE, today=today)).site.meetings[slug]
    page = cms
    page.goto(f"{editor.url}#/collections/meetings/entries/{slug}")
    summary = _field(page, "summary")
    summary.wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(500)
    summary.press("End")
    summary.type(" ")  # sitegen strips a text's spaces: the meaning is unchanged
    path = editor.content / "meetings" / f"{slug}.md"
    original = (SMALL_SITE / "meetings" / f"{slug}.md").read_text()
    rewritten = _publish(page, path)
    assert rewritten != original, "the editor did not save the file again"
    after = prepare(BuildOptions(content=editor.content, today=today)).site.meetings[slug]
    assert _meaning(after) == _meaning(before)


def _report_axe(page: Page, capsys: pytest.CaptureFixture[str]) -> None:
    """axe on the new meeting form, reported: it is Decap CMS's own interface."""
    violations = run_axe(page)
    with capsys.disabled():
        print(f"\naxe on the content editor's meeting form: {len(violations)} kinds of violation")
        for violation in violations:
            print(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
