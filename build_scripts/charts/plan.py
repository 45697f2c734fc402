"""Every chart the site needs, planned before any is rendered.

The build calls ``plan_charts`` once, renders (and caches) each chart's SVG by its id,
then hands the SVGs to the page writers. Ids are stable and readable, so a chart's SVG
file name, cache entry and anchor do not change between builds:

- ``<indicator>--sparkline``: the small trend line on outcome pages;
- ``<indicator>--<measure>--total``: a measure's series for the place the headline is
  for (the project's ``[framework] place``; the headline chart);
- ``<indicator>--<measure>--<breakdown-type>``: one breakdown of a measure.

(Slugs are lower-case words joined by single hyphens, so ``--`` separates the parts.)
"""

from __future__ import annotations

from collections.abc import Sequence

from build_scripts.analyse.indicators import measure_units
from build_scripts.analyse.wording import lower_first
from build_scripts.charts import bar_chart, line_chart, sparkline
from build_scripts.charts.model import Bar, Chart, Series, series_from_figures
from build_scripts.config import Project, default_project
from build_scripts.model import HEADLINE_TYPE, Figure, Framework, Indicator, Measure

# A breakdown with more groups than this is drawn as bars of the latest period.
MAX_LINES = 6


def sparkline_id(slug: str) -> str:
    return f"{slug}--sparkline"


def chart_id(slug: str, measure: str, breakdown_type: str = HEADLINE_TYPE) -> str:
    return f"{slug}--{measure}--{breakdown_type}"


def y_title(framework: Framework, measure: Measure) -> str:
    return measure.title


def group_key(framework: Framework, breakdown_type: str, group: str) -> tuple[int, str]:
    label = framework.group_label(breakdown_type, group)
    if framework.is_geography(breakdown_type):
        return (0, label.casefold())
    return (framework.group_order.get((breakdown_type, group), 10**6), label.casefold())


def groups_of(framework: Framework, figures: Sequence[Figure]) -> list[str]:
    """The groups of one breakdown type's figures, in display order."""
    if not figures:
        return []
    breakdown_type = figures[0].breakdown_type
    return sorted(
        {f.breakdown_group for f in figures}, key=lambda g: group_key(framework, breakdown_type, g)
    )


def latest_period(figures: Sequence[Figure]) -> tuple[str, list[Figure]]:
    """The latest period of some figures and the figures of that period."""
    last = max(figures, key=lambda f: (f.period_start, f.period_end))
    return last.period, [f for f in figures if f.period == last.period]


def as_bars(
    framework: Framework, breakdown_type: str, groups: Sequence[str], periods: set[str]
) -> bool:
    """Whether a breakdown is drawn as bars of its latest period (places; many groups; one
    period) rather than as lines."""
    return framework.is_geography(breakdown_type) or len(groups) > MAX_LINES or len(periods) == 1


def breakdown_name(framework: Framework, breakdown_type: str) -> str:
    known = framework.breakdown_types.get(breakdown_type)
    return known.name if known and known.name else breakdown_type


def _headline_chart(
    framework: Framework, indicator: Indicator, measure: Measure, place: str
) -> Chart | None:
    figures = indicator.series(measure.name)
    if not figures:
        return None
    return line_chart(
        chart_id(indicator.slug, measure.name),
        measure.title,
        [series_from_figures(place, figures)],
        y_title=y_title(framework, measure),
        units=measure_units(framework, measure),
    )


def _breakdown_chart(
    framework: Framework, indicator: Indicator, measure: Measure, breakdown_type: str, place: str
) -> Chart | None:
    figures = indicator.series(measure.name, breakdown_type)
    if not figures:
        return None
    name = breakdown_name(framework, breakdown_type)
    title = f"{measure.title} by {lower_first(name)}"
    units = measure_units(framework, measure)
    groups = groups_of(framework, figures)
    periods = {f.period for f in figures}
    cid = chart_id(indicator.slug, measure.name, breakdown_type)
    if as_bars(framework, breakdown_type, groups, periods):
        period, latest = latest_period(figures)
        bars = [
            Bar(
                framework.group_label(breakdown_type, f.breakdown_group),
                f.value,
                f.lower,
                f.upper,
                flag=f.flag,
                note=f.note,
            )
            for f in latest
        ]
        if not framework.is_geography(breakdown_type):
            order = {framework.group_label(breakdown_type, g): i for i, g in enumerate(groups)}
            bars.sort(key=lambda b: order.get(b.label, len(order)))
        total = [
            f for f in indicator.series(measure.name) if f.period == period and not f.is_suspect
        ]
        reference = Bar(place, total[0].value) if total else None
        return bar_chart(
            cid,
            title,
            bars,
            period=period,
            x_title=measure.title,
            units=units,
            sort="value" if framework.is_geography(breakdown_type) else "given",
            reference=reference,
        )
    series: list[Series] = [
        series_from_figures(
            framework.group_label(breakdown_type, g), [f for f in figures if f.breakdown_group == g]
        )
        for g in groups
    ]
    return line_chart(cid, title, series, y_title=measure.title, units=units, legend_title=name)


def indicator_charts(framework: Framework, indicator: Indicator, place: str) -> list[Chart]:
    """The charts of one indicator page, plus its sparkline, in page order; ``place``
    names the headline series."""
    charts: list[Chart] = []
    headline = indicator.headline_measure
    if headline is not None:
        figures = indicator.series(headline.name)
        if len(figures) >= 2:
            charts.append(
                sparkline(
                    sparkline_id(indicator.slug),
                    headline.title,
                    series_from_figures(place, figures),
                    units=measure_units(framework, headline),
                )
            )
    for measure in indicator.measures:
        chart = _headline_chart(framework, indicator, measure, place)
        if chart is not None:
            charts.append(chart)
        for breakdown_type in sorted(indicator.breakdown_types(measure.name)):
            chart = _breakdown_chart(framework, indicator, measure, breakdown_type, place)
            if chart is not None:
                charts.append(chart)
    return charts


def plan_charts(framework: Framework, project: Project | None = None) -> list[Chart]:
    """Every chart of the site, sorted by id (each id once); the headline series are
    named by the place of ``project`` (by default the repository's own)."""
    place = (project or default_project()).place
    charts: dict[str, Chart] = {}
    for slug in sorted(framework.indicators):
        for chart in indicator_charts(framework, framework.indicators[slug], place):
            charts.setdefault(chart.id, chart)
    return [charts[i] for i in sorted(charts)]
