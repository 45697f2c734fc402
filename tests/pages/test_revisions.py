"""The pages of a revised framework (``pages/revisions.py``, ``moved.py``), on a synthetic
framework revised by ``plant_revision``: indicator-1 renamed from earlier-indicator-1,
indicator-2 and -3 merged into -4, indicator-5 split into -6 and -7, indicator-9 retired,
indicator-10 added, outcome-3 merged into outcome-1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_scripts.analyse.indicators import assess_framework
from build_scripts.charts.plan import plan_charts
from build_scripts.config import default_project
from build_scripts.load import load_framework
from build_scripts.model import Framework
from build_scripts.moved import moved_files, moved_page, render_moved
from build_scripts.pages import render_pages
from build_scripts.pages.revisions import moved_pages
from tests.pages.conftest import BUILD_DATE, SVG, Site
from tests.synthetic import (
    REVISED_VERSION,
    REVISION,
    Size,
    hostile,
    plant_revision,
    write_packages,
)

RETIRED = ("indicator-2", "indicator-3", "indicator-5", "indicator-9")


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> tuple[Framework, dict[str, str]]:
    out = tmp_path_factory.mktemp("revised")
    write_packages(out, Size(12, outcomes=3))
    plant_revision(out)
    framework = load_framework(out)
    charts = plan_charts(framework)
    pages = render_pages(
        framework,
        assess_framework(framework),
        charts,
        {c.id: SVG for c in charts},
        build_date=BUILD_DATE,
    )
    return framework, pages


def _notice(page: str) -> str:
    """The retired notice of a page (the admonition's title and text), or ""."""
    found = re.search(r'^!!! warning "(.*?)"\n\n((?:    .*\n|\n)+)', page, re.MULTILINE)
    return f"{found.group(1)}\n{found.group(2)}" if found else ""


def _links(text: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(text, "html.parser")
    return [(a.get_text(), str(a["href"])) for a in soup.find_all("a")]


def test_the_model_knows_the_version_and_what_is_retired(
    revised: tuple[Framework, dict[str, str]],
) -> None:
    framework, _ = revised
    assert framework.version == REVISED_VERSION
    assert [i.slug for i in framework.retired_indicators] == list(RETIRED)
    assert [o.slug for o in framework.retired_outcomes] == ["outcome-3"]
    assert set(framework.current_indicators).isdisjoint(RETIRED)
    assert framework.renamed("indicator") == {"earlier-indicator-1": "indicator-1"}
    split = framework.replacement("indicator", "indicator-5")
    assert split is not None and split.slugs == ("indicator-6", "indicator-7")
    assert framework.replacement("indicator", "indicator-4") is None


@pytest.mark.parametrize(
    ("slug", "replaced_by", "said"),
    [
        ("indicator-2", [("Indicator 4", "indicator-4.html")], "it was merged into"),
        ("indicator-3", [("Indicator 4", "indicator-4.html")], "it was merged into"),
        (
            "indicator-5",
            [("Indicator 6", "indicator-6.html"), ("Indicator 7", "indicator-7.html")],
            "it was split into",
        ),
        ("indicator-9", [], "nothing replaced it"),
    ],
)
def test_a_retired_indicator_page_says_so_with_its_last_figures(
    revised: tuple[Framework, dict[str, str]],
    slug: str,
    replaced_by: list[tuple[str, str]],
    said: str,
) -> None:
    framework, pages = revised
    page = pages[f"indicators/{slug}.md"]
    notice = _notice(page)
    assert notice.startswith(f"Retired in the {REVISED_VERSION} revision\n")
    assert said in notice
    assert _links(notice) == replaced_by
    # the notice is near the top: before the status and the figures, which are still there
    assert page.index(notice.split("\n")[0]) < page.index("{#answer}")
    latest = max(
        (f for f in framework.indicators[slug].figures if f.is_headline),
        key=lambda f: f.period_end,
        default=None,
    )
    assert latest is not None
    assert "The latest figure is " in page and f"({latest.period})" in page
    assert "npf-status--" in page


def test_a_current_indicator_page_has_no_notice(
    revised: tuple[Framework, dict[str, str]],
) -> None:
    _, pages = revised
    for slug in ("indicator-1", "indicator-4", "indicator-6", "indicator-10"):
        assert _notice(pages[f"indicators/{slug}.md"]) == ""


def test_lists_show_only_current_ones(revised: tuple[Framework, dict[str, str]]) -> None:
    framework, pages = revised
    index = pages["outcomes/index.md"]
    table = index[: index.index("{#earlier-versions}")]
    assert [t for _, t in _links(table)] == ["outcome-1.html", "outcome-2.html"]
    for outcome in framework.current_outcomes:
        linked = {h for _, h in _links(pages[f"outcomes/{outcome.slug}.md"])}
        assert linked.isdisjoint(f"../indicators/{s}.html" for s in RETIRED)
    home = {h for _, h in _links(pages["index.md"])}
    assert home.isdisjoint(f"indicators/{s}.html" for s in RETIRED)
    assert "outcomes/outcome-3.html" not in home
    for name, page in pages.items():
        if name.startswith(("equality/", "areas/")):
            assert {h for _, h in _links(page)}.isdisjoint(
                f"../indicators/{s}.html" for s in RETIRED
            ), name


def test_the_downloads_say_which_indicators_are_retired(
    revised: tuple[Framework, dict[str, str]],
) -> None:
    _, pages = revised
    soup = BeautifulSoup(pages["data/index.md"], "html.parser")
    marked = {
        a.get_text()
        for a in soup.find_all("a")
        if a.find_next_sibling("small") is not None
        and a.find_next_sibling("small").get_text() == f"(retired in {REVISED_VERSION})"
    }
    assert marked == {"Indicator 2", "Indicator 3", "Indicator 5", "Indicator 9"}


def test_the_outcomes_index_lists_every_change_linked(
    revised: tuple[Framework, dict[str, str]],
) -> None:
    framework, pages = revised
    index = pages["outcomes/index.md"]
    section = index[index.index("{#earlier-versions}") :]
    assert f"This is version {REVISED_VERSION} of the" in section
    soup = BeautifulSoup(section, "html.parser")
    rows = [
        [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
        for tr in soup.find("tbody").find_all("tr")
    ]
    assert len(rows) == len(framework.revisions)
    assert rows[0][:4] == [
        "2.0.0",
        "National Indicator renamed",
        "earlier-indicator-1",
        "Indicator 1",
    ]
    assert rows[-1][:4] == ["2.0.0", "National Outcomes merged", "Outcome 3", "Outcome 1"]
    hrefs = {h for _, h in _links(section)}
    # every retired page is reachable from here, and the old address of the renamed one
    assert {f"../indicators/{s}.html" for s in RETIRED} <= hrefs
    assert {"outcome-3.html", "../indicators/earlier-indicator-1.html"} <= hrefs
    assert "../data/framework.zip" in hrefs


def test_a_retired_outcome_page_says_so_and_lists_what_it_had(
    revised: tuple[Framework, dict[str, str]],
) -> None:
    _, pages = revised
    page = pages["outcomes/outcome-3.md"]
    notice = _notice(page)
    assert "merged into" in notice and _links(notice) == [("Outcome 1", "outcome-1.html")]
    linked = {h for _, h in _links(page)}
    assert {"../indicators/indicator-3.html", "../indicators/indicator-9.html"} <= linked


def test_a_framework_without_revisions_says_nothing_of_them(site: Site) -> None:
    pages = site.pages
    assert "{#earlier-versions}" not in pages["outcomes/index.md"]
    assert not any(_notice(p) for p in pages.values())


def test_the_old_address_of_a_renamed_indicator_leads_to_its_page(
    revised: tuple[Framework, dict[str, str]], tmp_path: Path
) -> None:
    framework, _ = revised
    [moved] = moved_pages(framework)
    assert (moved.path, moved.target) == (
        "indicators/earlier-indicator-1.md",
        "indicators/indicator-1.md",
    )
    html = render_moved(moved_page(moved, default_project()))
    soup = BeautifulSoup(html, "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None and refresh["content"] == "0; url=indicator-1.html"
    assert soup.html["lang"] == "en" and soup.title.get_text() == "Indicator 1: moved"
    assert _links(str(soup.main)) == [("Indicator 1", "indicator-1.html")]
    assert "renamed in the 2.0.0 revision" in soup.main.get_text()
    files = moved_files(framework, default_project(), tmp_path)
    assert list(files) == ["indicators/earlier-indicator-1.html"]
    assert files["indicators/earlier-indicator-1.html"].read_text(encoding="utf-8") == html


def test_a_hostile_note_is_text(tmp_path: Path) -> None:
    """A revision's note is data: on the retired page it reads as text, never markup."""
    write_packages(tmp_path, Size(12, outcomes=3))
    plant_revision(tmp_path, tuple((*r[:4], hostile("note")) for r in REVISION))
    framework = load_framework(tmp_path)
    charts = plan_charts(framework)
    pages = render_pages(
        framework, assess_framework(framework), charts, {c.id: SVG for c in charts}
    )
    notice = _notice(pages["indicators/indicator-9.md"])
    soup = BeautifulSoup(notice, "html.parser")
    assert soup.find("script") is None and soup.find("a") is None
    assert "Why: note <script>" in soup.get_text()
    index = pages["outcomes/index.md"]
    assert "<script>" not in index[index.index("{#earlier-versions}") :]
