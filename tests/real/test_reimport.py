"""``npf import`` of the full published source files gives the committed
``datapackages/``, byte for byte, and its report accounts for every database row.

Skipped where ``../shared/source-data`` is absent (a clone from a public host), as
``test_trace.py`` is.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from build_scripts.importers import import_source
from build_scripts.importers.npf_database import DATABASE_FILE
from tests.trees import differences

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT.parent / "shared" / "source-data"
DATA = ROOT / "datapackages"

pytestmark = pytest.mark.skipif(not SOURCE.is_dir(), reason="no ../shared/source-data here")


def test_the_import_gives_the_committed_packages_byte_for_byte(tmp_path: Path) -> None:
    result = import_source(SOURCE, tmp_path / "datapackages")
    assert differences(DATA, tmp_path / "datapackages") == []
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
