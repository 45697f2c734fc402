"""The valid tree passes; the CLI prints what the API finds; the rules' definitions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from build_scripts.cli import main
from build_scripts.validate import validate_path
from build_scripts.validate.descriptors import unsafe_path
from build_scripts.validate.rules import Dated, _rolling
from tests.validate.mutations import (
    PA,
    VALID,
    append_row,
    copy_valid,
    many_errors,
    set_cell,
    tree_hash,
)


def test_valid_tree_passes(capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_hash(VALID)
    report = validate_path(VALID)
    assert report.valid, report.format()
    assert report.packages == 6
    assert report.rows == 71
    assert main(["validate", str(VALID)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("valid: 6 packages, 71 rows checked in ")
    assert tree_hash(VALID) == before


@pytest.mark.parametrize(
    "target",
    [
        "indicators/physical-activity",
        "indicators/physical-activity/datapackage.json",
        "framework",
        "equality-evidence/employment-rate-by-sex",
    ],
)
def test_one_package_or_descriptor_passes(target: str) -> None:
    report = validate_path(VALID / target)
    assert report.valid, report.format()
    assert report.packages >= 1


def test_the_summary_counts_in_the_singular_and_plural(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(VALID / "framework")]) == 0
    assert capsys.readouterr().out.startswith("valid: 1 package, ")
    assert main(["validate", str(VALID / "indicators" / "physical-activity")]) == 0
    assert capsys.readouterr().out.startswith("valid: 2 packages, ")


def test_one_package_is_checked_against_the_framework(tmp_path: Path) -> None:
    root = copy_valid(tmp_path)
    set_cell(PA, 3, "breakdown_type", "sex")(root)
    set_cell(PA, 3, "breakdown_group", "Nobody")(root)
    report = validate_path(root / "indicators" / "physical-activity")
    assert [(p.row, p.column) for p in report.problems] == [(3, "breakdown_group")]


def test_cli_prints_what_the_api_finds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_valid(tmp_path)
    many_errors(root)
    report = validate_path(root)
    assert main(["validate", str(root), "--max-problems", "1000"]) == 1
    assert capsys.readouterr().err.strip() == report.format(cap=1000)


def test_missing_path_is_a_problem_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "nowhere")]) == 1
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["validate", str(tmp_path)]) == 1
    assert "no data packages here" in capsys.readouterr().err


def test_paths_are_shown_relative_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_valid(tmp_path)
    set_cell(PA, 3, "value", "NaN")(root)
    monkeypatch.chdir(tmp_path)
    report = validate_path(Path("datapackages"))
    assert [p.format() for p in report.problems] == [
        "datapackages/indicators/physical-activity/physical-activity.csv:3: value: "
        "'NaN' is not a figure; leave out a row without a figure (or the cell, for lower/upper)"
    ]


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("../../etc/passwd", "leaves"),
        ("data/../../x.csv", "leaves"),
        ("/etc/passwd", "absolute"),
        ("C:/data.csv", "absolute"),
        ("\\\\server\\share.csv", "absolute"),
        ("https://example.com/x.csv", "remote"),
        ("HTTP://example.com/x.csv", "remote"),
        ("ftp://example.com/x.csv", "remote"),
        ("//example.com/x.csv", "remote"),
        ("file:///etc/passwd", "remote"),
        ("data\\x.csv", "backslashes"),
        ("", "must be"),
        (None, "must be"),
    ],
)
def test_unsafe_paths_are_refused(path: str | None, why: str) -> None:
    message = unsafe_path(path)
    assert message is not None and why in message


@pytest.mark.parametrize("path", ["x.csv", "data/x.csv", "x..y.csv"])
def test_safe_paths_are_accepted(path: str) -> None:
    assert unsafe_path(path) is None


def _d(label: str, start: str, end: str) -> Dated:
    return Dated(0, label, date.fromisoformat(start), date.fromisoformat(end))


def test_rolling_windows_may_overlap() -> None:
    assert _rolling(
        _d("2004-07", "2004-01-01", "2007-12-31"), _d("2005-08", "2005-01-01", "2008-12-31")
    )
    assert _rolling(
        _d("2015/16-2017/18", "2015-04-01", "2018-03-31"),
        _d("2016/17-2018/19", "2016-04-01", "2019-03-31"),
    )


def test_other_overlaps_are_not_rolling() -> None:
    # a calendar year and a financial year
    assert not _rolling(
        _d("2019", "2019-01-01", "2019-12-31"), _d("2019/20", "2019-04-01", "2020-03-31")
    )
    # windows of different lengths
    assert not _rolling(
        _d("2016-2018", "2016-01-01", "2018-12-31"), _d("2018", "2018-01-01", "2018-12-31")
    )
    # same length, shifted by less than a year
    assert not _rolling(
        _d("2016-2018", "2016-01-01", "2018-12-31"),
        _d("2016/17-2018/19", "2016-04-01", "2019-03-31"),
    )


@pytest.mark.parametrize(
    ("column", "line", "value"),
    [
        ("period_start", 3, "2016-06-01"),  # not also an overlap with 2016
        ("measure", 3, "children"),  # not also frictionless's enum error
        ("unit", 3, "percentage"),  # idem
        ("breakdown_type", 5, "gender"),  # idem
        ("value", 3, "NaN"),
    ],
)
def test_one_mistake_one_message(tmp_path: Path, column: str, line: int, value: str) -> None:
    root = copy_valid(tmp_path)
    set_cell(PA, line, column, value)(root)
    report = validate_path(root)
    assert [(p.row, p.column) for p in report.problems] == [(line, column)], report.format()


def test_a_duplicate_row_is_one_message(tmp_path: Path) -> None:
    root = copy_valid(tmp_path)
    append_row(PA)(root)
    report = validate_path(root)
    assert [p.format() for p in report.problems] == [
        f"{root / PA}:13: duplicate: the same measure, period, breakdown_type, "
        "breakdown_group, breakdown_type_2, breakdown_group_2 as row 2; "
        "remove one of the two rows or correct its key"
    ]
