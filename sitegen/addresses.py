"""Addresses an editor writes for people to reach the organisation: a web address, an
email address and a phone number, each checked and turned into a link.

These links are written by templates from checked values, never taken from a body,
so they have rules of their own: ``https:`` only (never ``http:`` or a script), an
email address of the usual shape, and a phone number of digits. Each ``parse_*``
returns the value as it will be shown, or raises :class:`Invalid` with a message
for the editor. The patterns are shared with the JSON Schemas, so an editor's tool
and ``sitegen check`` accept the same values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote

from sitegen.values import Invalid

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = rf"{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,63}}"
_URL_TAIL = r"""[^\s<>"'`\\^{}|]"""
WEB_ADDRESS = rf"https://{_HOST}(?::[0-9]{{1,5}})?(?:[/?#]{_URL_TAIL}*)?"
"""A full ``https:`` address with a host name (no user name or password in it)."""
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_{}~-]+"
EMAIL = rf"{_ATOM}(?:\.{_ATOM})*@{_HOST}"
"""``name@example.org``: one ``@``, a dotted domain, nothing that needs quoting."""
PHONE = r"\+?[ ().-]*(?:[0-9][ ().-]*){7,15}"
"""Digits, 7 to 15 of them (the most a number has), with spaces, brackets, dots or
hyphens between them, and ``+`` only in front."""


def parse_web_address(value: object) -> str:
    text = _text(value)
    if text.lower().startswith("http://"):
        raise Invalid(f"'{text}' is not secure: write the https:// address")
    if not text.lower().startswith("https://"):
        raise Invalid(
            f"'{text}' is not a web address: write the full address, e.g. https://example.org/apply"
        )
    if "@" in text.split("/", 3)[2]:
        raise Invalid(f"'{text}' holds a user name or password: write the address without it")
    if not re.fullmatch(WEB_ADDRESS, text):
        raise Invalid(
            f"'{text}' is not a well-formed web address: it needs a host name such as "
            "example.org, and no spaces, quotes or angle brackets"
        )
    return text


def parse_email(value: object) -> str:
    return _written(
        value, "mailto:", EMAIL, "is not an email address; write it as name@example.org"
    )


def parse_phone(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        raise Invalid(f"{value} must be written in quotes, as a phone number is text: '0{value}'")
    return _written(
        value,
        "tel:",
        PHONE,
        "is not a phone number: write its digits (7 to 15), with spaces if you like, "
        "and + in front for an international number, e.g. 020 7946 0123",
    )


def _written(value: object, scheme: str, pattern: str, wrong: str) -> str:
    """An address written as people write it: no ``mailto:`` or ``tel:`` in front."""
    text = _text(value)
    if text.lower().startswith(scheme):
        raise Invalid(f"write it without '{scheme}': '{text[len(scheme) :].strip()}'")
    if not re.fullmatch(pattern, text):
        raise Invalid(f"'{text}' {wrong}")
    return text


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise Invalid(f"must be text, not {value!r}")
    return value.strip()


def tel_link(number: str) -> str:
    """``tel:`` with the digits only (and ``+`` for an international number)."""
    international = number.lstrip().startswith("+")
    if international:  # +44 (0)20 ...: the (0) is dialled only from within the country
        number = number.replace("(0)", "")
    return f"tel:{'+' if international else ''}{re.sub(r'[^0-9]', '', number)}"


def mailto_link(address: str, subject: str = "") -> str:
    """``mailto:`` the address, with a subject line when one is given."""
    link = f"mailto:{address}"
    return f"{link}?subject={quote(subject, safe='')}" if subject else link


def _folded(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def names_a_person(address: str, name: str, slug: str) -> bool:
    """Whether an email address is a person's own rather than the organisation's.

    A person's address is recognised by the words of its part before the ``@`` (split
    at dots, dashes and other marks): some of them, next to each other and run
    together, are their file name (``graham-hart``) or full name, either way round
    (``hart.graham``), their first initial with their last name (``g.hart``,
    ``ghart``) or their first name with their last initial (``grahamh``); or the
    address is their first or last name alone (``graham@``). Only whole words count,
    so ``confirmed-evaluating@`` does not name Dev Ahmed for holding "deva". A shared
    address (``involvement@``, ``apply@``) names no one.
    """
    return PeopleNames([(slug, name)]).named_by(address) is not None


class PeopleNames:
    """Which person an email address names, if any (:func:`names_a_person`), for many
    addresses against many people: each address is looked up, not compared with each
    person in turn."""

    def __init__(self, people: Iterable[tuple[str, str]]) -> None:
        """``people``: (slug, name) of each person, in the order matches are preferred."""
        self._slugs: list[str] = []
        self._wholes: dict[str, list[int]] = {}
        self._alone: dict[str, list[int]] = {}
        for position, (slug, name) in enumerate(people):
            self._slugs.append(slug)
            wholes, alone = _person_marks(name, slug)
            for whole in wholes:
                self._wholes.setdefault(whole, []).append(position)
            for part in alone:
                self._alone.setdefault(part, []).append(position)

    def named_by(self, address: str) -> str | None:
        """The first person (in the order given) whom ``address`` names."""
        words, runs = _local_part(address)
        found = {p for run in runs for p in self._wholes.get(run, ())}
        if len(words) == 1:
            found.update(self._alone.get(words[0], ()))
        return self._slugs[min(found)] if found else None


@lru_cache(maxsize=4096)
def _local_part(address: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The words of an address's part before the ``@``, and every run of them next to
    each other, run together (``g.hart.team``: ``g``, ``ghart``, ``ghartteam``...)."""
    local = address.split("@", 1)[0].lower()
    words = tuple(w for w in re.split(r"[^a-z]+", local) if w)
    runs = frozenset(
        "".join(words[start:end])
        for start in range(len(words))
        for end in range(start + 1, len(words) + 1)
    )
    return words, runs


@lru_cache(maxsize=4096)
def _person_marks(name: str, slug: str) -> tuple[frozenset[str], frozenset[str]]:
    """What in an address names this person: texts it may not hold (four letters or more),
    and names it may not be on their own. Worked out once per person, not per address."""
    parts = [_folded(part) for part in re.split(r"[\s-]+", name) if _folded(part)]
    if not parts:
        return frozenset(), frozenset()
    first, last = parts[0], parts[-1]
    wholes = {_folded(slug), "".join(parts), last + first}
    if len(parts) > 1:
        wholes |= {first + last, first[0] + last, last + first[0], first + last[0]}
    return (
        frozenset(whole for whole in wholes if len(whole) >= 4),
        frozenset(part for part in parts if len(part) >= 3),
    )
