"""Trend lines small enough to write into a page as inline SVG: one ``<polyline>`` each,
with no renderer (vl-convert takes about 25 ms a chart, too much for one line per
indicator on every place's profile)."""

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


def trendline(values: Sequence[float]) -> Trendline | None:
    """The line through ``values`` (oldest first, evenly spaced), scaled to fill the box;
    ``None`` for fewer than two values, which make no line."""
    if len(values) < 2:
        return None
    low, high = min(values), max(values)
    span = high - low
    step = (WIDTH - 2 * PAD) / (len(values) - 1)
    coordinates = [
        (
            round(PAD + i * step, 1),
            round(HEIGHT / 2 if span == 0 else PAD + (high - v) / span * (HEIGHT - 2 * PAD), 1),
        )
        for i, v in enumerate(values)
    ]
    points = " ".join(f"{x:g},{y:g}" for x, y in coordinates)
    x, y = coordinates[-1]
    return Trendline(points, f"{x:g}", f"{y:g}")
