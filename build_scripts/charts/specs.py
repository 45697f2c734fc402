"""Vega-Lite specs for the site's charts, built as plain dicts (no Altair: a dict is
faster to build, and its JSON is the golden file the tests compare).

Every spec carries its data inline (a chart whose data is a separate URL renders empty
from file://), a ``description`` (Vega uses it as the SVG's accessible name) and no
encoding by colour alone: each series has its own colour (Okabe-Ito), point shape and
stroke dash, named in a legend that shows all three.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from build_scripts.charts.model import Bar, Chart, Series, Units
from build_scripts.charts.summary import figure, places, summarise, summarise_bars

BAND_NOTE = "The shaded band shows the confidence interval, where one is published."
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"

# Okabe & Ito (2008), darkest first: the first five have at least 3:1 contrast with
# white (WCAG 1.4.11); yellow (1.3:1) is left out.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00", "#56B4E9")
SHAPES = ("circle", "square", "triangle-up", "diamond", "triangle-down", "cross", "triangle-right")
DASHES: tuple[tuple[int, ...], ...] = (
    (1, 0),
    (6, 3),
    (2, 2),
    (8, 3, 2, 3),
    (4, 4),
    (1, 3),
    (10, 2),
)

# Static size: narrow enough that, shrunk to a 330 px phone column, 14 px text stays
# about 11 px. The interactive chart is redrawn at the width of its container.
WIDTH = 400
HEIGHT = 240
FONT_SIZE = 14
BAR_STEP = 22  # px a bar (and its gap) takes

CONFIG: dict[str, Any] = {
    "font": "sans-serif",
    "axis": {
        "labelFontSize": FONT_SIZE,
        "titleFontSize": FONT_SIZE,
        "titleFontWeight": "normal",
        "labelColor": "#333333",
        "titleColor": "#333333",
        "gridColor": "#e6e6e6",
    },
    "legend": {
        "labelFontSize": FONT_SIZE,
        "titleFontSize": FONT_SIZE,
        "titleFontWeight": "normal",
        "symbolSize": 90,
        "symbolStrokeWidth": 0,
        "symbolOpacity": 1,
        "labelLimit": 360,
    },
    "view": {"stroke": None},
}


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
    decimals = places([p.value for s in series for p in s.points])
    rows = []
    for s in series:
        for p in s.sorted_points():
            text = figure(p.value, units, decimals)
            if p.lower is not None and p.upper is not None:
                d = max(decimals, places([p.lower, p.upper]))
                text += f" ({figure(p.lower, units, d)} to {figure(p.upper, units, d)})"
            if p.flag:
                text += f", {p.flag}"
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


def axis_title(y_title: str, units: Units) -> str:
    suffix = units.axis_suffix
    return f"{y_title} ({suffix})" if suffix else y_title


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
    periods = _period_order(series)
    span = f", {periods[0]} to {periods[-1]}" if len(periods) > 1 else ""
    alt = f"Line chart: {title}{span}."
    spec = line_spec(
        series, y_title=y_title, units=units, description=summary, legend_title=legend_title
    )
    return Chart(
        id=id, kind="line", title=title, spec=spec, summary=summary, alt=alt, series=tuple(series)
    )


def bar_spec(
    bars: Sequence[Bar],
    *,
    x_title: str,
    units: Units,
    description: str,
    highlight: str | None = None,
    reference: Bar | None = None,
) -> dict[str, Any]:
    """Horizontal bars in the order given, each labelled with its figure; an optional
    reference line (the Scotland figure) and highlighted bar (bold label, darker bar)."""
    decimals = places([b.value for b in bars] + ([reference.value] if reference else []))
    labels = [b.label for b in bars]
    rows = []
    for b in bars:
        text = figure(b.value, units, decimals)
        if b.lower is not None and b.upper is not None:
            d = max(decimals, places([b.lower, b.upper]))
            text += f" ({figure(b.lower, units, d)} to {figure(b.upper, units, d)})"
        # the figure is written after the bar, or after its interval where that is longer
        end = max(b.value, b.upper if b.upper is not None else b.value)
        rows.append(
            {
                "label": b.label,
                "value": b.value,
                "lower": b.lower,
                "upper": b.upper,
                "end": end,
                "text": figure(b.value, units, decimals),
                "figure": text,
            }
        )
    y_axis: dict[str, Any] = {"title": None, "labelLimit": 180}
    if highlight is not None:
        y_axis["labelFontWeight"] = {
            "condition": {"test": f"datum.value === {_js_string(highlight)}", "value": "bold"},
            "value": "normal",
        }
    y = {"field": "label", "type": "nominal", "sort": labels, "axis": y_axis}
    x = {
        "field": "value",
        "type": "quantitative",
        "title": axis_title(x_title, units),
        "scale": {"zero": True},
        "axis": {"tickCount": 5},
    }
    tooltip = [
        {"field": "label", "type": "nominal", "title": "Group"},
        {"field": "figure", "type": "nominal", "title": "Figure"},
    ]
    bar_color: dict[str, Any] = {"value": "#56B4E9"}
    if highlight is not None:
        bar_color = {
            "condition": {"test": f"datum.label === {_js_string(highlight)}", "value": PALETTE[0]},
            "value": "#9fcfef",
        }
    layers: list[dict[str, Any]] = [
        {
            "mark": {"type": "bar", "stroke": "#0072B2", "strokeWidth": 1},
            "encoding": {"x": x, "y": y, "color": bar_color, "tooltip": tooltip},
        },
        {
            "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": FONT_SIZE - 1},
            "encoding": {
                "x": {"field": "end", "type": "quantitative"},
                "y": y,
                "text": {"field": "text", "type": "nominal"},
            },
        },
    ]
    if any(b.lower is not None and b.upper is not None for b in bars):
        layers.append(
            {
                "transform": [{"filter": "isValid(datum.lower) && isValid(datum.upper)"}],
                "mark": {"type": "rule", "color": "#000000", "strokeWidth": 1.5},
                "encoding": {
                    "x": {"field": "lower", "type": "quantitative"},
                    "x2": {"field": "upper"},
                    "y": y,
                },
            }
        )
    if reference is not None:
        ref_text = f"{reference.label} {figure(reference.value, units, decimals)}"
        layers.insert(
            0,
            {
                "data": {"values": [{"value": reference.value, "figure": ref_text}]},
                "layer": [
                    {
                        "mark": {
                            "type": "rule",
                            "color": "#000000",
                            "strokeDash": [6, 3],
                            "strokeWidth": 1.5,
                            "opacity": 0.8,
                        },
                        "encoding": {"x": {"field": "value", "type": "quantitative"}},
                    },
                    {
                        "mark": {
                            "type": "text",
                            "align": "left",
                            "baseline": "bottom",
                            "dx": 3,
                            "y": -4,
                            "fontSize": FONT_SIZE - 1,
                        },
                        "encoding": {
                            "x": {"field": "value", "type": "quantitative"},
                            "text": {"field": "figure", "type": "nominal"},
                        },
                    },
                ],
            },
        )
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": WIDTH - 120,
        "height": BAR_STEP * max(len(bars), 1),
        "data": {"values": rows},
        "layer": layers,
        "config": CONFIG,
    }


def _js_string(text: str) -> str:
    """A string literal for a Vega expression (JSON string syntax is valid there)."""
    return json.dumps(text)


def bar_chart(
    id: str,
    title: str,
    bars: Sequence[Bar | tuple[str, float]],
    *,
    period: str,
    x_title: str,
    units: Units,
    sort: str = "value",
    highlight: str | None = None,
    reference: Bar | None = None,
) -> Chart:
    """The figures of one period side by side: by council area, or by group.

    ``sort="value"`` puts the highest first (ties by label); ``sort="given"`` keeps the
    order given (the groups' own order: age bands, SIMD quintiles).
    """
    items = [b if isinstance(b, Bar) else Bar(b[0], b[1]) for b in bars]
    if sort == "value":
        items.sort(key=lambda b: (-b.value, b.label))
    elif sort != "given":
        raise ValueError(f"sort must be 'value' or 'given', not {sort!r}")
    summary = summarise_bars(items, title, period, units)
    if reference is not None:
        d = places([b.value for b in items] + [reference.value])
        summary += f" {reference.label}: {figure(reference.value, units, d)}."
    spec = bar_spec(
        items,
        x_title=x_title,
        units=units,
        description=summary,
        highlight=highlight,
        reference=reference,
    )
    alt = f"Bar chart: {title}, {period}."
    return Chart(
        id=id, kind="bar", title=title, spec=spec, summary=summary, alt=alt, bars=tuple(items)
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
