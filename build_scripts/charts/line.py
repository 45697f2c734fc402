"""Line charts: a headline (one series, with a confidence band where published) or a
breakdown (one line per group, each with its own colour, point shape and dash); and
sparklines, the small static trend lines in lists of indicators."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from build_scripts.charts.model import Chart, Series, Units
from build_scripts.charts.style import (
    BAND_NOTE,
    CONFIG,
    DASHES,
    FONT_SIZE,
    HEIGHT,
    PALETTE,
    SCHEMA,
    SHAPES,
    WIDTH,
    axis_title,
)
from build_scripts.charts.summary import decimals_of, figure, flags_note, places, summarise


def _period_order(series: Sequence[Series]) -> list[str]:
    """Every period of the chart, ordered by start date (then label)."""
    seen = {(p.start, p.period) for s in series for p in s.points}
    return [period for _, period in sorted(seen)]


def _x_axis(periods: Sequence[str]) -> dict[str, Any]:
    """Horizontal labels when they fit, slanted when not, thinned out when even that
    would overlap (the table beside the chart has every period)."""
    longest = max((len(p) for p in periods), default=4)
    needed = len(periods) * (longest * FONT_SIZE * 0.6 + 8)
    # "parity" hides every other label only where they would overlap: never in the
    # static chart (sized to fit), but in a narrow interactive one.
    axis: dict[str, Any] = {"title": None, "labelAngle": 0, "grid": False, "labelOverlap": "parity"}
    if needed > WIDTH:
        axis.update({"labelAngle": -45, "labelAlign": "right", "labelBaseline": "top"})
    return axis


def _rows(series: Sequence[Series], units: Units) -> list[dict[str, Any]]:
    """The inline data: one row per point, with the figure already written out for
    tooltips (``61.9 years``, ``62.5% (58.1% to 66.9%)``)."""
    decimals = decimals_of(units, [p.value for s in series for p in s.points])
    rows = []
    for s in series:
        for p in s.sorted_points():
            text = figure(p.value, units, decimals)
            if p.lower is not None and p.upper is not None:
                d = units.places(max(decimals, places([p.lower, p.upper]))) or 0
                text += f" ({figure(p.lower, units, d)} to {figure(p.upper, units, d)})"
            if p.flag:
                text += f", {p.flag}"
                if p.note:
                    text += f": {p.note}"
            rows.append(
                {
                    "series": s.label,
                    "period": p.period,
                    "start": p.start.isoformat(),
                    "value": p.value,
                    "lower": p.lower,
                    "upper": p.upper,
                    "figure": text,
                }
            )
    return rows


def line_spec(
    series: Sequence[Series],
    *,
    y_title: str,
    units: Units,
    description: str,
    legend_title: str | None = None,
) -> dict[str, Any]:
    """A line chart with points, one line per series, and a light band for the
    confidence interval where one is published."""
    periods = _period_order(series)
    labels = [s.label for s in series]
    many = len(series) > 1
    x = {"field": "period", "type": "ordinal", "sort": periods, "axis": _x_axis(periods)}
    y = {
        "field": "value",
        "type": "quantitative",
        "title": axis_title(y_title, units),
        "scale": {"zero": False},
        "axis": {"tickCount": 5},
    }
    n = len(labels)
    legend = {"title": legend_title, "orient": "bottom", "direction": "vertical"}
    color = (
        {
            "field": "series",
            "type": "nominal",
            "scale": {"domain": labels, "range": [PALETTE[i % len(PALETTE)] for i in range(n)]},
            "legend": legend,
        }
        if many
        else {"value": PALETTE[0]}
    )
    series_enc: dict[str, Any] = {"color": color}
    if many:
        series_enc["detail"] = {"field": "series", "type": "nominal"}
    tooltip = [
        {"field": "series", "type": "nominal", "title": legend_title or "Series"},
        {"field": "period", "type": "ordinal", "title": "Period"},
        {"field": "figure", "type": "nominal", "title": "Figure"},
    ]
    if not many:
        tooltip = tooltip[1:]
    layers: list[dict[str, Any]] = []
    if any(p.has_interval for s in series for p in s.points):
        layers.append(
            {
                "transform": [{"filter": "isValid(datum.lower) && isValid(datum.upper)"}],
                "mark": {"type": "area", "opacity": 0.18 if many else 0.25},
                "encoding": {
                    "x": x,
                    "y": {"field": "lower", "type": "quantitative"},
                    "y2": {"field": "upper"},
                    **series_enc,
                },
            }
        )
    line: dict[str, Any] = {
        "mark": {"type": "line", "strokeWidth": 2},
        "encoding": {"x": x, "y": y},
    }
    point: dict[str, Any] = {
        "mark": {"type": "point", "filled": True, "size": 60, "opacity": 1},
        "encoding": {"x": x, "y": y, "tooltip": tooltip},
    }
    line["encoding"].update(series_enc)
    point["encoding"].update(series_enc)
    if many:
        dash_range = [list(DASHES[i % len(DASHES)]) for i in range(n)]
        line["encoding"]["strokeDash"] = {
            "field": "series",
            "type": "nominal",
            "scale": {"domain": labels, "range": dash_range},
            "legend": legend,
        }
        point["encoding"]["shape"] = {
            "field": "series",
            "type": "nominal",
            "scale": {"domain": labels, "range": [SHAPES[i % len(SHAPES)] for i in range(n)]},
            "legend": legend,
        }
    layers += [line, point]
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": WIDTH,
        "height": HEIGHT,
        "data": {"values": _rows(series, units)},
        "layer": layers,
        "config": CONFIG,
    }


def line_chart(
    id: str,
    title: str,
    series: Sequence[Series],
    *,
    y_title: str,
    units: Units,
    legend_title: str | None = None,
) -> Chart:
    """A headline chart (one series) or a breakdown chart (one series per group)."""
    summary = summarise(series, title, units)
    if any(p.has_interval for s in series for p in s.points):
        summary += " " + BAND_NOTE
    flags = flags_note(series)
    if flags:
        summary += " " + flags
    periods = _period_order(series)
    span = f", {periods[0]} to {periods[-1]}" if len(periods) > 1 else ""
    alt = f"Line chart: {title}{span}."
    spec = line_spec(
        series, y_title=y_title, units=units, description=summary, legend_title=legend_title
    )
    return Chart(
        id=id, kind="line", title=title, spec=spec, summary=summary, alt=alt, series=tuple(series)
    )


def sparkline(id: str, title: str, series: Series, *, units: Units) -> Chart:
    """A small trend line without axes, for lists of indicators; the latest point is
    marked. Not interactive: its summary says everything it shows."""
    points = series.sorted_points()
    summary = summarise([series], title, units)
    spec: dict[str, Any] = {
        "$schema": SCHEMA,
        "description": summary,
        "width": 120,
        "height": 32,
        "padding": 4,
        "data": {"values": [{"period": p.period, "value": p.value} for p in points]},
        "encoding": {
            "x": {
                "field": "period",
                "type": "ordinal",
                "sort": [p.period for p in points],
                "axis": None,
            },
            "y": {"field": "value", "type": "quantitative", "scale": {"zero": False}, "axis": None},
        },
        "layer": [
            {"mark": {"type": "line", "color": PALETTE[0], "strokeWidth": 2}},
            {
                "transform": [{"filter": {"field": "period", "equal": points[-1].period}}]
                if points
                else [],
                "mark": {
                    "type": "point",
                    "filled": True,
                    "color": PALETTE[0],
                    "size": 30,
                    "opacity": 1,
                },
            },
        ],
        "config": {"view": {"stroke": None}},
    }
    alt = f"Trend: {title}."
    return Chart(
        id=id,
        kind="sparkline",
        title=title,
        spec=spec,
        summary=summary,
        alt=alt,
        series=(series,),
        interactive=False,
    )
