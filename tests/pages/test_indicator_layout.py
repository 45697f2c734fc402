"""The indicator page's layout (issue 10): the answer first, an "On this page" list of
plain links, each breakdown in a ``<details>`` the reader opens, related indicators."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from build_scripts.analyse.indicators import analyse_framework, measure_units
from build_scripts.formatting import places
from tests.pages.conftest import Site
from tests.pages.test_pages import to_html

SLUG = "healthy-life-expectancy"


def page(site: Site, slug: str = SLUG) -> BeautifulSoup:
    return to_html(site.pages[f"indicators/{slug}.md"])


def answer(soup: BeautifulSoup) -> str:
    """The text of the answer block: from its heading to the "On this page" list."""
    heading = soup.find(id="answer")
    assert isinstance(heading, Tag)
    said = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "nav":
            break
        said.append(sibling.get_text(" ", strip=True))
    return " ".join(said)


def test_the_answer_comes_first_and_states_the_analysis(site: Site) -> None:
    soup = page(site)
    text = answer(soup)
    indicator = site.framework.indicators[SLUG]
    change = analyse_framework(site.framework).change(SLUG)
    latest, previous, first = change.latest, change.previous, change.first
    assert latest and previous and first and latest.value is not None
    assert previous.value is not None and first.value is not None
    units = measure_units(site.framework, indicator.headline_measure)
    shown = places(previous.value, latest.value)
    assert f"The latest figure is {units.figure(latest.value, shown)} ({latest.period})" in text
    assert change.change_since_previous is not None and change.change_since_first is not None
    assert f"{units.amount(abs(change.change_since_previous), shown)} lower" in text
    assert f"fallen by {units.amount(abs(change.change_since_first), shown)}" in text
    assert first.period in text and previous.period in text
    # the status and why, and where the figure is highest and lowest
    assert "Maintaining" in text and "Why:" in text
    assert "By council area in 2016-2018, the figure was highest for City of Edinburgh" in text
    # before any chart or table
    first_chart = soup.find(["figure", "table"])
    assert isinstance(first_chart, Tag)
    assert soup.find(id="answer") in first_chart.find_all_previous("h2")


def test_the_answer_names_the_source_of_the_latest_figure_and_its_date(site: Site) -> None:
    text = answer(page(site, "child-poverty")).replace(" ,", ",")
    assert (
        "The latest figure, for 2017-2020, comes from Wellbeing Economy Monitor "
        "(March 2022), published March 2022." in text
    )


def test_on_this_page_links_resolve_to_ids_on_the_page(site: Site) -> None:
    for name, markdown_page in site.pages.items():
        if not name.startswith("indicators/") or name.endswith("index.md"):
            continue
        soup = to_html(markdown_page)
        nav = soup.find("nav", class_="npf-on-this-page")
        assert isinstance(nav, Tag), name
        targets = [a["href"] for a in nav.find_all("a")]
        assert targets and all(t.startswith("#") for t in targets), name
        for target in targets:
            assert soup.find(id=target[1:]) is not None, (name, target)
        assert "#about" in targets and "#download" in targets, name


def test_each_breakdown_is_a_closed_details_with_its_chart_and_table(site: Site) -> None:
    soup = page(site)
    breakdowns = soup.find_all("details", class_="npf-breakdown")
    # each summary is a heading with the breakdown's id (for the table of contents)
    assert [d.summary.h3["id"] for d in breakdowns] == [
        "females-council-area",
        "females-simd",
        "females-simd--sex-female",
    ]
    for d in breakdowns:
        assert not d.has_attr("open")
        assert d.summary is not None and d.summary.get_text(strip=True).startswith("By ")
        assert d.find("figure") is not None and d.find("table") is not None
    # the gap statement is the first thing the opened breakdown says
    heading = soup.find(id="females-simd")
    assert isinstance(heading, Tag)
    simd = heading.find_parent("details")
    assert isinstance(simd, Tag) and simd.p is not None
    assert simd.p.get_text().startswith("In 2016-2018, the gap between")
    # the headline chart and its table stay open
    headline = soup.find(id="chart-healthy-life-expectancy--females--total")
    assert isinstance(headline, Tag) and headline.find_parent("details") is None


def test_about_gathers_definition_status_source_and_downloads(site: Site) -> None:
    soup = page(site)
    about = soup.find(id="about")
    assert isinstance(about, Tag) and about.name == "h2"
    after = [h["id"] for h in about.find_all_next("h3") if h.has_attr("id")]
    assert after[:4] == ["what-it-measures", "status", "source", "download"]


def test_related_indicators_are_the_other_indicators_of_its_outcomes(site: Site) -> None:
    indicator = site.framework.indicators[SLUG]
    outcomes = {o.slug: o for o in site.framework.outcomes}
    want = [
        site.framework.indicators[s].title
        for o in indicator.outcomes
        for s in outcomes[o].indicators
        if s != SLUG and s in site.framework.indicators
    ]
    soup = page(site)
    heading = soup.find(id="related")
    assert isinstance(heading, Tag)
    listed = heading.find_next("ul")
    assert isinstance(listed, Tag)
    links = {a.get_text(): a["href"] for a in listed.find_all("a")}
    assert want and list(links) == list(dict.fromkeys(want))
    assert all(h.endswith(".html") for h in links.values())


def test_the_table_of_contents_lists_every_breakdown(site: Site) -> None:
    """Issue 10: the sidebar's "On this page" (MkDocs' table of contents, made by the
    toc extension from the page's headings) lists each breakdown under its measure,
    though the breakdown is a <details>: its summary is a heading."""
    import markdown

    from tests.pages.test_pages import EXTENSIONS

    md = markdown.Markdown(extensions=[*EXTENSIONS, "toc"])
    body = site.pages[f"indicators/{SLUG}.md"].split("---\n", 2)[2]
    md.convert(body)
    toc = {t["id"]: [c["id"] for c in t["children"]] for t in md.toc_tokens[0]["children"]}
    assert toc["females"] == ["females-council-area", "females-simd", "females-simd--sex-female"]
    assert toc["males"] == []
    assert "about" in toc and "related" in toc
