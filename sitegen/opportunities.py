"""Where an opportunity stands on the build date, and how its pay reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from enum import StrEnum

from sitegen.addresses import PeopleNames
from sitegen.errors import Problem
from sitegen.model import Opportunity, Payment, Person
from sitegen.values import days_between, long_date, plural

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


def last_changed(opportunity: Opportunity, today: dt.date) -> dt.date:
    """When the opportunity last changed as of ``today``: the day it opened or the day
    after it closed, whichever came last, and never a day still to come (the build date
    until it opens). What feeds and calendars date it by."""
    moments = [opportunity.closes + dt.timedelta(days=1)]
    if opportunity.opens:
        moments.append(opportunity.opens)
    passed = [day for day in moments if day <= today]
    return max(passed, default=today)


def dates_label(opportunity: Opportunity) -> str:
    """``Applications open 2 November 2026 and close 15 January 2027.``: dates, never a
    countdown, so it stays true in a feed or calendar read long after the build."""
    closes = long_date(opportunity.closes)
    if opportunity.opens:
        return f"Applications open {long_date(opportunity.opens)} and close {closes}."
    return f"Applications close {closes}."


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


def people_names(people: Mapping[str, Person]) -> PeopleNames:
    """The people's names, for :func:`apply_problems` to look addresses up in."""
    return PeopleNames((slug, person.name) for slug, person in people.items())


def apply_problems(
    opportunity: Opportunity,
    today: dt.date,
    people: Mapping[str, Person],
    names: PeopleNames | None = None,
) -> Iterator[Problem]:
    """No way to apply while it is open or upcoming, and an email address that is a
    person's own (see :func:`~sitegen.addresses.names_a_person`); ``names``, the people's
    names indexed once for many opportunities."""
    if names is None:
        names = people_names(people)
    source, apply = opportunity.source, opportunity.apply
    state = opportunity_state(opportunity, today)
    if apply is None and state is not OpportunityState.CLOSED:
        lines = source.lines
        yield Problem(
            source.path,
            lines.get("apply") or lines.get("how_to_apply") or source.line("closes"),
            "apply",
            f"is required while the opportunity is {state.value}: say where to apply with "
            "'apply:' and at least one of url, email or phone",
        )
    if apply is None or apply.email is None:
        return
    slug = names.named_by(apply.email)
    if slug is not None:
        yield Problem(
            source.path,
            source.line("apply.email"),
            "apply.email",
            f"'{apply.email}' looks like the address of {people[slug].name} "
            f"(people/{slug}.md): give the organisation's shared address that "
            "applications go to, never a person's own",
        )
