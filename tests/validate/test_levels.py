"""The rules of a framework's levels (``validate/levels.py``) on the fixture with targets
and codes (``tests/levels.py``): it is valid, and passes the stock frictionless alone;
then each rule broken once, located by file, row and column, with its code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from frictionless import Package

from build_scripts.validate import validate_path
from tests.levels import write_levels
from tests.synthetic import Size, plant_revision, write_packages
from tests.validate.mutations import read_rows, write_rows

FRAMEWORK = "framework"
Located = tuple[str, int | None, str | None, str]


@pytest.fixture(scope="module")
def levels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_levels(tmp_path_factory.mktemp("levels") / "datapackages")


@pytest.fixture
def data(levels: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(levels, tmp_path / "datapackages"))


def _problems(data: Path) -> list[Located]:
    report = validate_path(data)
    return [(Path(p.path).name, p.row, p.column, p.code) for p in report.problems]


def _set(data: Path, table: str, line: int, column: str, value: str) -> None:
    rel = f"{FRAMEWORK}/{table}"
    rows = read_rows(data, rel)
    rows[line - 1][rows[0].index(column)] = value
    write_rows(data, rel, rows)


def _drop(data: Path, table: str, line: int) -> None:
    rel = f"{FRAMEWORK}/{table}"
    rows = read_rows(data, rel)
    del rows[line - 1]
    write_rows(data, rel, rows)


def test_a_framework_with_targets_and_codes_is_valid(levels: Path) -> None:
    report = validate_path(levels)
    assert report.problems == [], report.format()


def test_it_passes_the_stock_frictionless_on_its_own(levels: Path) -> None:
    report = Package(str(levels / FRAMEWORK / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    names = [t.name for t in report.tasks]
    assert names.index("targets") == names.index("indicator-outcomes") + 1
    assert "indicator-targets" in names


def test_a_current_indicator_under_no_target(data: Path) -> None:
    _drop(data, "indicator-targets.csv", 2)  # healthy-life-expectancy's one target
    assert _problems(data) == [("indicators.csv", 2, "slug", "no-target")]


def _retire(data: Path, slug: str) -> None:
    """Mark ``slug`` retired (in a version no revision leads to: the revisions' own
    problems are not these tests' business)."""
    rows = read_rows(data, f"{FRAMEWORK}/indicators.csv")
    rows[0].append("retired_in")
    for row in rows[1:]:
        row.append("2.0.0" if row[0] == slug else "")
    write_rows(data, f"{FRAMEWORK}/indicators.csv", rows)
    descriptor = data / FRAMEWORK / "datapackage.json"
    package = json.loads(descriptor.read_text("utf-8"))
    fields = package["resources"][1]["schema"]["fields"]
    fields.append({"name": "retired_in", "type": "string"})
    descriptor.write_text(json.dumps(package), "utf-8")


REVISIONS_OWN = {"retired-without-revision", "unknown-version"}


def test_a_retired_indicator_need_not_sit_under_a_target(data: Path) -> None:
    """Targets are not revisable: a retired indicator may have kept its targets, or
    have none (docs/revisions.md); the rule is about current ones."""
    _drop(data, "indicator-targets.csv", 2)
    _retire(data, "healthy-life-expectancy")
    assert {code for *_, code in _problems(data)} <= REVISIONS_OWN


def test_a_retired_indicator_keeps_its_outcomes_while_its_targets_move(data: Path) -> None:
    """A revision moved physical-activity's target to the environment: the retired
    indicator keeps its outcome (health) as it was."""
    _set(data, "targets.csv", 3, "outcome", "environment")  # active-lives
    _set(data, "indicator-targets.csv", 4, "target", "long-lives")  # green-space's health one
    _retire(data, "physical-activity")
    codes = {code for *_, code in _problems(data)}
    assert codes <= REVISIONS_OWN, codes


def test_a_revised_framework_with_targets_is_valid(tmp_path: Path) -> None:
    """The synthetic revision (a rename, merges, a split, a retirement, an addition and
    an outcome merged into another) of a framework with targets: the merged outcome's
    targets move with its indicators."""
    write_packages(tmp_path, Size(12, outcomes=3, targets=True))
    plant_revision(tmp_path)
    assert validate_path(tmp_path).problems == []


def test_a_target_of_another_outcome(data: Path) -> None:
    # physical-activity is under health only; "nature" is environment's target
    _set(data, "indicator-targets.csv", 3, "target", "nature")
    assert _problems(data) == [
        ("indicator-targets.csv", 3, "target", "target-outside-outcomes"),
        ("indicator-outcomes.csv", 3, "outcome", "outcome-without-target"),
    ]


def test_an_outcome_of_the_indicator_without_one_of_its_targets(data: Path) -> None:
    _drop(data, "indicator-targets.csv", 5)  # green-space's environment target
    assert _problems(data) == [("indicator-outcomes.csv", 5, "outcome", "outcome-without-target")]


def test_an_unknown_target_or_outcome_is_a_foreign_key(data: Path) -> None:
    _set(data, "indicator-targets.csv", 2, "target", "no-such-target")
    _set(data, "targets.csv", 3, "outcome", "no-such-outcome")
    found = _problems(data)
    assert ("indicator-targets.csv", 2, "target", "foreign-key") in found
    assert ("targets.csv", 3, "outcome", "foreign-key") in found


def test_targets_without_their_placements(data: Path) -> None:
    descriptor = data / FRAMEWORK / "datapackage.json"
    package = json.loads(descriptor.read_text("utf-8"))
    package["resources"] = [r for r in package["resources"] if r["name"] != "indicator-targets"]
    descriptor.write_text(json.dumps(package), "utf-8")
    found = _problems(data)
    assert [p for p in found if p[3] == "missing-resource"] == [
        ("datapackage.json", None, "resources", "missing-resource")
    ]
    report = validate_path(data)
    assert "has 'targets' but no resource 'indicator-targets'" in report.format()
    assert not {"no-target", "outcome-without-target"} & {p[3] for p in found}


@pytest.mark.parametrize(
    ("table", "line", "value"),
    [("outcomes.csv", 3, "1"), ("targets.csv", 3, "1.1"), ("indicators.csv", 3, "1.1.1")],
)
def test_a_code_twice_in_a_level(data: Path, table: str, line: int, value: str) -> None:
    _set(data, table, line, "code", value)
    assert _problems(data) == [(table, line, "code", "duplicate-code")]


def test_the_same_code_in_two_levels_is_fine(data: Path) -> None:
    _set(data, "targets.csv", 2, "code", "1")  # target "1" beside goal "1"
    assert _problems(data) == []


def test_a_target_needs_its_title_and_order(data: Path) -> None:
    _set(data, "targets.csv", 2, "title", "")
    _set(data, "targets.csv", 3, "order", "first")
    found = _problems(data)
    assert ("targets.csv", 2, "title", "missing-value") in found
    assert ("targets.csv", 3, "order", "type-error") in found


def test_an_outcome_without_a_description_is_valid(data: Path) -> None:
    _set(data, "outcomes.csv", 2, "description", "")
    assert _problems(data) == []
