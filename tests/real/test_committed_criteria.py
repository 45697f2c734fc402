"""The criteria for change of the committed framework pass a stock JSON Schema validator
with the contract's schema (as anyone checking the data with public tools would)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema

from build_scripts.contract import criteria_schema

FRAMEWORK = Path(__file__).resolve().parents[2] / "datapackages" / "framework" / "indicators.csv"


def test_the_committed_criteria_pass_a_stock_validator() -> None:
    validator = jsonschema.Draft202012Validator(criteria_schema())
    with FRAMEWORK.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["availability"] == "published"]
    assert rows
    for row in rows:
        assert list(validator.iter_errors(json.loads(row["criteria"]))) == [], row["slug"]
