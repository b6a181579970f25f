"""Render a body fast: markdown-it.rs, giving exactly the HTML of :mod:`sitegen.markdown`.

Rendering Markdown was most of a build's time. markdown-it-pyrs (the Rust port of
markdown-it, by markdown-it-py's authors) renders CommonMark, tables and
strikethrough to the same HTML as markdown-it-py, about fifteen times faster.
What sitegen adds on top (heading ids, site-root links under the base path,
unsafe links neutralised, the list of links, images without alternative text
and raw HTML) is done here from its syntax tree, the way
:func:`sitegen.markdown.render_markdown` does it from markdown-it-py's tokens.

Where the two could differ, the body goes to markdown-it-py instead: footnotes
(a line break differs), character references (``&#106;avascript:`` would be
decoded before a scheme is checked) and the schemes markdown-it itself drops
(``javascript:``, ``data:``...), which sitegen must see to report. A test renders
every body of the test sites and the benchmark corpus both ways and compares.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

import markdown_it_pyrs

from sitegen.markdown import (
    NO_RESERVED_IDS,
    RAW_TAG,
    Heading,
    Link,
    Rendered,
    ReservedIds,
    heading_slug,
    is_safe_href,
    render_markdown,
    unique_slug,
)

_RULES = (
    "blockquote",
    "code",
    "fence",
    "heading",
    "hr",
    "lheading",
    "list",
    "paragraph",
    "reference",
    "autolink",
    "backticks",
    "emphasis",
    "entity",
    "escape",
    "image",
    "link",
    "newline",
    "table",
    "strikethrough",
)
"""CommonMark without raw HTML (shown as text), with tables and strikethrough."""

_NEEDS_REFERENCE = re.compile(
    r"\[\^|&#|&[A-Za-z][A-Za-z0-9]*;|(?i:vbscript|javascript|file|data)\s*:"
)
"""What only markdown-it-py renders as sitegen needs: see the module's docstring."""

_HEADING_TAG = re.compile(r"<h([1-6])>")
_SITE_ROOT = re.compile(r'(href|src)="/(?!/)')
_TEXT = frozenset({"text", "text_special"})
_BLOCKS = frozenset({"paragraph", "heading", "lheading", "tcell", "list_item", "root"})
_HEADINGS = frozenset({"heading", "lheading"})
_LINKS = frozenset({"link", "autolink", "image"})
_CODE = frozenset({"code_inline", "code_block", "fence"})
"""Code is shown as it is: nothing in it is a link or raw HTML."""
_VOID_TAG = re.compile(r"<(img|br|hr)\b([^<>]*?) />")
_ANCHORED_LEVELS = range(1, 5)


@lru_cache(maxsize=1)
def _parser() -> markdown_it_pyrs.MarkdownIt:
    rules: Any = list(_RULES)  # the names are checked by markdown-it.rs itself
    return markdown_it_pyrs.MarkdownIt("zero").enable_many(rules)


def render_body(
    body: str, base_path: str = "/", reserved: ReservedIds = NO_RESERVED_IDS
) -> Rendered:
    """The same as :func:`sitegen.markdown.render_markdown`, faster."""
    if _NEEDS_REFERENCE.search(body):
        return render_markdown(body, base_path, reserved)
    return _Fast(body, base_path, reserved).rendered()


