"""Maps on the built site: an indicator page with council-area figures has a Map section
(static choropleth, ranked table, note of areas with no figure) whose figures are those
of the data package, and the map draws with Vega from the site's own boundary file when
explored, over http and from file://, with no console error and no outside request."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.site.conftest import DATA
from tests.site.test_browser import Visit, axe_problems

SLUG = "access-to-green-and-blue-space"  # higher is better, all 32 areas in 2019
PAGE = f"indicators/{SLUG}.html"
MAP = "figure.npf-chart--map"


def latest_council_figures(slug: str, measure: str) -> tuple[str, dict[str, float]]:
    """The latest period of a measure's council-area figures in its data package, and
    the figures of that period by area code."""
    path = DATA / "indicators" / slug / f"{slug}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = [
            r
            for r in csv.DictReader(f)
            if r["measure"] == measure
            and r["breakdown_type"] == "council-area"
            and not r.get("breakdown_type_2")
        ]
    last = max(rows, key=lambda r: (r["period_start"], r["period_end"]))["period"]
    return last, {r["breakdown_group"]: float(r["value"]) for r in rows if r["period"] == last}


@pytest.fixture(params=["http", "file"])
def visit(request: pytest.FixtureRequest, browser: Any, server: str, site: Path) -> Iterator[Visit]:
    """The site in a fresh browser context, over http and from file://."""
    base = server if request.param == "http" else site.resolve().as_uri()
    v = Visit(browser, base)
    yield v
    v.context.close()


def names() -> dict[str, str]:
    with (DATA / "framework" / "council-areas.csv").open(encoding="utf-8", newline="") as f:
        return {r["name"]: r["code"] for r in csv.DictReader(f)}


def test_the_map_section_has_the_static_map_and_the_ranked_figures(site: Path) -> None:
    soup = BeautifulSoup((site / PAGE).read_text(encoding="utf-8"), "html.parser")
    nav = soup.select_one("nav.npf-on-this-page")
    assert nav is not None and nav.select_one('a[href="#map"]') is not None
    heading = soup.find(id="map")
    assert heading is not None and heading.name == "h2"
    figure = heading.find_next("figure")
    assert figure is not None and "npf-chart--map" in figure["class"]
    img = figure.select_one(".npf-chart__static img")
    svg = (site / "indicators" / img["src"]).resolve()
    assert svg.is_file() and svg.read_text(encoding="utf-8").count("<path") > 32
    assert img["alt"].startswith("Map: ")

    table = figure.find_next("table")
    caption = table.caption.get_text(" ", strip=True)
    assert caption.startswith("Adults living within a 5 minute walk")
    assert "by council area, 2019: best first (higher is better), ranked 1 to 32" in caption
    rows = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        for tr in table.tbody.find_all("tr")
    ]
    period, figures = latest_council_figures(SLUG, "within-5-minutes-walk")
    assert period in caption
    codes = names()
    assert len(rows) == len(figures) == 32
    # every figure is the data package's, in order from the highest, ranked
    shown = [(codes[name], float(figure.rstrip("%"))) for name, _, figure in rows]
    assert sorted(shown) == sorted(figures.items())
    values = [v for _, v in shown]
    assert values == sorted(values, reverse=True)
    ranks = [int(rank) for _, rank, _ in rows]
    assert ranks[0] == 1 and ranks == sorted(ranks)
    for (_, a), (_, b), ra, rb in zip(shown, shown[1:], ranks, ranks[1:], strict=False):
        assert (ra == rb) == (a == b)


def test_a_map_names_the_areas_with_no_figure(site: Path) -> None:
    """An indicator whose latest council figures leave areas out says which ones, in
    the note and in the map's caption."""
    found = 0
    for page in sorted((site / "indicators").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for figure in soup.select(MAP):
            table = figure.find_next("table")
            listed = {tr.find("th").get_text(strip=True) for tr in table.tbody.find_all("tr")}
            missing = sorted(set(names()) - listed)
            if not missing:
                continue
            found += 1
            # the first paragraph after the figure's own (its downloads)
            after = (p for p in figure.find_all_next("p") if figure not in p.parents)
            note = next(after).get_text(" ", strip=True)
            assert note.startswith("No figure for ")
            assert all(name in note for name in missing), (page.name, missing)
            caption = figure.figcaption.get_text(" ", strip=True)
            assert "grey on the map" in caption
    assert found  # some of the NPF's council series do not cover all 32 areas


def test_the_map_draws_from_the_sites_own_boundaries_when_explored(visit: Visit) -> None:
    page = visit.open(PAGE)
    figure = page.locator(MAP)
    assert [u for u in visit.requests if "boundaries" in u] == []  # not loaded on arrival
    figure.locator(".npf-chart__explore").click()
    figure.locator(".vega-embed svg").wait_for(timeout=15000)
    # the 32 areas (each shaded or grey) are drawn, then the static image is hidden
    shapes = figure.locator(".vega-embed svg .mark-shape path")
    assert shapes.count() >= 32
    assert not figure.locator(".npf-chart__static").is_visible()
    loaded = [u for u in visit.requests if "boundaries/council-area.js" in u]
    assert len(loaded) == 1
    # keyboard: the drawn map is a tab stop; the arrow keys read out the ranked figures
    host = figure.locator(".npf-chart__interactive")
    assert host.get_attribute("tabindex") == "0"
    host.focus()
    page.keyboard.press("ArrowRight")
    readout = figure.locator(".npf-chart__readout").inner_text()
    assert readout.startswith("Dumfries and Galloway: 85.0%") and "(1 of 32)" in readout
    assert visit.errors == []
    assert visit.outside() == []


def test_a_map_shows_a_tooltip_under_the_pointer(browser: Any, server: str) -> None:
    v = Visit(browser, server)
    page = v.open(PAGE)
    figure = page.locator(MAP)
    figure.locator(".npf-chart__explore").click()
    figure.locator(".vega-embed svg").wait_for(timeout=15000)
    box = figure.locator(".vega-embed svg .mark-shape path").last.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert "Rank" in text and "Figure" in text
    problems = axe_problems(page)  # with the tooltip showing
    assert v.errors == []
    v.context.close()
    assert problems == []
