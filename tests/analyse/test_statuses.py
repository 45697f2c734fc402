"""Each method on small series: the status and the exact reason."""

from __future__ import annotations

from datetime import date

import pytest

from build_scripts.analyse.statuses import Point, Status, assess
from build_scripts.errors import NpfError

from .helpers import series, year

HIGHER, LOWER, NONE = "higher is better", "lower is better", "no preferred direction"
LAST_TWO = {"method": "last-two", "threshold": 1, "relative": False}


# --- rules shared by every method ------------------------------------------------------


@pytest.mark.parametrize(
    "criteria",
    [
        LAST_TWO,
        {"method": "consecutive", "n": 3, "threshold": 1},
        {"method": "versus-average", "k": 3, "threshold": 1},
        {"method": "latest-value", "threshold": 0.5},
        {"method": "confidence-intervals"},
        {"method": "manual", "status": "improving", "reason": "Said so."},
    ],
)
def test_no_figures_is_in_development(criteria: dict[str, object]) -> None:
    for points in ([], series([None, None])):
        result = assess(points, HIGHER, criteria)
        assert result.status is Status.IN_DEVELOPMENT
        assert result.reason == "No figures have been published yet."
        assert result.compared == ()
        assert result.method == criteria["method"]


def test_no_figures_and_no_criteria_yet_is_in_development() -> None:
    result = assess([], HIGHER, {})
    assert result.status is Status.IN_DEVELOPMENT
    assert result.method == ""
    assert result.criterion == "No criteria for change have been set for this indicator yet."
    with pytest.raises(NpfError, match="criteria has no 'method'"):
        assess(series([1, 2]), HIGHER, {})


def test_one_point_is_to_be_confirmed_and_says_how_many_are_needed() -> None:
    result = assess(series([62.6]), HIGHER, LAST_TWO)
    assert result.status is Status.TO_BE_CONFIRMED
    assert result.reason == (
        "Only 1 figure has been published (2010); this method needs at least 2 to decide a status."
    )


def test_too_few_for_consecutive_counts_changes_plus_one() -> None:
    result = assess(series([1, 3, 5]), HIGHER, {"method": "consecutive", "n": 3, "threshold": 1})
    assert result.status is Status.TO_BE_CONFIRMED
    assert "Only 3 figures have been published (2010, 2011 and 2012)" in result.reason
    assert "needs at least 4" in result.reason


def test_missing_values_are_skipped() -> None:
    result = assess(series([61.4, None, 62.6, None]), HIGHER, LAST_TWO, is_percentage=True)
    assert result.status is Status.IMPROVING
    assert [p.period for p in result.compared] == ["2010", "2012"]


def test_points_are_sorted_by_start() -> None:
    points = list(reversed(series([61.4, 62.6])))
    result = assess(points, HIGHER, LAST_TWO)
    assert [p.period for p in result.compared] == ["2010", "2011"]
    assert result.status is Status.IMPROVING


def test_break_inside_the_window_is_to_be_confirmed() -> None:
    points = [year(2010, 50.0), year(2011, 60.0, break_before=True)]
    result = assess(points, HIGHER, LAST_TWO)
    assert result.status is Status.TO_BE_CONFIRMED
    assert result.reason == (
        "There is a break in the series before 2011, so the figures before and after it "
        "cannot be compared."
    )


def test_break_before_the_window_does_not_matter() -> None:
    # The break is between 2010 and 2011; last-two compares 2011 with 2012.
    points = [year(2010, 10.0), year(2011, 50.0, break_before=True), year(2012, 52.0)]
    assert assess(points, HIGHER, LAST_TWO).status is Status.IMPROVING


def test_break_on_a_missing_figure_moves_to_the_next_figure() -> None:
    points = [year(2010, 50.0), year(2011, None, break_before=True), year(2012, 60.0)]
    assert assess(points, HIGHER, LAST_TWO).status is Status.TO_BE_CONFIRMED


def test_break_inside_a_longer_window() -> None:
    points = [*series([1, 3, 5]), year(2013, 7, break_before=True), year(2014, 9)]
    criteria = {"method": "consecutive", "n": 3, "threshold": 1}
    result = assess(points, HIGHER, criteria)
    assert result.status is Status.TO_BE_CONFIRMED
    assert "before 2013" in result.reason


def test_bad_criteria_and_direction_raise() -> None:
    with pytest.raises(NpfError, match="unknown method 'nope'"):
        assess(series([1, 2]), HIGHER, {"method": "nope"})
    with pytest.raises(NpfError, match="unknown direction 'up'"):
        assess(series([1, 2]), "up", LAST_TWO)


# --- last-two ----------------------------------------------------------------------


