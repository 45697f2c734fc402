"""Bar charts: the figures of one period side by side (council areas, groups)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from build_scripts.charts.line import point_text
from build_scripts.charts.model import Bar, Chart, SeriesPoint, Units
from build_scripts.charts.specs import SpecCache, make_spec
from build_scripts.charts.style import (
    BAR_STEP,
    CONFIG,
    FONT_SIZE,
    PALETTE,
    WIDTH,
    axis_title,
    footer,
    footer_lines,
)
from build_scripts.charts.summary import (
    decimals_of,
    figure,
    reference_note,
    summarise_bars,
)
from build_scripts.charts.vega import any_interval, frame, inline, vega_lite
from build_scripts.messages import message, phrase

COLUMNS = ("label", "value", "lower", "upper", "text", "figure")
LABEL_GAP = 8  # px between the plot and the column of figures
INTERVAL_FILTER = "isValid(datum.lower) && isValid(datum.upper)"


def bar_frame(bars: Sequence[Bar], units: Units, decimals: int) -> pd.DataFrame:
    """One row per bar (columns ``COLUMNS``): the label written beside the bars
    (``text``) and the figure for tooltips and the keyboard readout (``figure``)."""
    rows = [
        (b.label, b.value, b.lower, b.upper, bar_label(b, units, decimals), text)
        for b in bars
        for text in (point_text(b, units, decimals),)
    ]
    return frame(rows, COLUMNS, numbers=("value", "lower", "upper"))


def bar_label(b: Bar | SeriesPoint, units: Units, decimals: int) -> str:
    """The figure written beside a bar (and in a table): ``62.5% (provisional)``."""
    label = figure(b.value, units, decimals)
    return f"{label} ({b.flag})" if b.flag else label


def _reference_layer(reference: Bar, units: Units, decimals: int) -> alt.LayerSpec:
    """A dashed rule at the reference figure (the Scotland figure), named above the bars."""
    text = f"{reference.label} {figure(reference.value, units, decimals)}"
    x = alt.X(field="value", type="quantitative")
    return alt.LayerSpec(
        data={"values": [{"value": reference.value, "figure": text}]},
        layer=[
            alt.UnitSpec(
                mark=alt.MarkDef(
                    type="rule", color="#000000", strokeDash=[6, 3], strokeWidth=1.5, opacity=0.8
                ),
                encoding=alt.Encoding(x=x),
            ),
            alt.UnitSpec(
                mark=alt.MarkDef(
                    type="text",
                    align="left",
                    baseline="bottom",
                    dx=3,
                    y=-4,
                    fontSize=FONT_SIZE - 1,
                ),
                encoding=alt.Encoding(x=x, text=alt.Text(field="figure", type="nominal")),
            ),
        ],
    )


@vega_lite
def bar_spec(
    table: pd.DataFrame,
    *,
    x_title: str,
    units: Units,
    description: str,
    decimals: int,
    highlight: str | None = None,
    reference: Bar | None = None,
    notes: Sequence[str] = (),
) -> alt.TopLevelLayerSpec:
    """Horizontal bars in the order of the rows (of ``bar_frame``), each labelled with
    its figure; an optional reference line (the Scotland figure) and highlighted bar
    (bold label, darker bar); ``notes``, the lines of its footer.

    The figures are written in a column of their own right of the plot (the mark's
    ``x`` is the plot's width), not after each bar: a label after a bar would cross
    the reference line wherever a bar ends just short of it."""
    label_weight: Any = alt.Undefined
    bar_color: Any = alt.ColorValue("#56B4E9")
    if highlight is not None:
        label_weight = alt.condition(
            f"datum.value === {_js_string(highlight)}", alt.value("bold"), alt.value("normal")
        )
        bar_color = alt.condition(
            f"datum.label === {_js_string(highlight)}", alt.value(PALETTE[0]), alt.value("#9fcfef")
        )
    y = alt.Y(
        field="label",
        type="nominal",
        sort=list(table["label"]),
        axis=alt.Axis(title=None, labelLimit=180, labelFontWeight=label_weight),
    )
    x = alt.X(
        field="value",
        type="quantitative",
        title=axis_title(x_title, units),
        scale=alt.Scale(zero=True),
        axis=alt.Axis(tickCount=5),
    )
    tooltip = [
        alt.Tooltip(field="label", type="nominal", title=phrase(message("chart.tooltip_group"))),
        alt.Tooltip(field="figure", type="nominal", title=phrase(message("chart.tooltip_figure"))),
    ]
    layers: list[alt.UnitSpec | alt.LayerSpec] = [
        alt.UnitSpec(
            mark=alt.MarkDef(type="bar", stroke="#0072B2", strokeWidth=1),
            encoding=alt.Encoding(x=x, y=y, color=bar_color, tooltip=tooltip),
        ),
        alt.UnitSpec(
            mark=alt.MarkDef(
                type="text", align="left", x="width", dx=LABEL_GAP, fontSize=FONT_SIZE - 1
            ),
            encoding=alt.Encoding(y=y, text=alt.Text(field="text", type="nominal")),
        ),
    ]
    if any_interval(table):
        layers.append(
            alt.UnitSpec(
                transform=[alt.FilterTransform(filter=INTERVAL_FILTER)],
                mark=alt.MarkDef(type="rule", color="#000000", strokeWidth=1.5),
                encoding=alt.Encoding(
                    x=alt.X(field="lower", type="quantitative"), x2=alt.X2(field="upper"), y=y
                ),
            )
        )
    if reference is not None:
        layers.insert(0, _reference_layer(reference, units, decimals))
    return alt.TopLevelLayerSpec(
        data=inline(table),
        layer=layers,
        width=WIDTH - 120,
        height=BAR_STEP * max(len(table), 1),
        description=description,
        title=footer(notes),
        config=CONFIG,
    )


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
    source: str | None = None,
    specs: SpecCache | None = None,
) -> Chart:
    """The figures of one period side by side: by council area, or by group. The
    axis starts at zero (bars are lengths); ``source`` names where the figures come
    from, in the chart's footer with the period.

    ``sort="value"`` puts the highest first (ties by label); ``sort="given"`` keeps the
    order given (the groups' own order: age bands, SIMD quintiles).
    """
    items = [b if isinstance(b, Bar) else Bar(b[0], b[1]) for b in bars]
    if sort == "value":
        items.sort(key=lambda b: (-b.value, b.label))
    elif sort != "given":
        raise ValueError(f"sort must be 'value' or 'given', not {sort!r}")
    summary = summarise_bars(items, title, period, units)
    decimals = decimals_of(
        units, [b.value for b in items] + ([reference.value] if reference else [])
    )
    if reference is not None:
        summary += " " + reference_note(reference, units, decimals)
    spec = make_spec(
        specs,
        "bar",
        (tuple(items), units, decimals, x_title, summary, highlight, reference, source, period),
        lambda: bar_spec(
            bar_frame(items, units, decimals),
            x_title=x_title,
            units=units,
            description=summary,
            decimals=decimals,
            highlight=highlight,
            reference=reference,
            notes=footer_lines(period, period, source, from_zero=True),
        ),
    )
    return Chart(
        id=id,
        kind="bar",
        title=title,
        spec=spec,
        summary=summary,
        alt=phrase(message("chart.alt_bar", title=title, period=period)),
        bars=tuple(items),
        unit=units.axis_suffix,
        period=period,
        source=source or "",
    )
