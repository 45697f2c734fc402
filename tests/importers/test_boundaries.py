"""The boundary converter (``importers/boundaries.py``): on small shapefiles written
with pyshp under ``tmp_path`` (made-up squares whose shared border does not match, as
the real file's do not) and on the extract of the real file in the fixtures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import shapefile
import shapely
from shapely.geometry import MultiPolygon, Polygon

from build_scripts.errors import NpfError
from build_scripts.importers.boundaries import (
    OBJECT,
    SHAPEFILE,
    convert,
    read_areas,
    write_topology,
)
from build_scripts.importers.councils import read_councils

FIXTURES = Path(__file__).parent.parent / "fixtures" / "source-data"
CODES = {"West": "X01", "East": "X02", "Isle": "X03"}


def write_shapefile(path: Path, shapes: dict[str, list[list[tuple[float, float]]]]) -> Path:
    """A polygon shapefile with one record per name (field ``NAME``); each shape is a
    list of rings (clockwise outer rings, as the format wants)."""
    with shapefile.Writer(str(path), shapeType=shapefile.POLYGON) as w:
        w.field("NAME", "C", size=40)
        for name, rings in shapes.items():
            w.poly(rings)
            w.record(name)
    return path


def square(
    x0: float, y0: float, x1: float, y1: float, step: float = 0.1
) -> list[tuple[float, float]]:
    """A clockwise ring around the box, with a vertex every ``step`` along each side."""
    n = max(1, round((y1 - y0) / step))
    m = max(1, round((x1 - x0) / step))
    left = [(x0, y0 + i * (y1 - y0) / n) for i in range(n)]
    top = [(x0 + i * (x1 - x0) / m, y1) for i in range(m)]
    right = [(x1, y1 - i * (y1 - y0) / n) for i in range(n)]
    bottom = [(x1 - i * (x1 - x0) / m, y0) for i in range(m)]
    return [*left, *top, *right, *bottom, (x0, y0)]


def decode(topology: dict[str, Any]) -> dict[str, Polygon | MultiPolygon]:
    """Each geometry of the TopoJSON as a shapely shape, by id (the TopoJSON spec:
    delta-encoded quantised arcs, a negative index ``~i`` for arc ``i`` reversed)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points += arc if not points else arc[1:]
        return points

    def polygon(rings: list[list[int]]) -> Polygon:
        return Polygon(ring(rings[0]), [ring(r) for r in rings[1:]])

    shapes: dict[str, Polygon | MultiPolygon] = {}
    for g in topology["objects"][OBJECT]["geometries"]:
        if g["type"] == "Polygon":
            shapes[g["id"]] = polygon(g["arcs"])
        else:
            shapes[g["id"]] = MultiPolygon([polygon(p) for p in g["arcs"]])
    return shapes


@pytest.fixture
def mismatched(tmp_path: Path) -> Path:
    """Two neighbours whose shared border is digitised twice, a little apart (they
    overlap by 0.002 degrees), the west one with a tiny island; and an island area."""
    return write_shapefile(
        tmp_path / "areas",
        {
            "West": [square(0, 0, 1.001, 1), square(-0.5, 0.5, -0.49, 0.51)],
            "East": [square(0.999, 0, 2, 1, step=0.07)],
            "Isle": [square(3, 3, 3.5, 3.5)],
        },
    )


def test_each_area_is_keyed_by_its_code_with_its_name(mismatched: Path) -> None:
    boundaries = convert(read_areas(mismatched, CODES.get), gap_width=0.01, tolerance=0.01)
    geometries = boundaries.topology["objects"][OBJECT]["geometries"]
    assert [(g["id"], g["properties"]["name"]) for g in geometries] == [
        ("X01", "West"),
        ("X02", "East"),
        ("X03", "Isle"),
    ]
    assert boundaries.areas == 3
    assert boundaries.topology["type"] == "Topology"