def test_last_two_improving_reason_names_figures_and_periods() -> None:
    points = [
        Point("2016-2018", date(2016, 1, 1), date(2018, 12, 31), 61.4),
        Point("2017-2019", date(2017, 1, 1), date(2019, 12, 31), 62.6),
    ]
    result = assess(points, HIGHER, LAST_TWO, is_percentage=True)
    assert result.status is Status.IMPROVING
    assert result.reason == (
        "The latest figure, 62.6% (2017-2019), is 1.2 percentage points higher than "
        "61.4% (2016-2018); a change of at least 1 percentage point counts."
    )
    assert result.criterion == (
        "The latest figure is compared with the one before it: a change of at least "
        "1 percentage point counts as improving or worsening; a smaller change is maintaining."
    )
    assert result.compared == tuple(points)


def test_last_two_lower_is_better() -> None:
    assert assess(series([61.4, 62.6]), LOWER, LAST_TWO).status is Status.WORSENING
    assert assess(series([62.6, 61.4]), LOWER, LAST_TWO).status is Status.IMPROVING
    assert assess(series([62.6, 61.4]), HIGHER, LAST_TWO).status is Status.WORSENING


def test_last_two_exact_threshold_counts_despite_float_noise() -> None:
    # 62.6 - 61.6 is 0.99999999999999 in floating point.
    result = assess(series([61.6, 62.6]), HIGHER, LAST_TWO, unit_label="years")
    assert result.status is Status.IMPROVING
    assert result.reason == (
        "The latest figure, 62.6 years (2011), is 1.0 year higher than 61.6 years (2010); "
        "a change of at least 1 year counts."
    )


def test_last_two_just_under_threshold_is_maintaining() -> None:
    result = assess(series([61.7, 62.6]), HIGHER, LAST_TWO)
    assert result.status is Status.MAINTAINING
    assert result.reason == (
        "The latest figure, 62.6 (2011), is 0.9 higher than 61.7 (2010); "
        "it takes a change of at least 1 to count."
    )


def test_last_two_flat_series() -> None:
    result = assess(series([5.0, 5.0, 5.0]), HIGHER, LAST_TWO)
    assert result.status is Status.MAINTAINING
    assert result.reason == "The latest figure, 5 (2012), is the same as 5 (2011)."


def test_last_two_relative_threshold() -> None:
    criteria = {"method": "last-two", "threshold": 0.05, "relative": True}
    result = assess(series([1000, 1050]), HIGHER, criteria)
    assert result.status is Status.IMPROVING
    assert result.reason == (
        "The latest figure, 1,050 (2011), is 50 higher than 1,000 (2010), a change of 5%; "
        "a change of at least 5% of the earlier figure counts."
    )
    assert assess(series([1000, 1049]), HIGHER, criteria).status is Status.MAINTAINING
    # The same absolute change of 50 is not 5% of a larger figure.
    assert assess(series([2000, 2050]), HIGHER, criteria).status is Status.MAINTAINING
    # ... while an absolute threshold of 0.05 would count it.
    absolute = {"method": "last-two", "threshold": 0.05}
    assert assess(series([2000, 2050]), HIGHER, absolute).status is Status.IMPROVING


def test_last_two_relative_to_zero_is_to_be_confirmed() -> None:
    criteria = {"method": "last-two", "threshold": 0.05, "relative": True}
    result = assess(series([0, 3]), HIGHER, criteria)
    assert result.status is Status.TO_BE_CONFIRMED
    assert result.reason.endswith("a change relative to zero cannot be measured.")


def test_last_two_relative_to_a_negative_figure_uses_its_size() -> None:
    criteria = {"method": "last-two", "threshold": 0.1, "relative": True}
    assert assess(series([-10, -8]), HIGHER, criteria).status is Status.IMPROVING


def test_no_preferred_direction_reports_the_change_but_maintains() -> None:
    result = assess(series([10, 20]), NONE, LAST_TWO)
    assert result.status is Status.MAINTAINING
    assert result.reason == (
        "The latest figure, 20 (2011), is 10 higher than 10 (2010); a change of at least 1 "
        "counts. This measure has no preferred direction, so a change is neither an "
        "improvement nor a worsening and the status is Maintaining."
    )
    assert result.criterion.endswith(
        "This measure has no preferred direction, so its status is never Improving or Worsening."
    )


def test_thousands_separators_and_no_float_noise() -> None:
    result = assess(
        series([1234567.1, 1334567.3]), HIGHER, {"method": "last-two", "threshold": 1000}
    )
    assert result.reason == (
        "The latest figure, 1,334,567.3 (2011), is 100,000.2 higher than 1,234,567.1 (2010); "
        "a change of at least 1,000 counts."
    )


# --- consecutive ---------------------------------------------------------------------

CONSECUTIVE = {"method": "consecutive", "n": 3, "threshold": 1}


