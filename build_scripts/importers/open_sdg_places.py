"""Places in an Open SDG repository: ``GeoCode`` and the boundaries of ``geojsons/``.

A data file with a ``GeoCode`` column gives the code of the place a figure is for. Its
**geographic columns** are the breakdown columns that name that place: each is empty on
every row without a code, and names one place per code (``Country`` is ``England`` on
every row of ``E12000004``; a ``Health board`` filed under the code of Wales is not one).
On a row with a code, the geographic columns become one breakdown: the place's type is
the last geographic column with a value, in the file's order (``Region`` after
``Country``), its group the code. A row with a code and no geographic column is the
file's own total (the code is that of the whole area the indicator covers).

Boundaries: each ``geojsons/*.geojson`` of the repository, with the layer of
``config_data.yml`` (``map_layers``) whose ``id_property`` its features carry, names its
places by code (``LAD16CD``) and name (``LAD16NM``). A place's name is its boundary's
name where it has one, else the name the data gives it most often; a code with no
boundary is still a place, listed, just not on a map.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
import yaml
from shapely.geometry import MultiPolygon, Polygon, shape

from build_scripts.errors import located
from build_scripts.importers.boundaries import Area
from build_scripts.importers.open_sdg_data import GEOCODE, Table, slug


@dataclass(frozen=True)
class Layer:
    """One boundary file: its name (the file's stem, or the layer's output folder), the
    properties giving a feature's code and name, and its areas by code."""

    name: str
    path: Path
    id_property: str
    name_property: str
    areas: dict[str, Area]


def _layers_config(source: Path) -> list[dict[str, Any]]:
    path = source / "config_data.yml"
    if not path.is_file():
        return []
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise located(path, None, "map_layers", f"not valid YAML: {error}") from error
    layers = config.get("map_layers") if isinstance(config, dict) else None
    return [layer for layer in layers or [] if isinstance(layer, dict)]


def read_layers(source: Path) -> list[Layer]:
    """The boundary files of ``geojsons/`` that a ``map_layers`` entry describes."""
    folder = source / "geojsons"
    if not folder.is_dir():
        return []
    configs = _layers_config(source)
    layers = []
    for path in sorted(folder.glob("*.geojson")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise located(path, None, None, f"not GeoJSON: {error}") from error
        features = data.get("features") if isinstance(data, dict) else None
        if not isinstance(features, list) or not features:
            raise located(path, None, "features", "no features")
        properties = features[0].get("properties") or {}
        config = next((c for c in configs if c.get("id_property") in properties), None)
        if config is None:
            raise located(
                path,
                None,
                "properties",
                "no layer of config_data.yml (map_layers) names the property of these "
                f"features' codes (they have {', '.join(sorted(properties))})",
            )
        layers.append(_layer(path, config, features))
    return layers


def _layer(path: Path, config: dict[str, Any], features: list[dict[str, Any]]) -> Layer:
    id_property, name_property = str(config["id_property"]), str(config.get("name_property"))
    areas: dict[str, Area] = {}
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        code = str(props.get(id_property, "")).strip()
        name = " ".join(str(props.get(name_property) or code).split())
        try:
            geometry = shape(feature.get("geometry"))
        except (AttributeError, TypeError, ValueError, shapely.errors.GEOSException) as error:
            raise located(path, number, id_property, f"{code}: not a geometry: {error}") from error
        if not code or not isinstance(geometry, Polygon | MultiPolygon):
            raise located(path, number, id_property, f"{code!r}: not a polygon with a code")
        if code in areas:
            raise located(path, number, id_property, f"{code} has a shape already")
        if not geometry.is_valid:
            geometry = _polygons(shapely.make_valid(geometry))
        areas[code] = Area(code, name, geometry)
    name = str(config.get("output_subfolder") or path.stem)
    return Layer(slug(name), path, id_property, name_property, areas)


def _polygons(geometry: Any) -> Polygon | MultiPolygon:
    """The polygons of a repaired shape (``make_valid`` can give a collection with lines
    and points where a polygon touched itself)."""
    if isinstance(geometry, Polygon | MultiPolygon):
        return geometry
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, Polygon)]
    return MultiPolygon(parts)


@dataclass
class Geography:
    """The geographic columns of a data file (positions), if it has codes, and the code
    of each place its coded rows name (by column and name, case aside)."""

    code: int | None
    columns: list[int] = field(default_factory=list)
    codes: dict[tuple[int, str], str] = field(default_factory=dict)

    def deepest(self, table: Table, cells: list[str]) -> int | None:
        """The last geographic column with a value on a record: the place's level."""
        return max((i for i in self.columns if table.cell(cells, i)), default=None)

    def code_of(
        self,
        table: Table,
        cells: list[str],
        layers: list[Layer],
        known: dict[tuple[str, str], str],
        kind: str,
    ) -> str:
        """A record's place code: its GeoCode, else the code its file's other rows, the
        other files (``known``: by type and name) or a boundary file give the name of its
        place (case aside); ``""`` where none does."""
        code = table.cell(cells, self.code)
        deepest = self.deepest(table, cells)
        if code or deepest is None:
            return code
        name = table.cell(cells, deepest)
        found = self.codes.get((deepest, name.casefold())) or known.get((kind, name.casefold()))
        if found:
            return found
        for layer in layers:
            for area in layer.areas.values():
                if area.name.casefold() == name.casefold():
                    return area.code
        return ""


def geography_of(table: Table) -> Geography:
    """Which breakdown columns of a file name the place its ``GeoCode`` gives: those
    with a value on some row with a code, and one value for each code."""
    code = table.column(GEOCODE)
    if code is None:
        return Geography(None)
    columns = []
    for index in table.breakdowns:
        seen: dict[str, str] = {}
        geographic = True
        for _, cells in table.records:
            value, place = table.cell(cells, index), table.cell(cells, code)
            if value and place and seen.setdefault(place, value) != value:
                geographic = False
                break
        if seen and geographic:
            columns.append(index)
    found = Geography(code, columns)
    for _, cells in table.records:
        place = table.cell(cells, code)
        deepest = found.deepest(table, cells)
        if place and deepest is not None:
            found.codes[(deepest, table.cell(cells, deepest).casefold())] = place
    return found


@dataclass
class Places:
    """Every place the data names, by breakdown type: the names the data gives each code,
    to choose from where no boundary names it."""

    names: dict[str, dict[str, Counter[str]]] = field(default_factory=dict)
    type_names: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, kind: str, column: str, code: str, name: str) -> None:
        self.names.setdefault(kind, {}).setdefault(code, Counter())[name] += 1
        self.type_names.setdefault(kind, Counter())[column] += 1

    def name_of(self, code: str, layers: list[Layer], kind: str) -> str:
        for layer in layers:
            if code in layer.areas:
                return layer.areas[code].name
        counts = self.names.get(kind, {}).get(code)
        return counts.most_common(1)[0][0] if counts else code
