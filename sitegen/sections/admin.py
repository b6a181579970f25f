"""The content editor at ``/admin/``: a form per collection, made from the model.

It is built only when ``site.yaml`` has ``cms:`` (or for ``sitegen serve --cms``,
which points it at the local proxy). The page loads the editor's script from a
CDN, pinned to one release with Subresource Integrity, and is kept out of the
search index (it has no indexed body), the sitemap and search engines. Its
``config.yml`` is made by :mod:`sitegen.cms` from the field declarations.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sitegen import cms
from sitegen.agenda import BODIES
from sitegen.plan import FileJob, PageJob, PageMeta, Section, SectionContext, bind
from sitegen.reads import all_of

PAGE = "admin/"
CONFIG = "admin/config.yml"


def enabled(ctx: SectionContext) -> bool:
    return ctx.site.settings.cms is not None or bool(ctx.info.cms_proxy)


def pages(ctx: SectionContext) -> Iterator[PageJob]:
    if enabled(ctx):
        yield PageJob(
            PAGE, "admin.html", bind(editor, ctx), "admin", reads=lambda: (), for_editors=True
        )


def editor(ctx: SectionContext) -> dict[str, Any]:
    meta = PageMeta(title="Content editor", path=PAGE)
    return ctx.page(
        meta,
        config_url=ctx.info.path(CONFIG),
        script=cms.CMS_SCRIPT,
        integrity=cms.CMS_INTEGRITY,
    )


def files(ctx: SectionContext) -> Iterator[FileJob]:
    if enabled(ctx):
        yield FileJob(
            CONFIG,
            lambda: configuration(ctx),
            "admin",
            reads=lambda: (all_of("people"), all_of("groups"), all_of("meetings")),
            media_type="text/yaml; charset=utf-8",
        )


def configuration(ctx: SectionContext) -> bytes:
    target = cms.Target(
        settings=ctx.site.settings.cms,
        site_url=ctx.urls.absolute(""),
        files_path=ctx.info.path("files").rstrip("/"),
        local_proxy=ctx.info.cms_proxy,
    )
    return cms.as_yaml(cms.config(target, cms.site_choices(ctx.index), BODIES))


SECTION = Section(
    key="admin",
    order=110,
    pages=pages,
    files=files,
    paths={"admin": lambda slug: PAGE},
    top_level=("admin",),
)
