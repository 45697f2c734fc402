"""The equality evidence importer, on a small extract of the real source file
(tests/fixtures/source-data/equality-evidence-finder-2021: 41 rows of 11 datasets chosen
for their quirks)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from frictionless import Package

from build_scripts.errors import NpfError
from build_scripts.importers.equality_evidence import import_equality_evidence
from build_scripts.importers.equality_evidence_characteristics import CHARACTERISTICS
from build_scripts.importers.equality_evidence_packages import SCHEMA_URL, slugify

FIXTURE = Path(__file__).parent.parent / "fixtures" / "source-data"
SOURCE = Path("equality-evidence-finder-2021") / "equality-evidence.csv"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("ee") / "equality-evidence"
    import_equality_evidence(FIXTURE, target)
    return target


def descriptor(out: Path, slug: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / slug / "datapackage.json").read_text("utf-8"))
    return data


def rows(out: Path, slug: str) -> list[dict[str, str]]:
    with (out / slug / f"{slug}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def copy_source(tmp_path: Path) -> Path:
    """A writable copy of the fixture source, to break on purpose."""
    root = tmp_path / "source"
    shutil.copytree(FIXTURE / SOURCE.parent, root / SOURCE.parent)
    return root


def edit_source(root: Path, tab_uid: str, **changes: str) -> None:
    """Set columns on every row of one dataset in the copied source."""
    path = root / SOURCE
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = list(reader.fieldnames or [])
        data = list(reader)
    for r in data:
        if r["tabUID"] == tab_uid:
            r.update(changes)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, header, lineterminator="\n")
        w.writeheader()
        w.writerows(data)


@pytest.mark.parametrize(
    ("uid", "slug"),
    [
        ("disability-1", "disability-1"),
        ("socioEconomic-51", "socio-economic-51"),
        ("sexualOrientation-4", "sexual-orientation-4"),
        ("JAS34", "jas-34"),
        ("TravAge-1a", "trav-age-1a"),
        ("sch-Edu-13", "sch-edu-13"),
        ("incPov-4a", "inc-pov-4a"),
    ],
)
def test_slugs_are_readable(uid: str, slug: str) -> None:
    assert slugify(uid) == slug


def test_one_package_per_dataset(out: Path) -> None:
    slugs = sorted(p.name for p in out.iterdir())
    assert slugs == sorted(
        [
            "disability-1",
            "bus-ent-1",
            "religion-3",
            "cul-com-1",
            "socio-economic-52",
            "cul-com-112",
            "emp-sll-2",
            "sch-edu-13",
            "locgov-5",
            "lab-soc-1",
            "jas-43",
        ]
    )
    for slug in slugs:
        assert sorted(p.name for p in (out / slug).iterdir()) == sorted(
            ["datapackage.json", f"{slug}.csv"]
        )


def test_summary_counts(tmp_path: Path) -> None:
    summary = import_equality_evidence(FIXTURE, tmp_path / "ee")
    assert summary.packages == 11
    assert summary.rows_read == 41
    # busEnt-1: five rows whose Breakdown holds a stray figure and Figure is blank;
    # culCom-1: "Refused" and "Identified in another way" have no figure.
    assert summary.rows_without_figure == 7
    assert summary.rows_written == 34
    assert summary.periods_from_year == 4  # religion-3 has no DateCode
    assert summary.characteristics_inferred == 1  # labSoc-1
    assert "11 packages" in str(summary)


def test_descriptor_properties(out: Path) -> None:
    d = descriptor(out, "disability-1")
    assert d["$schema"] == SCHEMA_URL
    assert d["name"] == "disability-1"
    assert d["title"] == "Proportion of adult population who are disabled"
    assert d["npf:tab_uid"] == "disability-1"
    assert d["npf:characteristic"] == "disability"
    assert d["npf:policy_area"] == "Summary"
    assert d["npf:policy_area_slug"] == "summary"
    assert d["npf:last_updated"] == "2021-03-11"
    assert "npf:next_update" not in d
    assert d["licenses"][0]["name"] == "OGL-UK-3.0"
    assert d["sources"][0]["path"] == "equality-evidence-finder-2021/equality-evidence.csv"
    assert d["description"]


def test_producer_and_next_update(out: Path) -> None:
    d = descriptor(out, "cul-com-112")
    assert [s["title"] for s in d["sources"]][1:] == []
    d = descriptor(out, "jas-43")
    assert d["npf:policy_area"] == "Crime and Justice"
    d = descriptor(out, "bus-ent-1")
    assert d["sources"][1]["title"] == "Global Entrepreneurship Monitor UK Monitoring Report"
    d = descriptor(out, "lab-soc-1")
    assert d["npf:next_update"] == "October 2019"


def test_every_characteristic_is_a_known_slug(out: Path) -> None:
    for p in out.iterdir():
        assert descriptor(out, p.name)["npf:characteristic"] in CHARACTERISTICS.values()


def test_blank_characteristic_decided_from_title(out: Path) -> None:
    d = descriptor(out, "lab-soc-1")
    assert d["npf:characteristic"] == "age"
    assert d["npf:characteristic_inferred"] is True


def test_total_rows_do_not_count_as_a_characteristic(out: Path) -> None:
    d = descriptor(out, "socio-economic-52")
    assert d["npf:characteristic"] == "socio-economic"
    assert "npf:characteristic_inferred" not in d
    assert [r["breakdown"] for r in rows(out, "socio-economic-52")][-1] == "1 (20% most deprived)"


def test_policy_area_from_prefix_or_absent(out: Path) -> None:
    d = descriptor(out, "cul-com-1")
    assert d["npf:policy_area"] == "Culture, Communities and Society"
    assert d["npf:policy_area_inferred"] is True
    d = descriptor(out, "locgov-5")
    assert "npf:policy_area" not in d
    assert "npf:policy_area_slug" not in d


def test_rows_without_figure_dropped_and_counted(out: Path) -> None:
    got = rows(out, "bus-ent-1")
    assert [(r["breakdown"], r["value"]) for r in got] == [("Total", "7.2")]
    assert descriptor(out, "bus-ent-1")["npf:rows_without_figure"] == 5
    groups = [r["breakdown"] for r in rows(out, "cul-com-1")]
    assert groups == ["Man / Boy", "Woman / Girl", "All"]


def test_blank_datecode_falls_back_to_year(out: Path) -> None:
    got = rows(out, "religion-3")
    assert {(r["period"], r["period_start"], r["period_end"]) for r in got} == {
        ("2011", "2011-01-01", "2011-12-31"),
        ("2012", "2012-01-01", "2012-12-31"),
    }


def test_quarters(out: Path) -> None:
    got = rows(out, "lab-soc-1")
    assert [(r["period"], r["period_start"], r["period_end"]) for r in got] == [
        ("2004-Q4", "2004-10-01", "2004-12-31"),
        ("2005-Q1", "2005-01-01", "2005-03-31"),
        ("2005-Q2", "2005-04-01", "2005-06-30"),
    ]
    assert {r["unit"] for r in got} == {"percent"}


def test_whitespace_in_labels_collapsed(out: Path) -> None:
    groups = [r["breakdown"] for r in rows(out, "cul-com-112")]
    assert groups[0] == "Long-term condition - Yes, limiting"
    assert {r["breakdown"] for r in rows(out, "locgov-5")} == {"White"}


def test_transposed_dataset_reads_period_from_breakdown(out: Path) -> None:
    got = rows(out, "emp-sll-2")
    first = got[0]
    assert first["measure"] == "Entrants - All levels"
    assert first["breakdown"] == "16-24"
    assert (first["period"], first["period_start"], first["period_end"]) == (
        "2015/16",
        "2015-08-01",
        "2016-07-31",
    )
    assert first["value"] == "83700"
    # the group order as published, then periods in order
    assert [(r["breakdown"], r["period"]) for r in got][:3] == [
        ("16-24", "2015/16"),
        ("16-24", "2016/17"),
        ("25-49", "2015/16"),
    ]


def test_numeric_interval_dataset(out: Path) -> None:
    got = rows(out, "sch-edu-13")
    assert [(r["breakdown"], r["period"], r["value"]) for r in got] == [
        ("20", "2018", "0"),
        ("21", "2018", "180.2"),
        ("22", "2018", "631.47"),
    ]
    assert {r["unit"] for r in got} == {"count"}


def test_primary_key_declared_and_unique(out: Path) -> None:
    for p in out.iterdir():
        d = descriptor(out, p.name)
        key = d["resources"][0]["schema"]["primaryKey"]
        got = rows(out, p.name)
        assert all(all(r[k] for k in key) for r in got)
        assert len({tuple(r[k] for k in key) for r in got}) == len(got)


def test_packages_valid_with_frictionless(out: Path) -> None:
    for p in sorted(out.iterdir()):
        report = Package(str(p / "datapackage.json")).validate()
        assert report.valid, (p.name, report.flatten(["rowNumber", "fieldName", "note"]))
        package = Package(str(p / "datapackage.json"))
        assert package.resources[0].read_rows()


def test_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    import_equality_evidence(FIXTURE, a)
    import_equality_evidence(FIXTURE, b)
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_bad_period_names_file_row_and_column(tmp_path: Path) -> None:
    root = copy_source(tmp_path)
    edit_source(root, "disability-1", DateCode="sometime")
    target = tmp_path / "ee"
    with pytest.raises(NpfError) as err:
        import_equality_evidence(root, target)
    problems = err.value.problems
    assert [(p.row, p.column) for p in problems] == [
        (2, "DateCode"),
        (3, "DateCode"),
        (4, "DateCode"),
    ]
    assert problems[0].path == str(SOURCE)
    assert "sometime" in problems[0].message
    assert not target.exists()


def test_bad_figure_is_reported(tmp_path: Path) -> None:
    root = copy_source(tmp_path)
    edit_source(root, "JAS43", Figure="n/a")
    with pytest.raises(NpfError) as err:
        import_equality_evidence(root, tmp_path / "ee")
    assert {p.column for p in err.value.problems} == {"Figure"}


def test_unknown_blank_characteristic_stops_the_import(tmp_path: Path) -> None:
    root = copy_source(tmp_path)
    edit_source(root, "disability-1", Characteristic="")
    with pytest.raises(NpfError) as err:
        import_equality_evidence(root, tmp_path / "ee")
    assert "CHARACTERISTIC_OVERRIDES" in err.value.problems[0].message


def test_failed_import_leaves_previous_output(tmp_path: Path) -> None:
    target = tmp_path / "ee"
    import_equality_evidence(FIXTURE, target)
    before = (target / "disability-1" / "disability-1.csv").read_bytes()
    root = copy_source(tmp_path)
    edit_source(root, "disability-1", Figure="x")
    with pytest.raises(NpfError):
        import_equality_evidence(root, target)
    assert (target / "disability-1" / "disability-1.csv").read_bytes() == before


def test_missing_source_file(tmp_path: Path) -> None:
    with pytest.raises(NpfError, match="not found"):
        import_equality_evidence(tmp_path, tmp_path / "ee")