def test_consecutive_three_rises() -> None:
    result = assess(series([19, 20, 21.2, 22.5, 23.6]), HIGHER, CONSECUTIVE, is_percentage=True)
    assert result.status is Status.IMPROVING
    assert result.reason == (
        "The figure rose in each of the last 3 changes, from 20.0% (2011) to 23.6% (2014), "
        "by 1.2, 1.3 and 1.1 percentage points; 3 changes in a row of at least 1 percentage "
        "point in the same direction count."
    )
    assert [p.period for p in result.compared] == ["2011", "2012", "2013", "2014"]
    assert result.criterion == (
        "It takes 3 changes in a row of at least 1 percentage point in the same direction "
        "to count as improving or worsening; anything else is maintaining."
    )


def test_consecutive_three_falls_lower_is_better() -> None:
    result = assess(series([23.6, 22.5, 21.2, 20.0]), LOWER, CONSECUTIVE)
    assert result.status is Status.IMPROVING
    assert result.reason.startswith("The figure fell in each of the last 3 changes")
    assert assess(series([23.6, 22.5, 21.2, 20.0]), HIGHER, CONSECUTIVE).status is (
        Status.WORSENING
    )


def test_consecutive_run_interrupted_is_maintaining() -> None:
    result = assess(series([20, 21.2, 20.9, 22]), HIGHER, CONSECUTIVE, is_percentage=True)
    assert result.status is Status.MAINTAINING
    assert result.reason == (
        "The last 3 changes, from 20.0% (2010) to 22.0% (2013), were a rise of "
        "1.2 percentage points, a fall of 0.3 percentage points and a rise of 1.1 percentage "
        "points; it takes 3 changes in a row of at least 1 percentage point in the same "
        "direction to count."
    )


def test_consecutive_one_small_change_breaks_the_run() -> None:
    result = assess(series([20, 21, 21.5, 23]), HIGHER, CONSECUTIVE)
    assert result.status is Status.MAINTAINING
    # Exactly 1 each time counts.
    assert assess(series([20, 21, 22, 23]), HIGHER, CONSECUTIVE).status is Status.IMPROVING


def test_consecutive_earlier_changes_outside_the_window_are_ignored() -> None:
    result = assess(series([30, 10, 20, 21.5, 23]), HIGHER, CONSECUTIVE)
    assert result.status is Status.IMPROVING


def test_consecutive_flat_series() -> None:
    result = assess(series([4, 4, 4, 4]), HIGHER, CONSECUTIVE)
    assert result.status is Status.MAINTAINING
    assert "were no change, no change and no change" in result.reason


def test_consecutive_with_n_of_one() -> None:
    criteria = {"method": "consecutive", "n": 1, "threshold": 2}
    result = assess(series([1, 4]), HIGHER, criteria)
    assert result.status is Status.IMPROVING
    assert result.reason == (
        "The figure rose in the last change, from 1 (2010) to 4 (2011), by 3; "
        "a change of at least 2 counts."
    )


# --- versus-average ------------------------------------------------------------------

AVERAGE = {"method": "versus-average", "k": 3, "threshold": 1}


def test_versus_average_improving() -> None:
    result = assess(series([60, 61, 62, 63.5]), HIGHER, AVERAGE)
    assert result.status is Status.IMPROVING
    assert result.reason == (
        "The latest figure, 63.5 (2013), is 2.5 higher than 61, the average of the 3 figures "
        "before it (2010 to 2012); a difference of at least 1 counts."
    )


def test_versus_average_uses_only_k_earlier_figures() -> None:
    # 100 is outside the window of 3 figures before the latest.
    result = assess(series([100, 60, 61, 62, 61.5]), HIGHER, AVERAGE)
    assert result.status is Status.MAINTAINING
    assert result.reason == (
        "The latest figure, 61.5 (2014), is 0.5 higher than 61, the average of the 3 figures "
        "before it (2011 to 2013); it takes a difference of at least 1 to count."
    )


def test_versus_average_exact_threshold_and_direction() -> None:
    assert assess(series([2, 3, 4, 2]), HIGHER, AVERAGE).status is Status.WORSENING
    assert assess(series([2, 3, 4, 2]), LOWER, AVERAGE).status is Status.IMPROVING


def test_versus_average_relative() -> None:
    criteria = {"method": "versus-average", "k": 2, "threshold": 0.1, "relative": True}
    result = assess(series([100, 100, 111]), HIGHER, criteria)
    assert result.status is Status.IMPROVING
    assert "a change of 11%" in result.reason
    assert "a difference of at least 10% of the average counts" in result.reason


def test_versus_average_of_one_figure() -> None:
    criteria = {"method": "versus-average", "k": 1, "threshold": 1}
    result = assess(series([1, 3]), HIGHER, criteria)
    assert "the average of the figure before it (2010)" in result.reason


