"""The generated pages: golden files, escaping, every page kind, links, tables."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup

import build_scripts.pages as pages_module
from build_scripts.analyse.statuses import Status
from build_scripts.charts.png import wants_png
from build_scripts.pages import chart_files, plan_downloads, render_pages, write_pages
from build_scripts.pages.kinds import KINDS
from build_scripts.pages.markdown import STATUS_ICONS, attr, text
from build_scripts.pages.render import environment, words
from build_scripts.urls import url
from tests.golden_files import check_text
from tests.pages.conftest import BUILD_DATE, Site

GOLDEN = Path(__file__).parent / "golden"
HOSTILE = "<script>alert(1)</script> *bold* | pipe [link](x) `code`"
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "meta"]
SPEC = re.compile(r'(<script type="application/json" class="vega-spec">).*?(</script>)')
HAND_WRITTEN = {"methodology.md", "about.md", "accessibility.md", "api.md"}
MACHINE_FILES = {"data/catalog.json"}  # made by the build's machines stage, not a page


def to_html(page: str) -> BeautifulSoup:
    """The page as MkDocs would convert it (same Markdown extensions)."""
    body = markdown.markdown(page.split("---\n", 2)[2], extensions=EXTENSIONS)
    return BeautifulSoup(body, "html.parser")


# A page of every kind (pages.kinds.KINDS).
GOLDEN_PAGES = [
    "index.md",
    "outcomes/index.md",
    "outcomes/health.md",
    "indicators/healthy-life-expectancy.md",
    "equality/index.md",
    "equality/sex.md",
    "evidence/employment-rate-by-disability.md",
    "areas/index.md",
    "areas/glasgow-city.md",
    "data/index.md",
]


@pytest.mark.golden
@pytest.mark.parametrize("name", GOLDEN_PAGES)
def test_golden(site: Site, name: str) -> None:
    """Regenerate with ``make golden`` and review the diff.

    The Vega-Lite specs are left out: they are the charts' business (tests/charts)."""
    golden = GOLDEN / name.replace("/", "__")
    page = SPEC.sub(r"\1...\2", site.pages[name])
    check_text(golden, page)


def test_every_page_kind_has_a_golden_copy() -> None:
    """Each kind of pages.kinds.KINDS has at least one page in GOLDEN_PAGES (a kind that
    waits for a release: in tests/pages/test_releases.py's GOLDEN_RELEASE_PAGES; one of
    a framework with targets: in tests/pages/test_targets.py's GOLDEN_TARGET_PAGES)."""
    from tests.pages.test_releases import GOLDEN_RELEASE_PAGES
    from tests.pages.test_targets import GOLDEN_TARGET_PAGES

    for k in KINDS:
        golden = (
            GOLDEN_RELEASE_PAGES
            if k.with_releases
            else GOLDEN_TARGET_PAGES
            if k.with_targets
            else GOLDEN_PAGES
        )
        pattern = re.escape(k.url).replace(re.escape("{slug}"), "[^/]+")
        assert any(re.fullmatch(pattern, name) for name in golden), (
            f"no golden copy of a page of kind {k.name!r}: add one to GOLDEN_PAGES"
        )


def test_every_page_kind(site: Site) -> None:
    assert sorted(site.pages) == [
        "areas/aberdeen-city.md",
        "areas/city-of-edinburgh.md",
        "areas/glasgow-city.md",
        "areas/index.md",
        "data/index.md",
        "equality/disability.md",
        "equality/index.md",
        "equality/sex.md",
        "equality/socio-economic.md",
        "evidence/employment-rate-by-disability.md",
        "index.md",
        "indicators/bad-title.md",
        "indicators/child-poverty.md",
        "indicators/healthy-life-expectancy.md",
        "indicators/wellbeing-of-children.md",
        "outcomes/children.md",
        "outcomes/health.md",
        "outcomes/index.md",
        "outcomes/poverty.md",
    ]


