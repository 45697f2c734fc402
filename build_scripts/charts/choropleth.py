"""Maps: a measure's latest figures by place, each place shaded by its figure.

A Vega-Lite ``geoshape`` chart in two layers over the geography's boundaries (TopoJSON,
``build_scripts/boundaries.py``): the places with no figure in light grey, then the
places with figures, shaded on one sequential scale (darker is higher) with a legend
whose title says which end is better. The chart's own data are the
places' rows (``label``, ``figure``, ``rank``), as the other charts' are, for tooltips
and the keyboard readout of ``charts.js``; the shapes are looked up by the place's code.

The spec carries the topology inline, so vl-convert renders the static SVG from it. The
spec written into a page leaves it out (``page_spec``): ``charts.js`` puts back the
site's own copy (``assets/javascripts/boundaries/<type>.js``) when a reader explores the
map, so the 46 KB of shapes are not in every page's HTML.
"""

from __future__ import annotations

import textwrap
from typing import Any, Final

import altair as alt

from build_scripts.analyse.maps import MapData
from build_scripts.boundaries import OBJECT, BoundaryFile
from build_scripts.charts.model import Bar, Chart, Units
from build_scripts.charts.specs import SpecCache, make_spec
from build_scripts.charts.style import CONFIG, WIDTH, axis_title
from build_scripts.charts.summary import decimals_of, figure, summarise_bars
from build_scripts.charts.vega import Verbatim, vega_lite
from build_scripts.messages import message, phrase

HEIGHT = 520  # the projection fits the shapes into WIDTH x HEIGHT, keeping their aspect
NO_FIGURE = "#d9d9d9"
BORDER = "#ffffff"
SCHEME: Final = "blues"
TOPOJSON = "topojson"
LEGEND_LINE = 50  # characters a line of the legend's title (about the map's width)


def _shapes(boundaries: BoundaryFile) -> dict[str, Any]:
    shapes = Verbatim(boundaries.topology)
    return {"values": shapes, "format": {"type": TOPOJSON, "feature": OBJECT}}


def legend_title(title: str, units: Units, direction: str) -> list[str]:
    """The legend's title: the measure and its unit (in lines that fit the map's
    width), then what darker means."""
    lines = textwrap.wrap(axis_title(title, units), LEGEND_LINE)
    return [*lines, phrase(message("chart.map_legend", direction=direction))]


@vega_lite
def map_spec(
    data: MapData,
    boundaries: BoundaryFile,
    *,
    title: str,
    units: Units,
    description: str,
    decimals: int,
) -> alt.TopLevelLayerSpec:
    """The two layers over the boundaries, rows of ``data`` (suspect figures left out)."""
    values = []
    for r in data.rows:
        if r.is_suspect:
            continue
        text = figure(r.value, units, decimals)
        if r.flag:
            text += f", {r.flag}" + (f": {r.note}" if r.note else "")
        values.append(
            {"code": r.code, "label": r.label, "value": r.value, "figure": text, "rank": r.rank}
        )
    tooltip = [
        alt.Tooltip(field="label", type="nominal", title=phrase(message("chart.tooltip_place"))),
        alt.Tooltip(field="figure", type="nominal", title=phrase(message("chart.tooltip_figure"))),
        alt.Tooltip(field="rank", type="quantitative", title=phrase(message("chart.tooltip_rank"))),
    ]
    legend = alt.Legend(
        # a total's places are not better or worse: only "darker is higher"
        title=legend_title(title, units, "" if data.total else data.direction),
        orient="bottom",
        direction="horizontal",
        gradientLength=260,
        titleLimit=WIDTH,
    )
    # the places with no figure: every shape whose code has no row, in grey
    background = alt.UnitSpec(
        data=_shapes(boundaries),
        transform=[
            {
                "lookup": "id",
                "from": {"data": {"values": values}, "key": "code", "fields": ["value"]},
            },
            alt.FilterTransform(filter="!isValid(datum.value)"),
        ],
        mark=alt.MarkDef(
            type="geoshape", fill=NO_FIGURE, stroke=BORDER, strokeWidth=0.6, aria=False
        ),
    )
    shaded = alt.UnitSpec(
        # plain JSON: Altair names the property ``from_``, which ``plain`` keeps
        transform=[
            {"lookup": "code", "from": {"data": _shapes(boundaries), "key": "id"}, "as": "geo"}
        ],
        mark=alt.MarkDef(type="geoshape", stroke=BORDER, strokeWidth=0.6, aria=False),
        encoding=alt.Encoding(
            shape=alt.Shape(field="geo", type="geojson"),
            color=alt.Color(
                field="value", type="quantitative", scale=alt.Scale(scheme=SCHEME), legend=legend
            ),
            tooltip=tooltip,
        ),
    )
    return alt.TopLevelLayerSpec(
        data={"values": values},
        layer=[background, shaded],
        projection=alt.Projection(type="mercator"),
        width=WIDTH,
        height=HEIGHT,
        description=description,
        config=CONFIG,
    )


def map_chart(
    id: str,
    title: str,
    data: MapData,
    boundaries: BoundaryFile,
    *,
    units: Units,
    specs: SpecCache | None = None,
) -> Chart:
    """The map of ``data`` over ``boundaries``; its summary names the highest and the
    lowest (as a bar chart's does) and the places with no figure."""
    bars = [Bar(r.label, r.value, flag=r.flag, note=r.note) for r in data.rows]
    bars.sort(key=lambda b: (-b.value, b.label))
    for r in data.rows:
        if r.is_suspect:  # the summary leaves out what the map leaves out, saying so
            bars[[b.label for b in bars].index(r.label)] = Bar(r.label, r.value, flag="suspect")
    summary = summarise_bars(bars, title, data.period, units)
    if data.missing:
        missing = message("chart.map_missing", places=list(data.missing), period=data.period)
        summary += " " + phrase(missing)
    decimals = decimals_of(units, [r.value for r in data.rows])
    spec = make_spec(
        specs,
        "map",
        (data, boundaries, units, decimals, title, summary),
        lambda: map_spec(
            data, boundaries, title=title, units=units, description=summary, decimals=decimals
        ),
    )
    return Chart(
        id=id,
        kind="map",
        title=title,
        spec=spec,
        summary=summary,
        alt=phrase(message("chart.alt_map", title=title, period=data.period)),
        bars=tuple(bars),
        boundaries=boundaries.breakdown_type,
    )


def page_spec(spec: dict[str, Any], breakdown_type: str) -> dict[str, Any]:
    """The spec without its topology (each inline TopoJSON's ``values`` left out), and
    the geography named in ``usermeta.boundaries``, for ``charts.js`` to fill in."""

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            if node.get("format", {}).get("type") == TOPOJSON and "values" in node:
                return {k: v for k, v in node.items() if k != "values"}
            return {k: strip(v) for k, v in node.items()}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    lean: dict[str, Any] = strip(spec)
    lean["usermeta"] = {**lean.get("usermeta", {}), "boundaries": breakdown_type}
    return lean
