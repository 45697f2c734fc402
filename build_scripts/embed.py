"""Embeddable chart pages: one standalone HTML page per indicator chart (a measure's
headline chart and each breakdown chart), for an ``<iframe>`` on another site.

An embed page is not a MkDocs page (no navigation, no search): it is written by the
template ``charts/templates/embed.html.j2`` into the cache under the hash of its bytes
and linked into the site at ``urls.embed(chart id)`` as the downloads are
(``mkdocs_hooks``). It holds the chart's static SVG (an ``<img>`` of the site's own
``charts/`` file), its title and summary, a table of its figures in a ``<details>``,
the sources, the licence and attribution, and a link back to the indicator page
(absolute when the project has a site address, else relative). An interactive chart
also carries its Vega-Lite spec and "Explore this chart", drawn by the site's own
``charts.js`` (which loads the site's ``vega.js`` only when the reader asks) as on the
indicator page. A small inline script posts the page's height to the embedding page
(``npf-embed-height``) whenever it changes, which the snippet (``snippet``) listens for.
The page asks for nothing outside the site.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from build_scripts import urls
from build_scripts.analyse.indicators import measure_units
from build_scripts.charts.html import spec_json, svg_size, templates
from build_scripts.charts.model import Chart
from build_scripts.config import Project
from build_scripts.downloads import cached_bytes
from build_scripts.messages import message, phrase
from build_scripts.model import Framework, Indicator, Measure

# Room for the title, caption, source and licence under the chart, in pixels: the
# frame's height before the page posts its own.
EXTRA_HEIGHT = 220
CHARTS_SCRIPT = "assets/javascripts/charts.js"
"""The site's script that draws a chart with Vega when the reader asks (``charts.js``)."""


@dataclass(frozen=True)
class SourceRef:
    """A source as the embed page names it: its title, linked when it has a page."""

    title: str
    url: Markup  # escaped (``urls.url``); empty when the source has no web page


@dataclass(frozen=True)
class ReleaseNote:
    """What an embed frozen to a release says of it (``frozen``): which release its
    figures are from, and links to the latest figures and to that release's data."""

    text: str
    latest_text: str
    latest_href: Markup  # escaped
    data_text: str
    data_href: Markup  # escaped


@dataclass(frozen=True)
class EmbedPage:
    """Everything an embed page shows, as text (the template escapes it)."""

    chart_id: str
    kind: str  # the chart's kind ("line", "bar"), for its figure's class
    language: str  # the project's, for <html lang>
    page_title: str
    title: str
    summary: str
    alt: str
    svg_src: Markup  # relative to the embed page, escaped
    width: int
    height: int
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sources: tuple[SourceRef, ...]
    licence_title: str
    licence_url: Markup  # escaped; empty when the licence's address is no web address
    attribution: str
    back_text: str
    back_href: Markup
    # an interactive chart's Vega-Lite spec (safe in a <script>), the words of its
    # button and the site's charts.js relative to the page; empty for a static chart
    spec: Markup
    explore: str
    charts_js: Markup
    release: ReleaseNote | None = None  # set on a page frozen to a release


def embedded_charts(
    framework: Framework, charts: Sequence[Chart]
) -> list[tuple[Chart, Indicator, Measure]]:
    """The charts that get an embed page: an indicator measure's headline and breakdown
    charts (not sparklines, maps or evidence charts), each with its indicator and measure."""
    found = []
    for chart in charts:
        parts = chart.id.split("--")
        if len(parts) < 3 or parts[-1] == "map":
            continue
        indicator = framework.indicators.get(parts[0])
        if indicator is None:
            continue
        measure = next((m for m in indicator.measures if m.name == parts[1]), None)
        if measure is not None:
            found.append((chart, indicator, measure))
    return found


def back_link(project: Project, page: str, target: str) -> Markup:
    """The link from ``page`` to ``target`` (paths under docs): absolute under the site's
    address when one is set, else relative."""
    if project.publishing.site_url:
        return Markup(urls.url(project.publishing.site_url + urls.url(target)))
    return Markup(urls.href(page, target))