def test_every_page_has_a_description_of_its_own(site: Site) -> None:
    """Issue 10 (Lighthouse SEO, link previews): each generated page's front matter has
    a description, and no two pages share one (else the site's own would stand in)."""
    found = {}
    for name, page in site.pages.items():
        front = page.split("---", 2)[1]
        said = re.search(r"^description: (.+)$", front, flags=re.M)
        assert said, f"{name} has no description"
        found[name] = said.group(1)
    assert len(set(found.values())) == len(found), found


def test_deterministic(site: Site) -> None:
    again = render_pages(
        site.framework, site.assessments, site.charts, site.svgs, build_date=BUILD_DATE
    )
    assert again == site.pages


def test_pages_shared_among_forked_workers_are_the_same_pages(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages_module, "MIN_PAGES_PER_WORKER", 1)
    forks: list[int] = []
    fork = pages_module._render_forked

    def counted(*args: Any, **kwargs: Any) -> dict[str, str]:
        forks.append(1)
        return fork(*args, **kwargs)

    monkeypatch.setattr(pages_module, "_render_forked", counted)
    shared = render_pages(
        site.framework, site.assessments, site.charts, site.svgs, build_date=BUILD_DATE, workers=3
    )
    assert forks == [1]
    assert list(shared) == list(site.pages) and shared == site.pages


def test_hostile_text_comes_out_as_text(site: Site) -> None:
    page = site.pages["indicators/bad-title.md"]
    soup = to_html(page)
    assert soup.h1 is not None and soup.h1.get_text() == HOSTILE
    scripts = [s for s in soup.find_all("script") if "vega-spec" not in (s.get("class") or [])]
    # The one script is the page's JSON-LD: data, whose text holds the title as text.
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert "</script" not in scripts[0].string and "<" not in scripts[0].string
    assert json.loads(scripts[0].string)["name"] == HOSTILE
    # no Markdown made emphasis or code of the text; the <code>s are the embed snippets
    # (one under each chart), which show the title as text in their frames' (escaped)
    # title attributes
    snippets = [c for c in soup.find_all("code") if c.find_parent(class_="npf-embed-snippet")]
    charts = soup.find_all("figure", class_="npf-chart")
    assert soup.find_all(["em", "code"]) == snippets and len(snippets) == len(charts) == 2
    assert 'title="&lt;img src=x onerror=alert(1)&gt; measure"' in snippets[0].get_text()
    strong = {tag.get_text() for tag in soup.find_all("strong")}
    assert strong == {
        "How it is decided:",
        "Whose criteria:",
        "Why:",
        "<img src=x onerror=alert(1)> measure",
    }
    assert all(img["src"].startswith("../charts/") for img in soup.find_all("img"))
    hrefs = {a["href"] for a in soup.find_all("a")}
    assert "x" not in hrefs and not any(h.startswith("javascript") for h in hrefs)
    assert "<b>Bold</b> source * | [x](y)" in soup.get_text()
    assert "<img src=x onerror=alert(1)> measure" in soup.get_text()
    # The front matter title is HTML-escaped: the theme prints it unescaped.
    assert 'title: "&lt;script&gt;alert(1)&lt;/script&gt;' in page
    # "Cite this" says the title as text, in every form
    cite = soup.find("p", class_="npf-cite")
    assert cite is not None and HOSTILE in cite.get_text()
    cited = [p.get_text() for p in soup.find_all("pre", class_="npf-cite-text")]
    assert len(cited) == 2 and all("alert(1)" in p for p in cited)  # BibTeX, CSL-JSON


def test_hostile_title_in_lists(site: Site) -> None:
    for name in ("outcomes/health.md", "index.md", "data/index.md"):
        soup = to_html(site.pages[name])
        titles = [a.get_text() for a in soup.find_all("a") if "indicators/bad-title" in a["href"]]
        assert titles and all(t == HOSTILE for t in titles), name
        assert not [s for s in soup.find_all("script") if "vega-spec" not in (s.get("class") or [])]


