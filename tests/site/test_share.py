"""Share and reuse (issue 11), on the session's site built for ``SITE_URL``: every page's
canonical link and share tags, the sitemap, chart images and figures, "Cite this", the
footer, and the licence and attribution of every download."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from build_scripts.config import load_project

from .conftest import DEPLOYED_BY, PINNED_EPOCH, ROOT, SITE_URL

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _pages(site: Path) -> list[Path]:
    """The site's pages: not its 404 page, nor the embed pages, which are charts for
    other sites to frame (out of the sitemap, with their own licence line)."""
    return sorted(
        p
        for p in site.rglob("*.html")
        if p.name != "404.html" and p.relative_to(site).parts[0] != "embed"
    )


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return None if tag is None else str(tag["content"])


def test_every_page_has_a_canonical_link_and_share_tags(site: Path) -> None:
    project = load_project(ROOT)
    for path in _pages(site):
        soup = _soup(path)
        address = SITE_URL + path.relative_to(site).as_posix()
        canonical = soup.find("link", rel="canonical")
        assert canonical is not None and canonical["href"] == address, path
        assert _meta(soup, "og:url") == address, path
        assert _meta(soup, "og:title"), path
        assert _meta(soup, "og:description"), path  # every page kind has a description
        assert _meta(soup, "og:type") == "website"
        assert _meta(soup, "og:site_name") == project.name
        assert _meta(soup, "og:locale") == "en_GB"
        assert _meta(soup, "twitter:card") in ("summary", "summary_large_image")
        assert _meta(soup, "twitter:title") == _meta(soup, "og:title")


def test_indicator_pages_share_their_headline_chart_as_a_png(site: Path) -> None:
    imaged = 0
    for path in sorted((site / "indicators").glob("*.html")):
        soup = _soup(path)
        image = _meta(soup, "og:image")
        if image is None:  # in development: no chart
            assert _meta(soup, "twitter:card") == "summary"
            continue
        imaged += 1
        assert image.startswith(SITE_URL + "charts/") and image.endswith("--total.png")
        png = site / image.removeprefix(SITE_URL)
        assert png.read_bytes()[:8] == PNG_MAGIC
        assert _meta(soup, "twitter:card") == "summary_large_image"
        assert (_meta(soup, "og:image:alt") or "").startswith("Line chart: ")
    assert imaged >= 70


def test_sitemap_lists_every_page(site: Path) -> None:
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", text))
    pages = {SITE_URL + p.relative_to(site).as_posix() for p in _pages(site)}
    assert len(pages) > 400
    assert listed == pages


def test_every_download_link_on_every_page_resolves_to_a_file(site: Path) -> None:
    """Every link and image of every page that stays in the site reaches a file: pages,
    and downloads of every kind (the embed pages, named only in the snippets' text, are
    checked by test_embeds)."""
    checked = 0
    kinds: set[str] = set()
    for path in _pages(site):
        soup = _soup(path)
        base = "file://" + str(path)
        targets = [str(a["href"]) for a in soup.find_all("a", href=True)]
        targets += [str(i["src"]) for i in soup.find_all("img", src=True)]
        for target in targets:
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            found = unquote(urljoin(base, target).removeprefix("file://").split("#")[0])
            assert Path(found).is_file(), f"{path.relative_to(site)}: {target}"
            kinds.add(Path(found).suffix)
            checked += 1
    assert checked > 10_000
    assert {".html", ".zip", ".xlsx", ".csv", ".json", ".svg", ".png"} <= kinds


def test_every_chart_links_its_svg_png_and_figures(site: Path) -> None:
    page = site / "indicators" / "healthy-life-expectancy.html"
    soup = _soup(page)
    figures = soup.find_all("figure", class_="npf-chart")
    assert figures
    for figure in figures:
        links = {a.get_text(): a["href"] for a in figure.find_all("a")}
        assert links["SVG"].endswith(".svg") and links["CSV"].endswith(".csv")
        headline = figure["id"].endswith("--total")
        # every chart, breakdowns and maps too, has its PNG
        assert links["PNG"].endswith(".png")
        assert (page.parent / links["PNG"]).read_bytes()[:8] == PNG_MAGIC
        with (page.parent / links["CSV"]).open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert rows and set(rows[0]) == {
            "period",
            "group",
            "value",
            "lower",
            "upper",
            "unit",
            "source",
        }
        assert all(float(r["value"]) == float(r["value"]) for r in rows)
        if headline:
            # the headline chart's CSV holds the page's headline figures
            table = figure.find_next("table")
            periods = [th.get_text() for th in table.select("tbody th")]
            assert periods == [r["period"] for r in rows]


def _cite(soup: BeautifulSoup) -> tuple[str, str, str]:
    plain = soup.find("p", class_="npf-cite")
    blocks = {d["id"]: d.find("pre").get_text() for d in soup.select("details[id^=cite-]")}
    assert plain is not None
    return plain.get_text(), blocks["cite-bibtex"], blocks["cite-csl-json"]


BIBTEX_FIELD = re.compile(r"^  (\w+) = \{(.*)\},?$", re.M)


@pytest.mark.parametrize("folder", ["indicators", "evidence"])
def test_cite_this_parses_as_text_bibtex_and_csl_json(site: Path, folder: str) -> None:
    cited = 0
    for path in sorted((site / folder).glob("*.html")):
        soup = _soup(path)
        if soup.find(id="cite") is None:
            assert folder == "evidence"  # a pointer to another dataset's page
            continue
        cited += 1
        address = SITE_URL + path.relative_to(site).as_posix()
        plain, bibtex, csl = _cite(soup)
        assert plain.startswith("Scottish Government")
        assert address in plain and "(accessed 12 October 2020)" in plain
        assert bibtex.startswith("@misc{npf-") and bibtex.endswith("}")
        fields = dict(BIBTEX_FIELD.findall(bibtex))
        assert fields["author"] == "{Scottish Government}"
        assert fields["url"] == address
        assert fields["urldate"] == "2020-10-12"
        assert {"title", "howpublished", "publisher"} <= set(fields)
        assert bibtex.count("{") == bibtex.count("}")
        (item,) = json.loads(csl)
        assert {"id", "type", "title", "author", "publisher", "URL", "accessed"} <= set(item)
        assert item["URL"] == address
        assert item["accessed"] == {"date-parts": [[2020, 10, 12]]}
        # BibTeX's title is the same, TeX's special characters escaped
        assert item["title"] == re.sub(r"\\([&%$#_{}])", r"\1", fields["title"][1:-1])
    assert cited > 50
    assert PINNED_EPOCH  # the access date above is the pinned build date


def test_every_page_says_who_publishes_the_site_and_the_figures_and_their_licence(
    site: Path,
) -> None:
    """As deployed (the session's site is built with the deploy workflow's variables):
    who publishes the site, a contact that works, whose official statistics the figures
    are and under which licence."""
    project = load_project(ROOT)
    contact = DEPLOYED_BY["NPF_SITE_CONTACT"]
    for path in _pages(site):
        footer = _soup(path).find("p", class_="npf-footer")
        assert footer is not None, path
        text = footer.get_text(" ", strip=True)
        assert "This site is published by example-owner." in text, path
        assert footer.find("a", href=contact) is not None, path
        assert "official statistics" in text and "Scottish Government" in text
        licence = footer.find("a", href=project.licence.url)
        assert licence is not None and licence.get_text() == project.licence.title


def _zips(site: Path) -> list[Path]:
    return sorted((site / "data").rglob("*.zip"))


def test_every_zip_has_a_readme_with_the_licence(site: Path) -> None:
    project = load_project(ROOT)
    zips = _zips(site)
    assert len(zips) > 100
    for path in zips:
        with zipfile.ZipFile(path) as zf:
            readmes = [n for n in zf.namelist() if n.endswith("README.txt")]
            assert len(readmes) == 1, path
            text = zf.read(readmes[0]).decode("utf-8")
        assert project.licence.title in text and project.licence.url in text, path
        assert project.licence.attribution in text
        assert SITE_URL + "data/index.html" in text


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if not n.endswith("/")}


def test_every_zip_passes_frictionless(site: Path, tmp_path: Path) -> None:
    """Each package's zip, reopened, passes ``frictionless validate`` (the Python API);
    ``all.zip`` holds the same files, byte for byte, in the data folder's layout (so its
    packages pass too: validating them again would double the test's 20 s)."""
    from frictionless import Package

    zips = [z for z in _zips(site) if z.name != "all.zip"]
    assert len(zips) > 300  # 81 indicators, the framework, 313 evidence datasets
    expected: dict[str, bytes] = {}
    for path in zips:
        with zipfile.ZipFile(path) as zf:
            zf.extractall(tmp_path / path.stem)
        [descriptor] = (tmp_path / path.stem).glob("*/datapackage.json")
        report = Package(str(descriptor)).validate()
        assert report.valid, (path.name, report.flatten(["rowNumber", "fieldName", "message"]))
        folder = {"data": "indicators/", "evidence": "equality-evidence/"}.get(path.parent.name)
        for name, data in _entries(path).items():
            if not name.endswith("README.txt"):
                expected[name if path.name == "framework.zip" else f"{folder}{name}"] = data
    everything = _entries(site / "data" / "all.zip")
    assert everything.pop("README.txt")
    assert everything == expected


