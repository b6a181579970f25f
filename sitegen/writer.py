"""The only code that touches the output folder, and it does so atomically.

A build writes into a staging folder beside ``output/``. Only when the whole
site (search index included) is complete is the staging folder swapped in,
with one ``renameat2(RENAME_EXCHANGE)`` where the system has it, so visitors
and tools never see a half-built site, and a failed build leaves the previous
``output/`` exactly as it was.

A folder is only ever replaced if sitegen made it (it holds ``.sitegen``) or
it is empty, so ``--output`` pointed at the wrong folder cannot destroy work.

A build that is killed (``SIGKILL``, a power cut) cannot clean up, so each
build first removes the staging folders that earlier builds of the same output
left behind. Only sitegen's own folders are touched, and never one a build
still running is using: each staging folder holds a lock file, locked for as
long as its build (and its worker processes) live, and the kernel releases the
lock of a process however it ends.

A rebuild should cost what changed, and a new staging folder costs a folder and a link
for every page. So the tree a build swaps out is kept beside the output as its *spare*
(``.output.spare``), with a token that the build cache records alongside what the tree
holds. The next build takes the spare as its staging folder and changes only the files
whose key differs. Every file it changes is unlinked first and written anew: the
spare's unchanged files are hard links shared with the live output, which must never
change under a visitor. A spare whose token the cache does not know is removed.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from sitegen.errors import BuildError

MARKER = ".sitegen"
"""A file in every output folder sitegen writes: proof it is safe to replace."""

LOCK = ".sitegen-build"
"""In a staging folder: locked by the build writing it, which it names."""
SPARE = ".sitegen-spare"
"""In a spare tree: the token that ties it to the build cache's record of it."""
LEGACY_GRACE_SECONDS = 600
"""A folder of an older sitegen (no lock file, no process id in its name) is taken as
abandoned once it has not changed for this long."""

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
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

    def __init__(self, output: Path, spare: str = "") -> None:
        """``spare`` is the token of the spare tree the build cache knows, if any."""
        check_output_target(output)
        self.output = output.resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.removed = remove_abandoned(self.output)
        """Folders that earlier, interrupted builds of this output had left."""
        prefix = f".{self.output.name}.staging-{os.getpid()}-"
        self.spare = self.output.parent / f".{self.output.name}.spare"
        claimed = self._claim_spare(spare, prefix)
        self.reused = claimed is not None
        """True when this build started from the spare tree, not from an empty folder."""
        self.root = claimed or new_folder(self.output.parent, prefix)
        self.found: set[str] = set(files_under(self.root)) if claimed else set()
        """The files of the spare tree this build started from (none in a new folder)."""
        self._lock = os.open(self.root / LOCK, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        os.write(self._lock, f"Being written by sitegen, process {os.getpid()}.\n".encode())
        if not self.reused:
            (self.root / MARKER).write_text("Built by sitegen; replaced whole on each build.\n")
        self._done = False
        self._remover = 0
        """The child process removing the previous output, while there is one."""

    def _claim_spare(self, token: str, prefix: str) -> Path | None:
        """The spare tree, renamed to a staging folder of this build, if the cache knows
        it. Renaming is atomic: of two builds, one takes the spare and the other starts
        a new folder. A spare the cache does not know is removed."""
        spare = self.spare
        if spare.is_symlink() or not spare.is_dir() or not (spare / MARKER).is_file():
            return None  # none, or not sitegen's: never touched
        try:
            written = (spare / SPARE).read_text(encoding="utf-8").strip()
        except OSError:
            written = ""
        if not token or written != token:
            _remove(spare)
            return None
        root = self.output.parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            os.rename(self.spare, root)
        except OSError:
            return None
        os.unlink(root / SPARE)
        return root

    def keep(self, relative: str) -> bool:
        """True when the spare tree already holds ``relative``, to be kept as it is."""
        return relative in self.found

    def prune(self, wanted: set[str]) -> int:
        """Remove the spare tree's files that this build does not make, and the folders
        left empty; returns how many files went."""
        stale = sorted(self.found - wanted - {MARKER})
        folders: set[str] = set()
        for relative in stale:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.root}/{relative}")
            folder = relative.rpartition("/")[0]
            while folder:
                folders.add(folder)
                folder = folder.rpartition("/")[0]
        for folder in sorted(folders, key=lambda name: -name.count("/")):
            with contextlib.suppress(OSError):  # not empty: it holds a wanted file
                os.rmdir(f"{self.root}/{folder}")
        self.found -= set(stale)
        return len(stale)

    def write(self, relative: str, data: bytes) -> None:
        write_file(self.root, relative, data)

    def link(self, relative: str, source: str | Path) -> bool:
        """Put ``source`` (a file of the previous output) at ``relative``, as a hard link:
        the same bytes, written again in no time. False when the system cannot link."""
        target = _target(self.root, relative)
        try:
            os.link(source, target)
        except FileExistsError:  # the spare tree's older file: replaced, never changed
            try:
                os.unlink(target)
                os.link(source, target)
            except OSError:
                return False
        except OSError:
            return False
        return True

    def link_tree(self, source: Path, relative: str) -> bool:
        """Link every file under ``source`` to the same place under ``relative``."""
        if not source.is_dir():
            return False
        base = relative.rstrip("/")
        return all(self.link(f"{base}/{name}", source / name) for name in files_under(source))

    def copy_tree(self, source: Path, relative: str) -> None:
        """Copy the files under ``source``; like every file written, with the umask's mode."""
        for name in files_under(source):
            self.write(f"{relative.rstrip('/')}/{name}", (source / name).read_bytes())

    def commit(self, spare: str = "") -> bool:
        """Swap the staging folder in. The old output is kept as the spare tree under the
        token ``spare`` when one is given, or else removed afterwards. True when kept."""
        # The lock file must not be published. Until this process ends, the process id in
        # the folder's name keeps other builds from taking the folder for abandoned.
        (self.root / LOCK).unlink()
        try:
            return self._swap(spare)
        finally:
            self._release()

    def _swap(self, spare: str) -> bool:
        if self.output.exists():
            check_output_target(self.output)
            if not _exchange(self.root, self.output):
                old = Path(
                    tempfile.mkdtemp(
                        prefix=f".{self.output.name}.old-{os.getpid()}-", dir=self.output.parent
                    )
                )
                old.rmdir()
                os.rename(self.output, old)
                os.rename(self.root, self.output)
                self._remove_previous(old)
                self._done = True
                return False
            self._done = True
            # self.root now holds the previous output.
            if spare and self._keep_as_spare(spare):
                return True
            self._remove_previous(self.root)
            return False
        os.rename(self.root, self.output)
        self._done = True
        return False

    def _keep_as_spare(self, token: str) -> bool:
        try:
            (self.root / SPARE).write_text(f"{token}\n", encoding="utf-8")
            os.rename(self.root, self.spare)
        except OSError:  # another build's spare is there: this one is not needed
            return False
        return True

    def _remove_previous(self, folder: Path) -> None:
        """Remove the previous output in a child process while this one goes on (the
        build's last steps need no disk the old tree holds); :meth:`discard` waits."""
        try:
            pid = os.fork()
        except OSError:
            _remove(folder)
            return
        if pid == 0:  # the child
            try:
                _remove(folder)
            finally:
                os._exit(0)
        self._remover = pid

    def discard(self) -> None:
        """Remove the staging folder if it was not committed; wait for every removal."""
        if not self._done:
            _remove(self.root)
            self._done = True
        if self._remover:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._remover, 0)
            self._remover = 0
        self._release()

    def _release(self) -> None:
        if self._lock >= 0:
            os.close(self._lock)
            self._lock = -1


