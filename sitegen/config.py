"""Build options: what the command line and ``site.yaml`` decide together."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.colours import darker
from sitegen.errors import Problem
from sitegen.model import SiteSettings

DEFAULT_ORIGIN = "http://localhost:8000"


@dataclass(frozen=True)
class BuildOptions:
    """How to build: from the command line, with defaults."""

    content: Path = Path("content")
    output: Path = Path("output")
    base_url: str | None = None
    """Overrides ``site.yaml``'s ``base_url``; a full address or just a path."""
    today: dt.date | None = None
    """The build date; defaults to today in the site's time zone."""
    drafts: bool = False
    """Include drafts (``visibility: draft``)."""
    preview: bool = False
    """Building for ``sitegen serve``: drafts are marked with a banner."""
    preview_version: int = 0
    """The preview's version number, written into pages so open tabs know when to reload."""
    search: bool = True
    """Run Pagefind over the output."""
    workers: int = 0
    """Processes for rendering; 0 means one per CPU."""
    fresh: bool = False
    """Make every output again, ignoring (and then rewriting) the build cache."""
    cms_proxy: str = ""
    """The local content editor proxy's API address, which the editor then saves through
    (``sitegen serve --cms``); empty for a published build."""


@dataclass(frozen=True)
class SiteUrls:
    """Where the site lives, and how to make its links."""

    origin: str
    """``https://example.org``: scheme and host, no trailing slash."""
    base_path: str
    """``/`` or ``/portal/``: always starts and ends with a slash."""

    def path(self, relative: str) -> str:
        """A link within the site: ``meetings/x/`` becomes ``/portal/meetings/x/``."""
        return self.base_path + relative.lstrip("/")

    def absolute(self, relative: str) -> str:
        """A full address, for feeds, calendars, the sitemap and JSON-LD."""
        return self.origin + self.path(relative)


def site_urls(settings: SiteSettings, override: str | None) -> tuple[SiteUrls, list[Problem]]:
    """Combine ``--base-url`` (full or path only) with ``site.yaml``'s ``base_url``."""
    problems: list[Problem] = []
    configured = settings.base_url or ""
    origin, base_path = _split(configured) if configured else (DEFAULT_ORIGIN, "/")
    if configured and not origin:
        problems.append(
            Problem(
                "content/site.yaml",
                0,
                "base_url",
                f"'{configured}' must be a full address, e.g. https://example.org/",
            )
        )
        origin = DEFAULT_ORIGIN
    if override:
        override_origin, base_path = _split(override)
        origin = override_origin or origin
    return SiteUrls(origin, base_path), problems


def _split(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""
    path = parts.path if parts.netloc or not parts.scheme else url
    path = "/" + path.strip("/") + "/" if path.strip("/") else "/"
    return origin, path


def site_timezone(settings: SiteSettings) -> tuple[ZoneInfo, list[Problem]]:
    try:
        return ZoneInfo(settings.timezone), []
    except (ZoneInfoNotFoundError, ValueError):
        problem = Problem(
            "content/site.yaml",
            0,
            "timezone",
            f"'{settings.timezone}' is not a time zone; write e.g. Europe/London",
        )
        return ZoneInfo("Europe/London"), [problem]


def build_date(options: BuildOptions, zone: ZoneInfo) -> dt.date:
    """``--today``, or the current date where the site is."""
    return options.today or dt.datetime.now(zone).date()


ICON_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
DEFAULT_FAVICON = "static/favicon.svg"


@dataclass(frozen=True)
class SiteLook:
    """The organisation's logo, icon and colour, from ``site.yaml``."""

    favicon: str = DEFAULT_FAVICON
    """Site-relative: the site's own icon, or sitegen's plain one."""
    favicon_type: str = ICON_TYPES[".svg"]
    logo: str | None = None
    logo_alt: str = ""
    """Empty when the site's name beside it already says what the logo says."""
    accent: str | None = None
    accent_dark: str | None = None
    """The accent darkened, for a button under the pointer."""


def site_look(settings: SiteSettings) -> SiteLook:
    favicon = settings.favicon or DEFAULT_FAVICON
    ending = favicon[favicon.rfind(".") :].lower()
    alt = settings.logo_alt or ""
    return SiteLook(
        favicon=favicon,
        favicon_type=ICON_TYPES.get(ending, "image/x-icon"),
        logo=settings.logo,
        logo_alt="" if alt.lower() in settings.title.lower() else alt,
        accent=settings.accent,
        accent_dark=darker(settings.accent) if settings.accent else None,
    )


def cache_root() -> Path:
    """Where sitegen keeps what it remembers between runs: the build cache of every
    output, and its compiled templates."""
    if os.environ.get("SITEGEN_CACHE"):
        return Path(os.environ["SITEGEN_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitegen"
