"""Remember which packages passed the frictionless checks, by content, so a rebuild
re-checks only the packages that changed.

Only clean results are remembered: a package with problems is always checked again, so
the messages are fresh. The key covers every file of the package, the frictionless
version and the validator's own code, so any change to them re-checks everything.

A package found wholly clean (frictionless and the project's own rules) is remembered
too (``whole_marker``), with its number of rows, under a key that also covers the
framework package and the project's settings the rules read and the whole generator's
code: a rebuild then does not read it again (at 1,000 indicators, reading and checking
the unchanged packages was most of the validator's work after one of them changed).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from build_scripts.digest import files_digest

GENERATOR = Path(__file__).resolve().parents[1]


@cache
def _code_version() -> str:
    import frictionless

    return files_digest(Path(__file__).parent, salt=frictionless.__version__)


class CleanTables:
    """A folder of empty marker files, one per package content known to be clean."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _marker(self, package: Path) -> Path:
        return self.folder / files_digest(package, salt=_code_version())

    def is_clean(self, package: Path) -> bool:
        return self._marker(package).is_file()

    def remember(self, package: Path) -> None:
        marker = self._marker(package)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()


@cache
def _generator_version() -> str:
    import frictionless

    return files_digest(GENERATOR, salt=frictionless.__version__)


def whole_marker(folder: Path, package: Path, context: str) -> Path:
    """The marker of a wholly clean ``package`` in ``folder``: ``context`` is what the
    rules read besides it (the framework package's digest, the project's settings)."""
    salt = f"whole package\0{_generator_version()}\0{context}"
    return folder / "whole" / files_digest(package, salt=salt)
