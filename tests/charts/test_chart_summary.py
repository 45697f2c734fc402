"""Summaries are exact sentences generated from the figures."""

from __future__ import annotations

from build_scripts.charts import (
    Bar,
    Series,
    Units,
    bar_chart,
    line_chart,
    summarise,
    summarise_bars,
)
from build_scripts.charts.summary import figure, places

from .conftest import point

YEARS = Units("years")
PERCENT = Units("", is_percentage=True)


def test_one_series_rise_with_extremes_and_interval(headline: Series) -> None:
    assert summarise([headline], "Example measure", YEARS) == (
        "Example measure: fell from 60.4 years in 2014-2016 to 59.8 years in 2017-2019. "
        "The highest was 60.9 years, in 2015-2017. "
        "The confidence interval for 2017-2019 is 58.9 to 60.7 years."
    )


def test_unchanged_is_not_called_a_rise() -> None:
    s = Series("x", (point("2018", 5.0), point("2019", 6.0), point("2020", 5.0)))
    assert summarise([s], "Count", Units()) == (
        "Count: was 5 in both 2018 and 2020. The highest was 6, in 2019."
    )


def test_ties_name_every_period() -> None:
    s = Series(
        "x", (point("2018", 1.0), point("2019", 3.0), point("2020", 3.0), point("2021", 2.0))
    )
    assert summarise([s], "Index", Units()) == (
        "Index: rose from 1 in 2018 to 2 in 2021. The highest was 3, in 2019 and 2020."
    )


def test_single_point_and_empty() -> None:
    assert summarise([Series("x", (point("2019", 62.5),))], "Share", PERCENT) == (
        "Share: was 62.5% in 2019."
    )
    assert summarise([Series("x", ())], "Share", PERCENT) == "Share: no figures published yet."


def test_breakdown_trends_then_latest_comparison(breakdown: list[Series]) -> None:
    assert summarise(breakdown, "Example by sex", PERCENT) == (
        "Example by sex, 2017/18 to 2019/20. "
        "Female: rose from 61.50% in 2017/18 to 62.25% in 2019/20. "
        "Male: was 58.00% in both 2017/18 and 2019/20. "
        "In 2019/20, the highest was 62.25%, for Female, and the lowest 58.00%, for Male."
    )


def test_line_chart_summary_mentions_the_band(headline: Series) -> None:
    chart = line_chart("h", "Example measure", [headline], y_title="Example", units=YEARS)
    assert chart.summary.endswith(
        "The shaded band shows the confidence interval, where one is published."
    )
    assert chart.alt == "Line chart: Example measure, 2014-2016 to 2017-2019."


def test_bar_summary(bars: list[Bar]) -> None:
    assert summarise_bars(bars, "Example by area", "2019", PERCENT) == (
        "Example by area, 2019, 3 figures. "
        "In 2019, the highest was 30.0%, for Area B, and the lowest 12.5%, for Area A."
    )
    chart = bar_chart(
        "b",
        "Example by area",
        bars,
        period="2019",
        x_title="Share",
        units=PERCENT,
        reference=Bar("Scotland", 20.25),
    )
    assert chart.summary.endswith("Scotland: 20.25%.")


def test_numbers_keep_published_places_and_units() -> None:
    assert places([1.0, 2.5, 3.25]) == 2
    assert places([0.1 + 0.2]) == 1
    assert figure(1234.5, Units(), 1) == "1,234.5"
    assert figure(12.3, Units("million pounds"), 1) == "12.3 million pounds"
    assert figure(7.1, Units("%", change_label="percentage points"), 1) == "7.1%"
    # The measure's own places win over the caller's: one choice per measure.
    assert figure(2.41, Units("million tonnes", decimals=2), 3) == "2.41 million tonnes"
    assert figure(-0.01, PERCENT, 1) == "0.0%"


def test_flags_are_named() -> None:
    from datetime import date

    from build_scripts.charts import SeriesPoint

    s = Series(
        "x",
        (
            SeriesPoint("2013", date(2013, 1, 1), 1.0, flag="revised"),
            SeriesPoint("2014", date(2014, 1, 1), 2.0, flag="break in series"),
            SeriesPoint("2012", date(2012, 1, 1), 1.0, flag="revised"),
            SeriesPoint("2015", date(2015, 1, 1), 3.0, flag="provisional"),
        ),
    )
    chart = line_chart("f", "Count", [s], y_title="Count", units=Units())
    assert chart.summary == (
        "Count: rose from 1 in 2012 to 3 in 2015. "
        "There is a break in series at 2014. 2015 is provisional. 2012 and 2013 are revised."
    )


def test_suspect_figures_are_drawn_but_never_compared() -> None:
    from dataclasses import replace

    slip = replace(point("2016", 0.54), flag="suspect", note="Ten times the others.")
    s = Series("x", (point("2014", 1.0), point("2015", 2.0), slip))
    line = line_chart("s", "Waste", [s], y_title="Waste", units=Units())
    assert line.summary == (
        "Waste: rose from 1 in 2014 to 2 in 2015. 2016 is flagged as suspect, probably a "
        "slip in the source, and left out of comparisons."
    )
    assert line.spec["data"]["values"][-1]["figure"] == "0.54, suspect: Ten times the others."

    bars = [
        Bar("Glasgow City", 0.2),
        Bar("Argyll and Bute", 0.54, flag="suspect", note="Ten times the others."),
        Bar("Orkney Islands", 0.01),
    ]
    assert summarise_bars(bars, "Waste", "2016", Units("million tonnes")) == (
        "Waste, 2016, 3 figures. In 2016, the highest was 0.20 million tonnes, for Glasgow "
        "City, and the lowest 0.01 million tonnes, for Orkney Islands. Argyll and Bute "
        "(0.54 million tonnes) is flagged as suspect, probably a slip in the source, and "
        "left out of the comparison."
    )
    only = summarise([Series("x", (slip,))], "Waste", Units())
    assert only == "Waste: every figure is flagged as suspect, so none is compared."
    chart = bar_chart("b", "Waste", bars, period="2016", x_title="Waste", units=Units())
    texts = {row["label"]: row["text"] for row in chart.spec["data"]["values"]}
    assert texts["Argyll and Bute"] == "0.54 (suspect)"
