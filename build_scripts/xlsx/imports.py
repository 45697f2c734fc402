"""``npf import-xlsx``: read a workbook made by ``npf export-xlsx`` back into the
indicator's data package, all or nothing.

1. Read every sheet of figures, cell by cell, into the CSV's text: numbers written as
   ``write_csv`` writes them, unless the figure is the one the CSV already had, whose text
   is kept (``1.50`` stays ``1.50``); dates as ``YYYY-MM-DD`` (both left empty: read from
   the period); each problem located as ``file: sheet: row N: column: what to do``.
2. Write the would-be package into a temporary folder, with the CSV's own line ends and
   quoting, and a descriptor whose controlled lists (enums) take in any new measure,
   breakdown type or group that the framework knows; validate it with ``npf validate``,
   its problems put back on the sheet's rows and columns.
3. Only when there is no problem at all, swap the package folder for the new one in one
   step (``output.replace_dir``); an unchanged workbook writes nothing, so a round trip
   with no edits changes no byte.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from build_scripts.config import Project, default_project
from build_scripts.contract import SLUG
from build_scripts.errors import NpfError
from build_scripts.importers.write import format_number, write_json
from build_scripts.output import replace_dir
from build_scripts.periods import PeriodError, parse_period
from build_scripts.problems import Problem
from build_scripts.tables import NUMBER
from build_scripts.validate import validate_path
from build_scripts.validate.catalogue import Catalogue, read_catalogue
from build_scripts.validate.descriptors import DESCRIPTOR, display, load_package
from build_scripts.xlsx.layout import (
    FRAMEWORK,
    GROUP_COLUMN,
    INDICATORS,
    NUMERIC,
    SLUG_ROW,
    TYPE_COLUMN,
    CsvFile,
    SheetPlan,
    package_dir,
    read_csv,
    read_plans,
    xlsx_say,
)

INTEGER = re.compile(r"[+-]?[0-9]+")
SIGNIFICANT = 15
"""The digits a spreadsheet keeps of a number: a figure the same to these is unchanged."""


@dataclass
class SheetTable:
    """The figures of one sheet as the CSV's text, in the CSV's column order."""

    plan: SheetPlan
    old: CsvFile
    rows: list[list[str]] = field(default_factory=list)
    sheet_rows: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.rows != self.old.rows

    def text(self) -> str:
        return self.old.raw.decode("utf-8") if not self.changed else self.old.text(self.rows)


@dataclass(frozen=True)
class ImportResult:
    slug: str
    workbook: Path
    folder: Path
    rows: int
    changed: bool

    def summary(self) -> str:
        said = {"slug": self.slug, "rows": self.rows, "path": str(self.workbook)}
        if self.changed:
            return xlsx_say("xlsx.imported", folder=str(self.folder), **said)
        return xlsx_say("xlsx.unchanged", folder=str(self.folder), **said)


class _Problems:
    """The problems of one workbook, located on its sheets."""

    def __init__(self, path: Path) -> None:
        self.shown = str(path)
        self.found: list[Problem] = []

    def add(
        self, sheet: str | None, row: int | None, column: str | None, text: str, code: str
    ) -> None:
        self.found.append(Problem(self.shown, row, column, text, code=code, sheet=sheet))

    def fail(self) -> NpfError:
        return NpfError(xlsx_say("xlsx.refused"), list(self.found))


def import_workbook(path: Path, data: Path, project: Project | None = None) -> ImportResult:
    """Read the workbook at ``path`` into its indicator's package under ``data``; raise
    ``NpfError`` with every problem, having written nothing, unless all is valid."""
    project = project or default_project()
    problems = _Problems(path)
    wb = _open(path, problems)
    slug = _slug(wb, data, problems) if wb is not None else None
    if wb is None or slug is None:
        raise problems.fail()
    folder = package_dir(data, slug)
    descriptor, plans = read_plans(folder)
    tables = [_sheet(wb, plan, problems) for plan in plans]
    read = [t for t in tables if t is not None]
    if len(read) != len(plans):
        raise problems.fail()
    cat = _catalogue(data, project)
    new_descriptor = extend_enums(descriptor, read, cat)
    with tempfile.TemporaryDirectory(prefix="npf-xlsx-") as tmp:
        root = Path(tmp).resolve()
        work = _would_be(root, data, folder, read, new_descriptor)
        report = validate_path(work, project=project)
        _relocate(report.problems, root, data, folder, read, problems)
        if problems.found:
            raise problems.fail()
        changed = any(t.changed for t in read) or new_descriptor != descriptor
        if changed:
            with replace_dir(folder) as fresh:
                shutil.copytree(work, fresh, dirs_exist_ok=True)
    rows = sum(len(t.rows) for t in read)
    return ImportResult(slug, path, folder, rows, changed)


def _open(path: Path, problems: _Problems) -> Workbook | None:
    if not path.is_file():
        problems.add(None, None, None, xlsx_say("xlsx.no_file"), code="no-workbook")
        return None
    try:
        return load_workbook(path, data_only=True)
    except (
        InvalidFileException,  # not .xlsx by its name (.xls, .csv)
        zipfile.BadZipFile,  # not a zip: a CSV, a truncated file
        KeyError,  # a zip without a workbook's parts
        SyntaxError,  # a part that is not XML (ElementTree's and lxml's ParseError)
        ValueError,
        TypeError,
    ) as error:
        reason = type(error).__name__
        problems.add(
            None, None, None, xlsx_say("xlsx.not_workbook", reason=reason), code="not-a-workbook"
        )
        return None


def _slug(wb: Workbook, data: Path, problems: _Problems) -> str | None:
    sheet_name = xlsx_say("xlsx.instructions_sheet")
    if sheet_name not in wb.sheetnames:
        found = list(wb.sheetnames)
        problems.add(
            sheet_name,
            None,
            None,
            xlsx_say("xlsx.missing_sheet", sheet=sheet_name, found=found),
            code="missing-sheet",
        )
        return None
    value = wb[sheet_name].cell(SLUG_ROW, 2).value
    slug = value.strip() if isinstance(value, str) else ""
    if not slug:
        problems.add(
            sheet_name,
            SLUG_ROW,
            "B",
            xlsx_say("xlsx.no_slug", row=SLUG_ROW),
            code="workbook-indicator",
        )
        return None
    folder = package_dir(data, slug)
    if not re.fullmatch(SLUG, slug) or not (folder / DESCRIPTOR).is_file():
        text = xlsx_say("xlsx.unknown_slug", slug=slug, folder=str(data / INDICATORS))
        problems.add(sheet_name, SLUG_ROW, "B", text, code="workbook-indicator")
        return None
    return slug


def _sheet(wb: Workbook, plan: SheetPlan, problems: _Problems) -> SheetTable | None:
    if plan.sheet not in wb.sheetnames:
        text = xlsx_say("xlsx.missing_sheet", sheet=plan.sheet, found=list(wb.sheetnames))
        problems.add(plan.sheet, None, None, text, code="missing-sheet")
        return None
    sheet = wb[plan.sheet]
    old = read_csv(plan.path)
    positions = _header(sheet, plan, old.header, problems)
    if positions is None:
        return None
    table = SheetTable(plan, old)
    index = _old_index(old, plan.key)
    for number, cells in enumerate(sheet.iter_rows(min_row=2), start=2):
        if all(_blank(c.value) for c in cells):
            continue
        row = [
            _text(
                cells[positions[name]] if positions[name] < len(cells) else None,
                plan,
                name,
                number,
                problems,
            )
            for name in old.header
        ]
        _dates_from_period(row, old.header)
        _keep_figures(row, old.header, plan, index)
        table.rows.append(row)
        table.sheet_rows.append(number)
    return table


def _header(
    sheet: Worksheet, plan: SheetPlan, columns: Sequence[str], problems: _Problems
) -> dict[str, int] | None:
    """The position of each of the CSV's columns in the sheet's first row."""
    positions: dict[str, int] = {}
    ok = True
    first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    for i, value in enumerate(first):
        if _blank(value):
            continue
        name = str(value).strip()
        if name in positions:
            problems.add(
                plan.sheet,
                1,
                name,
                xlsx_say("xlsx.repeated_column", column=name),
                code="repeated-column",
            )
            ok = False
        elif name not in columns:
            text = xlsx_say("xlsx.unknown_column", column=name, known=list(columns))
            problems.add(plan.sheet, 1, name, text, code="unknown-column")
            ok = False
        else:
            positions[name] = i
    for name in columns:
        if name not in positions:
            problems.add(
                plan.sheet,
                1,
                name,
                xlsx_say("xlsx.missing_column", column=name),
                code="missing-column",
            )
            ok = False
    return positions if ok else None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(cell: Cell | None, plan: SheetPlan, name: str, row: int, problems: _Problems) -> str:
    """A cell as the CSV's text; a value of the wrong kind reported, and kept as it is
    (so that the rest of the row is still checked)."""
    value = cell.value if cell is not None else None
    if _blank(value):
        return ""
    text, wrong = _convert(value, plan.kind(name), cell is not None and cell.data_type == "e")
    if wrong is not None:
        problems.add(plan.sheet, row, name, wrong.text, code=wrong.code)
    return text


@dataclass(frozen=True)
class Wrong:
    """A cell's problem: its code and what to do."""

    code: str
    text: str


