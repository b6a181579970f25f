"""Where an opportunity stands on the build date, and how its pay reads."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sitegen.model import Opportunity, Payment
from sitegen.values import days_between, plural

CLOSING_SOON_DAYS = 7
"""An open opportunity with this many days left, or fewer, is closing soon."""

CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


class OpportunityState(StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSING_SOON = "closing soon"
    CLOSED = "closed"

    @property
    def rank(self) -> int:
        """Listing order: open first, then closing soon, upcoming, closed."""
        return _RANKS[self]


_RANKS = {
    OpportunityState.OPEN: 0,
    OpportunityState.CLOSING_SOON: 1,
    OpportunityState.UPCOMING: 2,
    OpportunityState.CLOSED: 3,
}


def opportunity_state(opportunity: Opportunity, today: dt.date) -> OpportunityState:
    """Upcoming before ``opens``; closed after ``closes``; closing soon in its last 7 days."""
    if opportunity.opens and today < opportunity.opens:
        return OpportunityState.UPCOMING
    if today > opportunity.closes:
        return OpportunityState.CLOSED
    if days_between(today, opportunity.closes) <= CLOSING_SOON_DAYS:
        return OpportunityState.CLOSING_SOON
    return OpportunityState.OPEN


def days_left_label(opportunity: Opportunity, today: dt.date) -> str:
    """``Closes today``, ``1 day left``, ``12 days left``, ``Opens in 3 days``, ``Closed``."""
    state = opportunity_state(opportunity, today)
    if state is OpportunityState.CLOSED:
        return "Closed"
    if state is OpportunityState.UPCOMING and opportunity.opens:
        return f"Opens in {plural(days_between(today, opportunity.opens), 'day')}"
    days = days_between(today, opportunity.closes)
    if days == 0:
        return "Closes today"
    return f"{plural(days, 'day')} left"


def pay_label(payment: Payment) -> str:
    """``£25 per hour``; whole amounts without pence, others with two decimals."""
    symbol = CURRENCY_SYMBOLS.get(payment.currency)
    amount = (
        f"{payment.amount:,.0f}"
        if payment.amount == int(payment.amount)
        else f"{payment.amount:,.2f}"
    )
    money = f"{symbol}{amount}" if symbol else f"{amount} {payment.currency}"
    return f"{money} per {payment.per.value}"
