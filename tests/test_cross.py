"""Figures cross-classified by three breakdowns (``breakdown_type_3``) go through the
whole pipeline: validation, the model, the charts, the indicator page's tables and the
CSV, Excel and data package downloads."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import markdown
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from frictionless import Package, validate
from openpyxl import load_workbook

from build_scripts.analyse.indicators import assess_framework
from build_scripts.charts import plan
from build_scripts.charts.plan import breakdown_slices, plan_charts
from build_scripts.charts.render import render_all
from build_scripts.downloads import collect_downloads
from build_scripts.load import load_framework
from build_scripts.pages import render_pages
from build_scripts.validate import validate_path
from tests.crossed import SLUG, crossed_rows, write_crossed

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"></svg>'
TRIPLE = ("sex", "age", "simd")


def test_three_breakdowns_validate_and_load_as_ordered_pairs(tmp_path: Path) -> None:
    data = write_crossed(tmp_path / "datapackages")
    report = validate_path(data)
    assert report.valid, [str(p) for p in report.problems]

    indicator = load_framework(data).indicators[SLUG]
    triples = [f for f in indicator.figures if len(f.breakdowns) == 3]
    assert len(triples) == len(crossed_rows()) == 16
    first = min(triples, key=lambda f: (f.period, f.value))
    assert first.breakdowns == (("sex", "Female"), ("age", "16-24"), ("simd", "1"))
    assert first.cross == (("age", "16-24"), ("simd", "1"))
    assert not first.is_headline
    doubles = [f for f in indicator.figures if len(f.breakdowns) == 2]
    assert [f.cross for f in doubles] == [(("age", "16-24"),)] * 2
    # Figures of one breakdown keep their series; crossed ones are never in them.
    assert all(not f.cross for f in indicator.series("adults", "sex"))
    assert len(indicator.series("adults", "sex")) == 6


def test_every_crossed_figure_is_charted_by_its_first_breakdown(tmp_path: Path) -> None:
    framework = load_framework(write_crossed(tmp_path / "datapackages"))
    indicator = framework.indicators[SLUG]
    slices = breakdown_slices(framework, indicator, "adults")
    assert [s.key for s in slices] == [
        "sex",
        "sex--age-16-24",
        "sex--age-16-24--simd-1",
        "sex--age-16-24--simd-5",
        "sex--age-25--simd-1",
        "sex--age-25--simd-5",
    ]
    charted = sorted(id(f) for s in slices for f in s.figures)
    others = [f for f in indicator.figures if f.breakdown_type != "total"]
    assert charted == sorted(id(f) for f in others)  # each figure once, none dropped
    ids = {c.id for c in plan_charts(framework)}
    assert {f"{SLUG}--adults--{s.key}" for s in slices} <= ids
    chart = next(c for c in plan_charts(framework) if c.id.endswith("--simd-5"))
    assert chart.title == (
        "Adults meeting activity guidelines by sex — age: 16 to 24, "
        "deprivation (SIMD): 5 - least deprived"
    )
    crossed = [c for c in plan_charts(framework) if "--age-" in c.id]
    svgs = render_all(crossed, tmp_path / "charts")  # drawn by vl-convert, as in a build
    assert len(svgs) == 5 and all(svg.startswith("<svg") for svg in svgs.values())


def _page(data: Path) -> BeautifulSoup:
    framework = load_framework(data)
    charts = plan_charts(framework)
    svgs = {c.id: SVG for c in charts}
    pages = render_pages(framework, assess_framework(framework), charts, svgs)
    body = pages[f"indicators/{SLUG}.md"].split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "meta"])
    return BeautifulSoup(html, "html.parser")


def _every_figure_table(soup: BeautifulSoup) -> Any:
    return next(t for t in soup.find_all("table") if "Every figure" in t.find("caption").get_text())


def _every_figure_rows(soup: BeautifulSoup) -> list[list[str]]:
    rows = [
        [td.get_text(strip=True) for td in tr.find_all(["td", "th"])]
        for tr in _every_figure_table(soup).tbody.find_all("tr")
    ]
    return [r for r in rows if r]


def test_the_page_table_shows_every_breakdown_column(tmp_path: Path) -> None:
    soup = _page(write_crossed(tmp_path / "datapackages"))
    table = _every_figure_table(soup)
    headers = [th.get_text(strip=True) for th in table.find("thead").find_all("th")]
    assert headers[:8] == [
        "Measure",
        "Period",
        "Breakdown",
        "Group",
        "Second breakdown",
        "Second group",
        "Third breakdown",
        "Third group",
    ]
    rows = _every_figure_rows(soup)
    assert len(rows) == 11 + 16
    last = ["Sex", "Male", "Age", "25 and over", "Deprivation (SIMD)", "5 - least deprived"]
    assert [r[2:8] for r in rows].count(last) == 2  # 2016 and 2017
    single = next(r for r in rows if r[1] == "2016" and r[2] == "Sex" and r[4] == "")
    assert single[5:8] == ["", "", ""]  # a figure of one breakdown leaves them empty
    # each breakdown is named by the summary of its <details> (issue 10)
    headings = [s.get_text(strip=True) for s in soup.select("details.npf-breakdown > summary")]
    assert "By sex — age: 25 and over, deprivation (SIMD): 1 - most deprived" in headings


def test_downloads_carry_every_pair(tmp_path: Path) -> None:
    data = write_crossed(tmp_path / "datapackages")
    downloads = {d.name: d for d in collect_downloads(data, tmp_path / "cache", "npf")}

    csv_file = next(d.source for n, d in downloads.items() if n == f"{SLUG}.csv")
    assert csv_file is not None
    frame = pd.read_csv(csv_file, dtype=str, keep_default_na=False)
    triples = frame[frame["breakdown_type_3"] != ""]
    assert len(triples) == 16
    kinds = triples[["breakdown_type", "breakdown_type_2", "breakdown_type_3"]]
    assert set(kinds.itertuples(index=False, name=None)) == {TRIPLE}

    xlsx = next(d.source for n, d in downloads.items() if n == f"{SLUG}.xlsx")
    assert xlsx is not None
    sheet = list(load_workbook(io.BytesIO(xlsx.read_bytes()))["Data"].values)
    header = list(sheet[0])
    assert header[4:10] == [
        "breakdown_type",
        "breakdown_group",
        "breakdown_type_2",
        "breakdown_group_2",
        "breakdown_type_3",
        "breakdown_group_3",
    ]
    assert sum(1 for row in sheet[1:] if row[header.index("breakdown_group_3")]) == 16

    zipped = next(d.source for n, d in downloads.items() if n == f"{SLUG}.zip")
    assert zipped is not None
    out = tmp_path / "unzipped"
    with zipfile.ZipFile(zipped) as zf:
        zf.extractall(out)
    descriptor = next(out.rglob("datapackage.json"))
    report = validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    resource = Package(str(descriptor)).resources[0]
    rows = resource.read_rows()
    assert sum(1 for r in rows if r["breakdown_type_3"] == "simd") == 16
    assert resource.schema.primary_key[-2:] == ["breakdown_type_3", "breakdown_group_3"]


def _by_council(sex: str, code: str, value: int) -> dict[str, str]:
    return {
        "measure": "adults",
        "period": "2017",
        "period_start": "2017-01-01",
        "period_end": "2017-12-31",
        "breakdown_type": "sex",
        "breakdown_group": sex,
        "breakdown_type_2": "council-area",
        "breakdown_group_2": code,
        "value": str(value),
        "unit": "percent",
        "source": "synthetic-survey",
    }


def test_charted_by_the_breakdown_with_most_groups(tmp_path: Path) -> None:
    """Sex by council area (2 x 3 groups) is two charts by council area, one per sex."""
    codes = ("S12000033", "S12000034", "S12000041")
    extra = [_by_council(s, c, 40 + i) for s in ("Female", "Male") for i, c in enumerate(codes)]
    data = write_crossed(tmp_path / "datapackages", extra)
    assert validate_path(data).valid
    framework = load_framework(data)
    slices = breakdown_slices(framework, framework.indicators[SLUG], "adults")
    council = [s for s in slices if s.breakdown_type == "council-area"]
    assert [s.key for s in council] == ["council-area--sex-female", "council-area--sex-male"]
    assert [s.fixed for s in council] == [(("sex", "Female"),), (("sex", "Male"),)]
    assert {f.breakdown_group for f in council[0].figures} == set(codes)
    assert all(f.cross == (("sex", "Female"),) for f in council[0].figures)
    chart = next(c for c in plan_charts(framework) if c.id.endswith("--council-area--sex-male"))
    assert chart.title == "Adults meeting activity guidelines by council area — sex: Male"
    # The model's figures stay as read: sex first, council area second.
    read = [f for f in framework.indicators[SLUG].figures if f.cross[:1] == (("sex", "Male"),)]
    assert read == [] and framework.indicators[SLUG].figures[-1].breakdown_type == "sex"


def test_too_many_combinations_have_one_static_chart_and_say_how_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``MAX_CROSSED`` slices, a combination has the static chart of its default
    slice (the most groups, then figures, then the first), the page says how many there
    are and where the rest are, and the table of all figures still has every one."""
    monkeypatch.setattr(plan, "MAX_CROSSED", 3)  # sex by age and deprivation: 4 charts
    data = write_crossed(tmp_path / "datapackages")
    framework = load_framework(data)
    indicator = framework.indicators[SLUG]
    slices = breakdown_slices(framework, indicator, "adults")
    assert [s.key for s in slices] == ["sex", "sex--age-16-24", "sex--age-16-24--simd-1"]
    assert slices[-1].combination == "sex--age--simd"
    page = _page(data)
    text = page.get_text(" ")
    assert (
        "These figures of adults meeting activity guidelines are broken down by sex, age and "
        "deprivation (SIMD) at once. By sex they make 4 charts, one for each combination of "
        "age and deprivation (SIMD); this is one of them."
    ) in text
    assert len(_every_figure_rows(page)) == 11 + 16  # all still in the table
