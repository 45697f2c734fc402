"""``npf new-indicator``: a new indicator, in development, with no figure, that
validates at once; refused, with nothing written, when it cannot be added."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from build_scripts.errors import NpfError
from build_scripts.scaffold import NewIndicator, Source, new_indicator
from build_scripts.validate import validate_path
from build_scripts.xlsx import export_workbook, import_workbook
from tests.command_line import npf
from tests.validate.mutations import copy_valid
from tests.xlsx.helpers import tree

NEW = NewIndicator(
    slug="social-isolation",
    title="Social isolation",
    outcomes=("health",),
    measure="adults",
    measure_title="Adults who feel isolated",
    unit="percent",
    direction="lower is better",
    source=Source("a-survey", "A survey", "Someone"),
)


def test_a_new_indicator_validates_at_once_with_no_figure(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    before = tree(data)

    new_indicator(data, NEW)

    assert validate_path(data).valid
    after = tree(data)
    csv = (data / "indicators" / "social-isolation" / "social-isolation.csv").read_text()
    assert csv.count("\n") == 1 and csv.startswith("measure,period,")  # the header only
    changed = {k for k in after if after[k] != before.get(k)}
    assert changed == {
        "framework/indicators.csv",
        "framework/indicator-outcomes.csv",
        "framework/measures.csv",
        "indicators/social-isolation/datapackage.json",
        "indicators/social-isolation/social-isolation.csv",
    }
    for name in ("indicators", "indicator-outcomes", "measures"):
        key = f"framework/{name}.csv"
        assert after[key].startswith(before[key])  # rows appended, every byte kept
        assert after[key][len(before[key]) :].count(b"\n") == 1
    added = after["framework/indicators.csv"][len(before["framework/indicators.csv"]) :]
    assert added.startswith(b"social-isolation,Social isolation,in development,false,")


def test_its_figures_are_added_with_the_workbook(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    new_indicator(data, NEW)
    book = tmp_path / "new.xlsx"
    book.write_bytes(export_workbook(data, "social-isolation"))
    wb = load_workbook(book)
    sheet = wb["Data"]
    header = [c.value for c in sheet[1]]
    row = {"measure": "adults", "period": "2020", "breakdown_type": "total"}
    row |= {"breakdown_group": "Total", "unit": "percent", "source": "a-survey"}
    sheet.append([{**row, "value": 12.5}.get(str(name)) for name in header])  # a test figure
    wb.save(book)

    import_workbook(book, data)

    assert validate_path(data).valid
    lines = (data / "indicators" / "social-isolation" / "social-isolation.csv").read_text()
    assert lines.splitlines()[1] == (
        "adults,2020,2020-01-01,2020-12-31,total,Total,,,12.5,,,percent,,,a-survey"
    )


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"slug": "green-space"}, "exists already"),
        ({"slug": "Social Isolation"}, "is not a slug"),
        ({"measure": "adults!"}, "is not a slug"),
        ({"outcomes": ("nowhere",)}, "unknown outcome"),
        ({"unit": "furlongs"}, "unknown unit"),
        ({"criteria": {"method": "trend"}}, "--criteria: unknown method"),
        ({"title": "=HYPERLINK(1)"}, "does not validate"),
    ],
)
def test_what_cannot_be_added_is_refused_and_nothing_written(
    tmp_path: Path, change: dict[str, object], words: str
) -> None:
    data = copy_valid(tmp_path)
    before = tree(data)
    with pytest.raises(NpfError, match=words):
        new_indicator(data, replace(NEW, **change))
    assert tree(data) == before


def test_a_slug_already_catalogued_is_refused(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    new_indicator(data, NEW)
    (data / "indicators" / "social-isolation" / "datapackage.json").unlink()
    (data / "indicators" / "social-isolation" / "social-isolation.csv").unlink()
    (data / "indicators" / "social-isolation").rmdir()
    before = tree(data)
    with pytest.raises(NpfError, match=r"in framework/indicators\.csv already"):
        new_indicator(data, NEW)
    assert tree(data) == before


ARGS = (
    "new-indicator",
    "social-isolation",
    *("--title", "Social isolation", "--outcome", "health", "--measure", "adults"),
    *("--measure-title", "Adults who feel isolated", "--unit", "percent"),
    *("--direction", "lower is better", "--source-id", "a-survey", "--source-title", "A survey"),
    *("--source-publisher", "Someone"),
)


def test_the_command_line_does_what_the_api_does(tmp_path: Path) -> None:
    by_api = copy_valid(tmp_path / "api")
    new_indicator(by_api, NEW)
    by_cli = copy_valid(tmp_path / "cli")

    run = npf(*ARGS, "--data", str(by_cli), cwd=tmp_path)

    assert run.returncode == 0, run.stderr
    assert tree(by_cli) == tree(by_api)
    again = npf(*ARGS, "--data", str(by_cli), cwd=tmp_path)
    assert again.returncode == 1
    assert "Traceback" not in again.stderr
    assert "social-isolation exists already" in again.stderr


def test_in_a_framework_with_targets_it_sits_under_one(tmp_path: Path) -> None:
    """The fixture with targets and codes (``tests/levels.py``): without ``--target`` the
    new indicator does not validate (no-target) and nothing is written; with one of its
    outcome's targets and a code, it does."""
    from tests.levels import write_levels

    data = write_levels(tmp_path / "data")
    before = tree(data)
    with pytest.raises(NpfError) as refused:
        new_indicator(data, NEW)
    assert [p.code for p in refused.value.problems] == ["no-target"]
    assert tree(data) == before
    with pytest.raises(NpfError, match="unknown target"):
        new_indicator(data, replace(NEW, targets=("no-such-target",)))
    by_cli = write_levels(tmp_path / "cli")
    targeted = ("--target", "long-lives", "--code", "1.1.2")
    run = npf(*ARGS, *targeted, "--data", str(by_cli), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    new_indicator(data, replace(NEW, targets=("long-lives",), code="1.1.2"))
    assert tree(by_cli) == tree(data)
    assert validate_path(data).valid
    targets = (data / "framework" / "indicator-targets.csv").read_text().splitlines()
    assert targets[-1] == "social-isolation,long-lives"
    row = (data / "framework" / "indicators.csv").read_text().splitlines()[-1]
    assert row.startswith("social-isolation,1.1.2,Social isolation,")


def test_a_code_needs_a_framework_with_codes(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    with pytest.raises(NpfError, match="--code: the framework's indicators have no codes"):
        new_indicator(data, replace(NEW, code="9.9.9"))
