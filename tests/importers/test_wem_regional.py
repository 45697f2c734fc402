"""Council-area figures from the Wellbeing Economy Monitor's ``regional/`` files, on
extracts of the real files (tests/fixtures/source-data) and, for the shapes the real
files do not use (wide tables, "%" values), small made-up files in a temporary folder."""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from build_scripts.errors import NpfError
from build_scripts.importers import ImportSummary, run_import
from build_scripts.importers.catalogue import check_catalogue, load_catalogue
from build_scripts.importers.councils import read_councils
from build_scripts.importers.wem_regional import SCOTLAND, read_regional

FIXTURES = Path(__file__).parent.parent / "fixtures" / "source-data"
REGIONAL = Path("wellbeing-economy-monitor") / "regional"

# GSS codes of the councils in the extracts
ABERDEEN, ANGUS, ARGYLL, EDINBURGH, GLASGOW, WESTERN_ISLES = (
    "S12000033",
    "S12000041",
    "S12000035",
    "S12000036",
    "S12000049",
    "S12000013",
)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportSummary]:
    out = tmp_path_factory.mktemp("import") / "datapackages"
    summary = run_import(FIXTURES, out)
    return out, summary


def councils_of(out: Path, slug: str) -> dict[tuple[str, str], dict[str, str]]:
    path = out / "indicators" / slug / f"{slug}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return {
            (r["breakdown_group"], r["period"]): r
            for r in csv.DictReader(f)
            if r["breakdown_type"] == "council-area"
        }


