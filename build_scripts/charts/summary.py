"""Plain-words summaries of what a chart shows, generated from its figures.

Honest by construction: only arithmetic on the published figures ("rose from 61.9 to
62.3 years"), never a judgement of significance (that is the status's job), and every
figure written as published (no more decimal places than the data has).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from build_scripts import formatting
from build_scripts.analyse.wording import join_words, number
from build_scripts.charts.model import Bar, Series, SeriesPoint, Units

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


def _trend(points: Sequence[SeriesPoint], units: Units, decimals: int) -> str:
    """``rose from 61.9 in 2009-2011 to 62.3 years in 2017-2019``."""

    def fig(v: float) -> str:
        return figure(v, units, decimals)

    first, last = points[0], points[-1]
    if len(points) == 1:
        return f"was {fig(first.value)} in {first.period}"
    a, b = number(first.value, decimals), number(last.value, decimals)
    if a == b:
        return f"was {fig(first.value)} in both {first.period} and {last.period}"
    verb = "rose" if last.value > first.value else "fell"
    return f"{verb} from {fig(first.value)} in {first.period} to {fig(last.value)} in {last.period}"


def _extremes(points: Sequence[SeriesPoint], units: Units, decimals: int) -> str:
    """``The highest was 62.6 years, in 2012-2014 and 2015-2017.``

    Only when the highest (or lowest) figure is not the first or the latest, so the
    sentence adds something to the trend; every period with that figure is named.
    """
    if len(points) < 3:
        return ""
    texts = [number(p.value, decimals) for p in points]
    ends = {texts[0], texts[-1]}
    parts = []
    for word, pick in (("highest", max), ("lowest", min)):
        best = pick(points, key=lambda p: p.value)
        best_text = number(best.value, decimals)
        if best_text in ends:
            continue
        periods = [p.period for p, t in zip(points, texts, strict=True) if t == best_text]
        parts.append(
            f"the {word} was {figure(best.value, units, decimals)}, in {join_words(periods)}"
        )
    if not parts:
        return ""
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def _interval(point: SeriesPoint, units: Units, decimals: int) -> str:
    if point.lower is None or point.upper is None:
        return ""
    d = units.places(max(decimals, places([point.lower, point.upper]))) or 0
    return (
        f"The confidence interval for {point.period} is {number(point.lower, d)} "
        f"to {figure(point.upper, units, d)}."
    )


def summarise(series: Sequence[Series], title: str, units: Units) -> str:
    """What a line chart shows, in a few sentences.

    One series: its trend from the first to the latest period, the highest and lowest
    figures where they lie between, and the latest confidence interval where published.
    Several series: the trend of each, then which was highest and lowest in the latest
    period they share.
    """
    if not any(s.points for s in series):
        return f"{title}: no figures published yet."
    # suspect figures are drawn (and named by ``flags_note``) but never compared
    drawn = [c for c in (_compared(s) for s in series) if c.points]
    if not drawn:
        return f"{title}: every figure is flagged as suspect, so none is compared."
    decimals = _series_decimals(drawn, units)
    if len(drawn) == 1:
        points = drawn[0].sorted_points()
        sentences = [
            f"{title}: {_trend(points, units, decimals)}.",
            _extremes(points, units, decimals),
            _interval(points[-1], units, decimals),
        ]
        return " ".join(x for x in sentences if x)

    all_points = sorted({(p.start, p.period) for s in drawn for p in s.points})
    first, last = all_points[0][1], all_points[-1][1]
    span = first if first == last else f"{first} to {last}"
    sentences = [f"{title}, {span}."]
    for s in drawn:
        sentences.append(f"{s.label}: {_trend(s.sorted_points(), units, decimals)}.")
    sentences.append(_latest_comparison(drawn, units, decimals))
    return " ".join(x for x in sentences if x)


def _compared(series: Series) -> Series:
    """The series without its suspect points: the figures a summary may compare."""
    return Series(series.label, tuple(p for p in series.points if not p.is_suspect))


def _latest_comparison(series: Sequence[Series], units: Units, decimals: int) -> str:
    """``In 2019, the highest was 62.3%, for Female, and the lowest 58.1%, for Male.``"""
    shared: set[str] | None = None
    for s in series:
        periods = {p.period for p in s.points}
        shared = periods if shared is None else shared & periods
    if not shared:
        return ""
    starts = {p.period: p.start for s in series for p in s.points}
    latest = max(shared, key=lambda period: (starts[period], period))
    values = [(s.label, next(p.value for p in s.points if p.period == latest)) for s in series]
    return _compare(values, latest, units, decimals)


def _compare(values: Sequence[tuple[str, float]], period: str, units: Units, decimals: int) -> str:
    texts = [(label, number(v, decimals), v) for label, v in values]
    top = max(v for _, _, v in texts)
    bottom = min(v for _, _, v in texts)
    top_text, bottom_text = number(top, decimals), number(bottom, decimals)
    if top_text == bottom_text:
        return f"In {period}, all were {figure(top, units, decimals)}."
    highest = [label for label, t, _ in texts if t == top_text]
    lowest = [label for label, t, _ in texts if t == bottom_text]
    return (
        f"In {period}, the highest was {figure(top, units, decimals)}, for {join_words(highest)}, "
        f"and the lowest {figure(bottom, units, decimals)}, for {join_words(lowest)}."
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
    sentences = []
    for flag in sorted(periods):
        labels = [label for _, label in sorted(periods[flag])]
        if flag == "break in series":
            sentences.append(f"There is a break in series at {join_words(labels)}.")
        elif flag == "suspect":
            verb = "is" if len(labels) == 1 else "are"
            sentences.append(
                f"{join_words(labels)} {verb} flagged as suspect, probably a slip in the "
                "source, and left out of comparisons."
            )
        else:
            verb = "is" if len(labels) == 1 else "are"
            sentences.append(f"{join_words(labels)} {verb} {flag}.")
    return " ".join(sentences)


def summarise_bars(bars: Sequence[Bar], title: str, period: str, units: Units) -> str:
    """What a bar chart shows: the highest and the lowest, and how many bars."""
    if not bars:
        return f"{title}, {period}: no figures published yet."
    decimals = decimals_of(units, [b.value for b in bars])
    compared = [b for b in bars if not b.is_suspect]
    left_out = _left_out([b for b in bars if b.is_suspect], units, decimals)
    if len(bars) == 1:
        text = f"{title}, {period}: {bars[0].label} {figure(bars[0].value, units, decimals)}."
        return " ".join(x for x in (text, left_out) if x)
    comparison = (
        _compare([(b.label, b.value) for b in compared], period, units, decimals)
        if len(compared) > 1
        else ""
    )
    return " ".join(
        x for x in (f"{title}, {period}, {len(bars)} figures.", comparison, left_out) if x
    )


def _left_out(bars: Sequence[Bar], units: Units, decimals: int) -> str:
    """``City of Edinburgh (20%) is flagged as suspect, ... left out of the comparison.``"""
    if not bars:
        return ""
    named = join_words([f"{b.label} ({figure(b.value, units, decimals)})" for b in bars])
    verb = "is" if len(bars) == 1 else "are"
    return (
        f"{named} {verb} flagged as suspect, probably a slip in the source, and left out "
        "of the comparison."
    )
