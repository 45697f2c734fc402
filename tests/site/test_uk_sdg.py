"""A whole site for another country (issue 13): the UK's SDG data imported from Open SDG
extracts (tests/fixtures/open-sdg) with the project of examples/uk-sdg, built with
``npf build --project`` and checked as the NPF's site is: goal, target and indicator
pages, charts (a choice among breakdown combinations of figures cross-classified three
ways), maps, downloads, search, axe, file://, and not a word of Scotland or the NPF."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from build_scripts.cli import main
from build_scripts.config import load_project
from build_scripts.contract import framework_tables
from build_scripts.validate import validate_path
from tests.site.test_browser import Visit, axe_problems, search_results
from tests.site.test_second_framework import FORBIDDEN, TOOL_FILES, _texts

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "uk-sdg"
FIXTURES = ROOT / "tests" / "fixtures" / "open-sdg"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project (its npf.toml, pages, translations and period readings) with
    the fixtures imported into its data folder, caches of its own."""
    folder = tmp_path_factory.mktemp("uk-sdg")
    for name in ("npf.toml", "open-sdg.toml"):
        shutil.copy(EXAMPLE / name, folder / name)
    for name in ("pages", "translations"):
        shutil.copytree(EXAMPLE / name, folder / name)
    argv = ["import", "--from", "open-sdg", "--source", str(FIXTURES)]
    argv += ["--project", str(folder), "--report", str(folder / "report.csv")]
    assert main(argv) == 0
    return folder


@pytest.fixture(scope="module")
def built(project: Path) -> Path:
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1759276800")
    try:
        assert main(["build", "--project", str(project), "--quiet"]) == 0
    finally:
        mp.undo()
    return project / "site"


