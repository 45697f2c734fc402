"""The look shared by the site's charts: palette, shapes, dashes, sizes, the Altair config.

Every chart carries its data inline (a chart whose data is a separate URL renders empty
from file://), a ``description`` (Vega uses it as the SVG's accessible name) and no
encoding by colour alone: each series has its own colour (Okabe-Ito), point shape and
stroke dash, named in a legend that shows all three.
"""

import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt

from build_scripts.charts.model import Units
from build_scripts.messages import message, phrase

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

CONFIG = alt.Config(
    font="sans-serif",
    axis=alt.AxisConfig(
        labelFontSize=FONT_SIZE,
        titleFontSize=FONT_SIZE,
        titleFontWeight="normal",
        labelColor="#333333",
        titleColor="#333333",
        gridColor="#e6e6e6",
    ),
    legend=alt.LegendConfig(
        labelFontSize=FONT_SIZE,
        titleFontSize=FONT_SIZE,
        titleFontWeight="normal",
        symbolSize=90,
        symbolStrokeWidth=0,
        symbolOpacity=1,
        labelLimit=360,
    ),
    view=alt.ViewConfig(stroke=None),
)


def axis_title(title: str, units: Units) -> str:
    """``Healthy life expectancy (years)``, ``Adults (%)``."""
    suffix = units.axis_suffix
    return f"{title} ({suffix})" if suffix else title


# A value axis title of 14 px text runs along the plot's 240 px: longer titles are
# broken into lines of this many characters, rather than running off the chart.
AXIS_CHARACTERS = 32


def axis_lines(title: str) -> str | list[str]:
    """``title`` as the lines of a vertical axis title: itself where it fits."""
    if len(title) <= AXIS_CHARACTERS:
        return title
    return textwrap.wrap(title, AXIS_CHARACTERS)


FOOTER_FONT_SIZE = 12
FOOTER_CHARACTERS = 62  # a footer line of 12 px text fits the static chart's width


@dataclass(frozen=True)
class ValueScale:
    """The scale of a chart's values: from zero (``domain`` None: Vega-Lite's own, with
    zero in it), or an explicit domain that does not reach zero, which the chart then
    says in its footer (``from_zero`` False)."""

    domain: tuple[float, float] | None

    @property
    def from_zero(self) -> bool:
        return self.domain is None

    def scale(self) -> alt.Scale:
        if self.domain is None:
            return alt.Scale(zero=True)
        return alt.Scale(zero=False, nice=False, domain=list(self.domain))


def _nice_step(span: float) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) near a quarter of ``span``."""
    raw = span / 4
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def value_scale(values: Iterable[float], units: Units) -> ValueScale:
    """Where a chart's value axis starts. Shares (percentages) start at zero, as their
    unit calls for; so does any axis whose figures reach zero or below, or whose rounded
    range would. Otherwise the axis runs over the rounded range of the figures (bounds
    included), which does not start at zero, and the chart says so."""
    seen = [v for v in values if not math.isnan(v)]
    if not seen or units.symbol:
        return ValueScale(None)
    low, high = min(seen), max(seen)
    if low <= 0:
        return ValueScale(None)
    step = _nice_step(high - low if high > low else abs(high) / 2)
    # a step beyond a figure that falls on a round number, so no point sits on the edge
    start = math.floor(low / step) * step
    start -= step if start == low else 0
    end = math.ceil(high / step) * step
    end += step if end == high else 0
    if start <= 0:
        return ValueScale(None)
    return ValueScale((round(start, 12), round(end if end > start else start + step, 12)))


def footer_text(lines: Sequence[str]) -> list[str]:
    """The lines of a footer, each wrapped to the static chart's width."""
    return [part for line in lines if line for part in textwrap.wrap(line, FOOTER_CHARACTERS)]


def footer(lines: Sequence[str]) -> alt.TitleParams | Any:
    """Lines of small text under a chart (period, source, a note on its axis), each
    wrapped to the static chart's width, so that a screenshot of the chart keeps them."""
    wrapped = footer_text(lines)
    if not wrapped:
        return alt.Undefined
    return alt.TitleParams(
        text=wrapped,
        orient="bottom",
        anchor="start",
        fontSize=FOOTER_FONT_SIZE,
        fontWeight="normal",
        color="#333333",
        offset=12,
    )


def footer_lines(first: str, last: str, source: str | None, from_zero: bool) -> list[str]:
    """The words of a chart's footer: its periods, where its figures come from, and
    (for a value axis that does not start at zero) a note that says so."""
    lines = [phrase(message("chart.footer_periods", first=first, last=last))] if first else []
    if not from_zero:
        lines.append(phrase(message("chart.footer_not_zero")))
    if source:
        lines.append(phrase(message("chart.footer_source", source=source)))
    return lines
