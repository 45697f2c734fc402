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
    tmp_path: Path, breakdown: list[Series], bars: list[Bar], bundle_cache: Path
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
        "<body><main style='max-width:700px'>" + "".join(blocks) + "</main>"
        "<script src='assets/javascripts/vega.js'></script>"
        "<script src='assets/javascripts/charts.js'></script></body></html>",
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