def remove_abandoned(output: Path) -> list[Path]:
    """Remove what interrupted builds of ``output`` left beside it; returns what went.

    Only folders named like sitegen's staging folders of this output and holding its
    marker are candidates, and of those only the ones no living build holds.
    """
    removed = []
    pattern = re.compile(rf"\.{re.escape(output.name)}\.(?:staging|old)-(?:(\d+)-)?.*")
    for folder in sorted(output.parent.iterdir()) if output.parent.is_dir() else []:
        found = pattern.fullmatch(folder.name)
        if found is None or folder.is_symlink() or not folder.is_dir():
            continue
        if not (folder / MARKER).exists() and not (folder / LOCK).exists():
            continue
        if _abandoned(folder, int(found.group(1)) if found.group(1) else None):
            _remove(folder)
            removed.append(folder)
    return removed


def _remove(folder: Path) -> None:
    """Remove a folder of sitegen's, its marker last: a removal cut short by a kill still
    leaves a folder that the next build recognises as its own and finishes removing."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name == MARKER:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    shutil.rmtree(folder, ignore_errors=True)


def _abandoned(folder: Path, pid: int | None) -> bool:
    try:
        lock = os.open(folder / LOCK, os.O_RDONLY)
    except FileNotFoundError:
        # Being swapped in (its lock file already gone), or made by an older sitegen.
        if pid is not None:
            return not _alive(pid)
        return time.time() - folder.stat().st_mtime > LEGACY_GRACE_SECONDS
    except OSError:
        return False
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # a build is writing it now
    finally:
        os.close(lock)
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


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


def safe_relative(relative: str) -> str:
    """A path inside the output; anything that could escape it is refused."""
    parts = [part for part in relative.split("/") if part and part != "."]
    if relative.startswith("/") or ".." in parts or not parts or "\0" in relative:
        raise BuildError(f"refusing to write outside the output folder: {relative!r}")
    return "/".join(parts)


def _target(root: Path, relative: str) -> str:
    """Where ``relative`` goes under ``root``, its folder made (once per folder)."""
    target = f"{root}/{safe_relative(relative)}"
    _folder(target.rpartition("/")[0])
    return target


@lru_cache(maxsize=16384)
def _folder(path: str) -> None:
    """Make a folder of a staging tree; each tree has a new name, so each is made once."""
    os.makedirs(path, exist_ok=True)


def write_file(root: Path, relative: str, data: bytes) -> None:
    """Write a new file. One already there (in a spare tree) is unlinked first, never
    overwritten: it may be a hard link to a file of the live output."""
    target = _target(root, relative)
    try:
        descriptor = os.open(target, _NEW_FILE, 0o666)
    except FileExistsError:
        os.unlink(target)
        descriptor = os.open(target, _NEW_FILE, 0o666)
    with open(descriptor, "wb") as file:
        file.write(data)


def files_under(folder: Path) -> list[str]:
    """Every file under ``folder`` (not following links to folders), as a path relative
    to it, in order."""
    return sorted(_files(str(folder), ""))


def _files(folder: str, prefix: str) -> Iterator[str]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files(entry.path, f"{prefix}{entry.name}/")
            else:
                yield f"{prefix}{entry.name}"


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux ``renameat2``); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)
