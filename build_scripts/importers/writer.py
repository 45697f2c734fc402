"""The one writer of data packages: any importer's ``Imported`` into a data tree.

``write_imported`` writes the framework package (``framework/``: the catalogue and the
controlled lists), one package per indicator (``indicators/<slug>/``), the equality
evidence packages and the other files of the tree, with the Table Schemas of
``build_scripts/contract.py`` and the licence and property prefix of the project. Bytes
are the same on every run (``write.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from build_scripts.config import Project
from build_scripts.contract import (
    BREAKDOWN_PAIRS,
    HEADLINE_TYPE,
    SCHEMA_URL,
    Table,
    breakdown_columns,
    custom,
    framework_tables,
    indicator_table,
)
from build_scripts.importers.model import (
    Figure,
    Imported,
    IndicatorPackage,
    Requirement,
)
from build_scripts.importers.write import format_number, write_csv, write_json

AVAILABLE, IN_DEVELOPMENT = "published", "in development"


def write_imported(imported: Imported, out: Path, project: Project) -> int:
    """Write every package of ``imported`` into the folder ``out``; return the number of
    indicator rows written."""
    order = [t.slug for t in imported.breakdown_types]
    licence = project.licence.descriptor()
    written = 0
    for package in imported.packages:
        folder = out / "indicators" / package.slug
        written += write_indicator(folder, package, order, licence, project.property_prefix)
    write_framework(out / "framework", imported, project)
    for evidence in imported.evidence:
        folder = out / "equality-evidence" / evidence.slug
        write_json(folder / "datapackage.json", evidence.descriptor)
        write_csv(folder / f"{evidence.slug}.csv", evidence.columns, evidence.rows)
    for extra in imported.files:
        path = out / extra.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(extra.text, encoding="utf-8", newline="")
    return written


# --- an indicator's package ----------------------------------------------------------


def _row(figure: Figure, unit: str) -> dict[str, str]:
    row = {
        "measure": figure.measure,
        "period": figure.period,
        "period_start": figure.start.isoformat(),
        "period_end": figure.end.isoformat(),
        "breakdown_type": figure.breakdown_type,
        "breakdown_group": figure.breakdown_group,
        "value": format_number(figure.value),
        "unit": unit,
        "flag": figure.flag,
        "note": figure.note,
        "source": figure.source,
    }
    for n, (kind, group) in enumerate(figure.further, start=2):
        type_column, group_column = breakdown_columns(n)
        row[type_column], row[group_column] = kind, group
    if figure.lower is not None:
        row["lower"] = format_number(figure.lower)
    if figure.upper is not None:
        row["upper"] = format_number(figure.upper)
    return row


def _used_types(figures: Sequence[Figure], order: Sequence[str]) -> list[str]:
    """The headline's type, then the other types the figures use, in ``order``."""
    used = {kind for f in figures for kind, _ in f.breakdowns} - {HEADLINE_TYPE}
    rank = {slug: i for i, slug in enumerate(order)}
    return [HEADLINE_TYPE, *sorted(used, key=lambda t: (rank.get(t, len(rank)), t))]


def _groups(figures: Iterable[Figure]) -> list[str]:
    """Every group the figures use, in the order first seen."""
    seen: dict[str, None] = {}
    for f in figures:
        for _, group in f.breakdowns:
            seen[group] = None
    return list(seen)


def write_indicator(
    folder: Path,
    package: IndicatorPackage,
    type_order: Sequence[str],
    licence: dict[str, str],
    prefix: str = "npf",
) -> int:
    """Write the package of one indicator; return the number of rows.

    Its descriptor holds only what is the package's own: the title, outcomes, measures,
    criteria, availability and dates are the catalogue's (``framework/``), written by
    ``write_framework`` and put back into published copies (``metadata.py``)."""
    figures = package.figures
    units = package.measure_units
    pairs = max([BREAKDOWN_PAIRS, *(len(f.breakdowns) for f in figures)])
    table = indicator_table(
        package.slug,
        list(units),
        _used_types(figures, type_order) if figures else [],
        _groups(figures),
        sorted(set(units.values())),
        [s.id for s in package.sources],
        pairs,
    )
    count = write_csv(
        folder / table.path, table.fieldnames, (_row(f, units[f.measure]) for f in figures)
    )
    sources = [s.as_package_source() for s in [*package.sources, *package.producers]]
    descriptor: dict[str, Any] = {
        "$schema": SCHEMA_URL,
        "name": package.slug,
        "description": package.description,
        "licenses": [licence],
        "sources": sources,
        "version": package.version,
    }
    for name, value in package.properties.items():
        descriptor[custom(name, prefix)] = value
    descriptor["resources"] = [table.resource()]
    write_json(folder / "datapackage.json", descriptor)
    return count


# --- the framework package ---------------------------------------------------------