class _Fast:
    def __init__(self, body: str, base_path: str, reserved: ReservedIds) -> None:
        self.body = body
        self.source = body.encode("utf-8")
        self.base_path = base_path
        self.reserved = reserved
        self.lines = body.split("\n")
        self.line_starts = [0] + [m.end() for m in re.finditer(b"\n", self.source)]
        self.headings: list[Heading] = []
        self.links: list[Link] = []
        self.unsafe: list[Link] = []
        self.no_alt: list[int] = []
        self.raw_html: list[int] = []
        self.slugs: set[str] = set()

    def rendered(self) -> Rendered:
        md = _parser()
        # markdown-it.rs writes XHTML's void tags (<br />); sitegen writes HTML (<br>).
        html = _VOID_TAG.sub(r"<\1\2>", md.render(self.body))
        tree = md.tree(self.body)
        span = (0, 1)
        # In document order, a block comes before what is inside it: the last block met
        # is the one a link is in.
        for node in tree.walk():
            name = node.name
            if name in _BLOCKS:
                span = self._line_span(node.srcmap)
            if name in _HEADINGS:
                self._heading(node)
            elif name in _LINKS:
                self._link(node, span)
        if "<" in self.body:
            self._visit_text(tree, (0, 1))
        html = self._with_heading_ids(html)
        html = self._with_safe_links(html)
        return Rendered(
            html=html,
            headings=tuple(self.headings),
            links=tuple(self.links),
            unsafe=tuple(self.unsafe),
            images_without_alt=tuple(self.no_alt),
            raw_html_lines=tuple(self.raw_html),
        )

    # ------------------------------------------------------------------ the tree

    def _line_span(self, srcmap: tuple[int, int] | None) -> tuple[int, int]:
        """The (first, past-last) 0-based lines a block covers, as markdown-it-py maps it."""
        if not srcmap:
            return (0, 1)
        first = bisect.bisect_right(self.line_starts, srcmap[0]) - 1
        last = bisect.bisect_right(self.line_starts, max(srcmap[1] - 1, srcmap[0])) - 1
        return (first, last + 1)

    def _line_of(self, text: str, span: tuple[int, int]) -> int:
        """The 1-based line within the block ``span`` where ``text`` first appears."""
        for number in range(span[0], min(span[1], len(self.lines))):
            if text and text in self.lines[number]:
                return number + 1
        return span[0] + 1

    def _visit_text(self, node: markdown_it_pyrs.Node, span: tuple[int, int]) -> None:
        """Look for raw HTML in the text, joined as markdown-it-py joins its text tokens."""
        if node.name in _BLOCKS:
            span = self._line_span(node.srcmap)
        run: list[str] = []
        for child in node.children:
            if child.name in _CODE:
                self._raw_html(run, span)
                run = []
                continue
            if child.name in _TEXT:
                run.append(str(child.meta.get("content", "")))
                continue
            self._raw_html(run, span)
            run = []
            self._visit_text(child, span)
        self._raw_html(run, span)

    def _raw_html(self, run: list[str], span: tuple[int, int]) -> None:
        """Text next to text is one token for markdown-it-py: look for a tag in it whole."""
        tag = RAW_TAG.search("".join(run)) if run else None
        if tag:
            self.raw_html.append(self._line_of(tag.group(0), span))

    def _heading(self, node: markdown_it_pyrs.Node) -> None:
        level = int(node.meta["level"])
        children = node.children
        if children and children[0].srcmap and children[-1].srcmap:
            start, end = children[0].srcmap[0], children[-1].srcmap[1]
            inline = self.source[start:end].decode("utf-8").strip()
        else:
            inline = ""
        heading_id = ""
        if level in _ANCHORED_LEVELS:
            title = "".join(_texts(node))
            heading_id = unique_slug(heading_slug(title, self.reserved), self.slugs)
        self.headings.append(Heading(level, inline, heading_id))

    def _link(self, node: markdown_it_pyrs.Node, span: tuple[int, int]) -> None:
        href = str(node.meta.get("url", ""))
        link = Link(href, self._line_of(href, span))
        self.links.append(link)
        if not is_safe_href(href):
            self.unsafe.append(link)
        elif node.name == "image" and not "".join(_image_alt(node)).strip():
            self.no_alt.append(link.line)

    # ------------------------------------------------------------------ the HTML

    def _with_heading_ids(self, html: str) -> str:
        headings = iter(self.headings)

        def add_id(match: re.Match[str]) -> str:
            heading = next(headings)
            return f'<h{match.group(1)} id="{_attr(heading.id)}">' if heading.id else match[0]

        return _HEADING_TAG.sub(add_id, html)

    def _with_safe_links(self, html: str) -> str:
        for link in self.unsafe:
            for attr in ("href", "src"):
                html = html.replace(f'{attr}="{_attr(link.href)}"', f'{attr}="#"')
        return _SITE_ROOT.sub(lambda m: f'{m.group(1)}="{self.base_path}', html)


def _texts(node: markdown_it_pyrs.Node) -> list[str]:
    """The text of a node's descendants, as markdown-it-py's inline tokens hold it (an
    image's alternative text is the image's own, not its heading's)."""
    found: list[str] = []
    for child in node.children:
        if child.name in _TEXT:
            found.append(str(child.meta.get("content", "")))
        elif child.name != "image":
            found.extend(_texts(child))
    return found


def _attr(value: str) -> str:
    """An attribute's value as markdown-it writes it (it leaves ``'`` alone)."""
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _image_alt(node: markdown_it_pyrs.Node) -> list[str]:
    found: list[str] = []
    for child in node.children:
        if child.name in _TEXT:
            found.append(str(child.meta.get("content", "")))
        found.extend(_image_alt(child))
    return found
