"""Markdown to HTML: markdown-it-py with CommonMark, tables, footnotes and heading ids.

Raw HTML is escaped and shown as text, never passed through. Every link and
image goes through :func:`_inspect_links`, which keeps only safe schemes
(http, https, mailto and relative links), points site-root links at the
site's base path, and records every link so the whole site can check them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # markdown-it-py is imported when a body first needs it
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

RAW_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")
"""Text that is a raw HTML tag: shown as text, and warned about."""

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


@dataclass(frozen=True)
class ReservedIds:
    """Ids the templates use, which a heading never takes: a clash gets ``-section``."""

    ids: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()

    def clashes(self, slug: str) -> bool:
        return slug in self.ids or slug.startswith(self.prefixes)


NO_RESERVED_IDS = ReservedIds()


def unique_slug(slug: str, slugs: set[str]) -> str:
    """``slug``, or ``slug-1``, ``slug-2``...: the first not in ``slugs`` (then added),
    as markdown-it-py's anchors plugin de-duplicates heading ids."""
    from mdit_py_plugins.anchors.index import unique_slug as plugins_unique_slug

    return plugins_unique_slug(slug, slugs)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str


@dataclass(frozen=True)
class Link:
    href: str
    """As the editor wrote it."""
    line: int
    """1-based line within the body."""


@dataclass(frozen=True)
class Rendered:
    """A body rendered to HTML, with what the site-wide checks need to know."""

    html: str
    headings: tuple[Heading, ...]
    links: tuple[Link, ...]
    """Every link and image target, safe or not."""
    unsafe: tuple[Link, ...]
    """Links removed because their scheme is not allowed."""
    images_without_alt: tuple[int, ...]
    """Body lines of images with no alternative text."""
    raw_html_lines: tuple[int, ...]
    """Body lines where raw HTML was escaped."""

    @cached_property
    def heading_ids(self) -> frozenset[str]:
        return frozenset(h.id for h in self.headings)


@dataclass
class _Collector:
    base_path: str
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    unsafe: list[Link] = field(default_factory=list)
    images_without_alt: list[int] = field(default_factory=list)
    raw_html_lines: list[int] = field(default_factory=list)


def heading_slug(text: str, reserved: ReservedIds = NO_RESERVED_IDS) -> str:
    """GitHub-style id for a heading, kept clear of the templates' own ids."""
    slug = re.sub(r"[^\w\- ]", "", text.strip().lower(), flags=re.UNICODE)
    slug = re.sub(r"\s+", "-", slug).strip("-") or "section"
    return f"{slug}-section" if reserved.clashes(slug) else slug


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))


def link_scheme(href: str) -> str:
    """The scheme of a link, lower-cased; empty for relative links.

    As ``urllib.parse.urlsplit`` finds it (leading controls and spaces dropped, tabs
    and line ends ignored), without splitting the rest: links are many and mostly
    different, and this is called for each.
    """
    if href.startswith("//"):
        return "https"
    url = href.lstrip(_C0_OR_SPACE)
    if "\t" in url or "\r" in url or "\n" in url:
        url = url.replace("\t", "").replace("\r", "").replace("\n", "")
    found = _SCHEME.match(url)
    return found.group(1).lower() if found else ""


def is_safe_href(href: str) -> bool:
    scheme = link_scheme(href)
    return scheme == "" or scheme in SAFE_SCHEMES


@lru_cache(maxsize=8)
def _parser(footnotes: bool, strikethrough: bool, reserved: ReservedIds) -> MarkdownIt:
    """A parser with only the rules a body needs: footnotes and strikethrough cost time
    on every paragraph, so bodies without ``[^`` or ``~~`` are parsed without them (the
    HTML is the same)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.anchors import anchors_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False, "typographer": False})
    md.enable("table")
    if strikethrough:
        md.enable("strikethrough")
    if footnotes:
        md.use(footnote_plugin)
    md.use(
        anchors_plugin,
        min_level=1,
        max_level=4,
        slug_func=lambda text: heading_slug(text, reserved),
    )
    # Our own rule decides what is safe and reports it; markdown-it's default
    # would silently drop some unsafe links and keep others as text.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.core.ruler.push("sitegen_links", _inspect_links)
    return md


def render_markdown(
    body: str, base_path: str = "/", reserved: ReservedIds = NO_RESERVED_IDS
) -> Rendered:
    """Render ``body``; site-root links (``/x/``) get ``base_path`` in front."""
    md = _parser("[^" in body, "~~" in body, reserved)
    collector = _Collector(base_path)
    env: dict[str, Any] = {"sitegen": collector}
    tokens = md.parse(body, env)
    html = md.renderer.render(tokens, md.options, env)
    return Rendered(
        html=html,
        headings=tuple(collector.headings),
        links=tuple(collector.links),
        unsafe=tuple(collector.unsafe),
        images_without_alt=tuple(collector.images_without_alt),
        raw_html_lines=tuple(collector.raw_html_lines),
    )


def _inspect_links(state: StateCore) -> None:
    collector: _Collector = state.env["sitegen"]
    lines = state.src.split("\n")
    span = (0, 1)
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.map:
            span = (token.map[0], token.map[1])
        if token.type == "heading_open" and index + 1 < len(tokens):
            heading_id = str(token.attrGet("id") or "")
            collector.headings.append(
                Heading(int(token.tag[1]), tokens[index + 1].content, heading_id)
            )
        for child in token.children or ():
            _inspect_inline(child, lines, span, collector)


def _line_of(text: str, lines: list[str], span: tuple[int, int]) -> int:
    """The 1-based line within the block ``span`` where ``text`` first appears."""
    for number in range(span[0], min(span[1], len(lines))):
        if text and text in lines[number]:
            return number + 1
    return span[0] + 1


def _inspect_inline(
    token: Token, lines: list[str], span: tuple[int, int], collector: _Collector
) -> None:
    if token.type == "text" and RAW_TAG.search(token.content):
        tag = RAW_TAG.search(token.content)
        collector.raw_html_lines.append(_line_of(tag.group(0) if tag else "", lines, span))
        return
    if token.type not in ("link_open", "image"):
        return
    attr = "href" if token.type == "link_open" else "src"
    href = str(token.attrGet(attr) or "")
    line = _line_of(href, lines, span)
    link = Link(href, line)
    collector.links.append(link)
    if not is_safe_href(href):
        collector.unsafe.append(link)
        token.attrSet(attr, "#")
        return
    if token.type == "image" and not token.content.strip():
        collector.images_without_alt.append(line)
    if href.startswith("/") and not href.startswith("//"):
        token.attrSet(attr, collector.base_path + href[1:])
