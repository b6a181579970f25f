"""Delivery on every group's page and on the tracker: the sentence, the table and the open
data say the same, at several build dates, and agree with the tracker; never a percentage."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_counts import DATES, SITES, built, read_page, rows  # noqa: F401 (a fixture)
from tests.test_portal import main_text

SENTENCE = re.compile(
    r"Of the (\d+) actions?(?: of the (.+?))? due before (.+?), (\d+) (?:was|were) done on "
    r"time, (\d+) (?:was|were) done late, (\d+) (?:was|were) dropped and (\d+) (?:is|are) still "
    r"overdue\.|No actions(?: of the (.+?))? were due before (.+?)\."
)
OUTCOMES = ("done on time", "done late", "dropped", "still overdue")


def said(text: str) -> tuple[int, ...]:
    """(due, on time, late, dropped, overdue) from a delivery sentence."""
    found = SENTENCE.search(text)
    assert found, text
    if found.group(1) is None:
        return (0, 0, 0, 0, 0)
    due, *outcomes = (int(found.group(n)) for n in (1, 4, 5, 6, 7))
    assert sum(outcomes) == due
    return (due, *outcomes)


def table(html: str) -> dict[str, tuple[int, ...]]:
    """Each row of the delivery table: (due, on time, late, dropped, overdue) by its label."""
    found = html.split('<table class="delivery-table stack">', 1)[1].split("</table>", 1)[0]
    cell = r'<td><span class="cell-label">[^<]*</span> \d+</td>'
    rows_ = re.findall(rf'<tr><th scope="row">(.*?)</th>((?:{cell}){{5}})</tr>', found)
    return {
        re.sub("<[^>]+>", "", label): tuple(int(n) for n in re.findall(r"</span> (\d+)", cells))
        for label, cells in rows_
    }


@pytest.mark.parametrize("today", DATES)
@pytest.mark.parametrize("site", sorted(SITES))
def test_the_sentence_the_table_and_the_open_data_agree(
    built: Callable[[str, str], Path],  # noqa: F811
    site: str,
    today: str,
) -> None:
    output = built(site, today)
    data = json.loads((output / "data" / "delivery.json").read_text())["delivery"]
    figures = {
        entry["group"]: (
            entry["due"],
            entry["done_on_time"],
            entry["done_late"],
            entry["dropped"],
            entry["still_overdue"],
        )
        for entry in data
    }
    assert all(entry["due_before"] == today for entry in data)
    actions = list(csv.DictReader(io.StringIO((output / "data" / "actions.csv").read_text())))
    by_group: dict[str | None, Counter[str]] = {None: Counter()}
    for row in actions:
        by_group.setdefault(row["group"], Counter())
        for key in (None, row["group"]):
            by_group[key][row["delivery"]] += 1
    for group, counted in by_group.items():
        expected = tuple(counted[o] for o in OUTCOMES)
        assert figures[group] == (sum(expected), *expected), group

    tracker = (output / "actions" / "index.html").read_text()
    assert said(main_text(tracker)) == figures[None]
    if figures[None][0]:
        shown = table(tracker)
        assert shown.pop("All groups") == figures[None]
        assert shown == {group: found for group, found in figures.items() if group}
    else:
        assert "delivery-table" not in tracker
    assert figures[None][4] == rows(read_page(output / "actions" / "overdue" / "index.html"))

    for page in sorted((output / "groups").glob("*/index.html")):
        html = page.read_text()
        text = main_text(html)
        name = re.search(r"<h1>(.*?)</h1>", html)
        assert name is not None
        group = name.group(1).replace("&#39;", "'")
        expected = figures.get(group, (0, 0, 0, 0, 0))
        assert said(text) == expected, page
        if expected[0]:
            assert table(html) == {group: expected}
        else:
            assert "delivery-table" not in html


@pytest.mark.parametrize("today", DATES)
def test_delivery_never_speaks_of_attendance_or_percentages(
    built: Callable[[str, str], Path],  # noqa: F811
    today: str,
) -> None:
    output = built("two-groups", today)
    for path in [output / "actions" / "index.html", *(output / "groups").glob("*/index.html")]:
        html = path.read_text()
        section = html.split('<h2 id="delivery">', 1)[1].split("</table>", 1)[0]
        assert "%" not in section and "attend" not in section.lower()
    assert "%" not in (output / "data" / "delivery.json").read_text()


def test_the_open_data_page_documents_the_figures(
    built: Callable[[str, str], Path],  # noqa: F811
) -> None:
    documented = main_text((built("small", DATES[0]) / "data" / "index.html").read_text())
    assert "delivery.json: delivery[]" in documented
    for name in ("done_on_time", "done_late", "dropped", "still_overdue", "due_before"):
        assert name in documented
    for column in ("done_date", "delivery"):
        assert f" {column} " in documented
