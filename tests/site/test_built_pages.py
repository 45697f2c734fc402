"""Parse the built HTML of the default site: every outcome and indicator page exists,
with its status, chart, table and source; downloads exist and read back."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_scripts.analyse.indicators import analyse_framework
from build_scripts.load import load_framework
from build_scripts.model import Framework
from tests.site.conftest import DATA

STATUS_WORDS = {"Improving", "Maintaining", "Worsening", "To be confirmed", "In development"}


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework(DATA)


def article(site: Path, path: str) -> BeautifulSoup:
    html = (site / path).read_text(encoding="utf-8")
    found = BeautifulSoup(html, "html.parser").select_one("article")
    assert found is not None, f"{path} has no article"
    return found


def test_every_outcome_page_lists_its_indicators_with_status(
    site: Path, framework: Framework
) -> None:
    assert len(framework.outcomes) == 11
    for outcome in framework.outcomes:
        page = article(site, f"outcomes/{outcome.slug}.html")
        assert outcome.statement in page.get_text(" ")
        links = {a["href"] for a in page.select("a[href]")}
        for slug in outcome.indicators:
            assert f"../indicators/{slug}.html" in links, (outcome.slug, slug)
        statuses = [s.get_text(" ", strip=True) for s in page.select(".npf-status")]
        assert len(statuses) >= len(outcome.indicators)
        assert all(any(w in s for w in STATUS_WORDS) for s in statuses)


def test_every_indicator_page_has_status_chart_table_and_source(
    site: Path, framework: Framework
) -> None:
    assert len(framework.indicators) == 81
    for slug, indicator in framework.indicators.items():
        page = article(site, f"indicators/{slug}.html")
        assert page.h1 is not None and page.h1.get_text(strip=True)
        status = page.select_one(".npf-status")
        assert status is not None, slug
        word = status.get_text(" ", strip=True)
        assert any(w in word for w in STATUS_WORDS), (slug, word)
        assert page.find(id="source") is not None, slug
        if indicator.in_development:
            assert "In development" in word, slug
            continue
        figure = page.select_one("figure.npf-chart")
        assert figure is not None, slug
        image = figure.select_one("img")
        assert image is not None and image.get("alt"), slug
        assert (site / "indicators" / image["src"]).resolve().is_file(), slug
        assert figure.select_one("figcaption").get_text(strip=True), slug
        tables = page.select("table.npf-table")
        assert tables and all(t.caption and t.select("th") for t in tables), slug
        producer = indicator.source.split(",")[0].strip()
        assert producer in page.get_text(" "), (slug, producer)
        assert page.select_one(f'a[href="../data/{slug}.csv"]') is not None, slug
        assert page.select_one(f'a[href="../data/{slug}.zip"]') is not None, slug
        assert page.select_one(f'a[href="../data/{slug}.xlsx"]') is not None, slug


def test_headline_table_holds_the_published_figures(site: Path, framework: Framework) -> None:
    indicator = framework.indicators["healthy-life-expectancy"]
    measure = indicator.headline_measure
    assert measure is not None
    text = article(site, "indicators/healthy-life-expectancy.html").get_text(" ")
    for figure in indicator.series(measure.name):
        assert figure.period in text
        assert f"{figure.value:.1f}" in text


def test_indicator_zip_is_its_data_package(site: Path) -> None:
    with zipfile.ZipFile(site / "data" / "healthy-life-expectancy.zip") as zf:
        names = zf.namelist()
        assert "healthy-life-expectancy/datapackage.json" in names
        rows = list(
            csv.DictReader(
                io.StringIO(zf.read("healthy-life-expectancy/healthy-life-expectancy.csv").decode())
            )
        )
    on_disk = DATA / "indicators" / "healthy-life-expectancy" / "healthy-life-expectancy.csv"
    assert len(rows) == len(on_disk.read_text(encoding="utf-8").splitlines()) - 1


def test_downloaded_package_validates_with_frictionless(site: Path, tmp_path: Path) -> None:
    from frictionless import Package

    with zipfile.ZipFile(site / "data" / "healthy-life-expectancy.zip") as zf:
        zf.extractall(tmp_path)
    report = Package(tmp_path / "healthy-life-expectancy" / "datapackage.json").validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_no_page_loads_anything_from_outside(site: Path) -> None:
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("img", "src"), ("link", "href"), ("iframe", "src")):
            for element in soup.find_all(tag):
                value = element.get(attr) or ""
                if tag == "link" and "stylesheet" not in (element.get("rel") or []):
                    continue
                assert not value.startswith(("http:", "https:", "//")), (page, value)


def test_every_indicator_page_answers_first_and_keeps_breakdowns_closed(
    site: Path, framework: Framework
) -> None:
    """Issue 10, on the real build: the answer (status and the latest figure with its
    period, as the analyse stage found it) comes before any chart; every "On this page"
    link resolves to an id on the page; every breakdown chart is in a closed <details>
    (a map is in the open Map section); the related indicators are the other indicators
    of its outcomes."""
    analysis = analyse_framework(framework)
    outcomes = {o.slug: o for o in framework.outcomes}
    for slug, indicator in framework.indicators.items():
        page = article(site, f"indicators/{slug}.html")
        answer = page.find(id="answer")
        assert answer is not None, slug
        first_chart = page.select_one("figure.npf-chart")
        if first_chart is not None:
            assert answer in first_chart.find_all_previous("h2"), slug
        latest = analysis.change(slug).latest
        if latest is not None and latest.value is not None:
            said = answer.find_next("li").get_text(" ", strip=True)
            assert said.startswith("The latest figure is"), (slug, said)
            assert said.endswith(f"({latest.period}).") or latest.period in said, (slug, said)
        nav = page.select_one("nav.npf-on-this-page")
        assert nav is not None, slug
        for link in nav.select("a[href]"):
            assert page.find(id=link["href"].lstrip("#")) is not None, (slug, link["href"])
        for figure in page.select("figure.npf-chart"):
            if figure["id"].endswith("--map"):  # the Map section is open, as Chart is
                assert figure.find_parent("details") is None, figure["id"]
                assert page.find(id="map") in figure.find_all_previous("h2"), figure["id"]
            elif "--total" not in figure["id"]:
                details = figure.find_parent("details")
                assert details is not None and not details.has_attr("open"), figure["id"]
        others = {
            s for o in indicator.outcomes if o in outcomes for s in outcomes[o].indicators
        } - {slug}
        related = page.find(id="related")
        listed = set() if related is None else related.find_next("ul").select("a[href]")
        assert {a["href"] for a in listed} == {f"{s}.html" for s in others}, slug
