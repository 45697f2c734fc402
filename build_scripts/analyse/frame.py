"""The figures of a framework as one DataFrame, and what pandas computes on it for the
whole framework at once: each indicator's headline series, its latest, previous and
first figures and the changes between them, and the latest figures of each breakdown
of its headline measure with the highest and lowest groups among them.

The frame is made once per build from the model (``figures_frame``), one row per figure
of every measure, in the order the indicator holds them (``row``); ``headline`` marks the
figures of an indicator's headline measure, the only ones statuses and findings read
(the gaps between groups, ``gaps``, read every measure). The criteria methods
(``statuses``) stay small rules over ``Point`` lists: ``headline_points`` hands them the
same points ``to_points`` makes from an indicator's figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from build_scripts.analyse.findings import ChangeSummary, GroupFigure, GroupLatest, change_between
from build_scripts.analyse.statuses import Point
from build_scripts.formatting import places
from build_scripts.model import HEADLINE_TYPE, Figure, Framework

BREAK = "break in series"
COLUMNS = (
    "indicator",
    "measure",
    "headline",
    "row",
    "breakdown_type",
    "breakdown_group",
    "crossed",
    "period",
    "period_start",
    "period_end",
    "start",
    "end",
    "value",
    "lower",
    "upper",
    "flag",
    "source",
    "is_suspect",
)
GROUP_COLUMNS = [
    "indicator",
    "breakdown_type",
    "breakdown_group",
    "row",
    "period",
    "period_start",
    "start",
    "end",
    "value",
    "is_suspect",
]
POINT_COLUMNS = ["period", "period_start", "period_end", "value", "lower", "upper", "brk", "source"]


def figures_frame(framework: Framework) -> pd.DataFrame:
    """One row per figure of each indicator, every indicator in one frame; ``headline``
    marks the figures of its headline measure, ``crossed`` a figure with more than one
    breakdown."""
    slugs: list[str] = []
    rows: list[int] = []
    figures: list[Figure] = []
    headline: list[bool] = []
    for slug, indicator in framework.indicators.items():
        measure = indicator.headline_measure
        if measure is None:
            continue
        for row, f in enumerate(indicator.figures):
            slugs.append(slug)
            rows.append(row)
            figures.append(f)
            headline.append(f.measure == measure.name)
    return pd.DataFrame(
        {
            "indicator": slugs,
            "measure": [f.measure for f in figures],
            "headline": np.array(headline, dtype=bool),
            "row": rows,
            "breakdown_type": [f.breakdown_type for f in figures],
            "breakdown_group": [f.breakdown_group for f in figures],
            "crossed": np.array([bool(f.cross) for f in figures], dtype=bool),
            "period": [f.period for f in figures],
            "period_start": [f.period_start for f in figures],
            "period_end": [f.period_end for f in figures],
            # The days as numbers: pandas sorts and compares them far faster than dates.
            "start": np.array([f.period_start.toordinal() for f in figures], dtype="int64"),
            "end": np.array([f.period_end.toordinal() for f in figures], dtype="int64"),
            "value": np.array([f.value for f in figures], dtype="float64"),
            "lower": np.array([f.lower for f in figures], dtype="float64"),
            "upper": np.array([f.upper for f in figures], dtype="float64"),
            "flag": [f.flag for f in figures],
            "source": [f.source for f in figures],
            "is_suspect": np.array([f.is_suspect for f in figures], dtype=bool),
        },
        columns=list(COLUMNS),
    )


@dataclass(frozen=True)
class Series:
    """What the frame gives analysis for the whole framework, by indicator: the headline
    points (as ``to_points`` makes them), the changes a page shows beside its chart, and
    the latest figures of each breakdown type of the headline measure."""

    points: dict[str, list[Point]]
    changes: dict[str, ChangeSummary]
    groups: dict[str, dict[str, GroupLatest]]


def analyse_frame(frame: pd.DataFrame, framework: Framework) -> Series:
    """Headline points, changes and breakdown groups of every indicator in ``frame``
    (``figures_frame``); the framework names the groups as people read them."""
    single = frame[frame["headline"] & ~frame["crossed"]]
    headline = single[(single["breakdown_type"] == HEADLINE_TYPE) & ~single["is_suspect"]]
    headline = headline.sort_values(
        ["indicator", "start", "end", "breakdown_group", "row"], kind="stable"
    ).assign(brk=lambda rows: rows["flag"] == BREAK)
    points: dict[str, list[Point]] = {}
    for slug, point in zip(headline["indicator"], _points(headline), strict=True):
        points.setdefault(slug, []).append(point)
    breakdowns = single.loc[single["breakdown_type"] != HEADLINE_TYPE, GROUP_COLUMNS]
    return Series(points, _changes(headline), _groups(breakdowns, framework))


def _points(rows: pd.DataFrame) -> list[Point]:
    """The rows as status points (``brk``: a break in the series before the row)."""
    found = rows[POINT_COLUMNS].itertuples(index=False, name=None)
    return [
        Point(p, start, end, float(v), _optional(lo), _optional(up), bool(brk), source)
        for p, start, end, v, lo, up, brk, source in found
    ]


def _optional(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def _changes(headline: pd.DataFrame) -> dict[str, ChangeSummary]:
    """Latest, previous and first figures with a value, and the changes to the latest,
    for every indicator at once. A break marked on a figure without a value moves to
    the next figure with one (as ``statuses.present`` does)."""
    valued = headline["value"].notna()
    counted = valued.astype("int64")
    # A row without a value belongs to the segment of the next row with one.
    segment = counted.groupby(headline["indicator"]).cumsum() - counted
    carried = headline["brk"].groupby([headline["indicator"], segment]).transform("any")
    series = headline.assign(brk=carried)[valued]
    by = series.groupby("indicator", sort=False)
    latest = _by_indicator(by.nth(-1))
    previous = _by_indicator(by.nth(-2))
    first = _by_indicator(by.nth(0))
    return {
        slug: change_between(point, previous.get(slug), first[slug])
        for slug, point in latest.items()
    }


def _by_indicator(rows: pd.DataFrame) -> dict[str, Point]:
    return dict(zip(rows["indicator"].astype(str), _points(rows), strict=True))


def _groups(breakdowns: pd.DataFrame, framework: Framework) -> dict[str, dict[str, GroupLatest]]:
    """``findings.group_latest`` for every breakdown type of every indicator at once: the
    latest period with two figures (not suspect) to compare, its highest and lowest
    groups, and the suspect figures of that period or later."""
    keys = ["indicator", "breakdown_type"]
    # The order ``Indicator.series`` gives a breakdown's figures: ties go to the later.
    rows = breakdowns.sort_values([*keys, "breakdown_group", "start", "end", "row"], kind="stable")
    kept = ~rows["is_suspect"]
    counts = kept.groupby([rows[k] for k in (*keys, "period")]).transform("sum")
    comparable = rows[counts >= 2]
    newest = (
        comparable.sort_values("start", kind="stable")  # ties: the later in that order
        .groupby(keys, sort=False)
        .tail(1)[[*keys, "period", "start"]]
        .rename(columns={"period": "newest", "start": "since"})
    )
    rows = rows.merge(newest, on=keys, how="left")
    kept = ~rows["is_suspect"]  # the merge made a new index
    has_newest = rows["newest"].notna()
    latest = rows[kept & (rows["period"] == rows["newest"])]
    by = latest.groupby(keys, sort=False)["value"]
    latest = latest.assign(top=by.transform("max"), bottom=by.transform("min"))
    # Without a period to compare, every suspect figure is named as left out.
    since = rows["since"].where(has_newest, rows["start"])
    left = rows[rows["is_suspect"] & (rows["start"] >= since)]

    pairs = zip(newest["indicator"], newest["breakdown_type"], strict=True)
    periods = dict(zip(pairs, newest["newest"], strict=True))
    return _assemble(periods, latest, left, framework)


Key = tuple[str, str]  # an indicator's slug and a breakdown type


def _assemble(
    periods: dict[Key, str], latest: pd.DataFrame, left: pd.DataFrame, framework: Framework
) -> dict[str, dict[str, GroupLatest]]:
    """The groups found, as ``GroupLatest`` by indicator and breakdown type, the groups
    named as people read them."""
    label = framework.group_label
    keys = ["indicator", "breakdown_type"]
    shown: dict[Key, list[tuple[str, float, float, float]]] = {}
    for slug, kind, group, value, top, bottom in latest[
        [*keys, "breakdown_group", "value", "top", "bottom"]
    ].itertuples(index=False, name=None):
        shown.setdefault((slug, kind), []).append((label(kind, group), value, top, bottom))
    left_out: dict[Key, list[GroupFigure]] = {}
    for slug, kind, group, value, period, start in left[
        [*keys, "breakdown_group", "value", "period", "period_start"]
    ].itertuples(index=False, name=None):
        figure = GroupFigure(label(kind, group), value, period, start, True)
        left_out.setdefault((slug, kind), []).append(figure)
    found: dict[str, dict[str, GroupLatest]] = {}
    for key in dict.fromkeys([*shown, *left_out]):
        suspect = tuple(left_out.get(key, ()))
        period = periods.get(key)
        if period is None:
            found.setdefault(key[0], {})[key[1]] = GroupLatest(None, left_out=suspect)
            continue
        figures = shown[key]
        top, bottom = figures[0][2], figures[0][3]
        found.setdefault(key[0], {})[key[1]] = GroupLatest(
            period,
            tuple(name for name, value, _, _ in figures if value == top),
            tuple(name for name, value, _, _ in figures if value == bottom),
            top,
            bottom,
            places(*(value for _, value, _, _ in figures)),
            suspect,
        )
    return found
