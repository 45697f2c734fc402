"""What an import of an Open SDG repository did, and what it did not import.

``Summary`` is what ``npf import --from open-sdg`` prints: the counts of indicators,
figures, rows, files and places, the names it could not find (marked fallbacks), the
boundaries it made, and its report (``report.py``) of every row left out with why.
Two kinds of file are not imported at all, and every record of them is reported, none
silently: a file whose name is no indicator id (``not_an_indicator``) and a data file in
a form the importer does not read (``not_read``: ``data-wide/``, ``data/<language>/``).
The rows of the indicators' own files that are not imported are reported as their
figures are read (``open_sdg_figures.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.importers.boundaries import Boundaries
from build_scripts.importers.open_sdg_data import read_table, record_lines, shown, unread_files
from build_scripts.importers.report import ImportReport


@dataclass
class Summary:
    """What one import of an Open SDG repository did, printed by ``npf import``."""

    indicators: int = 0
    in_development: int = 0
    files: int = 0
    rows_read: int = 0
    figures: int = 0
    places: int = 0
    mapped: int = 0
    fallbacks: list[str] = field(default_factory=list)
    not_indicators: list[str] = field(default_factory=list)
    not_read: list[str] = field(default_factory=list)
    boundaries: list[Boundaries] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)

    def __str__(self) -> str:
        lines = [
            f"open-sdg: {self.indicators} indicators ({self.in_development} in development), "
            f"{self.figures} figures written from {self.rows_read} rows of {self.files} "
            f"data files; {self.places} places, {self.mapped} of them on a map"
        ]
        lines += [f"  name not found, marked: {f}" for f in self.fallbacks]
        lines += [
            f"  not an indicator (its name is no id), left out: {f}" for f in self.not_indicators
        ]
        lines += [f"  not read (its rows reported): {f}" for f in self.not_read]
        lines += [str(b) for b in self.boundaries]
        lines.append(self.report.summary())
        return "\n".join(lines)


def not_an_indicator(source: Path, data: Path | None, meta: Path | None, summary: Summary) -> None:
    """A file whose name is no indicator id: its rows reported, its metadata listed."""
    if meta is not None:
        summary.not_indicators.append(shown(source, meta))
    if data is None:
        return
    table = read_table(data, shown(source, data))
    summary.rows_read += len(table.records)
    summary.not_indicators.append(table.shown)
    for line, _ in table.records:
        summary.report.add("not-an-indicator", table.shown, line, "its name is no indicator id")


def not_read(source: Path, summary: Summary) -> None:
    """Every record of a data file in a form the importer does not read (``data-wide/``,
    ``data/<language>/``), reported: none of its figures is imported, none silently."""
    for path, why in unread_files(source):
        name = shown(source, path)
        summary.not_read.append(name)
        for line in record_lines(path):
            summary.rows_read += 1
            summary.report.add("not-read", name, line, why)
