"""Lay the benchmark corpus out as a self-contained Hugo project doing the naive floor's job.

Usage: python bench/hugo_site.py CONTENT PROJECT

Each content file becomes a Hugo page at the naive floor's address
(``/<collection>/<slug>/``) with the naive floor's title and date (bench/naive.py) and its
body as written; every front-matter field is kept, as written, under ``params``, so none
meets a name Hugo reserves (``summary``, ``type``, ``status``...). The templates do what
the naive floor's do: a page is its title, date and body, and the home page lists every
page. Every other kind of page Hugo makes (sections, taxonomies, feeds, sitemap,
robots.txt, 404) is switched off.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import frontmatter
from naive import page_date, page_title

CONFIG = """\
baseURL = "https://example.org/"
languageCode = "en"
title = "All pages"
disableKinds = ["section", "taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
buildFuture = true
buildExpired = true
"""
PAGE = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
{{ if not .Date.IsZero }}<p><time>{{ .Date.Format "2006-01-02" }}</time></p>{{ end }}
{{ .Content }}
</main>
</body>
</html>
"""
HOME = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>All pages</title></head>
<body>
<main>
<h1>All pages</h1>
<ul>
{{ range site.RegularPages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
</main>
</body>
</html>
"""


def hugo_page(text: str, slug: str) -> str:
    """The Hugo page of one content file: title, date, the front-matter under params."""
    post = frontmatter.loads(text)
    head, _, rest = text.removeprefix("---\n").partition("\n---\n")
    lines = [f"title: {json.dumps(page_title(post.metadata, slug))}"]
    date = page_date(post.metadata)
    if date:
        lines.append(f"date: {date}")
    lines += ["params:", *(f"  {line}" if line else "" for line in head.splitlines())]
    return "---\n" + "\n".join(lines) + "\n---\n" + rest


def write_project(content: Path, project: Path) -> int:
    """Write the project; return the number of pages in it."""
    shutil.rmtree(project, ignore_errors=True)
    (project / "layouts").mkdir(parents=True)
    (project / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    (project / "layouts" / "page.html").write_text(PAGE, encoding="utf-8")
    (project / "layouts" / "home.html").write_text(HOME, encoding="utf-8")
    sources = sorted(content.glob("*/*.md"))
    for source in sources:
        target = project / "content" / source.parent.name / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        page = hugo_page(source.read_text(encoding="utf-8"), source.stem)
        target.write_text(page, encoding="utf-8")
    return len(sources)


def main() -> int:
    parser = argparse.ArgumentParser(description="Lay a content folder out for Hugo.")
    parser.add_argument("content", type=Path, help="the content folder")
    parser.add_argument("project", type=Path, help="the Hugo project to write (replaced)")
    args = parser.parse_args()
    print(f"{write_project(args.content, args.project)} pages laid out for Hugo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
