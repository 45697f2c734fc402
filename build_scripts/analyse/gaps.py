"""The gap between groups: for every indicator, measure and breakdown type that is not a
geography, who is doing better or worse and whether the gap between them has closed.

For each, found on the framework's figures frame (``frame.figures_frame``) at once:

- the **latest period** in which at least two groups have figures (suspect figures and
  cross-classified figures are never compared);
- the groups with the **highest** and **lowest** figure then (on a tie, the first in the
  framework's group order is the highest and the last the lowest), and the gap between
  them (highest minus lowest, in the measure's units);
- the **earliest comparable period**: the earliest period in which those same two groups
  both have figures; when it is the latest period itself there is no comparison;
- whether the gap has **narrowed**, **widened** or stayed **about the same** since then,
  or was the **other way round** then (the group lowest now was higher by at least the
  tolerance below: a gap that changed sides is not "wider" or "narrower").

The rule for "about the same": both gaps are rounded to the places the figures are shown
with (the measure's ``decimals``, else the most places of the four figures compared), and
the change between them counts when it is at least the ``tolerance``:

- for the headline measure of an indicator whose criteria for change compare figures
  against an absolute threshold in the measure's own units (``last-two``,
  ``consecutive``, ``versus-average`` without ``relative``), that threshold: a change
  in a gap too small to change a status is too small to call a narrowing;
- otherwise one unit of the last place shown (``0.1`` for figures shown to one place):
  a gap that reads the same is the same.

``docs/gaps.md`` says the same for maintainers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pandas as pd

from build_scripts.formatting import Units, places
from build_scripts.messages import Message, message
from build_scripts.model import HEADLINE_TYPE, Framework, Indicator

ABSOLUTE_METHODS = ("last-two", "consecutive", "versus-average")
"""Criteria methods whose ``threshold`` (unless ``relative``) is in the measure's units."""

KEYS = ["indicator", "measure", "breakdown_type"]


class Trend(StrEnum):
    NARROWED = "narrowed"
    WIDENED = "widened"
    SAME = "same"
    REVERSED = "reversed"  # the lower of the two groups was the higher one then
    NO_COMPARISON = "no comparison"


@dataclass(frozen=True)
class Gap:
    """The latest gap between the highest and lowest groups of one breakdown type of a
    measure, and how it compares with the earliest period in which the same two groups
    both have figures. ``earlier_*`` are ``None`` when there is no such period
    (``trend`` is then ``NO_COMPARISON``). ``gap`` and ``earlier_gap`` are rounded to
    ``decimals``; ``tolerance`` is the smallest change in the gap that counts."""

    indicator: str
    measure: str
    breakdown_type: str
    period: str
    highest: str
    lowest: str
    top: float
    bottom: float
    gap: float
    decimals: int
    trend: Trend
    tolerance: float
    earlier_period: str | None = None
    earlier_top: float | None = None
    earlier_bottom: float | None = None
    earlier_gap: float | None = None

    @property
    def change(self) -> float | None:
        """The change in the gap since the earlier period (positive: wider)."""
        if self.earlier_gap is None:
            return None
        return round(self.gap - self.earlier_gap, self.decimals)


def tolerance(indicator: Indicator, measure: str, decimals: int) -> float:
    """The smallest change in a gap that counts (see the module's docstring)."""
    headline = indicator.headline_measure
    criteria: Mapping[str, Any] = indicator.criteria
    threshold = criteria.get("threshold")
    if (
        headline is not None
        and headline.name == measure
        and criteria.get("method") in ABSOLUTE_METHODS
        and not criteria.get("relative", False)
        and isinstance(threshold, int | float)
        and threshold > 0
    ):
        return float(threshold)
    return 10.0**-decimals


def trend(change: float | None, tolerance: float, earlier_gap: float | None = None) -> Trend:
    if change is None:
        return Trend.NO_COMPARISON
    if earlier_gap is not None and -earlier_gap >= tolerance:
        return Trend.REVERSED
    if abs(change) < tolerance:
        return Trend.SAME
    return Trend.WIDENED if change > 0 else Trend.NARROWED


def find_gaps(frame: pd.DataFrame, framework: Framework) -> dict[str, list[Gap]]:
    """Every gap of the framework, by indicator slug, in the order of the indicator's
    measures and then by breakdown type. ``frame`` is ``frame.figures_frame``'s."""
    rows = frame[
        ~frame["crossed"]
        & ~frame["is_suspect"]
        & frame["value"].notna()
        & (frame["breakdown_type"] != HEADLINE_TYPE)
        & ~frame["breakdown_type"].isin(list(framework.places))
    ]
    if rows.empty:
        return {}
    order = framework.group_order
    rows = rows.assign(
        order=[
            order.get((kind, group), len(order))
            for kind, group in zip(rows["breakdown_type"], rows["breakdown_group"], strict=True)
        ]
    )
    counts = rows.groupby([*KEYS, "period"])["breakdown_group"].transform("nunique")
    comparable = rows[counts >= 2]
    latest_period = (
        comparable.sort_values(["start", "end"], kind="stable")
        .groupby(KEYS, sort=False)
        .tail(1)[[*KEYS, "period"]]
    )
    latest = comparable.merge(latest_period, on=[*KEYS, "period"])
    ends = ["order", "breakdown_group", "row"]
    highest = (
        latest.sort_values(["value", *ends], ascending=[False, True, True, True], kind="stable")
        .groupby(KEYS, sort=False)
        .head(1)
    )
    lowest = (
        latest.sort_values(["value", *ends], ascending=[True, False, False, False], kind="stable")
        .groupby(KEYS, sort=False)
        .head(1)
    )
    pairs = highest[[*KEYS, "period", "breakdown_group", "value"]].merge(
        lowest[[*KEYS, "breakdown_group", "value"]], on=KEYS, suffixes=("_high", "_low")
    )
    earlier = _earliest(rows, pairs)
    return _assemble(pairs.merge(earlier, on=KEYS, how="left"), framework)


