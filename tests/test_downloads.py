"""The downloads made aside: a child process fills the cache that the pages stage's own
``collect_downloads`` then reads; what the child does or fails to do changes nothing
the build publishes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts.downloads import MadeAside, collect_downloads
from build_scripts.errors import NpfError

VALID = Path(__file__).resolve().parent / "fixtures" / "packages" / "valid"


def cached(cache: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}


def test_the_child_makes_every_download_the_pages_stage_then_finds(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with MadeAside(VALID, cache, "npf", "en") as aside:
        aside.wait()
        assert aside.process.returncode == 0
    made = cached(cache)
    downloads = collect_downloads(VALID, cache, "npf")
    assert cached(cache) == made  # nothing made again, nothing added
    assert {d.source for d in downloads} == set(made)
    alone = collect_downloads(VALID, tmp_path / "alone", "npf")
    assert [d.source.read_bytes() for d in downloads if d.source] == [
        d.source.read_bytes() for d in alone if d.source
    ]


def test_a_child_that_fails_leaves_the_work_to_the_pages_stage(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    (data / "framework" / "datapackage.json").write_text("{", encoding="utf-8")
    cache = tmp_path / "cache"
    with MadeAside(data, cache, "npf", "en") as aside:
        aside.wait()  # it failed; waiting for it raises nothing
        assert aside.process.returncode != 0
    assert cached(cache) == {}
    # the pages stage meets the same problem, and reports it
    with pytest.raises(NpfError, match=r"datapackage\.json"):
        collect_downloads(data, cache, "npf")


def test_a_child_still_running_is_stopped_when_the_build_ends(tmp_path: Path) -> None:
    with MadeAside(VALID, tmp_path / "cache", "npf", "en") as aside:
        pass  # the build stopped before it needed the downloads
    assert aside.process.returncode is not None


SITE = Path(__file__).resolve().parent / "fixtures" / "site"


def test_the_csv_download_names_each_group_beside_its_code(tmp_path: Path) -> None:
    import csv
    import zipfile

    slug = "healthy-life-expectancy"
    downloads = {d.name: d.source for d in collect_downloads(SITE, tmp_path, "npf")}
    source = downloads[f"{slug}.csv"]
    assert source is not None
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    assert header[header.index("breakdown_group") + 1] == "breakdown_group_name"
    assert header[header.index("breakdown_group_2") + 1] == "breakdown_group_2_name"
    glasgow = [r for r in rows if r["breakdown_group_name"] == "Glasgow City"]
    assert glasgow and {r["breakdown_group"] for r in glasgow} == {"S12000049"}
    headline = [r for r in rows if r["breakdown_type"] == "total"]
    assert headline and {r["breakdown_group_name"] for r in headline} == {"Scotland"}
    crossed = [r for r in rows if r["breakdown_group_2"]]
    assert crossed and all(r["breakdown_group_2_name"] for r in crossed)
    # every other column is the package's, unchanged; the zip keeps the package's CSV
    package_csv = SITE / "indicators" / slug / f"{slug}.csv"
    with package_csv.open(newline="", encoding="utf-8") as handle:
        original = list(csv.DictReader(handle))
    assert [{k: r[k] for k in original[0]} for r in rows] == original
    zipped = downloads[f"{slug}.zip"]
    assert zipped is not None
    with zipfile.ZipFile(zipped) as archive:
        assert archive.read(f"{slug}/{slug}.csv") == package_csv.read_bytes()
