"""load_framework reads the fixture packages into the model.

The model of each fixture is also compared, value and type, with a golden copy under
``golden/load/``, first written by the loader that converted cells itself (before the
typed reader, ``tables.py``). After an intended change to the model, regenerate them and
review the diff:

    make golden
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from build_scripts.errors import NpfError
from build_scripts.load import load_framework
from build_scripts.model import Framework
from tests.golden_files import check_text
from tests.levels import write_levels

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE = FIXTURES / "site"
GOLDEN = Path(__file__).parent / "golden" / "load"


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework(FIXTURE)


def test_outcomes_in_order_with_their_indicators(framework: Framework) -> None:
    assert [o.slug for o in framework.outcomes] == ["poverty", "health", "children"]
    children = framework.outcomes[2]
    assert children.statement == "We grow up loved safe and respected"
    assert children.indicators == ["child-poverty", "wellbeing-of-children"]


def test_indicator_catalogue_and_package(framework: Framework) -> None:
    hle = framework.indicators["healthy-life-expectancy"]
    assert hle.title == "Healthy life expectancy"
    assert hle.description.startswith("The number of years")
    assert hle.criteria == {"method": "confidence-intervals"}
    assert hle.confirmed is True
    assert hle.next_update == "December 2021"
    assert [m.name for m in hle.measures] == ["females", "males"]
    assert hle.headline_measure is not None and hle.headline_measure.name == "females"
    assert hle.sources[0].publisher == "Scottish Government"
    assert len(hle.figures) == 17
    headline = hle.series("females")
    assert [f.period for f in headline] == ["2013-2015", "2014-2016", "2015-2017", "2016-2018"]
    last = headline[-1]
    assert last.value == 61.8 and last.lower == 61.4 and last.upper == 62.2
    assert last.period_start == date(2016, 1, 1) and last.flag == "provisional"
    assert hle.breakdown_types("females") == ["council-area", "simd"]


def test_cross_classified_figure(framework: Framework) -> None:
    hle = framework.indicators["healthy-life-expectancy"]
    crossed = [f for f in hle.figures if f.cross]
    assert len(crossed) == 1
    assert crossed[0].cross == (("sex", "Female"),)
    assert crossed[0].breakdowns == (("simd", "1"), ("sex", "Female"))
    assert crossed[0] not in hle.series("females", "simd")


def test_in_development_and_two_outcomes(framework: Framework) -> None:
    assert framework.indicators["wellbeing-of-children"].in_development
    assert framework.indicators["wellbeing-of-children"].figures == []
    assert framework.indicators["child-poverty"].outcomes == ["poverty", "children"]
    assert framework.indicators["child-poverty"].confirmed is False


def test_controlled_lists(framework: Framework) -> None:
    assert framework.purpose.startswith("To focus on")
    assert framework.units["percent"].is_percentage
    assert framework.breakdown_types["simd"].characteristic == "socio-economic"
    assert framework.breakdown_types["total"].characteristic is None
    assert framework.group_label("council-area", "S12000049") == "Glasgow City"
    assert framework.group_label("simd", "1") == "1 - most deprived"
    assert framework.group_order[("sex", "Male")] == 2
    assert framework.places["council-area"]["S12000036"].slug == "city-of-edinburgh"
    assert set(framework.characteristics) == {"sex", "socio-economic", "disability", "place"}


def test_evidence(framework: Framework) -> None:
    [dataset] = framework.evidence
    assert dataset.slug == "employment-rate-by-disability"
    assert dataset.characteristic == "disability"
    assert dataset.policy_area == "Labour Market"
    assert dataset.last_updated == "2021-03-01"
    assert len(dataset.rows) == 5
    assert dataset.rows[0]["value"] == 45.6
    assert dataset.sources[0].id == "eef-2021"


def test_hostile_text_is_kept_as_text(framework: Framework) -> None:
    bad = framework.indicators["bad-title"]
    assert bad.title == "<script>alert(1)</script> *bold* | pipe [link](x) `code`"


def test_bad_number_names_file_row_and_column(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "dp")
    csv = tmp_path / "dp" / "indicators" / "child-poverty" / "child-poverty.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",24.3,", ",twenty,")
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(NpfError) as caught:
        load_framework(tmp_path / "dp")
    [problem] = caught.value.problems
    assert problem.path.endswith("child-poverty.csv")
    assert (problem.row, problem.column) == (3, "value")


def test_missing_framework_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NpfError, match=r"datapackage\.json"):
        load_framework(tmp_path)


def test_bad_json_descriptor(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "dp")
    (tmp_path / "dp" / "framework" / "datapackage.json").write_text("{", encoding="utf-8")
    with pytest.raises(NpfError, match="not valid JSON"):
        load_framework(tmp_path / "dp")


def snapshot(node: Any) -> Any:
    """The model as JSON that keeps every type apart: ``1`` from ``1.0``, a date from its
    text, a tuple key from a string, field order and dict order."""
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        values = {f.name: snapshot(getattr(node, f.name)) for f in dataclasses.fields(node)}
        return {"@": type(node).__name__} | values
    if isinstance(node, dict):
        return {"@dict": [[snapshot(k), snapshot(v)] for k, v in node.items()]}
    if isinstance(node, tuple):
        return {"@tuple": [snapshot(v) for v in node]}
    if isinstance(node, list):
        return [snapshot(v) for v in node]
    if isinstance(node, date):
        return {"@date": node.isoformat()}
    if isinstance(node, float):
        return {"@float": repr(node)}
    assert node is None or isinstance(node, str | bool | int), type(node)
    return node


@pytest.mark.golden
@pytest.mark.parametrize("name", ["site", "packages/valid"])
def test_model_equals_its_golden_copy(name: str) -> None:
    path = GOLDEN / f"{name.rsplit('/', 1)[-1]}.json"
    got = snapshot(load_framework(FIXTURES / name))
    check_text(path, json.dumps(got, indent=1, ensure_ascii=False) + "\n")


@pytest.mark.golden
def test_the_levels_of_a_framework_with_targets_equal_their_golden_copy(tmp_path: Path) -> None:
    """Outcomes, targets and each indicator's place among them (its figures are the
    valid fixture's, in ``valid.json``), with codes: ``tests/levels.py``."""
    framework = load_framework(write_levels(tmp_path / "dp"))
    levels = {
        "outcomes": framework.outcomes,
        "targets": framework.targets,
        "indicators": {
            slug: {"code": i.code, "outcomes": i.outcomes, "targets": i.targets}
            for slug, i in framework.indicators.items()
        },
    }
    text = json.dumps(snapshot(levels), indent=1, ensure_ascii=False) + "\n"
    check_text(GOLDEN / "levels.json", text)


