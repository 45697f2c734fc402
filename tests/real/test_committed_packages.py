"""The committed datapackages/ read back with frictionless: the framework and a handful
of indicator packages (the full set is checked by `npf validate` in CI)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from frictionless import Package

ROOT = Path(__file__).parent.parent.parent / "datapackages"
SAMPLE = [
    "framework",
    "indicators/healthy-life-expectancy",
    "indicators/journeys-by-active-travel",
    "indicators/number-of-businesses",
    "indicators/pay-gap",
    "indicators/trust-in-public-organisations",
]


@pytest.mark.parametrize("folder", SAMPLE)
def test_committed_package_validates(folder: str) -> None:
    report = Package(str(ROOT / folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_every_indicator_has_a_package() -> None:
    assert len(list((ROOT / "indicators").glob("*/datapackage.json"))) == 81


def _csv(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _figures(slug: str) -> list[dict[str, str]]:
    return _csv(ROOT / "indicators" / slug / f"{slug}.csv")


def test_household_types_are_not_filed_under_sex() -> None:
    rows = _figures("relative-poverty-after-housing-costs")
    sex = {r["breakdown_group"] for r in rows if r["breakdown_type"] == "sex"}
    household = {r["breakdown_group"] for r in rows if r["breakdown_type"] == "household-type"}
    assert "Lone mothers" not in sex and "Lone mothers" in household


def test_copied_breakdowns_are_flagged_with_their_reason() -> None:
    rows = _figures("healthy-weight")
    copied = [r for r in rows if r["breakdown_type"] == "age" and r["period"] == "2017"]
    assert copied and all(r["flag"] == "suspect" and "2016" in r["note"] for r in copied)
    # the headline itself is not a copy
    assert all(not r["flag"] for r in rows if r["breakdown_type"] == "total")


def test_every_row_cites_a_dated_release_of_its_package() -> None:
    import json

    for package in sorted((ROOT / "indicators").iterdir()):
        descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
        sources = {s["id"]: s for s in descriptor["sources"]}
        for row in _figures(package.name):
            source = sources[row["source"]]
            assert source.get("published") and source.get("url"), (package.name, source)


def test_criteria_say_whose_they_are_and_defaults_can_trigger() -> None:
    import json

    indicators = _csv(ROOT / "framework" / "indicators.csv")
    sources = {s["id"] for s in _csv(ROOT / "framework" / "sources.csv")}
    published = 0
    for row in indicators:
        if row["availability"] != "published":
            continue
        criteria = json.loads(row["criteria"])
        assert row["criteria_origin"] in ("published", "default") and row["criteria_note"]
        if row["criteria_origin"] == "published":
            published += 1
            assert row["criteria_source"] in sources
            continue
        if criteria["method"] != "last-two" or criteria.get("relative"):
            continue
        # An absolute default must be able to trigger: no larger than a tenth of the
        # typical figure, or than the biggest change between two consecutive headline
        # figures this indicator has had (for gaps that sit near zero).
        values = [
            float(r["value"])
            for r in _figures(row["slug"])
            if r["breakdown_type"] == "total" and r["flag"] != "suspect"
        ]
        changes = [abs(b - a) for a, b in itertools.pairwise(values)]
        typical = sorted(abs(v) for v in values)[len(values) // 2]
        assert criteria["threshold"] <= max(0.1 * typical, *changes), row["slug"]
    assert published >= 30