def embed_page(
    framework: Framework,
    chart: Chart,
    svg: str,
    indicator: Indicator,
    measure: Measure,
    project: Project,
    page: str = "",
    svg_path: str = "",
) -> EmbedPage:
    """The embed page's content for one chart: the page at ``page`` (by default its
    current one, ``urls.embed``) showing the SVG at ``svg_path`` (by default the
    chart's own, ``urls.chart_svg``)."""
    page = page or urls.embed(chart.id)
    units = measure_units(framework, measure)
    column = lambda key: phrase(message(f"page.column.{key}"))  # noqa: E731
    rows: tuple[tuple[str, ...], ...]
    if chart.series:
        headers: tuple[str, ...] = (column("period"), column("group"), column("figure"))
        rows = tuple(
            (p.period, s.label, units.figure(p.value))
            for s in chart.series
            for p in s.sorted_points()
        )
    else:
        headers = (column("group"), column("figure"))
        rows = tuple((b.label, units.figure(b.value)) for b in chart.bars)
    width, height = svg_size(svg)
    return EmbedPage(
        chart_id=chart.id,
        kind=chart.kind,
        language=project.language,
        page_title=phrase(message("embed.title", title=chart.title, site=project.name)),
        title=chart.title,
        summary=chart.summary,
        alt=chart.alt,
        svg_src=Markup(urls.href(page, svg_path or urls.chart_svg(chart.id))),
        width=width,
        height=height,
        headers=headers,
        rows=rows,
        sources=tuple(
            SourceRef(s.title, Markup(urls.url(s.url)) if urls.web(s.url) else Markup(""))
            for s in indicator.sources
        ),
        licence_title=project.licence.title,
        licence_url=Markup(urls.url(project.licence.url) if urls.web(project.licence.url) else ""),
        attribution=project.licence.attribution,
        back_text=phrase(message("embed.back", indicator=indicator.title, site=project.name)),
        back_href=back_link(project, page, urls.indicator(indicator.slug)),
        spec=Markup(spec_json(chart)) if chart.interactive else Markup(""),
        explore=phrase(message("chart.explore")) if chart.interactive else "",
        charts_js=Markup(urls.href(page, CHARTS_SCRIPT)) if chart.interactive else Markup(""),
    )


def embed_html(page: EmbedPage) -> str:
    """The standalone page (``charts/templates/embed.html.j2``)."""
    return (
        templates()
        .get_template("embed.html.j2")
        .render(
            page=page,
            figures=phrase(message("embed.figures")),
            source=phrase(message("embed.source")),
            licence=phrase(message("embed.licence")),
        )
    )


def snippet(project: Project, chart: Chart, svg: str) -> str:
    """The copy-paste HTML that embeds a chart: an ``<iframe>`` (its address absolute
    under the site's address when one is set, else relative to the site's root) and
    a listener that sizes it from the height the embed page posts."""
    return frame(project, urls.embed(chart.id), chart.title, svg_size(svg)[1], chart.id)


def frame(project: Project, path: str, title: str, svg_height: int, chart_id: str) -> str:
    """The snippet of the embed page at ``path`` (a path in the site), framing a chart of
    ``svg_height`` pixels titled ``title``."""
    site_url = project.publishing.site_url
    src = Markup(urls.url(site_url + urls.url(path) if site_url else path))
    height = svg_height + EXTRA_HEIGHT
    return (
        templates()
        .get_template("embed-snippet.html.j2")
        .render(src=src, title=title, height=height, id=chart_id)
        .strip()
    )


def embed_files(
    framework: Framework,
    charts: Sequence[Chart],
    svgs: Mapping[str, str],
    project: Project,
    cache: Path,
) -> dict[str, Path]:
    """Each embed page's bytes in ``cache`` (under their hash), by path in the site."""
    files = {}
    for chart, indicator, measure in embedded_charts(framework, charts):
        svg = svgs.get(chart.id)
        if not svg:
            continue
        data = embed_html(embed_page(framework, chart, svg, indicator, measure, project)).encode()
        key = hashlib.sha256(data).hexdigest()
        files[urls.embed(chart.id)] = cached_bytes(cache, key, ".html", data)
    return files
