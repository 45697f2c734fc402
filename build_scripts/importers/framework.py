"""The NPF's framework: its outcomes and where each indicator sits.

Outcomes and indicator placements come from ``npf-framework-2018``; slugs, short names,
descriptions, measures and criteria from ``catalogue.toml``; council areas from the
Wellbeing Economy Monitor's ``LAcodes.csv``; breakdown groups from what the indicator
packages use (``npf.py`` puts them together; ``writer.py`` writes the package).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from build_scripts.contract import Table
from build_scripts.errors import NpfError, located
from build_scripts.importers.catalogue import Catalogue
from build_scripts.importers.councils import council_tables
from build_scripts.importers.model import Requirement, SourceEntry
from build_scripts.importers.writer import framework_schema

__all__ = [
    "OUTCOME_DESCRIPTIONS",
    "SourceEntry",
    "npf_framework_tables",
    "read_outcome_statements",
    "read_placements",
]

FRAMEWORK_DIR = Path("npf-framework-2018")
PUBLISHER = "Scottish Government"


@dataclass(frozen=True)
class Placement:
    """An indicator of ``indicators.csv`` under one outcome."""

    outcome: str  # outcome slug
    indicator: str  # indicator slug
    confirmed: bool


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


OUTCOME_DESCRIPTIONS = Requirement("outcomes", "description", "What it covers, in our own words.")
"""Every National Outcome has a description in our own words (``catalogue.toml``), so
the NPF's package requires it, as it always has, where the contract leaves it optional."""


def npf_framework_tables() -> list[Table]:
    """The framework package's tables as the NPF's import writes them: the contract's,
    outcome descriptions required, and the council areas before the sources."""
    return framework_schema(requires=[OUTCOME_DESCRIPTIONS], extra=council_tables())
