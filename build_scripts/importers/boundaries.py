"""Council-area boundaries for maps: a shapefile in, a small TopoJSON file out.

The source is the Wellbeing Economy Monitor's ESRI shapefile of the 32 council areas
(``regional/fwlibrariesandshapefile/Scotland1.shp``, WGS84 longitude/latitude, 36,000
points, 590 KB). A map on a web page needs far less, so the importer:

1. reads the polygons with pyshp and names each by its area's GSS code, matching the
   shapefile's ``NAME`` with ``Councils.code_of`` (the shapefile's own ``CODE`` column
   has the codes from before the 2018-2019 boundary amendments for Fife, Perth and
   Kinross, North Lanarkshire and Glasgow City, which the data no longer uses);
2. leaves out islands smaller than ``MIN_ISLAND`` (square degrees; the largest part of
   every area is always kept);
3. cleans the polygons as a coverage with GEOS (``shapely.coverage_clean``): the
   source's neighbouring areas overlap a little and their shared borders do not match
   vertex for vertex, so overlaps are given to one area, gaps narrower than
   ``GAP_WIDTH`` are closed and each shared border becomes exactly one line;
4. simplifies the coverage (``shapely.coverage_simplify``), which moves each shared
   border once for both its areas, so the result has no gaps and no overlaps;
5. writes TopoJSON (the ``topojson`` package): each border is one arc, stored once,
   its coordinates quantised to a ``QUANTISATION`` grid.

The file has one object, ``places``: a geometry per area with the GSS code as its ``id``
and its name as a property. ``docs/maps.md`` says how the site uses it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapefile
import shapely
import topojson
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

from build_scripts.errors import located

SHAPEFILE = Path("wellbeing-economy-monitor") / "regional" / "fwlibrariesandshapefile" / "Scotland1"
OBJECT = "places"
"""The name of the TopoJSON object that holds the areas (the charts read it)."""
MIN_ISLAND = 5e-4  # square degrees: about 3 km² at 57°N
GAP_WIDTH = 0.005  # degrees: about 300 m east-west, 550 m north-south
TOLERANCE = 0.005  # degrees, for coverage_simplify
QUANTISATION = 10_000  # grid steps across the map's width and height (about 50 m)


@dataclass(frozen=True)
class Area:
    """One area of the source: its code, its name as the source spells it, and its shape."""

    code: str
    name: str
    geometry: Polygon | MultiPolygon


@dataclass(frozen=True)
class Boundaries:
    """What ``convert`` made: the TopoJSON and what it left out."""

    topology: dict[str, Any]
    areas: int
    islands_dropped: int
    points_read: int
    points_kept: int

    def __str__(self) -> str:
        return (
            f"boundaries: {self.areas} areas, {self.points_kept} of {self.points_read} points "
            f"kept, {self.islands_dropped} small islands left out"
        )


def read_areas(
    path: Path, code_of: Callable[[str], str | None], name_field: str = "NAME"
) -> list[Area]:
    """The polygons of the shapefile ``path`` (without its suffix, or the ``.shp``),
    each with the code ``code_of`` gives its name. An unknown name, a second shape for
    one code, or a shape that is not a polygon stops the import, naming the record."""
    shp = path.with_suffix(".shp")
    try:
        reader = shapefile.Reader(str(shp))
    except (shapefile.ShapefileException, OSError) as error:
        raise located(shp, None, None, f"cannot read the shapefile: {error}") from error
    areas: list[Area] = []
    seen: dict[str, int] = {}
    with reader:
        fields = [f.name for f in reader.fields[1:]]
        if name_field not in fields:
            raise located(
                shp.with_suffix(".dbf"),
                None,
                name_field,
                f"no such field (fields: {', '.join(fields)})",
            )
        for number, record in enumerate(reader.iterShapeRecords(), start=1):
            name = str(record.record[name_field]).strip()
            code = code_of(name)
            where = shp.with_suffix(".dbf")
            if code is None:
                raise located(
                    where,
                    number,
                    name_field,
                    f"{name!r} is not a council area of the data; add its spelling to the "
                    "names the importer knows (importers/councils.py)",
                    code="boundaries-place",
                )
            if code in seen:
                raise located(
                    where,
                    number,
                    name_field,
                    f"{name!r} ({code}) has a shape already, in record {seen[code]}",
                    code="boundaries-place",
                )
            seen[code] = number
            geometry = shape(record.shape.__geo_interface__)
            if not isinstance(geometry, Polygon | MultiPolygon):
                raise located(
                    shp, number, None, f"{name!r} is a {geometry.geom_type}, not a polygon"
                )
            if not geometry.is_valid:
                geometry = shapely.make_valid(geometry)
            areas.append(Area(code, name, geometry))
    return areas


def drop_islands(
    geometry: Polygon | MultiPolygon, min_area: float
) -> tuple[Polygon | MultiPolygon, int]:
    """The geometry without its parts smaller than ``min_area``, and how many it lost;
    the largest part always stays."""
    parts = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
    largest = max(parts, key=lambda p: p.area)
    kept = [p for p in parts if p is largest or p.area >= min_area]
    shaped: Polygon | MultiPolygon = kept[0] if len(kept) == 1 else MultiPolygon(kept)
    return shaped, len(parts) - len(kept)


def convert(
    areas: Sequence[Area],
    *,
    min_island: float = MIN_ISLAND,
    gap_width: float = GAP_WIDTH,
    tolerance: float = TOLERANCE,
    quantisation: int = QUANTISATION,
) -> Boundaries:
    """The areas as one TopoJSON topology (object ``OBJECT``), sorted by code."""
    areas = sorted(areas, key=lambda a: a.code)
    dropped = 0
    shapes = []
    for area in areas:
        kept, lost = drop_islands(area.geometry, min_island)
        dropped += lost
        shapes.append(kept)
    coverage = shapely.coverage_clean(np.array(shapes, dtype=object), gap_width=gap_width)
    simplified = shapely.coverage_simplify(coverage, tolerance)
    features = [
        {
            "type": "Feature",
            "id": area.code,
            "properties": {"name": area.name},
            "geometry": mapping(geometry),
        }
        for area, geometry in zip(areas, simplified, strict=True)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    topology = topojson.Topology(
        collection, prequantize=quantisation, topology=True, object_name=OBJECT
    ).to_dict()
    return Boundaries(
        topology=_tidy(topology),
        areas=len(areas),
        islands_dropped=dropped,
        points_read=sum(int(shapely.get_num_coordinates(a.geometry)) for a in areas),
        points_kept=sum(len(arc) for arc in topology["arcs"]),
    )


def _tidy(topology: dict[str, Any]) -> dict[str, Any]:
    """The topology with only what a reader needs, in a fixed order: no bounding box,
    each geometry's ``id``, ``type``, ``arcs`` and ``properties``."""
    geometries = [
        {
            "id": g["id"],
            "type": g["type"],
            "arcs": g["arcs"],
            "properties": {"name": g["properties"]["name"]},
        }
        for g in topology["objects"][OBJECT]["geometries"]
    ]
    return {
        "type": "Topology",
        "transform": topology["transform"],
        "objects": {OBJECT: {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": topology["arcs"],
    }


def topology_text(boundaries: Boundaries) -> str:
    """The topology as compact JSON: the same text for the same input."""
    return json.dumps(boundaries.topology, separators=(",", ":"), ensure_ascii=False) + "\n"


def write_topology(boundaries: Boundaries, path: Path) -> int:
    """Write the topology as compact JSON (the same bytes for the same input); its size."""
    text = topology_text(boundaries)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return len(text.encode("utf-8"))


NOTE = """\
# Council area boundaries

`council-areas.topojson`: the 32 council areas of Scotland as TopoJSON (one object,
`{object}`, a geometry per area with its GSS code as `id` and its name as `name`),
made by `npf import` (`build_scripts/importers/boundaries.py`) for the site's maps.

- Source: `{source}.shp` (with `.dbf` and `.shx`), an ESRI shapefile in WGS84
  longitude/latitude, from the Scottish Government's Wellbeing Economy Monitor,
  {url}
- Licence: Open Government Licence v3.0. Contains public sector information licensed
  under the Open Government Licence v3.0. The shapefile does not name its origin; its
  fields (`FILE_NAME`, `AREA_CODE`, `UNIT_ID`, `HECTARES`, ...) are those of Ordnance
  Survey's Boundary-Line, whose attribution is "Contains OS data © Crown copyright and
  database right".
- Made by: islands smaller than {min_island} square degrees left out (the largest part of
  each area kept); the polygons cleaned as a coverage (overlaps given to one area, gaps
  narrower than {gap_width} degrees closed, shared borders made identical) and simplified
  as a coverage with a tolerance of {tolerance} degrees (GEOS, through shapely), so that
  neighbouring areas still meet with no gap and no overlap; coordinates quantised to a
  grid of {quantisation} steps across the map. For maps at the scale of a web page, not
  for measuring areas or distances.
- Codes: matched by the area's name (the shapefile's own `CODE` column has the codes of
  Fife, Perth and Kinross, North Lanarkshire and Glasgow City from before the 2018-2019
  boundary amendments).
"""


def note_text(source: Path, url: str) -> str:
    """The source and licence note of the council areas' boundary file."""
    return NOTE.format(
        object=OBJECT,
        source=source.as_posix(),
        url=url,
        min_island=MIN_ISLAND,
        gap_width=GAP_WIDTH,
        tolerance=TOLERANCE,
        quantisation=f"{QUANTISATION:,}",
    )


def write_note(path: Path, source: Path, url: str) -> None:
    """The source and licence note written beside the boundary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(note_text(source, url), encoding="utf-8", newline="")
