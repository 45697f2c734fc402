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
from build_scripts.formatting import Units, places
from build_scripts.messages import Message, message, phrase


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
    return change_between(series[-1], series[-2] if len(series) > 1 else None, series[0])


def change_between(latest: Point, previous: Point | None, first: Point) -> ChangeSummary:
    """The changes from ``previous`` and ``first`` to ``latest``, rounded to the places
    of the figures compared; none without a previous figure."""
    if previous is None:
        return ChangeSummary(latest, None, first, None, None)
    return ChangeSummary(latest, previous, first, _change(previous, latest), _change(first, latest))


def key_findings(
    headline: Sequence[Point],
    *,
    unit_label: str = "",
    is_percentage: bool = False,
    breakdowns: Mapping[str, Sequence[GroupFigure | tuple[str, float | None, str]]] | None = None,
    units: Units | None = None,
) -> list[str]:
    """The key findings (``findings``) in the words of the catalogue in use."""
    found = findings(
        headline,
        unit_label=unit_label,
        is_percentage=is_percentage,
        breakdowns=breakdowns,
        units=units,
    )
    return [phrase(m) for m in found]


def findings(
    headline: Sequence[Point],
    *,
    unit_label: str = "",
    is_percentage: bool = False,
    breakdowns: Mapping[str, Sequence[GroupFigure | tuple[str, float | None, str]]] | None = None,
    units: Units | None = None,
    groups: Mapping[str, GroupLatest | None] | None = None,
) -> list[Message]:
    """Sentences for an indicator page, as messages, from its headline series and its
    breakdowns.

    ``unit_label`` is a plural word that reads after a number (``years``); leave it empty
    for indexes, scores and counts. ``breakdowns`` maps a breakdown type's name (``Sex``,
    ``SIMD quintile``) to its figures; for each, the highest and lowest group in its
    latest period are named. Breakdown types with fewer than two groups in that period
    are left out. ``groups`` gives the same as ``breakdowns`` already found (by
    ``group_latest`` or ``analyse.frame``), by breakdown type's name.
    """
    units = units or Units(unit_label, is_percentage)
    sentences = _headline_sentences(present(headline), units)
    for name, figures in (breakdowns or {}).items():
        latest = group_latest([GroupFigure(*f) for f in figures])
        sentence = _breakdown_sentence(name, latest, units)
        if sentence:
            sentences.append(sentence)
    for name, found in (groups or {}).items():
        sentence = _breakdown_sentence(name, found, units)
        if sentence:
            sentences.append(sentence)
    return sentences


def _headline_sentences(series: list[Point], units: Units) -> list[Message]:
    if not series:
        return []
    summary = change_summary(series)
    latest, previous, first = series[-1], summary.previous, summary.first
    # The latest figure is read beside the previous one: the same decimal places.
    shown = places(*(p.value for p in series[-2:]))
    sentences = [message("finding.latest", latest=_point(latest, units, shown))]
    if previous is None or summary.change_since_previous is None:
        return sentences
    d = places(previous.value, latest.value)
    change = summary.change_since_previous
    before = _point(previous, units, d)
    if change == 0:
        sentences.append(message("finding.same_as_previous", previous=before))
    else:
        sentences.append(
            message("finding.previous", previous=before, change=change, units=units, decimals=d)
        )
    if first is not None and first is not previous and summary.change_since_first is not None:
        d = places(first.value, latest.value)
        change = summary.change_since_first
        since = _point(first, units, d)
        if change == 0:
            sentences.append(message("finding.same_as_first", first=since))
        else:
            sentences.append(
                message("finding.first", first=since, change=change, units=units, decimals=d)
            )
    breaks = [p.period for p in series[1:] if p.break_before]
    if breaks:
        sentences.append(message("finding.break", periods=breaks))
    return sentences


@dataclass(frozen=True)
class GroupLatest:
    """The latest figures of one breakdown type's groups, as a finding reads them: the
    latest ``period`` with two figures to compare (``None`` when there is none), the
    groups with the highest and lowest figure in it, and the suspect figures of that
    period or later, left out (every suspect figure when there is no such period)."""

    period: str | None
    highest: tuple[str, ...] = ()
    lowest: tuple[str, ...] = ()
    top: float = 0.0
    bottom: float = 0.0
    decimals: int = 0
    left_out: tuple[GroupFigure, ...] = ()


def group_latest(figures: Sequence[GroupFigure]) -> GroupLatest | None:
    """The latest figures of a breakdown's groups; ``None`` when there is nothing to say.
    (``analyse.frame`` finds the same for every breakdown of a framework at once.)"""
    dated = [(f.start or date.min, i, f) for i, f in enumerate(figures) if f.value is not None]
    counts: dict[str, int] = {}
    for _, _, f in dated:
        if not f.suspect:
            counts[f.period] = counts.get(f.period, 0) + 1
    comparable = [t for t in dated if counts.get(t[2].period, 0) >= 2]
    if not comparable:
        suspect = tuple(f for _, _, f in dated if f.suspect)
        return GroupLatest(None, left_out=suspect) if suspect else None
    start, _, newest = max(comparable, key=lambda t: (t[0], t[1]))
    period = newest.period
    latest = [f for f in figures if f.period == period and f.value is not None and not f.suspect]
    values = [f.value for f in latest if f.value is not None]
    top, bottom = max(values), min(values)
    return GroupLatest(
        period,
        tuple(f.label for f in latest if f.value == top),
        tuple(f.label for f in latest if f.value == bottom),
        top,
        bottom,
        places(*values),
        tuple(f for s, _, f in dated if f.suspect and s >= start),
    )


def _breakdown_sentence(name: str, latest: GroupLatest | None, units: Units) -> Message | None:
    """The highest and lowest group in the latest period with two figures to compare,
    naming any suspect figures of that period or later as left out."""
    if latest is None:
        return None
    if latest.period is None:
        return message("finding.groups_left_out", name=name, left_out=_left_out(latest.left_out))
    left_out = _left_out(latest.left_out) if latest.left_out else None
    said = {
        "name": name,
        "period": latest.period,
        "units": units,
        "decimals": latest.decimals,
        "left_out": left_out,
    }
    if latest.top == latest.bottom:
        return message("finding.groups_same", value=latest.top, **said)
    return message(
        "finding.groups",
        highest=list(latest.highest),
        lowest=list(latest.lowest),
        top=latest.top,
        bottom=latest.bottom,
        **said,
    )


def _left_out(suspect: Sequence[GroupFigure]) -> Message:
    """``the figure for Orkney Islands in 2016 is flagged as suspect and left out``"""
    by_period: dict[str, list[str]] = {}
    for f in suspect:
        by_period.setdefault(f.period, []).append(f.label)
    parts = [
        message("finding.left_out_part", period=period, labels=labels)
        for period, labels in by_period.items()
    ]
    return message("finding.left_out", parts=parts, count=len(suspect))


def _change(earlier: Point, later: Point) -> float | None:
    if earlier.value is None or later.value is None:
        return None
    return round(later.value - earlier.value, places(earlier.value, later.value))


def _point(point: Point, units: Units, decimals: int) -> Message:
    value = point.value if point.value is not None else 0.0
    return message("status.point", value=value, period=point.period, units=units, decimals=decimals)
