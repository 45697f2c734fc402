"""Open the built site in headless Chromium, over http and from file://."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.site.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Also axe's best practices: they caught the unnamed search dialog.
AXE_TAGS = [*WCAG_TAGS, "best-practice"]


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


def _vega_requests(visit: Visit) -> list[str]:
    return [u for u in visit.requests if urlparse(u).path.rsplit("/", 1)[-1].startswith("vega")]


def explore_first_chart(page: Any) -> None:
    """Press the first chart's "Explore this chart" and wait until it is drawn."""
    page.locator(".npf-chart__explore").first.click()
    page.wait_for_selector(
        ".npf-chart .vega-embed svg, .npf-chart .vega-embed canvas", timeout=15000
    )


def test_charts_render_interactively_once_explored(visit: Visit, site: Path) -> None:
    """Issue 10: a page's first load fetches no vega.js (900 KB): the static charts are
    there; pressing a chart's "Explore this chart" loads it and draws that chart."""
    page = visit.open(first_indicator_with_data(site))
    page.wait_for_timeout(500)
    assert _vega_requests(visit) == []
    assert page.locator(".npf-chart__static img").first.is_visible()
    explore_first_chart(page)
    assert len(_vega_requests(visit)) == 1
    assert visit.errors == []
    assert visit.outside() == []


def test_no_page_kind_loads_vega_on_its_own(browser: Any, server: str, site: Path) -> None:
    v = Visit(browser, server)
    for kind in ("home", "outcome", "indicator", "area", "evidence"):
        v.open(page_of_kind(site, kind))
    assert _vega_requests(v) == []
    assert v.errors == []
    v.context.close()


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


def _index_requests(visit: Visit) -> list[str]:
    names = ("search_index.json", "search_index.js")
    return [u for u in visit.requests if urlparse(u).path.rsplit("/", 1)[-1] in names]