def test_targets_list_their_indicators_as_outcomes_do(tmp_path: Path) -> None:
    framework = load_framework(write_levels(tmp_path / "dp"))
    health = framework.outcomes[0]
    assert health.targets == ["long-lives", "active-lives"]
    assert [t.code for t in framework.targets_of(health)] == ["1.1", "1.2"]
    assert framework.targets["active-lives"].indicators == ["physical-activity", "green-space"]
    assert framework.indicators["green-space"].targets == ["active-lives", "green-places"]
    # ordered by code where indicators have one: 1.1.1, 1.2.1, 1.2.2
    assert health.indicators == ["healthy-life-expectancy", "physical-activity", "green-space"]


def test_a_framework_without_targets_has_none(framework: Framework) -> None:
    assert framework.targets == {}
    assert all(o.targets == [] and o.code == "" for o in framework.outcomes)
    assert all(i.targets == [] and i.code == "" for i in framework.indicators.values())


def _edit_csv(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new"), [(",24.3,", ",6_2,"), (",24.3,", ",２４,"), ("2016-04-01", "2016-4-1")]
)
def test_text_python_reads_but_a_csv_reader_would_not_is_refused(
    tmp_path: Path, old: str, new: str
) -> None:
    shutil.copytree(FIXTURE, tmp_path / "dp")
    csv = tmp_path / "dp" / "indicators" / "child-poverty" / "child-poverty.csv"
    header = csv.read_text(encoding="utf-8").splitlines()[0].split(",")
    line = next(
        i for i, text in enumerate(csv.read_text(encoding="utf-8").splitlines(), 1) if old in text
    )
    _edit_csv(csv, line, old, new)
    with pytest.raises(NpfError) as caught:
        load_framework(tmp_path / "dp")
    [problem] = caught.value.problems
    assert (problem.path, problem.row) == (str(csv), line)
    assert problem.column in header and repr(new.strip(",")) in problem.message


def test_types_come_from_the_contract_not_a_loosened_package_schema(tmp_path: Path) -> None:
    """A contributor's package may declare ``value`` as text; the model's figures stay
    numbers, as validation checks them."""
    shutil.copytree(FIXTURES / "packages" / "valid", tmp_path / "dp")
    package = tmp_path / "dp" / "indicators" / "healthy-life-expectancy"
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    for field in descriptor["resources"][0]["schema"]["fields"]:
        field["type"] = "string"
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    figures = load_framework(tmp_path / "dp").indicators["healthy-life-expectancy"].figures
    assert figures and all(isinstance(f.value, float) for f in figures)
    assert all(isinstance(f.period_start, date) for f in figures)


def test_package_missing_values_are_honoured(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "packages" / "valid", tmp_path / "dp")
    package = tmp_path / "dp" / "indicators" / "healthy-life-expectancy"
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["schema"]["missingValues"] = ["", "x"]
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    _edit_csv(package / "healthy-life-expectancy.csv", 2, ",60.5,61.5,", ",x,x,")
    [first, *_] = load_framework(tmp_path / "dp").indicators["healthy-life-expectancy"].figures
    assert (first.value, first.lower, first.upper) == (61.0, None, None)


def test_a_required_cell_left_empty_is_located(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "dp")
    outcomes = tmp_path / "dp" / "framework" / "outcomes.csv"
    lines = outcomes.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rsplit(",", 1)[0] + ","
    outcomes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(NpfError) as caught:
        load_framework(tmp_path / "dp")
    [problem] = caught.value.problems
    assert (problem.path, problem.row, problem.column) == (str(outcomes), 3, "order")
    assert "required" in problem.message


def test_evidence_rows_keep_their_text_and_a_number_value(framework: Framework) -> None:
    [dataset] = framework.evidence
    row = dataset.rows[0]
    assert isinstance(row["value"], float)
    assert all(isinstance(v, str) for k, v in row.items() if k != "value")
    assert (row["period_start"], row["sub_breakdown"], row["value"]) == ("2018-01-01", "", 45.6)
