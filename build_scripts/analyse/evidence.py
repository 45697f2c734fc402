"""What an equality evidence dataset holds, for the summary at the top of its page: its
measures, the periods it covers, its groups and, where it compares groups, the highest
and the lowest group in its latest period. Found on the dataset's rows as published;
the catalogue's ``evidence.summary`` and ``evidence.extremes`` say it in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from build_scripts.formatting import Units, usual_places
from build_scripts.messages import Message, message
from build_scripts.model import EvidenceDataset

MOST_GROUPS = 6
"""Groups named in the summary; the rest are counted."""
MAX_EVIDENCE_PLACES = 2


@dataclass(frozen=True)
class Extremes:
    """The highest and the lowest group of one measure (and series) in one period."""

    measure: str
    period: str
    highest: str
    top: float
    lowest: str
    bottom: float


@dataclass(frozen=True)
class EvidenceSummary:
    measures: list[str]
    first_period: str
    last_period: str
    periods: int
    groups: list[str]
    extremes: Extremes | None


def _distinct(rows: list[dict[str, Any]], column: str) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        text = str(row.get(column) or "").strip()
        if text:
            seen.setdefault(text, None)
    return list(seen)


def _period_key(row: dict[str, Any]) -> tuple[str, str]:
    return (str(row.get("period_start") or ""), str(row.get("period") or ""))


def extremes(dataset: EvidenceDataset) -> Extremes | None:
    """The highest and lowest group of the first measure and series in the latest period
    in which two or more groups (not sub-groups) have figures that differ; none when the
    dataset compares no groups."""
    rows = [r for r in dataset.rows if isinstance(r.get("value"), float)]
    rows = [r for r in rows if not str(r.get("sub_breakdown") or "").strip()]
    if not rows:
        return None
    first = rows[0]
    same = [
        r
        for r in rows
        if r.get("measure") == first.get("measure") and r.get("indicator") == first.get("indicator")
    ]
    by_period: dict[tuple[str, str], dict[str, float]] = {}
    for r in same:
        group = str(r.get("breakdown") or "").strip()
        if group:
            by_period.setdefault(_period_key(r), {}).setdefault(group, float(r["value"]))
    for key in sorted(by_period, reverse=True):
        groups = by_period[key]
        if len(groups) < 2:
            continue
        top = max(groups.values())
        bottom = min(groups.values())
        if top == bottom:
            return None
        highest = next(g for g, v in groups.items() if v == top)
        lowest = next(g for g, v in reversed(groups.items()) if v == bottom)
        measure = str(first.get("measure") or first.get("indicator") or "")
        return Extremes(measure, key[1], highest, top, lowest, bottom)
    return None


def evidence_units(dataset: EvidenceDataset) -> Units:
    """One number of decimal places for the whole dataset (never per cell): the places
    most of its figures are published with, at most 2 (survey shares computed to 6
    places are shown as the Finder shows them)."""
    values = [r["value"] for r in dataset.rows if isinstance(r.get("value"), float)]
    # Figures in a summary read "23%" where every row is a percentage.
    percent = bool(dataset.rows) and all(r.get("unit") == "percent" for r in dataset.rows)
    return Units(is_percentage=percent, decimals=usual_places(values, MAX_EVIDENCE_PLACES))


def summarise_evidence(dataset: EvidenceDataset) -> EvidenceSummary | None:
    """What the dataset holds; none for a dataset without figures."""
    if not dataset.rows:
        return None
    ordered = sorted(dataset.rows, key=_period_key)
    periods = _distinct(ordered, "period")
    if not periods:
        return None
    return EvidenceSummary(
        measures=_distinct(dataset.rows, "measure"),
        first_period=periods[0],
        last_period=periods[-1],
        periods=len(periods),
        groups=_distinct(dataset.rows, "breakdown"),
        extremes=extremes(dataset),
    )


def summary_messages(summary: EvidenceSummary, units: Units) -> list[Message]:
    """The summary as the catalogue's messages: what it holds, then its extremes."""
    said = [
        message(
            "evidence.summary",
            measures=summary.measures[:3],
            more_measures=max(len(summary.measures) - 3, 0),
            first=summary.first_period,
            last=summary.last_period,
            periods=summary.periods,
            groups=summary.groups[:MOST_GROUPS],
            more_groups=max(len(summary.groups) - MOST_GROUPS, 0),
        )
    ]
    e = summary.extremes
    if e is not None:
        said.append(
            message(
                "evidence.extremes",
                measure=e.measure,
                period=e.period,
                highest=e.highest,
                top=e.top,
                lowest=e.lowest,
                bottom=e.bottom,
                units=units,
                decimals=units.decimals,
            )
        )
    return said
