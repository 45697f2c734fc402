"""The area profiles of the fixture site against figures worked out here, straight from
the data packages' CSVs with pandas (not through the model or the analyse stage); and
each area's CSV download read back."""

from __future__ import annotations

import re
from pathlib import Path

import frictionless
import pandas as pd
import pytest

from build_scripts.downloads import AREA_COLUMNS, area_downloads
from tests.pages.conftest import FIXTURE, Site
from tests.pages.test_pages import to_html

WORDS = {
    "Better": "better",
    "Worse": "worse",
    "About the same": "same",
    "Not compared: a total": None,
    "": None,
}


def fixture_figures(folder: Path = FIXTURE) -> pd.DataFrame:
    """Every figure of the indicators of the packages in ``folder``, with the indicator's
    slug."""
    frames = [
        pd.read_csv(path, dtype={"period": str, "breakdown_group": str}).assign(
            indicator=path.parent.name
        )
        for path in sorted((folder / "indicators").glob("*/*.csv"))
    ]
    found = pd.concat(frames, ignore_index=True)
    if "breakdown_type_2" not in found.columns:
        found["breakdown_type_2"] = None
    return found


def expected_profiles(folder: Path = FIXTURE) -> pd.DataFrame:
    """Each area's latest figure per measure, the country's, the verdict and the rank."""
    figures = fixture_figures(folder)
    single = figures[figures["breakdown_type_2"].isna()]
    single = single[single["flag"].fillna("") != "suspect"].dropna(subset=["value"])
    measures = pd.read_csv(folder / "framework" / "measures.csv")
    areas = single[single["breakdown_type"] == "council-area"]
    areas = areas.merge(measures, on=["indicator", "measure"])
    areas["decimals"] = areas["decimals"].fillna(6)  # unset: shown as published
    areas = areas.sort_values("period_start", kind="stable")
    areas = areas.drop_duplicates(
        ["indicator", "measure", "breakdown_group", "period"], keep="last"
    )
    sign = areas["direction"].map({"higher is better": 1, "lower is better": -1}).fillna(0)
    areas = areas.assign(
        shown=[round(v, int(d)) for v, d in zip(areas["value"], areas["decimals"], strict=True)],
        sign=sign,
    )
    areas = areas.assign(score=areas["shown"] * areas["sign"])
    keys = ["indicator", "measure", "period"]
    areas["rank"] = areas.groupby(keys)["score"].rank(method="min", ascending=False)
    areas["ranked"] = areas.groupby(keys)["score"].transform("size")
    latest = (
        areas.sort_values("period_start", kind="stable")
        .groupby(["indicator", "measure", "breakdown_group"])
        .tail(1)
    )
    country = single[single["breakdown_type"] == "total"].sort_values("period_start", kind="stable")
    country = country.drop_duplicates(keys, keep="last")[[*keys, "value"]]
    latest = latest.merge(country.rename(columns={"value": "country"}), on=keys, how="left")
    # Counts that add up to the country's figure (jobs) are neither compared nor ranked.
    sums = areas.groupby(keys)["value"].agg(["sum", "size"]).reset_index().merge(country, on=keys)
    sums["total"] = (sums["size"] >= 2) & (sums["sum"] / sums["value"]).between(0.5, 1.1)
    totals = sums.groupby(["indicator", "measure"])["total"].any().reset_index()
    latest = latest.merge(totals, on=["indicator", "measure"], how="left")
    latest["total"] = latest["total"].fillna(False).astype(bool)
    verdicts: list[str | None] = []
    for shown, country_value, s, d, total in zip(
        latest["shown"],
        latest["country"],
        latest["sign"],
        latest["decimals"],
        latest["total"],
        strict=True,
    ):
        if pd.isna(country_value) or s == 0 or total:
            verdicts.append(None)
            continue
        gap = (shown - round(country_value, int(d))) * s
        verdicts.append("better" if gap > 0 else "worse" if gap < 0 else "same")
    return latest.assign(verdict=verdicts)


def number(text: str) -> float | None:
    """A shown figure as a number; ``None`` for words ("no figure for this period")."""
    digits = re.sub(r"[^0-9.\-]", "", text)
    return float(digits) if digits else None


def page_rows(site: Site, slug: str) -> list[dict[str, object]]:
    soup = to_html(site.pages[f"areas/{slug}.md"])
    found = []
    for tr in soup.tbody.find_all("tr"):
        cells = tr.find_all(["th", "td"])
        href = cells[0].a["href"]
        rank = cells[5].get_text()
        found.append(
            {
                "indicator": href.rsplit("/", 1)[1].removesuffix(".html"),
                "title": cells[0].get_text(),
                "period": cells[1].get_text(),
                "value": number(cells[2].get_text()),
                "country": number(cells[3].get_text()),
                "verdict": WORDS[cells[4].get_text()],
                "rank": rank,
                "trend": cells[7].find("svg"),
            }
        )
    return found