def _convert(value: object, kind: str, is_error: bool) -> tuple[str, Wrong | None]:
    shown = str(value)
    if is_error:
        return shown, Wrong(code="error-cell", text=xlsx_say("xlsx.error_cell", value=shown))
    if kind in NUMERIC:
        return _figure(value, kind)
    if isinstance(value, bool):
        return shown, Wrong(code="wrong-cell-type", text=xlsx_say("xlsx.not_text", value=shown))
    if isinstance(value, datetime | date):
        if kind == "date":
            return (value.date() if isinstance(value, datetime) else value).isoformat(), None
        return shown, Wrong(code="wrong-cell-type", text=xlsx_say("xlsx.date_as_text", value=shown))
    if kind == "date":
        text = shown.strip()
        if isinstance(value, int | float) or not _is_date(text):
            return shown, Wrong(code="not-a-date", text=xlsx_say("xlsx.not_a_date", value=shown))
        return text, None
    if isinstance(value, int | float):
        return format_number(value), None
    return shown, None


def _figure(value: object, kind: str) -> tuple[str, Wrong | None]:
    shown = str(value)
    whole = kind == "integer"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not whole:
            return format_number(value), None
        if float(value).is_integer():
            return format_number(int(value)), None
    elif not isinstance(value, bool | datetime | date):
        text = shown.strip()
        if (INTEGER if whole else NUMBER).fullmatch(text):
            return text, None
    if whole:
        return shown, Wrong(
            code="not-a-number", text=xlsx_say("xlsx.not_a_whole_number", value=shown)
        )
    return shown, Wrong(code="not-a-number", text=xlsx_say("xlsx.not_a_number", value=shown))


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _dates_from_period(row: list[str], header: Sequence[str]) -> None:
    """Both dates left empty: read from the period, when it reads one way only."""
    names = {name: i for i, name in enumerate(header)}
    if not {"period", "period_start", "period_end"} <= names.keys():
        return
    start, end = names["period_start"], names["period_end"]
    label = row[names["period"]]
    if row[start] or row[end] or not label:
        return
    try:
        period = parse_period(label)
    except PeriodError:
        return  # validation says why
    row[start], row[end] = period.start.isoformat(), period.end.isoformat()


