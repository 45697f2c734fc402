"""The gaps between groups as the built pages state them, checked against the figures
read straight from the data packages' CSV files (not from the model): the fixture site,
and a copy of it given a few synthetic figures by sex (a narrowed gap, a suspect figure
and a cross-classified one that must be left out)."""

from __future__ import annotations

import csv
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from build_scripts.analyse.indicators import assess_framework
from build_scripts.load import load_framework
from build_scripts.pages import render_pages
from tests.pages.conftest import BUILD_DATE, FIXTURE, Site
from tests.pages.test_pages import to_html

NUMBER = r"-?[\d,]+(?:\.\d+)?"
STATEMENT = re.compile(
    rf"In (?P<period>.+?), the gap between (?P<high>.+?) \((?P<top>{NUMBER})[^)]*\) and "
    rf"(?P<low>.+?) \((?P<bottom>{NUMBER})[^)]*\) was (?P<gap>{NUMBER})[^,;]*"
    rf"(?:, (?P<trend>narrower than|wider than|about the same as) in (?P<then>.+?) "
    rf"\((?P<was>{NUMBER})[^)]*\)|(?P<none>; no earlier period))"
)
# Synthetic figures by sex for the copy of the fixture (never published).
SEX_ROWS = [
    # period, start, end, group, value, flag, crossed
    ("2015-2018", "2015-04-01", "2018-03-31", "Female", "30", "", False),
    ("2015-2018", "2015-04-01", "2018-03-31", "Male", "22", "", False),
    ("2016-2019", "2016-04-01", "2019-03-31", "Female", "29", "", False),
    ("2016-2019", "2016-04-01", "2019-03-31", "Male", "90", "suspect", False),
    ("2017-2020", "2017-04-01", "2020-03-31", "Female", "27", "", False),
    ("2017-2020", "2017-04-01", "2020-03-31", "Male", "23", "", False),
    ("2017-2020", "2017-04-01", "2020-03-31", "Male", "99", "", True),
]


@dataclass(frozen=True)
class Expected:
    period: str
    high: str
    low: str
    top: float
    bottom: float
    then: str | None
    was_top: float | None
    was_bottom: float | None


