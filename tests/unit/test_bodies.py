"""The fast renderer gives exactly what markdown-it-py gives: HTML, headings, links, checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.bodies import render_body
from sitegen.markdown import render_markdown
from sitegen.parse import parse_document
from sitegen.prepare import reserved_ids
from sitegen.private import strip_private
from sitegen.sections import SECTIONS

REPO = Path(__file__).resolve().parents[2]
RESERVED = reserved_ids(SECTIONS)

TRICKY = [
    "Hello <script>alert(1)</script> <b>x</b>\n",
    "<div>\nblock\n</div>\n",
    "An escaped \\<b>tag\\</b> and a `<code>` span.\n",
    "~~gone~~ and ~one~\n",
    "| a | b |\n|---|---|\n| [x](/y/) | ![i](p.png) |\n| ![](q.png) | [z](ftp://a/) |\n",
    "## **Bold** `code` [l](/x/)\n\nSetext\n======\n\nTwo\nlines\n---\n",
    "## Actions\n\n## Summary\n\n## Summary\n\n## Year 2024\n\n## Action 3\n",
    "# One\n\n##### Five\n\n###### Six\n\n#### Four ####\n",
    "## ![pic](a.png) caption\n\n## [A link](/meetings/) heading\n",
    '[r]: /ref/ "T"\n\nSee [the ref][r] and <https://x.org/a?b&c> and <mailto:a@b.org>.\n',
    '[t](/a b/) [u](</a b/>) [v](/x/ "title\'s")\n',
    "[x](ftp://a.b/) [y](tel:123) [z](sms:1) ![w](ftp://img/)\n",
    "- a [one](/1/)\n  - b [two](/2/)\n\n1. c\n   [three](/3/)\n2) d\n",
    "- loose\n\n- list [x](/x/)\n",
    "```py\n<b>x</b> [not](/a/)\n```\n\n    indented <b>\n",
    "> quote\n> [l](mailto:a@b.c)\n>\n> > deeper [m](/m/)\n",
    "Line  \nbreak\\\nhere [a](/a/)\nand [a](/a/) again\n",
    '![](empty.png) ![alt *x*](a.png "title") ![ ](space.png)\n',
    "Café é [à](/é/) 🎉 ## not a heading\n\n## Café au lait\n",
    "Text with a [link](//example.org/x) and [rel](../up/) and [frag](#here).\n",
    "A long paragraph\nwith [a link](/x/) on line two\nand [the same link](/x/) again.\n",
    "",
    "\n\n",
    "## \n\nEmpty heading above.\n",
    'Prose with R&D and 3 < 4 > 2 and "quotes".\n',
]


@pytest.mark.parametrize("body", TRICKY)
@pytest.mark.parametrize("base", ["/", "/portal/"])
def test_the_fast_renderer_matches_markdown_it_py(body: str, base: str) -> None:
    assert render_body(body, base, RESERVED) == render_markdown(body, base, RESERVED)


@pytest.mark.parametrize(
    "body",
    [
        "A[^1] b.\n\n[^1]: Note *x*.\n",
        "[x](javascript:alert(1)) and [y](JavaScript:void)\n",
        "[x](&#106;avascript:alert(1))\n",
        "![d](data:image/png;base64,AAAA) [e](data:text/html,x)\n",
        "Entities &amp; &copy; &#169;\n",
    ],
)
def test_what_only_markdown_it_py_renders_right_goes_to_it(body: str) -> None:
    rendered = render_body(body, "/", RESERVED)
    assert rendered == render_markdown(body, "/", RESERVED)
    if "script" in body.lower():
        assert rendered.unsafe, "an unsafe link is always seen, to be reported"


def bodies_of(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.md")):
        parsed = parse_document(path.read_text(encoding="utf-8", errors="replace")).parsed
        if parsed is not None:
            found.append(strip_private(parsed.body).body)
    return found


def test_every_body_of_the_sample_and_the_test_sites_renders_the_same() -> None:
    bodies = bodies_of(REPO / "content") + bodies_of(REPO / "tests")
    assert len(bodies) > 50
    for body in bodies:
        assert render_body(body, "/x/", RESERVED) == render_markdown(body, "/x/", RESERVED)


def test_every_body_of_a_benchmark_corpus_renders_the_same(tmp_path: Path) -> None:
    corpus = tmp_path / "content"
    make = [sys.executable, str(REPO / "bench" / "make_corpus.py"), str(corpus), "400"]
    subprocess.run(make, check=True, capture_output=True)
    bodies = bodies_of(corpus)
    assert len(bodies) >= 390
    for body in bodies:
        assert render_body(body, "/", RESERVED) == render_markdown(body, "/", RESERVED)
