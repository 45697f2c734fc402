"""The benchmarks' shared parts: page kinds, sizes and the gzipping server."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest

from benchmarks.pages import Page, gzipped, median_page, pages_of_kind, serve


def write(site: Path, path: str, text: str) -> None:
    file = site / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


def test_gzipped_is_the_size_of_the_gzipped_bytes_and_the_same_each_time() -> None:
    data = b"figures " * 1000
    assert gzipped(data) == gzipped(data) < len(data)
    assert gzipped(data) == len(gzip.compress(data, compresslevel=6, mtime=0))


def test_pages_of_kind_smallest_first_without_the_folder_index(tmp_path: Path) -> None:
    write(tmp_path, "index.html", "home")
    write(tmp_path, "areas/index.html", "the list")
    write(tmp_path, "areas/big.html", "".join(f"row {n} " for n in range(2000)))
    write(tmp_path, "areas/small.html", "a small page")
    areas = pages_of_kind(tmp_path, "area")
    assert [p.path for p in areas] == ["areas/small.html", "areas/big.html"]
    assert areas[0].gzip < areas[1].gzip
    assert [p.path for p in pages_of_kind(tmp_path, "home")] == ["index.html"]


def test_median_page_is_the_lower_middle_one() -> None:
    pages = [Page("indicator", f"{n}.html", n) for n in (10, 20, 30, 40)]
    assert median_page(pages).gzip == 20
    assert median_page(pages[:3]).gzip == 20
    with pytest.raises(ValueError):
        median_page([])


def test_serve_gzips_text_for_browsers_that_accept_it(tmp_path: Path) -> None:
    write(tmp_path, "index.html", "<p>" + "Scotland " * 500 + "</p>")
    with serve(tmp_path) as base:
        asked = urllib.request.Request(f"{base}/index.html", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(asked) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            body = gzip.decompress(response.read())
        with urllib.request.urlopen(f"{base}/index.html") as plain:
            assert plain.headers["Content-Encoding"] is None
            assert plain.read() == body
    assert body == (tmp_path / "index.html").read_bytes()
