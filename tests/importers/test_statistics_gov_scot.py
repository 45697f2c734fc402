"""The ``statistics-gov-scot`` importer on extracts of the real cubes
(tests/fixtures/source-data/wellbeing-economy-monitor/scotland) added to the data the
NPF importer makes of the fixtures: every shape (one dimension, several at once, bounds
as measurements, council areas, codes not mapped), every reason a row is left out, the
comparison with the published figures, and nothing written when anything is wrong."""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from frictionless import Package

from build_scripts.cli import main
from build_scripts.config import default_project
from build_scripts.errors import NpfError
from build_scripts.importers import ImportOptions, ImportResult, ImportSummary, import_source
from build_scripts.importers.cube_mapping import (
    CUBE_KEYS,
    DIMENSION_KEYS,
    PLACE_KEYS,
    SOURCE_KEYS,
    is_newer,
)
from build_scripts.importers.model import (
    IndicatorPackage,
    IndicatorRecord,
    MeasureRecord,
    UnitRecord,
)
from build_scripts.importers.npf import NPF_CUBES
from build_scripts.importers.overlay import agrees
from build_scripts.importers.report import REASONS, SGS
from build_scripts.importers.statistics_gov_scot import CubeSummary
from build_scripts.importers.tree import read_tree
from build_scripts.importers.writer import write_imported
from build_scripts.validate import validate_path
from tests.trees import differences

FIXTURES = Path(__file__).parent.parent / "fixtures" / "source-data"
SCOTLAND = FIXTURES / "wellbeing-economy-monitor" / "scotland"
MAPPINGS = Path(__file__).parent.parent / "fixtures" / "statistics-gov-scot"
ROOT = Path(__file__).resolve().parents[2]
POVERTY = "relative-poverty-after-housing-costs"
POPULATION = "projected-population"
LIFE = "wellbeing-economy-monitor/scotland/lifeexp_sco.csv"


@pytest.fixture(scope="module")
def npf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportResult]:
    """The NPF importer's data of the fixtures (healthy life expectancy's cube in it)."""
    out = tmp_path_factory.mktemp("npf") / "datapackages"
    return out, import_source(FIXTURES, out)


@pytest.fixture(scope="module")
def base(npf: tuple[Path, ImportResult]) -> Path:
    return npf[0]


