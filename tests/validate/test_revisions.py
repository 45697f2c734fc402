"""The rules of a framework's revisions (``validate/revisions.py``), on a synthetic
framework revised by ``plant_revision``: a rename, a merge, a split, a retirement, an
addition and an outcome merged; then each rule broken once."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from build_scripts.importers.write import write_csv
from build_scripts.validate import validate_path
from tests.synthetic import Size, plant_revision, write_packages

FRAMEWORK = "framework"


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("revised")
    write_packages(out, Size(12, outcomes=3))
    plant_revision(out)
    return out


def _copy(revised: Path, tmp_path: Path) -> Path:
    import shutil

    out = tmp_path / "data"
    shutil.copytree(revised, out)
    return out


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _edit(path: Path, edit: dict[int, dict[str, str]]) -> None:
    """Set cells of data rows (0-based) of a CSV; a row mapped to ``{}`` is removed."""
    fields, rows = _rows(path)
    rows = [
        {**row, **edit[i]} if i in edit else row
        for i, row in enumerate(rows)
        if edit.get(i, {None: ""}) != {}
    ]
    write_csv(path, fields, rows)


def _codes(data: Path) -> list[tuple[str, int | None, str | None, str]]:
    report = validate_path(data / FRAMEWORK)
    return [(Path(p.path).name, p.row, p.column, p.code) for p in report.problems]


def test_a_revised_framework_is_valid(revised: Path) -> None:
    report = validate_path(revised)
    assert report.problems == []
    _, rows = _rows(revised / FRAMEWORK / "revisions.csv")
    assert {r["change"] for r in rows} == {"rename", "merge", "split", "add", "retire"}


def test_the_framework_needs_a_version(revised: Path, tmp_path: Path) -> None:
    data = _copy(revised, tmp_path)
    path = data / FRAMEWORK / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    del descriptor["version"]
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert ("datapackage.json", None, "version", "missing-version") in _codes(data)


# Rows of revisions.csv (0-based, header excluded): 0 rename earlier-indicator-1 ->
# indicator-1, 1-2 merge indicator-2/3 -> 4, 3-4 split 5 -> 6/7, 5 retire 9, 6 add 10,
# 7 outcome-3 merged into outcome-1. The file's line is the row + 2.
BROKEN = [
    ("unknown old slug", {1: {"old_slug": "indicator-99"}}, 3, "old_slug", "revision-unknown-slug"),
    ("unknown new slug", {6: {"new_slug": "indicator-99"}}, 8, "new_slug", "revision-unknown-slug"),
    ("merge lacks its new slug", {1: {"new_slug": ""}}, 3, "new_slug", "revision-slugs"),
    (
        "retire with a replacement",
        {5: {"new_slug": "indicator-4"}},
        7,
        "new_slug",
        "revision-slugs",
    ),
    ("add with an old slug", {6: {"old_slug": "indicator-11"}}, 8, "old_slug", "revision-slugs"),
    (
        "renamed slug still a page",
        {0: {"old_slug": "indicator-11"}},
        2,
        "old_slug",
        "revision-slug-taken",
    ),
    (
        "merged but not retired",
        {1: {"old_slug": "indicator-11"}},
        3,
        "old_slug",
        "revision-not-retired",
    ),
    (
        "replaced by a retired one",
        {1: {"new_slug": "indicator-9"}},
        3,
        "new_slug",
        "revision-replacement-retired",
    ),
    ("to itself", {6: {"from_version": "2.0.0"}}, 8, "to_version", "revision-cycle"),
    (
        "an unknown version",
        {6: {"from_version": "0.9.0"}},
        8,
        "from_version",
        "revision-version-chain",
    ),
    ("leads elsewhere", {6: {"to_version": "3.0.0"}}, 8, "from_version", "revision-version-chain"),
]


@pytest.mark.parametrize(
    ("edit", "line", "column", "code"),
    [b[1:] for b in BROKEN],
    ids=[b[0] for b in BROKEN],
)
def test_a_bad_mapping_is_located(
    revised: Path,
    tmp_path: Path,
    edit: dict[int, dict[str, str]],
    line: int,
    column: str,
    code: str,
) -> None:
    data = _copy(revised, tmp_path)
    _edit(data / FRAMEWORK / "revisions.csv", edit)
    assert ("revisions.csv", line, column, code) in _codes(data)


def test_versions_that_loop(revised: Path, tmp_path: Path) -> None:
    data = _copy(revised, tmp_path)
    path = data / FRAMEWORK / "revisions.csv"
    fields, rows = _rows(path)
    loop = {**rows[6], "from_version": "2.0.0", "to_version": "1.0.0"}
    write_csv(path, fields, [*rows, loop])
    assert ("revisions.csv", 10, "from_version", "revision-cycle") in _codes(data)


def test_retired_without_a_revision(revised: Path, tmp_path: Path) -> None:
    data = _copy(revised, tmp_path)
    _edit(data / FRAMEWORK / "revisions.csv", {5: {}})  # indicator-9's retirement
    _, rows = _rows(data / FRAMEWORK / "indicators.csv")
    line = next(n for n, r in enumerate(rows, start=2) if r["slug"] == "indicator-9")
    assert ("indicators.csv", line, "retired_in", "retired-without-revision") in _codes(data)


def test_retired_in_an_unknown_version(revised: Path, tmp_path: Path) -> None:
    data = _copy(revised, tmp_path)
    path = data / FRAMEWORK / "outcomes.csv"
    _, rows = _rows(path)
    at = next(i for i, r in enumerate(rows) if r["slug"] == "outcome-3")
    _edit(path, {at: {"retired_in": "1.5.0"}})
    assert ("outcomes.csv", at + 2, "retired_in", "unknown-version") in _codes(data)


def test_a_retired_indicator_keeps_its_package(revised: Path, tmp_path: Path) -> None:
    import shutil

    data = _copy(revised, tmp_path)
    shutil.rmtree(data / "indicators" / "indicator-9")
    codes = [p.code for p in validate_path(data).problems]
    assert "missing-package" in codes


def test_a_framework_without_revisions_needs_no_new_column(tmp_path: Path) -> None:
    write_packages(tmp_path, Size(4, outcomes=2))
    fields, _ = _rows(tmp_path / FRAMEWORK / "indicators.csv")
    assert "retired_in" not in fields
    assert not (tmp_path / FRAMEWORK / "revisions.csv").exists()
    assert validate_path(tmp_path).problems == []
