"""Problems found in content, and the exceptions that carry them.

Every check in sitegen reports a :class:`Problem` instead of raising at the
first mistake, so an editor sees every problem of a run at once. A problem
names the file, the line of the offending key and the field, and reads as
``path:line: field: message``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How serious a problem is."""

    ERROR = "error"
    """The build cannot publish this: it stops and leaves ``output/`` alone."""
    WARNING = "warning"
    """Worth fixing; ``check --strict`` treats it as an error."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can."""

    path: str
    """The file, relative to the working directory where possible."""
    line: int
    """1-based line of the offending key; 0 when the whole file is meant."""
    field: str
    """Dotted path of the field, e.g. ``actions[2].owners``; empty for the file."""
    message: str
    """What is wrong and, where we can tell, how to fix it."""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = f"{where}: {self.field}: " if self.field else f"{where}: "
        label = "warning: " if self.severity is Severity.WARNING else ""
        return one_line(f"{prefix}{label}{self.message}")

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "severity": self.severity.value,
        }


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped (``\\n``, ``\\x07``).

    A message quotes what the editor wrote, file names included, and must stay one
    printable line: one problem per line is what editors and tools read.
    """
    return _UNPRINTABLE.sub(lambda m: _ESCAPES.get(m.group()) or ascii(m.group())[1:-1], text)


class SitegenError(Exception):
    """Base class of every error sitegen reports to the user."""


class ContentError(SitegenError):
    """The content has errors: the run reports all of them and exits 1."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len([p for p in self.problems if p.severity is Severity.ERROR])
        super().__init__(f"{count} error{'s' if count != 1 else ''} in the content")


class BuildError(SitegenError):
    """Something other than the content failed (templates, indexer, disk)."""


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """A hint naming the closest known value, or an empty string."""
    matches = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{matches[0]}'?" if matches else ""


def display_path(path: Path) -> str:
    """A path as an editor would type it: relative to the working directory."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
