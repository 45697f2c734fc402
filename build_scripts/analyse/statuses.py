"""Performance statuses: each indicator's own criteria for change, applied to its
headline series.

The methods, their parameters and the rules shared by all of them are documented for
maintainers in ``docs/statuses.md`` and for the public in ``site_src/methodology.md``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from build_scripts import contract
from build_scripts.contract import CRITERIA_METHODS, Parameter
from build_scripts.errors import NpfError
from build_scripts.formatting import Units, places
from build_scripts.messages import Message, message, phrase, sentences

DIRECTIONS = ("higher is better", "lower is better", "no preferred direction")


class Status(StrEnum):
    IMPROVING = "Improving"
    MAINTAINING = "Maintaining"
    WORSENING = "Worsening"
    TO_BE_CONFIRMED = "To be confirmed"
    IN_DEVELOPMENT = "In development"
    NOT_ASSESSED = "Not assessed"


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
class Outcome:
    """What a method found, as data: the verdict, the sentence that says why (a
    ``Message``, phrased by the catalogue), and where the method compares a figure with
    a base (the earlier figure, an average, zero), the base, the change from it and
    whether the change is large enough to count."""

    status: Status
    why: Message
    base: float | None = None
    change: float | None = None
    counts: bool | None = None


@dataclass(frozen=True)
class Assessment:
    """The performance status of an indicator and everything that decided it.

    ``rule`` (the criteria in words) and ``why`` (the reason, with the figures compared)
    are messages; ``criterion`` and ``reason`` are their words in the catalogue in use.
    ``notes`` are sentences added to the reason (releases, suspect figures)."""

    status: Status
    method: str
    rule: Message
    why: Message
    compared: tuple[Point, ...]
    direction: str = ""
    units: Units = field(default_factory=Units)
    threshold: float | None = None
    relative: bool = False
    base: float | None = None
    change: float | None = None
    counts: bool | None = None
    notes: tuple[Message, ...] = ()

    @property
    def criterion(self) -> str:
        """The rule applied, in plain words."""
        return phrase(self.rule)

    @property
    def reason(self) -> str:
        """Why the indicator has its status, in plain words, with the figures compared."""
        return sentences([self.why, *self.notes])


@dataclass(frozen=True)
class Judge:
    """What a method needs besides the figures: the measure's direction and units."""

    direction: str
    units: Units

    def point(self, point: Point, decimals: int) -> Message:
        """``62.6% (2017-2019)``."""
        return message(
            "status.point",
            value=_value(point),
            period=point.period,
            units=self.units,
            decimals=decimals,
        )

    def verdict(self, sign: int, outcome: Outcome) -> Outcome:
        """The status of a change that counts, rising (``sign > 0``) or falling."""
        if self.direction == NO_DIRECTION:
            why = message("status.no_direction", reason=outcome.why)
            return replace(outcome, status=Status.MAINTAINING, why=why)
        better = (sign > 0) == (self.direction == HIGHER)
        return replace(outcome, status=Status.IMPROVING if better else Status.WORSENING)


Method = Callable[[Sequence[Point], Mapping[str, Any], Judge], Outcome]


