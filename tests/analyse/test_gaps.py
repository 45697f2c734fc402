"""The gaps between groups (``analyse.gaps``), found on small synthetic figures, and
their statements in the words of the catalogue."""

from __future__ import annotations

from dataclasses import replace

import pytest

from build_scripts.analyse.frame import figures_frame
from build_scripts.analyse.gaps import Gap, Trend, find_gaps, gap_statement
from build_scripts.analyse.indicators import analyse_framework
from build_scripts.contract import SUSPECT
from build_scripts.formatting import Units
from build_scripts.messages import phrase
from build_scripts.model import Figure, Framework, Indicator, Measure, Place
from tests.analyse import helpers

RATE = Measure("rate", "Rate", "", "percent", "higher is better", True, 1)
COUNT = Measure("count", "Count", "", "count", "lower is better", False)
LABELS = {("sex", "f"): "Female", ("sex", "m"): "Male", ("sex", "x"): "Other"}
ORDER = {("sex", "f"): 1, ("sex", "m"): 2, ("sex", "x"): 3}
PERCENT = Units("%", True, None, 1)


def figure(
    year: int,
    value: float,
    group: str = "f",
    kind: str = "sex",
    *,
    measure: str = "rate",
    flag: str | None = None,
    cross: tuple[tuple[str, str], ...] = (),
) -> Figure:
    """A figure by sex unless told otherwise (``helpers.figure``, group first)."""
    return helpers.figure(year, value, kind, group, measure=measure, flag=flag, cross=cross)


def framework(figures: list[Figure], criteria: dict[str, object] | None = None) -> Framework:
    indicator = Indicator(
        "ind",
        "Indicator",
        "",
        [],
        [RATE, COUNT],
        criteria if criteria is not None else {"method": "confidence-intervals"},
        "published",
        True,
        "",
        "",
        "",
        figures=[figure(2015, 50.0, "Total", "total"), *figures],
    )
    places = {"council-area": {"S1": Place("S1", "Aberdeen", "aberdeen", "council-area")}}
    return Framework("", [], {"ind": indicator}, {}, {}, LABELS, ORDER, {}, places)


def gaps(figures: list[Figure], criteria: dict[str, object] | None = None) -> list[Gap]:
    fw = framework(figures, criteria)
    return find_gaps(figures_frame(fw), fw).get("ind", [])


def only(figures: list[Figure], criteria: dict[str, object] | None = None) -> Gap:
    found = gaps(figures, criteria)
    assert len(found) == 1
    return found[0]


def test_a_narrowed_gap() -> None:
    gap = only(
        [
            figure(2016, 76.0, "m"),
            figure(2016, 68.0, "f"),
            figure(2019, 75.0, "m"),
            figure(2019, 69.0, "f"),
            figure(2022, 74.1, "m"),
            figure(2022, 68.0, "f"),
        ]
    )
    assert gap == Gap(
        "ind",
        "rate",
        "sex",
        "2022",
        "Male",
        "Female",
        74.1,
        68.0,
        6.1,
        1,
        Trend.NARROWED,
        0.1,
        "2016",
        76.0,
        68.0,
        8.0,
    )
    assert gap.change == -1.9
    assert phrase(gap_statement(gap, PERCENT)) == (
        "In 2022, the gap between Male (74.1%) and Female (68.0%) was 6.1 percentage "
        "points, narrower than in 2016 (8.0 percentage points)."
    )


def test_a_widened_gap_compares_the_same_two_groups() -> None:
    # In 2016 Other was highest; the latest pair is Male and Female, so 2016 compares
    # them, not the highest and lowest of 2016.
    gap = only(
        [
            figure(2016, 90.0, "x"),
            figure(2016, 60.0, "m"),
            figure(2016, 58.0, "f"),
            figure(2020, 65.0, "m"),
            figure(2020, 55.5, "f"),
        ]
    )
    assert (gap.highest, gap.lowest, gap.earlier_period) == ("Male", "Female", "2016")
    assert (gap.earlier_top, gap.earlier_bottom, gap.earlier_gap) == (60.0, 58.0, 2.0)
    assert (gap.gap, gap.trend) == (9.5, Trend.WIDENED)
    assert "wider than in 2016 (2.0 percentage points)" in phrase(gap_statement(gap, PERCENT))


def test_the_earliest_comparable_period_needs_both_groups() -> None:
    gap = only(
        [
            figure(2014, 70.0, "m"),  # Female has no 2014 figure
            figure(2015, 71.0, "m"),
            figure(2015, 60.0, "f"),
            figure(2020, 72.0, "m"),
            figure(2020, 61.0, "f"),
        ]
    )
    assert (gap.earlier_period, gap.earlier_gap, gap.trend) == ("2015", 11.0, Trend.SAME)
    assert "about the same as in 2015 (11.0 percentage points)" in phrase(
        gap_statement(gap, PERCENT)
    )


