"""docs/criteria-for-change.md lists every indicator with the criteria it uses and whose
they are, so the page cannot drift from the framework package."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_indicator_is_listed_with_whose_criteria() -> None:
    text = (ROOT / "docs" / "criteria-for-change.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in text.splitlines() if line.count("|") > 4}
    path = ROOT / "datapackages" / "framework" / "indicators.csv"
    with path.open(encoding="utf-8", newline="") as f:
        for indicator in csv.DictReader(f):
            line = rows.get(indicator["title"])
            assert line is not None, f"{indicator['title']} is not in criteria-for-change.md"
            origin = indicator["criteria_origin"]
            if origin == "published":
                assert "| published |" in line, indicator["title"]
            elif origin == "default":
                assert "| default" in line, indicator["title"]