def test_hostile_figure_text_in_tables(site: Site) -> None:
    soup = to_html(site.pages["indicators/bad-title.md"])
    cells = [c.get_text() for c in soup.find_all(["td", "th"])]
    assert "<i>2018</i>" in cells
    assert "2019 | *x*" in cells
    assert "<b>Other</b>" in cells


def test_in_development_says_so(site: Site) -> None:
    page = site.pages["indicators/wellbeing-of-children.md"]
    soup = to_html(page)
    notice = soup.find(class_="admonition")
    assert notice is not None and "no figures have been published" in notice.get_text()
    assert "In development" in soup.find(class_="npf-status").get_text()
    assert soup.find("figure") is None
    assert "All figures" not in page
    assert "../data/wellbeing-of-children.csv" not in page
    assert "There are no figures to download yet." in page


def test_provisional_placement(site: Site) -> None:
    page = site.pages["indicators/child-poverty.md"]
    assert "Provisional placement" in page
    assert "Provisional placement" not in site.pages["indicators/healthy-life-expectancy.md"]
    assert "(placement provisional)" in site.pages["outcomes/poverty.md"]


def test_status_is_never_colour_alone(site: Site) -> None:
    for name, page in site.pages.items():
        for badge in to_html(page).find_all(class_="npf-status"):
            words = badge.get_text(" ", strip=True)
            status = next(s for s in Status if words.endswith(s.value))
            icon = badge.find(class_="npf-status__icon")
            assert icon is not None and icon.get_text() == STATUS_ICONS[status], name


def test_every_table_has_caption_and_header_row(site: Site) -> None:
    for name, page in site.pages.items():
        for table in to_html(page).find_all("table"):
            assert table.caption and table.caption.get_text().strip(), name
            assert table.thead and table.thead.find_all("th"), name


def test_internal_links_resolve(site: Site) -> None:
    downloads = {f"data/{d.name}" for d in plan_downloads(site.framework)}
    targets = set(site.pages) | HAND_WRITTEN | downloads | MACHINE_FILES
    targets |= {f"charts/{c.id}.svg" for c in site.charts}
    targets |= {f"charts/{c.id}.csv" for c in site.charts}
    targets |= {f"charts/{c.id}.png" for c in site.charts if wants_png(c)}
    for name, page in site.pages.items():
        soup = to_html(page)
        links = [a["href"] for a in soup.find_all("a")] + [i["src"] for i in soup.find_all("img")]
        for href in links:
            if re.match(r"[a-z]+:", href) or href.startswith("#"):
                continue
            assert not href.split("#")[0].endswith(".md"), f"{name}: {href} is not rewritten"
            target = re.sub(r"\.html$", ".md", href.split("#")[0])
            resolved = os.path.normpath(os.path.join(os.path.dirname(name), target))
            assert resolved in targets, f"{name}: {href}"


def test_indicator_page_content(site: Site) -> None:
    page = site.pages["indicators/healthy-life-expectancy.md"]
    soup = to_html(page)
    assert soup.find(class_="npf-status").get_text(" ", strip=True).endswith("Maintaining")
    assert "the intervals overlap" in page
    assert "By council area in 2016-2018" in page
    ids = [f["id"] for f in soup.find_all("figure")]
    assert ids == [
        "chart-healthy-life-expectancy--females--total",
        "chart-healthy-life-expectancy--females--council-area",
        "chart-healthy-life-expectancy--females--simd",
        # the cross-classified figure, by its first breakdown with the second fixed
        "chart-healthy-life-expectancy--females--simd--sex-female",
        "chart-healthy-life-expectancy--males--total",
        # the map of the latest figures by council area (npf.toml has their boundaries)
        "chart-healthy-life-expectancy--females--council-area--map",
    ]
    details = soup.find(id="all-figures").find_next("details")
    assert details is not None and "Show all 17 figures" in details.summary.get_text()
    assert "Next update: December 2021" in page


