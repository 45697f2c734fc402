"""Properties every method must have, checked on generated series."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.analyse.statuses import Point, Status, assess

from .helpers import series, year

SWAP = {
    Status.IMPROVING: Status.WORSENING,
    Status.WORSENING: Status.IMPROVING,
    Status.MAINTAINING: Status.MAINTAINING,
    Status.TO_BE_CONFIRMED: Status.TO_BE_CONFIRMED,
    Status.IN_DEVELOPMENT: Status.IN_DEVELOPMENT,
}

# Figures as published: one decimal place, within a realistic range.
tenths = st.integers(min_value=-50_000, max_value=50_000).map(lambda i: i / 10)
values = st.lists(st.one_of(tenths, st.none()), min_size=0, max_size=8)
thresholds = st.integers(min_value=0, max_value=50).map(lambda i: i / 10)

absolute_criteria = st.one_of(
    st.builds(lambda t: {"method": "last-two", "threshold": t}, thresholds),
    st.builds(
        lambda n, t: {"method": "consecutive", "n": n, "threshold": t},
        st.integers(min_value=1, max_value=4),
        thresholds,
    ),
    st.builds(
        lambda k, t: {"method": "versus-average", "k": k, "threshold": t},
        st.integers(min_value=1, max_value=4),
        thresholds,
    ),
)
all_criteria = st.one_of(
    absolute_criteria,
    st.builds(lambda t: {"method": "last-two", "threshold": t, "relative": True}, thresholds),
    st.builds(lambda t: {"method": "latest-value", "threshold": t}, thresholds),
    st.just({"method": "confidence-intervals"}),
)


def with_intervals(vals: list[float | None], width: float) -> list[Point]:
    return [
        year(2000 + i, v, None if v is None else v - width, None if v is None else v + width)
        for i, v in enumerate(vals)
    ]


@settings(max_examples=150, deadline=None)
@given(values, all_criteria, st.integers(min_value=0, max_value=30).map(lambda i: i / 10))
def test_reversing_direction_swaps_improving_and_worsening(
    vals: list[float | None], criteria: dict[str, Any], width: float
) -> None:
    points = with_intervals(vals, width)
    higher = assess(points, "higher is better", criteria)
    lower = assess(points, "lower is better", criteria)
    assert lower.status is SWAP[higher.status]
    assert lower.compared == higher.compared


@settings(max_examples=150, deadline=None)
@given(values, all_criteria)
def test_no_preferred_direction_is_never_improving_or_worsening(
    vals: list[float | None], criteria: dict[str, Any]
) -> None:
    status = assess(series(vals), "no preferred direction", criteria).status
    assert status not in (Status.IMPROVING, Status.WORSENING)


@settings(max_examples=150, deadline=None)
@given(values, absolute_criteria, tenths)
def test_adding_a_constant_keeps_an_absolute_threshold_status(
    vals: list[float | None], criteria: dict[str, Any], constant: float
) -> None:
    shifted = [None if v is None else round(v + constant, 1) for v in vals]
    before = assess(series(vals), "higher is better", criteria)
    after = assess(series(shifted), "higher is better", criteria)
    assert after.status is before.status


@settings(max_examples=150, deadline=None)
@given(values, all_criteria)
def test_missing_values_do_not_change_the_status(
    vals: list[float | None], criteria: dict[str, Any]
) -> None:
    present = [v for v in vals if v is not None]
    with_gaps = assess(series(vals), "higher is better", criteria)
    without = assess(series(present), "higher is better", criteria)
    assert with_gaps.status is without.status


@settings(max_examples=100, deadline=None)
@given(st.lists(tenths, min_size=0, max_size=8), all_criteria)
def test_every_assessment_explains_itself(vals: list[float], criteria: dict[str, Any]) -> None:
    result = assess(series(vals), "higher is better", criteria, is_percentage=True)
    assert result.reason and result.criterion
    assert "e-" not in result.reason and "0000001" not in result.reason
    assert (result.status is Status.IN_DEVELOPMENT) == (not vals)
