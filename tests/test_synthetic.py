"""The synthetic data packages (``tests/synthetic.py``) follow the data contract: they
pass ``npf validate``, have the shape they promise, and are the same on every run."""

from __future__ import annotations

import csv
from pathlib import Path

from build_scripts.contract import HEADLINE_TYPE
from build_scripts.digest import files_digest
from build_scripts.load import load_framework
from build_scripts.validate import validate_path
from tests.synthetic import COUNCIL_TYPE, IN_DEVELOPMENT_EVERY, Size, write_packages


def _rows(data: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted((data / "indicators").glob("*/*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows += csv.DictReader(f)
    return rows


def test_default_size_validates_and_has_the_promised_shape(tmp_path: Path) -> None:
    data = tmp_path / "datapackages"
    figures = write_packages(data, Size(indicators=IN_DEVELOPMENT_EVERY + 1, outcomes=3))

    report = validate_path(data)
    assert report.valid, [str(p) for p in report.problems]
    rows = _rows(data)
    assert figures == len(rows) > 0
    types = {r["breakdown_type"] for r in rows}
    assert {HEADLINE_TYPE, COUNCIL_TYPE} <= types
    framework = load_framework(data)
    assert len(framework.indicators) == IN_DEVELOPMENT_EVERY + 1
    assert len(framework.outcomes) == 3
    assert all(a.name.startswith("Area ") for a in framework.places[COUNCIL_TYPE].values())
    in_development = [i for i in framework.indicators.values() if not i.figures]
    assert [i.slug for i in in_development] == [f"indicator-{IN_DEVELOPMENT_EVERY}"]
    for indicator in framework.indicators.values():
        headline = [f for f in indicator.figures if f.is_headline]
        if headline:  # 10 to 20 periods, a rolling three-year one spanning three years
            first = min(f.period_start for f in headline)
            last = max(f.period_end for f in headline)
            assert 10 <= last.year - first.year + 1 <= 22


def test_rows_are_spread_over_indicators_with_cross_classified_figures(tmp_path: Path) -> None:
    data = tmp_path / "datapackages"
    figures = write_packages(data, Size(indicators=3, outcomes=2, areas=4, rows=3000))

    assert validate_path(data).valid
    rows = _rows(data)
    assert figures == len(rows)
    assert 3000 <= figures < 3600  # each indicator has its share, give or take a measure
    assert any(r["breakdown_type_2"] for r in rows)


def test_the_same_size_and_seed_give_the_same_bytes(tmp_path: Path) -> None:
    size = Size(indicators=4, outcomes=2, areas=3)
    write_packages(tmp_path / "a" / "datapackages", size)
    write_packages(tmp_path / "b" / "datapackages", size)
    other = Size(indicators=4, outcomes=2, areas=3, seed=10)
    write_packages(tmp_path / "c" / "datapackages", other)
    digest = [files_digest(tmp_path / name / "datapackages") for name in "abc"]
    assert digest[0] == digest[1] != digest[2]
