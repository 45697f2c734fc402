"""Safe to open (issue 11): hostile text in every free-text field a valid project allows
comes out of the build as text, in every page kind and every machine-readable file.

One synthetic project (``tests/synthetic.py``, ``plant_hostile``) carries ``HOSTILE`` (a
``<script>``, a ``</script><script>``, an attribute break-out with ``onerror``, a
``javascript:`` address, Jinja's ``{{ 7*7 }}`` and ``{% raw %}``, a Markdown link,
emphasis and table, ``<!--``, ``]]>`` and ``&amp;``) in its titles, descriptions,
groups, places, units, sources, notes, evidence and configuration (site name, nouns,
publisher, licence, glossary). It is built once, with a site URL, and:

- in headless Chromium, one page of every kind and the interactive parts (a chart and a
  map explored, the chart choice, search) run nothing (no dialog, ``window.__pwned``
  unset), grow no ``on*`` attribute, ``<img src=x>`` or ``javascript:`` link, render no
  planted Markdown or Jinja, and show the planted text whole;
- every JSON, JSON-LD, XML, CSVW and README file parses and holds the text literally.

Where validation rightly refuses a planted value (a ``javascript:`` address), the test
asserts the located problem instead.
"""

from __future__ import annotations

import html
import http.server
import json
import re
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from shapely.geometry import box

from build_scripts.cli import main
from build_scripts.config import CONFIG_FILE, load_project
from build_scripts.errors import NpfError
from build_scripts.importers.boundaries import Area, convert, write_topology
from build_scripts.pages.kinds import KINDS
from build_scripts.release import record_release
from build_scripts.validate import validate_path
from tests.site.conftest import ROOT, _Quiet
from tests.site.test_browser import Visit
from tests.synthetic import (
    HOSTILE,
    HOSTILE_URL,
    HOSTILE_WEB_URL,
    Country,
    Size,
    area_code,
    hostile,
    plant_hostile,
    write_evidence,
    write_packages,
)

pytestmark = pytest.mark.browser

SITE_URL = "https://hostile.example.org/"
AREAS = 3
BOUNDARIES = "maps/council-areas.topojson"


def toml(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value)


def config(licence_url: str = HOSTILE_WEB_URL) -> str:
    """The project's npf.toml: every text setting hostile, the addresses valid ones."""
    return f"""\
[site]
name = {toml(hostile("Site"))}
description = {toml(hostile("Site description"))}
url = "{SITE_URL}"
publisher = {toml(hostile("Site publisher"))}
contact = "team@hostile.example.org"

[publisher]
name = {toml(hostile("Statistics publisher"))}
url = "https://statistics.example.org/"

[framework]
name = {toml(hostile("Framework"))}
outcome = {toml(hostile("Outcome noun"))}
outcomes = {toml(hostile("Outcomes noun"))}
target = {toml(hostile("Target noun"))}
targets = {toml(hostile("Targets noun"))}
indicator = {toml(hostile("Indicator noun"))}
indicators = {toml(hostile("Indicators noun"))}
place = {toml(hostile("Place"))}

[[geography]]
breakdown_type = "council-area"
name = {toml(hostile("Places noun"))}
singular = {toml(hostile("Place noun"))}
codes = {toml(hostile("Codes"))}
resource = "council-areas"
boundaries = "{BOUNDARIES}"

[licence]
name = "OGL-UK-3.0"
title = {toml(hostile("Licence"))}
url = {toml(licence_url)}
attribution = {toml(hostile("Attribution"))}

[paths]
data = "data"
pages = "{ROOT / "site_src"}"
maintainers = "{ROOT / "docs"}"
output = "public"
cache = "state/cache"
work = "state/work"
"""


GLOSSARY = f"""\
[abbreviations]
Title = {toml(hostile("Glossary title"))}
Evidence = {toml(hostile("Glossary evidence"))}
"""
"""Expansions of words the evidence dataset's title and table use: written as
``<abbr title="...">`` on its page, and listed on the equality page."""


