"""Line charts: a headline (one series, with a confidence band where published) or a
breakdown (one line per group, each with its own colour, point shape and dash); and
sparklines, the small static trend lines in lists of indicators."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from build_scripts.charts.model import Bar, Chart, Series, SeriesPoint, Units
from build_scripts.charts.specs import SpecCache, make_spec
from build_scripts.charts.style import (
    CONFIG,
    DASHES,
    FONT_SIZE,
    HEIGHT,
    PALETTE,
    SHAPES,
    WIDTH,
    ValueScale,
    axis_lines,
    axis_title,
    footer,
    footer_lines,
    value_scale,
)
from build_scripts.charts.summary import decimals_of, figure, flags_note, places, summarise
from build_scripts.charts.vega import any_interval, frame, inline, vega_lite
from build_scripts.messages import message, phrase

COLUMNS = ("series", "period", "start", "value", "lower", "upper", "figure")
BAND_FILTER = "isValid(datum.lower) && isValid(datum.upper)"


def period_order(series: Sequence[Series]) -> list[str]:
    """Every period of the chart, ordered by start date (then label)."""
    seen = {(p.start, p.period) for s in series for p in s.points}
    return [period for _, period in sorted(seen)]


def _x_axis(periods: Sequence[str]) -> alt.Axis:
    """Horizontal labels when they fit, slanted when not, thinned out when even that
    would overlap (the table beside the chart has every period)."""
    longest = max((len(p) for p in periods), default=4)
    needed = len(periods) * (longest * FONT_SIZE * 0.6 + 8)
    # "parity" hides every other label only where they would overlap: never in the
    # static chart (sized to fit), but in a narrow interactive one.
    if needed > WIDTH:
        return alt.Axis(
            title=None,
            labelAngle=-45,
            labelAlign="right",
            labelBaseline="top",
            grid=False,
            labelOverlap="parity",
        )
    return alt.Axis(title=None, labelAngle=0, grid=False, labelOverlap="parity")


def line_frame(series: Sequence[Series], units: Units) -> pd.DataFrame:
    """One row per point (columns ``COLUMNS``), with the figure already written out for
    tooltips and the keyboard readout (``61.9 years``, ``62.5% (58.1% to 66.9%)``)."""
    decimals = decimals_of(units, [p.value for s in series for p in s.points])
    rows = []
    for s in series:
        for p in s.sorted_points():
            text = point_text(p, units, decimals)
            rows.append((s.label, p.period, p.start.isoformat(), p.value, p.lower, p.upper, text))
    return frame(rows, COLUMNS, numbers=("value", "lower", "upper"))


def point_text(p: SeriesPoint | Bar, units: Units, decimals: int) -> str:
    """A figure as its tooltip and the keyboard read it: ``62.5% (58.1% to 66.9%),
    provisional: why``."""
    text = figure(p.value, units, decimals)
    if p.lower is not None and p.upper is not None:
        d = units.places(max(decimals, places([p.lower, p.upper]))) or 0
        text += " " + phrase(
            message(
                "chart.tooltip_interval",
                lower=figure(p.lower, units, d),
                upper=figure(p.upper, units, d),
            )
        )
    if p.flag:
        text += f", {p.flag}"
        if p.note:
            text += f": {p.note}"
    return text


def _by_series(channel: Any, labels: list[str], values: Sequence[Any], legend: alt.Legend) -> Any:
    """A channel that gives each series its own value (colour, dash, shape), in order."""
    cycle = [list(v) if isinstance(v, tuple) else v for v in values]
    scale = alt.Scale(domain=labels, range=[cycle[i % len(cycle)] for i in range(len(labels))])
    return channel(field="series", type="nominal", scale=scale, legend=legend)


@vega_lite
def line_spec(
    table: pd.DataFrame,
    *,
    periods: Sequence[str],
    y_title: str,
    units: Units,
    description: str,
    legend_title: str | None = None,
    scale: ValueScale | None = None,
    notes: Sequence[str] = (),
) -> alt.TopLevelLayerSpec:
    """A line chart with points, one line per series (rows of ``line_frame``), and a
    light band for the confidence interval where one is published. ``scale``: where the
    value axis runs (by default from zero); ``notes``: the lines of its footer."""
    labels = list(dict.fromkeys(table["series"]))
    many = len(labels) > 1
    x = alt.X(field="period", type="ordinal", sort=list(periods), axis=_x_axis(periods))
    y = alt.Y(
        field="value",
        type="quantitative",
        title=axis_lines(axis_title(y_title, units)),
        scale=(scale or ValueScale(None)).scale(),
        axis=alt.Axis(tickCount=5),
    )
    legend = alt.Legend(title=legend_title, orient="bottom", direction="vertical")
    series_enc: dict[str, Any] = (
        {
            "color": _by_series(alt.Color, labels, PALETTE, legend),
            "detail": alt.Detail(field="series", type="nominal"),
        }
        if many
        else {"color": alt.ColorValue(PALETTE[0])}
    )
    tooltip = [
        alt.Tooltip(field="period", type="ordinal", title=phrase(message("chart.tooltip_period"))),
        alt.Tooltip(field="figure", type="nominal", title=phrase(message("chart.tooltip_figure"))),
    ]
    if many:
        series_title = legend_title or phrase(message("chart.tooltip_series"))
        tooltip.insert(0, alt.Tooltip(field="series", type="nominal", title=series_title))
    layers: list[alt.UnitSpec] = []
    if any_interval(table):
        layers.append(
            alt.UnitSpec(
                transform=[alt.FilterTransform(filter=BAND_FILTER)],
                mark=alt.MarkDef(type="area", opacity=0.18 if many else 0.25),
                encoding=alt.Encoding(
                    x=x,
                    y=alt.Y(field="lower", type="quantitative"),
                    y2=alt.Y2(field="upper"),
                    **series_enc,
                ),
            )
        )
    line_enc = dict(series_enc)
    point_enc = dict(series_enc)
    if many:
        line_enc["strokeDash"] = _by_series(alt.StrokeDash, labels, DASHES, legend)
        point_enc["shape"] = _by_series(alt.Shape, labels, SHAPES, legend)
    layers.append(
        alt.UnitSpec(
            mark=alt.MarkDef(type="line", strokeWidth=2),
            encoding=alt.Encoding(x=x, y=y, **line_enc),
        )
    )
    layers.append(
        alt.UnitSpec(
            mark=alt.MarkDef(type="point", filled=True, size=60, opacity=1),
            encoding=alt.Encoding(x=x, y=y, tooltip=tooltip, **point_enc),
        )
    )
    return alt.TopLevelLayerSpec(
        data=inline(table),
        layer=layers,
        width=WIDTH,
        height=HEIGHT,
        description=description,
        title=footer(notes),
        config=CONFIG,
    )


def bounds(series: Sequence[Series]) -> list[float]:
    """Every figure of the series and every bound of their intervals."""
    values = [p.value for s in series for p in s.points]
    values += [b for s in series for p in s.points for b in (p.lower, p.upper) if b is not None]
    return values


def line_chart_summary(series: Sequence[Series], title: str, units: Units) -> str:
    """A line chart's caption: its summary, then a note of its bands and flags."""
    summary = summarise(series, title, units)
    if any(p.has_interval for s in series for p in s.points):
        summary += " " + phrase(message("chart.band_note"))
    flags = flags_note(series)
    if flags:
        summary += " " + flags
    return summary