def test_indicator_page_shows_flags_notes_and_dated_linked_sources(site: Site) -> None:
    """A revised and a suspect figure are never shown bare, the suspect one is left out
    of the ranking and the page says so; each source is linked with its date; a
    comparison across two releases names both (issue 7)."""
    page = site.pages["indicators/child-poverty.md"]
    soup = to_html(page)
    sources = soup.find(id="source").find_next("ul")
    links = {a.get_text(): a["href"] for a in sources.find_all("a")}
    assert links == {
        "NPF indicator database (October 2020)": (
            "https://github.com/ScotGovAnalysis/sg-equality-evidence-finder"
        ),
        "Wellbeing Economy Monitor (March 2022)": (
            "https://github.com/ScotGovAnalysis/sg-wellbeing-economy-monitor"
        ),
    }
    assert "published 12 October 2020" in sources.get_text()
    assert "published March 2022" in sources.get_text()
    assert "Last updated: March 2022 (the newest source of these figures)" in page

    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in soup.find_all("tr")]
    notes = {r[-1] for r in rows if r[-1].startswith(("suspect", "revised"))}
    assert notes == {
        "suspect: The same figure as 2016-2019: probably copied in the source.",
        "revised: Revised from 25.9 in the NPF database of October 2020.",
    }
    assert ["City of Edinburgh", "20% (suspect)"] in rows

    council = soup.find(id="chart-child-poverty--relative-poverty--council-area")
    assert council.figcaption.get_text() == (
        "Children in relative poverty by council area, 2017-2020, 2 figures. City of "
        "Edinburgh (20%) is flagged as suspect, probably a slip in the source, and left "
        "out of the comparison. Scotland: 26%."
    )
    findings = soup.find(id="answer").find_next("ul").get_text()
    assert (
        "By council area in 2016-2019, the figure was highest for Glasgow City (31%) and "
        "lowest for City of Edinburgh (20%). The figure for City of Edinburgh in 2017-2020 "
        "is flagged as suspect and left out." in findings
    )
    assert (
        "The figures compared come from different releases, which may not be directly "
        "comparable: NPF indicator database (October 2020) (2016-2019) and Wellbeing "
        "Economy Monitor (March 2022) (2017-2020)." in page
    )


def test_area_page_puts_council_next_to_scotland(site: Site) -> None:
    soup = to_html(site.pages["areas/glasgow-city.md"])
    rows = [
        [c.get_text() for c in tr.find_all(["th", "td"])][:4] for tr in soup.tbody.find_all("tr")
    ]
    assert ["Child poverty", "2017-2020", "33%", "26%"] in rows
    assert [
        "Healthy life expectancy: Healthy life expectancy of females",
        "2016-2018",
        "56.9 years",
        "61.8 years",
    ] in rows


def test_equality_pages(site: Site) -> None:
    disability = site.pages["equality/disability.md"]
    assert "../evidence/employment-rate-by-disability.html" in disability
    assert "No National Indicator has figures by disability yet." in disability
    simd = to_html(site.pages["equality/socio-economic.md"])
    assert [a.get_text() for a in simd.tbody.find_all("a")] == ["Healthy life expectancy"]
    evidence = to_html(site.pages["evidence/employment-rate-by-disability.md"])
    headers = [th.get_text() for th in evidence.thead.find_all("th")]
    assert headers == ["Measure", "Series", "Period", "Group", "Sub-group", "Figure", "Unit"]
    assert len(evidence.tbody.find_all("tr")) == 5


def test_home_counts(site: Site) -> None:
    soup = to_html(site.pages["index.md"])
    table = soup.find_all("table")[0]
    last = [c.get_text() for c in table.tbody.find_all("tr")[-1].find_all(["th", "td"])]
    assert last[0] == "All indicators" and last[-1] == "4"
    assert sum(int(n) for n in last[1:-1]) == 4
    # The build date is stated as the build's, never passed off as the figures' date.
    assert "This site was built on 12 October 2020" in site.pages["index.md"]
    assert "The figures come from" in site.pages["index.md"]


