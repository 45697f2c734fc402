"""Small series builders for the analyse tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from build_scripts.analyse.statuses import Point
from build_scripts.model import Figure


def year(
    y: int,
    value: float | None,
    lower: float | None = None,
    upper: float | None = None,
    break_before: bool = False,
) -> Point:
    return Point(str(y), date(y, 1, 1), date(y, 12, 31), value, lower, upper, break_before)


def series(values: Sequence[float | None], first_year: int = 2010) -> list[Point]:
    """One point a year: ``2010``, ``2011``, ..."""
    return [year(first_year + i, v) for i, v in enumerate(values)]


def figure(
    year: int,
    value: float,
    kind: str = "total",
    group: str = "Total",
    *,
    flag: str | None = None,
    measure: str = "rate",
    cross: tuple[tuple[str, str], ...] = (),
    source: str = "release",
) -> Figure:
    """A yearly figure in percent (``kind``/``group`` its breakdown; the headline by
    default)."""
    return Figure(
        measure,
        str(year),
        date(year, 1, 1),
        date(year, 12, 31),
        kind,
        group,
        value,
        "percent",
        source,
        cross,
        flag=flag,
    )
