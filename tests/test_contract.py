"""The criteria for change as part of the data contract: a JSON Schema that a stock
validator can use, and the plain-words problems validation and analysis both read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from build_scripts.analyse.statuses import METHODS
from build_scripts.contract import (
    CRITERIA_METHODS,
    CriteriaProblem,
    criteria_problems,
    criteria_schema,
)
from build_scripts.validate import validate_path
from tests.validate.mutations import INDICATORS, copy_valid, set_cell

ROOT = Path(__file__).resolve().parents[1]

GOOD: list[dict[str, Any]] = [
    {"method": "last-two", "threshold": 1},
    {"method": "last-two", "threshold": 0.05, "relative": True},
    {"method": "consecutive", "n": 3, "threshold": 1},
    {"method": "versus-average", "k": 2.0, "threshold": 0},
    {"method": "latest-value", "threshold": 0.5},
    {"method": "confidence-intervals"},
    {"method": "manual", "status": "maintaining", "reason": "No new survey."},
]
BAD: list[Any] = [
    [1],
    {},
    {"method": "trend"},
    {"method": 3},
    {"method": "last-two"},
    {"method": "last-two", "threshold": "1"},
    {"method": "last-two", "threshold": True},
    {"method": "last-two", "threshold": -1},
    {"method": "last-two", "threshold": 1, "relative": "yes"},
    {"method": "last-two", "threshold": 1, "relativ": True},
    {"method": "consecutive", "n": 2.5, "threshold": 1},
    {"method": "consecutive", "n": 0, "threshold": 1},
    {"method": "confidence-intervals", "threshold": 1},
    {"method": "manual", "status": "good", "reason": "x"},
    {"method": "manual", "status": "improving", "reason": "  "},
]


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(criteria_schema())


def test_analysis_applies_exactly_the_methods_of_the_contract() -> None:
    assert list(METHODS) == list(CRITERIA_METHODS)
    for name, spec in METHODS.items():
        assert spec.parameters is CRITERIA_METHODS[name].parameters


@pytest.mark.parametrize("criteria", GOOD, ids=lambda c: json.dumps(c))
def test_good_criteria_pass_the_schema_and_the_project(criteria: dict[str, Any]) -> None:
    jsonschema.validate(criteria, criteria_schema())
    assert criteria_problems(criteria) == []


@pytest.mark.parametrize("criteria", BAD, ids=lambda c: json.dumps(c))
def test_bad_criteria_fail_the_schema_and_the_project(criteria: Any) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(criteria, criteria_schema())
    assert criteria_problems(criteria)


def test_non_finite_numbers_are_not_numbers() -> None:
    for value in (float("nan"), float("inf")):
        problems = criteria_problems({"method": "last-two", "threshold": value})
        assert [p.code for p in problems] == ["invalid-parameter"]
        assert "'threshold' must be a number" in problems[0].message


def test_problems_are_located_by_property_path() -> None:
    criteria = {"method": "versus-average", "k": 0, "relativ": True}
    assert criteria_problems(criteria) == [
        CriteriaProblem(
            "relativ",
            "method 'versus-average' has no parameter 'relativ' "
            "(its parameters: k, relative, threshold)",
            "unknown-parameter",
        ),
        CriteriaProblem(
            "k", "method 'versus-average': 'k' must be at least 1, not 0", "invalid-parameter"
        ),
        CriteriaProblem(
            "",
            "method 'versus-average' needs 'threshold': the smallest change that counts",
            "missing-parameter",
        ),
    ]
    assert [p.path for p in criteria_problems({"method": "x"})] == ["method"]
    assert [p.code for p in criteria_problems([])] == ["criteria-not-object"]
    assert [p.code for p in criteria_problems({})] == ["criteria-no-method"]


def test_a_catalogue_criteria_problem_names_the_cell(tmp_path: Path) -> None:
    """Criteria live in the catalogue only: a problem in them is located at their cell."""
    root = copy_valid(tmp_path)
    criteria = json.dumps({"method": "last-two", "threshold": -1})
    set_cell(INDICATORS, 3, "criteria", criteria)(root)

    report = validate_path(root)

    found = [p for p in report.problems if p.code == "invalid-parameter"]
    assert [(p.path, p.row, p.column) for p in found] == [(str(root / INDICATORS), 3, "criteria")]
    assert "'threshold' must be at least 0, not -1" in found[0].message


def test_validation_does_not_import_analysis(tmp_path: Path) -> None:
    root = copy_valid(tmp_path)
    code = (
        "import sys; from pathlib import Path; from build_scripts.validate import validate_path; "
        f"assert validate_path(Path({str(root)!r})).valid; "
        "print(sorted(m for m in sys.modules if m.startswith('build_scripts.analyse')))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
