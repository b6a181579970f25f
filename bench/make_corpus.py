"""Write a deterministic, valid benchmark content folder in the portal's format.

Usage: python bench/make_corpus.py OUTDIR N

Item i (0 <= i < N) is drawn from ``random.Random(i)`` alone, plus what items 0..i-1 made
(its references only point backwards), so the files of N=1000 are byte-identical to the
first 1000 items of N=5000. The collection of item i comes from a fixed 50-slot cycle:
25 meetings, 10 opportunities, 6 news, 5 projects, 2 people, 1 group and 1 page (the
page slot is a report in cycles 0, 11 and 53, so 2 reports at N=1000 and 3 at N=5000).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

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
RESERVED_SLUGS = {
    "meetings",
    "actions",
    "groups",
    "people",
    "projects",
    "opportunities",
    "reports",
    "news",
    "search",
    "data",
    "feeds",
}
YAML_SPECIAL = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}
PLAIN_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()/-]*[A-Za-z0-9.)]")


def wordlist(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = wordlist(
    "Graham Lizzie Niccola Mandy Cristina Rob Karen Laura Ian Simon Sarah Amira Ben Chloe "
    "Dev Ella Femi Grace Hassan Isla Jamal Kofi Leah Maya Nadia Owen Priya Quinn Rosa Sam "
    "Tariq Uma Victor Wendy Yusuf Zara Aled Bronwen Ciaran Deepa Eilidh Farah Gareth Hana"
)
LAST = wordlist(
    "Hart Cain Rudczenko Serrao Horne Groot Crane Cream Needleman Denegri Welsher Okafor "
    "Patel Evans Byrne Campbell Davies Fraser Gill Hughes Iqbal Jones Khan Lewis Morgan "
    "Nowak Osei Price Quinn Reid Shah Thomas Usman Vaughan Walsh Young Zhang Ahmed Bell"
)
ORGS = (
    "Co-Production Collective",
    "UCL",
    "NHS England",
    "National Voices",
    "The Health Foundation",
    "UCLH Biomedical Research Centre",
    "Camden Council",
    "London School of Hygiene and Tropical Medicine",
    "Mind",
    "Healthwatch Camden",
    "NIHR",
    "Islington Council",
    "Wellcome",
)
PERSON_ROLES = (
    "Co-producer",
    "Director",
    "Ally",
    "Co-ordinator",
    "Researcher",
    "Community Manager",
    "Engagement Lead",
    "Trustee",
)
GROUP_THEMES = (
    "Allies",
    "Members",
    "Research",
    "Training",
    "Finance",
    "Community",
    "Evaluation",
    "Digital",
    "Health",
    "Youth",
    "Housing",
    "Mental Health",
    "Data",
    "Ethics",
    "Learning",
    "Partnerships",
    "Events",
    "Wellbeing",
    "Access",
    "Policy",
)
GROUP_KINDS = ("Group", "Panel", "Steering Group", "Advisory Board", "Working Group", "Forum")
MEMBER_ROLES = ("chair", "member", "member", "member", "co-producer", "staff", "secretary")
OUR_ROLES = (
    "co-production partner",
    "learning partner",
    "facilitator",
    "co-evaluator",
    "trainer",
    "advisor",
)
SECTORS = ("health", "social care", "education", "local government", "research", "housing")
PLACES = (
    "UCL Bloomsbury, London",
    "Camden Town Hall, London",
    "Birmingham Library",
    "Manchester Central Library",
    "Leeds Civic Hall",
    "Bristol Hub",
)
AGENDA = (
    "Welcome and introductions",
    "Updates",
    "Funding",
    "Membership",
    "Current projects",
    "Our direction",
    "Opportunities for co-producers",
    "Any other business",
    "Finance report",
    "Reflection, check and challenge",
    "Communications",
    "Training",
)
LINK_HOSTS = (
    "https://www.coproductioncollective.co.uk/news",
    "https://www.ucl.ac.uk/research",
    "https://www.nihr.ac.uk/documents",
    "https://www.england.nhs.uk/engagement",
    "https://www.nationalvoices.org.uk/publications",
    "https://www.health.org.uk/reports",
)
WORDS = wordlist(
    "co-production collective research people lived experience skills public members "
    "partners health service community involvement funding transparency inclusive human "
    "challenging values meeting group action agreed approach document offer guide staff "
    "funders costed application strategy consultation background information network "
    "provision governance relationship office faculty impact project training programme "
    "policy unit science engineering school medicine data patient principles evaluating "
    "council family changemakers learning improvement voices foundation hearing checks "
    "england delivery report progress direction halfway anniversary celebration recap blog "
    "marketing reflection check challenge online area approach relevant contacts introduce "
    "explore support share notes timeline budget review plan draft feedback session panel "
    "workshop paid payment time place access needs expenses selection transparent closing "
    "date update week month year team role together listen trust power equal voice change "
    "decision minutes agenda chair present apologies next steps resource toolkit website "
    "page online survey interview findings evidence goal outcome measure learning practice "
    "care local national university hospital charity volunteer commitment flexible open "
    "clear simple accessible easy read language format printed recording caption break "
    "lunch travel booked confirmed pending early late monthly quarterly annual renewal "
    "the a and of to in for with on by about from our their this that we they it is was "
    "will can should would could more most some many each every new other first last "
    "good better strong shared wider further key main current future past recent"
)


@dataclass
class MeetingRef:
    """What later meetings of the same group may update."""

    slug: str
    date: dt.date
    action_ids: list[str]


@dataclass
class Registry:
    """Everything items 0..i-1 made that item i may refer to."""

    taken: set[str] = field(default_factory=lambda: set(RESERVED_SLUGS))
    people: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    group_members: dict[str, list[str]] = field(default_factory=dict)
    group_names: dict[str, str] = field(default_factory=dict)
    projects: list[str] = field(default_factory=list)
    meetings_by_group: dict[str, list[MeetingRef]] = field(default_factory=dict)
    pages: int = 0

    def claim(self, base: str) -> str:
        """Return ``base`` or ``base-2``, ``base-3``... whichever is still free."""
        slug, n = base, 1
        while slug in self.taken:
            n += 1
            slug = f"{base}-{n}"
        self.taken.add(slug)
        return slug


T = TypeVar("T")
Item = tuple[str, str, list[str], str]  # collection, slug, front-matter lines, body

TODAY = dt.date(2026, 11, 28)
FIRST_DAY = dt.date(2019, 1, 1)


def collection_of(i: int) -> str:
    """Collection of item ``i`` from the fixed 50-slot cycle."""
    cycle, slot = divmod(i, 50)
    name = (CYCLE_HEAD + CYCLE_REST)[slot]
    if name == "pages" and cycle in REPORT_CYCLES:
        return "reports"
    return name


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def ystr(text: str) -> str:
    """A YAML scalar for free text: plain when unambiguous, else JSON-quoted."""
    if PLAIN_SAFE.fullmatch(text) and text.lower() not in YAML_SPECIAL:
        return text
    return json.dumps(text)


def rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def rand_time(rng: random.Random) -> tuple[str, str]:
    hour = rng.randint(9, 17)
    minute = rng.choice((0, 30))
    length = rng.choice((60, 90, 120))
    end = hour * 60 + minute + length
    return f"{hour:02d}:{minute:02d}", f"{end // 60:02d}:{end % 60:02d}"


def words(rng: random.Random, n: int) -> list[str]:
    return rng.choices(WORDS, k=n)


def sentence(rng: random.Random, lo: int = 8, hi: int = 16) -> str:
    ws = words(rng, rng.randint(lo, hi))
    return " ".join(ws).capitalize() + "."


def title_words(rng: random.Random, lo: int = 3, hi: int = 6) -> str:
    ws = [w for w in words(rng, hi + 4) if len(w) > 3][: rng.randint(lo, hi)]
    return " ".join(w.capitalize() for w in ws) or "Update"


def sample(rng: random.Random, pool: list[T], lo: int, hi: int) -> list[T]:
    """Between lo and hi distinct items of pool (fewer if pool is small)."""
    k = min(len(pool), rng.randint(lo, hi))
    return rng.sample(pool, k)


# Markdown body -------------------------------------------------------------------------


def decorate(rng: random.Random, ws: list[str], marks: Iterable[str]) -> list[str]:
    """Wrap some words in em, strong, code or an external link."""
    out = list(ws)
    for mark in marks:
        j = rng.randrange(len(out))
        while not out[j][0].isalpha():  # already decorated: take the next word
            j = (j + 1) % len(out)
        w = out[j].rstrip(".")
        tail = "." if out[j].endswith(".") else ""
        if mark == "em":
            out[j] = f"*{w}*{tail}"
        elif mark == "strong":
            out[j] = f"**{w}**{tail}"
        elif mark == "code":
            out[j] = f"`{w}`{tail}"
        else:
            url = f"{rng.choice(LINK_HOSTS)}/{slugify(' '.join(words(rng, 3)))}"
            out[j] = f"[{w}]({url}){tail}"
    return out


def paragraph(rng: random.Random, n: int, marks: Iterable[str] = ()) -> str:
    sentences: list[str] = []
    left = n
    while left > 0:
        k = min(left, rng.randint(8, 18))
        sentences.append(" ".join(words(rng, k)).capitalize() + ".")
        left -= k
    text = " ".join(sentences).split(" ")
    return " ".join(decorate(rng, text[:-1], marks) + text[-1:])


def bullet_list(rng: random.Random, ordered: bool) -> str:
    lines = []
    for k in range(rng.randint(3, 6)):
        prefix = f"{k + 1}." if ordered else "-"
        lines.append(f"{prefix} {sentence(rng, 5, 11)}")
    return "\n".join(lines)


def table(rng: random.Random) -> str:
    head = [title_words(rng, 1, 2) for _ in range(4)]
    rows = ["| " + " | ".join(head) + " |", "| --- | --- | --- | ---: |"]
    for _ in range(rng.randint(3, 5)):
        cells = [" ".join(words(rng, rng.randint(1, 3))) for _ in range(3)]
        cells.append(str(rng.randint(1, 500)))
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def body(rng: random.Random, headings: list[str]) -> str:
    """About 600 words: an intro, then one ## section per heading; the sections carry
    ### subsections, a bullet list, a numbered list and a table."""
    blocks = [paragraph(rng, rng.randint(50, 70), ("em", "strong", "link"))]
    for n, heading in enumerate(headings):
        blocks.append(f"## {heading}")
        blocks.append(paragraph(rng, rng.randint(40, 62), ("code", "em")))
        if n == 0:
            blocks.append(bullet_list(rng, ordered=False))
        if n == 1:
            blocks.append(f"### {title_words(rng, 2, 4)}")
            blocks.append(paragraph(rng, rng.randint(35, 55), ("strong", "link")))
            blocks.append(bullet_list(rng, ordered=True))
        if n == 2:
            blocks.append(table(rng))
        if n >= 3:
            blocks.append(f"### {title_words(rng, 2, 4)}")
            blocks.append(paragraph(rng, rng.randint(35, 55), ("link",)))
    blocks.append(paragraph(rng, rng.randint(30, 50), ("link", "strong")))
    return "\n\n".join(blocks) + "\n"


