"""The mapping file of the ``statistics-gov-scot`` importer: which cube feeds which
indicator, and how its columns read as the framework's measures, units, breakdowns and
places (``docs/statistics-gov-scot.md`` describes every key).

A cube of statistics.gov.scot is a tidy CSV: ``FeatureCode`` (the place), ``DateCode``
(the period), ``Measurement`` (what kind of number: a count, a ratio, a confidence
limit), ``Units``, ``Value``, and one column per dimension (``Sex``, ``SIMD quintiles``
...). The mapping says, for each ``[[cube]]``: the ``Measurement`` that is the figure and
those that are its bounds, how ``Units`` map to the framework's units, and for every
dimension column its one role: a breakdown type (with the label that means every group,
``All``), the measure, or a filter (``keep``). ``load_mapping`` reads and checks the file
on its own; ``check_mapping`` checks it against the data it will be added to.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_scripts.config import Geography, Project
from build_scripts.contract import HEADLINE_TYPE, PARTIAL_DATE, SLUG, WEB_ADDRESS
from build_scripts.errors import NpfError, located
from build_scripts.importers.model import Imported, SourceEntry

MAPPING_FILE = "statistics-gov-scot.toml"
CUBE_COLUMNS = ("FeatureCode", "DateCode", "Measurement", "Units", "Value")
ROLES = ("breakdown", "measures", "keep")


@dataclass(frozen=True)
class Dimension:
    """One dimension column and its role: ``breakdown`` (a breakdown type's slug, with
    ``total`` the label of every group, ``groups`` renaming labels to the framework's
    groups and ``new_groups`` those to add to the controlled lists), ``measures`` (label
    to measure) or ``keep`` (the labels taken; rows with any other are left out)."""

    column: str
    breakdown: str = ""
    total: str = ""
    groups: dict[str, str] = field(default_factory=dict)
    new_groups: tuple[str, ...] = ()
    measures: dict[str, str] = field(default_factory=dict)
    keep: tuple[str, ...] = ()

    @property
    def role(self) -> str:
        if self.breakdown:
            return "breakdown"
        return "measures" if self.measures else "keep"


@dataclass(frozen=True)
class Cube:
    """One ``[[cube]]`` table: a cube file and the indicator it feeds."""

    where: str  # how errors name this table: "cube[1] (poverty_sco.csv)"
    file: str  # relative to the source folder
    indicator: str
    value: str  # the Measurement whose rows are the figures
    source: SourceEntry
    units: dict[str, str]
    dimensions: tuple[Dimension, ...]
    measure: str = ""  # the measure, unless a dimension says it
    lower: str = ""  # the Measurement of the lower bounds
    upper: str = ""

    def measures(self) -> list[str]:
        """Every measure the cube's figures can be."""
        for d in self.dimensions:
            if d.measures:
                return list(dict.fromkeys(d.measures.values()))
        return [self.measure]


@dataclass(frozen=True)
class CubeMapping:
    path: Path
    headline: str  # the FeatureCode of the framework's place ("S92000003"); "" for none
    geographies: tuple[str, ...] | None  # breakdown types of [[geography]]; None: all
    cubes: tuple[Cube, ...]


TOP_KEYS = ("places", "cube")
PLACE_KEYS = ("headline", "geographies")
CUBE_KEYS = (
    "file",
    "indicator",
    "measure",
    "value",
    "lower",
    "upper",
    "units",
    "source",
    "dimension",
)
SOURCE_KEYS = ("id", "title", "publisher", "published", "url", "licence", "path")
DIMENSION_KEYS = ("column", "breakdown", "total", "groups", "new_groups", "measures", "keep")


