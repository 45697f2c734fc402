"""Plain-words summaries of what a chart shows, generated from its figures.

Honest by construction: only arithmetic on the published figures ("rose from 61.9 to
62.3 years"), never a judgement of significance (that is the status's job), and every
figure written as published (no more decimal places than the data has).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from build_scripts import formatting
from build_scripts.charts.model import Bar, Series, SeriesPoint, Units
from build_scripts.formatting import number
from build_scripts.messages import Message, message, phrase, sentences

MAX_PLACES = 3  # a chart's words and labels: enough for any published figure


def places(values: Sequence[float | None]) -> int:
    """The most decimal places any of the values is published with (at most 3)."""
    return formatting.places(*values, max_places=MAX_PLACES)


def figure(value: float, units: Units, decimals: int) -> str:
    """``62.5%``, ``61.9 years``, ``1,234``: the site's one formatter (``Units``)."""
    return units.figure(value, decimals)


def decimals_of(units: Units, values: Sequence[float | None]) -> int:
    """The places a chart shows: the measure's own, else the most its figures have."""
    return units.decimals if units.decimals is not None else places(values)


def _series_decimals(series: Sequence[Series], units: Units) -> int:
    return decimals_of(units, [p.value for s in series for p in s.points])


def _trend(points: Sequence[SeriesPoint], units: Units, decimals: int) -> Message:
    """``rose from 61.9 in 2009-2011 to 62.3 years in 2017-2019``."""
    first, last = points[0], points[-1]
    return message(
        "chart.trend",
        count=len(points),
        same=number(first.value, decimals) == number(last.value, decimals),
        first=first.value,
        first_period=first.period,
        last=last.value,
        last_period=last.period,
        units=units,
        decimals=decimals,
    )


def _extremes(points: Sequence[SeriesPoint], units: Units, decimals: int) -> Message | None:
    """``The highest was 62.6 years, in 2012-2014 and 2015-2017.``

    Only when the highest (or lowest) figure is not the first or the latest, so the
    sentence adds something to the trend; every period with that figure is named.
    """
    if len(points) < 3:
        return None
    texts = [number(p.value, decimals) for p in points]
    ends = {texts[0], texts[-1]}
    parts = []
    for highest, pick in ((True, max), (False, min)):
        best = pick(points, key=lambda p: p.value)
        best_text = number(best.value, decimals)
        if best_text in ends:
            continue
        periods = [p.period for p, t in zip(points, texts, strict=True) if t == best_text]
        parts.append(
            message(
                "chart.extreme",
                highest=highest,
                value=best.value,
                periods=periods,
                units=units,
                decimals=decimals,
            )
        )
    return message("chart.extremes", parts=parts) if parts else None


def _interval(point: SeriesPoint, units: Units, decimals: int) -> Message | None:
    if point.lower is None or point.upper is None:
        return None
    d = units.places(max(decimals, places([point.lower, point.upper]))) or 0
    return message(
        "chart.interval",
        period=point.period,
        lower=point.lower,
        upper=point.upper,
        units=units,
        decimals=d,
    )


def summarise(series: Sequence[Series], title: str, units: Units) -> str:
    """What a line chart shows, in a few sentences (``line_summary``, phrased)."""
    return sentences(line_summary(series, title, units))


def line_summary(series: Sequence[Series], title: str, units: Units) -> list[Message]:
    """What a line chart shows, as messages.

    One series: its trend from the first to the latest period, the highest and lowest
    figures where they lie between, and the latest confidence interval where published.
    Several series: the trend of each, then which was highest and lowest in the latest
    period they share.
    """
    if not any(s.points for s in series):
        return [message("chart.no_figures", title=title)]
    # suspect figures are drawn (and named by ``flags_note``) but never compared
    drawn = [c for c in (_compared(s) for s in series) if c.points]
    if not drawn:
        return [message("chart.all_suspect", title=title)]
    decimals = _series_decimals(drawn, units)
    if len(drawn) == 1:
        points = drawn[0].sorted_points()
        found = [
            message("chart.one_series", title=title, trend=_trend(points, units, decimals)),
            _extremes(points, units, decimals),
            _interval(points[-1], units, decimals),
        ]
        return [m for m in found if m is not None]

    all_points = sorted({(p.start, p.period) for s in drawn for p in s.points})
    found = [message("chart.span", title=title, first=all_points[0][1], last=all_points[-1][1])]
    for s in drawn:
        trend = _trend(s.sorted_points(), units, decimals)
        found.append(message("chart.series", label=s.label, trend=trend))
    found.append(_latest_comparison(drawn, units, decimals))
    return [m for m in found if m is not None]