def read_figures(data: Path, slug: str) -> list[dict[str, str]]:
    with (data / "indicators" / slug / f"{slug}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def labels(data: Path) -> dict[tuple[str, str], str]:
    with (data / "framework" / "breakdown-groups.csv").open(encoding="utf-8") as f:
        return {(r["breakdown_type"], r["group"]): r["label"] for r in csv.DictReader(f)}


def expected(data: Path, slug: str, measure: str, kind: str) -> Expected | None:
    """The gap read from the CSV: the latest period with two groups' figures (not
    suspect, one breakdown only), its highest and lowest, and the earliest period with
    figures for both."""
    rows = [
        r
        for r in read_figures(data, slug)
        if r["measure"] == measure
        and r["breakdown_type"] == kind
        and not r.get("breakdown_type_2")
        and r["flag"] != "suspect"
    ]
    by_period: dict[str, dict[str, float]] = {}
    starts: dict[str, str] = {}
    for r in rows:
        by_period.setdefault(r["period"], {})[r["breakdown_group"]] = float(r["value"])
        starts[r["period"]] = r["period_start"]
    periods = sorted((p for p in by_period if len(by_period[p]) >= 2), key=starts.__getitem__)
    if not periods:
        return None
    latest = by_period[periods[-1]]
    high = max(latest, key=latest.__getitem__)
    low = min(latest, key=latest.__getitem__)
    both = sorted(
        (p for p in by_period if high in by_period[p] and low in by_period[p]),
        key=starts.__getitem__,
    )
    then = both[0] if both[0] != periods[-1] else None
    names = labels(data)
    return Expected(
        periods[-1],
        names.get((kind, high), high),
        names.get((kind, low), low),
        latest[high],
        latest[low],
        then,
        by_period[then][high] if then else None,
        by_period[then][low] if then else None,
    )


def number(text: str) -> float:
    return float(text.replace(",", ""))


def check_statement(text: str, want: Expected, tolerance: float) -> None:
    found = STATEMENT.search(text)
    assert found, text
    assert (found["period"], found["high"], found["low"]) == (want.period, want.high, want.low)
    assert (number(found["top"]), number(found["bottom"])) == (want.top, want.bottom)
    assert number(found["gap"]) == pytest.approx(want.top - want.bottom)
    if want.then is None:
        assert found["none"], text
        return
    assert want.was_top is not None and want.was_bottom is not None
    was = want.was_top - want.was_bottom
    assert found["then"] == want.then
    assert number(found["was"]) == pytest.approx(was)
    change = round((want.top - want.bottom) - was, 6)
    word = (
        "about the same as"
        if abs(change) < tolerance
        else "wider than"
        if change > 0
        else "narrower than"
    )
    assert found["trend"] == word, text


def breakdown_statement(page: str, anchor: str) -> str:
    """The paragraph right under a breakdown's summary on an indicator page (the
    breakdown is a ``<details>`` whose summary is a heading with the id ``anchor``)."""
    heading = to_html(page).find(id=anchor)
    assert isinstance(heading, Tag) and heading.parent is not None, anchor
    details = heading.find_parent("details")
    assert isinstance(details, Tag) and heading.parent.name == "summary", anchor
    summary = details.find("summary", recursive=False)
    assert isinstance(summary, Tag), anchor
    paragraph = summary.find_next_sibling()
    assert isinstance(paragraph, Tag) and paragraph.name == "p"
    return paragraph.get_text(" ", strip=True)


def gap_items(page: str) -> dict[str, str]:
    """The characteristic page's list of gaps: indicator title -> the text of its item."""
    soup: BeautifulSoup = to_html(page)
    heading = soup.find(id="gaps")
    assert isinstance(heading, Tag)
    listing = heading.find_next("ul")
    assert isinstance(listing, Tag)
    items: dict[str, str] = {}
    for item in listing.find_all("li", recursive=False):
        link = item.find("a")
        assert isinstance(link, Tag)
        items[link.get_text(strip=True)] = item.get_text(" ", strip=True)
    return items


def test_the_fixture_site_states_the_gap_in_its_figures(site: Site) -> None:
    want = expected(FIXTURE, "healthy-life-expectancy", "females", "simd")
    assert want is not None and want.then is not None
    # Shown to one place, with confidence-interval criteria: 0.1 years counts.
    text = breakdown_statement(site.pages["indicators/healthy-life-expectancy.md"], "females-simd")
    check_statement(text, want, 0.1)
    items = gap_items(site.pages["equality/socio-economic.md"])
    check_statement(items["Healthy life expectancy"], want, 0.1)
    assert (
        "Healthy life expectancy of females, by deprivation (SIMD)"
        in items["Healthy life expectancy"]
    )
    # One group by sex only: listed, with nothing to compare.
    sex = gap_items(site.pages["equality/sex.md"])
    assert all(
        "no period has figures of this characteristic alone for two groups" in text
        for text in sex.values()
    )


@pytest.fixture(scope="module")
def with_sex(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    data = tmp_path_factory.mktemp("gaps") / "data"
    shutil.copytree(FIXTURE, data)
    path = data / "indicators" / "child-poverty" / "child-poverty.csv"
    rows = read_figures(data, "child-poverty")
    for period, start, end, group, value, flag, crossed in SEX_ROWS:
        rows.append(
            {
                **dict.fromkeys(rows[0], ""),
                "measure": "relative-poverty",
                "period": period,
                "period_start": start,
                "period_end": end,
                "breakdown_type": "sex",
                "breakdown_group": group,
                "breakdown_type_2": "simd" if crossed else "",
                "breakdown_group_2": "1" if crossed else "",
                "value": value,
                "unit": "percent",
                "flag": flag,
                "source": "npf-database-2020",
            }
        )
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    framework = load_framework(data)
    pages = render_pages(framework, assess_framework(framework), [], {}, build_date=BUILD_DATE)
    return data, pages


def test_a_narrowed_gap_on_both_pages(with_sex: tuple[Path, dict[str, str]]) -> None:
    data, pages = with_sex
    want = expected(data, "child-poverty", "relative-poverty", "sex")
    # The suspect 2016-2019 figure and the cross-classified one are left out.
    assert want == Expected("2017-2020", "Female", "Male", 27.0, 23.0, "2015-2018", 30.0, 22.0)
    # The indicator's criteria: a threshold of 1 (percentage point), in its units.
    text = breakdown_statement(pages["indicators/child-poverty.md"], "relative-poverty-sex")
    check_statement(text, want, 1.0)
    assert text == (
        "In 2017-2020, the gap between Female (27%) and Male (23%) was 4 percentage points, "
        "narrower than in 2015-2018 (8 percentage points)."
    )
    items = gap_items(pages["equality/sex.md"])
    assert text in items["Child poverty"]
