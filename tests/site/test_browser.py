"""Open the built site in headless Chromium, over http and from file://."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.site.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class Visit:
    """A page opened in a fresh context, recording console errors and every request."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.context.on("request", lambda r: self.requests.append(r.url))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def open(self, path: str) -> Any:
        self.page.goto(f"{self.base}/{path}")
        self.page.wait_for_load_state("load")
        return self.page

    def outside(self) -> list[str]:
        base = urlparse(self.base)
        bad = []
        for url in self.requests:
            u = urlparse(url)
            if u.scheme in ("data", "blob", "about"):
                continue
            if base.scheme == "file" and u.scheme == "file":
                continue
            if u.scheme in ("http", "https") and u.netloc == base.netloc:
                continue
            bad.append(url)
        return bad


@pytest.fixture(params=["http", "file"])
def visit(request: pytest.FixtureRequest, browser: Any, server: str, site: Path) -> Iterator[Visit]:
    base = server if request.param == "http" else site.resolve().as_uri()
    v = Visit(browser, base)
    yield v
    v.context.close()


def first_indicator_with_data(site: Path) -> str:
    for page in sorted((site / "indicators").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "vega-spec" in text:
            return f"indicators/{page.name}"
    raise AssertionError("no indicator page has a chart")


def test_home_loads_without_errors_or_outside_requests(visit: Visit) -> None:
    page = visit.open("index.html")
    assert "National Performance Framework" in page.title()
    assert visit.errors == []
    assert visit.outside() == []


def test_charts_render_interactively(visit: Visit, site: Path) -> None:
    page = visit.open(first_indicator_with_data(site))
    page.wait_for_selector(
        ".npf-chart .vega-embed svg, .npf-chart .vega-embed canvas", timeout=15000
    )
    assert visit.errors == []
    assert visit.outside() == []


def test_search_finds_an_indicator_by_name(visit: Visit) -> None:
    page = visit.open("index.html")
    page.click("label.md-search__icon, .md-search__input", timeout=5000)
    # Typed as a person would: Material searches on key events, once its index loads.
    page.wait_for_timeout(1000)
    page.keyboard.type("healthy life expectancy", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    titles = page.inner_text(".md-search-result__list")
    assert "Healthy life expectancy" in titles
    assert visit.errors == []
    assert visit.outside() == []


@pytest.mark.parametrize("which", ["home", "outcome", "indicator"])
def test_no_axe_violations(browser: Any, server: str, site: Path, which: str) -> None:
    path = {
        "home": "index.html",
        "outcome": "outcomes/health.html",
        "indicator": first_indicator_with_data(site),
    }[which]
    v = Visit(browser, server)
    page = v.open(path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    problems = [
        f"{r['id']}: {r['help']} ({len(r['nodes'])}): {r['nodes'][0]['target']}"
        for r in result["violations"]
    ]
    v.context.close()
    assert problems == []
