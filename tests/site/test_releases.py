"""``npf release`` twice on a small synthetic project, then what the built site shows:
the version and date in every footer and published descriptor, the releases page, the
Atom feeds, each indicator's status history (on its page and in its data package), every
release's data at its own address, and ``dist/site-<version>.zip``, whose pages open from
disk in a real browser. Then its data changes after the last release: each chart's embed
frozen to a release still shows that release's figures, the latest shows the new ones."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from build_scripts.cli import main
from build_scripts.config import load_project
from tests.releasing import CHANGED, add_figure, make_project
from tests.site.test_browser import Visit, axe_problems, explore_first_chart

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = make_project(tmp_path_factory.mktemp("released") / "project")
    assert (
        main(["release", "2026.1", "--date", "2026-01-15", "--project", str(folder), "--quiet"])
        == 0
    )
    add_figure(folder / "data", CHANGED)
    assert (
        main(["release", "2026.2", "--date", "2026-03-01", "--project", str(folder), "--quiet"])
        == 0
    )
    return folder


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "site"


def record(project: Path, version: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((project / "releases" / version / "release.json").read_text())
    return data


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_every_page_states_the_latest_release_and_links_the_feed(site: Path) -> None:
    for page in ("index.html", f"indicators/{CHANGED}.html", "data/index.html", "about.html"):
        html = soup(site, page)
        assert "Release 2026.2, 1 March 2026." in html.find(class_="npf-footer").get_text(" ")
        feeds = html.find_all("link", rel="alternate", type="application/atom+xml")
        assert (
            feeds
            and (site / page).parent.joinpath(feeds[0]["href"]).resolve()
            == (site / "feed.xml").resolve()
        )
    mine = soup(site, f"indicators/{CHANGED}.html").find_all("link", type="application/atom+xml")
    assert [link["href"] for link in mine][1:] == [f"../feeds/{CHANGED}.xml"]


def test_the_indicator_page_tells_its_status_history(project: Path, site: Path) -> None:
    one, two = (record(project, v)["indicators"][CHANGED] for v in ("2026.1", "2026.2"))
    html = soup(site, f"indicators/{CHANGED}.html")
    heading = html.find(id="status-history")
    assert heading is not None
    text = heading.find_next("p").get_text(" ", strip=True)
    assert text == f"{two['status']} since the 2026.2 release; was {one['status'].lower()}."
    changes = [li.get_text(" ", strip=True) for li in heading.find_next("ul").find_all("li")]
    assert changes[0].startswith(f"Release 2026.2 (1 March 2026): {one['status']} to ")
    assert two["reason"].split(".")[0] in changes[0] and "The rule:" in changes[0]
    assert changes[1].startswith(f"Release 2026.1 (15 January 2026): {one['status']}.")
    links = [a["href"] for a in heading.find_all_next("a") if "releases/" in a["href"]][:2]
    assert links == [f"../data/releases/{v}/{CHANGED}.zip" for v in ("2026.1", "2026.2")]
    for link in links:
        assert (site / "indicators" / link).resolve().is_file()
    # its citation names the latest release and the lasting address of its data there
    cited = html.find("p", class_="npf-cite")
    assert cited is not None
    assert f"Release 2026.2, whose data stays at data/releases/2026.2/{CHANGED}.zip." in (
        cited.get_text(" ", strip=True)
    )


def test_the_releases_page_lists_each_release_with_what_changed(project: Path, site: Path) -> None:
    page = soup(site, "data/releases.html")
    assert [h.get_text(" ", strip=True) for h in page.find_all("h2")] == [
        "2026.2 (latest)",
        "2026.1",
    ]
    latest = page.find(id="release-2026-2").find_next("ul").get_text(" ", strip=True)
    status = record(project, "2026.2")["changes"]["changed_statuses"][CHANGED]
    assert "New figures for 1 National Indicator: Indicator 3." in latest
    assert f"Indicator 3: {status['from'].lower()} to {status['to'].lower()}." in latest
    first = page.find(id="release-2026-1").find_next("ul").get_text(" ", strip=True)
    assert "The first release." in first
    hrefs = {a["href"] for a in page.find_all("a")}
    for version in ("2026.1", "2026.2"):
        assert f"releases/{version}/all.zip" in hrefs
        assert f"releases/{version}/{CHANGED}.zip" in hrefs
    for href in hrefs - {h for h in hrefs if ":" in h}:
        assert (site / "data" / href.split("#")[0]).resolve().exists(), href
    data = soup(site, "data/index.html")
    assert data.find("a", href="releases.html") is not None


def test_each_release_data_is_kept_at_its_address(project: Path, site: Path) -> None:
    for version in ("2026.1", "2026.2"):
        kept = site / "data" / "releases" / version / "all.zip"
        recorded = project / "releases" / version / "data.zip"
        with zipfile.ZipFile(kept) as published, zipfile.ZipFile(recorded) as record:
            # every file as recorded, and the README every zip of the site carries
            assert set(published.namelist()) == {*record.namelist(), "README.txt"}
            assert all(published.read(n) == record.read(n) for n in record.namelist())
        with zipfile.ZipFile(site / "data" / "releases" / version / f"{CHANGED}.zip") as z:
            descriptor = json.loads(z.read(f"{CHANGED}/datapackage.json"))
            rows = z.read(f"{CHANGED}/{CHANGED}.csv").decode()
        assert descriptor["version"] == version and descriptor["title"] == "Indicator 3"
        assert ("2023," in rows) == (version == "2026.2")  # the figure added between them


def test_the_data_package_carries_the_version_and_the_history(project: Path, site: Path) -> None:
    with zipfile.ZipFile(site / "data" / f"{CHANGED}.zip") as z:
        descriptor = json.loads(z.read(f"{CHANGED}/datapackage.json"))
        history = z.read(f"{CHANGED}/status-history.csv").decode()
    assert descriptor["version"] == "2026.2"
    assert descriptor["resources"][-1]["path"] == "status-history.csv"
    rows = list(csv.DictReader(io.StringIO(history)))
    statuses = [record(project, v)["indicators"][CHANGED]["status"] for v in ("2026.1", "2026.2")]
    assert [(r["release"], r["status"], r["changed"]) for r in rows] == [
        ("2026.1", statuses[0], "true"),
        ("2026.2", statuses[1], "true"),
    ]
    with zipfile.ZipFile(site / "data" / "all.zip") as z:
        assert json.loads(z.read(f"indicators/{CHANGED}/datapackage.json"))["version"] == "2026.2"
        # the framework's own version is its revision's: the release is named beside it
        framework = json.loads(z.read("framework/datapackage.json"))
        own = json.loads((project / "data" / "framework" / "datapackage.json").read_text())
        assert framework["version"] == own["version"] != "2026.2"
        prefix = load_project(project).property_prefix
        assert framework[f"{prefix}:release"] == "2026.2"


def test_the_feeds_are_atom(site: Path) -> None:
    for path in ("feed.xml", f"feeds/{CHANGED}.xml"):
        root = ET.fromstring((site / path).read_bytes())
        assert root.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated"):
            assert root.find(ATOM + name).text
        assert root.find(f"{ATOM}updated").text == "2026-03-01T00:00:00Z"
        entries = root.findall(f"{ATOM}entry")
        assert [e.find(f"{ATOM}updated").text for e in entries] == [
            "2026-03-01T00:00:00Z",
            "2026-01-15T00:00:00Z",
        ]
        for entry in entries:
            assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}title").text
            for link in entry.findall(f"{ATOM}link"):
                target = (site / path).parent / link.get("href").split("#")[0]
                assert target.resolve().is_file(), link.get("href")


def test_the_site_zip_opens_from_disk(project: Path, tmp_path: Path, browser: Any) -> None:
    made = project / "dist" / "site-2026.2.zip"
    assert (project / "dist" / "site-2026.1.zip").is_file()
    with zipfile.ZipFile(made) as z:
        z.extractall(tmp_path)
    root = tmp_path / "site-2026.2"
    assert (root / "index.html").is_file() and (root / "feed.xml").is_file()
    visit = Visit(browser, root.resolve().as_uri())
    page = visit.open(f"indicators/{CHANGED}.html")
    chart = page.locator(".npf-chart__static img").first
    chart.scroll_into_view_if_needed()
    assert chart.evaluate("img => img.decode().then(() => img.naturalWidth > 0)")
    explore_first_chart(page)  # its interactive chart, drawn from disk
    assert "since the 2026.2 release" in page.inner_text("#status-history + p")
    page = visit.open("data/releases.html")
    assert page.inner_text("h1") == "Releases" and "2026.2 (latest)" in page.inner_text("body")
    page.click("label.md-search__icon, .md-search__input", timeout=5000)
    page.wait_for_timeout(1000)
    page.keyboard.type("Indicator 3", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert "Indicator 3" in page.inner_text(".md-search-result__list")
    assert visit.errors == []
    assert visit.outside() == []
    # (axe reads the stylesheets itself, which file:// refuses it: checked last)
    page = visit.open("data/releases.html")
    assert axe_problems(page) == []
    page = visit.open(f"indicators/{CHANGED}.html")
    assert axe_problems(page) == []
    visit.context.close()


def test_no_command_deleted_or_rewrote_a_release(project: Path) -> None:
    """A third run with a taken version leaves every file as it was."""
    before = {p: p.read_bytes() for p in (project / "releases").rglob("*") if p.is_file()}
    assert main(["release", "2026.2", "--project", str(project), "--quiet"]) == 1
    assert {p: p.read_bytes() for p in (project / "releases").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("zipped", [f"data/{CHANGED}.zip", f"data/releases/2026.1/{CHANGED}.zip"])
def test_a_released_package_validates_with_frictionless(
    site: Path, tmp_path: Path, zipped: str
) -> None:
    """The current package, with its status history as a resource, and the package as it
    was at a release both pass the stock frictionless validate."""
    from frictionless import Package

    with zipfile.ZipFile(site / zipped) as z:
        z.extractall(tmp_path)
    report = Package(tmp_path / CHANGED / "datapackage.json").validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


# --- embeds frozen to a release -------------------------------------------------------

HEADLINE = f"{CHANGED}--measure-1--total"  # the chart of the figures added


@pytest.fixture(scope="module")
def changed(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The released project (its caches too) in a folder of its own, a figure added
    after release 2026.2, and built: the site of data that moved on since its last
    release."""
    folder = tmp_path_factory.mktemp("changed") / "project"
    shutil.copytree(project, folder, ignore=shutil.ignore_patterns("site", "dist"))
    add_figure(folder / "data", CHANGED, up=False)
    assert main(["build", "--project", str(folder), "--quiet"]) == 0
    return folder / "site"


