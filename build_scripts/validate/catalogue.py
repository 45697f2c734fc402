"""The framework package read into lookup tables, and the rules about it that Table
Schema cannot say: every indicator sits under an outcome, has valid criteria for change
and exactly one headline measure, and has a package (and every package is catalogued)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_scripts.config import Geography
from build_scripts.contract import IN_DEVELOPMENT, criteria_problems
from build_scripts.problems import Problem
from build_scripts.validate.descriptors import LoadedPackage, display

TRUE = {"true", "True", "TRUE", "1", "yes"}


@dataclass(frozen=True)
class Entry:
    """One row of a framework table, with where it is."""

    path: str
    line: int
    row: Mapping[str, str]


@dataclass
class Catalogue:
    outcomes: set[str] = field(default_factory=set)
    indicators: dict[str, Entry] = field(default_factory=dict)
    outcomes_of: dict[str, list[str]] = field(default_factory=dict)
    measures_of: dict[str, list[Entry]] = field(default_factory=dict)
    units: dict[str, bool] = field(default_factory=dict)  # unit -> is_percentage
    characteristics: set[str] = field(default_factory=set)
    breakdown_types: set[str] = field(default_factory=set)
    groups: set[tuple[str, str]] = field(default_factory=set)
    # The places of each geography (breakdown type -> codes), and their rows.
    places: dict[str, set[str]] = field(default_factory=dict)
    place_rows: dict[str, list[Entry]] = field(default_factory=dict)
    geographies: tuple[Geography, ...] = ()
    complete: bool = True  # every framework table was readable
    # Revisions (docs/revisions.md): the package's version and where it is said, each
    # outcome's row, and the rows of the optional ``revisions`` table.
    version: str = ""
    descriptor: str = ""
    outcome_rows: dict[str, Entry] = field(default_factory=dict)
    revisions: list[Entry] = field(default_factory=list)
    # Levels (docs/data-format.md): the rows of indicator-outcomes, and of the optional
    # targets (by slug) and indicator-targets; ``has_targets`` when both were read (the
    # rules about targets wait until they are).
    outcome_links: list[Entry] = field(default_factory=list)
    targets: dict[str, Entry] = field(default_factory=dict)
    target_links: list[Entry] = field(default_factory=list)
    has_targets: bool = False

    def criteria(self, slug: str) -> Any:
        entry = self.indicators.get(slug)
        if entry is None:
            return None
        try:
            return json.loads(entry.row.get("criteria", ""))
        except json.JSONDecodeError:
            return None


FRAMEWORK_TABLES = (
    "outcomes",
    "indicators",
    "indicator-outcomes",
    "measures",
    "units",
    "characteristics",
    "breakdown-types",
    "breakdown-groups",
)
"""The framework tables of every project; each ``[[geography]]`` adds its places' table."""


def read_catalogue(framework: LoadedPackage, geographies: Sequence[Geography] = ()) -> Catalogue:
    """The framework package's tables as lookups; ``geographies`` (the project's) say
    which resources list places."""
    cat = Catalogue(geographies=tuple(geographies))
    tables = {name: framework.table(name) for name in FRAMEWORK_TABLES}
    types = tables["breakdown-types"]
    known = {r.get("slug", "") for r in types.rows} if types is not None else set()
    # A geography of a type the data does not have is the configuration's problem (the
    # build reports it, config-unknown-breakdown), not a missing resource of the data.
    present = [g for g in geographies if g.breakdown_type in known]
    tables |= {g.places: framework.table(g.places) for g in present}
    cat.complete = all(t is not None for t in tables.values())

    def rows(name: str) -> list[Entry]:
        t = tables[name]
        return (
            []
            if t is None
            else [Entry(t.shown, n, r) for n, r in zip(t.lines, t.rows, strict=True)]
        )

    cat.outcome_rows = {e.row.get("slug", ""): e for e in rows("outcomes")}
    cat.outcomes = set(cat.outcome_rows)
    version = framework.prop("version")
    cat.version = version if isinstance(version, str) else ""
    cat.descriptor = framework.shown
    revisions = framework.table("revisions")
    if revisions is not None:
        cat.revisions = [
            Entry(revisions.shown, n, r)
            for n, r in zip(revisions.lines, revisions.rows, strict=True)
        ]
    cat.indicators = {e.row.get("slug", ""): e for e in rows("indicators")}
    cat.outcome_links = rows("indicator-outcomes")
    for e in cat.outcome_links:
        cat.outcomes_of.setdefault(e.row.get("indicator", ""), []).append(e.row.get("outcome", ""))
    _read_targets(framework, cat)
    for e in rows("measures"):
        cat.measures_of.setdefault(e.row.get("indicator", ""), []).append(e)
    cat.units = {
        e.row.get("unit", ""): e.row.get("is_percentage", "") in TRUE for e in rows("units")
    }
    cat.characteristics = {e.row.get("slug", "") for e in rows("characteristics")}
    cat.breakdown_types = {e.row.get("slug", "") for e in rows("breakdown-types")}
    cat.groups = {
        (e.row.get("breakdown_type", ""), e.row.get("group", "")) for e in rows("breakdown-groups")
    }
    for g in present:
        cat.place_rows[g.breakdown_type] = rows(g.places)
        cat.places[g.breakdown_type] = {e.row.get("code", "") for e in rows(g.places)}
    missing = [
        name for name, t in tables.items() if t is None and name not in _unreadable(framework)
    ]
    for name in missing:
        framework.add(
            None,
            "resources",
            f"the framework package has no resource {name!r}; see docs/data-format.md",
            code="missing-resource",
        )
    return cat


