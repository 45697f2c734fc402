"""The Equality Evidence Finder's rows split by dataset (``tabUID``).

``read_datasets`` reads the source (``equality_evidence_source.py``), derives what every
row says (``equality_evidence_rows.py``), locates the problems and the rows left out
(``equality_evidence_report.py``) and splits the whole by dataset, in order of first
appearance: each ``Dataset`` holds what its package is made of
(``equality_evidence_packages.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from build_scripts.contract import EVIDENCE_COLUMNS
from build_scripts.importers.equality_evidence_report import (
    clash_problems,
    row_problems,
    rows_left_out,
)
from build_scripts.importers.equality_evidence_rows import TIDY, dedupe_and_sort, read_rows
from build_scripts.importers.equality_evidence_source import read_source
from build_scripts.importers.report import Skip
from build_scripts.problems import Problem

DATASET_COLUMNS = (
    "Characteristic",
    "policy_area",
    "LastUpdated",
    "NextUpdated",
    "Source",
    "graphTitle",
    "Indicator",
)
"""The columns whose values a dataset is described by (``Dataset.values``)."""


@dataclass
class Dataset:
    """One dataset of the source, as ``read_datasets`` finds it: the first line of its
    rows (the header is line 1); the values each of ``DATASET_COLUMNS`` takes on its rows,
    cleaned (``clean``), in the order the rows give them; its rows without a figure; the
    problems of its rows, and its clashes (two figures for one key); its measures; and
    its tidy rows, sorted, without the exact repeats (counted) of a key's first row."""

    tab_uid: str
    line: int
    values: dict[str, list[str]]
    without_figure: int
    problems: list[Problem]
    clashes: list[Problem]
    measures: list[dict[str, str]]
    rows: list[dict[str, Any]]
    repeats: int
    from_year: int
    skips: list[Skip] = field(default_factory=list)


def read_datasets(path: Path, shown: str) -> tuple[list[Dataset], int]:
    """The source's datasets in order of first appearance, and the number of rows read;
    every row is read and reshaped at once (pandas), then split by dataset."""
    frame = read_rows(read_source(path))
    uid = frame["uid"]
    values = {}
    for column in DATASET_COLUMNS:
        pairs = frame[["uid", f"{column}.clean"]].drop_duplicates()
        values[column] = _by_uid(zip(pairs["uid"], pairs[f"{column}.clean"], strict=True))
    lines = frame.groupby("uid", sort=False)["line"].first()
    without_figure = frame["number"].isna().groupby(uid, sort=False).sum()
    needed = ["uid", "line", "from", "graphTitle.clean", "yLabel.clean", *TIDY]
    tidy = dedupe_and_sort(frame.loc[frame["ok"] & frame["number"].notna(), needed])
    repeats = tidy["repeat"].groupby(tidy["uid"], sort=False).sum()
    from_year = tidy["from"].eq("Year").groupby(tidy["uid"], sort=False).sum()
    problems = _by_uid(row_problems(frame, shown))
    clashes = _by_uid(clash_problems(tidy, lines, shown))
    measures = _by_uid(measures_of(tidy))
    kept = tidy[~tidy["repeat"]]
    skips = _by_uid(rows_left_out(frame, tidy, shown))
    cells = zip(*(kept[c].tolist() for c in TIDY), strict=True)
    rows = _by_uid(
        zip(kept["uid"], (dict(zip(EVIDENCE_COLUMNS, r, strict=True)) for r in cells), strict=True)
    )
    datasets = [
        Dataset(
            str(key),
            int(lines[key]),
            {c: [str(v) for v in values[c][key]] for c in DATASET_COLUMNS},
            int(without_figure[key]),
            problems.get(key, []),
            clashes.get(key, []),
            measures.get(key, []),
            rows.get(key, []),
            int(repeats.get(key, 0)),
            int(from_year.get(key, 0)),
            skips.get(key, []),
        )
        for key in lines.index
    ]
    return datasets, len(frame)


T = TypeVar("T")


def _by_uid(pairs: Iterable[tuple[str, T]]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = {}
    for key, item in pairs:
        grouped.setdefault(key, []).append(item)
    return grouped


def measures_of(tidy: pd.DataFrame) -> list[tuple[str, dict[str, str]]]:
    """Each (measure, indicator) pair of a dataset, in the order of the source's rows,
    with the chart title, y-axis label and unit of its first row."""
    first = tidy.sort_values("line", kind="stable").drop_duplicates(
        ["uid", "tidy.measure", "tidy.indicator"]
    )
    return [
        (uid, {"name": m, "indicator": i, "title": t, "y_label": y, "unit": u})
        for uid, m, i, t, y, u in zip(
            first["uid"],
            first["tidy.measure"],
            first["tidy.indicator"],
            first["graphTitle.clean"],
            first["yLabel.clean"],
            first["tidy.unit"],
            strict=True,
        )
    ]
