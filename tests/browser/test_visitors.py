"""What a visitor gets on a phone, a desktop and paper, measured in Chromium.

Every page type of the sample site at 320, 375 and 1280 pixels: nothing wider than
the screen and no box that scrolls sideways, no label running into its value in the
page's text, body text 45 to 85 characters a line at desktop width, two columns where
a page has facts beside its text; the site's logo and icon; printing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from tests.browser.conftest import ServedSite

WIDTHS = (320, 375, 1280)


def page_types(site: ServedSite) -> list[str]:
    """One page of each kind: the first of each top-level folder at each depth."""
    seen: dict[tuple[str, int], str] = {}
    for url in site.pages():
        path = url.removeprefix(site.url)
        parts = [part for part in path.split("/") if part]
        seen.setdefault((parts[0] if parts else "", len(parts)), url)
    return sorted(seen.values())


@pytest.fixture
def at_width(browser: Browser) -> Iterator[dict[int, Page]]:
    contexts = [browser.new_context(viewport={"width": w, "height": 800}) for w in WIDTHS]
    yield {w: context.new_page() for w, context in zip(WIDTHS, contexts, strict=True)}
    for context in contexts:
        context.close()


# Boxes wider than their space: the page itself, and any element that scrolls sideways
# (a visually hidden element is 1 pixel wide by design, and is left out).
OVERFLOW = """() => {
    const clipped = (element) => {
        for (let e = element; e; e = e.parentElement) {
            if (e.getBoundingClientRect().width <= 1) return true;
        }
        return false;
    };
    const root = document.documentElement;
    const found = root.scrollWidth > root.clientWidth ? ["page " + root.scrollWidth] : [];
    for (const element of document.body.querySelectorAll("*")) {
        const style = getComputedStyle(element);
        if (element.clientWidth <= 1 || style.overflowX === "visible") continue;
        if (element.scrollWidth > element.clientWidth + 1) {
            const name = `${element.tagName}.${element.className}`;
            found.push(`${name} ${element.scrollWidth}>${element.clientWidth}`);
        }
    }
    for (const element of document.querySelectorAll("main *")) {
        const box = element.getBoundingClientRect();
        if (box.width > 1 && box.right > root.clientWidth + 1 && !clipped(element)) {
            found.push(`${element.tagName}.${element.className} ends at ${Math.round(box.right)}`);
        }
    }
    return found;
}"""

# Every label on the page (terms, column headings, the labels of stacked cells), and
# the page's text as a reader copies or hears it.
LABELS = """() => {
    const labels = new Set();
    for (const e of document.querySelectorAll("main dt, main th[scope=col], main .cell-label")) {
        const text = e.textContent.replace(/:\\s*$/, "").trim();
        if (text) labels.add(text);
    }
    return [Array.from(labels), document.body.innerText];
}"""


def labels_run_into_values(labels: list[str], text: str) -> list[str]:
    """``StatusOpen``, ``Closes15 January``: a label followed at once by its value."""
    found = []
    for label in labels:
        for match in re.finditer(rf"(?<![\w]){re.escape(label)}(?=[A-Z0-9£])", text):
            found.append(text[match.start() : match.end() + 20])
    return found


def test_no_page_scrolls_sideways_or_runs_labels_into_values(
    sample_site: ServedSite, at_width: dict[int, Page]
) -> None:
    problems: dict[str, list[str]] = {}
    for url in page_types(sample_site):
        for width, page in at_width.items():
            page.goto(url)
            wide = page.evaluate(OVERFLOW)
            labels, text = page.evaluate(LABELS)
            runs = labels_run_into_values(labels, text)
            if wide or runs:
                problems[f"{url} at {width}"] = wide + runs
    assert problems == {}


def test_a_markdown_table_fits_a_phone(small_site: ServedSite, at_width: dict[int, Page]) -> None:
    for width in (320, 375):
        page = at_width[width]
        page.goto(small_site.url + "meetings/2024-01-10-steering-group/")
        assert page.locator(".prose table").count() == 1
        assert page.evaluate(OVERFLOW) == [], width


def test_the_label_check_can_fail() -> None:
    assert labels_run_into_values(["Status", "Closes"], "StatusOpen\nCloses15 January") == [
        "StatusOpen\nCloses15 Januar",
        "Closes15 January",
    ]
    assert labels_run_into_values(["Status"], "Status: Open\nStatus\tDue") == []


def test_on_a_phone_each_action_is_a_card_with_its_labels_as_text(
    sample_site: ServedSite, at_width: dict[int, Page]
) -> None:
    page = at_width[375]
    page.goto(sample_site.url + "actions/")
    row = page.locator("table.actions-table tbody tr").first
    cells = row.locator("th, td")
    boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
    assert all(box is not None for box in boxes)
    # Stacked: each cell below the last, each as wide as the card.
    tops = [box["y"] for box in boxes if box]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    assert all(box["x"] + box["width"] <= 375 for box in boxes if box)
    text = row.inner_text()
    for label in ("Owners: ", "Due: ", "Status: ", "Agreed at: "):
        assert label in text
    # At desktop width it is a table again, with the labels in its column headings.
    desktop = at_width[1280]
    desktop.goto(sample_site.url + "actions/")
    first = desktop.locator("table.actions-table tbody tr").first
    assert "Owners:" not in first.inner_text()
    assert desktop.locator("table.actions-table thead").is_visible()


# Body text: paragraphs and the lists of prose, not cards, tables, asides or notes.
NOT_BODY = (
    ".card, table, nav, .stats, .facts, .side, .pay-box, .item-list, .notice, .page-age, "
    ".search-results, form"
)
MEASURE = """(notBody) => {
    const measured = [];
    for (const p of document.querySelectorAll("main p, main .prose li")) {
        if (p.closest(notBody)) continue;
        if (!p.offsetParent || !p.textContent.trim()) continue;
        const probe = document.createElement("span");
        probe.style.cssText = "position:absolute;visibility:hidden;width:1ch;";
        p.append(probe);
        const ch = probe.getBoundingClientRect().width;
        probe.remove();
        const width = p.getBoundingClientRect().width / ch;
        measured.push([Math.round(width), p.textContent.slice(0, 50)]);
    }
    return measured;
}"""


@pytest.mark.parametrize("width", [1280, 1024])
def test_body_text_is_45_to_85_characters_a_line_at_desktop_widths(
    sample_site: ServedSite, browser: Browser, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    outside: dict[str, list[object]] = {}
    measured = 0
    for url in page_types(sample_site):
        page.goto(url)
        lines = page.evaluate(MEASURE, NOT_BODY)
        measured += len(lines)
        wrong = [line for line in lines if not 45 <= line[0] <= 85]
        if wrong:
            outside[url] = wrong[:3]
    context.close()
    assert measured > 100
    assert outside == {}


@pytest.mark.parametrize(
    "path",
    [
        "",
        "opportunities/hearing-checks-panel/",
        "meetings/2021-11-08-allies-group/",
        "projects/nhs-hearing-checks/",
        "groups/allies-group/",
        "reports/halfway-there/",
    ],
)
def test_pages_with_facts_beside_their_text_use_two_columns_at_desktop(
    sample_site: ServedSite, at_width: dict[int, Page], path: str
) -> None:
    desktop = at_width[1280]
    desktop.goto(sample_site.url + path)
    primary = desktop.locator(".columns > .primary").bounding_box()
    side = desktop.locator(".columns > .side").bounding_box()
    assert primary and side
    primary_right, side_right = primary["x"] + primary["width"], side["x"] + side["width"]
    assert side["x"] >= primary_right or primary["x"] >= side_right, (primary, side)
    assert abs(primary["y"] - side["y"]) < 5
    used = max(primary_right, side_right) - min(primary["x"], side["x"])
    assert used > 900  # of the 1,056 pixels inside the page's margins
    phone = at_width[375]
    phone.goto(sample_site.url + path)
    narrow = phone.locator(".columns > .side").bounding_box()
    assert narrow and narrow["width"] > 300  # one column on a phone


def test_the_home_page_heading_is_not_the_site_name(sample_site: ServedSite, page: Page) -> None:
    page.goto(sample_site.url)
    title = page.locator(".site-title").inner_text().strip()
    assert title == "Co-Production Collective transparency portal"
    assert page.locator("h1").inner_text().strip() != title
    assert page.locator("h1").count() == 1


def test_every_page_loads_without_an_error_and_shows_the_logo_and_icon(
    sample_site: ServedSite, page: Page
) -> None:
    failures: list[str] = []
    page.on("console", lambda m: failures.append(m.text) if m.type == "error" else None)
    # A request the next page load cancels (the search index) is not a failure.
    page.on(
        "requestfailed",
        lambda r: None if "ABORTED" in (r.failure or "") else failures.append(f"failed {r.url}"),
    )
    page.on(
        "response",
        lambda r: (
            failures.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("404.html")
            else None
        ),
    )
    for url in page_types(sample_site):
        page.goto(url, wait_until="load")
        logo = page.locator("header .site-title img.logo")
        assert logo.evaluate("img => img.complete && img.naturalWidth > 0"), url
        icon = page.locator("link[rel=icon]").get_attribute("href")
        assert icon == "/files/favicon.svg", url
        assert page.request.get(sample_site.url + icon.lstrip("/")).ok
    assert failures == []


def test_the_accent_colour_is_the_sites_own(sample_site: ServedSite, page: Page) -> None:
    page.goto(sample_site.url)
    background = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(91, 42, 134)"  # #5b2a86, from site.yaml


# ---------------------------------------------------------------------- print


def printed(page: Page, url: str) -> tuple[list[str], Page]:
    page.goto(url)
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [p.extract_text() for p in reader.pages], page


def test_the_printed_report_names_the_organisation_and_address_and_splits_its_table(
    sample_site: ServedSite, page: Page
) -> None:
    url = sample_site.url + "reports/halfway-there/"
    pages, _ = printed(page, url)
    assert len(pages) > 2
    assert pages[0].startswith("Co-Production Collective · Co-Production Collective")
    address = "https://transparency.coproductioncollective.co.uk/reports/halfway-there/"
    assert "Printedfrom" + address in re.sub(r"\s+", "", pages[-1])
    # The goals table starts on page 1 and carries on, under its headings again, on page 2.
    assert "Goal Status Evidence" in pages[0]
    assert "Pay co-producers for all" in pages[0]
    assert pages[1].startswith("Goal Status Evidence")


def test_printing_keeps_margins_and_the_bullets_of_lists(
    sample_site: ServedSite, page: Page
) -> None:
    pages, view = printed(page, sample_site.url + "meetings/2021-11-08-allies-group/")
    assert len(pages) > 1 and pages[0].startswith("Co-Production Collective")
    markers = view.evaluate(
        """() => [...document.querySelectorAll("main .decisions, main .prose ul")].map(
            list => [getComputedStyle(list).listStyleType,
                     parseFloat(getComputedStyle(list).paddingLeft)])"""
    )
    assert markers and all(kind == "disc" and padding > 10 for kind, padding in markers)
    margins = view.evaluate(
        """() => [...document.styleSheets].flatMap(s => [...s.cssRules])
            .filter(r => r instanceof CSSPageRule).map(r => r.style.margin)"""
    )
    assert margins and all(margin for margin in margins)
    headers = view.evaluate(
        "() => [...document.querySelectorAll('thead')].map(t => getComputedStyle(t).display)"
    )
    assert headers and set(headers) == {"table-header-group"}
    wholes = view.evaluate(
        "() => [...document.querySelectorAll('table')].map(t => getComputedStyle(t).breakInside)"
    )
    assert "avoid" not in wholes
