"""Key findings and change summaries on concrete series: the exact sentences."""

from __future__ import annotations

from datetime import date

from build_scripts.analyse.findings import GroupFigure, change_summary, key_findings
from build_scripts.analyse.statuses import Point

from .helpers import series, year


def three_year(first: int, value: float | None, break_before: bool = False) -> Point:
    return Point(
        f"{first}-{first + 2}",
        date(first, 1, 1),
        date(first + 2, 12, 31),
        value,
        break_before=break_before,
    )


HEADLINE = [three_year(2014, 55.0), three_year(2015, 60.1), three_year(2016, 61.4)]
HEADLINE.append(three_year(2017, 62.6))


def test_headline_sentences_for_a_percentage() -> None:
    assert key_findings(HEADLINE, is_percentage=True) == [
        "The latest figure is 62.6% (2017-2019).",
        "That is 1.2 percentage points higher than the previous figure, 61.4% (2016-2018).",
        "Since the first figure, 55.0% (2014-2016), it has risen by 7.6 percentage points.",
    ]


def test_falls_with_a_unit_label_and_thousands() -> None:
    points = series([1_250_000, 1_200_000, 1_150_000.5])
    assert key_findings(points, unit_label="people") == [
        "The latest figure is 1,150,000.5 people (2012).",
        "That is 49,999.5 people lower than the previous figure, 1,200,000.0 people (2011).",
        "Since the first figure, 1,250,000.0 people (2010), it has fallen by 99,999.5 people.",
    ]


def test_one_figure_gives_one_sentence() -> None:
    assert key_findings(series([61.1]), unit_label="years") == [
        "The latest figure is 61.1 years (2010)."
    ]


def test_two_figures_do_not_repeat_the_first() -> None:
    assert key_findings(series([3, 3])) == [
        "The latest figure is 3 (2011).",
        "That is the same as the previous figure, 3 (2010).",
    ]


def test_back_to_the_first_figure_and_singular_unit() -> None:
    assert key_findings(series([5.0, 4.0, 5.0]), unit_label="years") == [
        "The latest figure is 5 years (2012).",
        "That is 1 year higher than the previous figure, 4 years (2011).",
        "It is the same as the first figure, 5 years (2010).",
    ]


def test_missing_values_are_skipped_and_no_figures_no_sentences() -> None:
    assert (
        key_findings(series([None, 2.5, None, 3.0, None]))[0] == "The latest figure is 3.0 (2013)."
    )
    assert key_findings(series([None])) == []
    assert key_findings([]) == []


def test_a_break_in_the_series_is_said() -> None:
    points = [three_year(2014, 50.0), three_year(2015, 58.0, break_before=True)]
    points.append(three_year(2016, 59.0))
    assert key_findings(points)[-1] == (
        "There is a break in the series before 2015-2017, so figures from either side of it "
        "are not directly comparable."
    )


def test_breakdowns_name_the_highest_and_lowest_group_in_the_latest_period() -> None:
    y18, y19 = date(2018, 1, 1), date(2019, 1, 1)
    breakdowns = {
        "Sex": [
            GroupFigure("Female", 66.0, "2018", y18),
            GroupFigure("Male", 59.0, "2018", y18),
            GroupFigure("Female", 64.2, "2019", y19),
            GroupFigure("Male", 60.1, "2019", y19),
        ],
        "SIMD quintile": [
            GroupFigure("1 (most deprived)", 50.0, "2019", y19),
            GroupFigure("3", 70.5, "2019", y19),
            GroupFigure("5 (least deprived)", 70.5, "2019", y19),
        ],
        "Council area": [GroupFigure("Orkney Islands", 80.0, "2019", y19)],
        "Age": [("16-24", 1234.0, "2019"), ("25-34", 1234.0, "2019")],
    }
    sentences = key_findings(series([60.0]), is_percentage=True, breakdowns=breakdowns)
    assert sentences[1:] == [
        "By sex in 2019, the figure was highest for Female (64.2%) and lowest for Male (60.1%).",
        "By SIMD quintile in 2019, the figure was highest for 3 and 5 (least deprived) (70.5%) "
        "and lowest for 1 (most deprived) (50.0%).",
        "By age in 2019, the figure was the same for every group: 1,234%.",
    ]


def test_suspect_figures_are_never_compared_and_are_named_as_left_out() -> None:
    y16, y17 = date(2016, 1, 1), date(2017, 1, 1)
    ages = ["16-24", "25-34", "35-44", "45-54"]
    breakdowns = {
        "Council area": [
            GroupFigure("Glasgow City", 31.0, "2016", y16),
            GroupFigure("Orkney Islands", 20.0, "2016", y16),
            GroupFigure("Glasgow City", 33.0, "2017", y17),
            GroupFigure("Orkney Islands", 99.0, "2017", y17, suspect=True),
        ],
        "Age": [GroupFigure(a, 50.0 + i, "2017", y17, suspect=True) for i, a in enumerate(ages)],
        "Sex": [
            GroupFigure("Female", 5.0, "2017", y17),
            GroupFigure("Male", 1.0, "2017", y17, suspect=True),
            GroupFigure("Other", 3.0, "2017", y17),
        ],
    }
    sentences = key_findings(series([60.0]), is_percentage=True, breakdowns=breakdowns)
    assert sentences[1:] == [
        "By council area in 2016, the figure was highest for Glasgow City (31%) and lowest "
        "for Orkney Islands (20%). The figure for Orkney Islands in 2017 is flagged as "
        "suspect and left out.",
        "By age, the 4 figures of 2017 are flagged as suspect and left out, so no groups "
        "are compared.",
        "By sex in 2017, the figure was highest for Female (5%) and lowest for Other (3%). "
        "The figure for Male in 2017 is flagged as suspect and left out.",
    ]


def test_breakdown_without_start_dates_takes_the_last_period_given() -> None:
    breakdowns = {
        "Sex": [
            ("Female", 1.0, "2018"),
            ("Male", 2.0, "2018"),
            ("Female", 3.0, "2019"),
            ("Male", 2.5, "2019"),
            ("Other", None, "2019"),
        ]
    }
    assert key_findings([], breakdowns=breakdowns) == [
        "By sex in 2019, the figure was highest for Female (3.0) and lowest for Male (2.5)."
    ]


def test_change_summary() -> None:
    summary = change_summary(series([62.6, None, 61.6, 62.6]))
    assert summary.latest == year(2013, 62.6)
    assert summary.previous == year(2012, 61.6)
    assert summary.first == year(2010, 62.6)
    assert summary.change_since_previous == 1.0  # not 0.9999999999999
    assert summary.change_since_first == 0.0


def test_change_summary_of_short_series() -> None:
    one = change_summary(series([7.0]))
    assert (one.latest, one.previous, one.first) == (year(2010, 7.0), None, year(2010, 7.0))
    assert one.change_since_previous is None and one.change_since_first is None
    empty = change_summary([])
    assert empty.latest is None and empty.change_since_first is None
