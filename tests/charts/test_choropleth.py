"""Maps (``charts/choropleth.py``) over a made-up geography of three square places,
as TopoJSON written by hand: the spec (valid Vega-Lite, rows for tooltips and the
keyboard, legend wording by direction), the page's spec without the shapes, and the
static SVG vl-convert draws from it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema
from shapely.geometry import box

from build_scripts.analyse.maps import BEST, HIGHEST, MapData, MapRow
from build_scripts.boundaries import BoundaryFile, read_boundaries
from build_scripts.charts import Units
from build_scripts.charts.choropleth import map_chart, page_spec
from build_scripts.charts.html import chart_html
from build_scripts.charts.render import render_all
from build_scripts.contract import SUSPECT
from build_scripts.errors import NpfError
from build_scripts.importers.boundaries import Area, convert

PERCENT = Units("%", is_percentage=True, decimals=1)


@pytest.fixture(scope="module")
def topology() -> dict[str, Any]:
    """Three unit squares side by side (West, Mid, East), made into TopoJSON by the
    importer's converter."""
    areas = [
        Area("X01", "West", box(0, 50, 1, 51)),
        Area("X02", "Mid", box(1, 50, 2, 51)),
        Area("X03", "East", box(2, 50, 3, 51)),
    ]
    return convert(areas, quantisation=1000).topology


@pytest.fixture
def boundaries(tmp_path: Path, topology: dict[str, Any]) -> BoundaryFile:
    path = tmp_path / "places.topojson"
    path.write_text(json.dumps(topology), encoding="utf-8")
    return read_boundaries(path, "region")


def data(direction: str = "higher is better", rows: tuple[MapRow, ...] | None = None) -> MapData:
    rows = rows or (
        MapRow("X02", "Mid", 30.0, 1),
        MapRow("X01", "West", 12.5, 2, flag="provisional", note="Revised in May"),
    )
    return MapData(
        "region",
        "rate",
        "2020",
        rows,
        ("East",),
        BEST if direction != "no preferred direction" else HIGHEST,
        direction,
    )


def test_spec_is_valid_vega_lite_with_rows_for_tooltips_and_keyboard(
    boundaries: BoundaryFile,
) -> None:
    chart = map_chart("rate--region--map", "Rate", data(), boundaries, units=PERCENT)
    validate_jsonschema(chart.spec, load_schema())
    assert chart.kind == "map" and chart.boundaries == "region"
    assert chart.spec["data"]["values"] == [
        {"code": "X02", "label": "Mid", "value": 30.0, "figure": "30.0%", "rank": 1},
        {
            "code": "X01",
            "label": "West",
            "value": 12.5,
            "figure": "12.5%, provisional: Revised in May",
            "rank": 2,
        },
    ]
    background, shaded = chart.spec["layer"]
    assert background["data"]["values"] == boundaries.topology
    assert background["data"]["format"] == {"type": "topojson", "feature": "places"}
    lookup = shaded["transform"][0]
    assert (lookup["lookup"], lookup["from"]["key"], lookup["as"]) == ("code", "id", "geo")
    assert shaded["encoding"]["color"]["field"] == "value"
    assert "East" in chart.summary and "grey" in chart.summary
    assert chart.alt == "Map: Rate, 2020."


@pytest.mark.parametrize(
    ("direction", "said"),
    [
        ("higher is better", "Darker is higher, and higher is better"),
        ("lower is better", "Darker is higher, and lower is better"),
        ("no preferred direction", "Darker is higher"),
    ],
)
def test_the_legend_says_what_darker_means(
    boundaries: BoundaryFile, direction: str, said: str
) -> None:
    chart = map_chart("m", "Rate", data(direction), boundaries, units=PERCENT)
    title = chart.spec["layer"][1]["encoding"]["color"]["legend"]["title"]
    assert title == ["Rate (%)", said]


def test_a_suspect_figure_is_not_drawn_but_is_summarised(boundaries: BoundaryFile) -> None:
    rows = (MapRow("X02", "Mid", 30.0, 1), MapRow("X01", "West", 90.0, None, flag=SUSPECT))
    chart = map_chart("m", "Rate", data(rows=rows), boundaries, units=PERCENT)
    assert [r["code"] for r in chart.spec["data"]["values"]] == ["X02"]
    assert "West (90.0%) is flagged as suspect" in chart.summary


def test_the_page_spec_leaves_out_the_shapes_and_names_the_geography(
    boundaries: BoundaryFile,
) -> None:
    chart = map_chart("m", "Rate", data(), boundaries, units=PERCENT)
    lean = page_spec(chart.spec, "region")
    assert lean["usermeta"] == {"boundaries": "region"}
    text = json.dumps(lean)
    assert '"arcs"' not in text and "values" in text  # the rows stay, the shapes go
    assert lean["layer"][0]["data"] == {"format": {"type": "topojson", "feature": "places"}}
    assert "values" not in lean["layer"][1]["transform"][0]["from"]["data"]
    assert (
        chart.spec["layer"][0]["data"]["values"] == boundaries.topology
    )  # the chart's own is kept
    html = chart_html(chart, '<svg width="400" height="520"></svg>', svg_href="m.svg")
    spec = json.loads(re.search(r'class="vega-spec">(.*?)</script>', html).group(1))
    assert spec == json.loads(json.dumps(lean))


def test_the_static_map_shades_the_places_and_greys_the_missing(
    boundaries: BoundaryFile, tmp_path: Path
) -> None:
    chart = map_chart("m", "Rate", data(), boundaries, units=PERCENT)
    svg = render_all([chart], tmp_path / "cache")["m"]
    fills = re.findall(r'<path transform="translate\(0,0\)" d="M[^"]*" fill="([^"]+)"', svg)
    # East (no figure) in grey, Mid and West in two shades of the scale, once each
    assert len(fills) == 3
    assert fills.count("#d9d9d9") == 1
    assert len(set(fills)) == 3
    assert "Darker is higher, and higher is better" in svg and "Rate (%)" in svg


def test_a_boundary_file_that_is_not_topojson_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    with pytest.raises(NpfError, match="not a TopoJSON topology") as raised:
        read_boundaries(path, "region")
    assert raised.value.problems[0].code == "boundaries-file"
    path.write_text('{"type": "Topology", "objects": {"places": {"geometries": [{}]}}}')
    with pytest.raises(NpfError, match="needs its place's code as its id"):
        read_boundaries(path, "region")


def test_a_map_is_the_same_bytes_whatever_was_drawn_before(
    boundaries: BoundaryFile, tmp_path: Path
) -> None:
    """Vega numbers the legend's gradient with a count of every gradient it drew before
    in the process; the SVG is numbered afresh, so a build's order changes no byte."""
    chart = map_chart("m", "Rate", data(), boundaries, units=PERCENT)
    other = map_chart("o", "Other", data("lower is better"), boundaries, units=PERCENT)
    first = render_all([chart], tmp_path / "a")["m"]
    render_all([other], tmp_path / "b")
    again = render_all([chart], tmp_path / "c")["m"]
    assert 'id="gradient_0"' in first and "url(#gradient_0)" in first
    assert again == first
