"""A second framework: the generator, not one site.

Verdania is an invented country with synthetic figures (``tests/synthetic.py``): other
nouns ("Goal", "Target", "Measure"), another geography (regions with codes ``VR001``...,
listed in a ``regions`` resource), another licence (CC-BY-4.0), another prefix of custom
properties (``vwg:``), three goals with two or three targets each and a handful of
indicators under them, numbered (``1``, ``1.2``, ``1.2.1``), its own ``npf.toml`` and
pages. It validates, builds with ``npf build --project``, every page kind (the target
page among them) passes axe and works from ``file://``, its goal pages list every
indicator under its targets, and no built file says a word of Scotland or the NPF.
"""

from __future__ import annotations

import gzip
import http.server
import re
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from shapely.geometry import box

from build_scripts.cli import main
from build_scripts.config import CONFIG_FILE, load_project
from build_scripts.importers.boundaries import Area, convert, write_topology
from build_scripts.load import load_framework
from build_scripts.output import SITE_MARKER
from build_scripts.pages.kinds import KINDS
from build_scripts.validate import validate_path
from tests.site.test_browser import Visit, axe_problems
from tests.synthetic import Country, Size, area_code, write_evidence, write_packages

VERDANIA = Country(
    prefix="vwg",
    place_type="region",
    places="regions",
    place_name="Region",
    code_format="VR{:03d}",
    licence=(
        ("name", "CC-BY-4.0"),
        ("title", "Creative Commons Attribution 4.0 International"),
        ("path", "https://creativecommons.org/licenses/by/4.0/"),
    ),
    framework_title="Verdania's wellbeing goals (synthetic)",
)
CONFIG = """\
[site]
name = "Verdania Wellbeing Goals"
description = "How Verdania is doing against its Goals. Synthetic figures, for tests."

[framework]
name = "Verdania Wellbeing Goals"
outcome = "Goal"
outcomes = "Goals"
target = "Target"
targets = "Targets"
indicator = "Measure"
indicators = "Measures"
place = "Verdania"

[[geography]]
breakdown_type = "region"
name = "Regions"
singular = "Region"
codes = "Synthetic region codes (VR and three digits)"
resource = "regions"
code_pattern = "VR[0-9]{3}"

[licence]
name = "CC-BY-4.0"
title = "Creative Commons Attribution 4.0 International"
url = "https://creativecommons.org/licenses/by/4.0/"
attribution = "Synthetic figures made for testing; attribute the Verdania test suite."

[data]
property_prefix = "vwg"

[paths]
data = "data"
pages = "pages"
output = "public"
cache = "state/cache"
work = "state/work"
"""
PAGES = {
    "about.md": "# About\n\nA synthetic framework for an invented country, Verdania.\n",
    "methodology.md": "# Methodology\n\nThe figures are made up by a seeded generator.\n",
    "accessibility.md": "# Accessibility\n\nThis test site aims at WCAG 2.2 AA.\n",
}
# Words of Scotland and the NPF. The generator's own namespace stays: its CSS classes and
# ids (``npf-card``, ``npf-table-...``), its stylesheet (``npf.css``) and the marker that
# says the folder was made by the command ``npf build`` (``.npf-site``) name the tool, not
# a framework.
FORBIDDEN = re.compile(
    r"scotland|scottish|national performance|council|(?<![a-z0-9])npf(?![a-z0-9]|-|\.css)",
    re.IGNORECASE,
)
TOOL_FILES = {SITE_MARKER}
UNRELEASED = [k for k in KINDS if not k.with_releases]  # Verdania has no release yet


BOUNDARIES = "maps/regions.topojson"
AREAS = 5


def write_boundaries(path: Path) -> None:
    """Verdania's regions as five unit squares in a row (made-up shapes), made into
    TopoJSON by the importer's converter."""
    areas = [
        Area(area_code(n, VERDANIA), f"Region {n}", box(n, 40, n + 1, 41))
        for n in range(1, AREAS + 1)
    ]
    write_topology(convert(areas), path)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("verdania")
    # Its own boundaries, so its indicator pages have maps of its regions.
    pattern = 'code_pattern = "VR[0-9]{3}"\n'
    config = CONFIG.replace(pattern, f'{pattern}boundaries = "{BOUNDARIES}"\n')
    assert BOUNDARIES in config
    (folder / CONFIG_FILE).write_text(config, encoding="utf-8")
    write_boundaries(folder / BOUNDARIES)
    for name, text in PAGES.items():
        (folder / "pages").mkdir(exist_ok=True)
        (folder / "pages" / name).write_text(text, encoding="utf-8")
    size = Size(indicators=6, outcomes=3, areas=AREAS, country=VERDANIA, targets=True)
    write_packages(folder / "data", size)
    write_evidence(folder / "data", VERDANIA)
    return folder


@pytest.fixture(scope="module")
def built(project: Path) -> Path:
    assert main(["build", "--project", str(project), "--quiet"]) == 0
    return project / "public"


