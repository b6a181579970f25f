"""An opportunity's state comes from the build date, at every boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.model import LocationMode, Opportunity, OpportunityLocation, Payment, PayPeriod, Source
from sitegen.opportunities import OpportunityState, days_left_label, opportunity_state, pay_label

OPENS, CLOSES = dt.date(2024, 3, 1), dt.date(2024, 3, 31)


def opportunity(opens: dt.date | None = OPENS) -> Opportunity:
    return Opportunity(
        slug="o",
        source=Source("o.md"),
        title="O",
        payment=Payment(amount=25, per=PayPeriod.HOUR),
        location=OpportunityLocation(mode=LocationMode.ONLINE),
        selection="By a panel.",
        opens=opens,
        closes=CLOSES,
    )


@pytest.mark.parametrize(
    ("today", "state", "label"),
    [
        (dt.date(2024, 2, 29), OpportunityState.UPCOMING, "Opens in 1 day"),
        (dt.date(2024, 3, 1), OpportunityState.OPEN, "30 days left"),  # the day it opens
        (dt.date(2024, 3, 23), OpportunityState.OPEN, "8 days left"),  # 8 days before closing
        (dt.date(2024, 3, 24), OpportunityState.CLOSING_SOON, "7 days left"),  # 7 days before
        (dt.date(2024, 3, 30), OpportunityState.CLOSING_SOON, "1 day left"),
        (dt.date(2024, 3, 31), OpportunityState.CLOSING_SOON, "Closes today"),  # closing day
        (dt.date(2024, 4, 1), OpportunityState.CLOSED, "Closed"),  # the day after
    ],
)
def test_state_at_the_boundaries(today: dt.date, state: OpportunityState, label: str) -> None:
    assert opportunity_state(opportunity(), today) is state
    assert days_left_label(opportunity(), today) == label


def test_without_an_opening_date_it_is_open_until_it_closes() -> None:
    assert opportunity_state(opportunity(opens=None), dt.date(2000, 1, 1)) is OpportunityState.OPEN


@pytest.mark.parametrize(
    ("payment", "label"),
    [
        (Payment(amount=25, per=PayPeriod.HOUR), "£25 per hour"),
        (Payment(amount=12.5, per=PayPeriod.SESSION), "£12.50 per session"),
        (Payment(amount=1500, per=PayPeriod.PROJECT), "£1,500 per project"),
        (Payment(amount=100, currency="EUR", per=PayPeriod.DAY), "€100 per day"),
        (Payment(amount=100, currency="CHF", per=PayPeriod.DAY), "100 CHF per day"),
    ],
)
def test_pay_is_shown_as_people_read_it(payment: Payment, label: str) -> None:
    assert pay_label(payment) == label


def test_listing_order_is_open_closing_soon_upcoming_closed() -> None:
    ranks = [
        s.rank
        for s in (
            OpportunityState.OPEN,
            OpportunityState.CLOSING_SOON,
            OpportunityState.UPCOMING,
            OpportunityState.CLOSED,
        )
    ]
    assert ranks == sorted(ranks)
