"""Performance statuses: each indicator's own criteria for change, applied to its
headline series.

The methods, their parameters and the rules shared by all of them are documented for
maintainers in ``docs/statuses.md`` and for the public in ``site_src/methodology.md``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from build_scripts import contract
from build_scripts.analyse.wording import Units, join_words, number, places, share
from build_scripts.contract import CRITERIA_METHODS, Parameter
from build_scripts.errors import NpfError

DIRECTIONS = ("higher is better", "lower is better", "no preferred direction")


class Status(StrEnum):
    IMPROVING = "Improving"
    MAINTAINING = "Maintaining"
    WORSENING = "Worsening"
    TO_BE_CONFIRMED = "To be confirmed"
    IN_DEVELOPMENT = "In development"


@dataclass(frozen=True)
class Point:
    """One figure of the headline series. ``break_before`` marks a break in the series
    between this figure and the one before it."""

    period: str
    start: date
    end: date
    value: float | None
    lower: float | None = None
    upper: float | None = None
    break_before: bool = False
    source: str = ""  # the id of the release the figure comes from


@dataclass(frozen=True)
class Assessment:
    status: Status
    method: str
    criterion: str  # plain words: the rule applied
    reason: str  # plain words, with the figures compared
    compared: tuple[Point, ...]


@dataclass(frozen=True)
class Judge:
    """What a method needs besides the figures: the measure's direction and units."""

    direction: str
    units: Units

    def point(self, point: Point, decimals: int) -> str:
        """``62.6% (2017-2019)``."""
        return f"{self.units.figure(_value(point), decimals)} ({point.period})"

    def verdict(self, sign: int, reason: str) -> tuple[Status, str]:
        """The status of a change that counts, rising (``sign > 0``) or falling."""
        if self.direction == NO_DIRECTION:
            return Status.MAINTAINING, reason + " " + NO_DIRECTION_NOTE
        better = (sign > 0) == (self.direction == HIGHER)
        return (Status.IMPROVING if better else Status.WORSENING), reason


Method = Callable[[Sequence[Point], Mapping[str, Any], Judge], tuple[Status, str]]


