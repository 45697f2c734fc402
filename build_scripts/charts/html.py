"""The HTML block a Markdown page embeds for a chart (``md_in_html`` passes it through),
written by the template ``templates/figure.html.j2``.

```html
<figure class="npf-chart npf-chart--line" id="chart-<id>">
  <div class="npf-chart__static"><img src="<id>.svg" alt="Line chart: ..." ...></div>
  <button type="button" class="npf-chart__explore" hidden>Explore this chart</button>
  <figcaption id="chart-<id>-summary">the summary</figcaption>
  <script type="application/json" class="vega-spec">{...}</script>
</figure>
```

The static SVG reads without JavaScript; ``charts.js`` draws the interactive chart from
the inline spec over it when the reader asks for it (the figure's "Explore this chart"
button, hidden until charts.js shows it), loading Vega then: pages do not load Vega's
900 KB on their own. The ``<img>`` form (``svg_href``) is the one to use on pages:
the SVG stays out of the HTML (smaller pages, no axis labels in the search index, no id
clashes between charts), loads lazily, and works from file://. Without ``svg_href`` the
SVG is inlined, its ids prefixed with the chart's id.
"""

from __future__ import annotations

import functools
import json
import re
from html import escape
from pathlib import Path

import jinja2
from markupsafe import Markup

from build_scripts.charts.choropleth import page_spec
from build_scripts.charts.model import Chart
from build_scripts.charts.render import namespace_ids
from build_scripts.messages import Message, message, phrase

_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"')


def svg_size(svg: str) -> tuple[int, int]:
    """The width and height the SVG declares, in pixels."""
    match = _SIZE.search(svg)
    if not match:
        raise ValueError("the SVG declares no width and height")
    return round(float(match.group(1))), round(float(match.group(2)))


def spec_json(chart: Chart) -> str:
    """The spec as JSON that is safe inside a ``<script>`` element: ``<``, ``>`` and
    ``&`` escaped as ``\\u003c`` and so on (JSON.parse reads them back). A map's spec
    leaves its shapes out (``choropleth.page_spec``)."""
    spec = chart.spec if chart.boundaries is None else page_spec(chart.spec, chart.boundaries)
    text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko, ... and their
# presentation forms), and a run of them with the digits and spaces inside it.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
RTL_RUN = re.compile(f"[{_RTL}](?:[{_RTL}0-9 '\u2019-]*[{_RTL}0-9])?")


def isolate_rtl(escaped: str) -> str:
    """An escaped sentence with each right-to-left run (a name, among English words)
    isolated in ``<bdi>``, so it cannot reorder the words around it."""
    return RTL_RUN.sub(lambda m: f"<bdi>{m.group()}</bdi>", escaped)


def _safe_id(chart_id: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]+", chart_id):
        raise ValueError(f"chart id must be letters, digits, '-' or '_': {chart_id!r}")
    return chart_id


@functools.cache
def templates() -> jinja2.Environment:
    """The charts' Jinja2 templates (``templates/``: figures, embed pages, snippets),
    autoescaped, with the filters they share."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["attr"] = lambda value: Markup(escape(value, quote=True))
    env.filters["text"] = lambda value: Markup(isolate_rtl(escape(value, quote=False)))
    return env


def _downloads(svg_href: str, csv_href: str | None, png_href: str | None) -> Markup:
    """ "Download this chart: SVG, PNG, and its figures as CSV", each a link."""
    link = Markup('<a href="{}" download>{}</a>')

    def named(href: str | None, said: Message) -> Markup | str:
        return link.format(href, phrase(said)) if href else ""

    return Markup(
        phrase(
            message(
                "chart.downloads",
                svg=named(svg_href, message("chart.svg")),
                png=named(png_href, message("chart.png")),
                csv=named(csv_href, message("chart.csv")),
            )
        )
    )


def chart_html(
    chart: Chart,
    svg: str,
    *,
    svg_href: str | None = None,
    csv_href: str | None = None,
    png_href: str | None = None,
) -> str:
    """One ``<figure>`` on one line (``templates/figure.html.j2``): the static chart, its
    summary as the caption, and (for interactive charts) the Vega-Lite spec for
    ``charts.js``.

    The image's accessible name is ``chart.alt`` (short: kind, title, periods); the
    caption carries the full summary and is linked as its description, so a screen
    reader does not read the summary twice.
    """
    cid = _safe_id(chart.id)
    figure_id = f"chart-{cid}"
    caption_id = f"{figure_id}-summary"
    width, height = svg_size(svg)
    return (
        templates()
        .get_template("figure.html.j2")
        .render(
            kind=chart.kind,
            figure_id=figure_id,
            caption_id=caption_id,
            src=svg_href,
            alt=chart.alt,
            width=width,
            height=height,
            inline_svg=None if svg_href is not None else Markup(_inline(chart, svg, figure_id)),
            summary=chart.summary,
            spec=Markup(spec_json(chart)) if chart.interactive else None,
            explore=phrase(message("chart.explore")) if chart.interactive else None,
            downloads=_downloads(svg_href, csv_href, png_href) if svg_href else None,
        )
    )


def _inline(chart: Chart, svg: str, figure_id: str) -> str:
    """The SVG for inlining: its ids prefixed with the figure's, the short alt as its name
    and the caption as its description (the file's own name is the summary)."""
    caption_id = f"{figure_id}-summary"
    inline = namespace_ids(svg, figure_id)
    inline = re.sub(
        r'aria-label="[^"]*"',
        f'aria-label="{escape(chart.alt, quote=True)}" aria-describedby="{caption_id}"',
        inline,
        count=1,
    )
    inline = re.sub(r"<title>.*?</title>", "", inline, count=1, flags=re.S)
    inline = re.sub(r"<svg\b", '<svg style="max-width:100%;height:auto"', inline, count=1)
    return inline.replace("\n", " ")