def periods(page: BeautifulSoup) -> list[str]:
    """The periods of an embed page's table of figures."""
    return [row.find("td").get_text() for row in page.select("details table tbody tr")]


def test_an_embed_frozen_to_a_release_keeps_that_release_figures(
    project: Path, changed: Path
) -> None:
    latest = soup(changed, f"embed/{HEADLINE}.html")
    shown = {v: soup(changed, f"embed/releases/{v}/{HEADLINE}.html") for v in ("2026.1", "2026.2")}
    now, first, second = periods(latest), periods(shown["2026.1"]), periods(shown["2026.2"])
    # the figure added before 2026.2, then the one added after it
    assert now[-2:] == [str(int(first[-1]) + 1), str(int(first[-1]) + 2)]
    assert second == now[:-1] and first == now[:-2]
    # the released figures are the release's own: its data.zip's, not today's
    with zipfile.ZipFile(project / "releases" / "2026.2" / "data.zip") as z:
        rows = list(
            csv.DictReader(io.StringIO(z.read(f"indicators/{CHANGED}/{CHANGED}.csv").decode()))
        )
    released = {
        r["period"]
        for r in rows
        if r["measure"] == "measure-1"
        and r["breakdown_type"] == "total"
        and not r["breakdown_type_2"]
    }
    assert set(second) == released
    for version, page in shown.items():
        note = page.find(class_="npf-embed__release")
        date = "15 January 2026" if version == "2026.1" else "1 March 2026"
        assert f"as published in release {version} ({date})" in note.get_text(" ", strip=True)
        links = [a["href"] for a in note.find_all("a")]
        assert links == [
            f"../../{HEADLINE}.html",  # the latest figures
            f"../../../data/releases/{version}/{CHANGED}.zip",
        ]
        here = changed / "embed" / "releases" / version
        for href in [
            *links,
            page.find("img")["src"],
            *(s["src"] for s in page.find_all("script", src=True)),
        ]:
            assert (here / href).resolve().is_file(), href
        assert (
            page.find("title")
            .get_text()
            .startswith(f"Measure 1 of indicator 3, as in release {version}")
        )
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    # each its own chart: the three SVGs differ, as their figures do
    images = {(changed / "embed" / p.find("img")["src"]).resolve() for p in [latest]} | {
        (changed / "embed" / "releases" / v / p.find("img")["src"]).resolve()
        for v, p in shown.items()
    }
    assert len({i.read_bytes() for i in images}) == 3


