"""The only code that touches the output folder, and it does so atomically.

A build writes into a staging folder beside ``output/``. Only when the whole
site (search index included) is complete is the staging folder swapped in,
with one ``renameat2(RENAME_EXCHANGE)`` where the system has it, so visitors
and tools never see a half-built site, and a failed build leaves the previous
``output/`` exactly as it was.

A folder is only ever replaced if sitegen made it (it holds ``.sitegen``) or
it is empty, so ``--output`` pointed at the wrong folder cannot destroy work.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import secrets
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from sitegen.errors import BuildError

MARKER = ".sitegen"
"""A file in every output folder sitegen writes: proof it is safe to replace."""

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def check_output_target(output: Path) -> None:
    """Refuse to build into a folder that sitegen did not make."""
    if output.is_symlink():
        raise BuildError(f"{output} is a symbolic link; give the real folder as --output")
    if output.exists() and not output.is_dir():
        raise BuildError(f"{output} exists and is not a folder")
    if output.is_dir() and not (output / MARKER).exists() and any(output.iterdir()):
        raise BuildError(
            f"{output} already holds files that sitegen did not write; "
            "choose an empty or new folder for --output"
        )


class Staging:
    """A folder beside the output that becomes the output when committed."""

    def __init__(self, output: Path) -> None:
        check_output_target(output)
        self.output = output.resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.root = new_folder(self.output.parent, f".{self.output.name}.staging-")
        (self.root / MARKER).write_text("Built by sitegen; replaced whole on each build.\n")
        self._done = False

    def write(self, relative: str, data: bytes) -> None:
        write_file(self.root, relative, data)

    def copy_tree(self, source: Path, relative: str) -> None:
        """Copy the files under ``source``; like every file written, with the umask's mode."""
        for path in sorted(source.rglob("*")):
            if path.is_file():
                name = path.relative_to(source).as_posix()
                self.write(f"{relative.rstrip('/')}/{name}", path.read_bytes())

    def commit(self) -> None:
        """Swap the staging folder in; the old output is removed afterwards."""
        if self.output.exists():
            check_output_target(self.output)
            if not _exchange(self.root, self.output):
                old = Path(
                    tempfile.mkdtemp(prefix=f".{self.output.name}.old-", dir=self.output.parent)
                )
                old.rmdir()
                os.rename(self.output, old)
                os.rename(self.root, self.output)
                shutil.rmtree(old, ignore_errors=True)
                self._done = True
                return
            shutil.rmtree(self.root, ignore_errors=True)  # now holds the previous output
        else:
            os.rename(self.root, self.output)
        self._done = True

    def discard(self) -> None:
        if not self._done:
            shutil.rmtree(self.root, ignore_errors=True)
            self._done = True


def new_folder(parent: Path, prefix: str) -> Path:
    """A new folder with a unique name, made with the mode the umask gives.

    Unlike ``mkdtemp`` (always 0700), this gives the output the mode of any folder
    the user makes (0755 with the usual umask), so a web server running as another
    user can read the site; files are written 0644 in the same way.
    """
    for _ in range(100):
        folder = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            folder.mkdir(mode=0o777)
        except FileExistsError:
            continue
        return folder
    raise BuildError(f"cannot make a staging folder in {parent}")  # pragma: no cover


def safe_relative(relative: str) -> PurePosixPath:
    """A path inside the output; anything that could escape it is refused."""
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BuildError(f"refusing to write outside the output folder: {relative!r}")
    return path


def write_file(root: Path, relative: str, data: bytes) -> None:
    target = root / safe_relative(relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux ``renameat2``); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)
