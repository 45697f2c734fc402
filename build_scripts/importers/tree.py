"""A reader of the contract's packages: a data tree (``datapackages/``) back into the
importers' model, so that ``writer.write_imported`` writes it again byte for byte.

An importer that adds figures to data already published (``statistics-gov-scot``)
starts from here; so can any tool that changes a tree through the one writer. Nothing is
guessed and nothing is dropped: a descriptor property, a column or a file that the model
cannot carry stops the read with its file, rather than being lost on the next write.
Figures keep where they were read (``Origin``: the indicator table and its row). The
framework's optional parts come back with it: targets (with their order as written),
codes, a recorded revision (``revisions``, ``retired_in``) and the columns it requires
beyond the contract (``Imported.requires``, read from its schemas).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from build_scripts.config import Project
from build_scripts.contract import (
    RETIRED_IN,
    TARGET_TABLES,
    Column,
    ForeignKey,
    Table,
    breakdown_columns,
    breakdown_pairs,
    custom,
    every_framework_table,
    revisions_table,
)
from build_scripts.errors import NpfError, located
from build_scripts.importers.model import (
    BreakdownPair,
    BreakdownTypeRecord,
    EvidencePackage,
    ExtraFile,
    Figure,
    FrameworkInfo,
    GroupRecord,
    Imported,
    IndicatorPackage,
    IndicatorRecord,
    MeasureRecord,
    Origin,
    Outcome,
    Requirement,
    RevisionRecord,
    SourceEntry,
    TableRows,
    Target,
    UnitRecord,
)
from build_scripts.importers.writer import AVAILABLE, framework_table_list

FRAMEWORK, INDICATORS, EVIDENCE = "framework", "indicators", "equality-evidence"
DESCRIPTOR = "datapackage.json"
PACKAGE_KEYS = ("$schema", "name", "description", "licenses", "sources", "version", "resources")
FRAMEWORK_KEYS = ("$schema", "name", "title", "description", "licenses", "sources", "version")
TARGETS, INDICATOR_TARGETS = TARGET_TABLES
REVISIONS = "revisions"

Rows = list[dict[str, str]]


def read_tree(folder: Path, project: Project) -> Imported:
    """The data tree in ``folder`` as the model every importer makes."""
    if not (folder / FRAMEWORK / DESCRIPTOR).is_file():
        raise NpfError(
            f"{folder}: no data tree here (no {FRAMEWORK}/{DESCRIPTOR}); give the folder "
            "of a project's data packages, as `npf import` writes them"
        )
    imported = _framework(folder, project)
    records = {r.slug: r for r in imported.indicators}
    units = {(m.indicator, m.name): m.unit for m in imported.measures}
    folders = _subfolders(folder / INDICATORS)
    order = {slug: i for i, slug in enumerate(records)}
    folders.sort(key=lambda p: (order.get(p.name, len(order)), p.name))
    imported.packages = [_indicator(p, folder, units) for p in folders]
    imported.evidence = [_evidence(p) for p in _subfolders(folder / EVIDENCE)]
    imported.files = _files(folder)
    return imported


# --- files ---------------------------------------------------------------------------


def _subfolders(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def _csv(path: Path) -> tuple[list[str], Rows]:
    """A table's header and rows, every cell as written."""
    if not path.is_file():
        raise NpfError(f"{path}: file not found; the data tree is incomplete")
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            header = list(reader.fieldnames or [])
    except (UnicodeDecodeError, csv.Error) as error:
        raise NpfError(f"{path}: not a readable UTF-8 CSV file ({error})") from error
    for line, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise located(path, line, None, "the row has the wrong number of cells")
    return header, rows


def _descriptor(path: Path, allowed: Sequence[str]) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NpfError(f"{path}: not a readable descriptor ({error})") from error
    if not isinstance(data, dict):
        raise NpfError(f"{path}: a descriptor is a JSON object")
    extra = [k for k in data if k not in allowed]
    if extra:
        raise located(
            path,
            None,
            extra[0],
            "a property the importers' model does not carry, so a rewrite would lose it; "
            "remove it or add it to the model (build_scripts/importers/model.py)",
        )
    return data


def _files(folder: Path) -> list[ExtraFile]:
    """Every file of the tree outside the packages (boundaries and their notes)."""
    packages = {FRAMEWORK, INDICATORS, EVIDENCE}
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if rel.parts[0] in packages or not path.is_file():
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            raise NpfError(
                f"{path}: not a UTF-8 text file, which the writer cannot carry"
            ) from error
        out.append(ExtraFile(rel.as_posix(), text))
    return out


def _source(entry: dict[str, Any], where: Path) -> SourceEntry:
    if not isinstance(entry, dict) or not entry.get("id"):
        raise located(where, None, "sources", "every source needs an id")
    return SourceEntry(
        str(entry["id"]),
        str(entry.get("title", "")),
        str(entry.get("publisher", "")),
        str(entry.get("path", "")),
        str(entry.get("licence", "")),
        str(entry.get("published", "")),
        str(entry.get("url", "")),
    )


