"""Key findings: plain-language sentences written from an indicator's figures, and the
changes an indicator page shows beside its chart.

Sentences describe the figures only (higher, lower, the same); whether a change is
better or worse is the performance status's job (``statuses.assess``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from build_scripts.analyse.statuses import Point, present
from build_scripts.formatting import Units, join_words, lower_first, places


class GroupFigure(NamedTuple):
    """One figure of a breakdown: the group as people read it, its value and period.

    ``start`` (the period's first day) decides which period is the latest; without it,
    the last figure given is taken to be of the latest period. A ``suspect`` figure is
    never compared: the sentence names it as left out.
    """

    label: str
    value: float | None
    period: str
    start: date | None = None
    suspect: bool = False


@dataclass(frozen=True)
class ChangeSummary:
    """The latest, previous and first figures of a series and the changes between them,
    rounded to the precision the figures are published with. ``None`` where there is no
    such figure (one figure has no previous) or no change to give."""

    latest: Point | None
    previous: Point | None
    first: Point | None
    change_since_previous: float | None
    change_since_first: float | None


def change_summary(points: Sequence[Point]) -> ChangeSummary:
    """The figures a page shows beside its chart: latest, previous and first, and the
    changes from them to the latest. Missing values are skipped."""
    series = present(points)
    if not series:
        return ChangeSummary(None, None, None, None, None)
    latest, first = series[-1], series[0]
    if len(series) == 1:
        return ChangeSummary(latest, None, first, None, None)
    previous = series[-2]
    return ChangeSummary(
        latest,
        previous,
        first,
        _change(previous, latest),
        _change(first, latest),
    )


def key_findings(
    headline: Sequence[Point],
    *,
    unit_label: str = "",
    is_percentage: bool = False,
    breakdowns: Mapping[str, Sequence[GroupFigure | tuple[str, float | None, str]]] | None = None,
    units: Units | None = None,
) -> list[str]:
    """Sentences for an indicator page, from its headline series and its breakdowns.

    ``unit_label`` is a plural word that reads after a number (``years``); leave it empty
    for indexes, scores and counts. ``breakdowns`` maps a breakdown type's name (``Sex``,
    ``SIMD quintile``) to its figures; for each, the highest and lowest group in its
    latest period are named. Breakdown types with fewer than two groups in that period
    are left out.
    """
    units = units or Units(unit_label, is_percentage)
    sentences = _headline_sentences(present(headline), units)
    for name, figures in (breakdowns or {}).items():
        sentence = _breakdown_sentence(name, [GroupFigure(*f) for f in figures], units)
        if sentence:
            sentences.append(sentence)
    return sentences


def _headline_sentences(series: list[Point], units: Units) -> list[str]:
    if not series:
        return []
    summary = change_summary(series)
    latest, previous, first = series[-1], summary.previous, summary.first
    # The latest figure is read beside the previous one: the same decimal places.
    shown = places(*(p.value for p in series[-2:]))
    sentences = [f"The latest figure is {_point(latest, units, shown)}."]
    if previous is None or summary.change_since_previous is None:
        return sentences
    d = places(previous.value, latest.value)
    change = summary.change_since_previous
    before = f"the previous figure, {_point(previous, units, d)}"
    if change == 0:
        sentences.append(f"That is the same as {before}.")
    else:
        higher = "higher" if change > 0 else "lower"
        sentences.append(f"That is {units.amount(change, d)} {higher} than {before}.")
    if first is not None and first is not previous and summary.change_since_first is not None:
        d = places(first.value, latest.value)
        change = summary.change_since_first
        since = f"the first figure, {_point(first, units, d)}"
        if change == 0:
            sentences.append(f"It is the same as {since}.")
        else:
            moved = "risen" if change > 0 else "fallen"
            sentences.append(f"Since {since}, it has {moved} by {units.amount(change, d)}.")
    breaks = [p.period for p in series[1:] if p.break_before]
    if breaks:
        sentences.append(
            f"There is a break in the series before {join_words(breaks)}, so figures from "
            "either side of it are not directly comparable."
        )
    return sentences


def _breakdown_sentence(name: str, figures: list[GroupFigure], units: Units) -> str | None:
    """The highest and lowest group in the latest period with two figures to compare,
    naming any suspect figures of that period or later as left out."""
    dated = [(f.start or date.min, i, f) for i, f in enumerate(figures) if f.value is not None]
    counts: dict[str, int] = {}
    for _, _, f in dated:
        if not f.suspect:
            counts[f.period] = counts.get(f.period, 0) + 1
    comparable = [t for t in dated if counts.get(t[2].period, 0) >= 2]
    if not comparable:
        suspect = [f for _, _, f in dated if f.suspect]
        if not suspect:
            return None
        return f"By {lower_first(name)}, {_left_out(suspect)}, so no groups are compared."
    start, _, newest = max(comparable, key=lambda t: (t[0], t[1]))
    period = newest.period
    latest = [f for f in figures if f.period == period and f.value is not None and not f.suspect]
    suspect = [f for s, _, f in dated if f.suspect and s >= start]
    left_out = f" {_capital(_left_out(suspect))}." if suspect else ""
    values = [f.value for f in latest if f.value is not None]
    d = places(*values)
    top, bottom = max(values), min(values)
    opening = f"By {lower_first(name)} in {period}, the figure was"
    if top == bottom:
        return f"{opening} the same for every group: {units.figure(top, d)}.{left_out}"
    highest = join_words([f.label for f in latest if f.value == top])
    lowest = join_words([f.label for f in latest if f.value == bottom])
    return (
        f"{opening} highest for {highest} ({units.figure(top, d)}) "
        f"and lowest for {lowest} ({units.figure(bottom, d)}).{left_out}"
    )


def _left_out(suspect: list[GroupFigure]) -> str:
    """``the figure for Orkney Islands in 2016 is flagged as suspect and left out``"""
    by_period: dict[str, list[str]] = {}
    for f in suspect:
        by_period.setdefault(f.period, []).append(f.label)
    parts = []
    for period, labels in by_period.items():
        if len(labels) > 3:
            parts.append(f"the {len(labels)} figures of {period}")
        else:
            word = "figure" if len(labels) == 1 else "figures"
            parts.append(f"the {word} for {join_words(labels)} in {period}")
    verb = "is" if len(suspect) == 1 else "are"
    return f"{join_words(parts)} {verb} flagged as suspect and left out"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _change(earlier: Point, later: Point) -> float | None:
    if earlier.value is None or later.value is None:
        return None
    return round(later.value - earlier.value, places(earlier.value, later.value))


def _point(point: Point, units: Units, decimals: int) -> str:
    value = point.value if point.value is not None else 0.0
    return f"{units.figure(value, decimals)} ({point.period})"