# --- latest-value --------------------------------------------------------------------

LATEST = {"method": "latest-value", "threshold": 0.5}


def test_latest_value_rise_and_fall_respect_direction() -> None:
    result = assess(series([-1.0, 0.8]), HIGHER, LATEST, is_percentage=True)
    assert result.status is Status.IMPROVING
    assert [p.period for p in result.compared] == ["2011"]
    assert result.reason == (
        "The latest figure (2011), itself a change, is 0.8 percentage points above zero; "
        "a figure at least 0.5 percentage points above or below zero counts."
    )
    assert assess(series([0.8]), LOWER, LATEST).status is Status.WORSENING
    assert assess(series([-0.8]), HIGHER, LATEST).status is Status.WORSENING
    assert assess(series([-0.8]), LOWER, LATEST).status is Status.IMPROVING


def test_latest_value_edges() -> None:
    assert assess(series([0.5]), HIGHER, LATEST).status is Status.IMPROVING
    assert assess(series([-0.5]), HIGHER, LATEST).status is Status.WORSENING
    small = assess(series([0.4]), HIGHER, LATEST)
    assert small.status is Status.MAINTAINING
    assert small.reason.endswith("it takes a figure at least 0.5 above or below zero to count.")
    zero = assess(series([0.0]), HIGHER, LATEST)
    assert zero.status is Status.MAINTAINING
    assert zero.reason == "The latest figure (2010) is zero: no change."


# --- confidence-intervals -------------------------------------------------------------

CI = {"method": "confidence-intervals"}


def test_confidence_intervals_not_overlapping() -> None:
    points = [year(2018, 58.0, 56.5, 59.5), year(2019, 62.6, 61.0, 64.2)]
    result = assess(points, HIGHER, CI, is_percentage=True)
    assert result.status is Status.IMPROVING
    assert result.reason == (
        "The latest figure, 62.6% (2019), with a confidence interval of 61.0 to 64.2%, is "
        "higher than 58.0% (2018), with a confidence interval of 56.5 to 59.5%; the "
        "intervals do not overlap, so the change counts."
    )
    assert assess(points, LOWER, CI).status is Status.WORSENING
    falling = [year(2018, 62.6, 61.0, 64.2), year(2019, 58.0, 56.5, 59.5)]
    assert assess(falling, HIGHER, CI).status is Status.WORSENING


def test_confidence_intervals_overlapping_or_touching() -> None:
    points = [year(2018, 58.0, 56.5, 60.0), year(2019, 61.0, 59.0, 63.0)]
    result = assess(points, HIGHER, CI)
    assert result.status is Status.MAINTAINING
    assert result.reason.endswith(
        "the intervals overlap, so the change may be due to chance and does not count."
    )
    touching = [year(2018, 58.0, 56.5, 60.0), year(2019, 62.0, 60.0, 64.0)]
    assert assess(touching, HIGHER, CI).status is Status.MAINTAINING


def test_confidence_intervals_missing_bounds() -> None:
    points = [year(2018, 58.0, 56.5, 59.5), year(2019, 62.6, 61.0, None)]
    result = assess(points, HIGHER, CI)
    assert result.status is Status.TO_BE_CONFIRMED
    assert result.reason == (
        "The figure for 2019 has no confidence interval, so the change cannot be judged."
    )
    both = assess(series([1, 2]), HIGHER, CI)
    assert "The figures for 2010 and 2011 have no confidence interval" in both.reason


# --- manual ----------------------------------------------------------------------------


def test_manual_status_and_reason() -> None:
    criteria = {"method": "manual", "status": "worsening", "reason": "  Fewer people took part.  "}
    result = assess(series([1, 2]), HIGHER, criteria)
    assert result.status is Status.WORSENING
    assert result.reason == "Fewer people took part."
    assert result.compared == ()
    tbc = {"method": "manual", "status": "to be confirmed", "reason": "New survey."}
    assert assess(series([1]), HIGHER, tbc).status is Status.TO_BE_CONFIRMED


# --- not assessed ----------------------------------------------------------------------


@pytest.mark.parametrize("points", [[], series([50.0, 60.0, 70.0])])
def test_not_assessed_judges_nothing_with_or_without_figures(points: list[Point]) -> None:
    criteria = {"method": "not-assessed", "reason": "No criteria are published."}
    result = assess(points, NONE, criteria)
    assert result.status is Status.NOT_ASSESSED
    assert result.reason == "No criteria are published."
    assert result.compared == ()
    plain = assess(points, HIGHER, {"method": "not-assessed"})
    assert plain.status is Status.NOT_ASSESSED
    assert "no criteria for change are published" in plain.reason.casefold()
