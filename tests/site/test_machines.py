"""The built site for machines: ``data/catalog.json`` validates against the DCAT-AP
schema and names real files with their real sizes; every dataset page's JSON-LD names
the catalogue's distributions; the JSON API holds the packages' figures and is linked
from its page; the CSV downloads carry names beside codes."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from tests.site.conftest import SITE_URL

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "tests" / "schemas" / "dcat-ap-catalog.schema.json"


@pytest.fixture(scope="module")
def catalogue(site: Path) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((site / "data" / "catalog.json").read_bytes())
    return found


def resolve(base_document: str, base: str | None, url: str) -> str:
    """``url`` as a path under the site: an address of the site's own (the session's
    site is built for ``SITE_URL``) without it, else resolved as JSON-LD would from
    ``base_document`` with a relative ``@base`` (the unit tests build without a URL)."""
    if url.startswith(SITE_URL):
        return url.removeprefix(SITE_URL)
    assert base is not None, url
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_document), base, url))


def context_base(context: Any) -> str | None:
    """The ``@base`` of a JSON-LD context (a string, a mapping or a list of them)."""
    for part in context if isinstance(context, list) else [context]:
        if isinstance(part, dict) and "@base" in part:
            return str(part["@base"])
    return None


def test_catalog_validates_and_names_real_files(site: Path, catalogue: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text())).validate(catalogue)
    base = context_base(catalogue["@context"])
    datasets = catalogue["dcat:dataset"]
    assert len(datasets) > 300  # 81 indicators' worth and the evidence datasets
    for dataset in datasets:
        page = resolve("data/catalog.json", base, dataset["dcat:landingPage"]["@id"])
        assert (site / page).is_file(), page
        for d in dataset["dcat:distribution"]:
            path = resolve("data/catalog.json", base, d["dcat:downloadURL"]["@id"])
            assert (site / path).is_file(), path
            assert (site / path).stat().st_size == int(d["dcat:byteSize"]["@value"]), path


def json_ld(page: Path) -> list[dict[str, Any]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def test_pages_json_ld_matches_the_catalogue(site: Path, catalogue: dict[str, Any]) -> None:
    checked = 0
    for dataset in catalogue["dcat:dataset"]:
        if dataset["dct:identifier"] == "all":
            continue
        page = resolve(
            "data/catalog.json",
            context_base(catalogue["@context"]),
            dataset["dcat:landingPage"]["@id"],
        )
        [found] = json_ld(site / page)
        assert found["@type"] == "Dataset"
        assert found["@id"] == dataset["@id"]
        assert found["name"] == dataset["dct:title"]
        assert found["description"] == dataset["dct:description"]
        assert found["license"] == dataset["dct:license"]["@id"]
        assert [(d["contentUrl"], d["encodingFormat"]) for d in found["distribution"]] == [
            (
                d["dcat:downloadURL"]["@id"],
                d["dcat:mediaType"]["@id"].rsplit("/media-types/", 1)[1],
            )
            for d in dataset["dcat:distribution"]
        ]
        # both resolve to the same files: the page's @base is its own
        base = context_base(found["@context"])
        for d in found["distribution"]:
            assert (site / resolve(page, base, d["contentUrl"])).is_file()
        checked += 1
    assert checked == len(catalogue["dcat:dataset"]) - 1


def test_the_api_holds_the_packages_figures(site: Path) -> None:
    index = json.loads((site / "api" / "indicators.json").read_bytes())
    slugs = [i["slug"] for i in index["indicators"]]
    assert slugs == sorted(p.name for p in (ROOT / "datapackages" / "indicators").iterdir())
    for item in index["indicators"]:
        one = json.loads((site / "api" / "indicators" / f"{item['slug']}.json").read_bytes())
        assert one["status"]["status"] == item["status"]
        if "csv" not in item["downloads"]:
            assert one["figures"] == []
            continue
        with zipfile.ZipFile(site / resolve("", None, item["downloads"]["zip"])) as archive:
            name = f"{item['slug']}/{item['slug']}.csv"
            table = pd.read_csv(io.BytesIO(archive.read(name)), dtype=str, keep_default_na=False)
        records = pd.DataFrame(one["figures"])
        assert len(records) == len(table), item["slug"]
        if table.empty:
            continue
        assert [float(v) for v in table["value"]] == list(records["value"]), item["slug"]
        assert list(table["period"]) == list(records["period"])
        assert list(table["breakdown_group"]) == list(records["breakdown_group"])
        if one["status"]["status"] not in ("In development", "To be confirmed"):
            assert one["status"]["reasons"] and one["status"]["text"]


def links(page: Path) -> set[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return {str(a["href"]) for a in soup.find_all("a", href=True)}


def test_the_api_is_documented_and_linked(site: Path) -> None:
    data = links(site / "data" / "index.html")
    assert "../api.html" in data and "catalog.json" in data
    api = site / "api.html"
    found = links(api)
    assert "api/indicators.json" in found and "data/catalog.json" in found
    text = api.read_text(encoding="utf-8")
    assert "curl" in text and "pandas" in text and "fromJSON" in text


def test_csv_downloads_carry_names_beside_codes(site: Path) -> None:
    named = 0
    for path in sorted((site / "data").glob("*.csv")):
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        if not rows or "breakdown_group_name" not in rows[0]:
            continue
        glasgow = [r for r in rows if r["breakdown_group"] == "S12000049"]
        assert all(r["breakdown_group_name"] == "Glasgow City" for r in glasgow), path
        named += bool(glasgow)
    assert named > 0
