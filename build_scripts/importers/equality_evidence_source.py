"""The Equality Evidence Finder's file read as text, each row with its line.

The first step of the equality evidence import (``equality_evidence.py``). The source is
long and messy (labels with line breaks and double spaces), so pandas reads every row at
once, as text: ``read_source`` gives each row its first line in the file (the header is
line 1), so that every problem found later still names its row, and a ``clean`` copy of
each column read, its runs of whitespace collapsed.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from build_scripts.errors import NpfError

SOURCE_FILE = Path("equality-evidence-finder-2021") / "equality-evidence.csv"


# The columns, their types and the primary key candidates live in contract.py.


SOURCE_COLUMNS = (
    "tabUID",
    "policy_area",
    "Year",
    "Figure",
    "Breakdown",
    "SubBreakdown",
    "Characteristic",
    "Measure",
    "graphTitle",
    "Indicator",
    "intervalType",
    "yLabel",
    "LastUpdated",
    "DateCode",
    "Source",
    "NextUpdated",
)
"""The source's columns the import reads (any other is ignored; a missing optional one
reads as blank)."""
REQUIRED_COLUMNS = ("tabUID", "Figure", "Breakdown", "Measure")


LINE_BREAK = r"\r\n|\r|\n"


def clean(text: str) -> str:
    """Collapse runs of whitespace (the source has newlines and double spaces in labels)."""
    return " ".join(text.split())


def read_source(path: Path) -> pd.DataFrame:
    """Every row of the source as text, with its first ``line`` in the file (counted from
    the line breaks inside the quoted cells before it), ``uid`` (the stripped tabUID) and
    a ``clean`` version of each column read (``Measure.clean``). A row with more cells
    than the header keeps the first ones; a short one reads blank."""
    if not path.is_file():
        raise NpfError(f"{path}: equality evidence file not found")
    options: dict[str, Any] = {"dtype": str, "keep_default_na": False, "encoding": "utf-8"}
    try:
        try:
            frame = pd.read_csv(path, **options)
        except pd.errors.ParserError:
            # A row with more cells than the header: the slower reader keeps its first
            # cells (``on_bad_lines``), with a warning.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", pd.errors.ParserWarning)
                frame = pd.read_csv(
                    path, engine="python", on_bad_lines=lambda cells: cells, **options
                )
    except pd.errors.EmptyDataError as error:
        raise NpfError(f"{path}: the file is empty") from error
    header = [str(c).strip() for c in frame.columns]
    frame = frame.set_axis(header, axis="columns").fillna("")  # a short row's missing cells
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise NpfError(f"{path}:1: missing columns {', '.join(missing)}")
    breaks = frame.apply(lambda c: c.str.count(LINE_BREAK)).sum(axis="columns")
    frame = frame.loc[:, ~frame.columns.duplicated(keep="last")]
    out = pd.DataFrame({c: frame.get(c, "") for c in SOURCE_COLUMNS}, index=frame.index)
    out["line"] = 2 + (breaks + 1).cumsum() - (breaks + 1)
    out["uid"] = out["tabUID"].str.strip()
    cleaned = {f"{c}.clean": out[c].str.split().str.join(" ") for c in SOURCE_COLUMNS}
    return out.assign(**cleaned)
