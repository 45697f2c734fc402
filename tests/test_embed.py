"""Embeddable chart pages (``embed``) made from the small fixture project: each page
names its chart, summary, figures, sources, licence and the indicator page it comes
from, and links to nothing outside the site but the sources and the licence; the
snippet frames the page and listens for its height."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from build_scripts import urls
from build_scripts.charts.model import Chart
from build_scripts.charts.plan import chart_id, plan_charts, sparkline_id
from build_scripts.config import Project, default_project
from build_scripts.embed import embed_files, embed_html, embed_page, embedded_charts, snippet
from build_scripts.load import load_framework
from build_scripts.model import Framework

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="300"></svg>'


@pytest.fixture(scope="module")
def planned() -> tuple[Framework, list[Chart]]:
    framework = load_framework(FIXTURE)
    return framework, plan_charts(framework)


def project_in(folder: Path, site_url: str = "") -> Project:
    project = default_project()
    paths = replace(project.paths, cache=folder / "cache", work=folder / "work")
    publishing = replace(project.publishing, site_url=site_url)
    return replace(project, paths=paths, publishing=publishing)


def headline(framework: Framework, charts: list[Chart]) -> tuple[Chart, Any, Any]:
    for chart, indicator, measure in embedded_charts(framework, charts):
        if chart.id == chart_id(indicator.slug, measure.name) and chart.series:
            return chart, indicator, measure
    raise AssertionError("the fixture has no headline chart")


def soup_of(framework: Framework, found: tuple[Chart, Any, Any], project: Project) -> Any:
    chart, indicator, measure = found
    page = embed_page(framework, chart, SVG, indicator, measure, project)
    return BeautifulSoup(embed_html(page), "html.parser")


def test_only_indicator_charts_get_embed_pages(planned: Any) -> None:
    framework, charts = planned
    ids = {c.id for c, _, _ in embedded_charts(framework, charts)}
    assert ids, "no chart to embed"
    slugs = list(framework.indicators)
    assert not any(sparkline_id(s) in ids for s in slugs)
    assert not any(i.endswith("--map") or i.startswith("evidence--") for i in ids)
    # every headline chart and every breakdown chart planned for a live indicator is there
    breakdowns = {c.id for c in charts if c.id.count("--") >= 2 and not c.id.endswith("--map")}
    assert breakdowns - ids == {i for i in breakdowns if i.split("--")[0] not in slugs}


def test_embed_page_shows_the_chart_with_its_figures_source_and_licence(
    planned: Any, tmp_path: Path
) -> None:
    framework, charts = planned
    found = headline(framework, charts)
    chart, indicator, _ = found
    project = project_in(tmp_path)
    soup = soup_of(framework, found, project)
    assert soup.find("h1").get_text() == chart.title
    assert project.name in soup.title.get_text()
    assert soup.html["lang"] == project.language
    img = soup.find("figure").find("img")
    assert img["src"] == f"../charts/{chart.id}.svg"
    assert img["alt"] == chart.alt
    assert (img["width"], img["height"]) == ("640", "300")
    assert soup.find("figcaption").get_text() == chart.summary
    # the table in a <details>: one row a figure of the chart
    table = soup.find("details").find("table")
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == sum(len(s.points) for s in chart.series)
    first = chart.series[0].sorted_points()[0]
    cells = [td.get_text() for td in rows[0].find_all("td")]
    assert cells[:2] == [first.period, chart.series[0].label]
    text = soup.get_text(" ")
    for source in indicator.sources:
        assert source.title in text
    licence = soup.find("a", rel=lambda r: r and "license" in r)
    assert licence["href"] == project.licence.url
    assert licence.get_text() == project.licence.title
    if project.licence.attribution:
        assert project.licence.attribution in text
    back = soup.find("a", string=re.compile(re.escape(indicator.title)))
    assert back["href"] == f"../indicators/{indicator.slug}.html"


def test_the_page_requests_nothing_outside_the_site(planned: Any, tmp_path: Path) -> None:
    framework, charts = planned
    soup = soup_of(framework, headline(framework, charts), project_in(tmp_path))
    # what the page loads (not what it links to): all relative, no scripts or styles from elsewhere
    loaded = [t.get("src") for t in soup.find_all(["img", "script", "iframe"]) if t.get("src")]
    loaded += [t["href"] for t in soup.find_all("link") if t.get("href")]
    assert loaded and all(":" not in u.split("/")[0] and not u.startswith("//") for u in loaded)
    outside = {a["href"] for a in soup.find_all("a") if a["href"].startswith("http")}
    _, indicator, _ = headline(framework, charts)
    assert outside <= {s.url for s in indicator.sources} | {project_in(tmp_path).licence.url}
    # it posts its height to the page framing it
    [script] = [s.string for s in soup.find_all("script") if not s.get("src") and not s.get("type")]
    assert "npf-embed-height" in script and "postMessage" in script
    # the one script it loads is the site's own charts.js (which loads the site's Vega)
    assert [s["src"] for s in soup.find_all("script", src=True)] == [
        "../assets/javascripts/charts.js"
    ]


def test_an_interactive_chart_can_be_explored_a_static_one_not(
    planned: Any, tmp_path: Path
) -> None:
    """The figure is the one charts.js draws: a hidden "Explore this chart" button and
    the chart's own spec; a chart that is not interactive has neither, nor charts.js."""
    framework, charts = planned
    chart, indicator, measure = headline(framework, charts)
    soup = soup_of(framework, (chart, indicator, measure), project_in(tmp_path))
    figure = soup.find("figure", class_="npf-chart")
    assert figure.find("div", class_="npf-chart__static").find("img")
    button = figure.find("button", class_="npf-chart__explore")
    assert button.has_attr("hidden") and button.get_text() == "Explore this chart"
    spec = figure.find("script", class_="vega-spec")
    assert spec["type"] == "application/json"
    assert json.loads(spec.string) == json.loads(json.dumps(chart.spec))
    still = replace(chart, interactive=False)
    soup = soup_of(framework, (still, indicator, measure), project_in(tmp_path))
    assert soup.find("button") is None and soup.find("script", class_="vega-spec") is None
    assert soup.find("script", src=True) is None