def test_every_release_froze_every_embeddable_chart_it_had(changed: Path) -> None:
    """Each release has a frozen page for every chart that had an embed page then (here
    the same charts as today's), and the site's embed pages are only those."""
    today = {p.stem for p in (changed / "embed").glob("*.html")}
    assert HEADLINE in today
    for version in ("2026.1", "2026.2"):
        frozen = {p.stem for p in (changed / "embed" / "releases" / version).glob("*.html")}
        assert frozen == today, version


def test_the_snippet_offers_the_latest_figures_and_the_latest_release(changed: Path) -> None:
    page = soup(changed, f"indicators/{CHANGED}.html")
    blocks = page.select(".npf-embed-snippet")
    assert blocks
    for block in blocks:
        latest = BeautifulSoup(
            block.select_one("pre[data-embed=latest] code").get_text(), "html.parser"
        )
        frozen = BeautifulSoup(
            block.select_one("pre[data-embed=release] code").get_text(), "html.parser"
        )
        chart = latest.iframe["data-npf-embed"]
        assert latest.iframe["src"] == f"embed/{chart}.html"
        assert frozen.iframe["src"] == f"embed/releases/2026.2/{chart}.html"
        assert (changed / frozen.iframe["src"]).is_file()
        assert frozen.iframe["title"] == latest.iframe["title"] + ", as in release 2026.2"
        said = block.get_text(" ", strip=True)
        assert "The figures as in release 2026.2, which stay as they are:" in said


@pytest.mark.parametrize(
    "page", [f"embed/{HEADLINE}.html", f"embed/releases/2026.2/{HEADLINE}.html"]
)
def test_the_latest_and_the_frozen_embed_open_from_disk(
    browser: Any, changed: Path, page: str
) -> None:
    """Both pages, opened from disk: the chart shows, "Explore this chart" draws it with
    the site's own Vega, nothing is asked of another site, and axe finds nothing."""
    visit = Visit(browser, changed.resolve().as_uri())
    opened = visit.open(page)
    image = opened.locator(".npf-chart__static img")
    assert image.evaluate("img => img.decode().then(() => img.naturalWidth > 0)")
    explore_first_chart(opened)
    assert any("assets/javascripts/vega.js" in u for u in visit.requests)
    assert visit.errors == []
    assert visit.outside() == []
    assert axe_problems(visit.open(page)) == []
    visit.context.close()