def test_write_pages(site: Site, tmp_path: Path) -> None:
    written = write_pages(
        site.framework, site.assessments, site.charts, site.svgs, tmp_path, build_date=BUILD_DATE
    )
    assert written == site.pages
    assert (tmp_path / "indicators" / "child-poverty.md").read_text() == written[
        "indicators/child-poverty.md"
    ]
    svg = tmp_path / "sparkline.svg"
    files = chart_files(site.charts, {"child-poverty--sparkline": svg})
    assert files == {"charts/child-poverty--sparkline.svg": svg}


def test_chart_ids_are_stable_and_unique(site: Site) -> None:
    ids = [c.id for c in site.charts]
    assert ids == sorted(set(ids))
    assert "healthy-life-expectancy--sparkline" in ids
    assert "wellbeing-of-children--sparkline" not in ids


def test_text_escapes_markdown_and_html() -> None:
    assert text("61.8 years (2016-2018)") == "61.8 years (2016-2018)"
    assert text("1. item") == "1&#46; item"
    assert text("- x") == "&#45; x"
    assert text("a\n\n# b") == "a &#35; b"
    assert text("{#id}") == "&#123;&#35;id&#125;"


def test_right_to_left_names_are_isolated() -> None:
    """A name holding right-to-left letters is isolated so it cannot reorder the
    sentence around it; attributes take no markup (issue 8)."""
    assert text("Glasgow City") == "Glasgow City"
    assert text("עברית <b>") == "<bdi>עברית &#60;b&#62;</bdi>"
    assert text("العربية") == "<bdi>العربية</bdi>"
    assert attr("עברית") == "עברית"
    soup = BeautifulSoup(markdown.markdown(f"By {text('עברית 2')}: 5%"), "html.parser")
    assert soup.bdi is not None and soup.bdi.get_text() == "עברית 2"


def test_links_out_kept_as_written_and_other_schemes_never_run() -> None:
    out = "https://github.com/ScotGovAnalysis/sg_wellbeing?x=1&y=2#top"
    assert url(out) == "https://github.com/ScotGovAnalysis/sg_wellbeing?x=1&amp;y=2#top"
    assert url('https://example.org/a b"c') == "https://example.org/a%20b%22c"
    assert url("javascript:alert(1)") == "javascript%3Aalert%281%29"
    assert url("areas/na h-eileanan siar.md") == "areas/na%20h-eileanan%20siar.html"
    template = '{% import "_macros.md.j2" as m with context %}{{ m.link("Monitor", out) }}'
    written = environment().from_string(template).render(page_path="index.md", out=out)
    soup = BeautifulSoup(markdown.markdown(written, extensions=EXTENSIONS), "html.parser")
    assert soup.a["href"] == "https://github.com/ScotGovAnalysis/sg_wellbeing?x=1&y=2#top"


def test_download_plan_matches_what_the_build_writes(site: Site, tmp_path: Path) -> None:
    from build_scripts.downloads import area_downloads, collect_downloads
    from tests.pages.conftest import FIXTURE

    written = collect_downloads(FIXTURE, tmp_path, "npf")
    written += area_downloads(site.framework, tmp_path)
    assert sorted(d.name for d in plan_downloads(site.framework)) == sorted(d.name for d in written)


def test_validator_fixture_tree_renders() -> None:
    """The validation tests' valid tree (another reading of the data contract) loads and
    gives every kind of page."""
    from build_scripts.analyse.indicators import assess_framework
    from build_scripts.charts.plan import plan_charts
    from build_scripts.load import load_framework
    from tests.pages.conftest import SVG

    framework = load_framework(Path(__file__).parents[1] / "fixtures" / "packages" / "valid")
    assessments = assess_framework(framework)
    charts = plan_charts(framework)
    pages = render_pages(framework, assessments, charts, {c.id: SVG for c in charts})
    kinds = {name.split("/")[0] for name in pages}
    assert kinds == {"areas", "data", "equality", "evidence", "index.md", "indicators", "outcomes"}