def test_the_link_back_is_absolute_under_the_site_address(planned: Any, tmp_path: Path) -> None:
    framework, charts = planned
    found = headline(framework, charts)
    project = project_in(tmp_path, site_url="https://example.org/npf/")
    soup = soup_of(framework, found, project)
    slug = found[1].slug
    back = soup.find("a", string=re.compile(re.escape(found[1].title)))
    assert back["href"] == f"https://example.org/npf/indicators/{slug}.html"
    # the chart image stays relative: the page asks only its own site
    assert soup.find("img")["src"] == f"../charts/{found[0].id}.svg"


def test_text_from_data_is_escaped(planned: Any, tmp_path: Path) -> None:
    framework, charts = planned
    chart, indicator, measure = headline(framework, charts)
    planted = '"><script>alert(1)</script>'
    chart = Chart(chart.id, chart.kind, planted, chart.spec, planted, planted, series=chart.series)
    found = (chart, replace(indicator, title=planted), measure)
    soup = soup_of(framework, found, project_in(tmp_path))
    # the page's own: the spec (data), its inline script and the site's charts.js
    scripts = soup.find_all("script")
    assert [(s.get("type"), s.get("src")) for s in scripts] == [
        ("application/json", None),
        (None, None),
        (None, "../assets/javascripts/charts.js"),
    ]
    assert "alert" not in scripts[1].string
    assert soup.find("h1").get_text() == planted


def test_an_address_that_is_no_web_address_is_not_linked(planned: Any, tmp_path: Path) -> None:
    """A source's page or the licence's address in ``javascript:`` (which validation and
    the configuration refuse) shows its title alone, never a link."""
    framework, charts = planned
    chart, indicator, measure = headline(framework, charts)
    assert indicator.sources
    sources = tuple(replace(s, url="javascript:alert(1)") for s in indicator.sources)
    project = project_in(tmp_path)
    project = replace(project, licence=replace(project.licence, url="javascript:alert(2)"))
    soup = soup_of(framework, (chart, replace(indicator, sources=sources), measure), project)
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert hrefs and not [h for h in hrefs if "javascript" in h.lower()]
    meta = soup.select_one(".npf-embed__meta").get_text(" ")
    assert sources[0].title in meta and project.licence.title in meta


@pytest.mark.parametrize("site_url", ["", "https://example.org/"])
def test_snippet_frames_the_embed_page(planned: Any, tmp_path: Path, site_url: str) -> None:
    framework, charts = planned
    chart = headline(framework, charts)[0]
    code = snippet(project_in(tmp_path, site_url=site_url), chart, SVG)
    soup = BeautifulSoup(code, "html.parser")
    frame = soup.find("iframe")
    assert frame["src"] == site_url + urls.embed(chart.id)
    assert frame["title"] == chart.title
    assert frame["width"] == "100%" and frame["loading"] == "lazy"
    assert int(frame["height"]) > 300
    assert "npf-embed-height" in soup.find("script").string


def test_embed_files_are_written_once_each(planned: Any, tmp_path: Path) -> None:
    framework, charts = planned
    svgs = {c.id: SVG for c in charts}
    project = project_in(tmp_path)
    files = embed_files(framework, charts, svgs, project, tmp_path / "embeds")
    assert set(files) == {urls.embed(c.id) for c, _, _ in embedded_charts(framework, charts)}
    again = embed_files(framework, charts, svgs, project, tmp_path / "embeds")
    assert again == files
    assert all(f.read_text(encoding="utf-8").startswith("<!doctype html>") for f in files.values())
    # a chart without an SVG has no embed page
    none = embed_files(framework, charts, {}, project, tmp_path / "embeds")
    assert none == {}