def test_area_profiles_match_the_data_packages(site: Site) -> None:
    expected = expected_profiles()
    places = pd.read_csv(FIXTURE / "framework" / "council-areas.csv")
    measures = pd.read_csv(FIXTURE / "framework" / "measures.csv")
    checked = 0
    for code, slug in zip(places["code"], places["slug"], strict=True):
        mine = expected[expected["breakdown_group"] == code]
        rows = page_rows(site, slug)
        assert len(rows) == len(mine), slug
        for row in mine.itertuples():
            several = (measures["indicator"] == row.indicator).sum() > 1
            (shown,) = [
                r
                for r in rows
                if r["indicator"] == row.indicator
                and (not several or str(r["title"]).endswith(row.title))
            ]
            assert shown["period"] == row.period
            places = int(row.decimals)  # figures are shown at the measure's places
            assert shown["value"] == pytest.approx(round(row.value, places))
            if pd.isna(row.country):
                assert shown["country"] is None
            else:
                assert shown["country"] == pytest.approx(round(row.country, places))
            assert shown["verdict"] == row.verdict
            ranked = row.ranked >= 2 and not row.total and row.sign != 0
            if ranked:
                assert re.fullmatch(
                    rf"{int(row.rank)}(st|nd|rd|th) of {int(row.ranked)}", str(shown["rank"])
                )
            else:
                assert shown["rank"] == "", shown
            checked += 1
    assert checked >= 4  # the fixture has figures for three areas


def test_ranks_and_verdicts_are_worded(site: Site) -> None:
    rows = page_rows(site, "glasgow-city")
    life = next(r for r in rows if r["indicator"] == "healthy-life-expectancy")
    assert life["rank"] == "3rd of 3" and life["verdict"] == "worse"
    assert life["trend"] is not None and life["trend"]["role"] == "img"
    assert "57.3 years in 2014-2016 to 56.9 years in 2016-2018" in life["trend"]["aria-label"]
    soup = to_html(site.pages["areas/glasgow-city.md"])
    summary = soup.find("p", string=re.compile("Compared with Scotland"))
    assert summary is not None
    assert "better on 0, worse on 2 and about the same on 0" in summary.get_text()


def test_area_page_links_its_csv(site: Site) -> None:
    soup = to_html(site.pages["areas/glasgow-city.md"])
    assert soup.find("a", href="../data/areas/glasgow-city.csv") is not None


def test_area_csv_holds_every_figure_for_the_area(site: Site, tmp_path: Path) -> None:
    downloads = {d.name: d for d in area_downloads(site.framework, tmp_path)}
    download = downloads["areas/glasgow-city.csv"]
    assert download.source is not None
    about = downloads["areas/glasgow-city.csv-metadata.json"].source
    assert about is not None and '"url": "glasgow-city.csv"' in about.read_text(encoding="utf-8")
    table = pd.read_csv(download.source, dtype={"period": str})
    assert tuple(table.columns) == AREA_COLUMNS
    figures = fixture_figures()
    mine = figures[
        (figures["breakdown_type"] == "council-area")
        & (figures["breakdown_group"] == "S12000049")
        & figures["breakdown_type_2"].isna()
    ]
    key = ["indicator", "measure", "period"]
    got = table.sort_values(key).reset_index(drop=True)
    want = mine.sort_values(key).reset_index(drop=True)
    assert list(got["indicator"]) == list(want["indicator"])
    assert list(got["period"]) == list(want["period"])
    assert list(got["value"]) == pytest.approx(list(want["value"]))
    assert list(got["unit"]) == list(want["unit"])
    source = download.source
    report = frictionless.Resource(path=source.name, basepath=str(source.parent)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])


def test_trend_lines_draw_the_country_beside_the_area(site: Site) -> None:
    figures = fixture_figures()
    life = figures[
        (figures["indicator"] == "healthy-life-expectancy")
        & (figures["measure"] == "females")
        & (figures["breakdown_type"] == "total")
    ].set_index("period")["value"]
    rows = page_rows(site, "glasgow-city")
    trend = next(r for r in rows if r["indicator"] == "healthy-life-expectancy")["trend"]
    lines = trend.find_all("polyline")
    assert [line.get("class") for line in lines] == [["npf-sparkline__reference"], None]
    label = trend["aria-label"]
    assert f"Scotland: {life['2014-2016']:.1f} years to {life['2016-2018']:.1f} years." in label