@dataclass(frozen=True)
class MethodSpec:
    """A named method: its parameters, how many figures it compares (``window``), the
    rule in plain words (``criterion``) and the function that applies it to the window."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]  # the contract's (``contract.CRITERIA_METHODS``)
    window: Callable[[Mapping[str, Any]], int]
    criterion: Callable[[Mapping[str, Any], Units], str]
    function: Method


HIGHER, LOWER, NO_DIRECTION = DIRECTIONS
NO_DIRECTION_NOTE = (
    "This measure has no preferred direction, so a change is neither an improvement "
    "nor a worsening and the status is Maintaining."
)
NO_CRITERIA = "No criteria for change have been set for this indicator yet."
# Rounding a difference to 9 places absorbs float noise (62.6 - 61.6 = 0.99999...).
NOISE = 9


def assess(
    points: Sequence[Point],
    direction: str,
    criteria: Mapping[str, Any],
    *,
    unit_label: str = "",
    is_percentage: bool = False,
    units: Units | None = None,
) -> Assessment:
    """The performance status of a headline series under its criteria for change.

    Raises ``NpfError`` for criteria that ``criteria_problems`` rejects or an unknown
    direction; everything about the figures themselves gives a status with a reason.
    """
    series = present(points)
    problems = criteria_problems(criteria)
    if problems and not series and not criteria:
        # An indicator in development may have neither figures nor criteria yet.
        reason = "No figures have been published yet."
        return Assessment(Status.IN_DEVELOPMENT, "", NO_CRITERIA, reason, ())
    if problems:
        raise NpfError("criteria for change: " + "; ".join(problems))
    if direction not in DIRECTIONS:
        known = ", ".join(repr(d) for d in DIRECTIONS)
        raise NpfError(f"unknown direction {direction!r}; use one of: {known}")
    spec = METHODS[criteria["method"]]
    units = units or Units(unit_label, is_percentage)
    criterion = spec.criterion(criteria, units)
    if direction == NO_DIRECTION and spec.name != "manual":
        criterion += (
            " This measure has no preferred direction, so its status is never Improving or"
            " Worsening."
        )

    def result(status: Status, reason: str, compared: Sequence[Point]) -> Assessment:
        return Assessment(status, spec.name, criterion, reason, tuple(compared))

    if not series:
        return result(Status.IN_DEVELOPMENT, "No figures have been published yet.", ())
    need = spec.window(criteria)
    if len(series) < need:
        have = "Only 1 figure has" if len(series) == 1 else f"Only {len(series)} figures have"
        periods = join_words([p.period for p in series])
        reason = (
            f"{have} been published ({periods}); this method needs at least {need} "
            "to decide a status."
        )
        return result(Status.TO_BE_CONFIRMED, reason, series)
    window = series[-need:] if need else []
    for point in window[1:]:
        if point.break_before:
            reason = (
                f"There is a break in the series before {point.period}, so the figures "
                "before and after it cannot be compared."
            )
            return result(Status.TO_BE_CONFIRMED, reason, window)
    status, reason = spec.function(window, criteria, Judge(direction, units))
    return result(status, reason, window)


def present(points: Sequence[Point]) -> list[Point]:
    """The points with a value, sorted by period. A break marked on a point without a
    value moves to the next point with one, so it is never lost."""
    ordered = sorted(points, key=lambda p: (p.start, p.end))
    kept: list[Point] = []
    carried = False
    for point in ordered:
        if point.value is None or math.isnan(point.value):
            carried = carried or point.break_before
            continue
        if carried and not point.break_before:
            point = replace(point, break_before=True)
        carried = False
        kept.append(point)
    return kept


# --- the methods -------------------------------------------------------------------


def last_two(
    window: Sequence[Point], criteria: Mapping[str, Any], judge: Judge
) -> tuple[Status, str]:
    """The change between the last two figures against ``threshold``."""
    earlier, latest = window
    relative = bool(criteria.get("relative", False))
    return _compare(
        _value(earlier),
        latest,
        f"{judge.point(latest, _places(window))}",
        judge.point(earlier, _places(window)),
        criteria["threshold"],
        relative,
        "a change of at least " + _threshold(criteria, judge.units, "the earlier figure"),
        judge,
        places(_value(earlier), _value(latest)),
    )


def versus_average(
    window: Sequence[Point], criteria: Mapping[str, Any], judge: Judge
) -> tuple[Status, str]:
    """The latest figure against the average of the ``k`` figures before it."""
    *before, latest = window
    decimals = _places(window)
    average = round(sum(_value(p) for p in before) / len(before), decimals + 1)
    span = before[0].period if len(before) == 1 else f"{before[0].period} to {before[-1].period}"
    figures = "the figure" if len(before) == 1 else f"the {len(before)} figures"
    described = f"{judge.units.figure(average)}, the average of {figures} before it ({span})"
    return _compare(
        average,
        latest,
        judge.point(latest, decimals),
        described,
        criteria["threshold"],
        bool(criteria.get("relative", False)),
        "a difference of at least " + _threshold(criteria, judge.units, "the average"),
        judge,
        places(average, _value(latest)),
    )


def consecutive(
    window: Sequence[Point], criteria: Mapping[str, Any], judge: Judge
) -> tuple[Status, str]:
    """``n`` changes in a row, each at least ``threshold``, in the same direction."""
    threshold = criteria["threshold"]
    decimals = _places(window)
    changes = [round(_value(b) - _value(a), decimals) for a, b in itertools.pairwise(window)]
    n = len(changes)
    needed = _run(n, _exact(judge.units, threshold))
    span = f"from {judge.point(window[0], decimals)} to {judge.point(window[-1], decimals)}"
    for sign in (1, -1):
        if all(c * sign > 0 and _at_least(abs(c), threshold) for c in changes):
            moved = "rose" if sign > 0 else "fell"
            sizes = judge.units.amounts(changes, decimals)
            where = f"each of the last {n} changes" if n > 1 else "the last change"
            verb = "count" if n > 1 else "counts"
            reason = f"The figure {moved} in {where}, {span}, by {sizes}; {needed} {verb}."
            return judge.verdict(sign, reason)
    steps = join_words([_step(c, decimals, judge.units) for c in changes])
    last = f"The last {n} changes" if n > 1 else "The last change"
    were = "were" if n > 1 else "was"
    reason = f"{last}, {span}, {were} {steps}; it takes {needed} to count."
    return Status.MAINTAINING, reason


def latest_value(
    window: Sequence[Point], criteria: Mapping[str, Any], judge: Judge
) -> tuple[Status, str]:
    """The latest figure is itself a change; at least ``threshold`` from zero counts."""
    (latest,) = window
    value, threshold = _value(latest), criteria["threshold"]
    needed = f"a figure at least {_exact(judge.units, threshold)} above or below zero"
    if round(value, NOISE) == 0:
        return Status.MAINTAINING, f"The latest figure ({latest.period}) is zero: no change."
    side = "above" if value > 0 else "below"
    size = judge.units.amount(value)
    said = f"The latest figure ({latest.period}), itself a change, is {size} {side} zero"
    if _at_least(abs(value), threshold):
        return judge.verdict(1 if value > 0 else -1, f"{said}; {needed} counts.")
    return Status.MAINTAINING, f"{said}; it takes {needed} to count."


def confidence_intervals(
    window: Sequence[Point], criteria: Mapping[str, Any], judge: Judge
) -> tuple[Status, str]:
    """The confidence intervals of the last two figures overlap (maintaining) or not."""
    earlier, latest = window
    if None in (earlier.lower, earlier.upper, latest.lower, latest.upper):
        missing = [p.period for p in window if p.lower is None or p.upper is None]
        which = "figure for" if len(missing) == 1 else "figures for"
        has = "has" if len(missing) == 1 else "have"
        reason = (
            f"The {which} {join_words(missing)} {has} no confidence interval, "
            "so the change cannot be judged."
        )
        return Status.TO_BE_CONFIRMED, reason
    assert earlier.lower is not None and earlier.upper is not None
    assert latest.lower is not None and latest.upper is not None
    d = places(*(x for p in window for x in (p.value, p.lower, p.upper)))
    fig = judge.units.figure

    def with_interval(p: Point) -> str:
        interval = f"{number(p.lower or 0, d)} to {fig(p.upper or 0, d)}"
        return f"{judge.point(p, d)}, with a confidence interval of {interval}"

    value_change = round(_value(latest) - _value(earlier), d)
    how = "higher than" if value_change > 0 else "lower than" if value_change < 0 else "the same as"
    said = f"The latest figure, {with_interval(latest)}, is {how} {with_interval(earlier)}"
    if latest.lower > earlier.upper or latest.upper < earlier.lower:
        sign = 1 if latest.lower > earlier.upper else -1
        return judge.verdict(sign, f"{said}; the intervals do not overlap, so the change counts.")
    reason = (
        f"{said}; the intervals overlap, so the change may be due to chance and does not count."
    )
    return Status.MAINTAINING, reason


def manual(
    window: Sequence[Point], criteria: Mapping[str, Any], judge: Judge
) -> tuple[Status, str]:
    """The status and reason given in the criteria."""
    return Status(criteria["status"].capitalize()), criteria["reason"].strip()


# --- helpers -------------------------------------------------------------------------


def _compare(
    base: float,
    latest: Point,
    latest_words: str,
    base_words: str,
    threshold: float,
    relative: bool,
    needed: str,
    judge: Judge,
    decimals: int,
) -> tuple[Status, str]:
    """The shared body of ``last-two`` and ``versus-average``: latest against a base."""
    change = round(_value(latest) - base, max(decimals, places(threshold)) + 1)
    if round(change, NOISE) == 0:
        return (
            Status.MAINTAINING,
            f"The latest figure, {latest_words}, is the same as {base_words}.",
        )
    higher = "higher" if change > 0 else "lower"
    size = judge.units.amount(change, decimals)
    said = f"The latest figure, {latest_words}, is {size} {higher} than {base_words}"
    if relative:
        if base == 0:
            return Status.TO_BE_CONFIRMED, f"{said}; a change relative to zero cannot be measured."
        said += f", a change of {share(change / abs(base))}"
        counts = _at_least(abs(change / base), threshold)
    else:
        counts = _at_least(abs(change), threshold)
    if counts:
        return judge.verdict(1 if change > 0 else -1, f"{said}; {needed} counts.")
    return Status.MAINTAINING, f"{said}; it takes {needed} to count."


def _at_least(size: float, threshold: float) -> bool:
    return round(size, NOISE) >= round(threshold, NOISE)


def _value(point: Point) -> float:
    if point.value is None:  # ``present`` removed these
        raise ValueError(f"no value for {point.period}")
    return point.value


def _places(window: Sequence[Point]) -> int:
    return places(*(p.value for p in window))


def _step(change: float, decimals: int, units: Units) -> str:
    if change == 0:
        return "no change"
    return ("a rise of " if change > 0 else "a fall of ") + units.amount(change, decimals)


def _run(n: int, size: str) -> str:
    """``3 changes in a row of at least 1 point in the same direction``."""
    if n == 1:
        return f"a change of at least {size}"
    return f"{n} changes in a row of at least {size} in the same direction"


def _threshold(criteria: Mapping[str, Any], units: Units, of: str) -> str:
    if criteria.get("relative"):
        return f"{share(criteria['threshold'])} of {of}"
    return _exact(units, criteria["threshold"])


def _exact(units: Units, size: float) -> str:
    """A threshold as set (``1 percentage point``, ``0.05``), not at the measure's places."""
    return replace(units, decimals=None).amount(size)


