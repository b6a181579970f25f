"""WCAG 2.2 AA on every page of the sample site, checked in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import ServedSite, run_axe


def test_the_sample_site_has_every_page_type(sample_site: ServedSite) -> None:
    pages = {url.removeprefix(sample_site.url) for url in sample_site.pages()}
    for expected in (
        "",
        "404.html",
        "search/",
        "data/",
        "actions/",
        "actions/overdue/",
        "meetings/",
        "meetings/2021-11-08-allies-group/",
        "groups/",
        "groups/allies-group/",
        "people/",
        "people/graham-hart/",
        "projects/",
        "projects/nhs-hearing-checks/",
        "opportunities/",
        "opportunities/hearing-checks-panel/",
        "reports/",
        "reports/halfway-there/",
        "news/",
        "news/first-anniversary/",
        "accessibility/",
        "governance/",
        "subscribe/",
    ):
        assert expected in pages


def test_every_page_has_no_axe_violations(sample_site: ServedSite, page: Page) -> None:
    failures = {}
    for url in sample_site.pages():
        page.goto(url)
        violations = run_axe(page)
        if violations:
            failures[url] = violations
    assert failures == {}


def test_search_results_have_no_axe_violations(sample_site: ServedSite, page: Page) -> None:
    page.goto(sample_site.url + "search/?q=hearing")
    page.wait_for_selector("#search-results li")
    assert run_axe(page) == []


def test_the_first_tab_reaches_a_visible_skip_link(sample_site: ServedSite, page: Page) -> None:
    for path in ("", "meetings/2021-11-08-allies-group/", "search/"):
        page.goto(sample_site.url + path)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        assert focused == "skip-link"
        box = page.locator(".skip-link").bounding_box()
        assert box is not None and box["y"] >= 0 and box["height"] >= 24
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"


def test_keyboard_focus_is_always_visible(sample_site: ServedSite, page: Page) -> None:
    page.goto(sample_site.url + "meetings/2021-11-08-allies-group/")
    for _ in range(25):
        page.keyboard.press("Tab")
        style = page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"""
        )
        outline_style, outline_width, shadow = style
        assert (outline_style != "none" and outline_width != "0px") or shadow != "none"


def test_keyboard_reaches_every_navigation_link(sample_site: ServedSite, page: Page) -> None:
    page.goto(sample_site.url)
    nav = page.eval_on_selector_all("nav[aria-label=Main] a", "links => links.map(a => a.href)")
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.href || ''"))
    assert set(nav) <= reached


@pytest.mark.parametrize("width", [320])
def test_no_sideways_scrolling_at_320_pixels(
    sample_site: ServedSite, browser: Browser, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    wide = {}
    for url in sample_site.pages():
        page.goto(url)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            wide[url] = scroll_width
    context.close()
    assert wide == {}


def test_text_at_200_percent_stays_usable(sample_site: ServedSite, browser: Browser) -> None:
    """200% zoom of a 1280-pixel window is a 640-pixel layout with the text twice as big."""
    context = browser.new_context(viewport={"width": 640, "height": 800})
    page = context.new_page()
    clipped = {}
    for path in (
        "",
        "meetings/2021-11-08-allies-group/",
        "actions/",
        "opportunities/",
        "reports/halfway-there/",
        "search/",
    ):
        page.goto(sample_site.url + path)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        overflow = page.evaluate("document.documentElement.scrollWidth")
        if overflow > 640:
            clipped[path] = overflow
    context.close()
    assert clipped == {}


def test_tables_have_captions_and_header_cells(sample_site: ServedSite, page: Page) -> None:
    for path in (
        "actions/",
        "meetings/2021-11-08-allies-group/",
        "reports/halfway-there/",
        "data/",
    ):
        page.goto(sample_site.url + path)
        tables = page.eval_on_selector_all(
            "main table:not(.prose table)",
            """tables => tables.map(t => [
                !!t.querySelector('caption'),
                t.querySelectorAll('thead th[scope=col]').length,
                t.querySelectorAll('tbody tr').length ===
                    t.querySelectorAll('tbody th[scope=row]').length])""",
        )
        assert tables, path
        assert all(caption and columns > 0 and rows for caption, columns, rows in tables), path


def test_status_is_written_in_words_not_colour_alone(sample_site: ServedSite, page: Page) -> None:
    for path in ("actions/", "opportunities/", "reports/halfway-there/"):
        page.goto(sample_site.url + path)
        texts = page.eval_on_selector_all(".badge", "badges => badges.map(b => b.textContent)")
        assert texts, path
        assert all(text.strip() for text in texts)


def test_interactive_targets_are_at_least_24_pixels(sample_site: ServedSite, page: Page) -> None:
    page.goto(sample_site.url)
    small = page.eval_on_selector_all(
        "header a, footer a, button, input, select, .breadcrumbs a, .inline-list a",
        """elements => elements.filter(e => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && (r.height < 24 || r.width < 24);
        }).map(e => e.outerHTML)""",
    )
    assert small == []


def test_the_report_prints_without_navigation(sample_site: ServedSite, page: Page) -> None:
    page.emulate_media(media="print")
    page.goto(sample_site.url + "reports/halfway-there/")
    for hidden in (".site-header", ".site-footer", ".breadcrumbs", ".skip-link"):
        assert page.locator(hidden).evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator("nav.toc").is_visible()
    assert page.locator("main table").first.is_visible()


def test_the_record_over_time_has_no_axe_violations(small_site: ServedSite, page: Page) -> None:
    """The small site has what the sample cannot show: draft and agreed minutes, change
    notes; each page is checked with every "See all updates" and history open."""
    decision = next(u for u in small_site.pages() if "/decisions/2024-01-10-steering-group-" in u)
    failures = {}
    for url in (
        decision,
        *(
            small_site.url + path
            for path in (
                "decisions/",
                "decisions/2024/",
                "decisions/group/steering-group/",
                "changes/",
                "projects/hearing-checks/",
                "about/",
                "meetings/2024-01-10-steering-group/",
                "meetings/2024-03-12-steering-group/",
                "groups/steering-group/",
                "actions/",
            )
        ),
    ):
        page.goto(url)
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        violations = run_axe(page)
        if violations:
            failures[url] = violations
    assert failures == {}


def test_a_link_to_a_change_note_opens_the_updates_it_is_in(
    small_site: ServedSite, page: Page
) -> None:
    page.goto(small_site.url + "changes/")
    page.get_by_role("link", name="Hearing checks").first.click()  # the newest note
    assert page.url.endswith("projects/hearing-checks/#page-update-2023-11-20")
    assert page.locator("#page-update-2023-11-20").is_visible()
    assert page.locator("details.page-updates").evaluate("d => d.open")
