"""Every published figure traces to the source row its ``source`` cites.

Reads the committed ``datapackages/`` and the full published files in
``../shared/source-data`` (skipped where that folder is absent, as on a clone from a
public host). It re-reads the source files with plain ``csv``, independently of the
importers, and fails on any figure it cannot find by indicator, period, group and value
(a statistics.gov.scot cube's by place, period dates and value, with its confidence
limits in rows of the same dimensions).
"""

from __future__ import annotations

import csv
import functools
import json
import math
from collections import defaultdict
from pathlib import Path

import pytest

from build_scripts.importers.catalogue import load_catalogue
from build_scripts.periods import parse_period

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT.parent / "shared" / "source-data"
DATA = ROOT / "datapackages"

pytestmark = pytest.mark.skipif(not SOURCE.is_dir(), reason="no ../shared/source-data here")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _names() -> dict[str, str]:
    """Every council spelling -> GSS code (the framework's names table)."""
    return {r["name"]: r["code"] for r in _rows(DATA / "framework" / "council-area-names.csv")}


def _database_index() -> dict[tuple[str, str], list[tuple[str, float]]]:
    """(indicator slug, period label) -> [(Breakdown as published, value)]."""
    catalogue = load_catalogue()
    slugs = {name: e.slug for e in catalogue.indicators for name in e.db_names}
    intervals = {e.slug: e.interval for e in catalogue.indicators}
    index: dict[tuple[str, str], list[tuple[str, float]]] = defaultdict(list)
    for row in _rows(SOURCE / "npf-database-2020" / "npf-database.csv"):
        slug = slugs.get(row["Indicator"].strip())
        if slug is None or not row["Figure"].strip():
            continue
        hint = intervals[slug] or row.get("intervalType", "").strip() or None
        label = parse_period(row["DateCode"].strip(), None if hint == "none" else hint).label
        index[(slug, label)].append((" ".join(row["Breakdown"].split()), float(row["Figure"])))
    return index


def _group_matches(published: dict[str, str], breakdown: str, names: dict[str, str]) -> bool:
    group = published["breakdown_group"]
    if published["breakdown_type"] == "council-area":
        return names.get(breakdown) == group
    if published["breakdown_type"] == "total":
        return True  # the headline's group is spelled many ways (Total, Scotland, All adults)
    # groups are kept as published, SIMD quintile spellings aside
    return breakdown == group or breakdown[:1] == group[:1] == group.strip()[:1]


def _wem_value(path: Path, label: str, code: str | None, names: dict[str, str]) -> list[float]:
    """The values a monitor file publishes for a period (and a council)."""
    out = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        table = [[c.strip() for c in r] for r in csv.reader(f)]
    header = [h.casefold() for h in table[0]]
    for cells in table[1:]:
        if not cells or not any(cells):
            continue
        if code is None:  # Year,Value
            year, value = cells[0], cells[1].rstrip("%")
            end = int(year) if year.isdigit() else None
            labels = {year} | ({f"{end - 3}-{end % 100:02d}"} if end else set())
            if label in labels and value:
                out.append(float(value))
        elif names.get(" ".join(cells[0].split())) == code:
            if len(header) == 3 and cells[1] == label and cells[2] not in ("", "NA"):
                out.append(float(cells[2].rstrip("%")))
            elif label in table[0] and cells[table[0].index(label)] not in ("", "NA"):
                out.append(float(cells[table[0].index(label)].rstrip("%")))
    return out


def _dates(period: str) -> tuple[str, str]:
    p = parse_period(period)
    return p.start.isoformat(), p.end.isoformat()


def _number(text: str) -> str:
    return repr(float(text)) if text else ""


@functools.cache
def _is_cube(path: Path) -> bool:
    with path.open(encoding="utf-8-sig") as f:
        return f.readline().startswith("FeatureCode,")


def _cube_index(path: Path) -> dict[tuple[str, str, str], list[dict[str, str]]]:
    """A statistics.gov.scot cube's rows by place, period dates and value as written."""
    index: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for row in _rows(path):
        start, end = _dates(row["DateCode"])
        index[(row["FeatureCode"], f"{start}/{end}", _number(row["Value"]))].append(row)
    return index


def _in_cube(row: dict[str, str], index: dict[tuple[str, str, str], list[dict[str, str]]]) -> bool:
    """The figure is a row of the cube for its place and period, and its bounds are the
    confidence limits of a row with the same dimensions."""
    place = row["breakdown_group"] if row["breakdown_type"] == "council-area" else "S92000003"
    when = f"{row['period_start']}/{row['period_end']}"
    dimensions = ("Sex", "Age", "SIMD quintiles", "Urban Rural Classification")
    for found in index.get((place, when, _number(row["value"])), []):
        same = [
            r
            for value in (row["lower"], row["upper"])
            for r in index.get((place, when, _number(value)), [])
            if all(r[d] == found[d] for d in dimensions) and "Confidence" in r["Measurement"]
        ]
        if len(same) == 2 or not (row["lower"] or row["upper"]):
            return True
    return False


def test_every_published_figure_is_in_the_source_row_it_cites() -> None:
    names = _names()
    database = _database_index()
    cubes: dict[str, dict[tuple[str, str, str], list[dict[str, str]]]] = {}
    missing: list[str] = []
    checked = 0
    for package in sorted((DATA / "indicators").iterdir()):
        descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
        paths = {s["id"]: s.get("path", "") for s in descriptor["sources"]}
        for row in _rows(package / f"{package.name}.csv"):
            value = float(row["value"])
            where = f"{package.name}: {row['measure']} {row['period']} {row['breakdown_group']}"
            if row["source"] == "npf-database-2020":
                candidates = database.get((package.name, row["period"]), [])
                found = any(
                    _close(v, value) and _group_matches(row, b, names) for b, v in candidates
                )
            elif _is_cube(SOURCE / paths[row["source"]]):  # a statistics.gov.scot cube
                path = paths[row["source"]]
                found = _in_cube(row, cubes.setdefault(path, _cube_index(SOURCE / path)))
            else:
                path = SOURCE / paths[row["source"]]
                code = row["breakdown_group"] if row["breakdown_type"] == "council-area" else None
                values = _wem_value(path, row["period"], code, names)
                found = any(_close(v, value) or _close(v / 10**6, value) for v in values)
            checked += 1
            if not found:
                missing.append(f"{where} = {row['value']} ({row['source']})")
    assert checked > 12_000
    assert cubes, "no figure from a statistics.gov.scot cube was checked"
    assert missing == [], f"{len(missing)} of {checked} figures not found: {missing[:10]}"
