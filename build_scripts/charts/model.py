"""What a chart is made of: series of figures in, a chart (Vega-Lite spec, summary,
accessible name) out. Plain frozen dataclasses; nothing here renders or writes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from build_scripts.contract import SUSPECT
from build_scripts.formatting import Units

__all__ = ["Bar", "Chart", "FigureLike", "Series", "SeriesPoint", "Units", "series_from_figures"]


@dataclass(frozen=True)
class SeriesPoint:
    """One figure: a period as published (``2018/19``) with its start date, for sorting."""

    period: str
    start: date
    value: float
    lower: float | None = None
    upper: float | None = None
    flag: str | None = None
    note: str | None = None

    @property
    def has_interval(self) -> bool:
        return self.lower is not None and self.upper is not None

    @property
    def is_suspect(self) -> bool:
        return self.flag == SUSPECT


@dataclass(frozen=True)
class Series:
    """One line of a chart: a label (``Female``, ``Scotland``) and its points."""

    label: str
    points: tuple[SeriesPoint, ...]

    def sorted_points(self) -> tuple[SeriesPoint, ...]:
        return tuple(sorted(self.points, key=lambda p: (p.start, p.period)))


@dataclass(frozen=True)
class Bar:
    """One bar: a label (a council area, a group) and its figure."""

    label: str
    value: float
    lower: float | None = None
    upper: float | None = None
    flag: str | None = None
    note: str | None = None

    @property
    def is_suspect(self) -> bool:
        return self.flag == SUSPECT


@dataclass(frozen=True, eq=False)
class Chart:
    """A chart ready to render and embed.

    ``spec`` is a Vega-Lite spec with its data inline. ``summary`` is the plain-words
    description generated from the data (the figure's caption); ``alt`` is the short
    accessible name of the static image. ``series`` (or ``bars``) are the figures the
    chart draws, for the table beside it and its CSV (``charts.figures``), with their
    ``unit`` (``units.axis_suffix``), the ``period`` of bars and ``source``.
    """

    id: str
    kind: str
    title: str
    spec: dict[str, Any]
    summary: str
    alt: str
    series: tuple[Series, ...] = ()
    bars: tuple[Bar, ...] = ()
    interactive: bool = True
    # A map's geography (breakdown type): its shapes are left out of the page's spec and
    # loaded by charts.js from the site's copy of the boundary file.
    boundaries: str | None = None
    unit: str = ""
    period: str = ""
    source: str = ""


class FigureLike(Protocol):
    """What ``series_from_figures`` needs of a row (``build_scripts.model.Figure`` fits)."""

    @property
    def period(self) -> str: ...
    @property
    def period_start(self) -> date: ...
    @property
    def value(self) -> float: ...
    @property
    def lower(self) -> float | None: ...
    @property
    def upper(self) -> float | None: ...
    @property
    def flag(self) -> str | None: ...
    @property
    def note(self) -> str | None: ...


def series_from_figures(label: str, figures: Iterable[FigureLike]) -> Series:
    """A series from rows of an indicator's tidy table, sorted by period start."""
    points = tuple(
        SeriesPoint(
            period=f.period,
            start=f.period_start,
            value=f.value,
            lower=f.lower,
            upper=f.upper,
            flag=f.flag,
            note=f.note,
        )
        for f in figures
    )
    return Series(label, tuple(sorted(points, key=lambda p: (p.start, p.period))))