def test_it_validates(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = validate_path(project / "data", project=load_project(project))
    assert report.valid, report.format()
    assert main(["validate", "--project", str(project), str(project / "data")]) == 0
    # Read with the NPF's configuration, the same data is not valid: the prefix and the
    # geography are the project's, not the code's.
    assert not validate_path(project / "data").valid


def test_a_code_off_its_pattern_is_located(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "project"
    (copy / "data").mkdir(parents=True)
    (copy / CONFIG_FILE).write_text(CONFIG, encoding="utf-8")
    write_packages(copy / "data", Size(indicators=2, outcomes=3, areas=2, country=VERDANIA))
    regions = copy / "data" / "framework" / "regions.csv"
    regions.write_text(regions.read_text().replace("VR002", "R2"), encoding="utf-8")
    problems = validate_path(copy / "data", project=load_project(copy)).problems
    found = [p for p in problems if p.code == "not-a-place-code"]
    assert [(p.path.endswith("regions.csv"), p.row, p.column) for p in found] == [(True, 3, "code")]


def test_targets_the_configuration_does_not_name_stop_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Data with targets, npf.toml without their nouns: config-target-nouns, located,
    and nothing built."""
    copy = tmp_path / "project"
    (copy / "data").mkdir(parents=True)
    unnamed = CONFIG.replace('target = "Target"\ntargets = "Targets"\n', "")
    assert "target" not in unnamed
    (copy / CONFIG_FILE).write_text(unnamed, encoding="utf-8")
    for name, text in PAGES.items():
        (copy / "pages").mkdir(exist_ok=True)
        (copy / "pages" / name).write_text(text, encoding="utf-8")
    size = Size(indicators=2, outcomes=1, areas=2, country=VERDANIA, targets=True)
    write_packages(copy / "data", size)
    assert main(["build", "--project", str(copy), "--quiet"]) == 1
    said = capsys.readouterr().err
    assert f"{copy / CONFIG_FILE}: [framework] target: the data has targets" in said
    assert not (copy / "public").exists()


def test_its_pages_say_its_words(built: Path) -> None:
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "Verdania Wellbeing Goals" in home and "How Verdania is performing" in home
    assert "Goals" in home and "Measures" in home
    regions = (built / "areas" / "index.html").read_text(encoding="utf-8")
    assert "<h1 id=" in regions and ">Regions</h1>" in regions and "Region 1" in regions
    assert (built / "areas" / "region-1.html").is_file()
    data = (built / "data" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in data
    assert "attribute the Verdania test suite" in data


def test_its_maps_are_of_its_regions_from_its_own_boundaries(built: Path) -> None:
    assert (built / "assets" / "javascripts" / "boundaries" / "region.js").is_file()
    mapped = [
        page
        for page in sorted((built / "indicators").glob("*.html"))
        if 'class="npf-chart npf-chart--map"' in page.read_text(encoding="utf-8")
    ]
    assert mapped
    soup = BeautifulSoup(mapped[0].read_text(encoding="utf-8"), "html.parser")
    table = soup.find(id="map").find_next("table")
    assert " by region, " in table.caption.get_text()
    assert table.thead.get_text(" ", strip=True).startswith("Region Rank Figure")


def test_without_a_site_url_no_page_claims_an_address(built: Path) -> None:
    """Its npf.toml names no site URL: no canonical link, no og:url or og:image (they
    must be absolute), a "summary" card, a sitemap without addresses; the footer names
    the licence all the same."""
    for path in (built / "index.html", *sorted((built / "indicators").glob("*.html"))[:3]):
        page = path.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in page and "og:url" not in page and "og:image" not in page
        assert '<meta name="twitter:card" content="summary">' in page
        assert '<meta property="og:title"' in page
        assert 'class="npf-footer"' in page and "creativecommons.org/licenses/by/4.0/" in page
    assert "<loc>" not in (built / "sitemap.xml").read_text(encoding="utf-8")


def _texts(path: Path) -> Iterator[tuple[str, str]]:
    """Each text a built file holds: itself, each member of a zip or workbook, or the
    content of a gzip file."""
    raw = path.read_bytes()
    if path.suffix in (".zip", ".xlsx"):
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                yield f"{path}:{member}", archive.read(member).decode("utf-8", "replace")
    elif path.suffix == ".gz":
        yield str(path), gzip.decompress(raw).decode("utf-8", "replace")
    else:
        yield str(path), raw.decode("utf-8", "replace")


def test_no_built_file_says_a_word_of_scotland_or_the_npf(built: Path) -> None:
    files = [p for p in sorted(built.rglob("*")) if p.is_file() and p.name not in TOOL_FILES]
    kinds = {p.suffix for p in files}
    assert {".html", ".csv", ".xlsx", ".zip", ".svg", ".json"} <= kinds
    found = [
        f"{where}: {text[max(0, m.start() - 40) : m.end() + 40]!r}"
        for path in files
        for where, text in _texts(path)
        for m in [FORBIDDEN.search(text)]
        if m is not None
    ]
    assert found == []


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _first_page(built: Path, url: str) -> str:
    """The built page of a kind: its own, or the first of its folder by name."""
    if "{slug}" not in url:
        return url.removesuffix(".md") + ".html"
    folder = built / url.split("/", 1)[0]
    pages = sorted(p for p in folder.glob("*.html") if p.name != "index.html")
    assert pages, f"no page of {url} was built"
    return pages[0].relative_to(built).as_posix()


def test_a_goal_page_lists_its_targets_each_with_its_measures(built: Path) -> None:
    framework = load_framework(built.parent / "data", load_project(built.parent))
    goal = framework.outcomes[0]
    soup = BeautifulSoup(
        (built / "outcomes" / f"{goal.slug}.html").read_text("utf-8"), "html.parser"
    )
    assert soup.h1.get_text(strip=True) == "Goal 1: Outcome 1"
    section = soup.find(id="targets")
    assert section is not None and section.get_text(strip=True) == "Targets"
    headings = [h.get_text(strip=True) for h in soup.find_all("h3")]
    assert headings == ["Target 1.1", "Target 1.2", "Target 1.3"]
    listed: list[str] = []
    for target, heading in zip(framework.targets_of(goal), soup.find_all("h3"), strict=True):
        assert heading.a["href"] == f"../targets/{target.slug}.html"
        table = heading.find_next("table") if target.indicators else None
        rows = table.tbody.find_all("tr") if table is not None else []
        links = [r.th.a["href"].removeprefix("../indicators/").removesuffix(".html") for r in rows]
        assert links == target.indicators
        assert all(r.find(class_="npf-status") for r in rows)
        listed += links
    assert set(listed) == set(goal.indicators)  # every measure of the goal, with its status
    empty = next(t for t in framework.targets_of(goal) if not t.indicators)
    assert (
        "No Measure sits under this Target yet."
        in soup.find(id=f"target-{empty.slug}").find_next("p").find_next("p").get_text()
    )


def test_a_target_and_a_measure_page_name_their_levels(built: Path) -> None:
    target = BeautifulSoup(
        (built / "targets" / "target-1-1.html").read_text("utf-8"), "html.parser"
    )
    assert target.h1.get_text(strip=True) == "Target 1.1: Synthetic target 1.1, made up for tests"
    crumbs = target.find("nav", class_="npf-breadcrumbs")
    assert [li.get_text(strip=True) for li in crumbs.find_all("li")] == [
        "Goal 1: Outcome 1",
        "Target 1.1",
    ]
    assert target.find("table").tbody.tr.th.a["href"] == "../indicators/indicator-1.html"
    measure = BeautifulSoup(
        (built / "indicators" / "indicator-1.html").read_text("utf-8"), "html.parser"
    )
    assert measure.h1.get_text(strip=True) == "Measure 1.1.1: Indicator 1"
    trail = measure.find("nav", class_="npf-breadcrumbs").find_all("li")
    assert [li.get_text(strip=True) for li in trail] == [
        "Goal 1: Outcome 1",
        "Target 1.1",
        "Measure 1.1.1",
    ]
    assert measure.find("a", href="../targets/target-1-1.html") is not None
    assert (built / "data" / "framework.zip").is_file()
    with zipfile.ZipFile(built / "data" / "framework.zip") as archive:
        assert {"targets.csv", "indicator-targets.csv"} <= {
            Path(n).name for n in archive.namelist()
        }


def test_its_pages_work_from_file(built: Path, browser: Any) -> None:
    """Opened from disk, a goal, a target and a measure page load without errors or a
    request leaving the site, and their links between levels lead to built pages."""
    visit = Visit(browser, built.resolve().as_uri())
    try:
        for path in (
            "outcomes/outcome-1.html",
            "targets/target-1-1.html",
            "indicators/indicator-1.html",
        ):
            page = visit.open(path)
            assert page.locator("h1").count() == 1
            for href in page.eval_on_selector_all(
                "a[href*='targets/'], a[href*='outcomes/'], a[href*='indicators/']",
                "links => links.map(a => a.href)",
            ):
                assert href.startswith("file://")
                assert Path(href.removeprefix("file://").split("#")[0]).is_file(), href
        page = visit.open("targets/target-1-1.html")
        page.locator("nav.npf-breadcrumbs a").first.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/outcomes/outcome-1.html")
        assert visit.errors == [] and visit.outside() == []
    finally:
        visit.context.close()


def test_every_page_kind_passes_axe(built: Path, browser: Any) -> None:
    handler = partial(_Quiet, directory=str(built))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        visit = Visit(browser, f"http://127.0.0.1:{httpd.server_address[1]}")
        problems = {}
        for kind in UNRELEASED:
            page = visit.open(_first_page(built, kind.url))
            problems[kind.name] = axe_problems(page)
        visit.context.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert problems == {k.name: [] for k in UNRELEASED}