def test_the_criteria_threshold_decides_about_the_same() -> None:
    figures = [
        figure(2015, 70.0, "m"),
        figure(2015, 60.0, "f"),
        figure(2020, 70.5, "m"),
        figure(2020, 60.0, "f"),
    ]
    # Shown to one place, 0.5 points is a change ...
    assert only(figures).trend == Trend.WIDENED
    # ... but less than the indicator's threshold of 1 point in the measure's units.
    absolute = {"method": "last-two", "threshold": 1, "relative": False}
    gap = only(figures, absolute)
    assert (gap.tolerance, gap.trend) == (1.0, Trend.SAME)
    # A relative threshold is not in the measure's units: the display precision decides.
    relative = {"method": "last-two", "threshold": 0.05, "relative": True}
    assert only(figures, relative).trend == Trend.WIDENED
    # The threshold is the headline measure's: another measure uses its precision.
    counts = [replace(f, measure="count") for f in figures]
    assert only(counts, absolute).trend == Trend.WIDENED


def test_no_earlier_period() -> None:
    gap = only([figure(2020, 70.0, "m"), figure(2020, 60.0, "f"), figure(2019, 65.0, "m")])
    assert gap.trend == Trend.NO_COMPARISON
    assert gap.earlier_period is None and gap.change is None
    assert phrase(gap_statement(gap, PERCENT)) == (
        "In 2020, the gap between Male (70.0%) and Female (60.0%) was 10.0 percentage "
        "points; no earlier period has figures for both to compare."
    )


def test_suspect_figures_are_left_out() -> None:
    gap = only(
        [
            figure(2015, 70.0, "m"),
            figure(2015, 60.0, "f"),
            figure(2016, 99.0, "m", flag=SUSPECT),
            figure(2016, 61.0, "f"),
            figure(2017, 71.0, "m"),
            figure(2017, 1.0, "f", flag=SUSPECT),
        ]
    )
    # Neither 2016 nor 2017 has two figures to compare: 2015 is the latest.
    assert (gap.period, gap.top, gap.bottom, gap.trend) == ("2015", 70.0, 60.0, Trend.NO_COMPARISON)


def test_a_single_group_has_no_gap() -> None:
    assert gaps([figure(2015, 70.0, "m"), figure(2016, 71.0, "m")]) == []


def test_cross_classified_figures_are_ignored() -> None:
    crossed = (("age", "16-24"),)
    assert (
        gaps([figure(2020, 70.0, "m", cross=crossed), figure(2020, 60.0, "f", cross=crossed)]) == []
    )
    gap = only(
        [
            figure(2020, 70.0, "m"),
            figure(2020, 60.0, "f"),
            figure(2020, 99.0, "x", cross=crossed),
        ]
    )
    assert (gap.highest, gap.top) == ("Male", 70.0)


def test_geographies_and_the_headline_have_no_gap() -> None:
    found = gaps(
        [figure(2020, 70.0, "S1", "council-area"), figure(2020, 60.0, "S2", "council-area")]
    )
    assert found == []


def test_direction_does_not_matter() -> None:
    """The gap is the highest minus the lowest, whichever is better: a "lower is better"
    measure names the same groups and the same gap."""
    rows = [
        figure(2015, 30.0, "m", measure="count"),
        figure(2015, 10.0, "f", measure="count"),
        figure(2020, 25.0, "m", measure="count"),
        figure(2020, 12.0, "f", measure="count"),
    ]
    gap = only(rows)
    assert (gap.highest, gap.lowest, gap.gap, gap.earlier_gap) == ("Male", "Female", 13.0, 20.0)
    assert gap.trend == Trend.NARROWED


def test_ties_and_equal_figures() -> None:
    gap = only([figure(2020, 60.0, "m"), figure(2020, 60.0, "f")])
    # Equal figures: the first group in order is named highest, the last lowest.
    assert (gap.highest, gap.lowest, gap.gap) == ("Female", "Male", 0.0)
    assert phrase(gap_statement(gap, PERCENT)).startswith(
        "In 2020, Female and Male had the same figure (60.0%)"
    )


def test_every_measure_and_breakdown_type() -> None:
    found = gaps(
        [
            figure(2020, 70.0, "m", measure="count"),
            figure(2020, 60.0, "f", measure="count"),
            figure(2020, 3.0, "old", "age"),
            figure(2020, 2.0, "young", "age"),
            figure(2020, 70.0, "m"),
            figure(2020, 60.0, "f"),
        ]
    )
    assert [(g.measure, g.breakdown_type) for g in found] == [
        ("rate", "age"),
        ("rate", "sex"),
        ("count", "sex"),
    ]


@pytest.mark.parametrize("kind", ["sex", "age"])
def test_the_analysis_carries_the_gaps_and_their_statements(kind: str) -> None:
    fw = framework([figure(2020, 70.0, "m", kind), figure(2020, 60.0, "f", kind)])
    analysis = analyse_framework(fw)
    gap = analysis.gap("ind", "rate", kind)
    assert gap is not None and gap.top == 70.0
    statement = analysis.gap_statement("ind", "rate", kind)
    assert statement is not None
    assert analysis.gap("ind", "count", kind) is None


def test_a_gap_that_changed_sides_is_not_wider_or_narrower() -> None:
    gap = only(
        [
            figure(2016, 60.0, "m"),
            figure(2016, 64.0, "f"),
            figure(2022, 70.0, "m"),
            figure(2022, 68.0, "f"),
        ]
    )
    assert (gap.highest, gap.earlier_gap, gap.trend) == ("Male", -4.0, Trend.REVERSED)
    assert phrase(gap_statement(gap, PERCENT)) == (
        "In 2022, the gap between Male (70.0%) and Female (68.0%) was 2.0 percentage "
        "points; in 2016 it was the other way round: Female (64.0%) above Male (60.0%)."
    )
