"""The framework package: outcomes, the indicator catalogue and the controlled lists.

Outcomes and indicator placements come from ``npf-framework-2018``; slugs, short names,
descriptions, measures and criteria from ``catalogue.toml``; council areas from the
Wellbeing Economy Monitor's ``LAcodes.csv``; breakdown groups from what the indicator
packages use.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from build_scripts.config import default_project
from build_scripts.contract import SCHEMA_URL, Table, framework_tables
from build_scripts.errors import NpfError, located
from build_scripts.importers.catalogue import Catalogue, IndicatorEntry
from build_scripts.importers.councils import Councils, council_tables
from build_scripts.importers.write import write_csv, write_json

FRAMEWORK_DIR = Path("npf-framework-2018")
PUBLISHER = "Scottish Government"


@dataclass(frozen=True)
class Placement:
    """An indicator of ``indicators.csv`` under one outcome."""

    outcome: str  # outcome slug
    indicator: str  # indicator slug
    confirmed: bool


@dataclass(frozen=True)
class SourceEntry:
    id: str
    title: str
    publisher: str
    path: str
    licence: str
    published: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD, as precisely as known
    url: str = ""

    def as_row(self) -> dict[str, str]:
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "path": self.path,
            "licence": self.licence,
            "published": self.published,
            "url": self.url,
        }

    def as_package_source(self) -> dict[str, str]:
        """The entry of a package's ``sources``: empty properties left out."""
        out = {"id": self.id, "title": self.title}
        for key in ("path", "publisher", "published", "url"):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out


def _read(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))
    except FileNotFoundError as error:
        raise NpfError(f"{path}: file not found; is --source the source-data folder?") from error


def read_outcome_statements(source: Path, catalogue: Catalogue) -> dict[str, str]:
    """Outcome slug -> its "We ..." statement; every outcome of the file is catalogued."""
    path = source / FRAMEWORK_DIR / "outcomes.csv"
    by_name = {o.framework: o.slug for o in catalogue.outcomes}
    statements: dict[str, str] = {}
    for line, row in enumerate(_read(path), start=2):
        name = row.get("outcome", "").strip()
        if name not in by_name:
            raise located(
                path, line, "outcome", f"{name!r} is not an [[outcome]] of catalogue.toml"
            )
        # The file leaves one statement unquoted though it holds commas ("We grow up
        # loved, safe and respected ..."): the csv module puts the rest of the line in
        # the extra fields, which are joined back with the commas they were split on.
        parts = [row.get("statement") or "", *(row.get(None) or [])]  # type: ignore[call-overload]
        statements[by_name[name]] = " ".join(",".join(parts).split())
    missing = set(by_name.values()) - set(statements)
    if missing:
        raise NpfError(f"{path}: no row for the outcomes {', '.join(sorted(missing))}")
    return statements


def read_placements(source: Path, catalogue: Catalogue) -> list[Placement]:
    """The 83 rows of ``indicators.csv``: every one catalogued, every catalogued one placed."""
    path = source / FRAMEWORK_DIR / "indicators.csv"
    outcomes = {o.framework: o.slug for o in catalogue.outcomes}
    indicators = {i.framework: i.slug for i in catalogue.indicators}
    placements: list[Placement] = []
    for line, row in enumerate(_read(path), start=2):
        outcome, name = row.get("outcome", "").strip(), row.get("indicator", "").strip()
        if outcome not in outcomes:
            raise located(path, line, "outcome", f"{outcome!r} is not an outcome of catalogue.toml")
        if name not in indicators:
            raise located(
                path, line, "indicator", f"{name!r} is not an [[indicator]] of catalogue.toml"
            )
        confirmed = row.get("confirmed", "").strip().casefold()
        if confirmed not in ("yes", "no"):
            raise located(path, line, "confirmed", f"{confirmed!r} is not yes or no")
        placements.append(Placement(outcomes[outcome], indicators[name], confirmed == "yes"))
    unplaced = set(indicators.values()) - {p.indicator for p in placements}
    if unplaced:
        raise NpfError(f"{path}: the indicators {', '.join(sorted(unplaced))} are under no outcome")
    return placements


@dataclass
class IndicatorSummary:
    """What the framework needs to know of one indicator package."""

    entry: IndicatorEntry
    title: str
    producers: list[str]
    last_updated: str
    descriptions: dict[str, str]  # measure -> graphTitle as published
    has_figures: bool
    decimals: dict[str, int]  # measure -> decimal places shown
    criteria: dict[str, Any]


