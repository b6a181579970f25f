"""``sitegen init DIR``: a new, working site for an organisation of its own.

The files come from ``sitegen/starter/`` (package data, shipped in the wheel):
the required pages written as honest templates to fill in, one example per
collection, a README for the site's editors, a ``.gitignore`` and the GitHub
Actions workflows that check, build, publish and rebuild it daily. Names in the
starter that begin ``dot-`` are written with a dot (``dot-github`` becomes
``.github``), and ``{today}``-style tokens become dates, so the examples are
current on the day the site is made.

``content/site.yaml`` is generated from the declaration of :class:`SiteSettings`,
so it lists every setting there is, each with its description; ``starter/settings.yaml``
adds starting values and longer notes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import textwrap
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from sitegen.errors import BuildError, SitegenError
from sitegen.model import SiteSettings
from sitegen.schema import front_matter_fields
from sitegen.writer import new_folder

STARTER = Path(__file__).resolve().parent / "starter"
"""The starter site, as it is copied."""
SETTINGS_NOTES = "settings.yaml"
"""Not copied: the starting values and notes of ``content/site.yaml``."""
WORKFLOW = ".github/workflows/publish.yml"
_TOKEN = re.compile(r"\{([a-z_]+)\}")
_WIDTH = 88


class InitError(SitegenError):
    """The site cannot be made where asked; the message says why."""


def create_site(target: Path, today: dt.date, source: str | None) -> list[Path]:
    """Write the starter site into ``target``, which must be new or empty.

    ``source`` is the pip requirement the workflow installs sitegen with; None
    leaves it for the editors to fill in (the workflow then says so).
    """
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        raise InitError(f"{target} is not empty: give a new or empty folder")
    files = starter_files(starter_tokens(today, source or ""))
    # Written beside the target and renamed into place, so a failure leaves nothing.
    parent = target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = new_folder(parent, f".{target.name}.init-")
    except (OSError, BuildError) as err:
        raise InitError(f"cannot make {target}: {_reason(err)}") from err
    try:
        for relative, text in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        os.rename(staging, target)
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise InitError(f"cannot make {target}: {_reason(err)}") from err
    return [target / relative for relative in files]


def _reason(err: Exception) -> str:
    return err.strerror or str(err) if isinstance(err, OSError) else str(err)


def starter_tokens(today: dt.date, source: str) -> dict[str, str]:
    return {
        "today": today.isoformat(),
        "in_four_weeks": (today + dt.timedelta(weeks=4)).isoformat(),
        "in_six_weeks": (today + dt.timedelta(weeks=6)).isoformat(),
        "year": str(today.year),
        "sitegen_source": source,
    }


def starter_files(tokens: dict[str, str]) -> dict[str, str]:
    """Every file of the new site, by its path in the site, with its text."""
    files: dict[str, str] = {}
    for path in sorted(STARTER.rglob("*")):
        relative = path.relative_to(STARTER)
        if not path.is_file() or relative.as_posix() == SETTINGS_NOTES:
            continue
        if "__pycache__" in relative.parts:
            continue
        files[site_path(relative.as_posix(), tokens)] = fill(
            path.read_text(encoding="utf-8"), tokens
        )
    files["content/site.yaml"] = settings_text()
    return files


def site_path(relative: str, tokens: dict[str, str]) -> str:
    parts = [
        "." + part.removeprefix("dot-") if part.startswith("dot-") else part
        for part in PurePosixPath(relative).parts
    ]
    return fill("/".join(parts), tokens)


def fill(text: str, tokens: dict[str, str]) -> str:
    """Replace the ``{name}`` tokens the starter uses; other text is left as it is."""
    return _TOKEN.sub(lambda m: tokens.get(m.group(1), m.group(0)), text)


# ---------------------------------------------------------------------- content/site.yaml


def settings_text() -> str:
    """``content/site.yaml``: every setting of :class:`SiteSettings`, explained."""
    notes: dict[str, dict[str, Any]] = yaml.safe_load(
        (STARTER / SETTINGS_NOTES).read_text(encoding="utf-8")
    )
    defaults = {f.name: f.default for f in dataclasses.fields(SiteSettings)}
    lines = _comment(
        "The settings of this site. Each one is explained above it. A line that starts "
        "with # is a comment: a setting that is commented out, or left out, takes the "
        "value shown. After a change, run: sitegen check"
    )
    for name, field in front_matter_fields(SiteSettings):
        note = notes.get(name, {})
        default = defaults.get(name)
        has_default = default is not None and default is not dataclasses.MISSING
        lines.append("")
        lines += _comment(field.doc + (" Required." if field.required else ""))
        if note.get("note"):
            lines += _comment(str(note["note"]))
        if "value" in note:
            if has_default and note["value"] != default:
                lines += _comment(f"If left out: {_plain(default)}.")
            lines.append(_setting(name, note["value"]))
        elif "example" in note:
            lines.append("# " + _setting(name, note["example"]))
        elif has_default:
            lines.append("# " + _setting(name, default))
        else:
            lines.append(f"# {name}:")
    return "\n".join(lines) + "\n"


def _comment(text: str) -> list[str]:
    return ["# " + line for line in textwrap.wrap(text, _WIDTH - 2)]


def _setting(name: str, value: Any) -> str:
    plain = value.value if hasattr(value, "value") else value
    dumped = yaml.safe_dump({name: plain}, allow_unicode=True, width=1000, sort_keys=False)
    return str(dumped).strip()


def _plain(value: Any) -> str:
    return str(value.value if hasattr(value, "value") else value)


# ---------------------------------------------------------------------- where sitegen came from


def installed_source() -> str | None:
    """The pip requirement that installs this very sitegen, when it came from a repository."""
    try:
        recorded = metadata.distribution("sitegen").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    return source_from_direct_url(recorded or "")


def source_from_direct_url(recorded: str) -> str | None:
    """A pip requirement from where pip says it installed a package from (PEP 610).

    A site made from a ``pip install git+...`` install is pinned to that commit;
    a wheel file or a local folder cannot be installed on GitHub, so that gives None.
    """
    try:
        found = json.loads(recorded)
        url = str(found["url"])
    except (ValueError, KeyError, TypeError):
        return None
    subdirectory = found.get("subdirectory")
    suffix = f"#subdirectory={subdirectory}" if subdirectory else ""
    vcs = found.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return f"sitegen @ git+{url}@{vcs['commit_id']}{suffix}"
    if "archive_info" in found and url.startswith(("https://", "http://")):
        return f"sitegen @ {url}{suffix}"
    return None
