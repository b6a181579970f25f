"""Rewrite the tests' expected output after a deliberate change: ``make golden``.

Writes ``tests/sites/*/expected/`` from a build of ``tests/sites/*/content`` and
``tests/invalid/*/expected.txt`` from a build of each broken site. Review the
diff (``git diff tests/``) before committing it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tests.helpers import SMALL_TODAY, build_in
from tests.invalid_cases import INVALID, cases, make_case
from tests.sites_golden import SITES, golden_build


def main() -> None:
    for site in sorted(p for p in SITES.iterdir() if (p / "content").is_dir()):
        expected = site / "expected"
        shutil.rmtree(expected, ignore_errors=True)
        golden_build(site / "content", expected)
        print(f"wrote {expected}")
    for case in cases():
        with tempfile.TemporaryDirectory() as tmp:
            make_case(case, Path(tmp))
            result = build_in(Path(tmp), "--today", SMALL_TODAY)
        (INVALID / case / "expected.txt").write_text(result.err, encoding="utf-8")
        print(f"wrote {INVALID / case / 'expected.txt'} (exit {result.code})")


if __name__ == "__main__":
    main()
