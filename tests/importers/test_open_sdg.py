"""The ``open-sdg`` importer on extracts of the UK's Open SDG repository
(tests/fixtures/open-sdg, README there), every shape and every reason for leaving a row
out, and on small broken repositories made here."""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from build_scripts.cli import main
from build_scripts.config import load_project
from build_scripts.errors import NpfError
from build_scripts.importers import ImportOptions, ImportResult, import_source
from build_scripts.importers.open_sdg_meta import Translations
from build_scripts.importers.report import REASONS
from build_scripts.validate import validate_path
from tests.import_rows import unaccounted

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "open-sdg"
PROJECT = ROOT / "examples" / "uk-sdg"
TRANSLATIONS = PROJECT / "translations" / "en"


def run(source: Path, out: Path, translations: Path | None = TRANSLATIONS) -> ImportResult:
    project = load_project(PROJECT, files=False)
    options = ImportOptions(translations=translations)
    return import_source(source, out, "open-sdg", project, options)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportResult]:
    out = tmp_path_factory.mktemp("open-sdg") / "datapackages"
    return out, run(FIXTURES, out)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def figures(out: Path, slug: str) -> list[dict[str, str]]:
    return rows(out / "indicators" / slug / f"{slug}.csv")


def by(out: Path, table: str, key: str) -> dict[str, dict[str, str]]:
    return {r[key]: r for r in rows(out / "framework" / f"{table}.csv")}