@dataclass(frozen=True)
class MethodSpec:
    """A named method: its parameters, how many figures it compares (``window``), the
    rule as a message (``criterion``) and the function that applies it to the window."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]  # the contract's (``contract.CRITERIA_METHODS``)
    window: Callable[[Mapping[str, Any]], int]
    criterion: Callable[[Mapping[str, Any], Units], Message]
    function: Method


HIGHER, LOWER, NO_DIRECTION = DIRECTIONS
NO_CRITERIA = message("criteria.none")
NO_FIGURES = message("status.no_figures")
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
    units = units or Units(unit_label, is_percentage)
    if problems and not series and not criteria:
        # An indicator in development may have neither figures nor criteria yet.
        return Assessment(Status.IN_DEVELOPMENT, "", NO_CRITERIA, NO_FIGURES, (), direction, units)
    if problems:
        raise NpfError("criteria for change: " + "; ".join(problems))
    if direction not in DIRECTIONS:
        known = ", ".join(repr(d) for d in DIRECTIONS)
        raise NpfError(f"unknown direction {direction!r}; use one of: {known}")
    spec = METHODS[criteria["method"]]
    rule = spec.criterion(criteria, units)
    if direction == NO_DIRECTION and spec.name not in ("manual", contract.NOT_ASSESSED):
        rule = message("criteria.no_direction", rule=rule)
    threshold = criteria.get("threshold")

    def result(outcome: Outcome, compared: Sequence[Point]) -> Assessment:
        return Assessment(
            outcome.status,
            spec.name,
            rule,
            outcome.why,
            tuple(compared),
            direction,
            units,
            None if threshold is None else float(threshold),
            bool(criteria.get("relative", False)),
            outcome.base,
            outcome.change,
            outcome.counts,
        )

    if spec.name == contract.NOT_ASSESSED:
        return result(spec.function([], criteria, Judge(direction, units)), ())
    if not series:
        return result(Outcome(Status.IN_DEVELOPMENT, NO_FIGURES), ())
    need = spec.window(criteria)
    if len(series) < need:
        periods = [p.period for p in series]
        why = message("status.too_few", count=len(series), periods=periods, need=need)
        return result(Outcome(Status.TO_BE_CONFIRMED, why), series)
    window = series[-need:] if need else []
    for point in window[1:]:
        if point.break_before:
            why = message("status.break", period=point.period)
            return result(Outcome(Status.TO_BE_CONFIRMED, why), window)
    return result(spec.function(window, criteria, Judge(direction, units)), window)


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


def last_two(window: Sequence[Point], criteria: Mapping[str, Any], judge: Judge) -> Outcome:
    """The change between the last two figures against ``threshold``."""
    earlier, latest = window
    return _compare(
        _value(earlier),
        latest,
        judge.point(earlier, _places(window)),
        criteria,
        message("status.change_of_at_least", threshold=_threshold(criteria, judge.units, False)),
        judge,
        places(_value(earlier), _value(latest)),
        _places(window),
    )


def versus_average(window: Sequence[Point], criteria: Mapping[str, Any], judge: Judge) -> Outcome:
    """The latest figure against the average of the ``k`` figures before it."""
    *before, latest = window
    decimals = _places(window)
    average = round(sum(_value(p) for p in before) / len(before), decimals + 1)
    described = message(
        "status.average",
        value=average,
        units=judge.units,
        count=len(before),
        first=before[0].period,
        last=before[-1].period,
    )
    needed = message(
        "status.difference_of_at_least", threshold=_threshold(criteria, judge.units, True)
    )
    return _compare(
        average,
        latest,
        described,
        criteria,
        needed,
        judge,
        places(average, _value(latest)),
        decimals,
    )


def consecutive(window: Sequence[Point], criteria: Mapping[str, Any], judge: Judge) -> Outcome:
    """``n`` changes in a row, each at least ``threshold``, in the same direction."""
    threshold = criteria["threshold"]
    decimals = _places(window)
    changes = [round(_value(b) - _value(a), decimals) for a, b in itertools.pairwise(window)]
    n = len(changes)
    needed = _run(n, threshold, judge.units)
    span = {
        "n": n,
        "first": judge.point(window[0], decimals),
        "last": judge.point(window[-1], decimals),
        "needed": needed,
    }
    total = round(_value(window[-1]) - _value(window[0]), decimals)
    base = _value(window[0])
    for sign in (1, -1):
        if all(c * sign > 0 and _at_least(abs(c), threshold) for c in changes):
            why = message(
                "status.consecutive_counts",
                rising=sign > 0,
                changes=changes,
                units=judge.units,
                decimals=decimals,
                **span,
            )
            return judge.verdict(sign, Outcome(Status.MAINTAINING, why, base, total, True))
    steps = [
        message("status.step", change=c, units=judge.units, decimals=decimals) for c in changes
    ]
    why = message("status.consecutive_not", steps=steps, **span)
    return Outcome(Status.MAINTAINING, why, base, total, False)


def latest_value(window: Sequence[Point], criteria: Mapping[str, Any], judge: Judge) -> Outcome:
    """The latest figure is itself a change; at least ``threshold`` from zero counts."""
    (latest,) = window
    value, threshold = _value(latest), criteria["threshold"]
    if round(value, NOISE) == 0:
        why = message("status.latest_zero", period=latest.period)
        return Outcome(Status.MAINTAINING, why, 0.0, 0.0, False)
    counts = _at_least(abs(value), threshold)
    why = message(
        "status.latest_value",
        period=latest.period,
        value=value,
        units=judge.units,
        threshold=threshold,
        counts=counts,
    )
    outcome = Outcome(Status.MAINTAINING, why, 0.0, value, counts)
    return judge.verdict(1 if value > 0 else -1, outcome) if counts else outcome


def confidence_intervals(
    window: Sequence[Point], criteria: Mapping[str, Any], judge: Judge
) -> Outcome:
    """The confidence intervals of the last two figures overlap (maintaining) or not."""
    earlier, latest = window
    if None in (earlier.lower, earlier.upper, latest.lower, latest.upper):
        missing = [p.period for p in window if p.lower is None or p.upper is None]
        return Outcome(Status.TO_BE_CONFIRMED, message("status.no_interval", periods=missing))
    assert earlier.lower is not None and earlier.upper is not None
    assert latest.lower is not None and latest.upper is not None
    d = places(*(x for p in window for x in (p.value, p.lower, p.upper)))

    def with_interval(p: Point) -> Message:
        return message(
            "status.with_interval",
            point=judge.point(p, d),
            lower=p.lower or 0,
            upper=p.upper or 0,
            units=judge.units,
            decimals=d,
        )

    change = round(_value(latest) - _value(earlier), d)
    counts = latest.lower > earlier.upper or latest.upper < earlier.lower
    why = message(
        "status.intervals",
        latest=with_interval(latest),
        earlier=with_interval(earlier),
        change=change,
        counts=counts,
    )
    outcome = Outcome(Status.MAINTAINING, why, _value(earlier), change, counts)
    if counts:
        return judge.verdict(1 if latest.lower > earlier.upper else -1, outcome)
    return outcome


def manual(window: Sequence[Point], criteria: Mapping[str, Any], judge: Judge) -> Outcome:
    """The status and reason given in the criteria."""
    why = message("status.manual", text=criteria["reason"].strip())
    return Outcome(Status(criteria["status"].capitalize()), why)


def not_assessed(window: Sequence[Point], criteria: Mapping[str, Any], judge: Judge) -> Outcome:
    """No judgement: the framework publishes no criteria for change."""
    reason = str(criteria.get("reason", "")).strip()
    return Outcome(Status.NOT_ASSESSED, message("status.not_assessed", text=reason))


# --- helpers -------------------------------------------------------------------------


def _compare(
    base: float,
    latest: Point,
    base_words: Message,
    criteria: Mapping[str, Any],
    needed: Message,
    judge: Judge,
    decimals: int,
    shown: int,
) -> Outcome:
    """The shared body of ``last-two`` and ``versus-average``: latest against a base."""
    threshold = criteria["threshold"]
    relative = bool(criteria.get("relative", False))
    latest_words = judge.point(latest, shown)
    change = round(_value(latest) - base, max(decimals, places(threshold)) + 1)
    if round(change, NOISE) == 0:
        why = message("status.same", latest=latest_words, base=base_words)
        return Outcome(Status.MAINTAINING, why, base, 0.0, False)
    values = {
        "latest": latest_words,
        "base": base_words,
        "change": change,
        "units": judge.units,
        "decimals": decimals,
        "needed": needed,
        "ratio": None,
    }
    if relative and base == 0:
        why = message("status.compared", **values, zero_base=True, counts=False)
        return Outcome(Status.TO_BE_CONFIRMED, why, base, change)
    if relative:
        values["ratio"] = change / abs(base)
        counts = _at_least(abs(change / base), threshold)
    else:
        counts = _at_least(abs(change), threshold)
    outcome = Outcome(
        Status.MAINTAINING,
        message("status.compared", **values, zero_base=False, counts=counts),
        base,
        change,
        counts,
    )
    return judge.verdict(1 if change > 0 else -1, outcome) if counts else outcome


def _at_least(size: float, threshold: float) -> bool:
    return round(size, NOISE) >= round(threshold, NOISE)


def _value(point: Point) -> float:
    if point.value is None:  # ``present`` removed these
        raise ValueError(f"no value for {point.period}")
    return point.value


def _places(window: Sequence[Point]) -> int:
    return places(*(p.value for p in window))


def _run(n: int, size: float, units: Units) -> Message:
    """``3 changes in a row of at least 1 point in the same direction``."""
    return message("status.run", n=n, size=size, units=units)


def _threshold(criteria: Mapping[str, Any], units: Units, of_average: bool) -> Message:
    return message(
        "status.threshold",
        relative=bool(criteria.get("relative")),
        size=criteria["threshold"],
        units=units,
        of_average=of_average,
    )


# --- the rules, as messages ------------------------------------------------------------


def _last_two_rule(c: Mapping[str, Any], u: Units) -> Message:
    return message("criteria.last_two", threshold=_threshold(c, u, False))


def _consecutive_rule(c: Mapping[str, Any], u: Units) -> Message:
    return message("criteria.consecutive", run=_run(int(c["n"]), c["threshold"], u))


def _versus_average_rule(c: Mapping[str, Any], u: Units) -> Message:
    return message("criteria.versus_average", k=c["k"], threshold=_threshold(c, u, True))


def _latest_value_rule(c: Mapping[str, Any], u: Units) -> Message:
    return message("criteria.latest_value", threshold=c["threshold"], units=u)


def _confidence_rule(c: Mapping[str, Any], u: Units) -> Message:
    return message("criteria.confidence_intervals")


def _manual_rule(c: Mapping[str, Any], u: Units) -> Message:
    return message("criteria.manual")


def _not_assessed_rule(c: Mapping[str, Any], u: Units) -> Message:
    return message("criteria.not_assessed")


def _spec(
    name: str,
    window: Callable[[Mapping[str, Any]], int],
    criterion: Callable[[Mapping[str, Any], Units], Message],
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
        _spec(contract.NOT_ASSESSED, lambda c: 0, _not_assessed_rule, not_assessed),
    )
}


def criteria_problems(criteria: Mapping[str, Any]) -> list[str]:
    """What is wrong with a criteria object, in plain words; ``[]`` when it is right.
    The rules are the data contract's (``contract.criteria_schema``)."""
    return [p.message for p in contract.criteria_problems(criteria)]
