"""Markdown rendering: CommonMark plus tables, footnotes and heading ids; nothing unsafe."""

from __future__ import annotations

import random
from urllib.parse import urlsplit

import pytest

from sitegen.markdown import is_safe_href, link_scheme, render_markdown


def test_tables_footnotes_and_heading_ids() -> None:
    rendered = render_markdown(
        "## Funding and costs\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText.[^1]\n\n[^1]: Note.\n"
    )
    assert '<h2 id="funding-and-costs">Funding and costs</h2>' in rendered.html
    assert "<th>a</th>" in rendered.html
    assert 'class="footnotes"' in rendered.html
    assert [(h.level, h.id) for h in rendered.headings] == [(2, "funding-and-costs")]


def test_raw_html_is_escaped_and_reported() -> None:
    rendered = render_markdown("Hello <script>alert(1)</script> <b>x</b>\n")
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;" in rendered.html
    assert rendered.raw_html_lines == (1,)


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "vbscript:x",
        "ftp://example.org/",
    ],
)
def test_unsafe_link_schemes_are_removed_and_reported(href: str) -> None:
    rendered = render_markdown(f"[click]({href})\n")
    assert href not in rendered.html
    assert [link.href for link in rendered.unsafe] == [href]


@pytest.mark.parametrize(
    "href",
    [
        "https://example.org/",
        "http://example.org/",
        "mailto:a@example.org",
        "../x/",
        "/meetings/",
        "#part",
        "//example.org/x",
    ],
)
def test_safe_links_are_allowed(href: str) -> None:
    assert is_safe_href(href)
    assert not render_markdown(f"[x]({href})\n").unsafe


def test_a_links_scheme_is_the_one_urlsplit_finds() -> None:
    """Whether a link is safe hangs on its scheme: ours must be the standard library's."""
    hrefs = [
        " javascript:x",
        "\x01java\tscript:x",
        "java\nscript:alert(1)",
        "JaVaScRiPt:x",
        "1http://x",
        "a+b.c-d:x",
        "a_b:x",
        "mailto:x@example.org",
        "path:80",
        "x:",
        ":x",
        "",
        "../x:y",
        "h\u00e9:x",
        "\u0130a:x",
    ]
    rng = random.Random(5)
    alphabet = "aZ09+-.:_/ \t\n\x00#?\u00e9"
    hrefs += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(8))) for _ in range(4000)]
    for href in hrefs:
        expected = "https" if href.startswith("//") else urlsplit(href).scheme.lower()
        assert link_scheme(href) == expected, repr(href)


def test_site_root_links_get_the_base_path() -> None:
    rendered = render_markdown("[p](/projects/a/) [r](../b/)\n", base_path="/portal/")
    assert 'href="/portal/projects/a/"' in rendered.html
    assert 'href="../b/"' in rendered.html


def test_images_without_alt_text_are_reported() -> None:
    rendered = render_markdown("![](a.png)\n\n![A chart](b.png)\n")
    assert rendered.images_without_alt == (1,)


def test_heading_ids_never_take_an_id_the_templates_use() -> None:
    from sitegen.prepare import reserved_ids
    from sitegen.sections import SECTIONS

    rendered = render_markdown("## Actions\n\n## Summary\n", reserved=reserved_ids(SECTIONS))
    assert [h.id for h in rendered.headings] == ["actions-section", "summary-section"]


def test_links_are_recorded_with_their_lines() -> None:
    rendered = render_markdown("Intro.\n\nSee [a](/a/).\n\n- [b](/b/)\n")
    assert [(link.href, link.line) for link in rendered.links] == [("/a/", 3), ("/b/", 5)]


def test_every_id_on_an_item_page_template_is_reserved_from_headings() -> None:
    import re
    from pathlib import Path

    from sitegen.prepare import reserved_ids
    from sitegen.sections import SECTIONS

    template_ids = reserved_ids(SECTIONS).ids

    templates = Path(__file__).resolve().parents[2] / "templates"
    item_templates = [
        "meeting.html",
        "group.html",
        "person.html",
        "project.html",
        "opportunity.html",
        "report.html",
        "news_item.html",
        "page.html",
        "base.html",
        "macros.html",
    ]
    used = set()
    for name in item_templates:
        used |= set(re.findall(r'\bid="([a-z][a-z0-9-]*)"', (templates / name).read_text()))
    assert used <= template_ids, f"add to a section's template_ids: {sorted(used - template_ids)}"


def test_footnotes_and_strikethrough_render_when_used() -> None:
    rendered = render_markdown("A ~~b~~ c.[^n]\n\n[^n]: Note.\n")
    assert "<s>b</s>" in rendered.html
    assert 'class="footnotes"' in rendered.html
    plain = render_markdown("A [^n] b ~c~.\n")
    assert "[^n]" in plain.html and "<s>" not in plain.html
