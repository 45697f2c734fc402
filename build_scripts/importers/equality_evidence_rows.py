"""What each row of the Equality Evidence Finder says, for every row at once (pandas).

The step after reading the source (``equality_evidence_source.py``): ``read_rows``
derives each row's figure, its period (from DateCode or Year or, in some datasets,
Breakdown, which are then transposed), its unit (``units``) and the tidy columns
(``TIDY``), each with why it cannot be read; ``dedupe_and_sort`` marks the exact repeats
of a key and the clashes (two figures for one key), and orders each dataset as the
source first shows its groups.
"""

from __future__ import annotations

import functools
import math
import re

import numpy as np
import pandas as pd

from build_scripts.contract import EVIDENCE_COLUMNS, EVIDENCE_KEY_CANDIDATES
from build_scripts.importers.equality_evidence_source import clean
from build_scripts.importers.write import format_number
from build_scripts.periods import PeriodError, parse_period

TIDY = tuple(f"tidy.{c}" for c in EVIDENCE_COLUMNS)
"""The derived columns of the tidy rows (``tidy.measure``...), apart from the source's."""


def parse_figure(text: str) -> float | None:
    """The figure as a float, ``None`` when blank; ``ValueError`` when not a number."""
    s = text.strip()
    if not s:
        return None
    value = float(s)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {s!r}")
    return value


# Split years ("2015/16") that the source marks only as "Year" but that are academic
# years: entrants to and qualifiers from higher and further education (HESA, SFC).
ACADEMIC_YEAR_DATASETS = {
    "empSLL-2",
    "age-73",
    "empSLL-3",
    "ethnicity-73",
    "empSLL-5",
    "socioEconomic-73",
    "empSLL-6",
    "empSLL-7",
    "empSLL-8",
    "empSLL-9",
    "empSLL-10",
    "empSLL-11",
    "empSLL-12",
    "empSLL-13",
    "empSLL-14",
}


@functools.cache
def is_period(text: str) -> bool:
    try:
        parse_period(clean(text))
    except PeriodError:
        return False
    return True


@functools.cache
def _period(label: str, interval: str | None) -> tuple[str, str] | str:
    """(start, end) of a period label, or the parser's words when it cannot read it."""
    try:
        period = parse_period(label, interval)
    except PeriodError as error:
        return str(error)
    return period.start.isoformat(), period.end.isoformat()


def _figure(text: str) -> tuple[float, str]:
    """A ``Figure`` as a number (NaN when blank) and why it is not one (or blank)."""
    try:
        value = parse_figure(text)
    except ValueError as error:
        return math.nan, f"not a number: {error}"
    return (math.nan if value is None else value), ""


def read_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The source with what each row says, for every dataset at once: ``number`` and
    ``figure_error``; ``transposed`` (every Breakdown of the dataset is a period
    (``2015/16``): the source's columns are then shifted, Breakdown holding the period,
    Measure the group and Indicator the measure); the period, read from DateCode, else
    Year (``from``), with ``period_error``; ``ok`` (neither error); and the tidy columns
    (``TIDY``)."""
    uid = frame["uid"]
    transposed = frame["Breakdown"].map(is_period).groupby(uid).transform("all").astype(bool)
    has_code = frame["DateCode.clean"].ne("")
    label = frame["DateCode.clean"].where(has_code, frame["Year.clean"])
    label = label.where(~transposed, frame["Breakdown.clean"])
    source = np.where(transposed, "Breakdown", np.where(has_code, "DateCode", "Year"))
    academic = uid.isin(ACADEMIC_YEAR_DATASETS)
    intervals = [
        "Academic" if a else (i or None)
        for a, i in zip(academic, frame["intervalType.clean"], strict=True)
    ]
    read = [
        _period(text, interval) if text else "both DateCode and Year are blank"
        for text, interval in zip(label, intervals, strict=True)
    ]
    numbers = [_figure(text) for text in frame["Figure"]]
    measure, indicator = frame["Measure.clean"], frame["Indicator.clean"]
    out = frame.assign(
        transposed=transposed,
        number=[n for n, _ in numbers],
        figure_error=[e for _, e in numbers],
        period_error=[r if isinstance(r, str) else "" for r in read],
        **{"from": source},
    )
    out["ok"] = out["figure_error"].eq("") & out["period_error"].eq("")
    tidy = {
        "measure": measure.where(~transposed, indicator.where(indicator.ne(""), measure)),
        "indicator": indicator.where(~transposed, ""),
        "period": label,
        "period_start": [r[0] if isinstance(r, tuple) else "" for r in read],
        "period_end": [r[1] if isinstance(r, tuple) else "" for r in read],
        "breakdown": frame["Breakdown.clean"].where(~transposed, measure),
        "sub_breakdown": frame["SubBreakdown.clean"],
        "value": [format_number(n) if e == "" and not math.isnan(n) else "" for n, e in numbers],
        "unit": units(frame),
    }
    return out.assign(**{f"tidy.{k}": v for k, v in tidy.items()})


def dedupe_and_sort(rows: pd.DataFrame) -> pd.DataFrame:
    """The tidy rows of every dataset, each marked ``repeat`` when it is the first row of
    its key (``EVIDENCE_KEY_CANDIDATES``) again, exactly, or ``clash`` when it gives
    another figure for that key (``first_value`` says the first one's); sorted within a
    dataset by measure, indicator and groups in the order the source first shows them
    (which is the published display order: age bands, SIMD quintiles 1 to 5), then by
    period."""
    key = ["uid", *(f"tidy.{c}" for c in EVIDENCE_KEY_CANDIDATES)]
    rest = [c for c in TIDY if c not in key]
    first_of_key = ~rows.duplicated(key)
    firsts = rows.groupby(key, sort=False)[rest].transform("first")
    same = firsts.eq(rows[rest]).all(axis="columns")
    ranks = {
        f"rank.{c}": rows.groupby(["uid", f"tidy.{c}"], sort=False).ngroup()
        for c in ("measure", "indicator", "breakdown", "sub_breakdown")
    }
    order = [
        "rank.uid",
        *ranks,
        "tidy.period_start",
        "tidy.period_end",
        "tidy.period",
    ]
    return rows.assign(
        repeat=~first_of_key & same,
        clash=~first_of_key & ~same,
        first_value=firsts["tidy.value"],
        **ranks,
        **{"rank.uid": rows.groupby("uid", sort=False).ngroup()},
    ).sort_values(order, kind="stable")


UNIT_RULES: list[tuple[str, str]] = [
    (r"£", "gbp"),
    (r"\bratio\b", "ratio"),
    (r"%|\bper ?cent|\bpercentage|\bproportion|\brate\b", "percent"),
    (r"^number\b|\bnumber of\b|\bheadcount\b|\(fte\)", "count"),
]


def units(rows: pd.DataFrame) -> pd.Series:
    """Each row's unit slug, read from the first of yLabel, Measure, Indicator, graphTitle
    whose words name one (``UNIT_RULES``); empty when none does. We never guess beyond
    that. Each distinct text is read once."""
    found = pd.Series("", index=rows.index, dtype=str)
    for column in reversed(("yLabel", "Measure", "Indicator", "graphTitle")):
        texts = rows[f"{column}.clean"]
        unit = texts.map({t: _unit_in(t) for t in texts.unique()})
        found = unit.where(unit.ne(""), found)
    return found


def _unit_in(text: str) -> str:
    lower = text.lower()
    return next((unit for pattern, unit in UNIT_RULES if re.search(pattern, lower)), "")
