"""Write a deterministic, valid benchmark content folder in the portal's format.

Usage: python bench/make_corpus.py OUTDIR N

Item i (0 <= i < N) is drawn from ``random.Random(i)`` alone, plus what items 0..i-1 made
(its references only point backwards), so the files of N=1000 are byte-identical to the
first 1000 items of N=5000. The collection of item i comes from a fixed 50-slot cycle:
25 meetings, 10 opportunities, 6 news, 5 projects, 2 people, 1 group and 1 page (the
page slot is a report in cycles 0, 11 and 53, so 2 reports at N=1000 and 3 at N=5000).

The content is what careful editors write, so that ``sitegen check`` finds nothing to warn
about: actions are agreed open and their progress is recorded in later meetings'
``action_updates`` (bench/corpus_meetings.py), non-members who came are ``in_attendance``,
only people with a profile have a text, an opportunity closed over a month ago has its
outcome, and the first three pages are the accessibility statement, the privacy notice and
how co-producers are involved. The words come from bench/corpus_words.py and the text,
Markdown and YAML helpers from bench/corpus_base.py.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Callable
from pathlib import Path

from corpus_base import (
    FIRST_DAY,
    TODAY,
    Item,
    Registry,
    body,
    plain_headings,
    rand_date,
    sample,
    sentence,
    slugify,
    title_words,
    yaml_list,
    ystr,
)
from corpus_meetings import make_meeting
from corpus_words import (
    FIRST,
    GROUP_KINDS,
    GROUP_THEMES,
    LAST,
    MEMBER_ROLES,
    ORGS,
    OUR_ROLES,
    PERSON_ROLES,
    PLACES,
    SECTORS,
)

CYCLE_HEAD = ["people", "groups", "projects", "people"]
CYCLE_REST = ["meetings"] * 25 + ["opportunities"] * 10 + ["news"] * 6 + ["projects"] * 4
CYCLE_REST += ["pages"]
REPORT_CYCLES = (0, 11, 53)
COLLECTIONS = (
    "people",
    "groups",
    "meetings",
    "projects",
    "opportunities",
    "reports",
    "news",
    "pages",
)
OUTCOME_AFTER = dt.timedelta(days=30)
"""An opportunity closed longer ago than this has published its outcome."""
PAGES_FIRST = (
    ("accessibility", "Accessibility statement"),
    ("privacy", "Privacy notice"),
    ("how-we-involve-co-producers", "How we involve co-producers"),
)
"""The pages every portal has, written first (the portal warns when one is missing)."""


def collection_of(i: int) -> str:
    """Collection of item ``i`` from the fixed 50-slot cycle."""
    cycle, slot = divmod(i, 50)
    name = (CYCLE_HEAD + CYCLE_REST)[slot]
    if name == "pages" and cycle in REPORT_CYCLES:
        return "reports"
    return name


# Collections ---------------------------------------------------------------------------


def make_person(rng: random.Random, reg: Registry) -> Item:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    slug = reg.claim(slugify(name))
    reg.people.append(slug)
    profile = rng.random() < 1 / 3
    meta = [
        f"name: {ystr(name)}",
        f"role: {ystr(rng.choice(PERSON_ROLES))}",
        f"organisation: {ystr(rng.choice(ORGS))}",
        f"profile: {'true' if profile else 'false'}",
    ]
    # Only a profile is published, so only people with one have a text.
    return "people", slug, meta, body(rng, plain_headings(rng)) if profile else ""


def make_group(rng: random.Random, reg: Registry) -> Item:
    name = f"{rng.choice(GROUP_THEMES)} {rng.choice(GROUP_KINDS)}"
    slug = reg.claim(slugify(name))
    members = sample(rng, reg.people, 2, 8)
    reg.groups.append(slug)
    reg.group_members[slug] = members
    reg.group_names[slug] = name
    status = rng.choices(("active", "proposed", "closed"), (8, 1, 1))[0]
    meta = [
        f"name: {ystr(name)}",
        f"purpose: {ystr(sentence(rng, 10, 20))}",
        f"status: {status}",
        "members:",
    ]
    for n, person in enumerate(members):
        role = "chair" if n == 0 else rng.choice(MEMBER_ROLES[1:])
        meta += [f"  - person: {person}", f"    role: {role}"]
    return "groups", slug, meta, body(rng, plain_headings(rng))


def make_project(rng: random.Random, reg: Registry) -> Item:
    title = title_words(rng, 3, 5)
    slug = reg.claim(slugify(title))
    reg.projects.append(slug)
    status = rng.choices(("current", "completed", "planned"), (4, 4, 2))[0]
    if status == "planned":
        started = rand_date(rng, TODAY + dt.timedelta(days=3), dt.date(2027, 9, 30))
    else:
        started = rand_date(rng, FIRST_DAY, TODAY - dt.timedelta(days=60))
    meta = [
        f"title: {ystr(title)}",
        *yaml_list("partners", sample(rng, list(ORGS[1:]), 1, 3)),
        f"our_role: {rng.choice(OUR_ROLES)}",
        f"status: {status}",
        f"sector: {rng.choice(SECTORS)}",
        f"started: {started.isoformat()}",
    ]
    if status == "completed":
        ended = rand_date(rng, started, min(TODAY, started + dt.timedelta(days=900)))
        meta.append(f"ended: {ended.isoformat()}")
    meta.append(f"summary: {ystr(sentence(rng, 12, 24))}")
    return "projects", slug, meta, body(rng, plain_headings(rng))


def opportunity_dates(rng: random.Random) -> tuple[dt.date, dt.date]:
    if rng.random() < 0.15:  # some near the build date: upcoming, open, closing soon
        opens = TODAY + dt.timedelta(days=rng.randint(-40, 20))
    else:
        opens = rand_date(rng, FIRST_DAY, TODAY)
    return opens, opens + dt.timedelta(days=rng.randint(7, 60))


def make_opportunity(rng: random.Random, reg: Registry) -> Item:
    title = title_words(rng, 3, 5)
    slug = reg.claim(slugify(title))
    opens, closes = opportunity_dates(rng)
    mode = rng.choice(("online", "in-person", "hybrid"))
    per = rng.choice(("hour", "session", "day", "project"))
    amount = {"hour": 25, "session": 75, "day": 150, "project": 600}[per] * rng.randint(1, 3)
    meta = [
        f"title: {ystr(title)}",
        f"summary: {ystr(sentence(rng, 12, 24))}",
        f"project: {rng.choice(reg.projects)}",
        "payment:",
        f"  amount: {amount}",
        "  currency: GBP",
        f"  per: {per}",
        f"time_commitment: {ystr(f'{rng.randint(1, 12)} sessions of {rng.randint(1, 3)} hours')}",
        "location:",
        f"  mode: {mode}",
    ]
    if mode != "online":
        meta.append(f"  place: {ystr(rng.choice(PLACES))}")
    meta += [
        f"who_can_apply: {ystr(sentence(rng, 8, 16))}",
        f"selection: {ystr(sentence(rng, 10, 20))}",
        f"how_to_apply: {ystr(sentence(rng, 8, 16))}",
        "apply:",
        f"  email: {ystr(f'apply-{slug}@example.org')}",
        f"opens: {opens.isoformat()}",
        f"closes: {closes.isoformat()}",
        f"places: {rng.randint(1, 12)}",
        f"support: {ystr(sentence(rng, 8, 16))}",
    ]
    if closes < TODAY - OUTCOME_AFTER or (closes < TODAY and rng.random() < 0.5):
        applied = rng.randint(1, 80)
        meta += ["outcome:", f"  applied: {applied}", f"  selected: {rng.randint(0, applied)}"]
    return "opportunities", slug, meta, body(rng, plain_headings(rng))


def make_report(rng: random.Random, reg: Registry, i: int) -> Item:
    first = "halfway-there" not in reg.taken
    title = "Halfway there" if first else f"{title_words(rng, 2, 3)} Report"
    slug = reg.claim(slugify(title))
    year = 2020 if first else rng.randint(2019, 2023)
    meta = [
        f"title: {ystr(title)}",
        f"period: {ystr(f'{year}-{year + 2}')}",
        f"published: {rand_date(rng, dt.date(year + 1, 1, 1), dt.date(year + 1, 12, 31))}",
        f"summary: {ystr(sentence(rng, 12, 24))}",
        "goals:",
    ]
    for _ in range(rng.randint(4, 8)):
        status = rng.choice(("achieved", "on-track", "behind", "not-started"))
        meta += [
            f"  - title: {ystr(title_words(rng, 2, 5))}",
            f"    status: {status}",
            f"    evidence: {ystr(sentence(rng, 8, 20))}",
        ]
    return "reports", slug, meta, body(rng, plain_headings(rng))


def make_news(rng: random.Random, reg: Registry) -> Item:
    title = title_words(rng, 3, 6)
    slug = reg.claim(slugify(title))
    meta = [
        f"title: {ystr(title)}",
        f"date: {rand_date(rng, FIRST_DAY, TODAY).isoformat()}",
        f"summary: {ystr(sentence(rng, 12, 24))}",
    ]
    return "news", slug, meta, body(rng, plain_headings(rng))


def make_page(rng: random.Random, reg: Registry) -> Item:
    if reg.pages < len(PAGES_FIRST):
        slug, title = PAGES_FIRST[reg.pages]
        reg.claim(slug)
    else:
        title = title_words(rng, 1, 3)
        slug = reg.claim(slugify(title))
    reg.pages += 1
    meta = [
        f"title: {ystr(title)}",
        f"summary: {ystr(sentence(rng, 12, 24))}",
        f"nav_order: {reg.pages * 10}",
    ]
    return "pages", slug, meta, body(rng, plain_headings(rng))


MAKERS: dict[str, Callable[[random.Random, Registry, int], Item]] = {
    "people": lambda rng, reg, i: make_person(rng, reg),
    "groups": lambda rng, reg, i: make_group(rng, reg),
    "projects": lambda rng, reg, i: make_project(rng, reg),
    "meetings": make_meeting,
    "opportunities": lambda rng, reg, i: make_opportunity(rng, reg),
    "reports": make_report,
    "news": lambda rng, reg, i: make_news(rng, reg),
    "pages": lambda rng, reg, i: make_page(rng, reg),
}


def make_item(i: int, reg: Registry) -> Item:
    return MAKERS[collection_of(i)](random.Random(i), reg, i)


def render(meta: list[str], text: str) -> str:
    return "---\n" + "\n".join(meta) + "\n---\n\n" + text


SITE_YAML = """\
title: Co-Production Collective (benchmark corpus)
description: Generated content for timing sitegen builds.
base_url: https://example.org/
timezone: Europe/London
"""


def write_corpus(outdir: Path, n: int) -> dict[str, int]:
    """Write site.yaml and n items; return the count per collection."""
    if outdir.exists() and any(outdir.iterdir()):
        raise SystemExit(f"{outdir} is not empty; refusing to write over it")
    for name in COLLECTIONS:
        (outdir / name).mkdir(parents=True, exist_ok=True)
    (outdir / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    reg = Registry()
    counts = dict.fromkeys(COLLECTIONS, 0)
    for i in range(n):
        collection, slug, meta, text = make_item(i, reg)
        (outdir / collection / f"{slug}.md").write_text(render(meta, text), encoding="utf-8")
        counts[collection] += 1
    return counts


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[1].isdigit() or int(argv[1]) < 4:
        print("usage: python bench/make_corpus.py OUTDIR N   (N >= 4)", file=sys.stderr)
        return 2
    counts = write_corpus(Path(argv[0]), int(argv[1]))
    print(" ".join(f"{name}={count}" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
