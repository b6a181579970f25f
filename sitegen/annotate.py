"""``sitegen check``'s problems on GitHub: annotations on the files and a job summary.

The publishing workflow (``.github/workflows/publish.yml``, also written by
``sitegen init``) runs::

    sitegen check --format json > check.json
    python -m sitegen.annotate check.json

This prints every problem to the log as ``path:line: field: message``, marks the
first of them on the files as annotations (GitHub shows at most ten errors and ten
warnings of a step), and writes all of them, each linked to its line, to the job
summary (``$GITHUB_STEP_SUMMARY``), where an editor sees them first. It always exits
0: the status of ``sitegen check`` decides whether the run fails.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import Problem, Severity
from sitegen.values import plural

ANNOTATIONS_PER_KIND = 10
"""GitHub shows this many error annotations, and as many warnings, for one step."""
SUMMARY_PROBLEMS = 500
"""The summary lists this many problems; GitHub refuses a summary over 1 MiB."""


@dataclass(frozen=True)
class Report:
    """What ``sitegen check --format json`` wrote."""

    ok: bool
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)


def read_report(text: str) -> Report | None:
    """The check's report, or None when the check stopped before writing one."""
    try:
        data = json.loads(text)
        problems = tuple(
            Problem(
                str(item["path"]),
                int(item["line"]),
                str(item["field"]),
                str(item["message"]),
                Severity(item["severity"]),
            )
            for item in data["problems"]
        )
        return Report(bool(data["ok"]), problems)
    except (ValueError, KeyError, TypeError):
        return None


def command_data(text: str) -> str:
    """Escapes the message of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def command_property(text: str) -> str:
    """Escapes a property (``file=...``) of a workflow command."""
    return command_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_command(problem: Problem) -> str:
    kind = "error" if problem.severity is Severity.ERROR else "warning"
    where = [f"file={command_property(problem.path)}"]
    if problem.line:
        where.append(f"line={problem.line}")
    if problem.field:
        where.append(f"title={command_property(problem.field)}")
    return f"::{kind} {','.join(where)}::{command_data(problem.message)}"


def annotation_commands(problems: Sequence[Problem]) -> list[str]:
    """One command per problem GitHub will show, then a notice naming how many it won't."""
    lines: list[str] = []
    left_out = 0
    for severity in (Severity.ERROR, Severity.WARNING):
        of_kind = [p for p in problems if p.severity is severity]
        lines += [annotation_command(p) for p in of_kind[:ANNOTATIONS_PER_KIND]]
        left_out += max(0, len(of_kind) - ANNOTATIONS_PER_KIND)
    if left_out:
        lines.append(
            f"::notice::{left_out} more problems are not marked on the files: "
            "the summary of this run lists them all."
        )
    return lines


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def markdown_text(text: str) -> str:
    """Text that Markdown shows exactly as it is."""
    return html.escape(_MARKDOWN.sub(r"\\\1", text), quote=False)


LineLink = Callable[[Problem], str | None]


def github_link(environ: dict[str, str]) -> LineLink:
    """Links to a problem's line in the commit being checked, when run on GitHub."""
    server = environ.get("GITHUB_SERVER_URL", "https://github.com")
    repository, commit = environ.get("GITHUB_REPOSITORY"), environ.get("GITHUB_SHA")

    def link(problem: Problem) -> str | None:
        if not repository or not commit:
            return None
        anchor = f"#L{problem.line}" if problem.line else ""
        return f"{server}/{repository}/blob/{commit}/{problem.path}{anchor}"

    return link


def summary(report: Report | None, link: LineLink) -> str:
    """The job summary, in Markdown."""
    if report is None:
        return (
            "### The content check did not run to the end\n\n"
            "Nothing was published. The log of the step *Check the content* says why.\n"
        )
    errors, warnings = report.errors, report.warnings
    if not report.problems:
        return "### Content check: no problems found\n"
    head = f"### Content check: {plural(errors, 'error')} and {plural(warnings, 'warning')}\n\n"
    if not report.ok:
        head += "Nothing was published: fix these, then push again.\n\n"
    else:
        head += "The site can be published; the warnings are worth fixing.\n\n"
    lines = []
    for problem in report.problems[:SUMMARY_PROBLEMS]:
        text = str(problem)
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        rest = text[len(where) :]
        url = link(problem)
        shown = f"[{markdown_text(where)}]({url})" if url else markdown_text(where)
        lines.append(f"- {shown}{markdown_text(rest)}")
    more = len(report.problems) - SUMMARY_PROBLEMS
    if more > 0:
        lines.append(f"- ... and {more} more: run `sitegen check` to see them all.")
    return head + "\n".join(lines) + "\n"


def _ordered(problems: Sequence[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.severity is not Severity.ERROR, p.path, p.line))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m sitegen.annotate CHECK.json", file=sys.stderr)
        return 2
    path = Path(args[0])
    report = read_report(path.read_text(encoding="utf-8") if path.exists() else "")
    if report is not None:
        report = Report(report.ok, tuple(_ordered(report.problems)))
        for problem in report.problems:
            print(problem)
        for line in annotation_commands(report.problems):
            print(line)
        print(f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')}.")
    else:
        print("sitegen check stopped before it wrote its report: see the messages above.")
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(summary(report, github_link(dict(os.environ))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
