"""The ``open-sdg`` importer on shapes of the UK's repository that the sample lacks
(tests/fixtures/open-sdg-shapes, README there), and on national indicator ids made here."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from build_scripts.config import load_project
from build_scripts.importers import ImportOptions, ImportResult, import_source
from build_scripts.validate import validate_path
from tests.import_rows import unaccounted

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "open-sdg-shapes"
PROJECT = ROOT / "examples" / "uk-sdg"
TRANSLATIONS = PROJECT / "translations" / "en"


def run(source: Path, out: Path) -> ImportResult:
    project = load_project(PROJECT, files=False)
    return import_source(source, out, "open-sdg", project, ImportOptions(translations=TRANSLATIONS))


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportResult]:
    out = tmp_path_factory.mktemp("open-sdg-shapes") / "datapackages"
    return out, run(FIXTURES, out)


def test_every_row_is_written_or_reported(imported: tuple[Path, ImportResult]) -> None:
    _, result = imported
    assert unaccounted(FIXTURES, result) == []
    assert [(s.reason, s.path, s.row) for s in result.report.skips] == [
        ("no-figure", "data/indicator_2-c-1.csv", 2),
        ("no-figure", "data/indicator_2-c-1.csv", 3),
        ("no-figure", "data/indicator_2-c-1.csv", 4),
        ("conflicting-figures", "data/indicator_3-a-1.csv", 10),
        ("conflicting-figures", "data/indicator_3-a-1.csv", 22),
    ]


def test_the_packages_validate_with_the_project(imported: tuple[Path, ImportResult]) -> None:
    out, _ = imported
    report = validate_path(out, project=load_project(PROJECT, files=False))
    assert report.valid, report.format()


def test_a_year_and_a_month_number_is_the_month(imported: tuple[Path, ImportResult]) -> None:
    out, _ = imported
    found = rows(out / "indicators" / "2-c-1" / "2-c-1.csv")
    assert [(r["period"], r["period_start"], r["period_end"], r["value"]) for r in found] == [
        ("1989 01", "1989-01-01", "1989-01-31", "0.976484123"),
        ("1989 02", "1989-02-01", "1989-02-28", "0.69517029"),
        ("1989 03", "1989-03-01", "1989-03-31", "0.704632007"),
        ("1991 09", "1991-09-01", "1991-09-30", "-0.202354255"),
    ]


def test_a_multiplier_that_is_a_number_is_named_in_the_unit(
    imported: tuple[Path, ImportResult],
) -> None:
    out, _ = imported
    units = {r["unit"]: r["label"] for r in rows(out / "framework" / "units.csv")}
    measures = {r["indicator"]: r["unit"] for r in rows(out / "framework" / "measures.csv")}
    assert units[measures["13-a-1"]] == "USD (100000)"
    found = rows(out / "indicators" / "13-a-1" / "13-a-1.csv")
    assert {(r["breakdown_type"], r["breakdown_group"], r["value"]) for r in found} == {
        ("total", "Total", "702.1999999999999"),
        ("adaptation-or-mitigation", "Mitigation", "407.25"),
        ("adaptation-or-mitigation", "Adaptation", "156.05"),
        ("adaptation-or-mitigation", "Cross-cutting", "11.56"),
        ("adaptation-or-mitigation", "Other", "127.34"),
    }


def test_a_country_by_sex_and_age_with_overlapping_quarters(
    imported: tuple[Path, ImportResult],
) -> None:
    out, _ = imported
    found = rows(out / "indicators" / "3-a-1" / "3-a-1.csv")
    pairs = {
        (
            r["period"],
            r["breakdown_type"],
            r["breakdown_group"],
            r["breakdown_type_2"],
            r["breakdown_group_2"],
            r["breakdown_type_3"],
            r["breakdown_group_3"],
        ): r["value"]
        for r in found
    }
    assert pairs[("2011-2012", "sex", "Male", "age", "18 to 24", "country", "E92000001")] == (
        "27.8857"
    )
    assert pairs[("2011-2012", "sex", "Female", "country", "E92000001", "", "")] == "17.6335"
    assert pairs[("2012-Q1", "country", "E92000001", "", "", "", "")] == "19.3157"
    assert pairs[("2012-Q1", "age", "25 to 34", "", "", "", "")] == "24.9835"
    quarter = next(r for r in found if r["period"] == "2012-Q1")
    assert (quarter["period_start"], quarter["period_end"]) == ("2012-01-01", "2012-03-31")
    # the quarters overlap the two-year periods: one measure for each length
    measures = [
        (r["measure"], r["title"])
        for r in rows(out / "framework" / "measures.csv")
        if r["indicator"] == "3-a-1"
    ]
    assert measures == [
        ("indicator-3-a-1-2-year-periods", "Indicator 3.a.1 (2-year periods)"),
        ("indicator-3-a-1-quarters", "Indicator 3.a.1 (quarters)"),
    ]
    assert {(r["period"], r["measure"]) for r in found} == {
        ("2011-2012", "indicator-3-a-1-2-year-periods"),
        ("2012-Q1", "indicator-3-a-1-quarters"),
    }
    # the two rows for the whole of 2011-2012 disagree: neither is the headline
    assert not any(r["breakdown_type"] == "total" for r in found)
    places = {r["code"]: r["name"] for r in rows(out / "framework" / "country-places.csv")}
    assert places == {"E92000001": "England", "W92000004": "Wales"}


def test_a_national_indicator_id_with_more_parts_is_an_indicator(tmp_path: Path) -> None:
    """Ids such as ``1-3-1-a`` and ``11-2-1-1`` (open-sdg/open-sdg-data-starter,
    ``data/indicator_1-3-1-a.csv``, ``data/indicator_11-2-1-1.csv``): a country's own
    indicators under a global one. The figures here are made for the test."""
    source = tmp_path / "repo"
    (source / "data").mkdir(parents=True)
    (source / "data" / "indicator_1-3-1-a.csv").write_text("Year,Value\n2019,5\n2020,6\n")
    (source / "data" / "indicator_11-2-1-1.csv").write_text("Year,Value\n2019,7\n")
    (source / "data" / "indicator_1-a-1-archived.csv").write_text("Year,Value\n2019,8\n")
    result = run(source, tmp_path / "out")
    indicators = {r["slug"]: r for r in rows(tmp_path / "out" / "framework" / "indicators.csv")}
    assert {slug: r["code"] for slug, r in indicators.items()} == {
        "1-3-1-a": "1.3.1.a",
        "11-2-1-1": "11.2.1.1",
    }
    targets = rows(tmp_path / "out" / "framework" / "indicator-targets.csv")
    assert {(r["indicator"], r["target"]) for r in targets} == {
        ("1-3-1-a", "1-3"),
        ("11-2-1-1", "11-2"),
    }
    assert [(s.reason, s.path) for s in result.report.skips] == [
        ("not-an-indicator", "data/indicator_1-a-1-archived.csv")
    ]


def test_the_older_metadata_names_in_text_after_their_numbers(
    imported: tuple[Path, ImportResult],
) -> None:
    out, result = imported
    indicators = {r["slug"]: r for r in rows(out / "framework" / "indicators.csv")}
    material = indicators["12-2-1"]
    assert material["title"] == (
        "Material footprint, material footprint per capita, and material footprint per GDP"
    )
    assert (material["availability"], material["last_updated"]) == ("in development", "2016-02-29")
    targets = {r["slug"]: r for r in rows(out / "framework" / "targets.csv")}
    assert targets["12-2"]["title"] == (
        "By 2030, achieve the sustainable management and efficient use of natural resources"
    )
    assert not any("12-2-1" in f for f in result.summary.fallbacks)


def test_data_files_in_forms_not_read_are_reported_row_by_row(tmp_path: Path) -> None:
    """Wide tables of older repositories (GSA/sdg-data-usa, ``data-wide/``: ``year`` and a
    column per series or ``Type:group``) and copies in another language (the Canadian
    ``data/fr/``) are not read: each of their rows is reported. Figures made here."""
    source = tmp_path / "repo"
    for name, text in {
        "data/indicator_1-1-1.csv": "Year,Value\n2019,1\n",
        "data/fr/indicator_1-1-1.csv": "Year,Value\n2019,1\n",
        "data-wide/indicator_1-1-2.csv": "year,all,Sex:female\n2014,4,2\n\n2015,5,3\n",
    }.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text)
    result = run(source, tmp_path / "out")
    assert [(s.reason, s.path, s.row) for s in result.report.skips] == [
        ("not-read", "data-wide/indicator_1-1-2.csv", 2),
        ("not-read", "data-wide/indicator_1-1-2.csv", 4),
        ("not-read", "data/fr/indicator_1-1-1.csv", 2),
    ]
    assert "not read (its rows reported): data-wide/indicator_1-1-2.csv" in str(result.summary)
    assert result.summary.rows_read == 4


def test_na_is_no_figure_and_other_text_not_a_number(tmp_path: Path) -> None:
    """``NA`` for a figure not available (Canada's ``data/indicator_1-2-1.csv``, in the
    repository sdg-data-canada-odd-donnees/sdg-data-donnees-odd). Figures made here."""
    source = tmp_path / "repo"
    (source / "data").mkdir(parents=True)
    text = "Year,Geography,Value\n2015,,14.5\n2015,Alberta,NA\n2016,Alberta,n/a\n2017,Alberta,\n"
    (source / "data" / "indicator_1-2-1.csv").write_text(text)
    result = run(source, tmp_path / "out")
    assert [(s.reason, s.row, s.detail) for s in result.report.skips] == [
        ("no-figure", 3, "2015: NA"),
        ("not-a-number", 4, "2016: n/a"),
        ("no-figure", 5, "2017"),
    ]
