"""A page says so when it was built more than a day ago; without JavaScript it is unchanged.

The small site is built as of 20 February 2024 in Europe/London; the visitor's clock
and time zone are set in the browser.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import ServedSite, run_axe


def _at(day: str, time: str = "12:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}:00+00:00")


@pytest.fixture
def visitor(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="UTC")
    page = context.new_page()
    yield page
    context.close()


def test_an_old_page_says_how_old_it_is(small_site: ServedSite, visitor: Page) -> None:
    visitor.clock.set_fixed_time(_at("2024-03-03"))
    visitor.goto(small_site.url + "actions/")
    notice = visitor.locator("main > #page-age")
    expect(notice).to_be_visible()
    expect(notice).to_have_text(
        "This page may be out of date. It was built on 20 February 2024, 12 days ago: "
        "what it says is overdue, open or closed is as it was on that day."
    )
    assert notice.get_attribute("role") == "note"
    assert visitor.locator("main > *").first.get_attribute("id") == "page-age"
    assert run_axe(visitor) == []


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (_at("2024-02-20", "09:00"), False),
        (_at("2024-02-21", "23:30"), False),  # 23:30 in London: still the day after
        (_at("2024-02-22", "00:30"), True),  # two days old
    ],
)
def test_the_note_appears_from_two_days_after_the_build(
    small_site: ServedSite, visitor: Page, moment: dt.datetime, shown: bool
) -> None:
    visitor.clock.set_fixed_time(moment)
    visitor.goto(small_site.url)
    notice = visitor.locator("#page-age")
    if shown:
        expect(notice).to_contain_text("2 days ago")
    else:
        expect(notice).to_be_hidden()
        assert notice.inner_text() == ""


def test_days_are_counted_in_the_sites_time_zone(small_site: ServedSite, browser: Browser) -> None:
    # 01:00 on 22 February in Auckland is still the 21st in London: one day old.
    context = browser.new_context(timezone_id="Pacific/Auckland")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(_at("2024-02-21", "12:00"))
        page.goto(small_site.url)
        expect(page.locator("#page-age")).to_be_hidden()
    finally:
        context.close()


def test_without_javascript_the_footer_still_gives_the_date(
    small_site: ServedSite, browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(small_site.url + "opportunities/")
        expect(page.locator("#page-age")).to_be_hidden()
        expect(page.locator("footer")).to_contain_text(
            "Built on 20 February 2024. Statuses and deadlines on this site are worked out "
            "as of that date."
        )
        assert page.locator("#built-on").get_attribute("datetime") == "2024-02-20"
    finally:
        context.close()
