"""Problems as located data: printed like a compiler message, or, in a sheet of a
workbook, as ``file: sheet: row N: column: what to do``."""

from __future__ import annotations

from build_scripts.problems import Problem, Report


def test_a_problem_in_a_file_prints_path_row_column() -> None:
    problem = Problem("a.csv", 3, "value", "not a number", code="type-error")
    assert problem.format() == "a.csv:3: value: not a number"


def test_a_problem_in_a_sheet_prints_file_sheet_row_column() -> None:
    problem = Problem("f.xlsx", 7, "value", "type a number", code="not-a-number", sheet="Data")
    assert problem.format() == "f.xlsx: Data: row 7: value: type a number"
    whole = Problem("f.xlsx", None, None, "a sheet is missing", code="missing-sheet", sheet="Data")
    assert whole.format() == "f.xlsx: Data: a sheet is missing"


def test_the_json_of_a_report_names_the_sheet_only_where_there_is_one() -> None:
    report = Report(
        problems=[
            Problem("f.xlsx", 2, "value", "type a number", code="not-a-number", sheet="Data"),
            Problem("a.csv", 3, "value", "not a number", code="type-error"),
        ]
    )
    got = report.to_dict()["problems"]
    assert got == [
        {
            "path": "a.csv",
            "row": 3,
            "column": "value",
            "code": "type-error",
            "message": "not a number",
        },
        {
            "path": "f.xlsx",
            "sheet": "Data",
            "row": 2,
            "column": "value",
            "code": "not-a-number",
            "message": "type a number",
        },
    ]
