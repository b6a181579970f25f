"""The output is readable by a web server running as another user, as the umask allows."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SMALL_SITE, SMALL_TODAY


def output_modes(root: Path) -> dict[str, set[int]]:
    """The permission bits of every folder and file under ``root``, the root included."""
    modes: dict[str, set[int]] = {"folders": {stat.S_IMODE(root.stat().st_mode)}, "files": set()}
    for path in root.rglob("*"):
        kind = "folders" if path.is_dir() else "files"
        modes[kind].add(stat.S_IMODE(path.stat().st_mode))
    return modes


@pytest.mark.parametrize(
    ("umask", "folders", "files"), [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)]
)
def test_output_modes_follow_the_umask(
    tmp_path: Path, umask: int, folders: int, files: int
) -> None:
    output = tmp_path / "output"
    for _ in range(2):  # a first build, then one that replaces it
        subprocess.run(
            [
                sys.executable,
                "-m",
                "sitegen",
                "build",
                "--content",
                str(SMALL_SITE),
                "--output",
                str(output),
                "--today",
                SMALL_TODAY,
            ],
            check=True,
            capture_output=True,
            umask=umask,
        )
        assert output_modes(output) == {"folders": {folders}, "files": {files}}
    assert (output / "pagefind").is_dir()
    assert (output / "static" / "age.js").is_file()
