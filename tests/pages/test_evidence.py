"""Equality evidence pages: identical tables shown once, pointer pages for their other
codes, and the equality index."""

from __future__ import annotations

from dataclasses import replace

import markdown
from bs4 import BeautifulSoup

from build_scripts.evidence_groups import mark_identical
from build_scripts.pages import render_pages
from tests.pages.conftest import BUILD_DATE, Site


def to_html(page: str) -> BeautifulSoup:
    body = page.split("---", 2)[2]
    return BeautifulSoup(markdown.markdown(body, extensions=["attr_list", "tables"]), "html.parser")


def with_copies(site: Site) -> dict[str, str]:
    """The fixture site with its evidence dataset published again under two more codes."""
    base = site.framework.evidence[0]
    copies = [
        replace(base, slug=f"{base.slug}-copy", policy_area="", rows=[dict(r) for r in base.rows]),
        replace(base, slug="a-copy", policy_area="", rows=[dict(r) for r in base.rows]),
    ]
    evidence = [replace(base), *copies]
    mark_identical(evidence)
    framework = replace(site.framework, evidence=evidence)
    return render_pages(framework, site.assessments, site.charts, site.svgs, build_date=BUILD_DATE)


def test_identical_datasets_are_shown_once(site: Site) -> None:
    base = site.framework.evidence[0].slug
    pages = with_copies(site)
    assert "exclude: true" not in pages[f"evidence/{base}.md"]
    main = to_html(pages[f"evidence/{base}.md"])
    assert main.find("table") is not None
    codes = [a.get_text() for a in main.find_all("a") if a.get_text().endswith("copy")]
    assert codes == ["a-copy", f"{base}-copy"]
    assert f"Published under 3 codes, with identical figures: {base}" in main.get_text()
    # The other codes keep a page, a short pointer to the main one without the table.
    for code in ("a-copy", f"{base}-copy"):
        assert "search:\n  exclude: true\n" in pages[f"evidence/{code}.md"]
        pointer = to_html(pages[f"evidence/{code}.md"])
        assert pointer.find("table") is None
        assert f"published under the code {code} has the same figures as" in pointer.get_text()
        links = {a["href"] for a in pointer.find_all("a")}
        assert f"{base}.html" in links
    # Listed once on the characteristic's page.
    characteristic = site.framework.evidence[0].characteristic
    listing = to_html(pages[f"equality/{characteristic}.md"])
    hrefs = [a["href"] for a in listing.find_all("a") if "/evidence/" in a["href"]]
    assert hrefs == [f"../evidence/{base}.html"]


def test_titles_still_shared_are_told_apart_by_periods_then_characteristic(site: Site) -> None:
    from build_scripts.pages.context import Context
    from build_scripts.pages.equality import evidence_titles

    base = site.framework.evidence[0]

    def rows(*periods: str, group: str = "Men") -> list[dict[str, object]]:
        return [
            {"measure": "M", "period": p, "period_start": f"{p}-01-01", "breakdown": group}
            for p in periods
        ]

    same = {"title": "M by age and sex", "policy_area": "Summary"}
    datasets = [
        replace(base, slug="a", rows=rows("2017"), **same),
        replace(base, slug="b", rows=rows("2008", "2017"), **same),
        replace(base, slug="c", rows=rows("2019", group="Women"), characteristic="age", **same),
        replace(base, slug="d", rows=rows("2019"), characteristic="sex", **same),
    ]
    framework = replace(site.framework, evidence=datasets)
    titles = evidence_titles(Context(framework, {}, {}, {}))
    assert len(set(titles.values())) == 4
    assert titles["a"].endswith(", 2017") and titles["b"].endswith(", 2008 to 2017")
    assert titles["c"].endswith(": figures by age") and ", 2019" in titles["c"]
    assert titles["d"].endswith(": figures by sex")


def test_equality_index_lists_evidence_by_characteristic_and_policy_area(site: Site) -> None:
    pages = with_copies(site)
    soup = to_html(pages["equality/index.md"])
    base = site.framework.evidence[0]
    views = {h3["id"]: h3 for h3 in soup.find_all("h3")}
    assert set(views) == {"evidence-by-characteristic", "evidence-by-policy-area"}
    for view in views.values():
        details = view.find_next("details")
        summary = details.summary.get_text()
        # Three codes publish one table: listed once, counted once.
        assert summary.endswith("(1 dataset)")
        hrefs = [a["href"] for a in details.find_all("a") if "/evidence/" in a["href"]]
        assert hrefs == [f"../evidence/{base.slug}.html"]
    assert "1 datasets, published under 3 codes" not in soup.get_text()
    assert "1 dataset, published under 3 codes" in soup.get_text()


def test_evidence_pages_explain_abbreviations_on_first_use(site: Site) -> None:
    base = site.framework.evidence[0]
    rows = [dict(r, measure="% in poverty AHC") for r in base.rows]
    dataset = replace(base, title="Poverty AHC and BHC by disability", rows=rows)
    framework = replace(site.framework, evidence=[dataset])
    pages = render_pages(framework, site.assessments, site.charts, site.svgs, build_date=BUILD_DATE)
    page = to_html(pages[f"evidence/{base.slug}.md"])
    abbrs = [(a.get_text(), a["title"]) for a in page.find_all("abbr")]
    # Once each: in the heading; the table's AHC is the second use.
    assert abbrs == [("AHC", "after housing costs"), ("BHC", "before housing costs")]
    assert page.h1.get_text() == "Poverty AHC and BHC by disability"
    index = to_html(pages["equality/index.md"])
    listed = [(dt.get_text(), dt.find_next("dd").get_text()) for dt in index.find_all("dt")]
    assert listed == [("AHC", "after housing costs"), ("BHC", "before housing costs")]


def test_evidence_page_summary_says_periods_groups_and_extremes(site: Site) -> None:
    base = site.framework.evidence[0]
    rows = [
        {"measure": "Employment rate", "period": p, "period_start": f"{p}-01-01",
         "breakdown": g, "value": v, "unit": "percent"}
        for p, g, v in [("2018", "Men", 70.2), ("2018", "Women", 66.1),
                        ("2019", "Men", 71.4), ("2019", "Women", 68.5), ("2019", "All", 69.8)]
    ]  # fmt: skip
    dataset = replace(base, rows=rows)
    framework = replace(site.framework, evidence=[dataset])
    pages = render_pages(framework, site.assessments, site.charts, site.svgs, build_date=BUILD_DATE)
    summary = to_html(pages[f"evidence/{base.slug}.md"]).find("p", class_="npf-summary")
    assert summary.get_text() == (
        "Figures of Employment rate, for 2 periods from 2018 to 2019, by group: Men, Women "
        "and All. In 2019, Employment rate was highest for Men (71.4%) and lowest for "
        "Women (68.5%)."
    )


def test_evidence_page_shows_its_chart_before_its_table(site: Site) -> None:
    from build_scripts.charts.evidence import evidence_chart_id

    base = site.framework.evidence[0]
    page = to_html(site.pages[f"evidence/{base.slug}.md"])
    figure = page.find("figure")
    assert figure is not None
    assert figure.find("img")["src"].endswith(f"{evidence_chart_id(base.slug)}.svg")
    assert figure.find_next("table") is not None
    assert base.slug in {c.id.removeprefix("evidence--") for c in site.charts}