@pytest.mark.parametrize("start", ["click", "key"])
def test_search_index_loads_only_when_search_is_used(visit: Visit, site: Path, start: str) -> None:
    """Issue 10: a page loads without its search index (about 90 KB gzipped); clicking
    the search box, or pressing "/", fetches it, and search then finds pages."""
    page = visit.open(first_indicator_with_data(site))
    page.wait_for_timeout(1000)
    assert _index_requests(visit) == []
    if start == "click":
        page.click("label.md-search__icon, .md-search__input", timeout=5000)
    else:
        page.keyboard.press("/")
    page.wait_for_function("document.activeElement.matches('.md-search__input')", timeout=5000)
    page.keyboard.type("healthy life expectancy", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert "Healthy life expectancy" in page.inner_text(".md-search-result__list")
    assert len(_index_requests(visit)) == 1
    assert visit.errors == []
    assert visit.outside() == []


def first_page(site: Path, folder: str, needle: str = "", without: str = "") -> str:
    """The first built page in ``folder`` whose HTML holds ``needle`` and not ``without``."""
    for page in sorted((site / folder).glob("*.html")):
        if page.name == "index.html":
            continue
        text = page.read_text(encoding="utf-8")
        if needle in text and not (without and without in text):
            return f"{folder}/{page.name}"
    raise AssertionError(f"no page in {folder}/ holds {needle!r}")


# One page of every kind the site has; each must pass axe-core's WCAG 2.2 A/AA rules.
PAGE_KINDS = [
    "home",
    "outcome",
    "indicator",
    "indicator in development",
    "indicator with council areas",
    "equality",
    "evidence",
    "area",
    "data catalogue",
    "about",
    "methodology",
    "accessibility",
]


def page_of_kind(site: Path, kind: str) -> str:
    return {
        "home": lambda: "index.html",
        "outcome": lambda: "outcomes/health.html",
        "indicator": lambda: first_indicator_with_data(site),
        "indicator in development": lambda: first_page(
            site, "indicators", "In development", "vega-spec"
        ),
        "indicator with council areas": lambda: first_page(site, "indicators", "Glasgow City"),
        "equality": lambda: first_page(site, "equality"),
        "evidence": lambda: first_page(site, "evidence"),
        "area": lambda: first_page(site, "areas"),
        "data catalogue": lambda: "data/index.html",
        "about": lambda: "about.html",
        "methodology": lambda: "methodology.html",
        "accessibility": lambda: "accessibility.html",
    }[kind]()


def axe_problems(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{r['id']}: {r['help']} ({len(r['nodes'])}): {r['nodes'][0]['target']}"
        for r in result["violations"]
    ]


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_axe_violations(browser: Any, server: str, site: Path, kind: str) -> None:
    v = Visit(browser, server)
    page = v.open(page_of_kind(site, kind))
    problems = axe_problems(page)
    v.context.close()
    assert problems == []


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("kind", ["indicator", "outcome", "home", "area", "equality"])
def test_no_axe_violations_on_a_phone(
    browser: Any, server: str, site: Path, kind: str, width: int
) -> None:
    """A phone-width page reflows (WCAG 1.4.10): nothing wider than the screen, and the
    sideways-scrolling table boxes are reachable by keyboard."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(f"{server}/{page_of_kind(site, kind)}")
    page.wait_for_load_state("load")
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    problems = axe_problems(page)
    context.close()
    assert scrolled <= width
    assert problems == []


def _focused(page: Any) -> dict[str, Any]:
    return dict(
        page.evaluate(
            """() => {
              const el = document.activeElement;
              const style = getComputedStyle(el);
              return {
                tag: el.tagName.toLowerCase(),
                cls: el.className && el.className.baseVal === undefined ? el.className : '',
                inChart: !!el.closest('.npf-chart'),
                inDetails: el.tagName === 'SUMMARY' && !!el.closest('details'),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
                shadow: style.boxShadow !== 'none',
              };
            }"""
        )
    )


def test_keyboard_reaches_the_chart_and_the_full_table(
    browser: Any, server: str, site: Path
) -> None:
    """Tab alone reaches the interactive chart and the summary of the full table, each
    with a visible focus indicator, and Enter opens the table."""
    v = Visit(browser, server)
    page = v.open(first_indicator_with_data(site))
    chart = drawn = details = None
    for _ in range(400):
        page.keyboard.press("Tab")
        now = _focused(page)
        if chart is None and now["inChart"]:
            chart = now  # the chart's "Explore this chart" button: Enter draws it
            page.keyboard.press("Enter")
            page.wait_for_selector(".npf-chart__interactive svg", timeout=15000)
            page.wait_for_function("document.activeElement.closest('.npf-chart__interactive')")
            drawn = _focused(page)
        if details is None and now["inDetails"]:
            details = now
            break
    assert chart is not None, "Tab never reached a chart"
    assert chart["tag"] == "button"
    assert chart["outline"] or chart["shadow"], f"no visible focus on the button: {chart}"
    assert drawn is not None and drawn["inChart"]
    assert drawn["outline"] or drawn["shadow"], f"no visible focus on the chart: {drawn}"
    assert details is not None, "Tab never reached the full table's summary"
    assert details["outline"] or details["shadow"], f"no visible focus on the summary: {details}"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('details').open") is True
    assert v.errors == []
    v.context.close()


def test_names_are_isolated_for_text_direction_outside_the_page_text(
    browser: Any, server: str, site: Path
) -> None:
    """Issue 8: names shown by MkDocs (navigation) and by Vega (tooltips), and the
    figures charts.js reads out, are isolated, so a right-to-left name cannot reorder
    the text around it."""
    v = Visit(browser, server)
    page = v.open(first_indicator_with_data(site))
    explore_first_chart(page)
    page.wait_for_selector(".npf-chart__interactive svg", timeout=15000)
    isolation = (
        "(s) => Array.from(document.querySelectorAll(s), e => getComputedStyle(e).unicodeBidi)"
    )
    assert set(page.evaluate(isolation, ".md-nav__link")) == {"isolate"}
    page.focus(".npf-chart__interactive")
    page.keyboard.press("ArrowRight")
    readout = page.locator(".npf-chart__readout").first
    assert readout.locator("bdi").count() >= 1
    assert "(1 of " in readout.inner_text()
    marks = page.locator(
        ".npf-chart__interactive svg .mark-symbol path, .npf-chart__interactive svg .mark-rect path"
    )
    marks.first.hover(force=True)
    page.wait_for_selector("#vg-tooltip-element.visible td", timeout=5000)
    assert set(page.evaluate(isolation, "#vg-tooltip-element td")) == {"isolate"}
    assert v.errors == []
    v.context.close()


def search_results(visit: Visit, query: str) -> list[str]:
    """The pages Material's search lists for ``query``, best first, as paths in the site:
    the real search (its worker, lunr and the built index), typed as a person would."""
    page = visit.open("index.html")
    page.click("label.md-search__icon, .md-search__input", timeout=5000)
    page.wait_for_timeout(1000)
    page.keyboard.type(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    script = """() => Array.from(
        document.querySelectorAll('.md-search-result__item > a.md-search-result__link'),
        a => a.getAttribute('href'))"""
    found: list[str] = []
    for _ in range(20):  # until the list for the whole query has settled
        page.wait_for_timeout(250)
        now = page.evaluate(script)
        if now and now == found:
            break
        found = now
    base = page.url.rsplit("/", 1)[0] + "/"
    return [urlparse(href.removeprefix(base)).path for href in found]


def _titled(site: Path, folders: tuple[str, ...], word: str) -> set[str]:
    """The pages in ``folders`` whose title (their search index entry) holds ``word``."""
    import json

    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {
        d["location"]
        for d in docs["docs"]
        if "#" not in d["location"]
        and d["location"].startswith(folders)
        and re.search(rf"\b{word}\b", d["title"].casefold())
    }


def test_search_ranks_outcomes_and_indicators_above_evidence(visit: Visit, site: Path) -> None:
    """Issue 10: "poverty" lists the Poverty outcome first, then every indicator named
    for poverty, and only then the equality evidence datasets (over 20 of which have
    "poverty" in their titles too); "child poverty" lists indicators and outcomes first,
    child material deprivation at the top of the indicators (the Poverty outcome, which
    names it among its indicators, may come before it)."""
    named = _titled(site, ("indicators/",), "poverty")
    evidence = _titled(site, ("evidence/",), "poverty")
    assert len(named) >= 2 and len(evidence) >= 10  # the case the issue describes
    found = search_results(visit, "poverty")
    assert found[0] == "outcomes/poverty.html"
    assert set(found[1 : 1 + len(named)]) == named

    found = search_results(visit, "child poverty")
    indicators = [p for p in found if p.startswith("indicators/")]
    assert indicators[0] == "indicators/child-material-deprivation.html"
    assert found.index(indicators[0]) <= 1
    first_evidence = next((i for i, p in enumerate(found) if p.startswith("evidence/")), len(found))
    assert "indicators/relative-poverty-after-housing-costs.html" in found[:first_evidence]
    assert all(p.startswith(("indicators/", "outcomes/")) for p in found[:first_evidence])
    assert visit.errors == []
    assert visit.outside() == []


def test_evidence_titles_carry_no_dataset_codes(site: Path) -> None:
    """Issue 10: a dataset's code ("inc-pov-4a") is not part of its title, on its page or
    in search; the page still gives it in its description."""
    from bs4 import BeautifulSoup

    pages = sorted((site / "evidence").glob("*.html"))
    assert pages
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        code = path.stem
        title = soup.select_one("article h1")
        assert title is not None
        assert code not in title.get_text(), path.name
        assert code not in (soup.title.string or ""), path.name


# Waits for two frames: tables.js checks each table's box when the browser first reports
# its size (a ResizeObserver), with the page's first frames or a <details> opened.
FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"

PHONE_CHECK = """() => {
  const problems = [];
  const shown = el => el.getClientRects().length > 0;
  const viewport = document.documentElement.clientWidth;
  const cueShown = wrap => {
    const cue = wrap.previousElementSibling;
    return !!cue && cue.classList.contains('npf-table-cue') && !cue.hidden && shown(cue)
      && getComputedStyle(wrap).backgroundImage.includes('radial-gradient');
  };
  const name = el => (el.closest('.npf-table-wrap') || el).innerText.slice(0, 40);
  for (const badge of document.querySelectorAll('.npf-status')) {
    if (!shown(badge)) continue;
    if (badge.scrollWidth > badge.clientWidth) problems.push('badge clipped: ' + badge.innerText);
    const wrap = badge.closest('.npf-table-wrap');
    const box = (wrap || document.documentElement).getBoundingClientRect();
    const rect = badge.getBoundingClientRect();
    const right = wrap ? box.right : viewport;
    if (rect.right > right + 1 && !(wrap && cueShown(wrap)))
      problems.push('badge cut off without a cue: ' + badge.innerText);
  }
  const reflowed = [];
  for (const wrap of document.querySelectorAll('.npf-table-wrap')) {
    // not a table in a closed <details> (laid out, but not shown: checkVisibility)
    if (!shown(wrap) || !wrap.checkVisibility() || wrap.clientWidth === 0) continue;
    const table = wrap.querySelector('table');
    const fits = wrap.scrollWidth <= wrap.clientWidth + 1;
    if (!fits && !cueShown(wrap)) problems.push('overflows without a cue: ' + name(wrap));
    if (fits && !wrap.previousElementSibling.hidden) problems.push('cue on a table that fits');
    if (!table.classList.contains('npf-table--reflow')) continue;
    if (!fits) problems.push('key table not reflowed: ' + name(wrap));
    if (getComputedStyle(table).display !== 'block') problems.push('not reflowed: ' + name(wrap));
    for (const td of table.querySelectorAll('tbody td')) {
      if (!shown(td)) continue;
      const label = td.getAttribute('data-label');
      const before = getComputedStyle(td, '::before').content;
      if (!label || before !== JSON.stringify(label))
        problems.push('cell without its label: ' + td.innerText + ' ' + before);
    }
    reflowed.push(table.querySelectorAll('tbody tr').length);
  }
  return {problems, reflowed};
}"""


@pytest.mark.parametrize("width", [320, 390])
def test_phone_tables_and_badges(browser: Any, server: str, site: Path, width: int) -> None:
    """Issue 10, on a phone: no badge is clipped; every table fits its box or shows
    that it scrolls (edge shadows and the cue above it); the key tables of outcome and
    area pages (and the home page's newest figures, a characteristic's indicators)
    reflow into rows of lines labelled with their column's header."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    pages = {
        "outcome": "outcomes/poverty.html",
        "area": page_of_kind(site, "area"),
        "home": "index.html",
        "characteristic": page_of_kind(site, "equality"),
        "indicator": "indicators/relative-poverty-after-housing-costs.html",
    }
    results = {}
    for kind, path in pages.items():
        page.goto(f"{server}/{path}")
        page.wait_for_load_state("load")
        page.evaluate(FRAMES)
        results[kind] = page.evaluate(PHONE_CHECK)
    # The indicator's breakdowns are closed <details>: open them all, then check again.
    page.goto(f"{server}/{pages['indicator']}")
    page.wait_for_load_state("load")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.evaluate(FRAMES)
    results["indicator, opened"] = page.evaluate(PHONE_CHECK)
    context.close()
    assert {k: r["problems"] for k, r in results.items() if r["problems"]} == {}
    for kind in ("outcome", "area", "home", "characteristic"):
        assert results[kind]["reflowed"] and min(results[kind]["reflowed"]) > 0, kind
    assert errors == []