def npf_framework_tables() -> list[Table]:
    """The contract's framework tables with the NPF's council areas before the sources,
    where they have always been listed. Every National Outcome has a description in
    our own words (``catalogue.toml``), so the NPF's package requires it, as it always
    has, where the contract leaves it optional."""
    base = [_described(t) if t.name == "outcomes" else t for t in framework_tables()]
    at = next(i for i, t in enumerate(base) if t.name == "sources")
    return [*base[:at], *council_tables(), *base[at:]]


def _described(table: Table) -> Table:
    columns = tuple(
        replace(c, required=True) if c.name == "description" else c for c in table.columns
    )
    return replace(table, columns=columns)


def write_framework(
    out: Path,
    catalogue: Catalogue,
    statements: dict[str, str],
    placements: list[Placement],
    summaries: list[IndicatorSummary],
    councils: Councils,
    groups: list[tuple[str, str, str]],  # (type, group, label) in display order
    sources: list[SourceEntry],
) -> int:
    """Write ``out/framework``; return the number of rows written."""
    confirmed: dict[str, bool] = {}
    for p in placements:
        confirmed[p.indicator] = confirmed.get(p.indicator, True) and p.confirmed
    rows: dict[str, list[dict[str, Any]]] = {
        "outcomes": [
            {
                "slug": o.slug,
                "name": o.name,
                "statement": statements[o.slug],
                "description": o.description,
                "order": i,
            }
            for i, o in enumerate(catalogue.outcomes, start=1)
        ],
        "indicators": [
            {
                "slug": s.entry.slug,
                "title": s.title,
                "availability": "published" if s.has_figures else "in development",
                "confirmed": "true" if confirmed[s.entry.slug] else "false",
                "source": "; ".join(s.producers),
                "criteria": json.dumps(s.criteria, ensure_ascii=False),
                **catalogue.criteria_origin(s.entry),
                "last_updated": s.last_updated,
                "next_update": "",
            }
            for s in summaries
        ],
        "indicator-outcomes": [
            {"indicator": p.indicator, "outcome": p.outcome} for p in placements
        ],
        "measures": [
            {
                "indicator": s.entry.slug,
                "measure": m.name,
                "title": m.title,
                "description": s.descriptions.get(m.name, ""),
                "unit": m.unit,
                "direction": m.direction,
                "headline": "true" if m.headline else "false",
                "decimals": s.decimals.get(m.name, 0),
            }
            for s in summaries
            for m in s.entry.measures
        ],
        "units": [
            {
                "unit": u.unit,
                "label": u.label,
                "change_label": u.change_label,
                "is_percentage": "true" if u.is_percentage else "false",
            }
            for u in catalogue.units
        ],
        "characteristics": [{"slug": s, "name": n} for s, n in catalogue.characteristics],
        "breakdown-types": [
            {"slug": t.slug, "name": t.name, "characteristic": t.characteristic}
            for t in catalogue.breakdown_types
        ],
        "breakdown-groups": [
            {"breakdown_type": t, "group": g, "label": label, "order": i}
            for i, (t, g, label) in enumerate(groups, start=1)
        ],
        "council-areas": [{"code": a.code, "name": a.name, "slug": a.slug} for a in councils.areas],
        "council-area-names": [
            {"name": name, "code": code} for name, code in sorted(councils.spellings.items())
        ],
        "sources": [s.as_row() for s in sources],
    }
    folder = out / "framework"
    written = 0
    resources = []
    for table in npf_framework_tables():
        written += write_csv(folder / table.path, table.fieldnames, rows[table.name])
        resources.append(table.resource())
    write_json(
        folder / "datapackage.json",
        {
            "$schema": SCHEMA_URL,
            "name": "npf-framework",
            "title": "National Performance Framework: outcomes, indicators and classifications",
            "description": (
                "The 11 National Outcomes and 81 National Indicators of Scotland's National "
                "Performance Framework (2018), the measures, units and criteria for change of "
                "each indicator, and the controlled lists the indicator packages use."
            ),
            "licenses": [default_project().licence.descriptor()],
            "sources": [
                s.as_package_source()
                for s in sources
                if s.path.startswith(("npf-framework-2018", "wellbeing-economy-monitor/LAcodes"))
            ],
            "version": "1.0.0",
            "npf:purpose": catalogue.purpose,
            "resources": resources,
        },
    )
    return written
