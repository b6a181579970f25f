"""Checks on rendered bodies: unsafe links, links to pages that do not exist,
missing heading anchors, images without alternative text and raw HTML.

Links are resolved the way a browser would, from the page the body appears
on; a site-root link such as ``/projects/x/`` means the site's own root,
whatever its base path. Every problem names the file and the body line.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from sitegen.errors import Problem, Severity, did_you_mean
from sitegen.markdown import TEMPLATE_IDS, Rendered, link_scheme
from sitegen.model import Document


@dataclass(frozen=True)
class _Reporter:
    path: str
    body_line: int

    def at(self, line: int, message: str, severity: Severity = Severity.ERROR) -> Problem:
        """A problem at ``line`` of the body."""
        return Problem(self.path, self.body_line + line - 1, "body", message, severity)


BodyOnPage = tuple[Document, str, Rendered]
"""A document, the site path of the page it is on, and its rendered body."""
AnchorsOf = Callable[[str], frozenset[str] | None]
"""The heading ids of the page at a site path, or ``None`` when not known."""


@lru_cache(maxsize=65536)
def resolve(href: str, page_path: str) -> str | None:
    """The site path a link points to (``projects/x/``), or ``None`` if it leaves the site."""
    target = urlsplit(href).path
    if not target:
        return page_path
    base = "/" + page_path
    joined = target if target.startswith("/") else posixpath.join(posixpath.dirname(base), target)
    parts: list[str] = []
    for part in joined.split("/"):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    path = "/".join(parts)
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    elif path and (joined.endswith("/") or "." not in parts[-1]):
        path += "/"
    return unquote(path)


def check_bodies(
    bodies: Iterable[BodyOnPage], known_paths: frozenset[str], anchors_of: AnchorsOf
) -> list[Problem]:
    problems: list[Problem] = []
    for document, page_path, rendered in bodies:
        if rendered.links or rendered.images_without_alt or rendered.raw_html_lines:
            problems.extend(_check_body(document, page_path, rendered, known_paths, anchors_of))
        problems.extend(_check_headings(document, rendered))
    return problems


def _check_body(
    document: Document,
    page_path: str,
    rendered: Rendered,
    known_paths: frozenset[str],
    anchors_of: AnchorsOf,
) -> Iterable[Problem]:
    source = document.source
    at = _Reporter(source.path, source.body_line).at
    unsafe = set(rendered.unsafe)
    # This loop runs over every link of the site on every preview save: keep it lean.
    for link in rendered.links:
        href = link.href
        if unsafe and link in unsafe:
            yield at(
                link.line,
                f"the link '{href}' uses {link_scheme(href)}:, which is "
                "not allowed; use an http, https or mailto link, or a link within the site",
            )
            continue
        if link_scheme(href):
            continue
        target = resolve(href, page_path)
        fragment = href.partition("#")[2]
        if target is None or target not in known_paths:
            yield _missing_page(href, target, known_paths, link.line, at)
        elif fragment:
            known = anchors_of(target)
            name = unquote(fragment)
            if known is not None and name not in known and name not in TEMPLATE_IDS:
                hint = did_you_mean(fragment, known)
                yield at(
                    link.line,
                    f"the link '{href}' goes to a heading '#{fragment}' that /{target} "
                    f"does not have{hint}",
                    Severity.WARNING,
                )
    for line in rendered.images_without_alt:
        yield at(
            line,
            "an image has no alternative text: describe it, ![what it shows](file)",
            Severity.WARNING,
        )
    for line in rendered.raw_html_lines:
        yield at(
            line,
            "raw HTML is shown as text, not used: write it in Markdown instead",
            Severity.WARNING,
        )


def _check_headings(document: Document, rendered: Rendered) -> Iterable[Problem]:
    for heading in rendered.headings:
        if heading.level == 1:
            yield Problem(
                document.source.path,
                document.source.body_line,
                "body",
                f"'# {heading.text}' is a level-1 heading; the page title is the only "
                "one, so start sections with '## '",
                Severity.WARNING,
            )


def _missing_page(
    href: str,
    target: str | None,
    known_paths: frozenset[str],
    line: int,
    report: Callable[..., Problem],
) -> Problem:
    if target is None:
        return report(line, f"the link '{href}' points outside the site")
    if target.rstrip("/").endswith(".md"):
        hint = "; link to the page, e.g. /meetings/<name>/, not to the .md file"
    else:
        hint = did_you_mean(target, known_paths).replace("'", "'/", 1)
    return report(
        line, f"the link '{href}' goes to /{target}, which is not a page of the site{hint}"
    )
