"""Every kind of bad input: a message naming file, line and field, exit 1, output untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import SMALL_SITE, SMALL_TODAY, run_cli, tree_digest
from tests.invalid_cases import cases, expected, make_case


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good build of the small site: what a failed build must leave alone."""
    root = tmp_path_factory.mktemp("previous")
    result = run_cli(
        "build", "--content", SMALL_SITE, "--output", root / "output", "--today", SMALL_TODAY
    )
    assert result.code == 0, result.err
    return root / "output"


def test_there_are_at_least_fifteen_kinds_of_bad_input() -> None:
    assert len(cases()) >= 15


@pytest.mark.parametrize("case", cases())
def test_bad_input_is_reported_and_output_is_left_untouched(
    case: str, tmp_path: Path, previous_output: Path
) -> None:
    content = make_case(case, tmp_path)
    output = tmp_path / "output"
    shutil.copytree(previous_output, output)
    before = tree_digest(output)

    result = run_cli(
        "build", "--content", "content", "--output", "output", "--today", SMALL_TODAY, cwd=tmp_path
    )

    assert result.err == expected(case)
    assert result.code == 1
    assert "Traceback" not in result.err
    assert tree_digest(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]
    assert content.exists()


@pytest.mark.parametrize("case", cases())
def test_check_finds_the_same_errors_as_build(case: str, tmp_path: Path) -> None:
    make_case(case, tmp_path)
    result = run_cli("check", "--content", "content", "--today", SMALL_TODAY, cwd=tmp_path)
    assert result.code == 1
    errors = [line for line in expected(case).splitlines() if line and ": warning: " not in line]
    reported = result.out.splitlines()
    for line in errors[:-1]:  # the last line is build's summary
        assert line in reported