def test_a_breakdown_opens_to_its_chart_which_can_be_explored(
    browser: Any, server: str, site: Path
) -> None:
    """Issue 10: a breakdown's chart and table are in a closed <details>; opening it
    shows the static chart, its "Explore this chart" draws it, and axe stays clean with
    it open."""
    v = Visit(browser, server)
    page = v.open(page_of_kind(site, "indicator with council areas"))
    details = page.locator("details.npf-breakdown").first
    chart = details.locator(".npf-chart__static img")
    assert details.get_attribute("open") is None
    assert not chart.is_visible()
    # its own summary (the snippet under its chart is a <details> of its own)
    details.locator(":scope > summary").click()
    assert details.get_attribute("open") is not None
    assert chart.is_visible()
    details.locator(".npf-chart__explore").click()
    details.locator(".vega-embed svg, .vega-embed canvas").first.wait_for(timeout=15000)
    # and its "Embed this chart" opens to the snippet, axe clean too
    details.locator(".npf-embed-snippet > summary").click()
    assert details.locator(".npf-embed-snippet pre code").is_visible()
    problems = axe_problems(page)
    assert v.errors == []
    v.context.close()
    assert problems == []


def test_a_link_to_a_breakdown_opens_it(browser: Any, server: str, site: Path) -> None:
    """Issue 10: "On this page" links to each breakdown, which is a closed <details>:
    following the link (or arriving with its fragment) opens it."""
    v = Visit(browser, server)
    path = page_of_kind(site, "indicator with council areas")
    page = v.open(path)
    details = page.locator("details.npf-breakdown").first
    ident = details.locator("summary > h3").get_attribute("id")  # the summary is a heading
    assert ident and details.get_attribute("open") is None
    page.locator(f'.npf-on-this-page a[href="#{ident}"]').first.click()
    assert details.get_attribute("open") is not None
    # the sidebar's table of contents lists it too
    assert page.locator(f'.md-sidebar--secondary a[href="#{ident}"]').count() == 1
    v.open("index.html")  # then arrive from elsewhere, with the fragment
    again = v.open(f"{path}#{ident}")
    opened = again.locator(f"details:has(#{ident})")
    assert opened.get_attribute("open") is not None
    assert v.errors == []
    v.context.close()
