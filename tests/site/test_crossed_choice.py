"""The chart a reader chooses for figures cross-classified by four breakdowns (issue 13),
in headless Chromium over http and from file://: a site built from the synthetic figures
of ``tests/crossed.py`` with at most three static charts a combination, so most slices
are drawn in the browser from their data file. Choosing a combination shows exactly its
figures in the chart, table and CSV; the URL keeps the choice; a bad fragment falls back
to the default; an older link to a static slice still opens it; keyboard and axe."""

from __future__ import annotations

import csv
import http.server
import io
import json
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from build_scripts.charts import plan
from build_scripts.site import build
from tests.crossed import SLUG, four_rows, write_four
from tests.site.conftest import PINNED_EPOCH, own_state
from tests.site.test_browser import Visit, axe_problems

PAGE = f"indicators/{SLUG}.html"
FOUR = "sex--age--simd--council-area"
COUNCILS = ["Aberdeen City", "Aberdeenshire", "Angus"]


@pytest.fixture(scope="module")
def crossed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crossed")
    data = write_four(folder / "datapackages")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    mp.setattr(plan, "MAX_CROSSED", 3)  # by council area, 8 slices: one static chart
    try:
        build(data, folder / "site", progress=False, project=own_state(folder))
    finally:
        mp.undo()
    return folder / "site"


