"""The built wheel, installed into a fresh environment outside the repository, does it all.

This is what an organisation does: install sitegen, start a site with ``sitegen
init``, check it, build it, add to it and preview it, from a folder that has nothing
to do with this checkout. It needs PyPI for sitegen's dependencies (pip's cache
serves them after the first run).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import sitegen
from tests.helpers import TESTS
from tests.test_permissions import output_modes

REPO = TESTS.parent
LEFT_OUT = {
    ".git", ".venv", "node_modules", "output", "bench", "tests", "content", "schemas",
    "build", "dist", ".mypy_cache", ".ruff_cache", ".pytest_cache", "sitegen.egg-info",
}  # fmt: skip
"""Top-level folders of the checkout the wheel is not built from."""
PIP_TIMEOUT = 900
"""A cap, in seconds, so that a registry that stops answering fails the test, not hangs it."""


def _source_copy(target: Path) -> Path:
    """The checkout without what a build does not read, so building leaves it untouched."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        at_top = Path(folder).resolve() == REPO
        return {
            n
            for n in names
            if n == "__pycache__" or (at_top and (n in LEFT_OUT or n[:8] == ".output."))
        }

    shutil.copytree(REPO, target, ignore=ignore)
    return target


def _run(*argv: str | Path, cwd: Path, env: dict[str, str], timeout: float = 120) -> str:
    done = subprocess.run(
        [str(a) for a in argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        umask=0o022,
        check=False,
    )
    assert done.returncode == 0, f"{argv} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _environment(venv: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return str(response.read().decode("utf-8"))


def test_the_wheel_installs_and_works_from_any_folder(tmp_path: Path) -> None:
    source = _source_copy(tmp_path / "source")
    wheels = tmp_path / "wheels"
    built = _run(
        sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", wheels, source,
        cwd=tmp_path, env=_environment(Path(sys.executable).parent.parent), timeout=PIP_TIMEOUT,
    )  # fmt: skip
    assert "is absent from the `packages` configuration" not in built
    [wheel] = wheels.glob("sitegen-*.whl")

    # Everything sitegen reads at run time is in the wheel.
    inside = set(zipfile.ZipFile(wheel).namelist())
    for path in (REPO / "templates").rglob("*"):
        if path.is_file():
            assert f"sitegen/_templates/{path.relative_to(REPO / 'templates')}" in inside
    for path in (REPO / "sitegen" / "starter").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            assert f"sitegen/{path.relative_to(REPO / 'sitegen').as_posix()}" in inside

    venv = tmp_path / "env"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path, env=_environment(venv))
    env = _environment(venv)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", wheel, cwd=tmp_path, env=env, timeout=PIP_TIMEOUT)

    work = tmp_path / "somewhere-else"
    work.mkdir()
    version = _run("sitegen", "--version", cwd=work, env=env).splitlines()
    assert version[0] == f"sitegen {sitegen.__version__}"
    assert version[1].startswith(f"templates: {venv}")

    made = _run("sitegen", "init", "our-portal", cwd=work, env=env)
    assert "Started a new site in our-portal" in made
    site = work / "our-portal"
    checked = _run("sitegen", "check", cwd=site, env=env)
    assert "OK: 0 errors" in checked
    _run("sitegen", "build", cwd=site, env=env)
    output = site / "output"
    assert (output / "index.html").is_file()
    assert (output / "static" / "age.js").is_file()
    assert (output / "pagefind" / "pagefind.js").is_file()
    assert output_modes(output) == {"folders": {0o755}, "files": {0o644}}
    assert stat.S_IMODE(output.stat().st_mode) == 0o755

    new = "2030-01-15-example-group"
    _run("sitegen", "new", "meeting", new, cwd=site, env=env)
    assert (site / "content" / "meetings" / f"{new}.md").is_file()
    todo = subprocess.run(
        ["sitegen", "check"], cwd=site, env=env, capture_output=True, text=True, timeout=120
    )
    assert todo.returncode == 1
    assert f"content/meetings/{new}.md" in todo.stdout

    (site / "content" / "meetings" / f"{new}.md").unlink()
    _check_the_preview(site, env)


def _check_the_preview(site: Path, env: dict[str, str]) -> None:
    """``sitegen serve`` from the installed copy serves pages, static files and live reload."""
    server = subprocess.Popen(
        ["sitegen", "serve", "--port", "0"],
        cwd=site,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert server.stdout is not None
        deadline = time.monotonic() + 60
        url = None
        while url is None and time.monotonic() < deadline:
            line = server.stdout.readline()
            assert line, "sitegen serve stopped before it said where it is"
            found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            url = found.group(1) if found else None
        assert url is not None
        home = _get(url)
        assert "/__sitegen/live.js" in home
        assert "EventSource" in _get(url + "__sitegen/live.js")
        assert "STALE_AFTER_DAYS" in _get(url + "static/age.js")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
