"""criteria_problems: what the validator reports about a criteria object."""

from __future__ import annotations

from typing import Any

import pytest

from build_scripts.analyse.statuses import METHODS, criteria_problems

VALID: list[dict[str, Any]] = [
    {"method": "last-two", "threshold": 1, "relative": False},
    {"method": "last-two", "threshold": 0.5},
    {"method": "last-two", "threshold": 0.05, "relative": True},
    {"method": "consecutive", "n": 3, "threshold": 1},
    {"method": "versus-average", "k": 3, "threshold": 0},
    {"method": "latest-value", "threshold": 0.5},
    {"method": "confidence-intervals"},
    {"method": "manual", "status": "maintaining", "reason": "No new survey this year."},
    {"method": "not-assessed"},
    {"method": "not-assessed", "reason": "No criteria for change are published."},
]


@pytest.mark.parametrize("criteria", VALID)
def test_valid_criteria_have_no_problems(criteria: dict[str, Any]) -> None:
    assert criteria_problems(criteria) == []


def test_every_method_has_a_valid_example() -> None:
    assert {c["method"] for c in VALID} == set(METHODS)


@pytest.mark.parametrize(
    ("criteria", "problem"),
    [
        (
            {},
            "criteria has no 'method'; use one of: last-two, consecutive, versus-average, "
            "latest-value, confidence-intervals, manual",
        ),
        (
            {"method": "trend"},
            "unknown method 'trend'; use one of: last-two, consecutive, "
            "versus-average, latest-value, confidence-intervals, manual",
        ),
        ({"method": 3}, "unknown method 3; use one of"),
        (
            {"method": "last-two"},
            "method 'last-two' needs 'threshold': the smallest change that counts",
        ),
        (
            {"method": "last-two", "threshold": "1"},
            "method 'last-two': 'threshold' must be a number, not '1'",
        ),
        ({"method": "last-two", "threshold": True}, "'threshold' must be a number, not True"),
        ({"method": "last-two", "threshold": float("nan")}, "'threshold' must be a number"),
        (
            {"method": "last-two", "threshold": -1},
            "method 'last-two': 'threshold' must be at least 0, not -1",
        ),
        (
            {"method": "last-two", "threshold": 1, "relative": "yes"},
            "'relative' must be true or false, not 'yes'",
        ),
        (
            {"method": "last-two", "threshold": 1, "relativ": True},
            "method 'last-two' has no parameter 'relativ' (its parameters: relative, threshold)",
        ),
        ({"method": "consecutive", "threshold": 1}, "method 'consecutive' needs 'n'"),
        (
            {"method": "consecutive", "n": 2.5, "threshold": 1},
            "'n' must be a whole number, not 2.5",
        ),
        ({"method": "consecutive", "n": 0, "threshold": 1}, "'n' must be at least 1, not 0"),
        (
            {"method": "versus-average", "k": False, "threshold": 1},
            "'k' must be a whole number, not False",
        ),
        (
            {"method": "confidence-intervals", "threshold": 1},
            "method 'confidence-intervals' has no parameter 'threshold' (its parameters: none)",
        ),
        (
            {"method": "manual", "status": "good", "reason": "x"},
            "'status' must be one of "
            "'improving', 'maintaining', 'worsening', 'to be confirmed', not 'good'",
        ),
        ({"method": "manual", "status": "improving", "reason": "  "}, "'reason' must be some text"),
        ({"method": "manual", "status": "improving"}, "method 'manual' needs 'reason'"),
    ],
)
def test_problems_say_what_is_wrong(criteria: dict[str, Any], problem: str) -> None:
    problems = criteria_problems(criteria)
    assert len(problems) == 1, problems
    assert problem in problems[0]


def test_a_misspelt_parameter_is_unknown_and_the_real_one_missing() -> None:
    assert criteria_problems({"method": "last-two", "treshold": 1}) == [
        "method 'last-two' has no parameter 'treshold' (its parameters: relative, threshold)",
        "method 'last-two' needs 'threshold': the smallest change that counts",
    ]


def test_several_problems_are_all_reported() -> None:
    problems = criteria_problems({"method": "consecutive", "n": "3", "threshold": -2, "x": 1})
    assert len(problems) == 3


def test_not_an_object() -> None:
    assert criteria_problems("last-two")[0].startswith("criteria must be an object")
