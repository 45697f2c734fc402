"""Indicator metadata has one home, the framework's catalogue; published packages get it
back in their descriptors, so each download still describes itself."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from build_scripts import urls
from build_scripts.downloads import collect_downloads
from build_scripts.load import read_catalogue
from build_scripts.metadata import catalogued, descriptor_bytes, published_descriptor
from build_scripts.tables import read_descriptor
from build_scripts.validate import validate_path
from tests.validate.mutations import INDICATORS, copy_valid, set_cell

VALID = Path(__file__).resolve().parent / "fixtures" / "packages" / "valid"
SLUG = "healthy-life-expectancy"


def _zipped_descriptor(data: Path, cache: Path, name: str, member: str) -> dict[str, object]:
    downloads = {d.name: d.source for d in collect_downloads(data, cache, "npf")}
    source = downloads[name]
    assert source is not None
    with zipfile.ZipFile(source) as zf:
        loaded: dict[str, object] = json.loads(zf.read(member))
    return loaded


def test_source_descriptors_hold_none_of_the_catalogues_properties() -> None:
    for folder in sorted((VALID / "indicators").iterdir()):
        descriptor = read_descriptor(folder / "datapackage.json")
        assert not set(catalogued("npf")) & set(descriptor), folder.name
        assert all("title" not in r for r in descriptor["resources"]), folder.name


def test_published_descriptor_puts_the_catalogue_back_in_the_importers_order() -> None:
    indicator = read_catalogue(VALID)[SLUG]
    own = read_descriptor(VALID / "indicators" / SLUG / "datapackage.json")
    published = published_descriptor(own, indicator, "npf")
    assert list(published) == [
        "$schema",
        "name",
        "title",
        "description",
        "licenses",
        "sources",
        "version",
        "npf:outcomes",
        "npf:measures",
        "npf:criteria",
        "npf:availability",
        "npf:last_updated",
        "npf:next_update",
        "resources",
    ]
    assert published["title"] == "Healthy life expectancy"
    assert published["npf:outcomes"] == ["health"]
    assert [m["name"] for m in published["npf:measures"]] == ["females", "males"]
    assert published["npf:criteria"] == indicator.criteria
    assert list(published["resources"][0])[:4] == ["name", "type", "path", "title"]
    assert published["resources"][0]["title"] == "Healthy life expectancy"
    # the package's own properties are kept as they are
    for key, value in own.items():
        if key != "resources":
            assert published[key] == value, key


def test_every_zip_publishes_the_catalogues_metadata(tmp_path: Path) -> None:
    indicator = read_catalogue(VALID)[SLUG]
    own = read_descriptor(VALID / "indicators" / SLUG / "datapackage.json")
    expected = json.loads(descriptor_bytes(published_descriptor(own, indicator, "npf")))
    name = urls.indicator_download(SLUG, "zip")
    assert _zipped_descriptor(VALID, tmp_path, name, f"{SLUG}/datapackage.json") == expected
    everything = _zipped_descriptor(
        VALID, tmp_path, urls.ALL_ZIP, f"indicators/{SLUG}/datapackage.json"
    )
    assert everything == expected


def test_a_catalogue_edit_reaches_the_published_package(tmp_path: Path) -> None:
    """The cache key of a download holds the catalogue's part: changing the next update
    in indicators.csv alone makes a new zip that says so."""
    root = copy_valid(tmp_path)
    cache = tmp_path / "cache"
    name = urls.indicator_download(SLUG, "zip")
    member = f"{SLUG}/datapackage.json"
    before = _zipped_descriptor(root, cache, name, member)
    assert before["npf:next_update"] == "December 2021"
    set_cell(INDICATORS, 2, "next_update", "January 2030")(root)
    assert not validate_path(root).problems
    after = _zipped_descriptor(root, cache, name, member)
    assert after["npf:next_update"] == "January 2030"


def test_an_uncatalogued_package_is_published_as_it_is(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(VALID, root)
    shutil.rmtree(root / "framework")
    own = (root / "indicators" / SLUG / "datapackage.json").read_bytes()
    name = urls.indicator_download(SLUG, "zip")
    downloads = {d.name: d.source for d in collect_downloads(root, tmp_path / "cache", "npf")}
    source = downloads[name]
    assert source is not None
    with zipfile.ZipFile(source) as zf:
        assert zf.read(f"{SLUG}/datapackage.json") == own


def test_a_published_descriptor_has_the_indicators_code_and_targets(tmp_path: Path) -> None:
    """In a framework with codes and targets (``tests/levels.py``) they are the
    catalogue's too, put back after the title and the outcomes; the zip says them."""
    from tests.levels import write_levels

    data = write_levels(tmp_path / "data")
    indicator = read_catalogue(data)["green-space"]
    own = read_descriptor(data / "indicators" / "green-space" / "datapackage.json")
    published = published_descriptor(own, indicator, "npf")
    assert list(published)[6:10] == ["version", "npf:code", "npf:outcomes", "npf:targets"]
    assert published["npf:code"] == "1.2.2"
    assert published["npf:targets"] == ["active-lives", "green-places"]
    name = urls.indicator_download("green-space", "zip")
    zipped = _zipped_descriptor(data, tmp_path / "cache", name, "green-space/datapackage.json")
    assert zipped["npf:targets"] == ["active-lives", "green-places"]


def test_targets_in_an_indicators_own_descriptor_are_the_catalogues(tmp_path: Path) -> None:
    root = copy_valid(tmp_path)
    path = root / "indicators" / SLUG / "datapackage.json"
    descriptor = json.loads(path.read_text("utf-8"))
    descriptor |= {"npf:targets": ["long-lives"], "npf:code": "1.1.1"}
    path.write_text(json.dumps(descriptor), "utf-8")
    found = {(p.column, p.code) for p in validate_path(root).problems}
    assert found == {("npf:targets", "catalogue-property"), ("npf:code", "catalogue-property")}