def test_evidence_titles_tell_datasets_apart(site: Site) -> None:
    """Generic or shared published titles get the measure, the characteristic and the
    policy area, only as far as needed to be told apart; never the dataset's code."""
    from dataclasses import replace

    from build_scripts.pages.context import Context
    from build_scripts.pages.equality import evidence_titles

    base = site.framework.evidence[0]
    rows = [{"measure": "Crime victimisation", "value": 1.0}]
    datasets = [
        replace(base, slug="a", title="Percentage of respondents", rows=rows, policy_area="X"),
        replace(base, slug="b", title="Percentage of respondents", rows=rows, policy_area=""),
        replace(base, slug="c", title="Percentage of respondents", rows=rows, policy_area=""),
        replace(base, slug="d", title="A title of its own", rows=rows),
    ]
    framework = replace(site.framework, evidence=datasets)
    titles = evidence_titles(Context(framework, {}, {}, {}))
    assert len(set(titles.values())) == 3
    assert titles["a"].startswith("Crime victimisation: percentage of respondents, by ")
    assert titles["a"].endswith("(X)")
    assert titles["b"].endswith("(policy area not given)")
    assert titles["b"] == titles["c"]
    assert not any(t.endswith(f" {slug}") or "dataset" in t for slug, t in titles.items())
    assert titles["d"] == "A title of its own"


def test_indicator_page_does_not_repeat_its_description(site: Site) -> None:
    """A description made of a measure's title and description is said once, in the
    measure's line, not again as a paragraph above it."""
    from dataclasses import replace

    from build_scripts.pages.context import Context
    from build_scripts.pages.indicators import indicator_page
    from build_scripts.pages.kinds import kind
    from build_scripts.pages.render import render

    page = kind("indicator")
    indicator = next(i for i in site.framework.indicators.values() if i.measures)
    m = indicator.measures[0]
    said = f"{m.title}. {m.description or 'What it counts'}"
    measure = replace(m, description=m.description or "What it counts")
    echo = replace(indicator, description=said, measures=[measure, *indicator.measures[1:]])
    ctx = Context(site.framework, site.assessments, {}, {})
    path = page.path(echo.slug)
    said_by = words(ctx.project)
    assert text(said) not in render(page.template, path, indicator_page(ctx, echo), said_by)
    own = replace(echo, description="A description of its own.")
    assert "A description of its own." in render(
        page.template, path, indicator_page(ctx, own), said_by
    )


def test_an_indicator_with_too_many_figures_for_a_page_has_the_latest_of_each_series(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond ``TABLE_ROWS`` figures the table of all figures holds the latest figure of
    each series and says how many there are, and that every one is in the downloads
    (issue 13: pages readable at any size)."""
    from build_scripts.pages import indicators

    monkeypatch.setattr(indicators, "TABLE_ROWS", 10)
    framework = site.framework
    pages = render_pages(framework, site.assessments, site.charts, site.svgs, build_date=BUILD_DATE)
    soup = to_html(pages["indicators/healthy-life-expectancy.md"])
    figures = framework.indicators["healthy-life-expectancy"].figures
    series = {(f.measure, f.breakdown_type, f.breakdown_group, f.cross) for f in figures}
    assert len(figures) == 17 and len(series) < 10
    details = soup.find(id="all-figures").find_next("details")
    assert "Show the latest figures of each series" in details.summary.get_text()
    rows = details.find("tbody").find_all("tr")
    assert len(rows) == len(series)
    text = soup.get_text(" ", strip=True)
    assert "This indicator has 17 figures, too many to read on one page" in text
    assert f"latest figure of each series ({len(series)} figures)" in text
    latest: dict[tuple[object, ...], Any] = {}
    for f in figures:
        key = (f.measure, f.breakdown_type, f.breakdown_group, f.cross)
        if key not in latest or f.period_start > latest[key].period_start:
            latest[key] = f
    periods = sorted(r.find_all("td")[1].get_text() for r in rows)
    assert periods == sorted(f.period for f in latest.values())
