"""One content hash for the build's caches: the same files in, the same key out."""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from pathlib import Path

METADATA_FOLDERS = (".dist-info", ".egg-info")


@cache
def installed_versions() -> str:
    """Every installed distribution with its version (Jinja, MarkupSafe, vl-convert,
    Altair, pandas, Babel and the rest), for the keys of caches whose contents they
    shape: the names of the distributions' metadata folders on ``sys.path``
    (``altair-5.5.0.dist-info``: a wheel names them so), where ``importlib.metadata``
    finds them too. Reading the names rather than every distribution's metadata takes
    milliseconds, not the half a second a warm build paid for it.

    The working folder is not an installation: ``python -m`` puts it first on
    ``sys.path``, where an editable install leaves the project's own ``.egg-info``, and
    the keys would differ between ``npf build`` and ``python -m build_scripts build``."""
    here = Path.cwd().resolve()
    found: set[str] = set()
    for entry in sys.path:
        folder = Path(entry or ".")
        if folder.is_dir() and folder.resolve() != here:
            found.update(p.name for p in folder.iterdir() if p.suffix in METADATA_FOLDERS)
    return ";".join(sorted(found))


def paths_under(root: Path) -> list[Path]:
    """``root`` itself if it is a file, else everything under it in sorted order, less
    ``__pycache__``; nothing for a missing root. (Folders are listed too: callers keep
    the files.)"""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if "__pycache__" not in p.parts)


def files_digest(*roots: Path, salt: str = "") -> str:
    """SHA-256 of ``salt`` and every file under ``roots`` (a root may be one file): each
    file's name relative to its root, and its bytes, in sorted order. ``__pycache__`` is
    skipped; a missing root counts as empty."""
    digest = hashlib.sha256(salt.encode() + b"\0")
    for root in roots:
        for path in paths_under(root):
            if path.is_file():
                name = path.name if path == root else path.relative_to(root).as_posix()
                digest.update(f"{root.name}/{name}".encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