def copy(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    shutil.copytree(FIXTURES, source)
    return source


# --- nothing silently dropped ----------------------------------------------------------


def test_every_row_of_every_file_is_written_or_reported(
    imported: tuple[Path, ImportResult],
) -> None:
    _, result = imported
    assert unaccounted(FIXTURES, result) == []


def test_every_open_sdg_reason_is_met_in_the_fixtures(
    imported: tuple[Path, ImportResult],
) -> None:
    _, result = imported
    met = {s.reason for s in result.report.skips}
    expected = {code for code, r in REASONS.items() if "open-sdg" in r.importers}
    # the others are met on files made in the tests below (not-read: test_open_sdg_shapes)
    assert expected - {"not-a-number", "repeated-figure", "not-an-indicator", "not-read"} <= met
    conflicting = [s for s in result.report.skips if s.reason == "conflicting-figures"]
    assert [(s.path, s.row) for s in conflicting] == [
        ("data/indicator_16-1-1.csv", 34),
        ("data/indicator_16-1-1.csv", 67),
    ]
    unreadable = {
        s.detail.split("'")[1] for s in result.report.skips if s.reason == "unreadable-period"
    }
    assert unreadable == {"1974a", "1974b"}


def test_the_packages_validate_with_the_project(imported: tuple[Path, ImportResult]) -> None:
    out, _ = imported
    report = validate_path(out, project=load_project(PROJECT, files=False))
    assert report.valid, report.format()


def test_the_same_source_gives_the_same_bytes(
    imported: tuple[Path, ImportResult], tmp_path: Path
) -> None:
    out, _ = imported
    again = tmp_path / "again"
    run(FIXTURES, again)
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        assert (again / path.relative_to(out)).read_bytes() == path.read_bytes(), path


# --- levels and names ------------------------------------------------------------------


def test_goals_targets_and_indicators_are_the_levels(imported: tuple[Path, ImportResult]) -> None:
    out, _ = imported
    goals = by(out, "outcomes", "slug")
    assert goals["1"]["name"] == "No poverty"
    assert goals["1"]["statement"] == "End poverty in all its forms everywhere"
    assert goals["1"]["code"] == "1"
    targets = by(out, "targets", "slug")
    assert targets["1-a"]["outcome"] == "1" and targets["1-a"]["code"] == "1.a"
    assert targets["16-1"]["title"].startswith("Significantly reduce all forms of violence")
    assert {"indicator": "1-a-2", "target": "1-a"} in rows(
        out / "framework" / "indicator-targets.csv"
    )
    indicators = by(out, "indicators", "slug")
    assert indicators["1-a-2"]["code"] == "1.a.2"
    # the UK's own wording where the metadata's name is a translation key
    assert indicators["1-a-2"]["title"].startswith("Spending on education services")
    # the global title where the UK gives none of its own
    assert (
        indicators["11-3-1"]["title"] == "Ratio of land consumption rate to population growth rate"
    )


def test_a_name_not_found_is_a_marked_fallback_never_invented(tmp_path: Path) -> None:
    empty = tmp_path / "translations"
    empty.mkdir()
    result = run(FIXTURES, tmp_path / "out", empty)
    targets = by(tmp_path / "out", "targets", "slug")
    assert targets["1-a"]["title"] == "Target 1.a"
    assert by(tmp_path / "out", "outcomes", "slug")["1"]["name"] == "Goal 1"
    fallbacks = "\n".join(result.summary.fallbacks)
    assert "meta/1-a-2.md: target_name 'global_targets.1-a-title'" in fallbacks
    assert "name not found" in str(result.summary)


def test_translation_keys_resolve_as_open_sdg_writes_them() -> None:
    words = Translations(TRANSLATIONS)
    assert words.text(
        "global_targets.1-2-title",
    ).startswith("By 2030, reduce at least by half")
    assert words.text(
        "global_indicators.1-2-2-title",
    ).startswith("Proportion of men")
    assert words.text("global_targets.99-9-title") is None
    assert words.goal("17") == (
        "Partnerships for the goals",
        "Strengthen the means of implementation and revitalize the Global Partnership for "
        "Sustainable Development",
    )


# --- statuses and availability ---------------------------------------------------------


def test_published_indicators_are_not_assessed_others_in_development(
    imported: tuple[Path, ImportResult],
) -> None:
    out, _ = imported
    indicators = by(out, "indicators", "slug")
    assert json.loads(indicators["1-a-2"]["criteria"])["method"] == "not-assessed"
    assert indicators["16-4-1"]["availability"] == "in development"
    assert indicators["16-4-1"]["criteria"] == "{}"
    assert indicators["17-19-2"]["availability"] == "in development"
    assert figures(out, "16-4-1") == []


# --- figures ---------------------------------------------------------------------------


def test_periods_parse_as_published(imported: tuple[Path, ImportResult]) -> None:
    out, _ = imported
    quarters = {r["period"]: r["period_start"] for r in figures(out, "8-6-1")}
    assert quarters["2002 Q1"] == "2002-01-01"
    spans = {r["period"]: (r["period_start"], r["period_end"]) for r in figures(out, "16-b-1")}
    assert spans["2007/08 to 2008/09"] == ("2007-04-01", "2009-03-31")
    baseline = {r["period"] for r in figures(out, "6-6-1")}
    assert "2001-2005 (baseline)" in baseline
    homicide = figures(out, "16-1-1")
    assert {"2011/12", "2012/13", "2013/14"} <= {r["period"] for r in homicide}
    # the two rows that disagree for one series and period: neither is written
    assert not [r for r in homicide if r["value"].startswith(("0.93464", "0.95990"))]


def test_a_period_the_project_reads_keeps_how_it_was_published(
    imported: tuple[Path, ImportResult],
) -> None:
    out, _ = imported
    land = figures(out, "11-3-1")
    assert {r["period"] for r in land} == {"2013-2016"}
    assert all("Published as 2013/16." in r["note"] for r in land)


def test_three_breakdowns_are_imported_as_they_are(imported: tuple[Path, ImportResult]) -> None:
    out, _ = imported
    crossed = [r for r in figures(out, "3-2-2") if r["breakdown_type_3"]]
    assert crossed
    first = crossed[0]
    assert (first["breakdown_type"], first["breakdown_type_2"], first["breakdown_type_3"]) == (
        "neonatal-period",
        "age",
        "country",
    )
    assert first["breakdown_group_3"] == "K04000001"


def test_places_are_codes_named_from_boundaries_or_the_data(
    imported: tuple[Path, ImportResult],
) -> None:
    out, result = imported
    land = figures(out, "11-3-1")
    kinds = Counter(r["breakdown_type"] for r in land)
    assert kinds["local-authority"] and kinds["region"] and kinds["country"]
    districts = by(out, "local-authority-places", "code")
    assert districts["E06000001"]["name"] == "Hartlepool"  # LAD16NM
    # a district the data names without a code, coded from its boundary's name
    assert "E06000023" in {r["breakdown_group"] for r in land}
    regions = by(out, "region-places", "code")
    assert regions["E12000004"]["name"] == "East Midlands"  # no boundary: the data's name
    skipped = [s for s in result.report.skips if s.reason == "no-place-code"]
    assert any("Folkestone and Hythe" in s.detail for s in skipped)
    topology = json.loads((out / "boundaries" / "local-authorities.topojson").read_text())
    ids = {g["id"] for g in topology["objects"]["places"]["geometries"]}
    assert ids == {
        "E06000001",
        "E06000002",
        "E06000023",
        "E07000026",
        "E07000223",
        "E08000001",
        "E09000001",
    }
    assert (out / "boundaries" / "local-authorities.md").is_file()


def test_the_headline_is_the_whole_place(imported: tuple[Path, ImportResult]) -> None:
    out, _ = imported
    # the United Kingdom, a group of the Country column, is the headline
    uk = [r for r in figures(out, "3-7-2") if r["breakdown_type"] == "total"]
    assert uk and not any(r["breakdown_group_2"] for r in uk)
    # Great Britain, the place 11-3-1 covers, is its headline, and says so
    gb = [r for r in figures(out, "11-3-1") if r["breakdown_type"] == "total"]
    assert gb and all(r["note"].startswith("For Great Britain.") for r in gb)


def test_columns_filled_on_every_row_tell_measures_apart(
    imported: tuple[Path, ImportResult],
) -> None:
    out, _ = imported
    titles = [
        r["title"] for r in rows(out / "framework" / "measures.csv") if r["indicator"] == "8-6-1"
    ]
    assert titles and all(t.endswith(", Seasonally adjusted") for t in titles)
    used = {r["breakdown_type"] for r in figures(out, "8-6-1")}
    assert "seasonally-adjusted-or-not" not in used and "total" in used
    countries = [
        r["title"] for r in rows(out / "framework" / "measures.csv") if r["indicator"] == "2-2-2"
    ]
    assert any(t.endswith("England") for t in countries)


def test_observation_status_gives_flags_and_notes(imported: tuple[Path, ImportResult]) -> None:
    out, _ = imported
    flags = {r["flag"] for r in figures(out, "17-6-1")}
    assert "break in series" in flags


def test_metadata_goes_into_the_descriptor(imported: tuple[Path, ImportResult]) -> None:
    out, _ = imported
    descriptor = json.loads((out / "indicators" / "1-a-2" / "datapackage.json").read_text())
    fields = {m["field"]: m["text"] for m in descriptor["sdg:metadata"]}
    assert fields["reporting_status"] == "complete"
    assert "goal_meta_link" in fields
    assert all("<" not in text for text in fields.values())
    sources = {s["id"]: s for s in descriptor["sources"]}
    assert any(s.get("url", "").startswith("http") for s in sources.values())


# --- shapes made here: spellings, comments, broken files ------------------------------


def write(source: Path, name: str, text: str) -> None:
    path = source / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


META = (
    "---\nindicator_name: Made-up indicator\ntarget_name: Made-up target\n"
    "reporting_status: complete\n---\n"
)


def test_a_breakdown_spelled_two_ways_is_one_type_and_comments_are_notes(tmp_path: Path) -> None:
    source = tmp_path / "repo"
    write(
        source,
        "data/indicator_1-1-1.csv",
        "Year,Ethnic Group,COMMENT_OBS,Value\n2019,,,1\n2019,Mixed,Estimate,2\n",
    )
    write(source, "data/indicator_1-1-2.csv", "Year,Ethnic group,Value\n2019,,3\n2019,Mixed,4\n")
    write(source, "meta/1-1-1.md", META)
    write(source, "meta/1-1-2.md", META)
    run(source, tmp_path / "out")
    types = by(tmp_path / "out", "breakdown-types", "slug")
    assert types["ethnic-group"]["name"] == "Ethnic group"
    noted = [r for r in figures(tmp_path / "out", "1-1-1") if r["breakdown_group"] == "Mixed"]
    assert noted[0]["note"] == "Estimate."


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("data/indicator_1-1-1.csv", "Year,Value\n2019,1,2\n", "indicator_1-1-1.csv:2:"),
        ("data/indicator_1-1-1.csv", "Year,Figure\n2019,1\n", "indicator_1-1-1.csv:1: Value:"),
        ("meta/1-1-1.md", "---\nindicator_name: [unclosed\n---\n", "1-1-1.md:"),
    ],
)
def test_a_broken_file_is_a_located_problem_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, where: str
) -> None:
    source = tmp_path / "repo"
    write(source, "data/indicator_1-1-1.csv", "Year,Value\n2019,1\n")
    write(source, "meta/1-1-1.md", META)
    write(source, name, text)
    with pytest.raises(NpfError):
        run(source, tmp_path / "out")
    argv = ["import", "--from", "open-sdg", "--source", str(source), "--out", str(tmp_path / "o")]
    argv += ["--project", str(PROJECT), "--translations", str(TRANSLATIONS)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert where in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_every_broken_file_of_a_repository_is_reported_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A maintainer importing a whole repository fixes its broken files in one go.
    source = tmp_path / "repo"
    write(source, "data/indicator_1-1-1.csv", "Year,Value\n2019,1,2\n")
    write(source, "meta/1-1-1.md", META)
    write(source, "data/indicator_1-2-1.csv", '"Year,Numeric Disaggregation,Value",,\n2019,,\n')
    write(source, "meta/1-2-1.md", "---\nindicator_name: [unclosed\n---\n")
    write(source, "data/indicator_1-3-1.csv", "Year,Value\n2019,1\n")
    with pytest.raises(NpfError) as raised:
        run(source, tmp_path / "out")
    assert [(Path(p.path).name, p.row) for p in raised.value.problems] == [
        ("indicator_1-1-1.csv", 2),
        ("1-2-1.md", 3),
        ("indicator_1-2-1.csv", 1),
        ("indicator_1-2-1.csv", 1),
    ]
    argv = ["import", "--from", "open-sdg", "--source", str(source), "--out", str(tmp_path / "o")]
    argv += ["--project", str(PROJECT), "--translations", str(TRANSLATIONS)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "indicator_1-1-1.csv:2:" in err and "indicator_1-2-1.csv:1: Year:" in err
    assert "Traceback" not in err and not (tmp_path / "o").exists()


def test_an_empty_file_and_a_missing_meta_are_not_errors(tmp_path: Path) -> None:
    source = tmp_path / "repo"
    write(source, "data/indicator_1-1-1.csv", "")
    write(source, "data/indicator_1-1-2.csv", "Year,Value\n2019,5\n")
    result = run(source, tmp_path / "out")
    indicators = by(tmp_path / "out", "indicators", "slug")
    assert indicators["1-1-1"]["availability"] == "in development"
    assert indicators["1-1-2"]["title"] == "Indicator 1.1.2"  # marked, and reported
    assert any("1-1-2" in f for f in result.summary.fallbacks)


def test_a_file_named_as_no_indicator_is_reported_not_imported(tmp_path: Path) -> None:
    source = tmp_path / "repo"
    write(source, "data/indicator_1-1-1.csv", "Year,Value\n2019,1\n")
    write(source, "data/indicator_1-a-1-archived.csv", "Year,Value\n2018,7\n2019,8\n")
    write(source, "meta/1-a-1-archived.md", META)
    write(source, "meta/#metadata_template.txt", "not metadata")
    result = run(source, tmp_path / "out")
    assert [(s.reason, s.path, s.row) for s in result.report.skips] == [
        ("not-an-indicator", "data/indicator_1-a-1-archived.csv", 2),
        ("not-an-indicator", "data/indicator_1-a-1-archived.csv", 3),
    ]
    assert "meta/1-a-1-archived.md" in str(result.summary)
    assert set(by(tmp_path / "out", "indicators", "slug")) == {"1-1-1"}


def test_a_number_that_is_not_one_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "repo"
    write(source, "data/indicator_1-1-1.csv", "Year,Value\n2019,5\n2020,n/a\n2021,5\n2021,5\n")
    result = run(source, tmp_path / "out")
    assert [(s.reason, s.row) for s in result.report.skips] == [
        ("not-a-number", 3),
        ("repeated-figure", 5),
    ]