def plain_headings(rng: random.Random) -> list[str]:
    return [title_words(rng, 2, 5) for _ in range(rng.randint(4, 6))]


# Front-matter helpers ------------------------------------------------------------------


def yaml_list(key: str, values: list[str], indent: str = "") -> list[str]:
    if not values:
        return [f"{indent}{key}: []"]
    return [f"{indent}{key}:"] + [f"{indent}  - {ystr(v)}" for v in values]


# Collections ---------------------------------------------------------------------------


def make_person(rng: random.Random, reg: Registry) -> Item:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    slug = reg.claim(slugify(name))
    reg.people.append(slug)
    meta = [
        f"name: {ystr(name)}",
        f"role: {ystr(rng.choice(PERSON_ROLES))}",
        f"organisation: {ystr(rng.choice(ORGS))}",
        f"profile: {'true' if rng.random() < 1 / 3 else 'false'}",
    ]
    return "people", slug, meta, body(rng, plain_headings(rng))


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


def action_due(rng: random.Random, date: dt.date, has_next: bool) -> str:
    kinds = ["date", "date", "month", "asap", "ongoing"] + (["next-meeting"] if has_next else [])
    kind = rng.choice(kinds)
    if kind == "date":
        return (date + dt.timedelta(days=rng.randint(7, 150))).isoformat()
    if kind == "month":
        later = date + dt.timedelta(days=rng.randint(31, 150))
        return f"{later.year:04d}-{later.month:02d}"
    return kind


