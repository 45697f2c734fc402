"""`npf import` of the framework and the indicator packages, on extracts of the real
source files (tests/fixtures/source-data)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from build_scripts.cli import main
from build_scripts.errors import NpfError
from build_scripts.importers import run_import
from build_scripts.importers.catalogue import load_catalogue, normalise_title
from build_scripts.importers.councils import name_key, read_councils
from build_scripts.load import read_catalogue

FIXTURES = Path(__file__).parent.parent / "fixtures" / "source-data"
DATABASE = Path("npf-database-2020") / "npf-database.csv"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("import") / "datapackages"
    run_import(FIXTURES, out)
    return out


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def figures(out: Path, slug: str) -> list[dict[str, str]]:
    return rows(out / "indicators" / slug / f"{slug}.csv")


def headline(out: Path, slug: str, measure: str) -> dict[str, str]:
    found = [
        r["period"] + "=" + r["value"]
        for r in figures(out, slug)
        if r["measure"] == measure and r["breakdown_type"] == "total"
    ]
    return dict(item.split("=") for item in found)


def copy_source(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    shutil.copytree(FIXTURES, source)
    return source


def edit_database(source: Path, change: dict[str, str], where: dict[str, str]) -> None:
    path = source / DATABASE
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, data = reader.fieldnames, list(reader)
    for row in data:
        if all(row[k] == v for k, v in where.items()):
            row.update(change)
    assert fields is not None
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)


# --- the framework -----------------------------------------------------------------


def test_framework_has_every_outcome_and_indicator(imported: Path) -> None:
    fw = imported / "framework"
    assert len(rows(fw / "outcomes.csv")) == 11
    indicators = rows(fw / "indicators.csv")
    assert len(indicators) == 81
    assert len(rows(fw / "indicator-outcomes.csv")) == 83
    descriptor = json.loads((fw / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["npf:purpose"].startswith("To focus on creating")
    assert all(o["statement"].startswith("We ") for o in rows(fw / "outcomes.csv"))


def test_unconfirmed_placement_is_carried_as_false(imported: Path) -> None:
    by_slug = {r["slug"]: r for r in rows(imported / "framework" / "indicators.csv")}
    assert by_slug["international-networks"]["confirmed"] == "false"
    assert by_slug["international-networks"]["availability"] == "in development"
    assert by_slug["pay-gap"]["confirmed"] == "true"


def test_active_travel_sits_under_health_not_transport(imported: Path) -> None:
    placements = rows(imported / "framework" / "indicator-outcomes.csv")
    outcomes = [p["outcome"] for p in placements if p["indicator"] == "journeys-by-active-travel"]
    assert outcomes == ["health"]
    assert len([p for p in placements if p["indicator"] == "community-ownership"]) == 2


def test_council_areas_use_current_codes_and_every_spelling(imported: Path) -> None:
    fw = imported / "framework"
    areas = {r["name"]: r["code"] for r in rows(fw / "council-areas.csv")}
    assert len(areas) == 32
    assert areas["Fife"] == "S12000047" and areas["Glasgow City"] == "S12000049"
    names = {r["name"]: r["code"] for r in rows(fw / "council-area-names.csv")}
    assert names["Edinburgh, City of"] == names["City of Edinburgh"] == "S12000036"
    assert names["Na-h Eileanan Siar"] == "S12000013"
    assert names["Argyll & Bute"] == "S12000035"


def test_name_key_matches_spellings() -> None:
    assert name_key("Aberdeen city") == name_key("Aberdeen City") != name_key("Aberdeenshire")
    assert name_key("Na h-Eileanan an Iar") == name_key("Na-h Eileanan Siar")
    assert len(read_councils(FIXTURES).areas) == 32


def test_criteria_published_and_defaults(imported: Path) -> None:
    by_slug = {r["slug"]: r for r in rows(imported / "framework" / "indicators.csv")}
    crit = {k: json.loads(v["criteria"]) for k, v in by_slug.items()}
    assert crit["relative-poverty-after-housing-costs"] == {
        "method": "consecutive",
        "n": 3,
        "threshold": 1,
    }
    assert crit["economic-growth"] == {"method": "latest-value", "threshold": 0.1}
    assert crit["pay-gap"]["method"] == "last-two"
    assert crit["trust-in-public-organisations"] == {}


# --- the database's quirks ------------------------------------------------------------


def test_total_rows_repeated_per_breakdown_become_one_headline(imported: Path) -> None:
    data = figures(imported, "journeys-by-active-travel")
    walking = [r for r in data if r["measure"] == "walking" and r["breakdown_type"] == "total"]
    assert [r["value"] for r in walking] == ["47.6"]


def test_disagreeing_total_repeats_fail_loudly(tmp_path: Path) -> None:
    source = copy_source(tmp_path)
    edit_database(
        source,
        {"Figure": "99.9"},
        {
            "Indicator": "Journeys by active travel: walking",
            "Measure": "Gender",
            "Breakdown": "Total",
        },
    )
    with pytest.raises(NpfError, match=r"npf-database.csv:\d+: Figure: .*disagree"):
        run_import(source, tmp_path / "out")


def test_split_names_become_measures_of_one_indicator(imported: Path) -> None:
    assert {r["measure"] for r in figures(imported, "educational-attainment")} == {
        "primary-literacy",
        "s3-literacy",
        "primary-numeracy",
        "s3-numeracy",
        "leavers-scqf-4",
        "leavers-scqf-5",
        "leavers-scqf-6",
    }
    assert {r["measure"] for r in figures(imported, "healthy-life-expectancy")} == {
        "females",
        "males",
    }
    assert {r["measure"] for r in figures(imported, "healthy-weight")} == {"adults", "children"}


def test_cycling_rows_with_the_walking_title_stay_cycling(imported: Path) -> None:
    data = figures(imported, "journeys-by-active-travel")
    cycling = headline(imported, "journeys-by-active-travel", "cycling")
    assert cycling == {"2019": "1.7"}
    assert all(float(r["value"]) < 10 for r in data if r["measure"] == "cycling")


def test_two_graph_titles_are_two_measures(imported: Path) -> None:
    measures = {r["measure"] for r in figures(imported, "number-of-businesses")}
    assert measures == {"per-10000-adults", "total"}


def test_trivial_title_variants_are_one_title() -> None:
    assert normalise_title("The share “very satisfied”.") == normalise_title(
        'The  share "very satisfied"'
    )


def test_two_spellings_are_one_indicator(imported: Path) -> None:
    data = figures(imported, "satisfaction-with-housing")
    assert {r["breakdown_type"] for r in data} == {"total", "urban-rural"}


def test_rows_without_indicator_are_left_out(imported: Path) -> None:
    # Rows 7937-7941 of the database have no Indicator and repeat the 2019 SIMD figures
    # of young people's participation exactly: incomplete rows are never guessed at.
    data = figures(imported, "young-peoples-participation")
    simd = {r["period"] for r in data if r["breakdown_type"] == "simd"}
    assert "2020" not in simd
    assert "2019" in simd


def test_headline_from_a_named_group_when_there_is_no_total(imported: Path) -> None:
    assert "2003" in headline(imported, "healthy-weight", "adults")
    assert headline(imported, "childrens-voices", "views-taken-into-account") == {"2017": "53.4"}
    responses = {r["breakdown_type"] for r in figures(imported, "childrens-voices")}
    assert responses == {"total", "response"}
    population = figures(imported, "scotlands-population")
    assert {r["measure"] for r in population} == {
        "council-areas-population-decline",
        "council-areas-population-growth",
        "council-areas-population-maintaining",
    }


def test_council_names_become_codes_and_scotland_the_headline(imported: Path) -> None:
    data = figures(imported, "access-to-green-and-blue-space")
    councils = {r["breakdown_group"] for r in data if r["breakdown_type"] == "council-area"}
    assert councils == {"S12000033", "S12000036"}
    assert headline(imported, "access-to-green-and-blue-space", "within-5-minutes-walk") == {
        "2018": "65.3",
        "2019": "65.6",
    }


def test_rows_without_figure_are_dropped(imported: Path) -> None:
    assert figures(imported, "access-to-superfast-broadband") == []


def test_impossible_figure_is_left_out(imported: Path) -> None:
    data = figures(imported, "influence-over-local-decisions")
    assert all(float(r["value"]) <= 100 for r in data)


def test_two_interval_series_are_two_measures(imported: Path) -> None:
    data = figures(imported, "healthy-start")
    three = [r for r in data if r["measure"] == "perinatal-mortality-rate-3-year"]
    assert {(r["period"], r["period_start"], r["period_end"]) for r in three} == {
        ("2015-17", "2015-01-01", "2017-12-31"),
        ("2016-18", "2016-01-01", "2018-12-31"),
    }


def test_unreadable_period_names_file_row_and_column(tmp_path: Path) -> None:
    source = copy_source(tmp_path)
    edit_database(source, {"DateCode": "sometime"}, {"Indicator": "Economic growth"})
    with pytest.raises(NpfError, match=r"npf-database.csv:\d+: DateCode: cannot read"):
        run_import(source, tmp_path / "out")


def test_unknown_indicator_name_fails(tmp_path: Path) -> None:
    source = copy_source(tmp_path)
    edit_database(source, {"Indicator": "Something new"}, {"Indicator": "Economic growth"})
    with pytest.raises(NpfError, match="Something new"):
        run_import(source, tmp_path / "out")


# --- Wellbeing Economy Monitor ----------------------------------------------------------


def test_the_newer_release_replaces_the_database_with_revisions_flagged(imported: Path) -> None:
    # One release per comparison: 2020 (3.0) is compared with the monitor's own 2019
    # (7.2), not with the database's 7.1, which is named in the revised figure's note.
    data = figures(imported, "pay-gap")
    by_period = {r["period"]: r for r in data if r["breakdown_type"] == "total"}
    assert by_period["2020"]["value"] == "3"
    assert by_period["2020"]["source"] == "wem-genderpaygap-sco"
    assert by_period["2019"]["value"] == "7.2"
    assert by_period["2019"]["source"] == "wem-genderpaygap-sco"
    assert by_period["2019"]["flag"] == "revised"
    assert "gave 7.1" in by_period["2019"]["note"]
    assert {r["source"] for r in by_period.values()} == {"wem-genderpaygap-sco"}
    poverty = headline(
        imported, "relative-poverty-after-housing-costs", "people-in-relative-poverty"
    )
    assert poverty["2017-20"] == "19"


def test_wem_mapping_that_does_not_match_fails(tmp_path: Path) -> None:
    source = copy_source(tmp_path)
    path = source / "wellbeing-economy-monitor" / "scotland" / "genderpaygap_sco.csv"
    path.write_text("Year,Value\n2017,1\n2018,2\n2019,3\n", encoding="utf-8")
    with pytest.raises(NpfError, match="does not match pay-gap"):
        run_import(source, tmp_path / "out")


# --- packages, determinism, all or nothing ---------------------------------------------


def test_package_sources_name_the_file_and_the_producer(imported: Path) -> None:
    descriptor = json.loads(
        (imported / "indicators" / "pay-gap" / "datapackage.json").read_text(encoding="utf-8")
    )
    titles = [s["title"] for s in descriptor["sources"]]
    assert "Annual Survey of Hours and Earnings" in titles
    paths = [s.get("path") for s in descriptor["sources"]]
    assert "wellbeing-economy-monitor/scotland/genderpaygap_sco.csv" in paths
    for source in descriptor["sources"]:
        if source.get("path"):  # a release the rows cite: its date and its link
            assert source["published"] and source["url"].startswith("https://")
    # "Last updated" is the newest release of the figures shown, not the database's date;
    # it is kept in the catalogue, the one home of an indicator's metadata.
    assert read_catalogue(imported)["pay-gap"].last_updated == "2022-03"
    assert "npf:last_updated" not in descriptor
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"


def test_in_development_package_has_header_only_csv(imported: Path) -> None:
    path = imported / "indicators" / "work-related-ill-health" / "work-related-ill-health.csv"
    assert path.read_text(encoding="utf-8").count("\n") == 1


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_import_twice_gives_identical_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "datapackages"
    assert main(["import", "--source", str(FIXTURES), "--out", str(out)]) == 0
    first = tree(out)
    assert main(["import", "--source", str(FIXTURES), "--out", str(out)]) == 0
    assert tree(out) == first
    assert "81 indicators" in capsys.readouterr().out


def test_failed_import_leaves_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "datapackages"
    run_import(FIXTURES, out)
    before = tree(out)
    source = copy_source(tmp_path)
    edit_database(source, {"Figure": "many"}, {"Indicator": "Economic growth"})
    with pytest.raises(NpfError, match="Figure"):
        run_import(source, out)
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_import_replaces_only_what_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``npf import --out`` never replaces the source, a folder holding it, or a folder
    of other files; the refusal comes before anything is read (issue 8)."""
    source = copy_source(tmp_path)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "thesis.txt").write_text("years of work", encoding="utf-8")
    before = tree(tmp_path)
    for out in (source, tmp_path, source / "sub", notes):
        assert main(["import", "--source", str(source), "--out", str(out)]) == 1
        err = capsys.readouterr().err
        assert "nothing was changed" in err and "Traceback" not in err
    assert tree(tmp_path) == before
    out = tmp_path / "datapackages"
    assert main(["import", "--source", str(source), "--out", str(out)]) == 0
    assert main(["import", "--source", str(source), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "boundaries",
        "equality-evidence",
        "framework",
        "indicators",
    ]


def test_catalogue_loads_and_covers_the_framework() -> None:
    catalogue = load_catalogue()
    assert len(catalogue.indicators) == 81
    assert len(catalogue.outcomes) == 11


def test_outcome_statement_with_unquoted_commas_is_read_whole(imported: Path) -> None:
    """outcomes.csv leaves the Children and Young People statement unquoted."""
    statements = {o["slug"]: o["statement"] for o in rows(imported / "framework" / "outcomes.csv")}
    assert statements["children-and-young-people"] == (
        "We grow up loved, safe and respected so that we realise our full potential"
    )
