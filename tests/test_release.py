"""``npf release``'s record (``build_scripts.release``): what release.json says, the
data.zip, the refusals that write nothing, the status history, and the Atom feeds."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from build_scripts.cli import main
from build_scripts.config import load_project
from build_scripts.errors import NpfError
from build_scripts.feeds import feed_files
from build_scripts.load import load_framework
from build_scripts.release import (
    HISTORY_COLUMNS,
    IndicatorRecord,
    Release,
    history_csv,
    load_releases,
    record_release,
    status_history,
)
from tests.releasing import CHANGED, add_figure, make_project

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def files(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_two_releases_record_statuses_and_what_changed(project: Path) -> None:
    config = load_project(project)
    first = record_release("2026.1", config.paths.data, config, when="2026-01-15")
    period = add_figure(config.paths.data, CHANGED)
    second = record_release("2026.2", config.paths.data, config, when="2026-03-01")
    assert first.folder == project / "releases" / "2026.1"
    one = json.loads((project / "releases" / "2026.1" / "release.json").read_text())
    two = json.loads((project / "releases" / "2026.2" / "release.json").read_text())
    assert (one["version"], one["date"], one["previous"], one["changes"]) == (
        "2026.1",
        "2026-01-15",
        None,
        None,
    )
    assert (two["version"], two["date"], two["previous"]) == ("2026.2", "2026-03-01", "2026.1")
    before, after = one["indicators"][CHANGED], two["indicators"][CHANGED]
    assert before["status"] != after["status"]
    diff = two["changes"].pop("diff")
    assert two["changes"] == {
        "added_indicators": [],
        "removed_indicators": [],
        "retired_indicators": [],
        "renamed_indicators": {},
        "new_periods": {CHANGED: [period]},
        "revised_figures": 0,
        "changed_statuses": {CHANGED: {"from": before["status"], "to": after["status"]}},
    }
    # npf diff's own record of the same comparison, in its JSON shape
    assert diff["changed"] and diff["periods"]["new"][0]["indicator"] == CHANGED
    assert [s["indicator"] for s in diff["statuses"]] == [CHANGED]
    # the figures compared are the headline's latest two, the new one among them
    assert after["method"] == "last-two"
    assert [c["period"] for c in after["compared"]] == [str(int(period) - 1), period]
    assert after["criterion"] and period in after["reason"]
    # an indicator without figures has a status but nothing compared
    assert set(one["indicators"]) == {"indicator-1", "indicator-2", "indicator-3"}
    # what the build reads back, oldest first
    assert [r.version for r in load_releases(project / "releases")] == ["2026.1", "2026.2"]
    assert second.previous == "2026.1"


def test_data_zip_is_the_data_folder_reproducibly(project: Path, tmp_path: Path) -> None:
    config = load_project(project)
    record_release("1.0.0", config.paths.data, config, when="2026-01-15")
    again = make_project(tmp_path / "again")
    record_release("1.0.0", again / "data", load_project(again), when="2026-01-15")
    made = (project / "releases" / "1.0.0" / "data.zip").read_bytes()
    assert made == (again / "releases" / "1.0.0" / "data.zip").read_bytes()
    with zipfile.ZipFile(project / "releases" / "1.0.0" / "data.zip") as archive:
        names = archive.namelist()
        assert (
            archive.read("indicators/indicator-3/indicator-3.csv")
            == (project / "data" / "indicators" / "indicator-3" / "indicator-3.csv").read_bytes()
        )
    assert "framework/datapackage.json" in names
    assert {
        p.relative_to(project / "data").as_posix()
        for p in (project / "data").rglob("*")
        if p.is_file()
    } == set(names)


@pytest.mark.parametrize("version", ["2026", "v2026.1", "2026.1.x", "1.2", "../2026.1", ""])
def test_a_malformed_version_is_refused_and_nothing_written(project: Path, version: str) -> None:
    config = load_project(project)
    with pytest.raises(NpfError, match="not a release version"):
        record_release(version, config.paths.data, config)
    assert not (project / "releases").exists()


def test_a_version_released_before_is_refused(project: Path) -> None:
    config = load_project(project)
    record_release("2026.1", config.paths.data, config, when="2026-01-15")
    before = files(project / "releases")
    with pytest.raises(NpfError, match="already exists"):
        record_release("2026.1", config.paths.data, config, when="2026-02-01")
    with pytest.raises(NpfError, match="would come before"):
        record_release("2026.2", config.paths.data, config, when="2025-12-31")
    assert files(project / "releases") == before


def break_a_value(project: Path) -> None:
    """Row 2 of indicator-2's table gets a value that is not a number."""
    table = project / "data" / "indicators" / "indicator-2" / "indicator-2.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("value")] = "not a number"
    table.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")


