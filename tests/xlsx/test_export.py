"""``npf export-xlsx``: the workbook template of an indicator's figures."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from build_scripts.errors import NpfError
from build_scripts.messages import message, phrase
from build_scripts.xlsx import export_workbook
from tests.validate.mutations import GS, copy_valid
from tests.xlsx.helpers import ROOT, column, exported


def _check(sheet: Worksheet, name: str) -> DataValidation:
    """The data validation of column ``name`` (from its second row to the last)."""
    letter = sheet.cell(1, column(sheet, name)).column_letter
    return next(
        v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith(f"{letter}2:")
    )


def _cells(wb: Workbook, ref: str) -> list[str]:
    """The values of a range ``'Sheet'!$A$2:$A$9``."""
    title, cells = ref.split("!")
    return [str(c.value) for (c,) in wb[title.strip("'")][cells.replace("$", "")]]


def _list(wb: Workbook, sheet: Worksheet, name: str) -> list[str]:
    """The values the drop-down of column ``name`` offers."""
    return _cells(wb, str(_check(sheet, name).formula1))


DEPENDENT = re.compile(
    r'INDIRECT\("(?P<name>[a-z_]+)"&MATCH\(\$(?P<type>[A-Z]+)2,(?P<types>[^,]+),0\)\)'
)


def _groups_offered(wb: Workbook, sheet: Worksheet, name: str, kind: str) -> list[str]:
    """What the drop-down of group column ``name`` offers on a row whose type is
    ``kind``: its formula worked out as a spreadsheet does (MATCH in the list of types,
    then INDIRECT of the defined name); empty where the name is not defined."""
    found = DEPENDENT.fullmatch(str(_check(sheet, name).formula1))
    assert found is not None, _check(sheet, name).formula1
    types = _cells(wb, found["types"])
    defined = wb.defined_names.get(f"{found['name']}{types.index(kind) + 1}")
    return _cells(wb, defined.attr_text) if defined is not None else []


def test_the_same_data_gives_the_same_bytes(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    first = export_workbook(data, "green-space")
    assert export_workbook(data, "green-space") == first
    assert first[:2] == b"PK"


def test_sheets_hold_the_figures_typed_and_the_slug(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    wb = load_workbook(exported(data, "green-space", tmp_path / "g.xlsx"))

    assert wb.sheetnames == ["Instructions", "Data", "Lists"]
    instructions = wb["Instructions"]
    assert instructions["B2"].value == "green-space"
    title = phrase(message("xlsx.heading", title="Access to green and blue space"))
    assert instructions["A1"].value == title
    data_sheet = wb["Data"]
    rows = list(csv.reader(io.StringIO((data / GS).read_text(encoding="utf-8"))))
    got = [list(r) for r in data_sheet.iter_rows(values_only=True)]
    assert got[0] == rows[0]
    assert len(got) == len(rows)
    value = column(data_sheet, "value")
    period = column(data_sheet, "period")
    start = column(data_sheet, "period_start")
    for sheet_row, csv_row in zip(got[1:], rows[1:], strict=True):
        assert isinstance(sheet_row[value - 1], int | float)
        assert float(csv_row[value - 1]) == sheet_row[value - 1]
        assert sheet_row[period - 1] == csv_row[period - 1]  # text, as published
        assert sheet_row[start - 1] == csv_row[start - 1]  # text, YYYY-MM-DD
    assert data_sheet.cell(2, period).number_format == "@"
    assert data_sheet.cell(2, value).number_format == "General"


def test_drop_downs_offer_the_framework_lists(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    wb = load_workbook(exported(data, "green-space", tmp_path / "g.xlsx"))
    sheet = wb["Data"]
    framework = data / "framework"

    def rows(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader((framework / f"{name}.csv").open(encoding="utf-8")))

    types = [r["slug"] for r in rows("breakdown-types")]
    assert _list(wb, sheet, "breakdown_type") == types
    assert _list(wb, sheet, "breakdown_type_2") == types
    measures = [r["measure"] for r in rows("measures") if r["indicator"] == "green-space"]
    assert _list(wb, sheet, "measure") == measures
    assert _list(wb, sheet, "flag") == ["provisional", "revised", "break in series", "suspect"]
    assert _list(wb, sheet, "source") == ["synthetic-survey"]


def test_a_group_column_offers_the_groups_of_the_type_chosen_on_its_row(
    tmp_path: Path,
) -> None:
    """Each group column's drop-down is the list of the groups of the type on the same
    row (its own type column: breakdown_type_2 for breakdown_group_2), places for a
    geography; the check holds for every row, each row reading its own type."""
    data = copy_valid(tmp_path)
    wb = load_workbook(exported(data, "green-space", tmp_path / "g.xlsx"))
    sheet = wb["Data"]
    framework = data / "framework"

    def rows(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader((framework / f"{name}.csv").open(encoding="utf-8")))

    expected: dict[str, list[str]] = {r["slug"]: [] for r in rows("breakdown-types")}
    for r in rows("breakdown-groups"):
        expected[r["breakdown_type"]].append(r["group"])
    expected["council-area"] = [r["code"] for r in rows("council-areas")]
    assert len([kind for kind, groups in expected.items() if groups]) >= 4
    for group_column, type_column in (
        ("breakdown_group", "breakdown_type"),
        ("breakdown_group_2", "breakdown_type_2"),
    ):
        check = _check(sheet, group_column)
        letter = sheet.cell(1, column(sheet, type_column)).column_letter
        assert f"MATCH(${letter}2," in str(check.formula1)  # its own row's type
        own = sheet.cell(1, column(sheet, group_column)).column_letter
        assert str(check.sqref) == f"{own}2:{own}1048576"
        assert check.type == "list" and check.showErrorMessage and check.allow_blank
        for kind, groups in expected.items():
            assert _groups_offered(wb, sheet, group_column, kind) == groups, kind
    # a type of one group offers that one alone, and no type another's group
    assert _groups_offered(wb, sheet, "breakdown_group", "sex") == ["Female", "Male"]
    assert "Female" not in _groups_offered(wb, sheet, "breakdown_group", "age")


def test_number_columns_accept_numbers_only(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    wb = load_workbook(exported(data, "green-space", tmp_path / "g.xlsx"))
    sheet = wb["Data"]
    checks = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    for name in ("value", "lower", "upper"):
        check = checks[f"{sheet.cell(1, column(sheet, name)).column_letter}2"]
        assert (check.type, check.operator) == ("decimal", "between")
        assert check.showErrorMessage
    assert "B2" not in checks  # the period: free text


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    path = data / GS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",,synthetic-survey", ",=SUM(A1:A9),synthetic-survey")
    path.write_text("".join(lines), encoding="utf-8")
    wb = load_workbook(exported(data, "green-space", tmp_path / "g.xlsx"))
    cell = wb["Data"].cell(2, column(wb["Data"], "note"))
    assert cell.value == "=SUM(A1:A9)"
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_the_command_line_writes_what_the_api_gives(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    out = tmp_path / "book.xlsx"
    run = subprocess.run(
        [
            *(sys.executable, "-m", "build_scripts", "export-xlsx", "green-space"),
            *("--data", str(data), "--out", str(out)),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert out.read_bytes() == export_workbook(data, "green-space")
    assert "green-space" in run.stdout


def test_a_slug_that_is_a_path_is_refused(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    with pytest.raises(NpfError, match="no indicator"):
        export_workbook(data, "../framework")


def test_an_unknown_slug_is_refused_without_a_traceback(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "build_scripts", "export-xlsx", "no-such", "--data", str(data)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "no indicator no-such" in run.stderr
    assert not (tmp_path / "no-such.xlsx").exists()
