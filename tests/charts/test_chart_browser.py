"""charts.js in a real browser, from file://: the interactive chart replaces the static
one, nothing is fetched from elsewhere, no console errors, and the keyboard reads the
figures out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts.charts import (
    Bar,
    Series,
    SvgRenderer,
    Units,
    bar_chart,
    chart_html,
    line_chart,
    write_vega_assets,
)

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]


def build_page(
    tmp_path: Path,
    breakdown: list[Series],
    bars: list[Bar],
    bundle_cache: Path,
    *,
    with_vega: bool = True,
) -> Path:
    site = tmp_path / "site"
    js = site / "assets" / "javascripts"
    write_vega_assets(js, cache_dir=bundle_cache)
    renderer = SvgRenderer(tmp_path / "cache")
    charts = [
        line_chart(
            "by-sex",
            "Example by sex",
            breakdown,
            y_title="Share",
            units=Units("", True),
            legend_title="Sex",
        ),
        bar_chart(
            "by-area",
            "Example by area",
            bars,
            period="2019",
            x_title="Share",
            units=Units("", True),
        ),
    ]
    blocks = []
    for chart in charts:
        svg = renderer.render(chart)
        (site / f"{chart.id}.svg").write_text(svg, encoding="utf-8")
        blocks.append(chart_html(chart, svg, svg_href=f"{chart.id}.svg"))
    page = site / "index.html"
    page.write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>t</title></head>"
        "<body><main style='max-width:700px'>"
        + "".join(blocks)
        + "</main>"
        + ("<script src='assets/javascripts/vega.js'></script>" if with_vega else "")
        + "<script src='assets/javascripts/charts.js'></script></body></html>",
        encoding="utf-8",
    )
    return page


def test_charts_become_interactive_offline(
    tmp_path: Path, breakdown: list[Series], bars: list[Bar], bundle_cache: Path
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if shutil.which(CHROMIUM) is None:
        pytest.skip("no chromium")
    page_path = build_page(tmp_path, breakdown, bars, bundle_cache)
    errors: list[str] = []
    outside: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.on(
            "console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None
        )
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on(
            "request",
            lambda r: None if r.url.startswith(("file://", "data:")) else outside.append(r.url),
        )
        page.goto(page_path.as_uri())
        page.wait_for_function(
            "[...document.querySelectorAll('figure.npf-chart')]"
            ".every(f => f.dataset.chartReady === 'interactive')",
            timeout=10000,
        )
        assert page.locator("#chart-by-sex .npf-chart__static").is_hidden()
        assert page.locator("#chart-by-sex .npf-chart__interactive svg").count() == 1
        width = page.evaluate(
            "document.querySelector('#chart-by-sex .npf-chart__interactive svg')"
            ".getBoundingClientRect().width"
        )
        assert width <= 390
        host = page.locator("#chart-by-sex .npf-chart__interactive")
        host.focus()
        page.keyboard.press("ArrowRight")
        readout = page.locator("#chart-by-sex .npf-chart__readout")
        assert readout.text_content() == "Female, 2017/18: 61.50% (1 of 6)"
        page.keyboard.press("End")
        assert readout.text_content() == "Male, 2019/20: 58.00% (6 of 6)"
        page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
        browser.close()
    assert errors == []
    assert outside == []


def test_vega_loads_only_when_a_chart_is_explored(
    tmp_path: Path, breakdown: list[Series], bars: list[Bar], bundle_cache: Path
) -> None:
    """Issue 10: a page with charts.js alone shows the static charts and fetches no
    vega.js; pressing a chart's "Explore this chart" loads vega.js (from file://, beside
    charts.js), draws that chart, moves focus to it, and leaves the other one static."""
    sync_api = pytest.importorskip("playwright.sync_api")
    page_path = build_page(tmp_path, breakdown, bars, bundle_cache, with_vega=False)
    errors: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_path.as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert not [u for u in requests if u.rsplit("/", 1)[-1].startswith("vega")]
        buttons = page.locator(".npf-chart__explore")
        assert buttons.count() == 2 and buttons.first.is_visible()
        assert page.locator("#chart-by-sex .npf-chart__static").is_visible()
        page.locator("#chart-by-sex .npf-chart__explore").click()
        page.wait_for_function(
            "document.querySelector('#chart-by-sex').dataset.chartReady === 'interactive'",
            timeout=10000,
        )
        assert [u for u in requests if u.rsplit("/", 1)[-1].startswith("vega")] == [
            (page_path.parent / "assets" / "javascripts" / "vega.js").as_uri()
        ]
        assert page.locator("#chart-by-sex .npf-chart__static").is_hidden()
        assert page.locator("#chart-by-sex .npf-chart__explore").is_hidden()
        focused = page.evaluate(
            "document.activeElement.classList.contains('npf-chart__interactive')"
        )
        assert focused is True
        page.keyboard.press("ArrowRight")
        readout = page.locator("#chart-by-sex .npf-chart__readout")
        assert readout.text_content() == "Female, 2017/18: 61.50% (1 of 6)"
        assert page.locator("#chart-by-area .npf-chart__static").is_visible()
        assert page.evaluate("document.querySelector('#chart-by-area').dataset.chartReady") is None
        browser.close()
    assert errors == []
