"""Remember which packages passed the frictionless checks, by content, so a rebuild
re-checks only the packages that changed.

Only clean results are remembered: a package with problems is always checked again, so
the messages are fresh. The key covers every file of the package, the frictionless
version and the validator's own code, so any change to them re-checks everything.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path


@cache
def _code_version() -> str:
    import frictionless

    digest = hashlib.sha256(frictionless.__version__.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


class CleanTables:
    """A folder of empty marker files, one per package content known to be clean."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _marker(self, package: Path) -> Path:
        digest = hashlib.sha256(_code_version().encode())
        for path in sorted(p for p in package.rglob("*") if p.is_file()):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
        return self.folder / digest.hexdigest()

    def is_clean(self, package: Path) -> bool:
        return self._marker(package).is_file()

    def remember(self, package: Path) -> None:
        marker = self._marker(package)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