def make_actions(
    rng: random.Random, reg: Registry, date: dt.date, has_next: bool, group: str
) -> tuple[list[str], list[str]]:
    lines: list[str] = []
    ids: list[str] = []
    owners_pool = reg.group_members[group] + reg.people[:4]
    for n in range(rng.choices(range(7), (1, 2, 3, 3, 2, 1, 1))[0]):
        ids.append(f"a{n + 1}")
        owners = sample(rng, sorted(set(owners_pool)), 1, 2)
        if rng.random() < 0.2:
            owners.append(rng.choice(reg.groups))
        status = rng.choices(("open", "in-progress", "done", "dropped"), (4, 2, 3, 1))[0]
        lines += [
            f"  - id: a{n + 1}",
            f"    text: {ystr(sentence(rng, 6, 16))}",
            *yaml_list("owners", list(dict.fromkeys(owners)), "    "),
            f"    due: {action_due(rng, date, has_next)}",
            f"    status: {status}",
        ]
    return (["actions:", *lines] if lines else ["actions: []"]), ids


def make_updates(rng: random.Random, reg: Registry, group: str, date: dt.date) -> list[str]:
    earlier = [m for m in reg.meetings_by_group.get(group, []) if m.date < date and m.action_ids]
    if not earlier or rng.random() < 0.4:
        return []
    lines = ["action_updates:"]
    picked = {(m.slug, rng.choice(m.action_ids)) for m in sample(rng, earlier[-8:], 1, 3)}
    for slug, action_id in sorted(picked):
        status = rng.choice(("in-progress", "done", "done", "dropped", "open"))
        lines += [
            f'  - action: "{slug}#{action_id}"',
            f"    status: {status}",
            f"    note: {ystr(sentence(rng, 6, 14))}",
        ]
    return lines