def _earliest(rows: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """For each pair of groups, the earliest period in which both have figures (of one
    period each: where a group has two figures in a period, the later row stands)."""
    figures = rows.sort_values("row", kind="stable").drop_duplicates(
        [*KEYS, "period", "breakdown_group"], keep="last"
    )[[*KEYS, "period", "start", "end", "breakdown_group", "value"]]
    high = pairs[[*KEYS, "breakdown_group_high"]].merge(
        figures, left_on=[*KEYS, "breakdown_group_high"], right_on=[*KEYS, "breakdown_group"]
    )
    low = pairs[[*KEYS, "breakdown_group_low"]].merge(
        figures, left_on=[*KEYS, "breakdown_group_low"], right_on=[*KEYS, "breakdown_group"]
    )
    both = high[[*KEYS, "period", "start", "end", "value"]].merge(
        low[[*KEYS, "period", "value"]], on=[*KEYS, "period"], suffixes=("_high", "_low")
    )
    first = both.sort_values(["start", "end"], kind="stable").groupby(KEYS, sort=False).head(1)
    return first[[*KEYS, "period", "value_high", "value_low"]].rename(
        columns={
            "period": "earlier_period",
            "value_high": "earlier_high",
            "value_low": "earlier_low",
        }
    )


def _assemble(found: pd.DataFrame, framework: Framework) -> dict[str, list[Gap]]:
    label = framework.group_label
    gaps: dict[str, list[Gap]] = {}
    columns = [
        *KEYS,
        "period",
        "breakdown_group_high",
        "value_high",
        "breakdown_group_low",
        "value_low",
        "earlier_period",
        "earlier_high",
        "earlier_low",
    ]
    for slug, measure, kind, period, high, top, low, bottom, then, was_top, was_bottom in found[
        columns
    ].itertuples(index=False, name=None):
        indicator = framework.indicators[slug]
        decimals = _decimals(indicator, measure, top, bottom, was_top, was_bottom)
        allowed = tolerance(indicator, measure, decimals)
        gap = round(top - bottom, decimals)
        earlier: dict[str, Any] = {}
        if isinstance(then, str) and then != period:
            earlier = {
                "earlier_period": then,
                "earlier_top": float(was_top),
                "earlier_bottom": float(was_bottom),
                "earlier_gap": round(was_top - was_bottom, decimals),
            }
        change = round(gap - earlier["earlier_gap"], decimals) if earlier else None
        gaps.setdefault(slug, []).append(
            Gap(
                slug,
                measure,
                kind,
                period,
                label(kind, high),
                label(kind, low),
                float(top),
                float(bottom),
                gap,
                decimals,
                trend(change, allowed, earlier.get("earlier_gap")),
                allowed,
                **earlier,
            )
        )
    for slug, found_gaps in gaps.items():
        order = {m.name: i for i, m in enumerate(framework.indicators[slug].measures)}
        found_gaps.sort(key=lambda g: (order.get(g.measure, len(order)), g.breakdown_type))
    return gaps


def _decimals(indicator: Indicator, measure: str, *values: float | None) -> int:
    """The places the figures of ``measure`` are shown with."""
    known = next((m for m in indicator.measures if m.name == measure), None)
    if known is not None and known.decimals is not None:
        return known.decimals
    return places(*(None if v is None or pd.isna(v) else float(v) for v in values))


def gap_statement(gap: Gap, units: Units) -> Message:
    """``In 2022, the gap between men (74.1%) and women (68.0%) was 6.1 percentage
    points, narrower than in 2016 (8.0 percentage points).``"""
    return message(
        "gap.statement",
        period=gap.period,
        highest=gap.highest,
        lowest=gap.lowest,
        top=gap.top,
        bottom=gap.bottom,
        gap=gap.gap,
        trend=str(gap.trend),
        earlier_period=gap.earlier_period or "",
        earlier_gap=gap.earlier_gap if gap.earlier_gap is not None else 0.0,
        earlier_top=gap.earlier_top if gap.earlier_top is not None else 0.0,
        earlier_bottom=gap.earlier_bottom if gap.earlier_bottom is not None else 0.0,
        units=units,
        decimals=gap.decimals,
    )
