"""Subscribing: the page that explains feeds, calendars and email alerts, and feeds that
open in a browser as a readable page while staying Atom for feed readers."""

from __future__ import annotations

import feedparser
from playwright.sync_api import Page, expect

from tests.browser.conftest import ServedSite, run_axe

FEEDS = ("opportunities/feed.xml", "meetings/feed.xml", "news/feed.xml")


def test_a_feed_opened_in_a_browser_is_a_readable_page(sample_site: ServedSite, page: Page) -> None:
    for path in (*FEEDS, "groups/allies-group/feed.xml"):
        atom = feedparser.parse((sample_site.root / path).read_bytes())
        assert not atom.bozo and atom.version == "atom10"
        page.goto(sample_site.url + path, wait_until="load")
        # The stylesheet turns the feed into an HTML page (it replaces the document).
        page.wait_for_function("document.contentType === 'text/html'")
        page.wait_for_load_state("load")
        expect(page.locator("h1")).to_have_text(atom.feed.title)
        expect(page.locator("main")).to_contain_text("This is a feed.")
        titles = page.eval_on_selector_all("main li h2", "h => h.map(x => x.textContent)")
        assert titles == [entry.title for entry in atom.entries]
        help_link = page.get_by_role("link", name="How to subscribe, including by email")
        assert help_link.get_attribute("href") == (
            "https://transparency.coproductioncollective.co.uk/subscribe/"
        )
        assert run_axe(page) == [], path


def test_the_subscribe_page_offers_every_feed_and_calendar(
    sample_site: ServedSite, page: Page
) -> None:
    page.goto(sample_site.url + "subscribe/")
    main = page.locator("main")
    origin = "https://transparency.coproductioncollective.co.uk/"
    for path in FEEDS:
        expect(main).to_contain_text(origin + path)
        assert page.locator(f'a[href="/{path}"]').count() >= 1
    for path in ("meetings.ics", "opportunity-deadlines.ics", "groups/allies-group/meetings.ics"):
        subscribe = page.locator(
            f'a[href="webcal://transparency.coproductioncollective.co.uk/{path}"]'
        )
        assert subscribe.count() == 1 and subscribe.inner_text().startswith("Subscribe")
        download = page.locator(f'a[href="/{path}"][download]')
        assert download.count() == 1 and download.inner_text().startswith("Download")
    email = page.locator("#subscribe-email + p")
    expect(email).to_contain_text("does not send emails")
    expect(main).to_contain_text("give it this address")
    expect(page.locator(".addresses")).to_contain_text(origin + "opportunities/feed.xml")


def test_the_subscribe_page_is_linked_from_the_footer_and_the_opportunities(
    sample_site: ServedSite, page: Page
) -> None:
    for path in ("", "opportunities/", "meetings/2021-11-08-allies-group/"):
        page.goto(sample_site.url + path)
        assert page.locator('footer a[href="/subscribe/"]').count() == 1
    page.goto(sample_site.url + "opportunities/")
    assert page.locator('main a[href="/subscribe/"]').count() == 1


def test_a_feed_finds_its_stylesheet_under_a_base_url_subpath(
    sample_site_under_subpath: ServedSite, page: Page
) -> None:
    raw = (sample_site_under_subpath.root / "opportunities" / "feed.xml").read_bytes()
    assert b'href="/portal/static/feed.xsl"' in raw
    page.goto(sample_site_under_subpath.url + "opportunities/feed.xml", wait_until="load")
    page.wait_for_function("document.contentType === 'text/html'")
    expect(page.locator("main")).to_contain_text("This is a feed.")