def test_invalid_data_is_refused_with_located_problems(project: Path) -> None:
    config = load_project(project)
    break_a_value(project)
    with pytest.raises(NpfError) as raised:
        record_release("2026.1", config.paths.data, config)
    assert any(p.row == 2 and p.column == "value" for p in raised.value.problems)
    assert not (project / "releases").exists()


def test_the_command_refuses_without_a_traceback(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["release", "twenty", "--project", str(project), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "not a release version" in err and "Traceback" not in err
    assert not (project / "releases").exists() and not (project / "dist").exists()


def test_the_command_prints_the_located_problems_of_invalid_data(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    break_a_value(project)
    assert main(["release", "2026.1", "--project", str(project), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "indicator-2.csv:2: value:" in err and "no release was recorded" in err
    assert "Traceback" not in err
    assert not (project / "releases").exists() and not (project / "dist").exists()


def test_the_date_comes_from_source_date_epoch(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772323200")  # 2026-03-01
    config = load_project(project)
    assert record_release("2026.1", config.paths.data, config).date == "2026-03-01"


def record(status: str, reason: str = "why") -> IndicatorRecord:
    return IndicatorRecord("x", "X", status, "last-two", "a rule", reason)


def releases(*statuses: str) -> tuple[Release, ...]:
    return tuple(
        Release(f"2026.{n}", f"2026-0{n}-01", None, None, {"x": record(s, f"why {n}")})
        for n, s in enumerate(statuses, start=1)
    )


def test_status_history_keeps_the_changes_only() -> None:
    made = releases("Maintaining", "Maintaining", "Improving", "Improving")
    steps = status_history(made, "x")
    assert [(s.version, s.status, s.was) for s in steps] == [
        ("2026.1", "Maintaining", None),
        ("2026.3", "Improving", "Maintaining"),
    ]
    assert steps[1].record.reason == "why 3"
    assert status_history(made, "y") == []


def test_history_csv_has_every_release() -> None:
    text = history_csv(releases("Maintaining", "Improving"), "x")
    assert text is not None
    lines = text.decode().splitlines()
    assert lines[0] == ",".join(HISTORY_COLUMNS)
    assert lines[1].startswith("2026.1,2026-01-01,Maintaining,true,last-two,a rule,why 1")
    assert lines[2].startswith("2026.2,2026-02-01,Improving,true,")
    assert history_csv(releases("Maintaining"), "y") is None


def test_feeds_are_atom_with_every_required_element(project: Path, tmp_path: Path) -> None:
    config = load_project(project)
    framework = load_framework(config.paths.data, config)
    hostile = "<script>alert(1)</script> & co"
    framework.indicators[CHANGED].title = hostile
    made = list(releases("Maintaining", "Improving"))
    made = [
        replace(r, indicators={CHANGED: replace(record(s), slug=CHANGED)})
        for r, s in zip(made, ("Maintaining", "Improving"), strict=True)
    ]
    available = {f"releases/2026.2/{CHANGED}.zip"}
    found = feed_files(made, framework, config, tmp_path / "cache", available)
    assert set(found) == {"feed.xml", f"feeds/{CHANGED}.xml"}
    for path, file in found.items():
        root = ET.fromstring(file.read_bytes())
        assert root.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated", "author/" + ATOM + "name"):
            assert root.find(ATOM + name) is not None and root.find(ATOM + name).text, (path, name)
        assert root.find(f"{ATOM}link[@rel='alternate']") is not None
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == 2
        for entry in entries:
            for name in ("id", "title", "updated", "summary"):
                assert entry.find(ATOM + name).text, (path, name)
            assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
            assert entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert root.find(f"{ATOM}updated").text == "2026-02-01T00:00:00Z"
    mine = ET.fromstring(found[f"feeds/{CHANGED}.xml"].read_bytes())
    assert hostile in mine.find(f"{ATOM}title").text  # escaped in the XML, text when read
    assert b"<script>" not in found[f"feeds/{CHANGED}.xml"].read_bytes()
    links = [e.find(f"{ATOM}link[@rel='enclosure']") for e in mine.findall(f"{ATOM}entry")]
    assert [link.get("href") if link is not None else None for link in links] == [
        f"../data/releases/2026.2/{CHANGED}.zip",
        None,
    ]
    assert feed_files((), framework, config, tmp_path / "cache", set()) == {}


def test_a_failed_build_removes_the_record_it_made(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from build_scripts import site
    from build_scripts.release import release

    def fails(*args: object, **kwargs: object) -> None:
        raise NpfError("MkDocs failed")

    monkeypatch.setattr(site, "build", fails)
    config = load_project(project)
    with pytest.raises(NpfError, match="MkDocs failed"):
        release("2026.1", config, when="2026-01-15")
    assert not (project / "releases" / "2026.1").exists()
    assert not (project / "dist").exists()
