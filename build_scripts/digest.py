"""One content hash for the build's caches: the same files in, the same key out."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path


@cache
def installed_versions() -> str:
    """Every installed distribution with its version (Jinja, MarkupSafe, vl-convert,
    Altair, pandas, Babel and the rest), for the keys of caches whose contents they
    shape."""
    found = {(d.metadata["Name"] or "", d.version) for d in metadata.distributions()}
    return ";".join(f"{name}=={version}" for name, version in sorted(found))


def files_digest(*roots: Path, salt: str = "") -> str:
    """SHA-256 of ``salt`` and every file under ``roots`` (a root may be one file): each
    file's name relative to its root, and its bytes, in sorted order. ``__pycache__`` is
    skipped; a missing root counts as empty."""
    digest = hashlib.sha256(salt.encode() + b"\0")
    for root in roots:
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                name = path.name if path == root else path.relative_to(root).as_posix()
                digest.update(f"{root.name}/{name}".encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