def line_chart(
    id: str,
    title: str,
    series: Sequence[Series],
    *,
    y_title: str,
    units: Units,
    legend_title: str | None = None,
    source: str | None = None,
    specs: SpecCache | None = None,
) -> Chart:
    """A headline chart (one series) or a breakdown chart (one series per group).
    ``source`` names where the figures come from, in the chart's footer with its
    periods. ``specs``: a cache of specs by their inputs (see ``specs``)."""
    summary = line_chart_summary(series, title, units)
    periods = period_order(series)

    def build() -> dict[str, Any]:
        scale = value_scale(bounds(series), units)
        first, last = (periods[0], periods[-1]) if periods else ("", "")
        return line_spec(
            line_frame(series, units),
            periods=periods,
            y_title=y_title,
            units=units,
            description=summary,
            legend_title=legend_title,
            scale=scale,
            notes=footer_lines(first, last, source, scale.from_zero),
        )

    spec = make_spec(
        specs,
        "line",
        (tuple(series), units, periods, y_title, summary, legend_title, source),
        build,
    )
    return Chart(
        id=id,
        kind="line",
        title=title,
        spec=spec,
        summary=summary,
        alt=phrase(
            message(
                "chart.alt_line",
                title=title,
                first=periods[0] if periods else "",
                last=periods[-1] if periods else "",
            )
        ),
        series=tuple(series),
        unit=units.axis_suffix,
        source=source or "",
    )


@vega_lite
def sparkline_spec(points: Sequence[SeriesPoint], *, description: str) -> alt.TopLevelLayerSpec:
    """A line without axes over the points (in order), the latest one marked."""
    table = frame([(p.period, p.value) for p in points], ("period", "value"), numbers={"value"})
    x = alt.X(field="period", type="ordinal", sort=[p.period for p in points], axis=None)
    y = alt.Y(field="value", type="quantitative", scale=alt.Scale(zero=False), axis=None)
    line = alt.UnitSpec(
        mark=alt.MarkDef(type="line", color=PALETTE[0], strokeWidth=2),
        encoding=alt.Encoding(x=x, y=y),
    )
    latest = alt.UnitSpec(
        mark=alt.MarkDef(type="point", filled=True, color=PALETTE[0], size=30, opacity=1),
        encoding=alt.Encoding(x=x, y=y),
    )
    if points:
        equal = alt.FieldEqualPredicate(field="period", equal=points[-1].period)
        latest.transform = [alt.FilterTransform(filter=equal)]
    return alt.TopLevelLayerSpec(
        data=inline(table),
        layer=[line, latest],
        width=120,
        height=32,
        padding=4,
        description=description,
        config=alt.Config(view=alt.ViewConfig(stroke=None)),
    )


def sparkline(
    id: str, title: str, series: Series, *, units: Units, specs: SpecCache | None = None
) -> Chart:
    """A small trend line without axes, for lists of indicators; the latest point is
    marked. Not interactive: its summary says everything it shows."""
    points = series.sorted_points()
    summary = summarise([series], title, units)
    spec = make_spec(
        specs, "sparkline", (points, summary), lambda: sparkline_spec(points, description=summary)
    )
    return Chart(
        id=id,
        kind="sparkline",
        title=title,
        spec=spec,
        summary=summary,
        alt=phrase(message("chart.alt_trend", title=title)),
        series=(series,),
        interactive=False,
    )