@pytest.fixture(scope="session")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / CONFIG_FILE).write_text(config(), encoding="utf-8")
    (folder / "glossary.toml").write_text(GLOSSARY, encoding="utf-8")
    areas = [
        Area(area_code(n), hostile(f"Boundary {n}"), box(n, 55, n + 1, 56))
        for n in range(1, AREAS + 1)
    ]
    write_topology(convert(areas), folder / BOUNDARIES)
    # with targets, so their pages, titles and codes carry the planted text too
    write_packages(folder / "data", Size(indicators=3, outcomes=2, areas=AREAS, targets=True))
    write_evidence(folder / "data", Country())
    plant_hostile(folder / "data")
    return folder


@pytest.fixture(scope="session")
def hostile_site(hostile_project: Path) -> Path:
    """The hostile project built after one release, so that the releases page, the
    status history and the Atom feeds carry the planted text too."""
    project = load_project(hostile_project)
    record_release("2026.1", project.paths.data, project, when="2026-01-15")
    assert main(["build", "--project", str(hostile_project), "--quiet"]) == 0
    return hostile_project / "public"


@pytest.fixture(scope="session")
def hostile_server(hostile_site: Path) -> Iterator[str]:
    handler = partial(_Quiet, directory=str(hostile_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_hostile_project_is_valid(hostile_project: Path) -> None:
    report = validate_path(hostile_project / "data", project=load_project(hostile_project))
    assert report.valid, report.format()
    text = (hostile_project / "data" / "framework" / "indicators.csv").read_text("utf-8")
    assert text.count("window.__pwned=1") == 9  # in each indicator's code, title and producer


def test_a_javascript_address_is_refused_where_it_is_written(tmp_path: Path) -> None:
    """A source's page or the licence's address in ``javascript:`` is not a link to
    escape but a mistake to name: validation and the configuration refuse it, located."""
    data = tmp_path / "data"
    write_packages(data, Size(indicators=2, outcomes=1, areas=2))
    plant_hostile(data, source_url=HOSTILE_URL)
    found = {
        (Path(p.path).relative_to(data).as_posix(), p.row, p.column)
        for p in validate_path(data).problems
        if p.code == "not-a-web-address"
    }
    assert found == {
        ("framework/sources.csv", 2, "url"),
        ("framework/datapackage.json", None, "sources[0].url"),
        ("indicators/indicator-1/datapackage.json", None, "sources[0].url"),
        ("indicators/indicator-2/datapackage.json", None, "sources[0].url"),
    }
    (tmp_path / CONFIG_FILE).write_text(config(licence_url=HOSTILE_URL), encoding="utf-8")
    with pytest.raises(NpfError) as refused:
        load_project(tmp_path)
    problems = [(p.row, p.column, p.code) for p in refused.value.problems]
    assert (33, "[licence] url", "config-pattern") in problems


# --- in the browser -----------------------------------------------------------------

EXTRA_PAGES = ("about.html", "methodology.html", "accessibility.html", "api.html", "404.html")


def pages_of_every_kind(site: Path) -> list[str]:
    """One built page of each generated kind, the hand-written pages, the 404 page and
    an embed page."""
    pages = []
    for kind in KINDS:
        if not kind.per_thing:
            pages.append(kind.url.removesuffix(".md") + ".html")
            continue
        folder = site / kind.url.split("/", 1)[0]
        found = sorted(p for p in folder.glob("*.html") if p.name != "index.html")
        assert found, f"no page of {kind.name} was built"
        pages.append(found[0].relative_to(site).as_posix())
    embeds = sorted((site / "embed").glob("*.html"))
    assert embeds
    return [*pages, *EXTRA_PAGES, embeds[0].relative_to(site).as_posix()]


# What a page grew from planted text, if anything: read in the page after it ran.
PROBE = """(hostile) => {
  const all = Array.from(document.querySelectorAll('*'));
  const body = document.body.cloneNode(true);
  body.querySelectorAll('script, style, template').forEach(el => el.remove());
  const text = (body.textContent || '').replace(/\\s+/g, ' ');
  return {
    pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
    handlers: all.flatMap(el => Array.from(el.attributes)
        .filter(a => a.name.toLowerCase().startsWith('on'))
        .map(a => `${el.tagName} ${a.name}`)),
    images: Array.from(document.querySelectorAll('img'))
        .filter(i => i.getAttribute('src') === 'x').length,
    scripts: Array.from(document.scripts)
        .filter(s => s.textContent.trim().startsWith('window.__pwned')).length,
    links: Array.from(document.querySelectorAll('a[href], area[href]'))
        .filter(a => a.protocol === 'javascript:' || /pwned/.test(a.protocol))
        .map(a => a.getAttribute('href')),
    emphasis: Array.from(document.querySelectorAll('strong, em, b, i'))
        .filter(el => el.textContent.trim() === 'bold').length,
    markdownLinks: Array.from(document.querySelectorAll('a'))
        .filter(a => a.textContent.trim() === 'click').length,
    tables: Array.from(document.querySelectorAll('td, th'))
        .filter(c => c.textContent.trim() === 'pipe').length,
    whole: text.includes(hostile),
    title: document.title.includes(hostile),
    meta: Array.from(document.querySelectorAll('meta[content]'), m => m.content)
        .filter(c => c.includes('pwned') && !c.includes(hostile)),
    abbreviations: Array.from(document.querySelectorAll('abbr[title]'), a => a.title),
    jinja: /__pwned=4 49/.test(text),
    text_length: text.length,
  };
}"""


def probe(page: Any) -> dict[str, Any]:
    return dict(page.evaluate(PROBE, HOSTILE))


CLEAN: dict[str, Any] = {
    "pwned": None,
    "handlers": [],
    "images": 0,
    "scripts": 0,
    "links": [],
    "emphasis": 0,
    "markdownLinks": 0,
    "tables": 0,
    "whole": True,
    "title": True,
    "meta": [],
    "jinja": False,
}
"""What a page holds that shows its planted text as text: nothing grown from it."""


def visitor(browser: Any, base: str, dialogs: list[str]) -> Visit:
    """A fresh page that records any dialog (an ``alert`` that ran) and dismisses it."""
    visit = Visit(browser, base)

    def dialog(d: Any) -> None:
        dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    visit.page.on("dialog", dialog)
    # A page without an icon of its own (an embed page) makes the browser ask for
    # /favicon.ico, which the site has not: not a console error of the page's.
    visit.context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    return visit


def clean(found: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in found.items() if k in CLEAN}


def test_no_page_of_any_kind_runs_or_renders_planted_text(
    hostile_site: Path, hostile_server: str, browser: Any
) -> None:
    dialogs: list[str] = []
    visit = visitor(browser, hostile_server, dialogs)
    found = {}
    abbreviations: set[str] = set()
    try:
        for path in pages_of_every_kind(hostile_site):
            page = visit.open(path)
            page.wait_for_timeout(100)
            probed = probe(page)
            found[path] = clean(probed)
            abbreviations |= set(probed["abbreviations"])
    finally:
        visit.context.close()
    assert dialogs == []
    assert found == {path: CLEAN for path in found}
    # the glossary's expansions, in <abbr title="...">, read as written
    assert {hostile("Glossary title"), hostile("Glossary evidence")} <= abbreviations
    assert visit.errors == []


def indicator_with_map_and_choice(site: Path) -> str:
    for page in sorted((site / "indicators").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "npf-chart--map" in text and 'class="npf-choice"' in text:
            return f"indicators/{page.name}"
    raise AssertionError("no indicator page has both a map and a chart choice")


def test_explored_charts_maps_choices_and_search_run_nothing(
    hostile_site: Path, hostile_server: str, browser: Any
) -> None:
    """Vega draws titles, axes, legends and tooltips from the data, the choice form
    writes labels and a status line, and search writes its results: each as text."""
    dialogs: list[str] = []
    visit = visitor(browser, hostile_server, dialogs)
    try:
        page = visit.open(indicator_with_map_and_choice(hostile_site))
        page.locator(".npf-chart__explore").first.click()
        page.wait_for_selector(".npf-chart .vega-embed svg", timeout=15000)
        chart_text = page.locator(".npf-chart .vega-embed svg").first.text_content() or ""
        map_figure = page.locator(".npf-chart--map").first
        map_figure.locator(".npf-chart__explore").click()
        map_figure.locator(".vega-embed svg").wait_for(timeout=15000)
        # the pointer on a place: its tooltip holds the place's planted name
        shape = map_figure.locator(".vega-embed svg .mark-shape path").last.bounding_box()
        assert shape is not None
        page.mouse.move(shape["x"] + shape["width"] / 2, shape["y"] + shape["height"] / 2)
        page.locator("#vg-tooltip-element").wait_for(state="visible", timeout=5000)
        tooltip = page.locator("#vg-tooltip-element").text_content() or ""
        tooltip_images = page.locator("#vg-tooltip-element img").count()

        choice = page.locator(".npf-choice").first
        choice.evaluate("el => el.hidden = false")
        choice.locator(".npf-choice__boxes input").first.uncheck()
        choice.locator(".npf-choice__view .npf-chart__interactive svg").wait_for(timeout=15000)
        status = choice.locator(".npf-choice__status").text_content() or ""
        after_charts = clean(probe(page))

        search = visit.open("index.html")
        search.click("label.md-search__icon, .md-search__input", timeout=5000)
        search.wait_for_timeout(1000)
        search.keyboard.type("pipe", delay=20)  # a word of every planted text ("| pipe |")
        search.wait_for_selector(".md-search-result__item", timeout=15000)
        results = search.locator(".md-search-result__list")
        result_html = results.inner_html()
        result_text = re.sub(r"\s+", " ", results.text_content() or "")
        after_search = clean(probe(search))
    finally:
        visit.context.close()
    assert dialogs == []
    assert after_charts == CLEAN
    assert after_search == CLEAN
    assert "window.__pwned=1" in chart_text and "49" not in chart_text.split("__pwned=4")[1][:4]
    assert "<script>window.__pwned=1</script>" in tooltip and tooltip_images == 0
    assert status.strip()
    assert "<img" not in result_html and "<script" not in result_html
    assert "<script>window.__pwned=1</script>" in result_text
    assert visit.errors == []


# --- machine-readable files ---------------------------------------------------------


def strings(node: Any) -> Iterator[str]:
    """Every string in a JSON value."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def planted(texts: list[str]) -> list[str]:
    """The texts that hold any planted part: each must hold all of it, as planted."""
    return [t for t in texts if "__pwned=1" in t]


def test_every_json_file_holds_the_text_literally(hostile_site: Path) -> None:
    files = [
        hostile_site / "data" / "catalog.json",
        hostile_site / "api" / "indicators.json",
        *sorted((hostile_site / "api" / "indicators").glob("*.json")),
        *sorted((hostile_site / "data").rglob("*.csv-metadata.json")),
    ]
    assert len(files) > 5
    for path in files:
        texts = list(strings(json.loads(path.read_text(encoding="utf-8"))))
        found = planted(texts)
        assert found, path
        assert all(HOSTILE in t for t in found), (path, found)
    catalog = json.loads((hostile_site / "data" / "catalog.json").read_text(encoding="utf-8"))
    # titled after its code (the framework has codes): both whole, one after the other
    code = hostile("Code 1.1.1")
    assert f"{code} {hostile('Indicator 1')}" in set(strings(catalog))
    api = json.loads((hostile_site / "api" / "indicators" / "indicator-1.json").read_text("utf-8"))
    assert {hostile("Indicator 1"), code} <= set(strings(api))
    assert HOSTILE_WEB_URL in set(strings(api))


def test_json_in_pages_parses_and_holds_the_text_literally(hostile_site: Path) -> None:
    """JSON-LD and the charts' specs sit in ``<script>`` elements: their ``</`` and
    ``<!--`` are escaped, so each parses whole, and holds the planted strings."""
    page = (hostile_site / "indicators" / "indicator-1.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    blocks = soup.find_all("script", type=["application/ld+json", "application/json"])
    assert len(blocks) > 3
    for block in blocks:
        raw = block.string or ""
        assert "</" not in raw and "<!--" not in raw
        json.loads(raw)
    (ld,) = [json.loads(b.string) for b in blocks if b["type"] == "application/ld+json"]
    assert ld["name"] == f"{hostile('Code 1.1.1')} {hostile('Indicator 1')}"
    assert ld["description"] == hostile("Description of indicator-1")
    assert ld["creator"]["name"] == hostile("Statistics publisher")
    assert ld["license"] == HOSTILE_WEB_URL
    specs = [b.string for b in blocks if "vega-spec" in (b.get("class") or [])]
    # a chart's title is wrapped into lines (a list of strings), cut at spaces
    assert specs and any(HOSTILE in " ".join(strings(json.loads(s))) for s in specs)


def test_the_search_index_holds_escaped_html(hostile_site: Path) -> None:
    """Material writes the index's titles and texts as HTML into the results: planted
    text is escaped there, so it parses back to the same characters and no element."""
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    shown = []
    for doc in index["docs"]:
        for field in ("title", "text"):
            soup = BeautifulSoup(doc[field], "html.parser")
            assert not soup.find_all(["script", "img", "a", "strong", "em"]), doc[field]
            shown.append(re.sub(r"\s+", " ", soup.get_text()))
    found = planted(shown)
    assert found and all(HOSTILE in t for t in found)
    script = (hostile_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert json.loads(script[script.index("{") : script.rindex("}") + 1]) == index


def test_the_feeds_parse_and_hold_the_text_literally(hostile_site: Path) -> None:
    feeds = [hostile_site / "feed.xml", *sorted((hostile_site / "feeds").glob("*.xml"))]
    assert len(feeds) > 1 and all(f.is_file() for f in feeds)
    for path in feeds:
        tree = ElementTree.parse(path)  # an element grown from the text would not parse
        titles = [e.text or "" for e in tree.iter() if e.tag.endswith("title")]
        assert titles, path
        if path.parent.name == "feeds":  # an indicator's: its title as planted
            assert any(HOSTILE in t for t in titles), path


def test_the_sitemap_parses(hostile_site: Path) -> None:
    tree = ElementTree.parse(hostile_site / "sitemap.xml")
    addresses = [e.text or "" for e in tree.iter() if e.tag.endswith("loc")]
    assert len(addresses) > 10 and all(a.startswith(SITE_URL) for a in addresses)


def test_readmes_in_zips_hold_the_text_literally(hostile_site: Path) -> None:
    zips = sorted((hostile_site / "data").rglob("*.zip"))
    assert zips
    for path in zips:
        with zipfile.ZipFile(path) as archive:
            readmes = [n for n in archive.namelist() if n.endswith("README.txt")]
            assert readmes, path
            for name in readmes:
                lines = archive.read(name).decode("utf-8").splitlines()
                found = planted(lines)
                assert found and all(HOSTILE in line for line in found), (path, name)


def test_embed_pages_show_the_text_once_escaped(hostile_site: Path) -> None:
    """Embed pages are HTML of their own (not MkDocs'): parsed, their title, caption,
    sources and licence read as planted, with no element grown from it."""
    for path in sorted((hostile_site / "embed").glob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert not soup.find_all("img", src="x")
        scripts = soup.find_all("script")
        # a chart's spec is JSON data, its text written so no "<" can end or open a tag
        specs = [s for s in scripts if "vega-spec" in (s.get("class") or [])]
        assert all(s.get("type") == "application/json" for s in specs)
        assert all("<" not in (s.string or "") for s in specs), path
        code = [s for s in scripts if s not in specs]
        assert [s for s in code if "__pwned" in (s.string or "")] == []
        assert not [a for a in soup.find_all("a") if "javascript" in a.get("href", "")]
        text = re.sub(r"\s+", " ", soup.get_text())
        assert HOSTILE in text and html.escape(HOSTILE) not in text, path
