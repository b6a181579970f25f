"""``sitegen check`` and the JSON Schemas accept exactly the same values.

An editor's tool that checks front-matter while typing (with the schemas from
``sitegen schema``) and ``sitegen check`` must never disagree: a value one
accepts, the other accepts; a value one rejects, the other rejects, and check
says what to write instead. Each case writes one value, as an editor would type
it, into a file of the small site and asks both.

The only values where they may differ are those a schema cannot judge: a date
that does not exist (30 February), a reference to a file that does not exist (a
slug-shaped name of no file), and an email address that names someone in people/.
Those are listed apart and asserted as such, so the exception stays exactly that wide.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from sitegen.jsonschema import schemas
from sitegen.parse import parse_document
from tests.helpers import SMALL_TODAY, copy_site, run_cli

MEETING = "meetings/2024-03-12-steering-group.md"
MEETING_TEXT = """---
group: steering-group
date: 2024-03-12
start: {start}
location: {location}
chair: {chair}
present: [ada-lovelace, bob-jones]
summary: The group reviewed progress on its actions.
next_meeting:
  date: 2024-05-01
actions:
  - id: x1
    text: Try a value.
    owners: [ada-lovelace]
    due: {due}
    status: {status}
visibility: {visibility}
---
Notes.
"""
MEETING_DEFAULTS = {
    "start": "14:00",
    "location": "online",
    "chair": "ada-lovelace",
    "due": "asap",
    "status": "open",
    "visibility": "public",
}
PERSON = "people/cara-smith.md"
PERSON_TEXT = "---\nname: Cara Smith\nprofile: {profile}\n---\n"
PROJECT = "projects/hearing-checks.md"
PROJECT_TEXT = """---
title: Hearing checks
partners: [NHS England]
our_role: {our_role}
status: current
sector: Health
started: {started}
summary: Hearing checks with the NHS.
---
"""
OPPORTUNITY = "opportunities/panel-member.md"
OPPORTUNITY_TEXT = """---
title: Panel member
summary: Join the panel.
payment:
  amount: {amount}
  per: hour
location:
  mode: online
selection: A panel of two co-producers reads every application.
opens: 2024-01-01
closes: 2024-02-15
places: {places}
apply:
  url: {url}
  email: {email}
  phone: {phone}
outcome:
  applied: 12
  selected: 3
