"""Trend lines small enough to write into a page as inline SVG: one ``<polyline>`` each,
with no renderer (vl-convert takes about 25 ms a chart, too much for one line per
indicator on every place's profile). A second line, the reference (a place's country),
may share the box and its scale, so the two read against each other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 96, 24, 3


@dataclass(frozen=True)
class Trendline:
    """The coordinates of a trend line in a ``width`` x ``height`` box: the polyline's
    ``points`` and the latest point (``x``, ``y``), marked."""

    points: str
    x: str
    y: str
    width: int = WIDTH
    height: int = HEIGHT
    reference: str = ""  # the reference line's ``points``; "" without one


def trendline(values: Sequence[float], reference: Sequence[float | None] = ()) -> Trendline | None:
    """The line through ``values`` (oldest first, evenly spaced), scaled to fill the box;
    ``None`` for fewer than two values, which make no line. ``reference`` holds a second
    series for the same periods (``None`` where it has no figure), drawn on the same scale
    where it has two figures or more."""
    if len(values) < 2:
        return None
    known = [v for v in reference[: len(values)] if v is not None]
    known = known if len(known) >= 2 else []
    low, high = min([*values, *known]), max([*values, *known])
    span = high - low
    step = (WIDTH - 2 * PAD) / (len(values) - 1)

    def y(v: float) -> float:
        return round(HEIGHT / 2 if span == 0 else PAD + (high - v) / span * (HEIGHT - 2 * PAD), 1)

    coordinates = [(round(PAD + i * step, 1), y(v)) for i, v in enumerate(values)]
    points = " ".join(f"{x:g},{y:g}" for x, y in coordinates)
    x, last = coordinates[-1]
    other = ""
    if known:
        other = " ".join(
            f"{round(PAD + i * step, 1):g},{y(v):g}"
            for i, v in enumerate(reference[: len(values)])
            if v is not None
        )
    return Trendline(points, f"{x:g}", f"{last:g}", reference=other)
