"""The look shared by the site's charts: palette, shapes, dashes, sizes, the Altair config.

Every chart carries its data inline (a chart whose data is a separate URL renders empty
from file://), a ``description`` (Vega uses it as the SVG's accessible name) and no
encoding by colour alone: each series has its own colour (Okabe-Ito), point shape and
stroke dash, named in a legend that shows all three.
"""

import altair as alt

from build_scripts.charts.model import Units

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