@pytest.fixture(scope="module")
def crossed_server(crossed_site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = partial(Quiet, directory=str(crossed_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(params=["http", "file"])
def visit(
    request: pytest.FixtureRequest, browser: Any, crossed_server: str, crossed_site: Path
) -> Iterator[Visit]:
    base = crossed_server if request.param == "http" else crossed_site.resolve().as_uri()
    v = Visit(browser, base)
    yield v
    v.context.close()


def state(page: Any) -> dict[str, Any]:
    """The combination's view: the selects (type charted by, and each other type's
    group with the groups it offers), the status, the chart (a static image, or the
    texts Vega drew) and the table (its rows' headers and figures)."""
    return dict(
        page.evaluate(
            """() => {
              const c = document.querySelector('.npf-choice[data-measure="adults"]');
              const view = c.querySelector('.npf-choice__view');
              const shown = el => !el.hidden && el.getClientRects().length > 0;
              const img = view.querySelector('.npf-chart__static img');
              const drawn = view.querySelector('.npf-chart__interactive svg');
              const table = view.querySelector('table');
              const rows = table ? Array.from(table.querySelectorAll('tbody tr')).filter(shown)
                .map(tr => Array.from(tr.children, td => td.textContent.trim())) : [];
              return {
                radio: c.querySelector('input[type=radio]:checked').value,
                by: c.querySelector('.npf-choice__by').value,
                fixed: Array.from(c.querySelectorAll('.npf-choice__fixed select'), s => [
                  s.labels[0].textContent, s.options[s.selectedIndex].text,
                  Array.from(s.options, o => o.text)]),
                status: c.querySelector('.npf-choice__status').textContent,
                count: c.querySelector('.npf-choice__count').textContent,
                image: img && shown(img) ? img.getAttribute('src') : null,
                drawn: drawn ? Array.from(drawn.querySelectorAll('text'), t => t.textContent)
                             : null,
                table: rows,
                caption: (view.querySelector('figcaption') || {}).textContent || '',
              };
            }"""
        )
    )


def choose_four(page: Any) -> None:
    page.locator(f'.npf-choice input[value="{FOUR}"]').check()
    page.locator(".npf-choice__fixed select").nth(2).wait_for()


def pick(page: Any, name: str, option: str) -> None:
    page.locator(".npf-choice__fixed").get_by_label(name, exact=True).select_option(label=option)


def wait_drawn(page: Any) -> None:
    page.locator(".npf-choice__view .npf-chart__interactive svg").wait_for(timeout=20000)


def expected(sex: str, age: str, quintile: str, period: str) -> dict[str, float]:
    """The made-up figures of a slice by council area, by council name."""
    names = dict(zip(("S12000033", "S12000034", "S12000041"), COUNCILS, strict=True))
    return {
        names[r["breakdown_group_4"]]: float(r["value"])
        for r in four_rows()
        if (r["breakdown_group"], r["breakdown_group_2"], r["breakdown_group_3"], r["period"])
        == (sex, age, quintile, period)
    }


def test_without_javascript_one_static_chart_and_how_many_there_are(crossed_site: Path) -> None:
    soup = BeautifulSoup((crossed_site / PAGE).read_text(encoding="utf-8"), "html.parser")
    radio = soup.select_one(f'.npf-choice input[value="{FOUR}"]')
    assert radio is not None and radio.find_parent(class_="npf-choice").has_attr("hidden")
    target = soup.find(id=radio["data-target"]).find_parent("details")
    assert target.find("figure") is not None and target.find("table") is not None
    assert "By council area they make 8 charts, one for each combination of sex, age and " in (
        target.get_text(" ")
    )
    sources = json.loads(radio["data-crossed"])["sources"]  # a data file for each type
    assert sorted(sources) == ["age", "council-area", "sex", "simd"]
    assert all((crossed_site / "indicators" / src).resolve().is_file() for src in sources.values())


def test_choosing_a_combination_shows_exactly_its_figures(visit: Visit) -> None:
    page = visit.open(PAGE)
    choose_four(page)
    first = state(page)
    # the default: by council area (most groups), the first slice, its static chart
    assert first["by"] == "council-area"
    assert [f[:2] for f in first["fixed"]] == [
        ["Sex", "Female"],
        ["Age", "16 to 24"],
        ["Deprivation (SIMD)", "1 - most deprived"],
    ]
    assert first["image"] and first["image"].endswith(".svg")
    assert "8 charts by council area" in first["count"]

    pick(page, "Sex", "Male")
    pick(page, "Age", "25 and over")
    pick(page, "Deprivation (SIMD)", "5 - least deprived")
    wait_drawn(page)
    shown = state(page)
    figures = expected("Male", "25+", "5", "2017")  # bars of the latest period
    assert sorted(figures) == COUNCILS[:2]  # the third council has no figure for them
    assert {row[0]: float(row[1].rstrip("%")) for row in shown["table"]} == figures
    assert all(name in shown["drawn"] for name in figures)
    assert COUNCILS[2] not in shown["drawn"]
    assert "Showing 2 of 2 groups" in shown["status"]
    assert (
        "sex: Male, age: 25 and over, deprivation (SIMD): 5 - least deprived" in (shown["caption"])
    )
    assert shown["image"] is None

    # charted by deprivation: the groups of the others offer only what has figures
    page.locator(".npf-choice__by").select_option("simd")
    page.locator(".npf-choice__fixed select").nth(2).wait_for()
    page.wait_for_function(
        "document.querySelector('.npf-choice__by').value === 'simd' && "
        "document.querySelectorAll('.npf-choice__fixed select').length === 3"
    )
    by_simd = state(page)
    assert [f[1] for f in by_simd["fixed"]] == ["Male", "25 and over", "Aberdeen City"]
    assert by_simd["fixed"][2][2] == COUNCILS[:2]
    wait_drawn(page)
    assert [row[0] for row in by_simd["table"]] == ["2016", "2017"]

    # the URL keeps it; a reload shows the same view
    fragment = unquote(urlparse(page.url).fragment)
    assert fragment == (
        "chart=adults:simd:1 - most deprived,5 - least deprived:"
        "sex=Male,age=25 and over,council-area=Aberdeen City"
    )
    page.reload()
    page.wait_for_load_state("load")
    wait_drawn(page)
    again = state(page)
    for key in ("radio", "by", "fixed", "status", "table", "caption"):
        assert again[key] == by_simd[key], key
    assert visit.errors == []
    assert visit.outside() == []


def test_the_csv_is_what_the_view_shows(browser: Any, crossed_server: str) -> None:
    v = Visit(browser, crossed_server)
    page = v.open(PAGE)
    choose_four(page)
    pick(page, "Sex", "Male")
    pick(page, "Age", "25 and over")
    wait_drawn(page)
    page.locator(".npf-choice__boxes input").nth(1).uncheck()
    with page.expect_download() as download:
        page.locator(".npf-choice__csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["group"], r["group_2"], r["group_3"], r["group_4"]) for r in rows] == [
        ("Aberdeen City", "Male", "25 and over", "1 - most deprived")
    ]
    assert rows[0]["breakdown"] == "Council area" and rows[0]["period"] == "2017"
    assert float(rows[0]["value"]) == expected("Male", "25+", "1", "2017")["Aberdeen City"]
    v.context.close()


@pytest.mark.parametrize(
    "fragment",
    [
        "#chart=adults:council-area::sex=Nobody,age=25%20and%20over,simd=1%20-%20most%20deprived",
        "#chart=adults:council-area::sex=Male,nothing=x",
        "#chart=adults:council-area::sex=%E0%A4%A",
        "#chart=adults:council-area:x:y:z",
    ],
)
def test_a_bad_fragment_falls_back_to_a_default(
    browser: Any, crossed_server: str, fragment: str
) -> None:
    v = Visit(browser, crossed_server)
    page = v.open(PAGE + fragment)
    page.wait_for_timeout(300)
    shown = page.evaluate(
        "() => document.querySelector('.npf-choice__view table') !== null && "
        "document.querySelector('.npf-choice__status').textContent"
    )
    assert shown and "Showing" in shown
    assert v.errors == []
    v.context.close()


def test_an_older_link_to_a_static_chart_opens_it(browser: Any, crossed_server: str) -> None:
    """``#chart=<measure>:<slice>:<groups>``, the format before combinations, names a
    static chart of a combination by its id: it opens that slice with those groups."""
    v = Visit(browser, crossed_server)
    page = v.open(PAGE + "#chart=adults:sex--age-16-24--simd-1:Female")
    page.locator(".npf-choice__fixed select").nth(1).wait_for()
    shown = state(page)
    assert shown["radio"] == "sex--age--simd" and shown["by"] == "sex"
    assert [f[1] for f in shown["fixed"]] == ["16 to 24", "1 - most deprived"]
    assert [row[0] for row in shown["table"]] == ["2016", "2017"]
    assert "Showing 1 of 2 groups" in shown["status"]
    assert v.errors == []
    v.context.close()


def test_the_groups_are_chosen_by_keyboard(browser: Any, crossed_server: str) -> None:
    """A group's select keeps the focus as its choice redraws the view."""
    v = Visit(browser, crossed_server)
    page = v.open(PAGE)
    choose_four(page)
    select = page.locator(".npf-choice__fixed").get_by_label("Sex", exact=True)
    select.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_function(
        "document.activeElement && document.activeElement.tagName === 'SELECT' && "
        "document.activeElement.options[document.activeElement.selectedIndex].text === 'Male'"
    )
    assert page.evaluate("document.activeElement.labels[0].textContent") == "Sex"
    wait_drawn(page)
    assert state(page)["fixed"][0][1] == "Male"
    assert v.errors == []
    v.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_no_axe_violations_with_a_drawn_combination(
    browser: Any, crossed_server: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    fixed = ",".join(
        f"{t}={quote(g, safe='')}"
        for t, g in (("sex", "Male"), ("age", "25 and over"), ("simd", "1 - most deprived"))
    )
    page.goto(f"{crossed_server}/{PAGE}#chart=adults:council-area::{fixed}")
    page.wait_for_load_state("load")
    wait_drawn(page)
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    problems = axe_problems(page)
    context.close()
    assert scrolled <= width
    assert problems == []
