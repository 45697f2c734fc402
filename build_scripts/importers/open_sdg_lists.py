"""The controlled lists of an Open SDG framework: breakdown types, characteristics,
groups, places and their boundaries.

Part of mapping a repository into the model (``open_sdg_model.py``), once every
indicator's figures are read: a breakdown type for every breakdown column, named as most
files name it (``breakdown_types``), with the equality characteristic it is
(``CHARACTERISTICS``; a type of places is ``place``); the groups the figures use
(``place_lists``), places by name with a places table per type of place; and, for the
places on a map, the boundary files converted from the repository's ``geojsons/``
(``boundaries.py``), each with a note of where it comes from.
"""

from __future__ import annotations

import shapely

from build_scripts.config import Project
from build_scripts.contract import HEADLINE_GROUP, HEADLINE_TYPE, places_table
from build_scripts.errors import located
from build_scripts.importers.boundaries import convert, topology_text
from build_scripts.importers.model import BreakdownTypeRecord, ExtraFile, GroupRecord, TableRows
from build_scripts.importers.open_sdg_data import slug
from build_scripts.importers.open_sdg_places import Layer, Places
from build_scripts.importers.open_sdg_report import Summary
from build_scripts.importers.open_sdg_repository import Indicator

CHARACTERISTICS = {
    "age": ("age", "Age"),
    "sex": ("sex", "Sex"),
    "disability-status": ("disability", "Disability"),
    "disability": ("disability", "Disability"),
    "ethnicity": ("ethnicity", "Ethnicity"),
    "ethnic-group": ("ethnicity", "Ethnicity"),
    "religion": ("religion", "Religion"),
    "sexual-orientation": ("sexual-orientation", "Sexual orientation"),
    "urban-or-rural": ("urban-rural", "Urban or rural"),
    "urban-rural": ("urban-rural", "Urban or rural"),
}
"""Open SDG's usual breakdown columns that are equality characteristics; every
geographic type is the characteristic ``place``."""
PLACE = ("place", "Place")


def breakdown_types(
    indicators: list[Indicator], places: Places, geographies: dict[str, str]
) -> dict[str, BreakdownTypeRecord]:
    """Every breakdown type, named as most of its columns are, with its characteristic; a
    type of places the project names (``[[geography]] singular``, by breakdown type in
    ``geographies``) as the project does ("Local authority" for "Local Authority")."""
    spellings: dict[str, dict[str, int]] = {}
    for ind in indicators:
        for kind, name in ind.found.types.items():
            counts = spellings.setdefault(kind, {})
            counts[name] = counts.get(name, 0) + 1
    for kind, counter in places.type_names.items():
        counts = spellings.setdefault(kind, {})
        for name, n in counter.items():
            counts[name] = counts.get(name, 0) + n
    out = {}
    for kind in sorted(spellings):
        # Sentence case where some file spells it so ("Local authority"), else the most
        # used spelling.
        name = max(
            spellings[kind].items(),
            key=lambda item: (item[0][1:] == item[0][1:].lower(), item[1], item[0]),
        )[0]
        characteristic = PLACE[0] if kind in places.names else CHARACTERISTICS.get(kind, ("",))[0]
        out[kind] = BreakdownTypeRecord(kind, geographies.get(kind, name), characteristic)
    return out


def characteristics(types: dict[str, BreakdownTypeRecord]) -> list[tuple[str, str]]:
    """The characteristics the breakdown types are, each once, with its name."""
    names = {slug_: name for slug_, name in [*CHARACTERISTICS.values(), PLACE]}
    used = dict.fromkeys(t.characteristic for t in types.values() if t.characteristic)
    return [(c, names[c]) for c in used]


def place_lists(
    groups: dict[tuple[str, str], None],
    types: dict[str, BreakdownTypeRecord],
    places: Places,
    layers: list[Layer],
    project: Project,
    summary: Summary,
) -> tuple[list[GroupRecord], list[TableRows], list[ExtraFile]]:
    """The controlled lists of groups (places by name, others in the order first seen),
    a places table per geographic type and the boundary files the places are in."""
    records = [GroupRecord(HEADLINE_TYPE, HEADLINE_GROUP, project.place)]
    tables: list[TableRows] = []
    used_layers: dict[str, Layer] = {}
    for kind in types:
        chosen = [g for t, g in groups if t == kind]
        if kind not in places.names:
            records += [GroupRecord(kind, g, g) for g in chosen]
            continue
        named = sorted(((places.name_of(c, layers, kind), c) for c in chosen), key=str)
        records += [GroupRecord(kind, code, name) for name, code in named]
        rows, slugs = [], set()
        for name, code in named:
            place_slug = slug(name)
            if place_slug in slugs:
                place_slug = slug(f"{name} {code}")
            slugs.add(place_slug)
            rows.append({"code": code, "name": name, "slug": place_slug})
            layer = next((lay for lay in layers if code in lay.areas), None)
            if layer is not None:
                used_layers[layer.name] = layer
                summary.mapped += 1
        declared = project.geography(kind)
        resource = declared.resource if declared is not None else f"{kind}-places"
        tables.append(TableRows(places_table(resource), rows))
        summary.places += len(rows)
    return records, tables, _boundary_files(list(used_layers.values()), summary)


def _boundary_files(layers: list[Layer], summary: Summary) -> list[ExtraFile]:
    """Each layer's boundaries as TopoJSON (``boundaries/<layer>.topojson``), with its
    note."""
    files = []
    for layer in layers:
        try:
            boundaries = convert(list(layer.areas.values()))
        except shapely.errors.GEOSException as error:
            raise located(layer.path, None, None, f"cannot make a map of it: {error}") from error
        summary.boundaries.append(boundaries)
        path = f"boundaries/{layer.name}.topojson"
        files.append(ExtraFile(path, topology_text(boundaries)))
        files.append(ExtraFile(path.removesuffix(".topojson") + ".md", _note(layer)))
    return files


def _note(layer: Layer) -> str:
    return (
        f"# Boundaries: {layer.name}\n\n"
        f"`{layer.name}.topojson`: {len(layer.areas)} areas as TopoJSON (one object, "
        "`places`, a geometry per area with its code as `id` and its name as `name`), "
        "made by `npf import --from open-sdg` (`build_scripts/importers/open_sdg.py`, "
        "`boundaries.py`) for the site's maps.\n\n"
        f"- Source: `geojsons/{layer.path.name}` of the Open SDG data repository, codes "
        f"from `{layer.id_property}` and names from `{layer.name_property}` (its layer in "
        "`config_data.yml`); under the repository's licence.\n"
        "- Made by: small islands left out, the polygons cleaned and simplified as a "
        "coverage (neighbours still meet with no gap and no overlap) and the coordinates "
        "quantised, as `docs/maps.md` describes. For maps at the scale of a web page, "
        "not for measuring areas or distances.\n"
    )
