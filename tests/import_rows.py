"""Nothing silently dropped: every row of an Open SDG fixture's data files is a figure
written or a row in the import report."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from build_scripts.importers import ImportResult


def unaccounted(fixtures: Path, result: ImportResult) -> list[tuple[str, int, int]]:
    """Each data file whose records are not all written or reported: the file, the rows
    written or reported, and its records."""
    written = Counter(
        f.origin.path for p in result.imported.packages for f in p.figures if f.origin
    )
    left_out = Counter(s.path for s in result.report.skips)
    found = []
    for file in sorted((fixtures / "data").glob("*.csv")):
        shown = file.relative_to(fixtures).as_posix()
        with file.open(encoding="utf-8-sig", newline="") as f:
            records = sum(1 for _ in csv.reader(f)) - 1
        if written[shown] + left_out[shown] != records:
            found.append((shown, written[shown] + left_out[shown], records))
    return found