def table_of(resource: dict[str, Any]) -> Table:
    """A framework resource the contract does not define (the places of a geography) as
    the ``Table`` that writes it again."""
    schema = resource.get("schema", {})
    columns = []
    for f in schema.get("fields", []):
        c = f.get("constraints", {})
        enum = tuple(c["enum"]) if "enum" in c else None
        columns.append(
            Column(
                f["name"],
                f.get("type", "string"),
                bool(c.get("required", False)),
                f.get("description", ""),
                enum,
                c.get("pattern"),
            )
        )
    keys = tuple(
        ForeignKey(tuple(k["fields"]), k["reference"]["resource"], tuple(k["reference"]["fields"]))
        for k in schema.get("foreignKeys", [])
    )
    return Table(resource["name"], tuple(columns), tuple(schema.get("primaryKey", ())), keys)


# --- the framework package -------------------------------------------------------------


def _framework(folder: Path, project: Project) -> Imported:
    base = folder / FRAMEWORK
    purpose_key = custom("purpose", project.property_prefix)
    descriptor = _descriptor(base / DESCRIPTOR, (*FRAMEWORK_KEYS, purpose_key, "resources"))
    resources = {r["name"]: r for r in descriptor.get("resources", [])}
    contract = {t.name for t in every_framework_table()}
    tables: dict[str, Rows] = {}
    headers: dict[str, list[str]] = {}
    for name, resource in resources.items():
        headers[name], tables[name] = _csv(base / resource["path"])

    def rows(name: str) -> Rows:
        return tables.get(name, [])

    imported = Imported(
        info=FrameworkInfo(
            descriptor.get("name", ""),
            descriptor.get("title", ""),
            descriptor.get("description", ""),
            descriptor.get("version", "1.0.0"),
            descriptor.get(purpose_key, ""),
            [_source(s, base / DESCRIPTOR) for s in descriptor.get("sources", [])],
        ),
        outcomes=[
            Outcome(
                r["slug"],
                r["name"],
                r["statement"],
                r["description"],
                r.get("code", ""),
                r.get(RETIRED_IN.name, ""),
            )
            for r in _ordered(rows("outcomes"))
        ],
        indicators=[_indicator_record(r) for r in rows("indicators")],
        placements=[(r["indicator"], r["outcome"]) for r in rows("indicator-outcomes")],
        measures=[
            MeasureRecord(
                r["indicator"],
                r["measure"],
                r["title"],
                r["description"],
                r["unit"],
                r["direction"],
                r["headline"] == "true",
                int(r["decimals"]),
            )
            for r in rows("measures")
        ],
        units=[
            UnitRecord(r["unit"], r["label"], r["change_label"], r["is_percentage"] == "true")
            for r in rows("units")
        ],
        characteristics=[(r["slug"], r["name"]) for r in rows("characteristics")],
        breakdown_types=[
            BreakdownTypeRecord(r["slug"], r["name"], r["characteristic"])
            for r in rows("breakdown-types")
        ],
        groups=[
            GroupRecord(r["breakdown_type"], r["group"], r["label"])
            for r in _ordered(rows("breakdown-groups"))
        ],
        sources=[_source(r, base / "sources.csv") for r in rows("sources")],
        packages=[],
        targets=[
            Target(
                r["slug"],
                r["outcome"],
                r["code"],
                r["title"],
                r["description"],
                _integer(r["order"], base / "targets.csv", "order"),
            )
            for r in rows(TARGETS)
        ],
        indicator_targets=[(r["indicator"], r["target"]) for r in rows(INDICATOR_TARGETS)],
        revisions=[
            RevisionRecord(**{c: r[c] for c in revisions_table().fieldnames})
            for r in rows(REVISIONS)
        ],
        requires=_requirements(resources),
        extra_tables=[
            TableRows(table_of(resources[name]), list(tables[name]))
            for name in resources
            if name not in contract
        ],
    )
    _check_framework(base, imported, list(resources), headers)
    return imported


def _requirements(resources: dict[str, dict[str, Any]]) -> list[Requirement]:
    """The columns of the contract's tables that the tree's schemas require though the
    contract leaves them optional: what the framework requires beyond the contract."""
    found = []
    for table in every_framework_table():
        fields = resources.get(table.name, {}).get("schema", {}).get("fields", [])
        schema = {f.get("name"): f for f in fields}
        for column in table.columns:
            field = schema.get(column.name, {})
            if field.get("constraints", {}).get("required") and not column.required:
                found.append(Requirement(table.name, column.name, field.get("description", "")))
    return found


def _ordered(rows: Rows) -> Rows:
    """Rows in their ``order`` (the writer numbers them in list order)."""
    return sorted(rows, key=lambda r: int(r["order"]))


def _integer(text: str, path: Path, column: str) -> int:
    try:
        return int(text)
    except ValueError as error:
        raise located(path, None, column, f"{text!r} is not a whole number") from error