def _old_index(old: CsvFile, key: Sequence[str]) -> dict[tuple[str, ...], list[str]]:
    positions = [old.header.index(k) for k in key if k in old.header]
    return {tuple(r[i] for i in positions): r for r in old.rows if len(r) == len(old.header)}


def _keep_figures(
    row: list[str], header: Sequence[str], plan: SheetPlan, index: dict[tuple[str, ...], list[str]]
) -> None:
    """Where the CSV had this figure already (same key, same number to a spreadsheet's
    precision), keep its text: ``1.50`` stays ``1.50``, ``0.30000000000000004`` stays."""
    key = tuple(row[header.index(k)] for k in plan.key if k in header)
    old = index.get(key)
    if old is None:
        return
    for i, name in enumerate(header):
        if plan.kind(name) in NUMERIC and row[i] != old[i] and _same_figure(row[i], old[i]):
            row[i] = old[i]


def _same_figure(a: str, b: str) -> bool:
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return f"{x:.{SIGNIFICANT}g}" == f"{y:.{SIGNIFICANT}g}"


# --- the would-be package ----------------------------------------------------------------


def _catalogue(data: Path, project: Project) -> Catalogue:
    return read_catalogue(
        load_package(data / FRAMEWORK, project.property_prefix), project.geographies
    )


