"""Bar charts: the figures of one period side by side (council areas, groups)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from build_scripts.charts.model import Bar, Chart, Units
from build_scripts.charts.style import (
    BAR_STEP,
    CONFIG,
    FONT_SIZE,
    PALETTE,
    SCHEMA,
    WIDTH,
    axis_title,
)
from build_scripts.charts.summary import decimals_of, figure, places, summarise_bars


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
    decimals = decimals_of(
        units, [b.value for b in bars] + ([reference.value] if reference else [])
    )
    labels = [b.label for b in bars]
    rows = []
    for b in bars:
        text = figure(b.value, units, decimals)
        if b.lower is not None and b.upper is not None:
            d = units.places(max(decimals, places([b.lower, b.upper]))) or 0
            text += f" ({figure(b.lower, units, d)} to {figure(b.upper, units, d)})"
        label = figure(b.value, units, decimals)
        if b.flag:
            label += f" ({b.flag})"
            text += f", {b.flag}" + (f": {b.note}" if b.note else "")
        # the figure is written after the bar, or after its interval where that is longer
        end = max(b.value, b.upper if b.upper is not None else b.value)
        rows.append(
            {
                "label": b.label,
                "value": b.value,
                "lower": b.lower,
                "upper": b.upper,
                "end": end,
                "text": label,
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
        d = decimals_of(units, [b.value for b in items] + [reference.value])
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