class _Reader:
    """Typed access to the TOML tables, every problem located by its key path."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, message: str) -> NpfError:
        return located(self.path, None, key, message)

    def table(self, data: Any, key: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(key, "expected a table")
        for name in data:
            if name not in allowed:
                raise self.fail(
                    f"{key}.{name}" if key else name,
                    f"unknown key; the keys here are: {', '.join(allowed)}",
                )
        return data

    def text(self, data: dict[str, Any], key: str, where: str, required: bool = False) -> str:
        value = data.get(key, "")
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", "expected a string")
        if required and not value.strip():
            raise self.fail(f"{where}.{key}", "required")
        return value.strip()

    def texts(self, data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{where}.{key}", "expected a list of strings")
        return tuple(v.strip() for v in value)

    def pairs(self, data: dict[str, Any], key: str, where: str) -> dict[str, str]:
        value = data.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise self.fail(f"{where}.{key}", 'expected a table of strings: { "label" = "..." }')
        return {str(k).strip(): v.strip() for k, v in value.items()}


def load_mapping(path: Path) -> CubeMapping:
    """Read and check the mapping file on its own (the data it feeds is checked by
    ``check_mapping``)."""
    if not path.is_file():
        raise NpfError(
            f"{path}: no mapping file; the statistics-gov-scot importer reads a "
            f"{MAPPING_FILE} in the source folder (or --mapping FILE) saying which cube "
            "feeds which indicator: see docs/statistics-gov-scot.md"
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise located(path, None, None, f"not valid TOML: {error}") from error
    r = _Reader(path)
    r.table(data, "", TOP_KEYS)
    places = r.table(data.get("places", {}), "places", PLACE_KEYS)
    geographies = None
    if "geographies" in places:
        geographies = r.texts(places, "geographies", "places")
    cubes = data.get("cube", [])
    if not isinstance(cubes, list) or not cubes:
        raise r.fail("cube", "no [[cube]] table: name at least one cube file and its indicator")
    read = tuple(_cube(r, c, i) for i, c in enumerate(cubes, start=1))
    ids: dict[str, str] = {}
    for cube in read:
        if ids.setdefault(cube.source.id, cube.file) != cube.file:
            raise r.fail(
                f"{cube.where}.source.id",
                f"{cube.source.id!r} already names the source of {ids[cube.source.id]}; "
                "each cube file is a source of its own",
            )
    return CubeMapping(path, r.text(places, "headline", "places"), geographies, read)


def _cube(r: _Reader, data: Any, n: int) -> Cube:
    where = f"cube[{n}]"
    t = r.table(data, where, CUBE_KEYS)
    file = r.text(t, "file", where, required=True)
    where = f"cube[{n}] ({file})"
    dims = t.get("dimension", [])
    if not isinstance(dims, list):
        raise r.fail(f"{where}.dimension", "expected [[cube.dimension]] tables")
    cube = Cube(
        where,
        file,
        r.text(t, "indicator", where, required=True),
        r.text(t, "value", where, required=True),
        _source(r, t.get("source"), where),
        r.pairs(t, "units", where),
        tuple(_dimension(r, d, f"{where}.dimension[{i}]") for i, d in enumerate(dims, start=1)),
        r.text(t, "measure", where),
        r.text(t, "lower", where),
        r.text(t, "upper", where),
    )
    if not cube.units:
        raise r.fail(f"{where}.units", 'required: { "Units as in the cube" = "a unit slug" }')
    by_dimension = [d for d in cube.dimensions if d.measures]
    if len(by_dimension) + bool(cube.measure) != 1:
        raise r.fail(
            f"{where}.measure",
            'say the measure once: `measure = "slug"`, or one dimension with `measures`',
        )
    measurements = [m for m in (cube.value, cube.lower, cube.upper) if m]
    if len(set(measurements)) != len(measurements):
        raise r.fail(f"{where}.value", "the value, lower and upper are different Measurements")
    columns = [d.column for d in cube.dimensions]
    for column in columns:
        if columns.count(column) > 1 or column in CUBE_COLUMNS:
            raise r.fail(f"{where}.dimension", f"{column!r}: one dimension table per column")
    return cube


def _source(r: _Reader, data: Any, where: str) -> SourceEntry:
    key = f"{where}.source"
    if data is None:
        raise r.fail(key, "required: the cube's id, title, publisher and published date")
    t = r.table(data, key, SOURCE_KEYS)
    entry = SourceEntry(
        r.text(t, "id", key, required=True),
        r.text(t, "title", key, required=True),
        r.text(t, "publisher", key, required=True),
        r.text(t, "path", key),
        r.text(t, "licence", key),
        r.text(t, "published", key, required=True),
        r.text(t, "url", key),
    )
    if not re.fullmatch(SLUG, entry.id):
        raise r.fail(f"{key}.id", "lower case letters and digits joined by `-`")
    if not re.fullmatch(PARTIAL_DATE, entry.published):
        raise r.fail(
            f"{key}.published",
            "YYYY, YYYY-MM or YYYY-MM-DD: when this release was published, as precisely as "
            "known (figures of an older release are never replaced by it)",
        )
    if entry.url and not re.fullmatch(WEB_ADDRESS, entry.url):
        raise r.fail(f"{key}.url", "an absolute http(s) address, or nothing")
    return entry


def _dimension(r: _Reader, data: Any, where: str) -> Dimension:
    t = r.table(data, where, DIMENSION_KEYS)
    d = Dimension(
        r.text(t, "column", where, required=True),
        r.text(t, "breakdown", where),
        r.text(t, "total", where),
        r.pairs(t, "groups", where),
        r.texts(t, "new_groups", where),
        r.pairs(t, "measures", where),
        r.texts(t, "keep", where),
    )
    roles = [role for role in ROLES if role in t]
    if len(roles) != 1:
        raise r.fail(
            where,
            f"{d.column!r}: give it one role: `breakdown` (a breakdown type), `measures` "
            "(label = measure) or `keep` (the labels taken)",
        )
    if not d.breakdown and (d.total or d.groups or d.new_groups):
        raise r.fail(where, "`total`, `groups` and `new_groups` go with `breakdown`")
    if d.breakdown == HEADLINE_TYPE:
        raise r.fail(f"{where}.breakdown", "the headline is not a breakdown: use `total`")
    if "keep" in t and not d.keep:
        raise r.fail(f"{where}.keep", "name the labels taken")
    return d


# --- against the data -----------------------------------------------------------------


def geographies_of(mapping: CubeMapping, project: Project) -> list[Geography]:
    """The project's geographies whose codes a cube's ``FeatureCode`` may be."""
    known = {g.breakdown_type: g for g in project.geographies}
    if mapping.geographies is None:
        return [g for g in project.geographies if g.code_pattern]
    for slug in mapping.geographies:
        if slug not in known:
            raise located(
                mapping.path,
                None,
                "places.geographies",
                f"{slug!r} is not a [[geography]] of the project (known: "
                f"{', '.join(known) or 'none'})",
            )
    return [known[s] for s in mapping.geographies]


def check_mapping(mapping: CubeMapping, imported: Imported) -> None:
    """Every name the mapping uses is one the data has: indicators, measures, units,
    breakdown types; each cube's units are its measures' units."""
    indicators = {r.slug for r in imported.indicators}
    units = {(m.indicator, m.name): m.unit for m in imported.measures}
    slugs = {u.unit for u in imported.units}
    types = {t.slug for t in imported.breakdown_types}

    def fail(cube: Any, key: str, message: str) -> NpfError:
        return located(mapping.path, None, f"{cube.where}.{key}", message)

    for cube in mapping.cubes:
        if cube.indicator not in indicators:
            raise fail(cube, "indicator", f"{cube.indicator!r} is not an indicator of the data")
        for measure in cube.measures():
            if (cube.indicator, measure) not in units:
                known = [m for i, m in units if i == cube.indicator]
                raise fail(
                    cube,
                    "measure",
                    f"{measure!r} is not a measure of {cube.indicator} (its measures: "
                    f"{', '.join(known) or 'none yet: add one to measures.csv'})",
                )
        for label, unit in cube.units.items():
            if unit not in slugs:
                raise fail(cube, "units", f"{label!r} = {unit!r}: not a unit of units.csv")
            for measure in cube.measures():
                if units[(cube.indicator, measure)] != unit:
                    raise fail(
                        cube,
                        "units",
                        f"{label!r} = {unit!r}, but {measure} is in "
                        f"{units[(cube.indicator, measure)]}: a figure keeps its measure's unit",
                    )
        for d in cube.dimensions:
            if d.breakdown and d.breakdown not in types:
                raise fail(
                    cube,
                    "dimension",
                    f"{d.column!r}: {d.breakdown!r} is not a breakdown type of the data "
                    "(breakdown-types.csv)",
                )


def check_columns(cube: Cube, header: list[str], path: Path) -> None:
    """A cube file has the five columns of the format and one per mapped dimension."""
    missing = [c for c in CUBE_COLUMNS if c not in header]
    if missing:
        raise located(
            path,
            1,
            None,
            f"not a statistics.gov.scot cube: no {', '.join(missing)} column (a cube has "
            f"{', '.join(CUBE_COLUMNS)} and one column per dimension)",
        )
    named = {d.column for d in cube.dimensions}
    for column in header:
        if column not in CUBE_COLUMNS and column not in named:
            raise located(
                path,
                1,
                column,
                f"a dimension the mapping does not mention: add a [[cube.dimension]] for "
                f"{column!r} to {cube.where} (a breakdown, the measures, or the labels to keep)",
            )
    for d in cube.dimensions:
        if d.column not in header:
            raise located(path, 1, None, f"no column {d.column!r}, which {cube.where} maps")


def places_of(imported: Imported, geography: Geography) -> dict[str, str]:
    """The codes and names of a geography's places (its resource of the framework)."""
    for extra in imported.extra_tables:
        if extra.table.name == geography.places:
            return {str(r["code"]): str(r["name"]) for r in extra.rows}
    return {}


def published_key(date: str) -> tuple[int, ...]:
    return tuple(int(p) for p in date.split("-")) if date else ()


def is_newer(release: str, than: str) -> bool:
    """Whether a release published on ``release`` is newer than one published on
    ``than`` (partial dates compared at the precision both have: 2022-03 is not newer
    than 2022-03-15, nor older). An unknown date is never older."""
    a, b = published_key(release), published_key(than)
    n = min(len(a), len(b))
    return n > 0 and a[:n] > b[:n]


def later(a: str, b: str) -> str:
    return a if is_newer(a, b) or not b else b
