"""``npf import`` of the full published source files gives the committed
``datapackages/``, byte for byte, and its report accounts for every database row.

Skipped where ``../shared/source-data`` is absent (a clone from a public host), as
``test_trace.py`` is.
"""

from __future__ import annotations

import csv
import filecmp
from pathlib import Path

import pytest

from build_scripts.importers import import_source
from build_scripts.importers.npf_database import DATABASE_FILE

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT.parent / "shared" / "source-data"
DATA = ROOT / "datapackages"

pytestmark = pytest.mark.skipif(not SOURCE.is_dir(), reason="no ../shared/source-data here")


def _differences(a: Path, b: Path) -> list[str]:
    """Every file that is in one tree and not the other, or differs in bytes."""
    compared = filecmp.dircmp(a, b)
    found = [f"only in {a}: {n}" for n in compared.left_only]
    found += [f"only in {b}: {n}" for n in compared.right_only]
    _, mismatch, errors = filecmp.cmpfiles(a, b, compared.common_files, shallow=False)
    found += [f"differs: {a / n}" for n in mismatch + errors]
    for name in compared.common_dirs:
        found += _differences(a / name, b / name)
    return found


def test_the_import_gives_the_committed_packages_byte_for_byte(tmp_path: Path) -> None:
    result = import_source(SOURCE, tmp_path / "datapackages")
    assert _differences(DATA, tmp_path / "datapackages") == []
    with (SOURCE / DATABASE_FILE).open(encoding="utf-8", newline="") as f:
        rows = sum(1 for _ in csv.DictReader(f))
    path = DATABASE_FILE.as_posix()
    written = sum(
        1
        for p in result.imported.packages
        for figure in p.figures
        if figure.origin is not None and figure.origin.path == path
    )
    left_out = [s for s in result.report.skips if s.path == path]
    assert written + len(left_out) == rows
    assert sum(1 for s in left_out if s.reason == "no-figure") == 348
    assert sum(1 for s in left_out if s.reason == "no-indicator") == 5