@pytest.fixture(scope="module")
def served(built: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(built)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def soup(built: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((built / path).read_text(encoding="utf-8"), "html.parser")


def test_the_site_uses_the_uk_nouns_and_licence(built: Path) -> None:
    home = soup(built, "index.html")
    text = home.get_text(" ", strip=True)
    assert "UK Sustainable Development Goals data" in text
    assert "Goals" in text and "No poverty" in text
    assert "not assessed" in text
    data = (built / "data" / "index.html").read_text(encoding="utf-8")
    assert "open-government-licence/version/3/" in data
    assert "Office for National Statistics" in data


def test_the_import_validates(project: Path) -> None:
    """The data the import wrote has the contract's levels (goals, targets, codes) and
    passes validation, the levels' rules included (docs/data-format.md, "Levels")."""
    descriptor = json.loads(
        (project / "datapackages" / "framework" / "datapackage.json").read_text("utf-8")
    )
    resources = {r["name"]: r for r in descriptor["resources"]}
    for table in framework_tables(codes=True, targets=True):
        fields = [f["name"] for f in resources[table.name]["schema"]["fields"]]
        assert fields == table.fieldnames, table.name
    report = validate_path(project / "datapackages", project=load_project(project))
    assert report.problems == []


def test_pages_say_the_uk_in_its_own_words(built: Path) -> None:
    """The place as a sentence says it, the framework's nouns where tables and sentences
    name a level, each place by its own geography, and no link to a page the project
    does not have."""
    home = soup(built, "index.html")
    assert home.find("h2", id="performance").get_text(strip=True) == (
        "How the United Kingdom is performing"
    )
    table = home.find("table")
    assert table.caption.get_text(strip=True).endswith("for each goal")
    assert table.thead.th.get_text(strip=True) == "Goal"
    cards = [p.get_text(" ", strip=True) for p in home.select(".npf-card__counts")]
    assert cards[0] == "1 target, 1 indicator: 1 not assessed"
    goals = soup(built, "outcomes/index.html")
    assert goals.find("table").thead.th.get_text(strip=True) == "Goal"
    goal = soup(built, "outcomes/3.html").get_text(" ", strip=True)
    assert "This goal is measured by 2 indicators" in goal
    places = soup(built, "areas/index.html")
    assert places.h1.get_text(strip=True) == "Places"
    assert [th.get_text(strip=True) for th in places.find("table").thead.find_all("th")][:2] == [
        "Place",
        "Type of place",
    ]
    hartlepool = soup(built, "areas/hartlepool.html").get_text(" ", strip=True)
    assert "Local authority code: E06000001." in hartlepool
    assert "Rank among local authorities" in hartlepool
    assert "countries" not in hartlepool.lower().replace("all countries", "")
    page = soup(built, "indicators/11-3-1.html")
    assert page.find("h3", string="By local authority")
    assert page.find("meta", attrs={"name": "description"})["content"].endswith(
        "an Indicator of UK Sustainable Development Goals data."
    )
    nav = [a.get_text(strip=True) for a in home.select("nav.md-nav--primary a")]
    assert "Places" in nav and "None" not in nav


def test_goal_and_indicator_pages(built: Path) -> None:
    goal = soup(built, "outcomes/1.html")
    assert "End poverty in all its forms everywhere" in goal.get_text(" ", strip=True)
    assert goal.find("a", href="../indicators/1-a-2.html")
    page = soup(built, "indicators/1-a-2.html")
    text = page.get_text(" ", strip=True)
    assert "Not assessed" in text
    assert "Improving" not in text and "Worsening" not in text


def test_a_goal_lists_its_targets_and_their_indicators(built: Path) -> None:
    goal = soup(built, "outcomes/3.html")
    targets = [h.get_text(" ", strip=True) for h in goal.select("article h3[id^=target-]")]
    assert targets == ["Target 3.2", "Target 3.7"]
    for target, indicator in (("3-2", "3-2-2"), ("3-7", "3-7-2")):
        heading = goal.find("h3", id=f"target-{target}")
        assert heading.find("a", href=f"../targets/{target}.html")
        table = heading.find_next("table")
        assert table.tbody.tr.th.a["href"] == f"../indicators/{indicator}.html"
        assert table.tbody.tr.find(class_="npf-status")


def trail(page: BeautifulSoup) -> list[str]:
    crumbs = page.find("nav", class_="npf-breadcrumbs")
    assert crumbs is not None
    return [li.get_text(strip=True) for li in crumbs.find_all("li")]


def test_target_and_indicator_pages_have_codes_and_trails(built: Path) -> None:
    target = soup(built, "targets/3-2.html")
    assert target.h1.get_text(" ", strip=True).startswith(
        "Target 3.2: By 2030, end preventable deaths of newborns"
    )
    assert trail(target) == ["Goal 3: Good health and well-being", "Target 3.2"]
    assert target.find("nav", class_="npf-breadcrumbs").a["href"] == "../outcomes/3.html"
    assert target.find("table").tbody.tr.th.a["href"] == "../indicators/3-2-2.html"
    page = soup(built, "indicators/3-2-2.html")
    assert page.h1.get_text(" ", strip=True) == (
        "Indicator 3.2.2: Number of neonatal deaths per 1,000 live births"
    )
    assert trail(page) == ["Goal 3: Good health and well-being", "Target 3.2", "Indicator 3.2.2"]
    assert page.find("a", href="../targets/3-2.html")


def test_the_api_says_not_assessed(built: Path) -> None:
    for slug in ("1-a-2", "2-2-2"):  # 2-2-2 has no figure for the whole, no headline series
        record = json.loads((built / "api" / "indicators" / f"{slug}.json").read_text())
        assert record["status"]["status"] == "Not assessed"
    listed = json.loads((built / "api" / "indicators.json").read_text())
    assert "Improving" not in json.dumps(listed)


def test_cross_classified_figures_offer_their_combinations(built: Path) -> None:
    page = soup(built, "indicators/3-2-2.html")
    headings = [h.get_text(" ", strip=True) for h in page.find_all("h3")]
    three_way = [h for h in headings if "neonatal period:" in h and "country:" in h]
    assert three_way, headings
    radios = page.select(".npf-choice input[type=radio]")
    assert len(radios) >= len(three_way) + 1


def test_places_have_maps_and_pages(built: Path) -> None:
    page = soup(built, "indicators/11-3-1.html")
    assert page.select("figure.npf-chart--map")
    assert (built / "areas" / "hartlepool.html").is_file()
    assert (built / "assets" / "javascripts" / "boundaries" / "local-authority.js").is_file()


def test_downloads_are_there(built: Path) -> None:
    for name in ("3-2-2.csv", "3-2-2.zip", "3-2-2.xlsx", "all.zip"):
        assert (built / "data" / name).is_file(), name


def test_no_built_file_says_a_word_of_scotland_or_the_npf(built: Path) -> None:
    files = [p for p in sorted(built.rglob("*")) if p.is_file() and p.name not in TOOL_FILES]
    found = [
        f"{where}: {text[max(0, m.start() - 40) : m.end() + 40]!r}"
        for path in files
        for where, text in _texts(path)
        for m in [FORBIDDEN.search(text)]
        if m is not None
    ]
    assert found == []


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_pages_work_over_http_and_from_disk(
    browser: Any, served: str, built: Path, scheme: str
) -> None:
    base = served if scheme == "http" else built.resolve().as_uri()
    visit = Visit(browser, base)
    try:
        for path in ("index.html", "outcomes/3.html", "targets/3-2.html"):
            visit.open(path)
        page = visit.open("targets/3-2.html")
        page.locator("nav.npf-breadcrumbs a").first.click()  # the trail, up to its goal
        page.wait_for_load_state("load")
        assert page.url.endswith("/outcomes/3.html")
        page = visit.open("indicators/3-2-2.html")
        radios = page.locator(".npf-choice input[type=radio]")
        radios.nth(radios.count() - 1).check()
        page.wait_for_timeout(300)
        assert visit.errors == []
        assert visit.outside() == []
        # the target whose words name it first (targets rank above their indicators)
        assert search_results(visit, "neonatal")[:2] == [
            "targets/3-2.html",
            "indicators/3-2-2.html",
        ]
    finally:
        visit.context.close()


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "outcomes/16.html",
        "targets/3-2.html",
        "indicators/3-2-2.html",
        "indicators/11-3-1.html",
        "indicators/16-4-1.html",
        "areas/index.html",
        "areas/hartlepool.html",
        "data/index.html",
        "about.html",
    ],
)
def test_every_page_kind_passes_axe(browser: Any, served: str, path: str) -> None:
    visit = Visit(browser, served)
    try:
        page = visit.open(path)
        assert axe_problems(page) == []
    finally:
        visit.context.close()
