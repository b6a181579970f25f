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
from sitegen.markdown import Rendered, link_scheme
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


@dataclass(frozen=True)
class _Findings:
    """What one body's links say, apart from anchors on other pages."""

    rendered: Rendered
    problems: tuple[Problem, ...]
    fragments: tuple[tuple[int, str, str, str], ...]
    """(line, href, target, fragment) of each link to a heading on another page."""


class LinkChecker:
    """Checks bodies' links, remembering each body's findings between runs.

    ``sitegen serve`` checks the whole site on every save; a body that did not change,
    on a site whose set of pages did not change, is not checked again. Links to a
    heading on another page are always checked again, since that page may have changed.
    """

    def __init__(self) -> None:
        self._known: frozenset[str] = frozenset()
        self._memo: dict[tuple[str, str, int], _Findings] = {}

    def check(
        self, bodies: Iterable[BodyOnPage], known_paths: frozenset[str], anchors_of: AnchorsOf
    ) -> list[Problem]:
        if known_paths != self._known:
            self._memo.clear()
            self._known = known_paths
        memo, fresh = self._memo, {}
        problems: list[Problem] = []
        for document, page_path, rendered in bodies:
            key = (document.source.path, page_path, document.source.body_line)
            findings = memo.get(key)
            if findings is None or findings.rendered is not rendered:
                findings = _findings(document, page_path, rendered, known_paths)
            fresh[key] = findings
            problems.extend(findings.problems)
            for line, href, target, fragment in findings.fragments:
                problem = _check_anchor(document, line, href, target, fragment, anchors_of)
                if problem is not None:
                    problems.append(problem)
        self._memo = fresh
        return problems


def check_bodies(
    bodies: Iterable[BodyOnPage], known_paths: frozenset[str], anchors_of: AnchorsOf
) -> list[Problem]:
    """Every problem with the links, images and headings of the bodies."""
    return LinkChecker().check(bodies, known_paths, anchors_of)


def _findings(
    document: Document, page_path: str, rendered: Rendered, known_paths: frozenset[str]
) -> _Findings:
    source = document.source
    at = _Reporter(source.path, source.body_line).at
    problems: list[Problem] = []
    fragments: list[tuple[int, str, str, str]] = []
    unsafe = set(rendered.unsafe)
    for link in rendered.links:
        href = link.href
        if unsafe and link in unsafe:
            problems.append(
                at(
                    link.line,
                    f"the link '{href}' uses {link_scheme(href)}:, which is "
                    "not allowed; use an http, https or mailto link, or a link within the site",
                )
            )
            continue
        if link_scheme(href):
            continue
        target = resolve(href, page_path)
        if target is None or target not in known_paths:
            problems.append(_missing_page(href, target, known_paths, link.line, at))
            continue
        fragment = href.partition("#")[2]
        if fragment:
            fragments.append((link.line, href, target, fragment))
    for line in rendered.images_without_alt:
        problems.append(
            at(
                line,
                "an image has no alternative text: describe it, ![what it shows](file)",
                Severity.WARNING,
            )
        )
    for line in rendered.raw_html_lines:
        problems.append(
            at(
                line,
                "raw HTML is shown as text, not used: write it in Markdown instead",
                Severity.WARNING,
            )
        )
    problems.extend(_check_headings(document, rendered))
    return _Findings(rendered, tuple(problems), tuple(fragments))


def _check_anchor(
    document: Document, line: int, href: str, target: str, fragment: str, anchors_of: AnchorsOf
) -> Problem | None:
    known = anchors_of(target)
    name = unquote(fragment)
    if known is None or name in known:
        return None
    hint = did_you_mean(fragment, known)
    return _Reporter(document.source.path, document.source.body_line).at(
        line,
        f"the link '{href}' goes to a heading '#{fragment}' that /{target} does not have{hint}",
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
