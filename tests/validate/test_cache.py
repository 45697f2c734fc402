"""The build's validation cache skips frictionless only for content already found clean."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from build_scripts.validate import validate_path

VALID = Path(__file__).resolve().parents[1] / "fixtures" / "packages" / "valid"


def test_a_changed_package_is_checked_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    cache = tmp_path / "cache"
    assert validate_path(data, cache=cache).valid
    assert any(cache.iterdir()), "clean packages are remembered"
    csvs = sorted((data / "indicators").glob("*/*.csv"))
    csv_path = next(p for p in csvs if len(p.read_text(encoding="utf-8").splitlines()) > 1)
    with csv_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("period_end")] = "not-a-date"
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    report = validate_path(data, cache=cache)
    assert not report.valid
    assert any(p.row == 2 and p.column == "period_end" for p in report.problems)


def test_cached_and_uncached_runs_agree(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = validate_path(VALID, cache=cache)
    second = validate_path(VALID, cache=cache)
    plain = validate_path(VALID)
    assert first.valid and second.valid and plain.valid
    assert (second.packages, second.rows) == (plain.packages, plain.rows)


def test_a_wholly_clean_package_is_not_read_again_until_what_its_rules_read_changes(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    cache = tmp_path / "cache"
    first = validate_path(data, cache=cache)
    remembered = sorted((cache / "whole").iterdir())
    assert first.valid and len(remembered) == first.packages - 1  # all but the framework
    # the catalogue (which every indicator's rules read) now lacks a unit a package uses
    units = data / "framework" / "units.csv"
    with units.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    used = {
        row["unit"]
        for path in (data / "indicators").glob("*/*.csv")
        for row in csv.DictReader(path.open(encoding="utf-8", newline=""))
    }
    kept = [rows[0]] + [r for r in rows[1:] if r[rows[0].index("unit")] not in used]
    with units.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(kept)
    report = validate_path(data, cache=cache)
    found = [p for p in report.problems if p.code == "unknown-unit"]
    assert any("/indicators/" in p.path for p in found), "the packages were checked again"
    assert report.packages == first.packages
