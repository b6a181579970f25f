"""The naive floor: the least work that turns the content folder into HTML pages.

Usage: python bench/naive.py CONTENT OUT

One process, no validation, no references: for each .md file, python-frontmatter ->
markdown-it-py (CommonMark + tables) -> a minimal Jinja2 page at
OUT/<collection>/<slug>/index.html, then OUT/index.html listing every page.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import frontmatter
from jinja2 import Environment
from markdown_it import MarkdownIt

PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<main>
<h1>{{ title }}</h1>
{% if date %}<p><time>{{ date }}</time></p>{% endif %}
{{ body | safe }}
</main>
</body>
</html>
"""

INDEX = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>All pages</title></head>
<body>
<main>
<h1>All pages</h1>
<ul>
{% for page in pages %}<li><a href="{{ page.url }}">{{ page.title }}</a></li>
{% endfor %}</ul>
</main>
</body>
</html>
"""


@dataclass(frozen=True)
class Written:
    """A page written to disk, for the index."""

    url: str
    title: str


def page_title(meta: dict[str, object], slug: str) -> str:
    """The title, or a person's or group's name; a meeting without one: group and date."""
    if meta.get("title") or meta.get("name"):
        return str(meta.get("title") or meta.get("name"))
    if meta.get("group") and meta.get("date"):
        return f"{meta['group']} meeting, {meta['date']}"
    return slug


def page_date(meta: dict[str, object]) -> str:
    value = meta.get("date") or meta.get("published") or meta.get("closes")
    return str(value) if value else ""


def build(content: Path, out: Path) -> int:
    """Render every page and the index; return the number of HTML files written."""
    md = MarkdownIt("commonmark").enable("table")
    env = Environment(autoescape=True)
    page_template = env.from_string(PAGE)
    written: list[Written] = []
    for source in sorted(content.glob("*/*.md")):
        post = frontmatter.load(source)
        collection, slug = source.parent.name, source.stem
        title = page_title(post.metadata, slug)
        html = page_template.render(
            title=title, date=page_date(post.metadata), body=md.render(post.content)
        )
        target = out / collection / slug / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written.append(Written(f"{collection}/{slug}/", title))
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(env.from_string(INDEX).render(pages=written), "utf-8")
    return len(written) + 1


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python bench/naive.py CONTENT OUT", file=sys.stderr)
        return 2
    print(f"{build(Path(argv[0]), Path(argv[1]))} pages written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