def copy_source(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    shutil.copytree(FIXTURES, source)
    return source


def test_council_rows_added_with_their_own_source(
    imported: tuple[Path, ImportSummary],
) -> None:
    out, _ = imported
    pay = councils_of(out, "pay-gap")
    assert pay[(ABERDEEN, "2019")]["value"] == "12.8"
    assert pay[(ABERDEEN, "2019")]["source"] == "wem-gpaygap-reg"
    # "City of Edinburgh" and "Na h-Eileanan Siar" are spellings of known councils
    assert pay[(EDINBURGH, "2018")]["value"] == "9.7"
    assert pay[(WESTERN_ISLES, "2018")]["value"] == "-2.7"
    # the Scotland row is a check, never a council row
    assert all(group.startswith("S12") for group, _ in pay)
    assert len(pay) == 6


def test_package_sources_list_the_regional_file(imported: tuple[Path, ImportSummary]) -> None:
    out, _ = imported
    path = out / "indicators" / "pay-gap" / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    by_id = {s["id"]: s for s in descriptor["sources"]}
    assert by_id["wem-gpaygap-reg"]["path"] == "wellbeing-economy-monitor/regional/gpaygap_reg.csv"
    sources = (out / "framework" / "sources.csv").read_text(encoding="utf-8")
    assert "wem-hhwaste-reg" in sources


def test_unnamed_scotland_row_of_the_living_wage_file(
    imported: tuple[Path, ImportSummary],
) -> None:
    out, _ = imported
    wage = councils_of(out, "employees-on-the-living-wage")
    assert wage[(GLASGOW, "2020")]["value"] == "11.1"
    assert wage[(EDINBURGH, "2019")]["source"] == "wem-lwage-reg"
    assert {g for g, _ in wage} == {ABERDEEN, EDINBURGH, GLASGOW}


def test_disagreement_publishes_the_newer_release_flagged_revised(
    imported: tuple[Path, ImportSummary],
) -> None:
    out, summary = imported
    business = councils_of(out, "number-of-businesses")
    assert business[(ABERDEEN, "2019")]["value"] == "498"  # the database had 499
    assert business[(ABERDEEN, "2019")]["source"] == "wem-nbusiness-reg"
    assert business[(ABERDEEN, "2019")]["flag"] == "revised"
    assert business[(ABERDEEN, "2020")]["value"] == "494"
    assert business[(ANGUS, "2020")]["source"] == "wem-nbusiness-reg"
    assert (
        "regional/nbusiness_reg.csv S12000033 2019: WEM 498, NPF database 499 "
        "(the WEM's published, flagged revised)"
    ) in summary.notes


def test_tonnes_become_million_tonnes(imported: tuple[Path, ImportSummary]) -> None:
    out, summary = imported
    waste = councils_of(out, "waste-generated")
    assert waste[(ABERDEEN, "2020")]["value"] == "0.095919"  # 95919 tonnes
    assert waste[(ARGYLL, "2020")]["unit"] == "tonnes-million"
    # The database's 0.54 for Argyll and Bute 2016 (more than Glasgow) was a slip: the
    # monitor's 53,689 tonnes is published, flagged revised, with the slip in its note.
    assert waste[(ARGYLL, "2016")]["value"] == "0.053689"
    assert waste[(ARGYLL, "2016")]["flag"] == "revised"
    assert "gave 0.54" in waste[(ARGYLL, "2016")]["note"]
    assert any("hhwaste_reg.csv S12000035 2016: WEM 0.053689" in n for n in summary.notes)


def test_wide_file_with_percentages_and_spaced_headers(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(
        'NAME ,2017 ,"2018"\n'
        "Scotland,31%,32%\n"
        "Edinburgh City,40%, \n"
        "Na h-Eileanan an Iar ,NA,12.5%\n",
        encoding="utf-8",
    )
    found = {(f.code, f.year): f.value for f in read_regional(path, read_councils(FIXTURES))}
    assert found == {
        (SCOTLAND, "2017"): 31.0,
        (SCOTLAND, "2018"): 32.0,
        (EDINBURGH, "2017"): 40.0,
        (WESTERN_ISLES, "2018"): 12.5,
    }


def test_unknown_council_name_names_file_row_and_column(tmp_path: Path) -> None:
    source = copy_source(tmp_path)
    path = source / REGIONAL / "nbusiness_reg.csv"
    path.write_text(path.read_text(encoding="utf-8") + "Atlantis,2020,12\n", encoding="utf-8")
    with pytest.raises(NpfError) as caught:
        run_import(source, tmp_path / "out")
    message = str(caught.value)
    assert "nbusiness_reg.csv" in message and "Atlantis" in message
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (10, "NAME")


def test_two_figures_for_one_council_and_year_fail(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("NAME,Year,Value\nAngus,2019,1\nAngus,2019,1\nAngus,2019,2\n", "utf-8")
    with pytest.raises(NpfError, match="row 2 has 1"):
        read_regional(path, read_councils(FIXTURES))


def test_regional_file_that_does_not_match_fails(tmp_path: Path) -> None:
    source = copy_source(tmp_path)
    path = source / REGIONAL / "gpaygap_reg.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    # every Scotland figure 40: none agrees with the database's headline
    lines = [(r.rsplit(",", 1)[0] + ",40" if r.startswith("Scotland,") else r) for r in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(NpfError, match="does not match pay-gap"):
        run_import(source, tmp_path / "out")


def test_catalogue_rejects_council_mapping_with_three_year_periods() -> None:
    catalogue = load_catalogue()
    council = next(w for w in catalogue.wem if w.breakdown == "council-area")
    catalogue.wem = [replace(council, period="three-year-ending")]
    assert any("council-area file's period" in p for p in check_catalogue(catalogue))


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("NAME,Year,Value\nAngus,2019,1\nAngus,2020\n", 3, "2 cells, the header has 3"),
        ("NAME,Year,Value\n\nAngus,2019,1,7\n", 3, "4 cells, the header has 3"),
        ("NAME,2018,2019\nAngus,1,x\n", 2, "'x' is not a number"),
        ("NAME,Year,Value\nAngus,19,1\n", 2, "'19' is not a year"),
    ],
)
def test_a_messy_row_is_located(tmp_path: Path, text: str, line: int, says: str) -> None:
    path = tmp_path / "messy.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NpfError, match=says) as caught:
        read_regional(path, read_councils(FIXTURES))
    assert caught.value.problems[0].row == line


def test_blank_rows_are_skipped_and_lines_kept(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("NAME,Year,Value\n\n,,\n , , , \nAngus,2019,1\nAngus,2019,2\n", "utf-8")
    with pytest.raises(NpfError, match="row 5 has 1") as caught:
        read_regional(path, read_councils(FIXTURES))
    assert (caught.value.problems[0].row, caught.value.problems[0].column) == (6, "Value")
