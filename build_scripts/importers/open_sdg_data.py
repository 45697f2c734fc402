"""An Open SDG data file (``data/indicator_<id>.csv``) read into tidy rows.

Columns are read by their role, whatever their case: ``Year`` (the period), ``Value``,
``Series``, ``Units``, ``Unit measure``, ``Unit multiplier`` (together they tell one
measure from another), ``Observation status`` and ``COMMENT_OBS`` (flags and notes),
``GeoCode`` (the place a figure is for); every other column is a breakdown, empty where
it does not apply. ``read_table`` reads the file as text with each record's line (the
header is line 1), so every row left out and every problem is located.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.errors import NpfError, located
from build_scripts.problems import Problem

YEAR, VALUE, SERIES, UNITS, UNIT_MEASURE, MULTIPLIER, STATUS, COMMENT, GEOCODE = (
    "year",
    "value",
    "series",
    "units",
    "unit measure",
    "unit multiplier",
    "observation status",
    "comment",
    "geocode",
)
ROLES = {
    "year": YEAR,
    "value": VALUE,
    "series": SERIES,
    "units": UNITS,
    "unit measure": UNIT_MEASURE,
    "unit_measure": UNIT_MEASURE,
    "unit multiplier": MULTIPLIER,
    "unit_mult": MULTIPLIER,
    "observation status": STATUS,
    "obs_status": STATUS,
    "comment_obs": COMMENT,
    "comment_ts": COMMENT,
    "geocode": GEOCODE,
}
"""Column names (case-folded) and the role each plays; any other column is a breakdown."""
MEASURE_ROLES = (SERIES, UNITS, UNIT_MEASURE, MULTIPLIER)


def role(column: str) -> str | None:
    return ROLES.get(" ".join(column.split()).casefold())


@dataclass
class Table:
    """One data file as text: its header and its records, each with its first line."""

    path: Path
    shown: str  # the file as the import names it (relative to the source folder)
    header: list[str]
    records: list[tuple[int, list[str]]] = field(default_factory=list)

    def column(self, wanted: str) -> int | None:
        """The position of the column that plays ``wanted``, or ``None``."""
        return next((i for i, c in enumerate(self.header) if role(c) == wanted), None)

    @property
    def breakdowns(self) -> list[int]:
        """The positions of the breakdown columns, in the file's order."""
        return [i for i, c in enumerate(self.header) if role(c) is None]

    def cell(self, cells: Sequence[str], index: int | None) -> str:
        return " ".join(cells[index].split()) if index is not None else ""


def read_table(path: Path, shown: str) -> Table:
    """Every record of a data file, as text. An empty file has no header and no rows; a
    record with more or fewer cells than the header, a column without a name that holds
    values, or a header without ``Year`` and ``Value`` is a located problem."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise located(path, None, None, f"not UTF-8 text: {error.reason}") from error
    if not text.strip():
        return Table(path, shown, [])
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = [" ".join(c.split()) for c in next(reader)]
        records: list[tuple[int, list[str]]] = []
        line = reader.line_num
        for cells in reader:
            first, line = line + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue  # a blank line holds no figure
            records.append((first, cells))
    except csv.Error as error:
        raise located(path, reader.line_num, None, f"cannot read the CSV: {error}") from error
    table = Table(path, shown, header, records)
    _check(table)
    return table


NOT_READ = {
    "data-wide": "the wide format of older Open SDG repositories",
    "data": "a copy in another language (a folder of data/)",
}
"""Data files the importer does not read, by their top folder, and why."""


def unread_files(source: Path) -> list[tuple[Path, str]]:
    """The CSV files of ``data-wide/`` and of the folders of ``data/``, with why they
    are not read."""
    found = [(p, NOT_READ["data-wide"]) for p in sorted((source / "data-wide").rglob("*.csv"))]
    return found + [(p, NOT_READ["data"]) for p in sorted((source / "data").glob("*/**/*.csv"))]


def shown(source: Path, path: Path) -> str:
    """A file as the import names it: its path in the repository ``source``."""
    return path.relative_to(source).as_posix()


def record_lines(path: Path) -> list[int]:
    """The first line of each record of a CSV file after its header, blank lines aside."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
        reader = csv.reader(f)
        lines, line = [], 1
        for n, cells in enumerate(reader):
            first, line = line + 1, reader.line_num
            if n and any(c.strip() for c in cells):
                lines.append(first)
        return lines


def _check(table: Table) -> None:
    problems = []
    width = len(table.header)
    for line, cells in table.records:
        if len(cells) != width:
            message = f"{len(cells)} cells, the header has {width}"
            problems.append(Problem(str(table.path), line, None, message))
    for wanted, name in ((YEAR, "Year"), (VALUE, "Value")):
        if table.column(wanted) is None:
            problems.append(Problem(str(table.path), 1, name, "column missing from the header"))
    for i, name in enumerate(table.header):
        if not name and any(len(c) > i and c[i].strip() for _, c in table.records):
            problems.append(
                Problem(str(table.path), 1, f"column {i + 1}", "a column without a name")
            )
    if problems:
        raise NpfError(problems[0].format(), problems)


def slug(text: str, limit: int = 60) -> str:
    """Lower-case ASCII words joined by ``-``, at most ``limit`` characters (cut at a
    word): ``Local Authority`` and ``Local authority`` are ``local-authority``; ``&`` is
    ``and``; ``%`` is ``percent``."""
    s = text.casefold().replace("&", " and ").replace("%", " percent ").replace("£", " gbp ")
    words = re.sub(r"[^a-z0-9]+", " ", s).split()
    out = ""
    for word in words:
        joined = f"{out}-{word}" if out else word
        if len(joined) > limit:
            break
        out = joined
    return out or "x"


FLAGS = (
    ("provisional", "provisional"),
    ("break", "break in series"),
    ("revised", "revised"),
)
"""Words of an observation status and the flag they give (contract ``FLAGS``)."""
NORMAL = {"", "normal value", "undefined", "normal"}


def flag_and_note(status: str, comment: str) -> tuple[str, str]:
    """The flag and note of a figure: a status naming a flag gives it; any other status
    than a normal one is kept in words in the note, with the comment."""
    text = status.casefold()
    flag = next((f for word, f in FLAGS if word in text), "")
    notes = []
    if text not in NORMAL and not flag:
        notes.append(status)
    if comment:
        notes.append(comment)
    return flag, ". ".join(n.rstrip(".") for n in notes) + ("." if notes else "")
