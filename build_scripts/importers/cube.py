"""Read one statistics.gov.scot cube through one ``[[cube]]`` of the mapping: every
row becomes a figure, a bound of a figure, or a ``Skip`` with its reason.

A row is read column by column and the first thing that rules it out is its reason:
its place (``FeatureCode``), its ``Measurement``, its ``Units``, each dimension in the
mapping's order, then its value. The rows that pass are keyed by measure, period (by
its dates) and breakdowns; a confidence limit joins the figure of the same key, and a
row that repeats a figure exactly is kept once. Two different figures for one key stop
the read: a cube never means both.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from build_scripts.config import Geography
from build_scripts.contract import HEADLINE_GROUP, HEADLINE_TYPE
from build_scripts.errors import NpfError, located
from build_scripts.importers.cube_mapping import Cube, Dimension, check_columns, places_of
from build_scripts.importers.model import BreakdownPair, Figure, Imported, Origin
from build_scripts.importers.report import Skip
from build_scripts.periods import PeriodError, parse_period

VALUE, LOWER, UPPER = "value", "lower", "upper"


@dataclass(frozen=True)
class Lists:
    """What the data's controlled lists allow: the groups of each breakdown type, the
    order of the types, and the places of each geography a ``FeatureCode`` may be."""

    groups: frozenset[tuple[str, str]]
    type_rank: dict[str, int]
    geographies: tuple[Geography, ...]
    places: dict[str, dict[str, str]]  # breakdown type -> code -> name
    headline: str  # the FeatureCode of the framework's place

    @classmethod
    def of(cls, imported: Imported, geographies: list[Geography], headline: str) -> Lists:
        return cls(
            frozenset((g.breakdown_type, g.group) for g in imported.groups),
            {t.slug: i for i, t in enumerate(imported.breakdown_types)},
            tuple(geographies),
            {g.breakdown_type: places_of(imported, g) for g in geographies},
            headline,
        )


@dataclass(frozen=True)
class Read:
    """A row that passed: which Measurement it is, and the figure it gives."""

    kind: str  # VALUE, LOWER or UPPER
    measure: str
    start: date
    end: date
    period: str
    breakdowns: tuple[BreakdownPair, ...]
    number: float
    line: int

    @property
    def key(self) -> tuple[str, date, date, tuple[BreakdownPair, ...]]:
        return (self.measure, self.start, self.end, self.breakdowns)


@dataclass
class CubeRead:
    """What one ``[[cube]]`` read from its file: the figures (with their bounds), the rows
    of the bounds each figure carries (by the figure's row) and the rows left out."""

    cube: Cube
    path: str
    rows: int = 0
    figures: list[Figure] = field(default_factory=list)
    bounds: dict[int, list[int]] = field(default_factory=dict)
    skips: list[Skip] = field(default_factory=list)


Row = dict[str, str]


def read_cube(cube: Cube, folder: Path, lists: Lists) -> CubeRead:
    """Read ``cube.file`` (relative to the source ``folder``) through the mapping ``cube``."""
    path = folder / cube.file
    header, rows = _table(path)
    check_columns(cube, header, path)
    out = CubeRead(cube, cube.file, len(rows))
    reads: list[Read] = []
    for line, row in enumerate(rows, start=2):
        result = _row(cube, row, line, lists, path)
        if isinstance(result, Skip):
            out.skips.append(result)
        else:
            reads.append(result)
    _assemble(cube, reads, out, path)
    return out


def _table(path: Path) -> tuple[list[str], list[Row]]:
    if not path.is_file():
        raise NpfError(f"{path}: file not found; the mapping names it (`file`)")
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = [h.strip() for h in next(reader, [])]
            rows = []
            for line, cells in enumerate(reader, start=2):
                if len(cells) != len(header):
                    raise located(
                        path, line, None, f"{len(cells)} cells, the header has {len(header)}"
                    )
                rows.append({h: c.strip() for h, c in zip(header, cells, strict=True)})
    except (UnicodeDecodeError, csv.Error) as error:
        raise NpfError(f"{path}: not a readable UTF-8 CSV file ({error})") from error
    return header, rows


def _row(cube: Cube, row: Row, line: int, lists: Lists, path: Path) -> Read | Skip:
    code = row["FeatureCode"]
    place = _place(code, lists)
    if isinstance(place, str):
        return Skip("place-not-mapped", cube.file, line, place, "FeatureCode")
    measurement = row["Measurement"]
    kinds = {cube.value: VALUE, cube.lower: LOWER, cube.upper: UPPER}
    kind = kinds.get(measurement) if measurement else None
    if kind is None:
        taken = ", ".join(repr(m) for m in kinds if m)
        detail = f"{measurement!r} is not mapped (the mapping takes {taken})"
        return Skip("measurement-not-mapped", cube.file, line, detail, "Measurement")
    if row["Units"] not in cube.units:
        detail = f"{row['Units']!r} is not one of the mapping's units ({', '.join(cube.units)})"
        return Skip("unit-not-mapped", cube.file, line, detail, "Units")
    measure = cube.measure
    breakdowns: list[BreakdownPair] = [place] if place else []
    for d in cube.dimensions:
        label = row[d.column]
        if d.measures:
            if label not in d.measures:
                detail = f"{label!r} is not one of the measures' labels ({', '.join(d.measures)})"
                return Skip("not-selected", cube.file, line, detail, d.column)
            measure = d.measures[label]
        elif d.keep:
            if label not in d.keep:
                detail = f"{label!r}: the mapping keeps only {', '.join(map(repr, d.keep))}"
                return Skip("not-selected", cube.file, line, detail, d.column)
        elif label != d.total or not d.total:
            pair = _group(d, label, lists)
            if isinstance(pair, str):
                return Skip("group-not-listed", cube.file, line, pair, d.column)
            breakdowns.append(pair)
    try:
        period = parse_period(row["DateCode"])
    except PeriodError as error:
        raise located(path, line, "DateCode", str(error)) from error
    text = row["Value"]
    if not text:
        return Skip("no-figure", cube.file, line, f"{measurement} {period.label}: blank", "Value")
    number = _number(text)
    if number is None:
        detail = f"{measurement} {period.label}: {text!r} is not a number"
        return Skip("not-a-number", cube.file, line, detail, "Value")
    breakdowns.sort(key=lambda p: (lists.type_rank.get(p[0], len(lists.type_rank)), p[0]))
    return Read(
        kind, measure, period.start, period.end, period.label, tuple(breakdowns), number, line
    )


def _number(text: str) -> float | None:
    if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def _place(code: str, lists: Lists) -> BreakdownPair | str | None:
    """The breakdown of a ``FeatureCode``: None for the framework's place, a geography's
    type and the code, or why it is not mapped (a string)."""
    if code and code == lists.headline:
        return None
    for geography in lists.geographies:
        if geography.code_pattern and re.fullmatch(geography.code_pattern, code):
            if code in lists.places[geography.breakdown_type]:
                return (geography.breakdown_type, code)
            return (
                f"{code!r} has the form of {geography.name} ({geography.code_pattern}) but is "
                f"not one of them ({geography.places}.csv)"
            )
    head = f"the framework's place is {lists.headline!r}" if lists.headline else "no headline"
    kinds = ", ".join(f"{g.name} {g.code_pattern}" for g in lists.geographies) or "none"
    return f"{code!r} is not mapped ({head}; geographies: {kinds})"


def _group(d: Dimension, label: str, lists: Lists) -> BreakdownPair | str:
    """The breakdown of a dimension's label, or why it has none (a string)."""
    group = d.groups.get(label, label)
    pair = (d.breakdown, group)
    if pair in lists.groups or group in d.new_groups:
        return pair
    renamed = f" (mapped from {label!r})" if group != label else ""
    return (
        f"{group!r}{renamed} is not a group of {d.breakdown} in breakdown-groups.csv: map it to "
        "one (`groups`) or add it (`new_groups`)"
    )


def _assemble(cube: Cube, reads: list[Read], out: CubeRead, path: Path) -> None:
    """Figures from the value rows, each with the bounds of its key; repeats kept once."""
    firsts: dict[tuple[str, tuple[object, ...]], Read] = {}
    kept: list[Read] = []
    for r in reads:
        first = firsts.setdefault((r.kind, r.key), r)
        if first is r:
            kept.append(r)
        elif first.number == r.number:
            detail = f"repeats row {first.line}: {_describe(r)} = {r.number:g}"
            out.skips.append(Skip("repeated-figure", cube.file, r.line, detail, "Value"))
        else:
            raise located(
                path,
                r.line,
                "Value",
                f"{r.number:g} for {_describe(r)}, which row {first.line} gives as "
                f"{first.number:g}: two figures for one place, period and groups",
            )
    for r in kept:
        if r.kind == VALUE:
            _figure(cube, r, firsts, out, path)
        elif (VALUE, r.key) not in firsts:
            detail = f"{_describe(r)}: no figure of {cube.value!r} imported for it"
            out.skips.append(Skip("bound-without-figure", cube.file, r.line, detail, "Measurement"))


def _figure(
    cube: Cube,
    r: Read,
    firsts: dict[tuple[str, tuple[object, ...]], Read],
    out: CubeRead,
    path: Path,
) -> None:
    lower, upper = firsts.get((LOWER, r.key)), firsts.get((UPPER, r.key))
    if lower is not None and lower.number > r.number:
        raise located(
            path, lower.line, "Value", f"the lower bound is above its figure (row {r.line})"
        )
    if upper is not None and upper.number < r.number:
        raise located(
            path, upper.line, "Value", f"the upper bound is below its figure (row {r.line})"
        )
    first, *further = r.breakdowns or ((HEADLINE_TYPE, HEADLINE_GROUP),)
    figure = Figure(
        r.measure,
        r.period,
        r.start,
        r.end,
        first[0],
        first[1],
        r.number,
        cube.source.id,
        further=tuple(further),
        lower=lower.number if lower else None,
        upper=upper.number if upper else None,
        origin=Origin(cube.file, r.line),
    )
    out.figures.append(figure)
    out.bounds[r.line] = [b.line for b in (lower, upper) if b is not None]


def _describe(r: Read) -> str:
    groups = ", ".join(f"{t} {g}" for t, g in r.breakdowns) or "the headline"
    return f"{r.measure} {r.period} ({groups})"
