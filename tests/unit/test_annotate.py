"""``sitegen check``'s report as GitHub annotations and a job summary."""

from __future__ import annotations

import json

from sitegen.annotate import (
    ANNOTATIONS_PER_KIND,
    Report,
    annotation_command,
    annotation_commands,
    github_link,
    markdown_text,
    read_report,
    summary,
)
from sitegen.errors import Problem, Severity


def _error(line: int, message: str = "is required") -> Problem:
    return Problem("content/meetings/2024-01-10-x.md", line, "summary", message)


def _warning(line: int) -> Problem:
    return Problem("content/news/a.md", line, "body", "an image has no text", Severity.WARNING)


def test_an_annotation_names_file_line_and_field_and_escapes_what_github_reads() -> None:
    problem = Problem("content/a,b.md", 7, "actions[1].owners", "50% done:\nnot: ok")
    assert annotation_command(problem) == (
        "::error file=content/a%2Cb.md,line=7,title=actions[1].owners::50%25 done:%0Anot: ok"
    )


def test_a_whole_file_problem_has_no_line_and_a_warning_is_a_warning() -> None:
    problem = Problem("content/pages/privacy.md", 0, "", "is missing", Severity.WARNING)
    assert annotation_command(problem) == "::warning file=content/pages/privacy.md::is missing"


def test_annotations_stop_at_githubs_limit_and_say_how_many_are_left_out() -> None:
    problems = [_error(n) for n in range(1, 14)] + [_warning(n) for n in range(1, 4)]
    lines = annotation_commands(problems)
    assert sum(line.startswith("::error ") for line in lines) == ANNOTATIONS_PER_KIND
    assert sum(line.startswith("::warning ") for line in lines) == 3
    assert lines[-1].startswith("::notice::3 more problems")


def test_the_summary_lists_every_problem_as_path_line_linked_to_the_line() -> None:
    report = Report(False, (_error(12, "is [empty] <b>"), _warning(3)))
    link = github_link(
        {
            "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_REPOSITORY": "org/portal",
            "GITHUB_SHA": "abc123",
        }
    )
    text = summary(report, link)
    assert "### Content check: 1 error and 1 warning" in text
    assert "Nothing was published" in text
    assert (
        "- [content/meetings/2024\\-01\\-10\\-x\\.md:12]"
        "(https://github.com/org/portal/blob/abc123/content/meetings/2024-01-10-x.md#L12)"
        ": summary: is \\[empty\\] &lt;b&gt;"
    ) in text
    assert "content/news/a\\.md:3](" in text
    assert ": body: warning: an image has no text" in text


def test_the_summary_without_github_has_no_links() -> None:
    text = summary(Report(False, (_error(2),)), github_link({}))
    assert "](" not in text
    assert "content/meetings/2024\\-01\\-10\\-x\\.md:2: summary: is required" in text


def test_a_clean_check_and_a_check_that_stopped_say_so() -> None:
    assert "no problems found" in summary(Report(True, ()), github_link({}))
    assert "did not run to the end" in summary(None, github_link({}))


def test_markdown_text_shows_exactly_what_was_written() -> None:
    assert markdown_text("*a* `b` [c](d) <e> & f_g") == (
        "\\*a\\* \\`b\\` \\[c\\]\\(d\\) &lt;e&gt; &amp; f\\_g"
    )


def test_the_report_is_read_from_check_json() -> None:
    text = json.dumps(
        {
            "ok": False,
            "errors": 1,
            "warnings": 0,
            "strict": False,
            "problems": [_error(4).as_dict()],
        }
    )
    report = read_report(text)
    assert report is not None
    assert report.problems == (_error(4),)
    assert report.errors == 1 and not report.ok
    assert read_report("") is None
    assert read_report('{"ok": true}') is None
