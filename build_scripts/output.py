"""Where ``npf build`` and ``npf import`` write, and how.

An output folder is checked before any work is done, written by one command at a time,
made whole in a folder beside it and swapped in at once, and left readable by everyone.

The checks (``check_output``), each a ``NpfError`` naming the folder and what to do:

- the output is never an input (the data folder of a build, the source folder of an
  import), never holds one and never lies inside one;
- it is never one of the project's own files (code, pages, docs, tests, data, tools),
  never holds them and never lies inside them; it is never the root of a git work tree
  and never holds one;
- an existing folder is replaced only if the command made it: a site carries
  ``SITE_MARKER``, a data tree holds nothing but the folders the importer writes;
- the folder beside which the new output is made must be writable.

The swap is one ``renameat2(RENAME_EXCHANGE)`` on Linux: a build killed at any moment
leaves either the old output or the new one, never neither. The folders a killed
command leaves behind (``.NAME.new-*``) are removed by the next one, under the lock.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import glob
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from build_scripts.errors import NpfError

ROOT = Path(__file__).resolve().parent.parent
SITE_MARKER = ".npf-site"
SITE_MARKER_TEXT = (
    "This folder was made by `npf build`, which replaces it whole on the next build.\n"
)
# What ``npf import`` writes: a folder holding only these may be replaced by it.
DATA_TREE = frozenset({"framework", "indicators", "equality-evidence", "boundaries"})
# The project's own files: an output may not be, hold or lie inside any of them.
PROJECT_FILES = (
    ".ci",
    ".git",
    ".venv",
    "benchmarks",
    "build_scripts",
    "datapackages",
    "docs",
    "node_modules",
    "site_src",
    "tests",
    "CHANGELOG.md",
    "Makefile",
    "README.md",
    "mkdocs.yml",
    "npf.toml",
    "package-lock.json",
    "package.json",
    "pyproject.toml",
    "requirements.in",
    "requirements.txt",
)
FILE_MODE = 0o644
FOLDER_MODE = 0o755
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def is_site(folder: Path) -> bool:
    """A folder ``npf build`` made: it carries the marker."""
    return (folder / SITE_MARKER).is_file()


def is_data_tree(folder: Path) -> bool:
    """A folder ``npf import`` made: nothing in it but the importer's own folders."""
    return all(p.name in DATA_TREE and p.is_dir() for p in folder.iterdir())


def _relation(target: Path, other: Path) -> str | None:
    """How ``target`` stands to ``other``: ``is``, ``holds``, ``lies inside`` or None."""
    if target == other:
        return "is"
    if other.is_relative_to(target):
        return "holds"
    if target.is_relative_to(other):
        return "lies inside"
    return None


def _git_roots(target: Path) -> list[Path]:
    """The git work tree roots ``target`` might be or hold: its own, those of its
    children, and those of the project and the current folder."""
    roots = []
    for start in (ROOT, Path.cwd().resolve()):
        for folder in (start, *start.parents):
            if (folder / ".git").exists():
                roots.append(folder)
                break
    if (target / ".git").exists():
        roots.append(target)
    if target.is_dir():
        roots += [c for c in target.iterdir() if c.is_dir() and (c / ".git").exists()]
    return roots


def check_output(
    out: Path,
    *,
    inputs: Mapping[str, Path],
    made_here: Callable[[Path], bool],
    what: str,
    project_output: str | None = None,
) -> Path:
    """The resolved output folder, after every check above; ``inputs`` names each input
    folder (``{"data folder": Path("datapackages")}``), ``made_here`` says whether an
    existing folder is one this command made, ``what`` is what it makes (``a site``);
    ``project_output`` is the project's own folder that this command writes, if any
    (``datapackages`` for the importer): it may be that folder, not hold or lie in it."""
    target = out.resolve()
    shown = str(out)

    def refuse(reason: str, advice: str = "choose another --out") -> NpfError:
        return NpfError(f"--out {shown} {reason}; nothing was changed: {advice}")

    for name, path in inputs.items():
        relation = _relation(target, path.resolve())
        if relation:
            raise refuse(f"{relation} the {name} ({path})")
    for own in PROJECT_FILES:
        relation = _relation(target, ROOT / own)
        if relation == "is" and own == project_output:
            continue
        if relation and (ROOT / own).exists():
            raise refuse(f"{relation} the project's own {own}")
    for root in _git_roots(target):
        relation = _relation(target, root)
        if relation in ("is", "holds"):
            raise refuse(f"{relation} the root of a git work tree ({root})")
    if target.exists() or target.is_symlink():
        if not target.is_dir():
            raise refuse("is not a folder")
        if any(target.iterdir()) and not made_here(target):
            raise refuse(
                f"holds files that were not made as {what}",
                "choose a new or empty folder, or empty this one yourself",
            )
    _check_writable(target.parent, shown)
    return target


def _check_writable(parent: Path, shown: str) -> None:
    try:
        parent.mkdir(parents=True, exist_ok=True)
        probe = tempfile.mkdtemp(prefix=".npf-probe-", dir=parent)
        os.rmdir(probe)
    except OSError as error:
        raise NpfError(
            f"cannot write the output {shown}: {parent} is not writable "
            f"({error.strerror}); nothing was changed"
        ) from error


@contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold the output's lock (``.NAME.lock`` beside it) while the block runs: a second
    command writing the same output stops at once, saying which process holds it. The
    lock file is removed, while still held, when the block ends."""
    path = target.parent / f".{target.name}.lock"
    while True:
        try:
            handle = path.open("a+", encoding="utf-8")
        except OSError as error:
            raise NpfError(f"cannot lock {path}: {error.strerror}") from error
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise NpfError(
                f"{target} is being written by another npf command ({holder}); "
                "nothing was changed: run this again when it has finished"
            ) from error
        if _same_file(handle.fileno(), path):
            break
        handle.close()  # locked a file its holder removed just now: take the new one
    with handle:
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            path.unlink(missing_ok=True)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def clean_stale(target: Path) -> list[Path]:
    """Remove what an interrupted command left beside ``target`` (its half-made and
    swapped-out folders, named ``.NAME.new-*``); call it holding the lock. Returns what
    was removed."""
    removed = []
    for leftover in sorted(target.parent.glob(f".{glob.escape(target.name)}.new-*")):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
            removed.append(leftover)
    return removed


def make_readable(tree: Path) -> None:
    """Folders 0755 and files 0644 throughout ``tree``, whatever the umask or the
    temporary-file permissions of the caches its files are linked from."""
    os.chmod(tree, FOLDER_MODE)
    for folder, dirs, files in os.walk(tree):
        for name in dirs:
            os.chmod(os.path.join(folder, name), FOLDER_MODE, follow_symlinks=False)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where that is not
    available, and the caller falls back to two renames."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


@contextmanager
def replace_dir(target: Path) -> Iterator[Path]:
    """Yield a fresh folder beside ``target``; when the block succeeds, make it readable
    by everyone and swap it into place in one step, then remove the old one.

    On any exception (an interrupt included) the fresh folder is removed and ``target``
    is exactly as it was, so a failed run never leaves half an output.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        yield work
        make_readable(work)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    blocked = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        if target.exists() and _exchange(work, target):
            shutil.rmtree(work, ignore_errors=True)  # now the old output
        else:
            old = target.parent / f".{target.name}.new-old-{os.getpid()}"
            if target.exists():
                os.replace(target, old)
            os.replace(work, target)
            shutil.rmtree(old, ignore_errors=True)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