def _read_targets(framework: LoadedPackage, cat: Catalogue) -> None:
    """The optional ``targets`` and ``indicator-targets``: both or neither."""
    listed = {
        r.get("name")
        for r in (framework.descriptor or {}).get("resources", [])
        if isinstance(r, dict)
    }
    names = ("targets", "indicator-targets")
    for name, other in (names, names[::-1]):
        if name in listed and other not in listed:
            framework.add(
                None,
                "resources",
                f"the framework package has {name!r} but no resource {other!r}; a framework "
                "with targets has both (see docs/data-format.md)",
                code="missing-resource",
            )
    targets, links = framework.table("targets"), framework.table("indicator-targets")
    cat.has_targets = targets is not None and links is not None
    if targets is not None:
        cat.targets = {
            r.get("slug", ""): Entry(targets.shown, n, r)
            for n, r in zip(targets.lines, targets.rows, strict=True)
        }
    if links is not None:
        cat.target_links = [
            Entry(links.shown, n, r) for n, r in zip(links.lines, links.rows, strict=True)
        ]


def _place_codes(cat: Catalogue) -> Iterator[Problem]:
    """Each place's code matches its geography's ``code_pattern``, when there is one."""
    for g in cat.geographies:
        if not g.code_pattern:
            continue
        pattern = re.compile(g.code_pattern)
        for e in cat.place_rows.get(g.breakdown_type, []):
            code = e.row.get("code", "")
            if code and not pattern.fullmatch(code):
                yield Problem(
                    e.path,
                    e.line,
                    "code",
                    f"{code!r} is not a code of {g.name} ({g.codes or g.code_pattern}); "
                    f"it must match {g.code_pattern} (npf.toml)",
                    code="not-a-place-code",
                )


def _unreadable(framework: LoadedPackage) -> set[str]:
    resources = (framework.descriptor or {}).get("resources", [])
    return {
        r.get("name", "")
        for i, r in enumerate(resources)
        if i in framework.skipped and isinstance(r, dict)
    }


def check_catalogue(cat: Catalogue) -> list[Problem]:
    """Rules within the framework package."""
    problems: list[Problem] = list(_place_codes(cat))
    for slug, entry in cat.indicators.items():
        if slug and not cat.outcomes_of.get(slug):
            problems.append(
                Problem(
                    entry.path,
                    entry.line,
                    "slug",
                    f"indicator {slug!r} is under no outcome; add it to indicator-outcomes.csv",
                    code="no-outcome",
                )
            )
        in_development = entry.row.get("availability") == IN_DEVELOPMENT
        criteria = cat.criteria(slug)
        if criteria is not None and not (in_development and criteria == {}):
            for problem in criteria_problems(criteria):
                problems.append(
                    Problem(entry.path, entry.line, "criteria", problem.message, problem.code)
                )
        measures = cat.measures_of.get(slug, [])
        headlines = [m for m in measures if m.row.get("headline") in TRUE]
        if measures and len(headlines) != 1:
            where = headlines[1] if len(headlines) > 1 else measures[0]
            count = "more than one" if headlines else "none"
            problems.append(
                Problem(
                    where.path,
                    where.line,
                    "headline",
                    f"indicator {slug!r} must have exactly one headline measure ({count} has "
                    "headline true); set headline to true on one measure only",
                    code="headline-count",
                )
            )
        if not measures and not in_development:
            problems.append(
                Problem(
                    entry.path,
                    entry.line,
                    "slug",
                    f"published indicator {slug!r} has no measure in measures.csv; add one, or "
                    "set availability to 'in development'",
                    code="no-measures",
                )
            )
    return problems


def check_coverage(cat: Catalogue, packages: list[LoadedPackage], root: Path) -> list[Problem]:
    """Every catalogued indicator has a package, and every package is catalogued."""
    problems: list[Problem] = []
    found = {p.folder.name for p in packages}
    for slug, entry in cat.indicators.items():
        if slug and slug not in found:
            expected = display(root / "indicators" / slug / "datapackage.json")
            problems.append(
                Problem(
                    entry.path,
                    entry.line,
                    "slug",
                    f"indicator {slug!r} has no data package (expected {expected}); "
                    "run `npf import`, or remove it from the catalogue",
                    code="missing-package",
                )
            )
    for package in packages:
        if package.folder.name not in cat.indicators:
            problems.append(
                Problem(
                    package.shown,
                    None,
                    "name",
                    f"the package {package.folder.name!r} is not in the catalogue "
                    "(framework/indicators.csv); add it there or remove the folder",
                    code="uncatalogued-package",
                )
            )
    return problems
