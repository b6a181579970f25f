"""The live preview: edits show up in the open tab, errors show in it, and it recovers."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sitegen.serve import Server, start
from tests.browser.conftest import run_axe
from tests.helpers import copy_site

MEETING = "meetings/2024-01-10-steering-group.md"


def save_like_an_editor(path: Path, text: str) -> None:
    """Write a new file beside the old one, then rename it over: a 'created'/'moved' event."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    content = copy_site(tmp_path)
    server = start(content, port=0, today=dt.date(2024, 2, 20), search=False)
    yield server, content
    server.close()


def test_an_edit_shows_in_the_open_tab_by_itself(preview: tuple[Server, Path], page: Page) -> None:
    server, content = preview
    page.goto(server.url + "meetings/2024-01-10-steering-group/")
    expect(page.locator("h1")).to_contain_text("Steering Group meeting")
    source = content / MEETING
    save_like_an_editor(
        source,
        source.read_text().replace(
            "The group agreed its plan for the year.", "The group agreed a bolder plan."
        ),
    )
    expect(page.locator("main")).to_contain_text("The group agreed a bolder plan.", timeout=10000)


def test_an_open_tab_reloads_once_per_edit_and_otherwise_stays_put(
    preview: tuple[Server, Path], page: Page
) -> None:
    server, content = preview
    loads: list[str] = []
    page.on("load", lambda: loads.append(page.url))
    page.goto(server.url + "meetings/2024-01-10-steering-group/")
    page.wait_for_timeout(1500)
    assert len(loads) == 1
    source = content / MEETING
    save_like_an_editor(source, source.read_text().replace("Funding is secure", "Money is fine"))
    expect(page.locator("main")).to_contain_text("Money is fine", timeout=10000)
    page.wait_for_timeout(1500)
    assert len(loads) == 2


def test_listings_and_other_pages_follow_the_edit(preview: tuple[Server, Path], page: Page) -> None:
    server, content = preview
    page.goto(server.url + "meetings/")
    source = content / "meetings" / "2024-02-01-steering-group.md"
    save_like_an_editor(
        source,
        "---\ngroup: steering-group\ndate: 2024-02-01\n"
        "summary: An extra meeting was called.\n---\n",
    )
    expect(page.locator("main")).to_contain_text("An extra meeting was called.", timeout=10000)
    page.goto(server.url + "groups/steering-group/")
    expect(page.locator("main")).to_contain_text("An extra meeting was called.")
    source.unlink()
    expect(page.locator("main")).not_to_contain_text("An extra meeting", timeout=10000)


def test_a_broken_edit_shows_the_error_in_the_tab_and_the_page_recovers(
    preview: tuple[Server, Path], page: Page
) -> None:
    server, content = preview
    page.goto(server.url + "meetings/2024-01-10-steering-group/")
    source = content / MEETING
    good = source.read_text()
    save_like_an_editor(source, good.replace("date: 2024-01-10", "date: 2024-01-32"))
    overlay = page.locator("#sitegen-problems")
    expect(overlay).to_be_visible(timeout=10000)
    expect(overlay).to_contain_text(
        "content/meetings/2024-01-10-steering-group.md:3: date: 2024-01-32 is not a real date"
    )
    assert page.evaluate("document.activeElement.id") == "sitegen-problems-title"
    assert run_axe(page) == []
    assert server.preview.state.ok is False  # the server is still up and answering

    save_like_an_editor(source, good.replace("Funding is secure", "Funding is now secure"))
    expect(overlay).to_be_hidden(timeout=10000)
    expect(page.locator("main")).to_contain_text("Funding is now secure")


def test_a_page_opened_while_the_site_is_broken_lists_the_problems(
    preview: tuple[Server, Path], page: Page
) -> None:
    server, content = preview
    source = content / "news" / "launch.md"
    good = source.read_text()
    save_like_an_editor(source, good.replace("title: We launched", "title: We: launched"))
    for _ in range(50):
        if not server.preview.state.ok:
            break
        page.wait_for_timeout(100)
    page.goto(server.url + "news/launch/")
    expect(page.locator("main")).to_contain_text("content/news/launch.md:2: broken YAML")
    save_like_an_editor(source, good)
    expect(page.locator("h1")).to_have_text("We launched", timeout=10000)


def test_drafts_are_shown_with_a_banner_in_the_preview_only(
    preview: tuple[Server, Path], page: Page
) -> None:
    server, _ = preview
    page.goto(server.url + "meetings/2024-05-01-steering-group/")
    banner = page.locator(".draft-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Draft")
    expect(page.locator("main")).to_contain_text("quokka")
    page.goto(server.url + "meetings/2024-01-10-steering-group/")
    expect(page.locator(".draft-banner")).to_have_count(0)


def test_unknown_addresses_get_the_404_page(preview: tuple[Server, Path], page: Page) -> None:
    server, _ = preview
    response = page.goto(server.url + "no/such/page/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")


def test_a_template_edit_reloads_the_open_tab(tmp_path: Path, page: Page) -> None:
    """A site's own templates/ folder (beside content/) overrides ours and is watched too."""
    from tests.browser.conftest import REPO

    content = copy_site(tmp_path)
    override = tmp_path / "templates"
    override.mkdir()
    template = override / "news_item.html"
    template.write_text((REPO / "templates" / "news_item.html").read_text())
    server = start(content, port=0, today=dt.date(2024, 2, 20), search=False)
    try:
        page.goto(server.url + "news/launch/")
        expect(page.locator("h1")).to_have_text("We launched")
        save_like_an_editor(
            template,
            template.read_text().replace(
                "<h1>{{ post.title }}</h1>", "<h1>News: {{ post.title }}</h1>"
            ),
        )
        expect(page.locator("h1")).to_have_text("News: We launched", timeout=10000)
    finally:
        server.close()
