"""A revised framework built and opened in Chromium from disk: a synthetic framework
(Verdania's, ``test_second_framework``) revised by ``plant_revision`` (a rename, a merge,
a split, a retirement, an addition, an outcome merged). The retired pages are built and
say so, the old address of the renamed indicator leads to its new page from file://,
the lists show only current ones, and the pages pass axe."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from build_scripts.cli import main
from build_scripts.config import CONFIG_FILE, load_project
from build_scripts.validate import validate_path
from tests.site.test_browser import Visit, axe_problems
from tests.site.test_second_framework import CONFIG, PAGES, VERDANIA
from tests.synthetic import REVISED_VERSION, Size, plant_revision, write_packages

RETIRED = ("indicator-2", "indicator-3", "indicator-5", "indicator-9")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("revised")
    (folder / CONFIG_FILE).write_text(CONFIG, encoding="utf-8")
    (folder / "pages").mkdir()
    for name, text in PAGES.items():
        (folder / "pages" / name).write_text(text, encoding="utf-8")
    write_packages(folder / "data", Size(12, outcomes=3, areas=5, country=VERDANIA))
    plant_revision(folder / "data")
    report = validate_path(folder / "data", project=load_project(folder))
    assert report.valid, report.format()
    assert main(["build", "--project", str(folder), "--quiet"]) == 0
    return folder / "public"


def _soup(built: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((built / path).read_text(encoding="utf-8"), "html.parser")


def test_retired_pages_are_built_and_say_so(built: Path) -> None:
    for slug in RETIRED:
        soup = _soup(built, f"indicators/{slug}.html")
        notice = soup.select_one(".admonition.warning")
        assert notice is not None, slug
        title = notice.select_one(".admonition-title").get_text(strip=True)
        assert title == f"Retired in the {REVISED_VERSION} revision"
        # near the top: before the status
        assert notice.find_next(class_="npf-status") is not None
    split = _soup(built, "indicators/indicator-5.html").select_one(".admonition.warning")
    assert [a["href"] for a in split.find_all("a")] == ["indicator-6.html", "indicator-7.html"]
    assert (built / "outcomes" / "outcome-3.html").is_file()


def test_current_lists_leave_retired_ones_out(built: Path) -> None:
    index = _soup(built, "outcomes/index.html")
    first = index.find("table")
    assert [a["href"] for a in first.select("tbody a")] == ["outcome-1.html", "outcome-2.html"]
    earlier = index.find(id="earlier-versions")
    assert earlier is not None
    hrefs = {a["href"] for a in earlier.find_next("table").find_all("a")}
    assert {f"../indicators/{s}.html" for s in RETIRED} | {"outcome-3.html"} <= hrefs
    home = {a["href"] for a in _soup(built, "index.html").find_all("a", href=True)}
    assert home.isdisjoint({*(f"indicators/{s}.html" for s in RETIRED), "outcomes/outcome-3.html"})


def test_the_mapping_is_downloadable_as_data(built: Path) -> None:
    with zipfile.ZipFile(built / "data" / "framework.zip") as archive:
        [member] = [n for n in archive.namelist() if n.endswith("revisions.csv")]
        header = archive.read(member).decode("utf-8").splitlines()[0]
    assert header == "from_version,to_version,level,change,old_slug,new_slug,note"


def test_the_api_says_which_are_retired(built: Path) -> None:
    index = json.loads((built / "api" / "indicators.json").read_text(encoding="utf-8"))
    retired = {
        i["slug"]: (i["retired_in"], i["replaced_by"])
        for i in index["indicators"]
        if "retired_in" in i
    }
    assert retired == {
        "indicator-2": (REVISED_VERSION, ["indicator-4"]),
        "indicator-3": (REVISED_VERSION, ["indicator-4"]),
        "indicator-5": (REVISED_VERSION, ["indicator-6", "indicator-7"]),
        "indicator-9": (REVISED_VERSION, []),
    }


def test_old_addresses_work_from_disk(built: Path, browser: Any) -> None:
    visit = Visit(browser, built.as_uri())
    page = visit.open("indicators/earlier-indicator-1.html")
    page.wait_for_url("**/indicators/indicator-1.html")
    assert page.locator("h1").first.inner_text() == "Indicator 1"
    page = visit.open("indicators/indicator-2.html")
    assert "Retired in the 2.0.0 revision" in page.locator(".admonition.warning").inner_text()
    page.get_by_role("link", name="Indicator 4").first.click()
    page.wait_for_url("**/indicators/indicator-4.html")
    assert visit.errors == [] and visit.outside() == []
    visit.context.close()


def test_retired_and_moved_pages_pass_axe(built: Path, browser: Any) -> None:
    visit = Visit(browser, built.as_uri())
    problems = {}
    for path in ("indicators/indicator-5.html", "outcomes/outcome-3.html", "outcomes/index.html"):
        problems[path] = axe_problems(visit.open(path))
    # the moved page itself, its refresh left out so that the browser stays on it
    moved = (built / "indicators" / "earlier-indicator-1.html").read_text(encoding="utf-8")
    kept = re.sub(r'<meta http-equiv="refresh"[^>]*>', "", moved)
    assert kept != moved
    visit.page.set_content(kept)
    problems["moved"] = axe_problems(visit.page)
    visit.context.close()
    assert problems == {k: [] for k in problems}
