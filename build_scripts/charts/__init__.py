"""Charts: Vega-Lite specs built from series of figures, a plain-words summary of each,
static SVG (cached) for reading without JavaScript, and the scripts that make them
interactive. See ``docs/charts.md``.

Typical use::

    chart = line_chart("hle-headline", "Healthy life expectancy, females", [series],
                       y_title="Healthy life expectancy", units=Units("years"))
    svgs = render_all(charts, cache_dir=Path("build/chart-cache"))
    (dest / f"{chart.id}.svg").write_text(svgs[chart.id])
    block = chart_html(chart, svgs[chart.id], svg_href=f"../charts/{chart.id}.svg")
    write_vega_assets(site_docs / "assets" / "javascripts")
"""

from build_scripts.charts.assets import write_vega_assets
from build_scripts.charts.bar import bar_chart
from build_scripts.charts.html import chart_html
from build_scripts.charts.line import line_chart, sparkline
from build_scripts.charts.model import Bar, Chart, Series, SeriesPoint, Units, series_from_figures
from build_scripts.charts.render import RenderStats, SvgRenderer, render_all
from build_scripts.charts.style import PALETTE
from build_scripts.charts.summary import summarise, summarise_bars

__all__ = [
    "PALETTE",
    "Bar",
    "Chart",
    "RenderStats",
    "Series",
    "SeriesPoint",
    "SvgRenderer",
    "Units",
    "bar_chart",
    "chart_html",
    "line_chart",
    "render_all",
    "series_from_figures",
    "sparkline",
    "summarise",
    "summarise_bars",
    "write_vega_assets",
]