# --- the catalogue -------------------------------------------------------------------


def _last_two_rule(c: Mapping[str, Any], u: Units) -> str:
    return (
        "The latest figure is compared with the one before it: a change of at least "
        f"{_threshold(c, u, 'the earlier figure')} counts as improving or worsening; "
        "a smaller change is maintaining."
    )


def _consecutive_rule(c: Mapping[str, Any], u: Units) -> str:
    return (
        f"It takes {_run(int(c['n']), _exact(u, c['threshold']))} to count as improving or "
        "worsening; anything else is maintaining."
    )


def _versus_average_rule(c: Mapping[str, Any], u: Units) -> str:
    figures = "the figure" if c["k"] == 1 else f"the {c['k']} figures"
    return (
        f"The latest figure is compared with the average of {figures} before it: a "
        f"difference of at least {_threshold(c, u, 'the average')} counts as improving or "
        "worsening; a smaller difference is maintaining."
    )


def _latest_value_rule(c: Mapping[str, Any], u: Units) -> str:
    return (
        "The figure is itself a change: at least "
        f"{_exact(u, c['threshold'])} above or below zero counts as improving or worsening; "
        "closer to zero is maintaining."
    )


def _confidence_rule(c: Mapping[str, Any], u: Units) -> str:
    return (
        "The latest figure is compared with the one before it: if their confidence intervals "
        "do not overlap, the change counts as improving or worsening; if they overlap, the "
        "change may be due to chance and the status is maintaining."
    )