def _indicator_record(r: dict[str, str]) -> IndicatorRecord:
    # positional, in the record's order (its last fields: its number, its retirement)
    return IndicatorRecord(
        r["slug"],
        r["title"],
        r["availability"] == AVAILABLE,
        r["confirmed"] == "true",
        r["source"],
        json.loads(r["criteria"]) if r["criteria"] else {},
        r["criteria_origin"],
        r["criteria_source"],
        r["criteria_note"],
        r["last_updated"],
        r["next_update"],
        r.get("code", ""),
        r.get(RETIRED_IN.name, ""),
    )


def _check_framework(
    base: Path, imported: Imported, names: list[str], headers: dict[str, list[str]]
) -> None:
    """The writer would write these resources with these columns: anything else in the
    tree (a column of a newer contract, a table it does not know) would be lost."""
    expected = framework_table_list(imported)
    if [t.name for t in expected] != names:
        raise located(
            base / DESCRIPTOR,
            None,
            "resources",
            f"the resources {', '.join(names)} are not those the writer makes "
            f"({', '.join(t.name for t in expected)}); the importers' model cannot carry them",
        )
    for table in expected:
        if headers[table.name] != table.fieldnames:
            raise located(
                base / table.path,
                1,
                None,
                f"the columns {', '.join(headers[table.name])} are not those the writer "
                f"makes ({', '.join(table.fieldnames)}); the importers' model cannot carry them",
            )


# --- the packages --------------------------------------------------------------------


def _indicator(folder: Path, root: Path, units: dict[tuple[str, str], str]) -> IndicatorPackage:
    slug = folder.name
    descriptor = _descriptor(folder / DESCRIPTOR, PACKAGE_KEYS)
    resources = descriptor.get("resources", [])
    if len(resources) != 1 or resources[0].get("path") != f"{slug}.csv":
        raise located(folder / DESCRIPTOR, None, "resources", f"expected one resource, {slug}.csv")
    fields = {f["name"]: f for f in resources[0].get("schema", {}).get("fields", [])}
    measures = fields.get("measure", {}).get("constraints", {}).get("enum", [])
    cited = fields.get("source", {}).get("constraints", {}).get("enum", [])
    listed = [_source(s, folder / DESCRIPTOR) for s in descriptor.get("sources", [])]
    if [s.id for s in listed[: len(cited)]] != list(cited):
        raise located(
            folder / DESCRIPTOR,
            None,
            "sources",
            "the sources the rows may cite come first, in the order of the table's `source` enum",
        )
    measure_units = {}
    for measure in measures:
        if (slug, measure) not in units:
            raise located(
                folder / DESCRIPTOR, None, "resources", f"{measure!r} is not in measures.csv"
            )
        measure_units[measure] = units[(slug, measure)]
    path = folder / f"{slug}.csv"
    header, rows = _csv(path)
    shown = (path.relative_to(root)).as_posix()
    figures = [_figure(r, line, path, shown, header) for line, r in enumerate(rows, start=2)]
    for line, (figure, row) in enumerate(zip(figures, rows, strict=True), start=2):
        if measure_units.get(figure.measure, row["unit"]) != row["unit"]:
            raise located(path, line, "unit", "not the unit of its measure in measures.csv")
    return IndicatorPackage(
        slug,
        descriptor.get("description", ""),
        measure_units,
        figures,
        listed[: len(cited)],
        listed[len(cited) :],
        descriptor.get("version", "1.0.0"),
    )


def _number(text: str, path: Path, line: int, column: str) -> float:
    try:
        return float(text)
    except ValueError as error:
        raise located(path, line, column, f"{text!r} is not a number") from error


def _figure(row: dict[str, str], line: int, path: Path, shown: str, header: list[str]) -> Figure:
    further: list[BreakdownPair] = []
    for n in range(2, breakdown_pairs(header) + 1):
        kind, group = breakdown_columns(n)
        if row.get(kind, ""):
            further.append((row[kind], row.get(group, "")))
    try:
        start, end = date.fromisoformat(row["period_start"]), date.fromisoformat(row["period_end"])
    except ValueError as error:
        raise located(path, line, "period_start", f"not a date ({error})") from error
    return Figure(
        row["measure"],
        row["period"],
        start,
        end,
        row["breakdown_type"],
        row["breakdown_group"],
        _number(row["value"], path, line, "value"),
        row["source"],
        flag=row.get("flag", ""),
        note=row.get("note", ""),
        further=tuple(further),
        lower=_number(row["lower"], path, line, "lower") if row.get("lower") else None,
        upper=_number(row["upper"], path, line, "upper") if row.get("upper") else None,
        origin=Origin(shown, line),
    )


def _evidence(folder: Path) -> EvidencePackage:
    slug = folder.name
    path = folder / DESCRIPTOR
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NpfError(f"{path}: not a readable descriptor ({error})") from error
    header, rows = _csv(folder / f"{slug}.csv")
    return EvidencePackage(slug, descriptor, tuple(header), list(rows))
