"""load_framework reads the fixture packages into the model."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from build_scripts.errors import NpfError
from build_scripts.load import load_framework
from build_scripts.model import Framework

FIXTURE = Path(__file__).parent / "fixtures" / "site"


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
    crossed = [f for f in hle.figures if f.breakdown_type_2]
    assert len(crossed) == 1
    assert (crossed[0].breakdown_type_2, crossed[0].breakdown_group_2) == ("sex", "Female")
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
    assert framework.council_areas["S12000036"].slug == "city-of-edinburgh"
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
