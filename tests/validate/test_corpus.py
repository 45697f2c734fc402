"""The bad-input corpus: each case copies the valid fixture tree, applies one named
mutation, and checks that ``npf validate --json`` names the file, row and column, gives
every problem a registered code, exits 1 without a traceback, and writes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from build_scripts.cli import main
from build_scripts.contract import INDICATOR_KEY
from build_scripts.validate import validate_path
from build_scripts.validate.codes import CODES
from tests.validate.mutations import (
    EV_JSON,
    GS,
    GS_JSON,
    HLE,
    INDICATORS,
    OUTCOME_LINKS,
    PA,
    PA_JSON,
    add_column,
    all_of,
    append_row,
    copy_valid,
    drop_column,
    drop_lines,
    edit_json,
    many_errors,
    remove,
    replace_bytes,
    set_cell,
    set_criteria,
    set_resource_path,
    tree_hash,
    uncatalogued_package,
    write_bytes,
)

OUTCOMES = "framework/outcomes.csv"
PA_KEY = list(INDICATOR_KEY)


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Callable[[Path], None]
    path: str  # relative to the tree's root
    row: int | None
    column: str | None
    says: str  # a fragment of the message


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(d: dict[str, Any]) -> None:
        d[key] = value

    return edit


def _primary_key(key: list[str]) -> Callable[[dict[str, Any]], None]:
    def edit(d: dict[str, Any]) -> None:
        d["resources"][0]["schema"]["primaryKey"] = key

    return edit


CASES = [
    Case("unclosed quote", replace_bytes(PA, b",63,", b',"63,'), PA, 3, "value", "never closed"),
    Case(
        "latin-1 bytes",
        replace_bytes(PA, b"provisional", b"provisi\xf3nal"),
        PA,
        4,
        "flag",
        "not UTF-8",
    ),
    Case(
        "byte-order mark", replace_bytes(PA, b"measure", b"\xef\xbb\xbfmeasure"), PA, 1, None, "BOM"
    ),
    Case("missing column", drop_column(PA, "flag"), PA, 1, "flag", "missing from the header"),
    Case("extra column", add_column(PA, "note", "x"), PA, 1, "note", "does not describe"),
    Case("value not a number", set_cell(PA, 3, "value", "sixty"), PA, 3, "value", "not a number"),
    Case(
        "date not a date",
        set_cell(PA, 3, "period_end", "31/12/2017"),
        PA,
        3,
        "period_end",
        "YYYY-MM-DD",
    ),
    Case(
        "boolean not a boolean",
        set_cell("framework/units.csv", 2, "is_percentage", "maybe"),
        "framework/units.csv",
        2,
        "is_percentage",
        "true or false",
    ),
    Case("required value empty", set_cell(PA, 3, "source", ""), PA, 3, "source", "required"),
    Case("flag not in the list", set_cell(PA, 4, "flag", "final"), PA, 4, "flag", "allowed values"),
    Case(
        "extra cell in a row",
        replace_bytes(PA, b"provisional,,synthetic-survey", b"provisional,,synthetic-survey,x"),
        PA,
        4,
        None,
        "more cells",
    ),
    Case("duplicate key", append_row(PA), PA, 13, None, "duplicate: the same measure, period"),
    Case(
        "unknown outcome",
        set_cell(OUTCOME_LINKS, 3, "outcome", "wealth"),
        OUTCOME_LINKS,
        3,
        "outcome",
        "'wealth' is not a slug of outcomes",
    ),
    Case(
        "unknown council code",
        set_cell(GS, 5, "breakdown_group", "S12000099"),
        GS,
        5,
        "breakdown_group",
        "is not a code of Council areas",
    ),
    Case(
        "council name for code",
        set_cell(GS, 5, "breakdown_group", "Aberdeen City"),
        GS,
        5,
        "breakdown_group",
        "use the code",
    ),
    Case(
        "unknown group",
        set_cell(PA, 5, "breakdown_group", "Women"),
        PA,
        5,
        "breakdown_group",
        "unknown group 'Women'",
    ),
    Case(
        "overlapping periods",
        append_row(PA, period="2017/18", period_start="2017-04-01", period_end="2018-03-31"),
        PA,
        13,
        "period",
        "overlaps '2017'",
    ),
    Case(
        "calendar and financial year",
        append_row(
            GS, period="2019/20", period_start="2019-04-01", period_end="2020-03-31", value="66.5"
        ),
        GS,
        7,
        "period",
        "overlaps '2019'",
    ),
    Case(
        "overlapping windows of different lengths",
        append_row(HLE, period="2016-2017", period_start="2016-01-01", period_end="2017-12-31"),
        HLE,
        12,
        "period",
        "overlaps",
    ),
    Case("NaN", set_cell(PA, 3, "value", "NaN"), PA, 3, "value", "not a figure"),
    Case("infinity", set_cell(PA, 4, "value", "inf"), PA, 4, "value", "not a figure"),
    Case(
        "minus infinity bound",
        set_cell(HLE, 2, "lower", "-Infinity"),
        HLE,
        2,
        "lower",
        "not a figure",
    ),
    Case("negative percentage", set_cell(PA, 5, "value", "-3"), PA, 5, "value", "not a percentage"),
    Case(
        "percentage over 100", set_cell(PA, 6, "value", "100.5"), PA, 6, "value", "not a percentage"
    ),
    Case(
        "lower bound above value",
        set_cell(HLE, 2, "lower", "61.2"),
        HLE,
        2,
        "lower",
        "above the value",
    ),
    Case("empty file", write_bytes(PA, b""), PA, None, None, "empty"),
    Case("10 MB cell", set_cell(PA, 3, "flag", "x" * 10_000_000), PA, 3, "flag", "characters long"),
    Case(
        "path escapes the package",
        set_resource_path("../../etc/passwd"),
        PA_JSON,
        None,
        "resources[0].path",
        "leaves the package",
    ),
    Case(
        "absolute path",
        set_resource_path("/etc/passwd"),
        PA_JSON,
        None,
        "resources[0].path",
        "absolute",
    ),
    Case(
        "remote URL",
        set_resource_path("https://example.com/data.csv"),
        PA_JSON,
        None,
        "resources[0].path",
        "remote URL",
    ),
    Case("data file missing", remove(PA), PA_JSON, None, "resources[0].path", "missing"),
    Case(
        "descriptor not JSON",
        write_bytes(PA_JSON, b'{"name": "physical-activity",\n  oops\n}'),
        PA_JSON,
        2,
        None,
        "not valid JSON",
    ),
    Case("descriptor a JSON array", write_bytes(PA_JSON, b"[]\n"), PA_JSON, 1, None, "an array"),
    Case(
        "missing headline", drop_lines(PA, 2, 3, 4), PA, None, "breakdown_type", "no headline row"
    ),
    Case(
        "unknown criteria method",
        set_criteria(3, PA_JSON, {"method": "last-three", "threshold": 1}),
        INDICATORS,
        3,
        "criteria",
        "unknown method 'last-three'",
    ),
    Case(
        "criteria missing a parameter",
        set_criteria(4, GS_JSON, {"method": "consecutive", "threshold": 1}),
        INDICATORS,
        4,
        "criteria",
        "needs 'n'",
    ),
    Case(
        "criteria copied into a descriptor",
        edit_json(PA_JSON, _set("npf:criteria", {"method": "confidence-intervals"})),
        PA_JSON,
        None,
        "npf:criteria",
        "is kept in the framework's catalogue, framework/indicators.csv (criteria)",
    ),
    Case(
        "period cannot be parsed",
        set_cell(PA, 3, "period", "2017ish"),
        PA,
        3,
        "period",
        "cannot read",
    ),
    Case(
        "period_start does not match",
        set_cell(PA, 3, "period_start", "2017-04-01"),
        PA,
        3,
        "period_start",
        "does not fit the period '2017'",
    ),
    Case(
        "period_end does not match",
        set_cell(PA, 4, "period_end", "2019-12-31"),
        PA,
        4,
        "period_end",
        "does not fit the period '2018/19'",
    ),
    Case(
        "indicator without package",
        remove("indicators/green-space"),
        INDICATORS,
        4,
        "slug",
        "no data package",
    ),
    Case(
        "package not in catalogue",
        uncatalogued_package,
        "indicators/walking/datapackage.json",
        None,
        "name",
        "not in the catalogue",
    ),
    Case(
        "unknown measure",
        set_cell(PA, 3, "measure", "children"),
        PA,
        3,
        "measure",
        "unknown measure",
    ),
    Case("unknown unit", set_cell(PA, 3, "unit", "percentage"), PA, 3, "unit", "unknown unit"),
    Case(
        "unit differs from the measure's",
        set_cell(PA, 3, "unit", "years"),
        PA,
        3,
        "unit",
        "is in 'percent'",
    ),
    Case(
        "availability copied into a descriptor",
        edit_json(PA_JSON, _set("npf:availability", "in development")),
        PA_JSON,
        None,
        "npf:availability",
        "availability is kept in the framework's catalogue",
    ),
    Case(
        "title copied into a descriptor's resource",
        edit_json(PA_JSON, lambda d: d["resources"][0].update(title="Physical activity")),
        PA_JSON,
        None,
        "resources[0].title",
        "title is kept in the framework's catalogue, framework/indicators.csv (title)",
    ),
    Case(
        "unknown characteristic",
        edit_json(EV_JSON, _set("npf:characteristic", "gender")),
        EV_JSON,
        None,
        "npf:characteristic",
        "unknown characteristic",
    ),
    Case(
        "indicator primary key without the second breakdown",
        edit_json(PA_JSON, _primary_key(PA_KEY[:4])),
        PA_JSON,
        None,
        "resources[0].schema.primaryKey",
        "the primary key must be measure, period, breakdown_type",
    ),
    Case(
        "evidence primary key out of order",
        edit_json(EV_JSON, _primary_key(["period", "measure", "indicator", "breakdown"])),
        EV_JSON,
        None,
        "resources[0].schema.primaryKey",
        "in this order",
    ),
    Case(
        "evidence primary key without the period",
        edit_json(EV_JSON, _primary_key(["measure", "indicator", "breakdown"])),
        EV_JSON,
        None,
        "resources[0].schema.primaryKey",
        "measure, period, breakdown are never blank",
    ),
    Case(
        "a row after a cell with a line break",
        all_of(
            set_cell(OUTCOMES, 2, "description", "Two\nlines."),
            set_cell(OUTCOMES, 3, "order", "second"),
        ),
        OUTCOMES,
        4,
        "order",
        "is not an integer",
    ),
    Case("many errors at once", many_errors, PA, 2, "value", "not a figure"),
    # Issue 8: whatever the build could not handle, or would read differently.
    Case(
        "NUL in a name", set_cell(OUTCOMES, 2, "name", "He\x00alth"), OUTCOMES, 2, "name", "U+0000"
    ),
    Case(
        "lone carriage return",
        replace_bytes(PA, b"63,,,percent,,,", b'63,,,percent,,"one\rtwo",'),
        PA,
        3,
        "note",
        "control character U+000D",
    ),
    Case(
        "right-to-left override",
        set_cell(OUTCOMES, 3, "name", "\u202etnemnorivnE"),
        OUTCOMES,
        3,
        "name",
        "text direction control U+202E",
    ),
    Case(
        "control character in a descriptor",
        edit_json(PA_JSON, _set("title", "Physical\x07activity")),
        PA_JSON,
        None,
        "title",
        "U+0007",
    ),
    Case(
        "formula in a text cell",
        set_cell(PA, 3, "note", '=HYPERLINK("https://example.com","x")'),
        PA,
        3,
        "note",
        "run as a formula",
    ),
    Case("underscore in a number", set_cell(PA, 3, "value", "6_2"), PA, 3, "value", "plain number"),
    Case(
        "full-width digits",
        set_cell(PA, 3, "value", "\uff16\uff12"),
        PA,
        3,
        "value",
        "plain number",
    ),
    Case(
        "date without leading zeros",
        set_cell(PA, 3, "period_start", "2017-1-1"),
        PA,
        3,
        "period_start",
        "YYYY-MM-DD",
    ),
    Case(
        "measure cell not a slug",
        set_cell("framework/measures.csv", 2, "measure", "Females/all"),
        "framework/measures.csv",
        2,
        "measure",
        "is not an identifier",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_located(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_valid(tmp_path)
    case.mutate(root)
    before = tree_hash(root)

    assert main(["validate", str(root), "--json"]) == 1

    out, err = capsys.readouterr()
    assert err == ""
    problems = json.loads(out)["problems"]
    where = (str(root / case.path), case.row, case.column)
    located = [p for p in problems if (p["path"], p["row"], p["column"]) == where]
    assert located, f"nothing at {where!r}; got:\n{json.dumps(problems, indent=1)}"
    assert any(case.says in p["message"] for p in located), located
    unregistered = [p for p in problems if p["code"] not in CODES or p["code"] == "invalid"]
    assert not unregistered, "problems without a code of their own"
    assert tree_hash(root) == before, "validation wrote to the tree"


def test_many_errors_are_capped_and_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_valid(tmp_path)
    many_errors(root)
    report = validate_path(root)
    total = len(set(report.problems))
    assert total > 50
    assert main(["validate", str(root), "--max-problems", "10"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 12
    assert lines[-2] == f"... and {total - 10} more problems not shown"
    assert lines[-1] == f"{total} problems found"
