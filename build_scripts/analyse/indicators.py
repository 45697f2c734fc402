"""Apply each indicator's criteria for change to its headline series."""

from __future__ import annotations

from build_scripts.analyse.statuses import Assessment, Point, assess
from build_scripts.model import Figure, Framework, Indicator

BREAK = "break in series"


def to_points(figures: list[Figure]) -> list[Point]:
    """Figures of one series as status points, by period."""
    ordered = sorted(figures, key=lambda f: (f.period_start, f.period_end))
    return [
        Point(
            period=f.period,
            start=f.period_start,
            end=f.period_end,
            value=f.value,
            lower=f.lower,
            upper=f.upper,
            break_before=f.flag == BREAK,
        )
        for f in ordered
    ]


def headline_points(indicator: Indicator) -> list[Point]:
    measure = indicator.headline_measure
    if measure is None:
        return []
    return to_points(indicator.series(measure.name))


def assess_indicator(indicator: Indicator, framework: Framework) -> Assessment:
    measure = indicator.headline_measure
    direction = measure.direction if measure else "no preferred direction"
    unit = framework.units.get(measure.unit) if measure else None
    return assess(
        headline_points(indicator),
        direction,
        indicator.criteria,
        unit_label=unit.label if unit else "",
        is_percentage=unit.is_percentage if unit else False,
    )


def assess_framework(framework: Framework) -> dict[str, Assessment]:
    return {
        slug: assess_indicator(indicator, framework)
        for slug, indicator in sorted(framework.indicators.items())
    }
