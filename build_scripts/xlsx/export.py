"""``npf export-xlsx``: a workbook template of one indicator's figures, for maintainers
who update figures in a spreadsheet rather than in git.

Sheets: Instructions (what to do, the indicator's slug, what each column holds), one
sheet of figures per resource of the package (``Data`` for the usual one: the CSV's
columns in its order, numbers as numbers, everything else as text, periods and dates in
the contract's format), and Lists (the controlled lists its drop-downs offer: measures,
units, breakdown types, flags, sources, and the groups and places of each breakdown
type). ``npf import-xlsx`` reads it back (``imports.py``), checking every value again
whatever the spreadsheet let in. The bytes are reproducible (``excel.reproducible_bytes``).

A group column offers only the groups of the breakdown type chosen on its row, in
Excel and LibreOffice alike: each type's groups are a column of the Lists sheet with a
defined name (``GROUPS_NAME``, by the type's place in the list of types, since a slug
such as ``council-area`` is no valid name), and the column's check is the list
``INDIRECT("npf_groups_" & MATCH(<the row's type>, <the types>, 0))``. Until a type is
chosen the list is empty; a type without groups offers none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from build_scripts.config import Project, default_project
from build_scripts.contract import SLUG
from build_scripts.errors import NpfError
from build_scripts.excel import as_text, reproducible_bytes
from build_scripts.validate.descriptors import load_package
from build_scripts.xlsx.layout import (
    FRAMEWORK,
    GROUP_COLUMN,
    NUMERIC,
    SLUG_ROW,
    Lists,
    SheetPlan,
    controlled_lists,
    package_dir,
    read_csv,
    read_plans,
    type_column,
    xlsx_say,
)

TEXT_FORMAT = "@"
LAST_ROW = 1_048_576
"""A sheet's last row: drop-downs and text formats hold for every row, new ones too."""
LARGEST = "1E+307"
"""The bounds of a number column's check: any number a spreadsheet holds."""
WIDTH = 18
GROUPS_NAME = "npf_groups_{n}"
"""The defined name of the groups of the n-th breakdown type of the Lists sheet: a group
column's drop-down is ``INDIRECT`` of the name of the type chosen on its row."""


@dataclass(frozen=True)
class Exported:
    slug: str
    path: Path
    rows: int

    def summary(self) -> str:
        return xlsx_say("xlsx.written", path=str(self.path), rows=self.rows, slug=self.slug)


def export_workbook(data: Path, slug: str, project: Project | None = None) -> bytes:
    """The workbook template of indicator ``slug`` of the data packages in ``data``."""
    return _export(data, slug, project)[0]


def _export(data: Path, slug: str, project: Project | None) -> tuple[bytes, int]:
    project = project or default_project()
    folder = package_dir(data, slug)
    if not re.fullmatch(SLUG, slug) or not folder.is_dir():
        raise NpfError(xlsx_say("xlsx.no_indicator", slug=slug, folder=str(folder)))
    descriptor, plans = read_plans(folder)
    wb = Workbook()
    instructions = wb.active
    instructions.title = xlsx_say("xlsx.instructions_sheet")
    names = sorted({name for plan in plans for name in plan.names})
    lists = controlled_lists(data, slug, descriptor, names, project)
    lists_sheet = xlsx_say("xlsx.lists_sheet")
    ranges = _lists_sheet(wb, wb.create_sheet(), lists, lists_sheet)
    rows = 0
    for plan in plans:
        sheet = wb.create_sheet(plan.sheet, index=len(wb.sheetnames) - 1)
        rows += _data_sheet(sheet, plan, ranges)
    _instructions(instructions, slug, _title(data, slug, project), plans, lists_sheet)
    for sheet in wb.worksheets:
        for cells in sheet.iter_rows():
            for cell in cells:
                as_text(cell)
    return reproducible_bytes(wb), rows


def write_workbook(
    data: Path, slug: str, out: Path | None = None, project: Project | None = None
) -> Exported:
    """Write the template of ``slug`` to ``out`` (default ``<slug>.xlsx``)."""
    target = out or Path(f"{slug}.xlsx")
    content, rows = _export(data, slug, project)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return Exported(slug, target, rows)


def _title(data: Path, slug: str, project: Project) -> str:
    framework = load_package(data / FRAMEWORK, project.property_prefix)
    table = framework.table("indicators")
    rows = table.rows if table is not None else []
    return next((r.get("title", "") for r in rows if r.get("slug") == slug), "") or slug


def _data_sheet(sheet: Worksheet, plan: SheetPlan, ranges: dict[str, str]) -> int:
    csv_file = read_csv(plan.path)
    header = csv_file.header
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    kinds = [plan.kind(name) for name in header]
    for row in csv_file.rows:
        sheet.append([_value(text, kind) for text, kind in zip(row, kinds, strict=False)])
    for i, (name, kind) in enumerate(zip(header, kinds, strict=True), start=1):
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = WIDTH
        if kind not in NUMERIC:
            # what is typed in stays text: 2018/19 is not a date, 2 is not a number
            sheet.column_dimensions[letter].number_format = TEXT_FORMAT
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = TEXT_FORMAT
        check = _check(name, kind, ranges, _type_letter(name, header))
        if check is not None:
            check.add(f"{letter}2:{letter}{LAST_ROW}")
            sheet.add_data_validation(check)
    sheet.freeze_panes = "A2"
    return len(csv_file.rows)