def test_neighbours_meet_with_no_gap_and_no_overlap(mismatched: Path) -> None:
    source = read_areas(mismatched, CODES.get)
    west, east = source[0].geometry, source[1].geometry
    assert west.intersection(east).area > 0.001  # the source overlaps
    shapes = decode(convert(source, gap_width=0.01, tolerance=0.01).topology)
    assert shapes["X01"].intersection(shapes["X02"]).area == pytest.approx(0, abs=1e-9)
    together = shapely.union_all([shapes["X01"], shapes["X02"]])
    assert together.area == pytest.approx(2.0, rel=0.01)
    assert isinstance(together, Polygon) and not together.interiors  # no gap between them
    # the shared border is one arc, used by both areas (once reversed)
    geometries = {
        g["id"]: g
        for g in convert(source, gap_width=0.01).topology["objects"][OBJECT]["geometries"]
    }
    west_arcs = {i if i >= 0 else ~i for i in geometries["X01"]["arcs"][0]}
    east_arcs = {i if i >= 0 else ~i for i in geometries["X02"]["arcs"][0]}
    assert west_arcs & east_arcs


def test_small_islands_are_left_out_and_points_simplified(mismatched: Path) -> None:
    boundaries = convert(read_areas(mismatched, CODES.get), min_island=0.001, tolerance=0.05)
    assert boundaries.islands_dropped == 1
    shapes = decode(boundaries.topology)
    assert isinstance(shapes["X01"], Polygon)  # the 0.01-degree island is gone
    assert shapes["X03"].area == pytest.approx(0.25, rel=0.01)  # an area's largest part stays
    assert boundaries.points_kept < boundaries.points_read / 2


def test_the_output_is_the_same_bytes_each_time(mismatched: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.topojson", tmp_path / "b.topojson"
    size = write_topology(convert(read_areas(mismatched, CODES.get)), first)
    write_topology(convert(read_areas(mismatched, CODES.get)), second)
    assert first.read_bytes() == second.read_bytes()
    assert size == len(first.read_bytes())
    assert json.loads(first.read_text())["objects"][OBJECT]["type"] == "GeometryCollection"


def test_an_unknown_name_stops_the_import_naming_the_record(mismatched: Path) -> None:
    with pytest.raises(NpfError) as raised:
        read_areas(mismatched, {"West": "X01", "East": "X02"}.get)
    (problem,) = raised.value.problems
    assert (problem.path, problem.row, problem.column, problem.code) == (
        str(mismatched.with_suffix(".dbf")),
        3,
        "NAME",
        "boundaries-place",
    )
    assert "'Isle'" in problem.message


def test_two_shapes_for_one_code_stop_the_import(mismatched: Path) -> None:
    with pytest.raises(NpfError, match="has a shape already, in record 1"):
        read_areas(mismatched, lambda name: "X01")


def test_a_missing_shapefile_is_named(tmp_path: Path) -> None:
    with pytest.raises(NpfError, match="cannot read the shapefile"):
        read_areas(tmp_path / "nothing", CODES.get)


def test_the_real_extract_is_matched_by_name_to_current_codes() -> None:
    councils = read_councils(FIXTURES)
    boundaries = convert(read_areas(FIXTURES / SHAPEFILE, councils.code_of))
    shapes = decode(boundaries.topology)
    assert sorted(shapes) == ["S12000033", "S12000041", "S12000042"]
    # Angus and Dundee City share a border: after cleaning they touch and do not overlap
    angus, dundee = shapes["S12000041"], shapes["S12000042"]
    assert angus.intersection(dundee).area == pytest.approx(0, abs=1e-9)
    assert angus.distance(dundee) == 0
    # every area keeps its place: each decoded shape lies over its source shape
    source = {a.code: a.geometry for a in read_areas(FIXTURES / SHAPEFILE, councils.code_of)}
    for code, shape in shapes.items():
        assert shape.intersection(source[code]).area > 0.9 * shape.area