@pytest.fixture(scope="module")
def with_population(base: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data with an indicator of the tests' own, in development, for the population
    projections: a measure in people, no figures yet."""
    project = default_project()
    imported = read_tree(base, project)
    imported.units.append(UnitRecord("people", "people", "people", False))
    imported.indicators.append(
        IndicatorRecord(
            POPULATION,
            "Projected population",
            False,
            True,
            "",
            {"method": "last-two", "threshold": 1, "relative": True},
            criteria_origin="default",
            criteria_note="The tests' own.",
        )
    )
    imported.placements.append((POPULATION, imported.outcomes[0].slug))
    imported.measures.append(
        MeasureRecord(
            POPULATION,
            "principal",
            "Projected population",
            "",
            "people",
            "no preferred direction",
            True,
            0,
        )
    )
    imported.packages.append(
        IndicatorPackage(
            POPULATION, "Projected population (tests).", {"principal": "people"}, [], []
        )
    )
    out = tmp_path_factory.mktemp("population") / "datapackages"
    write_imported(imported, out, project)
    return out


def sgs(out: Path, mapping: Path, data: Path | None, source: Path = SCOTLAND) -> ImportResult:
    options = ImportOptions(mapping=mapping, data=data)
    return import_source(source, out, "statistics-gov-scot", options=options)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def figures(out: Path, slug: str) -> list[dict[str, str]]:
    return rows(out / "indicators" / slug / f"{slug}.csv")


def data_rows(path: Path) -> int:
    return len(rows(path))


def summary(result: ImportResult) -> CubeSummary:
    assert isinstance(result.summary, CubeSummary)
    return result.summary


def reasons(result: ImportResult, path: str | None = None) -> Counter[str]:
    return Counter(s.reason for s in result.report.skips if path is None or s.path == path)


def written_rows(result: ImportResult, file: str) -> int:
    """Rows of a cube written: its figures and their bounds."""
    return sum(o.added + o.replaced + o.bounds for o in summary(result).outcomes if o.file == file)


def mapping_with(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (MAPPINGS / name).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# --- one dimension a breakdown, one a filter ------------------------------------------


def test_poverty_by_population_group_after_housing_costs(base: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = sgs(out, MAPPINGS / "poverty.toml", base)
    added = [r for r in figures(out, POVERTY) if r["source"] == "sgs-poverty"]
    # the cube's 2013/14-2015/16 is the data's 2013-16: one period, one spelling
    assert {r["period"] for r in added} == {"2013-16", "2014-17", "2015-18"}
    assert {r["breakdown_group"] for r in added} == {"Children", "Working-age adults", "Pensioners"}
    children = {r["period"]: r["value"] for r in added if r["breakdown_group"] == "Children"}
    assert children == {"2013-16": "23", "2014-17": "24", "2015-18": "24"}
    assert all(r["breakdown_type"] == "age" and r["unit"] == "percent" for r in added)
    # the headline is the monitor's, a release as new as the cube's: kept, and compared
    assert reasons(result) == {
        "measurement-not-mapped": 24,
        "not-selected": 12,
        "already-published": 3,
    }
    done = summary(result)
    assert (done.agreements, len(done.disagreements)) == (2, 1)
    differ = done.disagreements[0]
    assert (differ.figure.period, differ.figure.value, differ.published.value) == (
        "2013-16",
        19,
        18,
    )
    assert differ.release == "wem-rphousingc-sco" and not differ.replaced
    assert any("'Children': named in the mapping's new_groups" in g for g in done.added_groups)
    # every row is written or reported
    file = "poverty_sco.csv"
    assert written_rows(result, file) + sum(reasons(result, file).values()) == 48
    assert data_rows(SCOTLAND / file) == 48
    # the package cites the cube, the catalogue lists it
    descriptor = json.loads((out / "indicators" / POVERTY / "datapackage.json").read_text("utf-8"))
    assert "sgs-poverty" in [s["id"] for s in descriptor["sources"]]
    assert "sgs-poverty" in {r["id"] for r in rows(out / "framework" / "sources.csv")}
    groups = rows(out / "framework" / "breakdown-groups.csv")
    assert ("age", "Pensioners") in {(g["breakdown_type"], g["group"]) for g in groups}


def test_a_newer_release_replaces_the_published_figures_and_flags_revisions(
    base: Path, tmp_path: Path
) -> None:
    mapping = mapping_with(
        tmp_path, "poverty.toml", 'published = "2022-03"', 'published = "2030-01"'
    )
    out = tmp_path / "out"
    result = sgs(out, mapping, base)
    total = {r["period"]: r for r in figures(out, POVERTY) if r["breakdown_type"] == "total"}
    assert total["2013-16"]["value"] == "19" and total["2013-16"]["flag"] == "revised"
    assert "gave 18" in total["2013-16"]["note"] and "(2030-01)" in total["2013-16"]["note"]
    assert total["2014-17"]["source"] == "sgs-poverty" and total["2014-17"]["flag"] == ""
    assert total["2016-19"]["source"] == "wem-rphousingc-sco"  # not in the cube: kept
    replaced = [s for s in result.report.skips if s.reason == "replaced-by-newer-release"]
    assert len(replaced) == 3
    assert all(s.path == f"indicators/{POVERTY}/{POVERTY}.csv" and s.row for s in replaced)
    catalogue = {r["slug"]: r for r in rows(out / "framework" / "indicators.csv")}
    assert catalogue[POVERTY]["last_updated"] == "2030-01"
    outcome = summary(result).outcomes[0]
    assert (outcome.added, outcome.replaced, outcome.revised, outcome.kept) == (9, 3, 1, 0)


def test_the_published_series_running_past_the_cube_is_noted(base: Path, tmp_path: Path) -> None:
    result = sgs(tmp_path / "out", MAPPINGS / "poverty.toml", base)
    assert summary(result).outcomes[0].older  # the cube ends 2017/18, the data 2017-20
    assert "is it an older release?" in str(result.summary)


# --- several dimensions at once ---------------------------------------------------------


def test_age_and_sex_at_once_are_a_cross_classified_figure(
    with_population: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = sgs(out, MAPPINGS / "population.toml", with_population)
    got = figures(out, POPULATION)
    assert len(got) == 24
    crossed = [r for r in got if r["breakdown_type_2"]]
    assert len(crossed) == 12
    girls = next(
        r
        for r in crossed
        if r["period"] == "2018"
        and r["breakdown_group"] == "Children (under 16 years)"
        and r["breakdown_group_2"] == "Female"
    )
    assert (girls["breakdown_type"], girls["breakdown_type_2"]) == ("age", "sex")
    source = {
        (r["DateCode"], r["Age"], r["Sex"], r["Population Projection Variant"]): r["Value"]
        for r in rows(SCOTLAND / "population_age_sco.csv")
    }
    assert (
        girls["value"]
        == source[("2018", "Children (under 16 years)", "Female", "Principal Projection")]
    )
    headline = [r for r in got if r["breakdown_type"] == "total"]
    assert [r["period"] for r in headline] == ["2018", "2043"]
    assert reasons(result) == {"not-selected": 1}
    catalogue = {r["slug"]: r for r in rows(out / "framework" / "indicators.csv")}
    assert catalogue[POPULATION]["availability"] == "published"
    assert catalogue[POPULATION]["last_updated"] == "2022-03"


# --- bounds as measurements, council areas, codes not mapped (the NPF's own mapping) ---


def test_healthy_life_expectancy_bounds_councils_and_codes_left_out(
    npf: tuple[Path, ImportResult],
) -> None:
    out, result = npf
    got = [r for r in figures(out, "healthy-life-expectancy") if r["source"] == "wem-lifeexp-sco"]
    councils = [r for r in got if r["breakdown_type"] == "council-area"]
    assert {r["breakdown_group"] for r in councils} == {"S12000033", "S12000034"}
    assert all(float(r["lower"]) < float(r["value"]) < float(r["upper"]) for r in got)
    headline = {
        (r["measure"], r["period"]): r["value"] for r in got if r["breakdown_type"] == "total"
    }
    # the database's 2016-18 (62.2) replaced by the cube's 62.21, and 2015-17 added
    assert headline[("females", "2016-18")] == "62.21"
    # a period the data does not have keeps the cube's spelling
    assert headline[("females", "2015-2017")] == "62.64"
    left = reasons(result, LIFE)
    assert left["place-not-mapped"] == 1  # the health board
    assert left["not-selected"] == 1  # healthy life expectancy at 5 to 9
    # the fixture's lists spell the urban-rural classes in lower case
    assert left["group-not-listed"] == 36
    assert isinstance(result.summary, ImportSummary) and result.summary.cubes is not None
    outcome = result.summary.cubes.outcomes[0]
    assert outcome.added + outcome.replaced + outcome.bounds + sum(left.values()) == data_rows(
        FIXTURES / LIFE
    )
    council_groups = {
        r["group"]: r["label"]
        for r in rows(out / "framework" / "breakdown-groups.csv")
        if r["breakdown_type"] == "council-area"
    }
    assert council_groups["S12000034"] == "Aberdeenshire"


def test_the_same_cube_again_changes_nothing(base: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = sgs(out, NPF_CUBES, base, source=FIXTURES)
    assert differences(base, out) == []
    outcome = summary(result).outcomes[0]
    assert outcome.kept == outcome.figures and outcome.added == outcome.replaced == 0
    assert summary(result).agreements == outcome.figures


# --- every reason, on a cube of the tests' own -----------------------------------------

HEADER = "FeatureCode,DateCode,Measurement,Units,Value,Age,Sex,Variant"
SYNTHETIC = """\
S92000003,2018,Count,People,100,All,All,Principal
S12000033,2018,Count,People,10,Children,Female,Principal
S12000033,2018,Lower,People,9,Children,Female,Principal
S12000033,2018,Upper,People,11,Children,Female,Principal
S08000015,2018,Count,People,5,All,All,Principal
S12000015,2018,Count,People,5,All,All,Principal
S92000003,2018,Ratio,Percent,5,All,All,Principal
S92000003,2018,Count,Persons,5,All,All,Principal
S92000003,2018,Count,People,5,All,All,High
S92000003,2018,Count,People,5,Unknown,All,Principal
S92000003,2019,Count,People,,All,All,Principal
S92000003,2020,Count,People,*,All,All,Principal
S92000003,2018,Count,People,100,All,All,Principal
S92000003,2019,Lower,People,4,All,All,Principal
"""
MAPPING = """\
[places]
headline = "S92000003"

[[cube]]
file = "cube.csv"
indicator = "projected-population"
measure = "principal"
value = "Count"
lower = "Lower"
upper = "Upper"
units = { People = "people" }

[cube.source]
id = "tests-cube"
title = "A cube of the tests' own"
publisher = "Tests"
published = "2030-01"

[[cube.dimension]]
column = "Age"
breakdown = "age"
total = "All"
new_groups = ["Children"]

[[cube.dimension]]
column = "Sex"
breakdown = "sex"
total = "All"

[[cube.dimension]]
column = "Variant"
keep = ["Principal"]
"""


def synthetic(tmp_path: Path, body: str = SYNTHETIC, mapping: str = MAPPING) -> Path:
    source = tmp_path / "source"
    source.mkdir(exist_ok=True)
    (source / "cube.csv").write_text(f"{HEADER}\n{body}", encoding="utf-8")
    (source / "statistics-gov-scot.toml").write_text(mapping, encoding="utf-8")
    return source


def test_every_row_of_a_cube_is_written_or_reported_with_its_reason(
    with_population: Path, tmp_path: Path
) -> None:
    source = synthetic(tmp_path)
    out = tmp_path / "out"
    result = import_source(
        source, out, "statistics-gov-scot", options=ImportOptions(data=with_population)
    )
    assert reasons(result) == {
        "place-not-mapped": 2,
        "measurement-not-mapped": 1,
        "unit-not-mapped": 1,
        "not-selected": 1,
        "group-not-listed": 1,
        "no-figure": 1,
        "not-a-number": 1,
        "repeated-figure": 1,
        "bound-without-figure": 1,
    }
    by_row = {s.row: s for s in result.report.skips}
    assert "'S12000015' has the form of Council areas" in by_row[7].detail
    assert by_row[7].column == "FeatureCode" and by_row[6].column == "FeatureCode"
    assert "repeats row 2" in by_row[14].detail
    assert written_rows(result, "cube.csv") + len(result.report.skips) == 14
    # a place, an age and a sex at once: three breakdowns, as the contract holds any number
    three = next(r for r in figures(out, POPULATION) if r.get("breakdown_type_3"))
    assert [three[f"breakdown_type{n}"] for n in ("", "_2", "_3")] == ["age", "sex", "council-area"]
    assert (three["value"], three["lower"], three["upper"]) == ("10", "9", "11")
    assert validate_path(out / "indicators" / POPULATION).valid


def test_a_second_run_reports_every_figure_already_published(
    with_population: Path, tmp_path: Path
) -> None:
    source = synthetic(tmp_path)
    first = tmp_path / "first"
    import_source(source, first, "statistics-gov-scot", options=ImportOptions(data=with_population))
    again = tmp_path / "again"
    result = import_source(source, again, "statistics-gov-scot", options=ImportOptions(data=first))
    assert differences(first, again) == []
    published = [s for s in result.report.skips if s.reason == "already-published"]
    assert {s.row for s in published} == {2, 3, 4, 5}  # the figures and their bounds
    assert all("agrees with" in s.detail for s in published)


def test_every_reason_of_the_importer_is_met_by_these_tests() -> None:
    met = {
        "no-figure",
        "not-a-number",
        "repeated-figure",
        "place-not-mapped",
        "measurement-not-mapped",
        "unit-not-mapped",
        "not-selected",
        "group-not-listed",
        "bound-without-figure",
        "already-published",
        "replaced-by-newer-release",
    }
    assert {code for code, r in REASONS.items() if SGS in r.importers} == met


# --- problems stop the import, and nothing is written -----------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "S92000003,2018,Count,People,100,All,All,Principal\n"
            "S92000003,2018,Count,People,101,All,All,Principal\n",
            r"cube.csv:3: Value: 101 for principal 2018 \(the headline\), which row 2 gives as 100",
        ),
        (
            "S92000003,last year,Count,People,100,All,All,Principal\n",
            r"cube.csv:2: DateCode: cannot read the period 'last year'",
        ),
        (
            "S92000003,2018,Count,People,100,All,All,Principal\n"
            "S92000003,2018,Lower,People,101,All,All,Principal\n",
            r"cube.csv:3: Value: the lower bound is above its figure \(row 2\)",
        ),
        (
            "S92000003,2018,Count,People,100,All,All\n",
            r"cube.csv:2: 7 cells, the header has 8",
        ),
    ],
)
def test_a_broken_cube_names_its_row(
    with_population: Path, tmp_path: Path, body: str, message: str
) -> None:
    source = synthetic(tmp_path, body)
    with pytest.raises(NpfError, match=message):
        import_source(
            source,
            tmp_path / "out",
            "statistics-gov-scot",
            options=ImportOptions(data=with_population),
        )
    assert not (tmp_path / "out").exists()


def test_a_file_that_is_not_a_cube_or_has_an_unmapped_column(
    with_population: Path, tmp_path: Path
) -> None:
    options = ImportOptions(data=with_population)
    source = synthetic(tmp_path)
    (source / "cube.csv").write_text("Year,Value\n2019,3\n", encoding="utf-8")
    with pytest.raises(
        NpfError, match=r"cube.csv:1: not a statistics.gov.scot cube: no FeatureCode"
    ):
        import_source(source, tmp_path / "out", "statistics-gov-scot", options=options)
    (source / "cube.csv").write_text(f"{HEADER},Region\n", encoding="utf-8")
    with pytest.raises(NpfError, match=r"cube.csv:1: Region: a dimension the mapping does not"):
        import_source(source, tmp_path / "out", "statistics-gov-scot", options=options)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'measure = "principal"',
            'measure = "principal"\ncolour = "red"',
            r"cube\[1\].colour: unknown key",
        ),
        ('indicator = "projected-population"', 'indicator = "nope"', "'nope' is not an indicator"),
        (
            'measure = "principal"',
            'measure = "nope"',
            "'nope' is not a measure of projected-population",
        ),
        ('measure = "principal"\n', "", "say the measure once"),
        ('People = "people"', 'People = "percent"', "a figure keeps its measure's unit"),
        ('People = "people"', 'People = "furlongs"', "not a unit of units.csv"),
        ('breakdown = "sex"', 'breakdown = "gender"', "'gender' is not a breakdown type"),
        ('keep = ["Principal"]', 'keep = ["Principal"]\nbreakdown = "sex"', "give it one role"),
        ('published = "2030-01"', 'published = "January 2030"', "YYYY, YYYY-MM or YYYY-MM-DD"),
        ('id = "tests-cube"', 'id = "npf-database-2020"', "already has a source of that id"),
        (
            'headline = "S92000003"',
            'headline = "S92000003"\ngeographies = ["ward"]',
            "'ward' is not a",
        ),
        ("[places]", "[places]\n[[x]]", "x: unknown key"),
        ('lower = "Lower"', 'lower = "Count"', "different Measurements"),
        (
            '[[cube.dimension]]\ncolumn = "Variant"',
            '[[cube.dimension]]\ncolumn = "Age"',
            "one dimension table per column",
        ),
    ],
)
def test_a_mapping_that_does_not_fit_the_data_stops_the_import(
    with_population: Path, tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in MAPPING
    source = synthetic(tmp_path, mapping=MAPPING.replace(old, new, 1))
    with pytest.raises(NpfError, match=message):
        import_source(
            source,
            tmp_path / "out",
            "statistics-gov-scot",
            options=ImportOptions(data=with_population),
        )
    assert not (tmp_path / "out").exists()


def test_packages_that_would_not_validate_are_not_written(base: Path, tmp_path: Path) -> None:
    """A calendar year in a series of three financial years overlaps them: the import
    stops, naming the row as it would have been written, and the output is untouched."""
    out = tmp_path / "datapackages"
    shutil.copytree(base, out)
    source = tmp_path / "source"
    source.mkdir()
    header = "FeatureCode,DateCode,Measurement,Units,Value,Population Group,Housing Costs"
    (source / "poverty_sco.csv").write_text(
        f"{header}\nS92000003,2014,Ratio,Percentage Of People,18,All,After Housing Costs\n",
        encoding="utf-8",
    )
    with pytest.raises(NpfError, match="nothing was written") as caught:
        sgs(out, MAPPINGS / "poverty.toml", None, source=source)
    [problem] = [p for p in caught.value.problems if p.code == "overlapping-periods"][:1]
    assert problem.path.startswith(str(out)) and POVERTY in problem.path
    assert differences(base, out) == []
    assert not list(tmp_path.glob(".datapackages.new-*"))


def test_the_output_is_the_data_by_default_and_an_empty_one_is_refused(
    base: Path, tmp_path: Path
) -> None:
    out = tmp_path / "datapackages"
    shutil.copytree(base, out)
    sgs(out, MAPPINGS / "poverty.toml", None)
    assert any(r["source"] == "sgs-poverty" for r in figures(out, POVERTY))
    with pytest.raises(NpfError, match="no data tree here"):
        sgs(tmp_path / "empty", MAPPINGS / "poverty.toml", None)
    with pytest.raises(NpfError, match="no mapping file"):
        sgs(out, tmp_path / "none.toml", None)


def test_the_output_may_not_lie_inside_the_data_read(base: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(base, data)
    with pytest.raises(NpfError, match=r"lies inside the data folder \(--data\)"):
        sgs(data / "indicators" / "x", MAPPINGS / "poverty.toml", data)


# --- the command line, stock frictionless, npf validate --------------------------------


def test_the_command_gives_what_the_api_gives(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.json"
    argv = [
        "import", "--from", "statistics-gov-scot", "--source", str(SCOTLAND),
        "--mapping", str(MAPPINGS / "poverty.toml"), "--data", str(base),
        "--out", str(tmp_path / "cli"), "--report", str(report),
    ]  # fmt: skip
    assert main(argv) == 0
    printed = capsys.readouterr().out
    api = sgs(tmp_path / "api", MAPPINGS / "poverty.toml", base)
    assert differences(tmp_path / "cli", tmp_path / "api") == []
    assert json.loads(report.read_text(encoding="utf-8")) == api.report.to_dict()
    for line in summary(api).lines():
        assert line in printed
    assert "left out: 24 measurement-not-mapped" in printed


def test_an_option_of_another_importer_is_refused(base: Path, tmp_path: Path) -> None:
    options = ImportOptions(mapping=MAPPINGS / "poverty.toml")
    with pytest.raises(NpfError, match="--mapping: the npf-database importer takes no"):
        import_source(FIXTURES, tmp_path / "out", "npf-database", options=options)
    assert (
        main(
            ["import", "--source", str(FIXTURES), "--out", str(tmp_path / "o"), "--data", str(base)]
        )
        == 1
    )


def test_the_packages_written_pass_stock_frictionless_and_npf_validate(
    base: Path, with_population: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    sgs(out, MAPPINGS / "poverty.toml", base)
    crossed = tmp_path / "crossed"
    sgs(crossed, MAPPINGS / "population.toml", with_population)
    for folder in (
        out / "framework",
        out / "indicators" / POVERTY,
        crossed / "indicators" / POPULATION,
    ):
        report = Package(str(folder / "datapackage.json")).validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    # npf validate of what the import wrote (the fixtures' data has other packages that
    # are extracts, and fail alone: loneliness has no headline row in them)
    for folder in (out / "framework", out / "indicators" / POVERTY):
        assert validate_path(folder).valid, validate_path(folder).format()
    assert validate_path(crossed / "indicators" / POPULATION).valid


# --- the rules, and the docs ---------------------------------------------------------------


def test_figures_agree_at_the_precision_of_the_less_precise() -> None:
    assert agrees(62.64, 62.6) and agrees(62.25, 62.3) and agrees(62.25, 62.2)
    assert not agrees(62.26, 62.2) and not agrees(19, 18) and agrees(19, 19.4)
    assert agrees(0.053689, 0.05) and agrees(0.053689, 0.054) and not agrees(0.053689, 0.055)


def test_a_release_is_newer_only_where_the_dates_say_so() -> None:
    assert is_newer("2022-03", "2020-10-12") and not is_newer("2020-10-12", "2022-03")
    assert not is_newer("2022-03", "2022-03-15") and not is_newer("2022-03-15", "2022-03")
    assert not is_newer("2022", "") and not is_newer("", "2020")


def test_the_worked_example_of_the_docs_is_the_mapping_the_tests_run() -> None:
    text = (ROOT / "docs" / "statistics-gov-scot.md").read_text(encoding="utf-8")
    mapping = (MAPPINGS / "poverty.toml").read_text(encoding="utf-8").splitlines()
    body = "\n".join(mapping[next(i for i, line in enumerate(mapping) if line[:1] != "#") :])
    assert f"```toml\n{body}\n```" in text


def test_the_docs_name_every_key_of_the_mapping() -> None:
    text = (ROOT / "docs" / "statistics-gov-scot.md").read_text(encoding="utf-8")
    for key in (*PLACE_KEYS, *CUBE_KEYS, *SOURCE_KEYS, *DIMENSION_KEYS):
        assert f"`{key}`" in text, key
