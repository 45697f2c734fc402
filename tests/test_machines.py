"""The files for machines (``machines``, ``catalog``, ``api``) made from the small
fixture project: the catalogue validates against DCAT-AP's JSON Schema, names every
download with its real size, and says nothing the data does not; the API holds the
packages' figures; both are the same bytes each time."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pandas as pd
import pytest

from build_scripts import api, catalog
from build_scripts.analyse.indicators import Analysis, analyse_framework
from build_scripts.config import Project, default_project
from build_scripts.downloads import Download, area_downloads, collect_downloads
from build_scripts.load import load_framework
from build_scripts.model import Framework
from build_scripts.site import machines_stage

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"
SCHEMA = Path(__file__).resolve().parent / "schemas" / "dcat-ap-catalog.schema.json"


def project_in(folder: Path, site_url: str = "") -> Project:
    project = default_project()
    paths = replace(project.paths, cache=folder / "cache", work=folder / "work")
    publishing = replace(project.publishing, site_url=site_url)
    return replace(project, paths=paths, publishing=publishing)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Framework, Analysis, list[Download]]:
    cache = tmp_path_factory.mktemp("downloads")
    framework = load_framework(FIXTURE)
    downloads = collect_downloads(FIXTURE, cache, "npf")
    downloads += area_downloads(framework, cache)
    return framework, analyse_framework(framework), downloads


def documents(
    built: tuple[Framework, Analysis, list[Download]], project: Project
) -> dict[str, Any]:
    framework, analysis, downloads = built
    files = machines_stage(framework, analysis, downloads, project)
    return {path: json.loads(file.read_bytes()) for path, file in files.items()}


def test_catalog_validates_against_the_dcat_ap_schema(built: Any, tmp_path: Path) -> None:
    found = documents(built, project_in(tmp_path))[catalog.CATALOG]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(found)
    # the schema is not empty-handed: a dataset without a distribution fails it
    broken = json.loads(json.dumps(found))
    del broken["dcat:dataset"][0]["dcat:distribution"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_every_distribution_is_a_download_with_its_real_size(built: Any, tmp_path: Path) -> None:
    framework, _, downloads = built
    found = documents(built, project_in(tmp_path))[catalog.CATALOG]
    files = {f"data/{d.name}": d.source for d in downloads if d.source is not None}
    named = set()
    for dataset in found["dcat:dataset"]:
        for d in dataset["dcat:distribution"]:
            url = d["dcat:downloadURL"]["@id"]
            assert url == d["dcat:accessURL"]["@id"]
            assert int(d["dcat:byteSize"]["@value"]) == files[url].stat().st_size
            named.add(url)
    ids = {d["dct:identifier"] for d in found["dcat:dataset"]}
    with_figures = {s for s, i in framework.indicators.items() if i.figures}
    assert ids == {"all"} | {f"indicators/{s}" for s in with_figures} | {
        f"evidence/{e.slug}" for e in framework.evidence
    }
    assert "data/all.zip" in named
    assert {f"data/{s}.csv" for s in with_figures} <= named


def test_coverage_and_dates_come_from_the_data(built: Any, tmp_path: Path) -> None:
    framework, _, _ = built
    found = documents(built, project_in(tmp_path))[catalog.CATALOG]
    by_id = {d["dct:identifier"]: d for d in found["dcat:dataset"]}
    indicator = framework.indicators["healthy-life-expectancy"]
    entry = by_id["indicators/healthy-life-expectancy"]
    temporal = entry["dct:temporal"]
    assert temporal["dcat:startDate"]["@value"] == min(
        f.period_start.isoformat() for f in indicator.figures
    )
    assert temporal["dcat:endDate"]["@value"] == max(
        f.period_end.isoformat() for f in indicator.figures
    )
    assert entry["dct:modified"]["@value"] == indicator.last_updated
    places = {p.get("dct:identifier"): p["locn:geographicName"] for p in entry["dct:spatial"]}
    assert places[None] == "Scotland"
    codes = {g for f in indicator.figures for t, g in f.breakdowns if t == "council-area"}
    assert set(places) - {None} == codes
    assert places["S12000049"] == "Glasgow City"
    assert "Health" in entry["dcat:keyword"]  # its outcome's name


def test_a_date_the_data_lacks_is_left_out(built: Any, tmp_path: Path) -> None:
    framework, analysis, downloads = built
    bare = replace(framework, indicators=dict(framework.indicators))
    slug = "healthy-life-expectancy"
    bare.indicators[slug] = replace(bare.indicators[slug], last_updated="", sources=[])
    files = machines_stage(bare, analysis, downloads, project_in(tmp_path))
    found = json.loads(files[catalog.CATALOG].read_bytes())
    entry = next(d for d in found["dcat:dataset"] if d["dct:identifier"] == f"indicators/{slug}")
    assert "dct:modified" not in entry and "dct:issued" not in entry


def test_the_site_address_makes_every_address_absolute(built: Any, tmp_path: Path) -> None:
    site = "https://example.org/npf/"
    found = documents(built, project_in(tmp_path, site_url=site))
    cat = found[catalog.CATALOG]
    assert "@base" not in cat["@context"]
    urls = [
        d["dcat:downloadURL"]["@id"] for e in cat["dcat:dataset"] for d in e["dcat:distribution"]
    ]
    assert urls and all(u.startswith(site + "data/") for u in urls)
    index = found[api.INDEX]
    assert all(i["page"].startswith(site + "indicators/") for i in index["indicators"])


def test_relative_addresses_resolve_from_the_catalogue(built: Any, tmp_path: Path) -> None:
    cat = documents(built, project_in(tmp_path))[catalog.CATALOG]
    assert cat["@context"]["@base"] == "../"  # data/catalog.json -> the site's root
    assert catalog.relative_base("indicators/x.html") == "../"
    assert catalog.relative_base("index.html") == "./"


def test_the_same_inputs_give_the_same_bytes(built: Any, tmp_path: Path) -> None:
    framework, analysis, downloads = built
    first = machines_stage(framework, analysis, downloads, project_in(tmp_path / "a"))
    second = machines_stage(framework, analysis, downloads, project_in(tmp_path / "b"))
    assert {p: f.read_bytes() for p, f in first.items()} == {
        p: f.read_bytes() for p, f in second.items()
    }
    text = first[api.INDEX].read_text(encoding="utf-8")
    assert (
        text
        == json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        + "\n"
    )


def test_the_api_lists_every_indicator_with_status_and_latest(built: Any, tmp_path: Path) -> None:
    framework, analysis, _ = built
    found = documents(built, project_in(tmp_path))
    index = found[api.INDEX]
    assert [i["slug"] for i in index["indicators"]] == sorted(framework.indicators)
    for item in index["indicators"]:
        assert f"api/indicators/{item['slug']}.json" in found
        assessment = analysis.assessments.get(item["slug"])
        if assessment is not None:
            assert item["status"] == assessment.status.value
        latest = analysis.change(item["slug"]).latest
        if latest is not None and latest.value is not None:
            assert item["latest"]["value"] == latest.value
            assert item["latest"]["period"] == latest.period
        if framework.indicators[item["slug"]].figures:
            assert item["downloads"]["csv"] == f"data/{item['slug']}.csv"


def test_an_indicator_file_holds_the_package_figures(built: Any, tmp_path: Path) -> None:
    _, analysis, _ = built
    slug = "healthy-life-expectancy"
    one = documents(built, project_in(tmp_path))[api.indicator_path(slug)]
    key = ["measure", "period", "breakdown_type", "breakdown_group"]
    key += ["breakdown_type_2", "breakdown_group_2"]
    csv = FIXTURE / "indicators" / slug / f"{slug}.csv"
    table = pd.read_csv(csv, dtype={k: str for k in key})
    records = pd.DataFrame(one["figures"])
    table[key], records[key] = table[key].fillna(""), records[key].fillna("")
    assert len(records) == len(table) and records[key].duplicated().sum() == 0
    merged = table.merge(records, on=key, suffixes=("", "_api"))
    assert len(merged) == len(table)
    assert (merged["value"] == merged["value_api"]).all()
    glasgow = records[records.breakdown_group == "S12000049"]
    assert not glasgow.empty and set(glasgow.breakdown_group_name) == {"Glasgow City"}
    # the status with its reasons: structured, and the sentence the page shows
    assessment = analysis.assessments[slug]
    status = one["status"]
    assert status["status"] == assessment.status.value
    assert status["text"] == assessment.reason
    assert status["reasons"][0]["id"] == assessment.why.id


def test_structured_messages_keep_ids_and_values() -> None:
    from build_scripts.messages import message

    said = api.structured(message("a.b", period="2019", inner=message("c", n=2), items=[1.5]))
    assert said == {
        "id": "a.b",
        "values": {"period": "2019", "inner": {"id": "c", "values": {"n": 2}}, "items": [1.5]},
    }


def test_script_json_cannot_end_its_element() -> None:
    text = catalog.script_json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & <!--"}


# --- a framework with targets and codes (tests/levels.py) ----------------------------


@pytest.fixture(scope="module")
def levels(tmp_path_factory: pytest.TempPathFactory) -> tuple[Framework, Analysis, list[Download]]:
    from tests.levels import write_levels

    folder = tmp_path_factory.mktemp("levels")
    data = write_levels(folder / "dp")
    framework = load_framework(data)
    return framework, analyse_framework(framework), collect_downloads(data, folder, "npf")


def _goals(folder: Path) -> Project:
    project = project_in(folder)
    nouns = replace(project.nouns, target="Target", targets="Targets")
    return replace(project, nouns=nouns)


def test_the_api_carries_targets_and_codes(levels: Any, tmp_path: Path) -> None:
    found = documents(levels, _goals(tmp_path))
    index = {i["slug"]: i for i in found[api.INDEX]["indicators"]}
    green = index["green-space"]
    assert green["code"] == "1.2.2"
    assert green["outcomes"] == [
        {"slug": "health", "name": "Health", "code": "1"},
        {"slug": "environment", "name": "Environment", "code": "2"},
    ]
    assert green["targets"] == [
        {
            "slug": "active-lives",
            "code": "1.2",
            "title": "By 2030, more people of every age are active",
            "outcome": "health",
        },
        {
            "slug": "green-places",
            "code": "2.1",
            "title": "Everyone lives near green or blue space",
            "outcome": "environment",
        },
    ]
    one = found[api.indicator_path("green-space")]
    assert one["targets"] == green["targets"] and one["code"] == "1.2.2"


def test_without_targets_the_api_says_nothing_of_them(built: Any, tmp_path: Path) -> None:
    index = documents(built, project_in(tmp_path))[api.INDEX]["indicators"]
    assert not any("targets" in i or "code" in i for i in index)
    assert not any("code" in o for i in index for o in i["outcomes"])


def test_the_catalogue_names_an_indicator_by_its_code_and_targets(
    levels: Any, tmp_path: Path
) -> None:
    found = documents(levels, _goals(tmp_path))[catalog.CATALOG]
    green = next(
        d for d in found["dcat:dataset"] if d["dct:identifier"] == "indicators/green-space"
    )
    assert green["dct:title"] == "1.2.2 Access to green and blue space"
    assert green["dcat:keyword"][:4] == ["Health", "Environment", "Target 1.2", "Target 2.1"]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(found)
