"""Search with Pagefind in a real browser: words from the seed, filters, privacy, subpaths."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import ServedSite


def search(page: Page, site: ServedSite, query: str) -> list[str]:
    page.goto(site.url + "search/")
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    expect(page.locator("#search-status")).to_contain_text(re.compile(r"\d+ results?|0 results"))
    return page.eval_on_selector_all("#search-results h2 a", "links => links.map(a => a.href)")


def test_words_from_the_seed_find_the_meeting_and_the_project(
    sample_site: ServedSite, page: Page
) -> None:
    found = search(page, sample_site, "Hearing Checks")
    assert sample_site.url + "projects/nhs-hearing-checks/" in found
    assert sample_site.url + "meetings/2021-11-08-allies-group/" in found
    found = search(page, sample_site, "Vice-Provost")
    assert sample_site.url + "meetings/2021-11-08-allies-group/" in found


def test_the_result_count_is_announced_in_a_live_region(
    sample_site: ServedSite, page: Page
) -> None:
    search(page, sample_site, "governance")
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    expect(status).to_have_text(re.compile(r"^\d+ results? for “governance”\.$"))


def test_a_filter_narrows_the_results(sample_site: ServedSite, page: Page) -> None:
    everything = search(page, sample_site, "co-production")
    page.select_option("#filter-type", "Project")
    expect(page.locator("#search-status")).to_contain_text("filtered by Project")
    projects = page.eval_on_selector_all("#search-results h2 a", "a => a.map(x => x.href)")
    assert 0 < len(projects) < len(everything)
    assert all("/projects/" in url for url in projects)
    assert "type=Project" in page.url  # the view can be shared and bookmarked


def test_decisions_are_found_as_their_own_type_with_their_group(
    sample_site: ServedSite, page: Page
) -> None:
    everything = search(page, sample_site, "free of charge")
    assert sample_site.url + "meetings/2021-11-08-allies-group/" in everything
    page.select_option("#filter-type", "Decision")
    expect(page.locator("#search-status")).to_contain_text("filtered by Decision")
    decisions = page.eval_on_selector_all("#search-results h2 a", "a => a.map(x => x.href)")
    assert decisions and all("/decisions/2021-11-08-allies-group-" in url for url in decisions)
    titles = page.eval_on_selector_all("#search-results h2 a", "a => a.map(x => x.textContent)")
    assert any(title.startswith("Requests to provide services free of charge") for title in titles)
    page.select_option("#filter-group", "Allies Group")
    expect(page.locator("#search-status")).to_contain_text("Allies Group")
    assert page.eval_on_selector_all("#search-results h2 a", "a => a.length") == len(decisions)


def test_filters_cover_group_year_status_role_and_sector(
    sample_site: ServedSite, page: Page
) -> None:
    page.goto(sample_site.url + "search/")
    for name in ("type", "group", "year", "status", "role", "sector"):
        expect(page.locator(f"#filter-{name}")).to_be_visible()
    options = page.eval_on_selector_all("#filter-role option", "o => o.map(x => x.value)")
    assert "Co-production partner" in options


def test_newest_first_sorting_keeps_every_result(sample_site: ServedSite, page: Page) -> None:
    """Pagefind drops pages without the sort key from sorted results: none may lack it."""
    search(page, sample_site, "co-production")
    best = page.locator("#search-status").inner_text()
    page.select_option("#search-sort", "newest")
    expect(page).to_have_url(re.compile("sort=newest"))
    expect(page.locator("#search-status")).to_have_text(best)
    dates = page.eval_on_selector_all(
        "#search-results .item-meta", "m => m.map(x => x.textContent)"
    )
    assert dates


def excerpts(page: Page) -> str:
    return " ".join(page.eval_on_selector_all("#search-results li", "r => r.map(x => x.innerText)"))


def test_private_and_draft_text_is_never_found(
    sample_site: ServedSite, small_site: ServedSite, page: Page
) -> None:
    # Pagefind also matches the start of a word ("pay" for "payroll"), so what matters is
    # that no result holds the private word itself.
    search(page, sample_site, "payroll")
    assert "payroll" not in excerpts(page).lower()
    assert search(page, small_site, "zanzibar") == []
    assert search(page, small_site, "quokka") == []
    assert search(page, small_site, "hearing") != []


def test_search_works_under_a_base_url_subpath(
    sample_site_under_subpath: ServedSite, page: Page
) -> None:
    found = search(page, sample_site_under_subpath, "Hearing Checks")
    assert sample_site_under_subpath.url + "projects/nhs-hearing-checks/" in found
    assert all(url.startswith(sample_site_under_subpath.url) for url in found)


def test_keyboard_alone_reaches_the_search_results(sample_site: ServedSite, page: Page) -> None:
    page.goto(sample_site.url)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "home-q":
            break
    page.keyboard.type("allies")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=allies"))
    expect(page.locator("#search-status")).to_contain_text("results")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('#search-results')"):
            break
    assert page.evaluate("document.activeElement.closest('#search-results') !== null")


def test_the_search_page_links_to_the_listings_without_javascript(
    sample_site: ServedSite, browser: object
) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(sample_site.url + "search/")
    assert page.locator("#search-form").is_hidden()
    links = page.eval_on_selector_all("main a", "a => a.map(x => x.getAttribute('href'))")
    assert "/meetings/" in links and "/opportunities/" in links
    context.close()


def test_excerpts_and_details_read_as_text(sample_site: ServedSite, page: Page) -> None:
    search(page, sample_site, "Our role")
    found = excerpts(page)
    assert "Our role: Co-production partner" in found
    assert not re.search(r"(Our role|Status|Closes|Partners|Sector)(?=[A-Z0-9])", found)
    # A group's date is said to be its latest meeting, not left to look like its own.
    search(page, sample_site, "allies")
    metas = page.eval_on_selector_all("#search-results .item-meta", "m => m.map(x => x.innerText)")
    assert "Group · Latest meeting 8 November 2021" in metas


def test_every_type_the_help_text_names_can_be_filtered(
    sample_site: ServedSite, page: Page
) -> None:
    page.goto(sample_site.url + "search/")
    expect(page.locator("#filter-type option")).not_to_have_count(1)
    types = page.eval_on_selector_all("#filter-type option", "o => o.map(x => x.value)")
    hint = page.locator("#search-hint").inner_text()
    named = {
        "meetings": "Meeting",
        "decisions": "Decision",
        "groups": "Group",
        "people": "Person",
        "projects": "Project",
        "opportunities": "Opportunity",
        "reports": "Report",
        "news": "News",
        "pages": "Page",
    }
    words = set(re.findall(r"[a-z]+", hint.lower()))
    assert {value for word, value in named.items() if word in words} == set(types) - {""}
    # Actions are named only as part of meetings: "actions" on its own is no type.
    assert "(and the actions agreed at them)" in hint


def test_an_unknown_filter_in_the_address_is_said_not_ignored(
    sample_site: ServedSite, page: Page
) -> None:
    page.goto(sample_site.url + "search/?q=hearing&type=Action")
    status = page.locator("#search-status")
    expect(status).to_contain_text("results for “hearing”")
    said = status.inner_text()
    assert "“Action” is not one of the choices for type (" in said
    assert "Meeting" in said and "that filter was left out" in said
    assert "action tracker" in said
    assert "type=Action" not in page.url  # the address now says what is shown
    page.goto(sample_site.url + "search/?colour=blue&sort=random")
    expect(status).to_contain_text("filter by “colour”")
    expect(status).to_contain_text("“random” is not an order")


def test_on_a_phone_the_filters_fold_away_and_results_come_first(
    sample_site: ServedSite, browser: object
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})  # type: ignore[attr-defined]
    phone = context.new_page()
    phone.clock.set_fixed_time("2026-11-28T12:00:00+00:00")  # the build date: no age note
    phone.goto(sample_site.url + "search/?q=hearing")
    first = phone.locator("#search-results li").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box is not None and box["y"] < 800  # on the first screen
    assert not phone.locator("#filters-box").evaluate("d => d.open")
    assert phone.locator("#filter-type").is_hidden()
    phone.locator("#filters-box > summary").click()
    expect(phone.locator("#filter-type")).to_be_visible()
    phone.select_option("#filter-type", "Project")
    expect(phone.locator("#filters-box > summary")).to_have_text("Filters and order (1 chosen)")
    context.close()
    desktop = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    wide = desktop.new_page()
    wide.goto(sample_site.url + "search/")
    expect(wide.locator("#filter-type")).to_be_visible()  # open at desktop width
    desktop.close()