def _same_cell(cell: object, text: str) -> bool:
    """A workbook's cell holds what the CSV's does: a date as the date, a number as the
    number to the 15 significant digits a spreadsheet holds (the CSV keeps a float's
    every digit: 33.300000000000004, which Excel reads as 33.3), text as the text."""
    if cell is None:
        return text == ""
    if isinstance(cell, datetime):
        return cell.date().isoformat() == text
    if isinstance(cell, int | float):
        return math.isclose(cell, float(text), rel_tol=1e-14)
    return cell == text


def test_every_workbook_has_notes_and_the_csvs_figures(site: Path) -> None:
    """Every indicator's workbook (all 81: about 5 s) holds its CSV's every cell."""
    project = load_project(ROOT)
    books = sorted((site / "data").glob("*.xlsx"))
    assert len(books) > 50
    for book in books:
        wb = load_workbook(io.BytesIO(book.read_bytes()), read_only=True)
        assert wb.sheetnames[-1] == "Notes"
        notes = " ".join(str(r[0]) for r in wb["Notes"].iter_rows(values_only=True))
        assert project.licence.title in notes and "Scottish Government" in notes
        sheet = list(wb[wb.sheetnames[0]].iter_rows(values_only=True))
        with book.with_suffix(".csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        # the CSV has each group's name beside its code; the workbook the package's columns
        keep = [i for i, c in enumerate(rows[0]) if not c.endswith("_name")]
        table = [[row[i] for i in keep] for row in rows]
        assert list(sheet[0]) == table[0], book
        assert len(sheet) == len(table), book
        for cells, row in zip(sheet[1:], table[1:], strict=True):
            for cell, text in zip(cells, row, strict=True):
                assert _same_cell(cell, text), (book.name, cell, text)


def test_every_csv_has_csvw_metadata_beside_it(site: Path) -> None:
    """Every CSV file of the site: each indicator's and each place's under data/, and
    each chart's under charts/."""
    project = load_project(ROOT)
    csvs = sorted(site.rglob("*.csv"))
    folders = {p.relative_to(site).parent.as_posix() for p in csvs}
    assert folders == {"data", "data/areas", "charts"}
    assert len(csvs) > 600
    for path in csvs:
        about = json.loads(Path(f"{path}-metadata.json").read_text(encoding="utf-8"))
        assert about["@context"] == "http://www.w3.org/ns/csvw"
        assert about["url"] == path.name
        assert about["dc:title"], path
        assert about["dc:license"] == {"@id": project.licence.url}
        assert about["dc:publisher"] == "Scottish Government"
        assert project.licence.attribution in " ".join(about["notes"])
        with path.open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        assert [c["name"] for c in about["tableSchema"]["columns"]] == header