def _compared(series: Series) -> Series:
    """The series without its suspect points: the figures a summary may compare."""
    return Series(series.label, tuple(p for p in series.points if not p.is_suspect))


def _latest_comparison(series: Sequence[Series], units: Units, decimals: int) -> Message | None:
    """``In 2019, the highest was 62.3%, for Female, and the lowest 58.1%, for Male.``"""
    shared: set[str] | None = None
    for s in series:
        periods = {p.period for p in s.points}
        shared = periods if shared is None else shared & periods
    if not shared:
        return None
    starts = {p.period: p.start for s in series for p in s.points}
    latest = max(shared, key=lambda period: (starts[period], period))
    values = [(s.label, next(p.value for p in s.points if p.period == latest)) for s in series]
    return _compare(values, latest, units, decimals)


def _compare(
    values: Sequence[tuple[str, float]], period: str, units: Units, decimals: int
) -> Message:
    texts = [(label, number(v, decimals), v) for label, v in values]
    top = max(v for _, _, v in texts)
    bottom = min(v for _, _, v in texts)
    top_text, bottom_text = number(top, decimals), number(bottom, decimals)
    if top_text == bottom_text:
        return message("chart.all_same", period=period, value=top, units=units, decimals=decimals)
    return message(
        "chart.highest_lowest",
        period=period,
        top=top,
        bottom=bottom,
        highest=[label for label, t, _ in texts if t == top_text],
        lowest=[label for label, t, _ in texts if t == bottom_text],
        units=units,
        decimals=decimals,
    )


def flags_note(series: Sequence[Series]) -> str:
    """``2021/22 is provisional. 2012 and 2013 are revised.``: the status flags of the
    figures a chart draws (a break in series reads ``There is a break in series at 2014.``)."""
    periods: dict[str, list[tuple[date, str]]] = {}
    for s in series:
        for p in s.sorted_points():
            if p.flag:
                found = periods.setdefault(p.flag, [])
                if (p.start, p.period) not in found:
                    found.append((p.start, p.period))
    notes = []
    for flag in sorted(periods):
        labels = [label for _, label in sorted(periods[flag])]
        if flag == "break in series":
            notes.append(message("chart.flag_break", periods=labels))
        elif flag == "suspect":
            notes.append(message("chart.flag_suspect", periods=labels))
        else:
            notes.append(message("chart.flag", periods=labels, flag=flag))
    return sentences(notes)


def summarise_bars(bars: Sequence[Bar], title: str, period: str, units: Units) -> str:
    """What a bar chart shows: the highest and the lowest, and how many bars."""
    if not bars:
        return phrase(message("chart.bars_none", title=title, period=period))
    decimals = decimals_of(units, [b.value for b in bars])
    compared = [b for b in bars if not b.is_suspect]
    left_out = _left_out([b for b in bars if b.is_suspect], units, decimals)
    if len(bars) == 1:
        one = message(
            "chart.bars_one",
            title=title,
            period=period,
            label=bars[0].label,
            value=bars[0].value,
            units=units,
            decimals=decimals,
        )
        return sentences([one, left_out])
    comparison = (
        _compare([(b.label, b.value) for b in compared], period, units, decimals)
        if len(compared) > 1
        else None
    )
    count = message("chart.bars", title=title, period=period, count=len(bars))
    return sentences([count, comparison, left_out])


def reference_note(bar: Bar, units: Units, decimals: int) -> str:
    """``Scotland: 62.6%.``: the reference figure a bar chart draws as a line."""
    return phrase(
        message("chart.reference", label=bar.label, value=bar.value, units=units, decimals=decimals)
    )


def _left_out(bars: Sequence[Bar], units: Units, decimals: int) -> Message | None:
    """``City of Edinburgh (20%) is flagged as suspect, ... left out of the comparison.``"""
    if not bars:
        return None
    named = [
        message("chart.bar", label=b.label, value=b.value, units=units, decimals=decimals)
        for b in bars
    ]
    return message("chart.bars_left_out", bars=named)
