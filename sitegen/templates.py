"""The Jinja environment: autoescaped, strict, with the site's filters in one place.

Templates come with sitegen: in a checkout they are its ``templates/`` folder,
beside ``sitegen/``; an installed copy carries them as ``sitegen/_templates``. A
site may override any of them with a file of the same name in a ``templates/``
folder beside its ``content/`` folder.
"""

from __future__ import annotations

import contextlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from sitegen.config import cache_root
from sitegen.errors import BuildError
from sitegen.values import plural

_PACKAGE = Path(__file__).resolve().parent
_INSTALLED, _CHECKOUT = _PACKAGE / "_templates", _PACKAGE.parent / "templates"
TEMPLATES = _INSTALLED if _INSTALLED.is_dir() else _CHECKOUT
"""The templates that come with sitegen: installed with the package, or in the checkout."""

STATIC = TEMPLATES / "static"
"""Stylesheet and scripts, copied to ``output/static/``."""


def json_ld(value: Any) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: no way to close the tag early."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


class RowCache:
    """Renders an action's table row once and reuses it on every page that lists it.

    The tracker lists each action on several pages (all, its status, its group, each
    owner); rendering the row once cuts the tracker's rendering by about four fifths.
    Rows are found by the identity of the view object, so a new view is a new row.
    """

    LIMIT = 100_000

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self.rows: dict[tuple[int, tuple[bool, ...]], tuple[object, Markup]] = {}

    def __call__(self, action: object, *flags: bool) -> Markup:
        key = (id(action), flags)
        found = self.rows.get(key)
        if found is not None and found[0] is action:
            return found[1]
        if len(self.rows) > self.LIMIT:
            self.rows.clear()
        macro = self.env.get_template("macros.html").module.action_row_html  # type: ignore[attr-defined]
        html = Markup(str(macro(action, *flags)).strip())
        self.rows[key] = (action, html)
        return html


def template_dirs(content: Path | None) -> tuple[Path, ...]:
    dirs: list[Path] = []
    if content is not None:
        override = content.resolve().parent / "templates"
        if override.is_dir() and override.resolve() != TEMPLATES:
            dirs.append(override)
    dirs.append(TEMPLATES)
    return tuple(dirs)


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates compiled by an earlier run, kept in the build cache's folder (Jinja
    checks each against its source). A folder that cannot be read or written only
    means compiling again."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError, ValueError, EOFError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)


def _compiled_templates() -> jinja2.BytecodeCache:
    return _CompiledTemplates(str(cache_root() / "templates"))


@lru_cache(maxsize=8)
def environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        bytecode_cache=_compiled_templates(),
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["json_ld"] = json_ld
    env.filters["plural"] = plural
    env.globals["action_row"] = RowCache(env)
    return env


def render_template(dirs: tuple[Path, ...], name: str, context: dict[str, Any]) -> str:
    """Render one template; a template mistake names the template and line."""
    try:
        return environment(dirs).get_template(name).render(context)
    except jinja2.TemplateSyntaxError as err:
        raise BuildError(
            f"{err.filename or name}:{err.lineno}: template error: {err.message}"
        ) from err
    except jinja2.UndefinedError as err:
        raise BuildError(f"templates/{name}: {err.message}") from err