def _manual_rule(c: Mapping[str, Any], u: Units) -> str:
    return (
        "The status is decided by the statisticians who produce the figures, who give their reason."
    )


def _spec(
    name: str,
    window: Callable[[Mapping[str, Any]], int],
    criterion: Callable[[Mapping[str, Any], Units], str],
    function: Method,
) -> MethodSpec:
    """The method ``name`` of the data contract, with how analysis applies it."""
    method = CRITERIA_METHODS[name]
    return MethodSpec(name, method.description, method.parameters, window, criterion, function)


METHODS: Mapping[str, MethodSpec] = {
    spec.name: spec
    for spec in (
        _spec("last-two", lambda c: 2, _last_two_rule, last_two),
        _spec("consecutive", lambda c: int(c["n"]) + 1, _consecutive_rule, consecutive),
        _spec("versus-average", lambda c: int(c["k"]) + 1, _versus_average_rule, versus_average),
        _spec("latest-value", lambda c: 1, _latest_value_rule, latest_value),
        _spec("confidence-intervals", lambda c: 2, _confidence_rule, confidence_intervals),
        _spec("manual", lambda c: 0, _manual_rule, manual),
    )
}


def criteria_problems(criteria: Mapping[str, Any]) -> list[str]:
    """What is wrong with a criteria object, in plain words; ``[]`` when it is right.
    The rules are the data contract's (``contract.criteria_schema``)."""
    return [p.message for p in contract.criteria_problems(criteria)]
