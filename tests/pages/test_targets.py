"""The pages of a framework with targets and codes (``tests/levels.py``), in the words of
a project whose levels are goals, targets and indicators: golden copies of the target
page and of the pages targets change, the outcome page listing every indicator under
its targets, trails from a goal down to a page, codes in titles and lists."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_scripts.analyse.indicators import assess_framework
from build_scripts.charts.plan import plan_charts
from build_scripts.config import Project, default_project
from build_scripts.load import load_framework
from build_scripts.pages import render_pages
from build_scripts.pages.kinds import KINDS
from tests.golden_files import check_text
from tests.levels import write_levels
from tests.pages.conftest import BUILD_DATE, SVG, Site
from tests.pages.test_pages import SPEC, to_html

GOLDEN = Path(__file__).parent / "golden" / "levels"
GOLDEN_TARGET_PAGES = [
    "targets/active-lives.md",
    "outcomes/health.md",
    "outcomes/index.md",
    "indicators/green-space.md",
    "index.md",
    "data/index.md",
]
"""A page of every kind that needs targets, and the pages targets change."""


def goals_project() -> Project:
    """The repository's project, its levels called goals, targets and indicators."""
    project = default_project()
    nouns = replace(
        project.nouns,
        outcome="Goal",
        outcomes="Goals",
        target="Target",
        targets="Targets",
        indicator="Indicator",
        indicators="Indicators",
    )
    return replace(project, nouns=nouns)


@pytest.fixture(scope="module")
def levels(tmp_path_factory: pytest.TempPathFactory) -> Site:
    framework = load_framework(write_levels(tmp_path_factory.mktemp("levels") / "dp"))
    assessments = assess_framework(framework)
    charts = plan_charts(framework)
    svgs = {c.id: SVG for c in charts}
    pages = render_pages(
        framework, assessments, charts, svgs, build_date=BUILD_DATE, project=goals_project()
    )
    return Site(framework, assessments, charts, svgs, pages)


@pytest.mark.golden
@pytest.mark.parametrize("name", GOLDEN_TARGET_PAGES)
def test_golden(levels: Site, name: str) -> None:
    """Regenerate with ``make golden`` and review the diff."""
    check_text(GOLDEN / name.replace("/", "__"), SPEC.sub(r"\1...\2", levels.pages[name]))


def test_a_page_for_every_target_and_none_without_targets(levels: Site, site: Site) -> None:
    assert sorted(p for p in levels.pages if p.startswith("targets/")) == [
        "targets/active-lives.md",
        "targets/green-places.md",
        "targets/long-lives.md",
        "targets/nature.md",
    ]
    assert not any(p.startswith("targets/") for p in site.pages)
    assert [k.name for k in KINDS if k.with_targets] == ["target"]


def _front(page: str) -> str:
    return page.split("---\n", 2)[1]


def test_the_target_page(levels: Site) -> None:
    page = levels.pages["targets/active-lives.md"]
    assert 'title: "Target 1.2: By 2030, more people of every age are active"' in _front(page)
    assert "boost: 3.5" in _front(page)
    soup = to_html(page)
    assert soup.h1.get_text() == "Target 1.2: By 2030, more people of every age are active"
    assert "Activity of every kind, at work and at leisure." in soup.get_text()
    crumbs = soup.find("nav", class_="npf-breadcrumbs")
    assert crumbs["aria-label"] == "Breadcrumb"
    assert [li.get_text() for li in crumbs.find_all("li")] == ["Goal 1: Health", "Target 1.2"]
    assert crumbs.a["href"] == "../outcomes/health.html"
    assert crumbs.find_all("li")[-1]["aria-current"] == "page"
    rows = soup.find("table").tbody.find_all("tr")
    assert [r.th.a.get_text() for r in rows] == [
        "1.2.1 Physical activity",
        "1.2.2 Access to green and blue space",
    ]
    assert rows[0].th.a["href"] == "../indicators/physical-activity.html"
    assert all(r.find(class_="npf-status") for r in rows)
    assert soup.find("table").caption.get_text() == "Indicators of Target 1.2"


def test_the_outcome_page_lists_every_indicator_under_its_targets(levels: Site) -> None:
    soup = to_html(levels.pages["outcomes/health.md"])
    assert soup.h1.get_text() == "Goal 1: Health"
    headings = [h.get_text() for h in soup.find_all("h3")]
    assert headings == ["Target 1.1", "Target 1.2"]
    assert soup.find("h3").a["href"] == "../targets/long-lives.html"
    tables = soup.find_all("table")
    listed = [[r.th.a["href"] for r in t.tbody.find_all("tr")] for t in tables]
    assert listed == [
        ["../indicators/healthy-life-expectancy.html"],
        ["../indicators/physical-activity.html", "../indicators/green-space.html"],
    ]
    outcome = levels.framework.outcomes[0]
    shown = {href.split("/")[-1].removesuffix(".html") for rows in listed for href in rows}
    assert shown == set(outcome.indicators)
    assert all(len(t.find_all(class_="npf-status")) == len(t.tbody.find_all("tr")) for t in tables)


def test_the_indicator_page_names_its_targets_with_a_trail_for_each(levels: Site) -> None:
    page = levels.pages["indicators/green-space.md"]
    assert 'title: "Indicator 1.2.2: Access to green and blue space"' in _front(page)
    soup = to_html(page)
    assert soup.h1.get_text() == "Indicator 1.2.2: Access to green and blue space"
    trails = soup.find("nav", class_="npf-breadcrumbs").find_all("ol")
    assert [[li.get_text() for li in t.find_all("li")] for t in trails] == [
        ["Goal 1: Health", "Target 1.2", "Indicator 1.2.2"],
        ["Goal 2: Environment", "Target 2.1", "Indicator 1.2.2"],
    ]
    text = soup.get_text()
    assert "Goals: 1 Health, 2 Environment" in text
    assert (
        "Targets: 1.2 By 2030, more people of every age are active, "
        "2.1 Everyone lives near green or blue space"
    ) in text
    links = {a["href"] for a in soup.find_all("a")}
    assert {"../targets/active-lives.html", "../targets/green-places.html"} <= links


def test_the_outcomes_index_counts_targets(levels: Site) -> None:
    soup = to_html(levels.pages["outcomes/index.md"])
    table = soup.find("table")
    assert [th.get_text() for th in table.thead.find_all("th")] == [
        "Goal",
        "Statement",
        "Targets",
        "Indicators",
    ]
    first = [c.get_text() for c in table.tbody.tr.find_all(["th", "td"])]
    assert first[0] == "1 Health" and first[2:] == ["2", "3"]


def test_the_data_page_names_the_targets_of_the_framework(levels: Site) -> None:
    text = BeautifulSoup(str(to_html(levels.pages["data/index.md"])), "html.parser").get_text()
    assert "The framework: Goals, Targets, Indicators, controlled lists (zip)" in text


def test_without_targets_the_pages_say_nothing_of_them(site: Site) -> None:
    for page in site.pages.values():
        assert "npf-breadcrumbs" not in page and "targets/" not in page