def attendance(rng: random.Random, reg: Registry, group: str) -> tuple[list[str], ...]:
    members = reg.group_members[group]
    others = [p for p in reg.people if p not in members]
    present = sample(rng, members, max(1, len(members) - 2), len(members))
    present += sample(rng, others, 0, 3)
    absent = [p for p in reg.people if p not in present]
    apologies = sample(rng, absent, 0, 3)
    rest = [p for p in absent if p not in apologies]
    in_attendance = sample(rng, rest, 0, 2) if rng.random() < 0.3 else []
    return present, apologies, in_attendance


def make_meeting(rng: random.Random, reg: Registry, i: int) -> Item:
    group = rng.choice(reg.groups)
    date = rand_date(rng, FIRST_DAY, TODAY - dt.timedelta(days=1))
    slug = reg.claim(f"{date.isoformat()}-{group}-{i}")
    start, end = rand_time(rng)
    present, apologies, in_attendance = attendance(rng, reg, group)
    has_next = rng.random() < 0.7
    meta = [f"group: {group}", f"date: {date.isoformat()}"]
    if rng.random() < 0.5:
        meta.append(f"title: {ystr(reg.group_names[group] + ' ' + title_words(rng, 1, 3))}")
    meta += [
        f"start: {start}",
        f"end: {end}",
        f"location: {ystr('online' if rng.random() < 0.6 else rng.choice(PLACES))}",
        f"chair: {present[0]}",
        *yaml_list("present", present),
        *yaml_list("apologies", apologies),
    ]
    if in_attendance:
        meta += yaml_list("in_attendance", in_attendance)
    meta += [
        f"summary: {ystr(sentence(rng, 12, 24))}",
        *yaml_list("projects", sample(rng, reg.projects, 0, 2)),
        *yaml_list("decisions", [sentence(rng, 6, 14) for _ in range(rng.randint(0, 4))]),
    ]
    if has_next:
        next_date = date + dt.timedelta(days=rng.randint(14, 60))
        n_start, n_end = rand_time(rng)
        meta += [
            "next_meeting:",
            f"  date: {next_date.isoformat()}",
            f"  start: {n_start}",
            f"  end: {n_end}",
        ]
    actions, ids = make_actions(rng, reg, date, has_next, group)
    meta += actions + make_updates(rng, reg, group, date)
    reg.meetings_by_group.setdefault(group, []).append(MeetingRef(slug, date, ids))
    headings = rng.sample(AGENDA, rng.randint(4, 6))
    return "meetings", slug, meta, body(rng, headings)


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
    if closes < TODAY and rng.random() < 0.5:
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
