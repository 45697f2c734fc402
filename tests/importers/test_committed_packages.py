"""The committed datapackages/ read back with frictionless: the framework and a handful
of indicator packages (the full set is checked by `npf validate` in CI)."""

from __future__ import annotations

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
