"""The typed reader: dtypes from the Table Schema, missing values, nothing guessed, and a
located error for a cell it cannot convert."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_scripts.errors import NpfError
from build_scripts.tables import (
    find_resource,
    python_values,
    read_columns,
    read_package,
    read_resource,
    read_table,
)

VALID = Path(__file__).resolve().parent / "fixtures" / "packages" / "valid"

SCHEMA: dict[str, Any] = {
    "fields": [
        {"name": "name", "type": "string"},
        {"name": "value", "type": "number"},
        {"name": "count", "type": "integer"},
        {"name": "flag", "type": "boolean"},
        {"name": "day", "type": "date"},
        {"name": "criteria", "type": "object"},
        {"name": "list", "type": "array"},
        {"name": "year", "type": "year"},
    ]
}
HEADER = "name,value,count,flag,day,criteria,list,year"


def _csv(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "table.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_dtypes_come_from_the_schema(tmp_path: Path) -> None:
    first = 'a,12.5,3,true,2020-03-31,"{""m"": 1}",[1],2020'
    path = _csv(tmp_path, first, "b,-3,-1,0,2021-01-01,{},[],1999")
    frame = read_table(path, SCHEMA)
    assert {k: str(v) for k, v in frame.dtypes.items()} == {
        "name": "string",
        "value": "float64",
        "count": "Int64",
        "flag": "boolean",
        "day": "datetime64[s]",
        "criteria": "object",
        "list": "object",
        "year": "string",  # a type without a converter is kept as text
    }
    assert frame["value"].tolist() == [12.5, -3.0]
    assert frame["count"].tolist() == [3, -1]
    assert frame["flag"].tolist() == [True, False]
    assert frame["day"].tolist() == [pd.Timestamp("2020-03-31"), pd.Timestamp("2021-01-01")]
    assert frame["criteria"].tolist() == [{"m": 1}, {}]
    assert frame["list"].tolist() == [[1], []]
    assert frame.index.name == "line" and frame.index.tolist() == [2, 3]


def test_a_column_the_schema_does_not_describe_is_text(tmp_path: Path) -> None:
    frame = read_table(_csv(tmp_path, "1,2", header="value,extra"), SCHEMA)
    assert str(frame["extra"].dtype) == "string" and frame["extra"].tolist() == ["2"]
    assert frame["value"].tolist() == [1.0]


def test_nothing_is_guessed(tmp_path: Path) -> None:
    """What pandas would read as missing, a number or a boolean stays text in a string
    column."""
    texts = ["NA", "null", "00123", "True", "1e3", "nan", "N/A"]
    frame = read_table(_csv(tmp_path, *texts, header="name"), SCHEMA)
    assert frame["name"].tolist() == texts


def test_missing_values_default_to_the_empty_cell(tmp_path: Path) -> None:
    frame = read_table(_csv(tmp_path, ",,,,,,,"), SCHEMA)
    assert frame.isna().all(axis=None)
    assert python_values(frame["day"]) == [None]
    assert all(python_values(frame[c]) == [None] for c in frame.columns)


def test_missing_values_as_the_schema_says(tmp_path: Path) -> None:
    schema = {**SCHEMA, "missingValues": ["NA", "-"]}
    path = _csv(tmp_path, "NA,-,NA,-,NA,NA,-,NA", ",1,2,true,2020-01-01,{},[],x")
    frame = read_table(path, schema)
    assert frame.iloc[0].isna().all()
    # once missingValues is given, the empty cell is text like any other
    assert frame["name"].tolist()[1] == ""
    assert frame["value"].tolist()[1] == 1.0


def test_booleans_by_the_fields_true_and_false_values(tmp_path: Path) -> None:
    field = {"name": "flag", "type": "boolean", "trueValues": ["yes"], "falseValues": ["no"]}
    schema = {"fields": [field]}
    frame = read_table(_csv(tmp_path, "yes", "no", header="flag"), schema)
    assert frame["flag"].tolist() == [True, False]
    with pytest.raises(NpfError, match="not true or false"):
        read_table(_csv(tmp_path, "true", header="flag"), schema)


BAD_CELLS = [
    ("value", "6_2"),  # Python's float reads it; a CSV reader does not
    ("value", "１２"),  # full-width digits
    ("value", " 5"),
    ("value", "1,000"),
    ("value", "nan"),  # Table Schema spells it NaN
    ("value", "twelve"),
    ("count", "3.0"),
    ("count", "٣"),  # an Arabic-Indic digit
    ("count", "1_000"),
    ("count", "99999999999999999999"),
    ("flag", "yes"),
    ("day", "2020-1-1"),
    ("day", "2020-02-30"),
    ("day", "20200101"),
    ("day", "2020-01-01T00:00"),
    ("criteria", "[1]"),
    ("criteria", "{oops"),
    ("list", "{}"),
]


@pytest.mark.parametrize(("column", "cell"), BAD_CELLS)
def test_a_cell_it_cannot_convert_is_located(tmp_path: Path, column: str, cell: str) -> None:
    good = {"name": "a", "value": "1", "count": "1", "flag": "true", "day": "2020-01-01"}
    good |= {"criteria": "{}", "list": "[]", "year": "2020"}
    row = ",".join(json.dumps(cell) if c == column else good[c] for c in HEADER.split(","))
    row = row.replace('\\"', '""')  # CSV quoting, not JSON's
    # a first row with a line break in a quoted cell: the bad row begins on line 4
    path = _csv(tmp_path, '"two\nlines",1,1,true,2020-01-01,{},[],2020', row)
    with pytest.raises(NpfError) as caught:
        read_table(path, SCHEMA)
    [problem] = caught.value.problems
    assert (problem.path, problem.row, problem.column) == (str(path), 4, column)


def test_checked_types_can_be_kept_as_text(tmp_path: Path) -> None:
    path = _csv(tmp_path, "a,2020-03-31", "b,", header="name,day")
    frame = read_table(path, SCHEMA, as_text=("date",))
    assert str(frame["day"].dtype) == "string"
    assert python_values(frame["day"]) == ["2020-03-31", None]
    with pytest.raises(NpfError) as caught:
        read_table(_csv(tmp_path, "31/03/2020", header="day"), SCHEMA, as_text=("date",))
    assert caught.value.problems[0].row == 2


def test_python_values_of_each_dtype(tmp_path: Path) -> None:
    path = _csv(tmp_path, "a,1.5,2,true,2020-03-31,{},[],2020", ",,,,,,,")
    frame = read_table(path, SCHEMA)
    rows = list(zip(*(python_values(frame[c]) for c in frame.columns), strict=True))
    assert rows == [
        ("a", 1.5, 2, True, date(2020, 3, 31), {}, [], "2020"),
        (None,) * 8,
    ]
    assert type(rows[0][2]) is int and type(rows[0][1]) is float


@pytest.mark.parametrize(
    ("rows", "row", "message"),
    [
        (["1,2,3"], 2, "has 3 cells; the header has 2"),
        (["1"], 2, "has 1 cells"),
    ],
)
def test_a_ragged_row_is_located(tmp_path: Path, rows: list[str], row: int, message: str) -> None:
    with pytest.raises(NpfError, match=message) as caught:
        read_table(_csv(tmp_path, *rows, header="name,value"), SCHEMA)
    assert caught.value.problems[0].row == row


def test_blank_lines_are_skipped(tmp_path: Path) -> None:
    frame = read_table(_csv(tmp_path, "1", "", "2", header="value"), SCHEMA)
    assert frame["value"].tolist() == [1.0, 2.0] and frame.index.tolist() == [2, 4]


def test_a_repeated_column_is_located(tmp_path: Path) -> None:
    with pytest.raises(NpfError, match="twice") as caught:
        read_table(_csv(tmp_path, "1,2", header="value,value"), SCHEMA)
    assert (caught.value.problems[0].row, caught.value.problems[0].column) == (1, "value")


def test_an_empty_file_is_an_empty_table_of_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    frame = read_table(path, SCHEMA)
    assert frame.empty and list(frame.columns) == HEADER.split(",")
    assert str(frame["value"].dtype) == "float64"


def test_number_options_it_does_not_read_are_refused(tmp_path: Path) -> None:
    schema = {"fields": [{"name": "value", "type": "number", "groupChar": ","}]}
    with pytest.raises(NpfError, match="groupChar"):
        read_table(_csv(tmp_path, '"1,000"', header="value"), schema)


def test_a_missing_file_is_located(tmp_path: Path) -> None:
    with pytest.raises(NpfError, match="file not found") as caught:
        read_table(tmp_path / "nowhere.csv", SCHEMA)
    assert caught.value.problems[0].path == str(tmp_path / "nowhere.csv")


def test_a_resource_with_its_schema_in_a_file(tmp_path: Path) -> None:
    (tmp_path / "schema.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    _csv(tmp_path, "3.5", header="value")
    frame = read_resource(tmp_path, {"name": "t", "path": "table.csv", "schema": "schema.json"})
    assert frame["value"].tolist() == [3.5]


def test_a_package_as_frames() -> None:
    frames = read_package(VALID / "indicators" / "healthy-life-expectancy")
    [frame] = frames.values()
    assert str(frame["value"].dtype) == "float64"
    assert str(frame["period_start"].dtype) == "datetime64[s]"
    assert str(frame["measure"].dtype) == "string"
    framework = read_package(VALID / "framework")
    descriptor = json.loads((VALID / "framework" / "datapackage.json").read_text())
    assert list(framework) == [r["name"] for r in descriptor["resources"]]
    assert str(framework["outcomes"]["order"].dtype) == "Int64"
    assert str(framework["measures"]["headline"].dtype) == "boolean"
    assert find_resource(descriptor, "units") == descriptor["resources"][4]
    assert find_resource(descriptor, "nothing") is None


def test_columns_and_frame_agree() -> None:
    """``read_columns`` (what ``load.py`` takes) holds what the frame holds."""
    package = VALID / "indicators" / "healthy-life-expectancy"
    descriptor = json.loads((package / "datapackage.json").read_text())
    resource = descriptor["resources"][0]
    columns = read_columns(package / resource["path"], resource["schema"])
    frame = read_resource(package, resource)
    assert columns.lines == frame.index.tolist() and len(columns) == len(frame)
    for name, values in columns.values.items():
        assert python_values(frame[name]) == values, name


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_number_written_by_python_reads_back_the_same(value: float) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "n.csv"
        path.write_text(f"value\n{value!r}\n", encoding="utf-8")
        [read] = read_table(path, SCHEMA)["value"].tolist()
    assert read == value and np.signbit(read) == np.signbit(value)