---
"""
GROUP = "groups/advice-group.md"
GROUP_TEXT = "---\nname: Advice Group\npurpose: Would advise.\nstatus: {status}\n---\n"
PAGE = "pages/governance.md"
PAGE_TEXT = "---\ntitle: Governance\nsummary: How we are governed.\nnav_order: {nav_order}\n---\n"

FILES = {
    MEETING: (MEETING_TEXT, MEETING_DEFAULTS),
    PERSON: (PERSON_TEXT, {"profile": "false"}),
    PROJECT: (PROJECT_TEXT, {"our_role": "co-production partner", "started": "2023-06-01"}),
    OPPORTUNITY: (
        OPPORTUNITY_TEXT,
        {
            "amount": "25",
            "places": "6",
            "url": "https://example.org/apply",
            "email": "apply@example.org",
            "phone": "020 7946 0123",
        },
    ),
    GROUP: (GROUP_TEXT, {"status": "proposed"}),
    PAGE: (PAGE_TEXT, {"nav_order": "2"}),
}

# (file, placeholder, the field check names, the value as typed)
CASES = [
    *[
        (MEETING, "status", "actions[1].status", v)
        for v in (
            "open",
            "in-progress",
            "done",
            "dropped",
            "Open",
            "In progress",
            "in progress",
            "in_progress",
            "DONE",
            "finished",
        )
    ],
    *[
        (MEETING, "due", "actions[1].due", v)
        for v in (
            "asap",
            "ongoing",
            "next-meeting",
            "2024-04",
            "2024-4",
            "2024-04-30",
            "2024-4-3",
            "ASAP",
            "Ongoing",
            "next meeting",
            "as soon as possible",
            "2024-13",
            "Apr 2024",
            "2024-04-31x",
            "soon",
        )
    ],
    *[
        (MEETING, "start", "start", v)
        for v in (
            "14:00",
            "9:30",
            "09:05",
            "14.00",
            "25:00",
            "14:60",
            "2pm",
            "840",
            "'14:00'",
        )
    ],
    *[
        (MEETING, "location", "location", v)
        for v in (
            "online",
            "Room 1",
            "2024",
            "true",
            '""',
            '"TODO: where"',
        )
    ],
    *[
        (MEETING, "chair", "chair", v)
        for v in (
            "ada-lovelace",
            "ada-lovelace.md",
            "Ada_Lovelace",
            "ADA-LOVELACE",
            "ada lovelace",
        )
    ],
    *[(MEETING, "visibility", "visibility", v) for v in ("public", "draft", "Draft", "hidden")],
    *[(PERSON, "profile", "profile", v) for v in ("true", "false", "True", "yes", "no", "maybe")],
    *[
        (PROJECT, "our_role", "our_role", v)
        for v in (
            "co-production partner",
            "advisor",
            "Co-production partner",
            "co-production-partner",
            "adviser",
        )
    ],
    *[
        (PROJECT, "started", "started", v)
        for v in (
            "2023-06-01",
            "2023-6-1",
            "01/06/2023",
            "June 2023",
            "2023-06",
        )
    ],
    *[
        (OPPORTUNITY, "amount", "payment.amount", v)
        for v in (
            "25",
            "25.50",
            "0",
            "-5",
            "'25'",
            "£25",
            "25 pounds",
        )
    ],
    *[(OPPORTUNITY, "places", "places", v) for v in ("6", "6.0", "0", "'6'", "six", "6.5")],
    *[
        (OPPORTUNITY, "url", "apply.url", v)
        for v in (
            "https://example.org/apply",
            "https://forms.example.org/r/1?x=2",
            "http://example.org/apply",
            "example.org/apply",
            "https://localhost/apply",
            "'javascript:alert(1)'",
            "'https://example.org/a b'",
            "https://user:pw@example.org/",
            '"TODO: the form"',
        )
    ],
    *[
        (OPPORTUNITY, "email", "apply.email", v)
        for v in (
            "apply@example.org",
            "a@b",
            "mailto:apply@example.org",
            "apply at example.org",
            '"TODO: the shared address"',
        )
    ],
    *[
        (OPPORTUNITY, "phone", "apply.phone", v)
        for v in ("020 7946 0123", "'+44 (0)20 7946 0123'", "'12'", "call us", "tel:02079460123")
    ],
    *[(GROUP, "status", "status", v) for v in ("active", "proposed", "Active", "open")],
    *[(PAGE, "nav_order", "nav_order", v) for v in ("0", "2", "-1", "'2'", "second")],
]

# What only check can know: the schema accepts these, check rightly does not.
SCHEMA_CANNOT_TELL = [
    (MEETING, "due", "actions[1].due", "2024-04-31"),
    (PROJECT, "started", "started", "2023-02-30"),
    (MEETING, "chair", "chair", "no-such-person"),
    (OPPORTUNITY, "email", "apply.email", "ada.lovelace@example.org"),  # a person's own
]


def check_says(tmp_path: Path, file: str, placeholder: str, value: str) -> tuple[bool, dict]:
    """Whether check reports an error on the file, and the file's front-matter as read."""
    content = copy_site(tmp_path)
    template, defaults = FILES[file]
    text = template.format(**{**defaults, placeholder: value})
    (content / file).write_text(text)
    result = run_cli("check", "--content", content, "--today", SMALL_TODAY, "--format", "json")
    report = json.loads(result.out)
    errors = [
        p for p in report["problems"] if p["severity"] == "error" and p["path"].endswith(file)
    ]
    parsed = parse_document(text).parsed
    assert parsed is not None
    return bool(errors), {"errors": errors, "data": parsed.data}


def schema_accepts(file: str, data: dict) -> bool:
    kind = {
        "meetings": "meeting",
        "people": "person",
        "projects": "project",
        "opportunities": "opportunity",
        "groups": "group",
        "pages": "page",
    }[file.split("/")[0]]
    validator = jsonschema.Draft202012Validator(schemas()[f"{kind}.schema.json"])
    return validator.is_valid(data)


@pytest.mark.parametrize(
    ("file", "placeholder", "field", "value"), CASES, ids=[f"{c[2]}={c[3]}" for c in CASES]
)
def test_check_and_the_json_schema_agree(
    tmp_path: Path, file: str, placeholder: str, field: str, value: str
) -> None:
    rejected, found = check_says(tmp_path, file, placeholder, value)
    assert rejected == (not schema_accepts(file, found["data"])), found
    if rejected:
        # check names the field, and never for another reason than this value.
        assert {p["field"] for p in found["errors"]} == {field}, found["errors"]


@pytest.mark.parametrize(
    ("file", "placeholder", "field", "value"),
    SCHEMA_CANNOT_TELL,
    ids=[f"{c[2]}={c[3]}" for c in SCHEMA_CANNOT_TELL],
)
def test_only_check_can_tell_an_impossible_date_or_an_unknown_file(
    tmp_path: Path, file: str, placeholder: str, field: str, value: str
) -> None:
    rejected, found = check_says(tmp_path, file, placeholder, value)
    assert rejected and schema_accepts(file, found["data"])
    assert {p["field"] for p in found["errors"]} == {field}


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("Open", "did you mean 'open'?"),
        ("In progress", "did you mean 'in-progress'?"),
        ("DONE", "did you mean 'done'?"),
    ],
)
def test_a_rejected_spelling_gets_the_word_to_write(tmp_path: Path, value: str, hint: str) -> None:
    _, found = check_says(tmp_path, MEETING, "status", value)
    assert hint in found["errors"][0]["message"]