def _type_letter(name: str, header: list[str]) -> str:
    """The letter of the type column of a group column on the same sheet; empty when
    ``name`` is no group column, or its type column is not there."""
    if not GROUP_COLUMN.fullmatch(name) or type_column(name) not in header:
        return ""
    return get_column_letter(header.index(type_column(name)) + 1)


def _check(
    name: str, kind: str, ranges: dict[str, str], type_letter: str = ""
) -> DataValidation | None:
    """What the spreadsheet accepts in a column, as it is typed: a value of its list (a
    group column: of the groups of the type in column ``type_letter`` of its row), or a
    number (``import-xlsx`` checks again, whatever the spreadsheet let in)."""
    types = ranges.get(type_column(name), "") if type_letter else ""
    listed = ranges.get(name, "")
    if types:
        # relative to the range's first row (2): each row looks at its own type
        position = f"MATCH(${type_letter}2,{types},0)"
        listed = f'INDIRECT("{GROUPS_NAME.format(n="")}"&{position})'
    if listed:
        return DataValidation(
            type="list",
            formula1=listed,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=xlsx_say("xlsx.choose_title"),
            error=xlsx_say("xlsx.choose", column=name, sheet=xlsx_say("xlsx.lists_sheet")),
        )
    if kind in NUMERIC:
        return DataValidation(
            type="whole" if kind == "integer" else "decimal",
            operator="between",
            formula1=f"-{LARGEST}",
            formula2=LARGEST,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=xlsx_say("xlsx.number_title"),
            error=xlsx_say("xlsx.number", column=name),
        )
    return None


def _value(text: str, kind: str) -> Any:
    """A CSV cell as the workbook holds it: numbers as numbers, the rest as text."""
    if text == "":
        return None
    if kind in NUMERIC:
        try:
            number = float(text)
        except ValueError:
            return text  # not a number in the CSV: shown as it is, and reported on import
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    return text


def _lists_sheet(wb: Workbook, sheet: Worksheet, lists: Lists, title: str) -> dict[str, str]:
    """Write the lists, a column each, then the groups with their types and labels, then
    the groups of each type (a defined name each, ``GROUPS_NAME``); the range of each
    list by the data column it serves."""
    sheet.title = title
    ranges: dict[str, str] = {}
    shown: dict[tuple[str, ...], str] = {}
    column = 0
    for name, values in lists.columns.items():
        if values in shown:
            ranges[name] = shown[values]
            continue
        column += 1
        letter = get_column_letter(column)
        sheet.cell(1, column, name).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            sheet.cell(row, column, value)
        ref = f"{quote_sheetname(title)}!${letter}$2:${letter}${len(values) + 1}"
        ranges[name] = shown[values] = ref
        sheet.column_dimensions[letter].width = WIDTH
    first = column + 2
    for offset, label in enumerate(("breakdown_type", "breakdown_group", xlsx_say("xlsx.label"))):
        sheet.cell(1, first + offset, label).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(first + offset)].width = WIDTH
    for row, values in enumerate(lists.groups, start=2):
        for offset, value in enumerate(values):
            sheet.cell(row, first + offset, value)
    for n, kind in enumerate(lists.types, start=1):
        at = first + 3 + n
        letter = get_column_letter(at)
        sheet.cell(1, at, kind).font = Font(bold=True)
        sheet.column_dimensions[letter].width = WIDTH
        groups = lists.groups_of(kind)
        for row, group in enumerate(groups, start=2):
            sheet.cell(row, at, group)
        if groups:
            ref = f"{quote_sheetname(title)}!${letter}$2:${letter}${len(groups) + 1}"
            wb.defined_names.add(DefinedName(GROUPS_NAME.format(n=n), attr_text=ref))
    return ranges


def _instructions(
    sheet: Worksheet, slug: str, title: str, plans: list[SheetPlan], lists: str
) -> None:
    sheet.cell(1, 1, xlsx_say("xlsx.heading", title=title)).font = Font(bold=True, size=14)
    sheet.cell(SLUG_ROW, 1, xlsx_say("xlsx.indicator_label")).font = Font(bold=True)
    sheet.cell(SLUG_ROW, 2, slug)
    row = SLUG_ROW + 2
    sheets = [plan.sheet for plan in plans]
    for line in xlsx_say("xlsx.steps", sheets=sheets, lists=lists, slug=slug).splitlines():
        sheet.cell(row, 1, line)
        row += 1
    row += 1
    heads = (
        xlsx_say("xlsx.column"),
        xlsx_say("xlsx.type"),
        xlsx_say("xlsx.required"),
        xlsx_say("xlsx.what"),
    )
    for plan in plans:
        sheet.cell(row, 1, xlsx_say("xlsx.columns_of", sheet=plan.sheet)).font = Font(bold=True)
        row += 1
        for i, head in enumerate(heads, start=1):
            sheet.cell(row, i, head).font = Font(bold=True)
        row += 1
        for field in plan.fields:
            kind = str(field.get("type", "string"))
            constraints = field.get("constraints", {})
            required = isinstance(constraints, dict) and constraints.get("required") is True
            cells = (
                str(field.get("name", "")),
                _type_word(kind),
                xlsx_say("xlsx.yes") if required else xlsx_say("xlsx.no"),
                str(field.get("description", "")),
            )
            for i, value in enumerate(cells, start=1):
                sheet.cell(row, i, value)
            row += 1
        row += 1
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["D"].width = 80


def _type_word(kind: str) -> str:
    if kind == "number":
        return xlsx_say("xlsx.type_number")
    if kind == "integer":
        return xlsx_say("xlsx.type_integer")
    if kind == "date":
        return xlsx_say("xlsx.type_date")
    return xlsx_say("xlsx.type_text")
