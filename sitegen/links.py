"""Checks on rendered bodies: unsafe links, links to pages that do not exist,
missing heading anchors, images without alternative text and raw HTML.

Links are resolved the way a browser would, from the page the body appears
on; a site-root link such as ``/projects/x/`` means the site's own root,
whatever its base path. Every problem names the file and the body line.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True)
class BodyOnPage:
    """A document's rendered body and the site path of the page it is on."""

    document: Document
    page_path: str
    rendered: Rendered


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
    bodies: Iterable[BodyOnPage],
    known_paths: frozenset[str],
    anchors: Mapping[str, frozenset[str]],
) -> list[Problem]:
    problems: list[Problem] = []
    for body in bodies:
        problems.extend(_check_body(body, known_paths, anchors))
    return problems


def _check_body(
    body: BodyOnPage, known_paths: frozenset[str], anchors: Mapping[str, frozenset[str]]
) -> Iterable[Problem]:
    source = body.document.source
    rendered = body.rendered
    at = _Reporter(source.path, source.body_line).at

    unsafe = set(rendered.unsafe)
    for link in rendered.links:
        if link in unsafe:
            yield at(
                link.line,
                f"the link '{link.href}' uses {link_scheme(link.href)}:, which is "
                "not allowed; use an http, https or mailto link, or a link within the site",
            )
            continue
        if link_scheme(link.href):
            continue
        yield from _check_internal(link.href, link.line, body.page_path, known_paths, anchors, at)
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
    for heading in rendered.headings:
        if heading.level == 1:
            yield Problem(
                source.path,
                source.body_line,
                "body",
                f"'# {heading.text}' is a level-1 heading; the page title is the only "
                "one, so start sections with '## '",
                Severity.WARNING,
            )


def _check_internal(
    href: str,
    line: int,
    page_path: str,
    known_paths: frozenset[str],
    anchors: Mapping[str, frozenset[str]],
    report: Callable[..., Problem],
) -> Iterable[Problem]:
    target = resolve(href, page_path)
    if target is None:
        yield report(line, f"the link '{href}' points outside the site")
        return
    if target not in known_paths:
        if target.rstrip("/").endswith(".md"):
            hint = "; link to the page, e.g. /meetings/<name>/, not to the .md file"
        else:
            hint = did_you_mean(target, known_paths).replace("'", "'/", 1)
        yield report(
            line, f"the link '{href}' goes to /{target}, which is not a page of the site{hint}"
        )
        return
    fragment = urlsplit(href).fragment
    known = anchors.get(target)
    if fragment and known is not None and unquote(fragment) not in known:
        hint = did_you_mean(fragment, known)
        yield report(
            line,
            f"the link '{href}' goes to a heading '#{fragment}' that /{target} does not have{hint}",
            Severity.WARNING,
        )