def extend_enums(
    descriptor: dict[str, Any], tables: Sequence[SheetTable], cat: Catalogue
) -> dict[str, Any]:
    """The descriptor, its controlled lists (enum constraints) taking in the measures,
    units, breakdown types and groups the rows use that the framework knows (an unknown
    one stays out, and validation reports it). The same descriptor when none is new."""
    out = copy.deepcopy(descriptor)
    resources = {r.get("name"): r for r in out.get("resources", []) if isinstance(r, dict)}
    slug = str(descriptor.get("name", ""))
    measures = {e.row.get("measure", "") for e in cat.measures_of.get(slug, [])}
    groups = {g for _, g in cat.groups} | {c for codes in cat.places.values() for c in codes}
    for table in tables:
        schema = resources.get(table.plan.name, {}).get("schema")
        if not isinstance(schema, dict):
            continue
        header = table.old.header
        families: list[tuple[list[str], set[str]]] = [
            (["measure"], measures),
            (["unit"], set(cat.units)),
            ([n for n in header if TYPE_COLUMN.fullmatch(n)], cat.breakdown_types),
            ([n for n in header if GROUP_COLUMN.fullmatch(n)], groups),
        ]
        for columns, known in families:
            used = [r[header.index(c)] for r in table.rows for c in columns if c in header]
            _extend(schema, columns, [v for v in dict.fromkeys(used) if v and v in known])
    return out if out != descriptor else descriptor


def _extend(schema: dict[str, Any], columns: Sequence[str], used: Sequence[str]) -> None:
    """Append the new values to each enum of ``columns``; a column without an enum stays
    without one (validation checks its values against the framework all the same)."""
    for f in schema.get("fields", []):
        if not isinstance(f, dict) or f.get("name") not in columns:
            continue
        constraints = f.get("constraints")
        enum = constraints.get("enum") if isinstance(constraints, dict) else None
        if isinstance(enum, list):
            enum.extend(v for v in used if v not in enum)


def _would_be(
    root: Path, data: Path, folder: Path, tables: Sequence[SheetTable], descriptor: dict[str, Any]
) -> Path:
    """The package as the workbook would leave it, under ``root`` beside a copy of the
    framework package (which validation reads it with)."""
    shutil.copytree(data / FRAMEWORK, root / FRAMEWORK)
    work = root / INDICATORS / folder.name
    shutil.copytree(folder, work)
    for table in tables:
        target = work / table.plan.path.relative_to(folder)
        if table.changed:
            target.write_text(table.text(), encoding="utf-8", newline="")
    if descriptor != json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8")):
        write_json(work / DESCRIPTOR, descriptor)
    return work


OTHER_ROW = re.compile(r"\brow ([0-9]+)\b")


def _other_rows(text: str, rows: dict[int, int]) -> str:
    """A validation message naming another row of the CSV (``as row 2``, ``(row 5)``:
    a duplicate, an overlapping period) names the sheet's row instead."""
    return OTHER_ROW.sub(lambda m: f"row {rows.get(int(m.group(1)), int(m.group(1)))}", text)


def _record_lines(text: str) -> list[int]:
    """The line on which each record starts (the header's first), as validation counts."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts: list[int] = []
    while True:
        start = reader.line_num + 1
        try:
            next(reader)
        except StopIteration:
            return starts
        starts.append(start)


def _relocate(
    found: Sequence[Problem],
    root: Path,
    data: Path,
    folder: Path,
    tables: Sequence[SheetTable],
    problems: _Problems,
) -> None:
    """Validation's problems, put on the sheets' rows where they are in a table, else
    left at the real file; a cell already reported by the reading is not reported again."""
    sheets: dict[str, tuple[SheetTable, dict[int, int]]] = {}
    for table in tables:
        lines = _record_lines(table.text())
        rows = dict(zip(lines, [1, *table.sheet_rows], strict=False))
        work = root / INDICATORS / folder.name / table.plan.path.relative_to(folder)
        sheets[display(work)] = (table, rows)
    seen = {(p.sheet, p.row, p.column) for p in problems.found}
    for problem in found:
        if problem.path in sheets:
            table, rows = sheets[problem.path]
            row = rows.get(problem.row) if problem.row is not None else None
            if (table.plan.sheet, row, problem.column) in seen and row is not None:
                continue
            text = _other_rows(problem.message, rows)
            problems.add(table.plan.sheet, row, problem.column, text, code=problem.code)
            continue
        shown = problem.path.replace(str(root), str(data), 1)
        problems.found.append(
            Problem(shown, problem.row, problem.column, problem.message, problem.code)
        )
