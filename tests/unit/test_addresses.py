"""Ways to apply: web addresses, email addresses and phone numbers are checked and made
into links a template can trust, and a person's own address is told from a shared one."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from sitegen.addresses import (
    PeopleNames,
    mailto_link,
    names_a_person,
    parse_email,
    parse_phone,
    parse_web_address,
    tel_link,
)
from sitegen.model import (
    Apply,
    LocationMode,
    Opportunity,
    OpportunityLocation,
    Payment,
    PayPeriod,
    Person,
    Source,
)
from sitegen.opportunities import apply_problems, dates_label, last_changed
from sitegen.values import Invalid


@pytest.mark.parametrize(
    "address",
    [
        "https://example.org/apply",
        "https://forms.example.co.uk/r/abc?x=1&y=2#top",
        "https://example.org:8443/",
    ],
)
def test_a_well_formed_https_address_is_kept(address: str) -> None:
    assert parse_web_address(f"  {address} ") == address


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("http://example.org/apply", "not secure"),
        ("javascript:alert(1)", "not a web address"),
        ("example.org/apply", "not a web address"),
        ("https://user:secret@example.org/", "user name or password"),
        ("https://localhost/apply", "not a well-formed"),
        ("https://example.org/a b", "not a well-formed"),
        ('https://example.org/"onclick', "not a well-formed"),
    ],
)
def test_an_unsafe_or_broken_web_address_is_refused(address: str, says: str) -> None:
    with pytest.raises(Invalid, match=says):
        parse_web_address(address)


def test_email_and_phone_are_checked() -> None:
    assert parse_email("involvement@example.org") == "involvement@example.org"
    assert parse_phone("+44 (0)20 7946 0123") == "+44 (0)20 7946 0123"
    for wrong in ("involvement", "a@b", "two words@example.org", "mailto:a@example.org"):
        with pytest.raises(Invalid):
            parse_email(wrong)
    for wrong in ("12 34", "020-CALL-NOW", "0 20 + 7946", "tel:02079460123"):
        with pytest.raises(Invalid):
            parse_phone(wrong)
    with pytest.raises(Invalid, match="in quotes"):
        parse_phone(2079460123)


def test_links_are_made_for_dialling_and_mailing() -> None:
    assert tel_link("020 7946 0123") == "tel:02079460123"
    assert tel_link("+44 (0)20 7946 0123") == "tel:+442079460123"
    assert mailto_link("a@example.org", "Application: Panel & more") == (
        "mailto:a@example.org?subject=Application%3A%20Panel%20%26%20more"
    )


@pytest.mark.parametrize(
    "address",
    [
        "graham.hart@example.org",
        "graham-hart@example.org",
        "hart.graham@example.org",
        "g.hart@example.org",
        "ghart@example.org",
        "grahamh@example.org",
        "graham@example.org",
        "Hart@example.org",
    ],
)
def test_an_address_that_names_a_person_is_theirs(address: str) -> None:
    assert names_a_person(address, "Graham Hart", "graham-hart")


@pytest.mark.parametrize(
    "address",
    ["involvement@example.org", "apply@example.org", "co-producers@example.org", "team@hart.org"],
)
def test_a_shared_address_names_no_one(address: str) -> None:
    assert not names_a_person(address, "Graham Hart", "graham-hart")


def test_only_whole_words_of_an_address_name_someone() -> None:
    """A name's pieces inside longer words are a coincidence, not a person's address."""
    assert not names_a_person("apply-confirmed-evaluating@example.org", "Dev Ahmed", "dev-ahmed")
    assert not names_a_person("panel-late-website@example.org", "Ella Thomas", "ella-thomas")
    assert names_a_person("apply.dev.ahmed@example.org", "Dev Ahmed", "dev-ahmed")
    assert names_a_person("deva@example.org", "Dev Ahmed", "dev-ahmed")


def test_a_double_barrelled_name_is_recognised_by_either_part() -> None:
    name, slug = "Niccola Hutchinson-Pascal", "niccola-hutchinson-pascal"
    assert names_a_person("hutchinson@example.org", name, slug)
    assert names_a_person("n.pascal@example.org", name, slug)


def test_looking_an_address_up_names_the_first_person_comparing_would() -> None:
    """Checks look each address up among everyone's names at once: the answer must be
    the first person, in file order, whom :func:`names_a_person` says it names."""
    rng = random.Random(14)
    first = ["Graham", "Niccola", "Ann", "Bo", "Sarah", "Ian", "Lu", "Amira"]
    last = ["Hart", "Hutchinson-Pascal", "Reid", "Ng", "Evans", "Ahmed", "O'Neil"]
    people = []
    for number in range(60):
        name = f"{rng.choice(first)} {rng.choice(last)}"
        people.append((f"{name.lower().replace(' ', '-')}-{number}", name))
    names = PeopleNames(people)
    pieces = [*first, *last, "apply", "team", "g", "h", "x", ".", "-", "_", "1"]
    for _ in range(3000):
        local = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 4)))
        address = f"{local}@example.org"
        expected = next(
            (slug for slug, name in people if names_a_person(address, name, slug)), None
        )
        assert names.named_by(address) == expected, address


OPENS, CLOSES = dt.date(2024, 3, 1), dt.date(2024, 3, 31)


def opportunity(apply: Apply | None) -> Opportunity:
    return Opportunity(
        slug="o",
        source=Source("o.md", {"apply": 9, "apply.email": 10, "closes": 12}),
        title="O",
        payment=Payment(amount=25, per=PayPeriod.HOUR),
        location=OpportunityLocation(mode=LocationMode.ONLINE),
        selection="By a panel.",
        apply=apply,
        opens=OPENS,
        closes=CLOSES,
    )


PEOPLE = {"ada-lovelace": Person(slug="ada-lovelace", source=Source("p.md"), name="Ada Lovelace")}


@pytest.mark.parametrize(
    ("today", "wanted"),
    [(dt.date(2024, 2, 1), True), (dt.date(2024, 3, 15), True), (dt.date(2024, 4, 1), False)],
)
def test_an_open_or_upcoming_opportunity_needs_a_way_to_apply(today: dt.date, wanted: bool) -> None:
    problems = list(apply_problems(opportunity(None), today, PEOPLE))
    assert bool(problems) == wanted
    if wanted:
        assert problems[0].field == "apply" and problems[0].line == 9


def test_a_persons_own_email_is_refused_with_their_name() -> None:
    (problem,) = apply_problems(
        opportunity(Apply(email="ada@example.org")), dt.date(2024, 3, 1), PEOPLE
    )
    assert (problem.field, problem.line) == ("apply.email", 10)
    assert "Ada Lovelace (people/ada-lovelace.md)" in problem.message
    assert not list(
        apply_problems(opportunity(Apply(email="apply@example.org")), dt.date(2024, 3, 1), PEOPLE)
    )


@pytest.mark.parametrize(
    ("today", "changed"),
    [
        (dt.date(2024, 2, 1), dt.date(2024, 2, 1)),  # upcoming: never a date still to come
        (dt.date(2024, 3, 10), OPENS),
        (dt.date(2024, 5, 1), CLOSES + dt.timedelta(days=1)),
    ],
)
def test_feeds_date_an_opportunity_by_what_has_happened(today: dt.date, changed: dt.date) -> None:
    assert last_changed(opportunity(None), today) == changed
    assert dates_label(opportunity(None)) == (
        "Applications open 1 March 2024 and close 31 March 2024."
    )