def framework_rows(imported: Imported) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table of the framework package, by table name."""
    rows: dict[str, list[dict[str, Any]]] = {
        "outcomes": [
            {
                "slug": o.slug,
                "name": o.name,
                "statement": o.statement,
                "description": o.description,
                "order": i,
                "code": o.code,
                "retired_in": o.retired_in,
            }
            for i, o in enumerate(imported.outcomes, start=1)
        ],
        "targets": [
            {
                "slug": t.slug,
                "outcome": t.outcome,
                "code": t.code,
                "title": t.title,
                "description": t.description,
                "order": t.order
                if t.order is not None
                else sum(1 for u in imported.targets[:i] if u.outcome == t.outcome),
            }
            for i, t in enumerate(imported.targets, start=1)
        ],
        "indicators": [
            {
                "slug": r.slug,
                "title": r.title,
                "availability": AVAILABLE if r.available else IN_DEVELOPMENT,
                "confirmed": "true" if r.confirmed else "false",
                "source": r.source,
                "criteria": json.dumps(r.criteria, ensure_ascii=False),
                "criteria_origin": r.criteria_origin,
                "criteria_source": r.criteria_source,
                "criteria_note": r.criteria_note,
                "last_updated": r.last_updated,
                "next_update": r.next_update,
                "code": r.code,
                "retired_in": r.retired_in,
            }
            for r in imported.indicators
        ],
        "indicator-outcomes": [
            {"indicator": indicator, "outcome": outcome}
            for indicator, outcome in imported.placements
        ],
        "indicator-targets": [
            {"indicator": indicator, "target": target}
            for indicator, target in imported.indicator_targets
        ],
        "measures": [
            {
                "indicator": m.indicator,
                "measure": m.name,
                "title": m.title,
                "description": m.description,
                "unit": m.unit,
                "direction": m.direction,
                "headline": "true" if m.headline else "false",
                "decimals": m.decimals,
            }
            for m in imported.measures
        ],
        "units": [
            {
                "unit": u.unit,
                "label": u.label,
                "change_label": u.change_label,
                "is_percentage": "true" if u.is_percentage else "false",
            }
            for u in imported.units
        ],
        "characteristics": [{"slug": s, "name": n} for s, n in imported.characteristics],
        "breakdown-types": [
            {"slug": t.slug, "name": t.name, "characteristic": t.characteristic}
            for t in imported.breakdown_types
        ],
        "breakdown-groups": [
            {"breakdown_type": g.breakdown_type, "group": g.group, "label": g.label, "order": i}
            for i, g in enumerate(imported.groups, start=1)
        ],
        "sources": [s.as_row() for s in imported.sources],
        "revisions": [asdict(r) for r in imported.revisions],
    }
    for extra in imported.extra_tables:
        rows[extra.table.name] = extra.rows
    return rows


def framework_table_list(imported: Imported) -> list[Table]:
    """The framework package's tables, in the order they are listed: the contract's,
    with the optional parts the framework has (``code`` columns, targets, a revision),
    then the importer's own tables (places) before ``sources``, where the NPF's have
    always been; each column the framework requires beyond the contract marked so."""
    return framework_schema(
        revisions=imported.is_revised,
        codes=imported.has_codes,
        targets=imported.has_targets,
        requires=imported.requires,
        extra=[e.table for e in imported.extra_tables],
    )


def framework_schema(
    *,
    revisions: bool = False,
    codes: bool = False,
    targets: bool = False,
    requires: Sequence[Requirement] = (),
    extra: Sequence[Table] = (),
) -> list[Table]:
    """The contract's framework tables (``framework_tables``) as a framework writes
    them: with ``revisions``, ``codes`` and ``targets``, the columns of ``requires``
    required, and the ``extra`` tables before ``sources`` (``revisions``, where there
    is one, after it, last, where ``revision.carry_revision`` adds it too)."""
    tables = framework_tables(revisions, codes=codes, targets=targets)
    tables = [_requiring(t, requires) for t in tables]
    at = next(i for i, t in enumerate(tables) if t.name == "sources")
    return [*tables[:at], *extra, *tables[at:]]


def _requiring(table: Table, requires: Sequence[Requirement]) -> Table:
    by_column = {r.column: r for r in requires if r.table == table.name}
    if not by_column:
        return table
    columns = tuple(
        replace(c, required=True, description=by_column[c.name].description)
        if c.name in by_column
        else c
        for c in table.columns
    )
    return replace(table, columns=columns)


def _only(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    names = {c.name for c in table.columns}
    return {k: v for k, v in row.items() if k in names}


def write_framework(folder: Path, imported: Imported, project: Project) -> int:
    """Write ``folder`` (``framework/``); return the number of rows written."""
    rows = framework_rows(imported)
    written = 0
    resources = []
    for table in framework_table_list(imported):
        table_rows = (_only(table, r) for r in rows[table.name])
        written += write_csv(folder / table.path, table.fieldnames, table_rows)
        resources.append(table.resource())
    info = imported.info
    descriptor: dict[str, Any] = {
        "$schema": SCHEMA_URL,
        "name": info.name,
        "title": info.title,
        "description": info.description,
        "licenses": [project.licence.descriptor()],
        "sources": [s.as_package_source() for s in info.sources],
        "version": info.version,
    }
    if info.purpose:
        descriptor[custom("purpose", project.property_prefix)] = info.purpose
    descriptor["resources"] = resources
    write_json(folder / "datapackage.json", descriptor)
    return written
