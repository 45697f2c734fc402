"""Every chart the site needs, planned before any is rendered.

The build calls ``plan_charts`` once, renders (and caches) each chart's SVG by its id,
then hands the SVGs to the page writers. Ids are stable and readable, so a chart's SVG
file name, cache entry and anchor do not change between builds:

- ``<indicator>--sparkline``: the small trend line on outcome pages;
- ``<indicator>--<measure>--total``: a measure's series for the place the headline is
  for (the project's ``[framework] place``; the headline chart);
- ``<indicator>--<measure>--<breakdown-type>``: one breakdown of a measure;
- ``<indicator>--<measure>--<breakdown-type>--<type-2>-<group-2>...``: cross-classified
  figures by their first breakdown, their further breakdowns fixed (one chart for each
  combination of the further groups: females by deprivation, males by deprivation);
- ``evidence--<dataset>``: an equality evidence dataset's chart (``charts.evidence``).
- ``<indicator>--<measure>--<breakdown-type>--map``: the map of a measure's latest
  figures by place, for a geography with a boundary file (``docs/maps.md``).

(Slugs are lower-case words joined by single hyphens, so ``--`` separates the parts.)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from build_scripts.analyse.indicators import measure_units
from build_scripts.analyse.maps import map_data
from build_scripts.boundaries import BoundaryFile, project_boundaries
from build_scripts.charts import bar_chart, line_chart, sparkline
from build_scripts.charts.choropleth import map_chart
from build_scripts.charts.evidence import evidence_charts
from build_scripts.charts.model import Bar, Chart, Series, series_from_figures
from build_scripts.charts.specs import SpecCache
from build_scripts.config import Project, default_project
from build_scripts.messages import lower_first_name as lower_first
from build_scripts.messages import message, phrase
from build_scripts.model import (
    HEADLINE_TYPE,
    BreakdownPair,
    Figure,
    Framework,
    Indicator,
    Measure,
)

# A breakdown with more groups than this is drawn as bars of the latest period.
MAX_LINES = 6
MAX_CROSSED = 12
"""The most charts drawn for one combination of breakdown types of a measure (sex by
age: two charts, by age for each sex); more are left to the table of all figures."""


def sparkline_id(slug: str) -> str:
    return f"{slug}--sparkline"


def chart_id(slug: str, measure: str, breakdown_type: str = HEADLINE_TYPE) -> str:
    return f"{slug}--{measure}--{breakdown_type}"


def map_id(slug: str, measure: str, breakdown_type: str) -> str:
    return f"{chart_id(slug, measure, breakdown_type)}--map"


def map_charts(
    framework: Framework,
    indicator: Indicator,
    boundaries: Mapping[str, BoundaryFile],
    specs: SpecCache | None = None,
) -> list[Chart]:
    """A map for each measure of the indicator with figures by the places of a geography
    that has a boundary file, in the order of the measures, then of the geographies."""
    charts = []
    for measure in indicator.measures:
        for kind in sorted(boundaries):
            data = map_data(framework, indicator, measure, kind)
            if data is None:
                continue
            charts.append(
                map_chart(
                    map_id(indicator.slug, measure.name, kind),
                    measure.title,
                    data,
                    boundaries[kind],
                    units=measure_units(framework, measure),
                    specs=specs,
                )
            )
    return charts


def y_title(framework: Framework, measure: Measure) -> str:
    return measure.title


def chart_source(indicator: Indicator, figures: Sequence[Figure]) -> str | None:
    """Where a chart's figures come from, for its footer: the titles of the publications
    of its figures, in the order first used; else whoever the indicator names as its
    source; ``None`` without either."""
    titles = {s.id: s.title for s in indicator.sources}
    used = dict.fromkeys(titles.get(f.source, "") for f in figures if f.source)
    named = [t for t in used if t]
    if named:
        return "; ".join(named)
    return indicator.source or None


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


def _headline_chart(
    framework: Framework,
    indicator: Indicator,
    measure: Measure,
    place: str,
    specs: SpecCache | None,
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
        source=chart_source(indicator, figures),
        specs=specs,
    )


@dataclass(frozen=True)
class Slice:
    """The figures of one breakdown chart of a measure: by ``breakdown_type``, with the
    further breakdowns of cross-classified figures fixed (``fixed``, empty for the
    figures of one breakdown). ``key`` follows the measure in the chart's id."""

    breakdown_type: str
    fixed: tuple[BreakdownPair, ...]
    figures: list[Figure]
    key: str


def _id_part(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


MAX_KEY = 120
"""The longest slice key kept as it is: ids name files (at most 255 bytes), and groups of
cross-classified figures can be long sentences; a longer key is cut at a hyphen and ends
with a digest of the whole, so it stays unique and stable."""


def _short(key: str) -> str:
    if len(key) <= MAX_KEY:
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    cut = key[: MAX_KEY - 11].rsplit("-", 1)[0].rstrip("-")
    return f"{cut}-{digest}"


def breakdown_slices(framework: Framework, indicator: Indicator, measure: str) -> list[Slice]:
    """The breakdown charts of a measure: one per breakdown type of its figures of one
    breakdown, by type; then, for each combination of breakdown types of its
    cross-classified figures, one chart per combination of groups of all but one type,
    charted by that one: the type with the most groups (the first on a tie), so that
    females and males by council area are two charts, not 32. A combination of types
    that would need more than ``MAX_CROSSED`` charts is left to the table of all
    figures (``uncharted`` counts what is left). A slice's figures have the charted
    breakdown as their first, the fixed ones as ``cross``."""
    slices = [
        Slice(t, (), figures, t)
        for t in sorted(indicator.breakdown_types(measure))
        if (figures := indicator.series(measure, t))
    ]
    by_types: dict[tuple[str, ...], list[Figure]] = {}
    for f in indicator.figures:
        if f.cross and f.measure == measure:
            by_types.setdefault((f.breakdown_type, *(t for t, _ in f.cross)), []).append(f)
    used = {s.key for s in slices}
    for types in sorted(by_types):
        figures = by_types[types]
        groups: list[set[str]] = [set() for _ in types]
        for f in figures:
            for seen, (_, group) in zip(groups, f.breakdowns, strict=True):
                seen.add(group)
        counts = [len(seen) for seen in groups]
        by = counts.index(max(counts))
        combos: dict[tuple[BreakdownPair, ...], list[Figure]] = {}
        for f in figures:
            pairs = f.breakdowns
            combos.setdefault(pairs[:by] + pairs[by + 1 :], []).append(f)
        if len(combos) > MAX_CROSSED:
            continue
        if by:  # the charted breakdown first, as the chart and table read it
            kind = types[by]
            for fixed, chosen in combos.items():
                chosen[:] = [
                    replace(f, breakdown_type=kind, breakdown_group=f.cross[by - 1][1], cross=fixed)
                    for f in chosen
                ]

        def order(fixed: tuple[BreakdownPair, ...]) -> list[tuple[int, str]]:
            return [group_key(framework, t, g) for t, g in fixed]

        for fixed in sorted(combos, key=order):
            key = _short("--".join([types[by], *(f"{t}-{_id_part(g)}" for t, g in fixed)]))
            n, unique = 2, key
            while unique in used:  # two groups with the same letters and digits
                unique, n = f"{key}-{n}", n + 1
            used.add(unique)
            chosen = combos[fixed]
            chosen.sort(key=lambda f: (f.breakdown_group, f.period_start, f.period_end))
            slices.append(Slice(types[by], fixed, chosen, unique))
    return slices


def uncharted(indicator: Indicator, measure: str, slices: Sequence[Slice]) -> int:
    """How many of a measure's cross-classified figures no slice charts (too many
    combinations): they are in the table of all figures only."""
    crossed = sum(1 for f in indicator.figures if f.cross and f.measure == measure)
    return crossed - sum(len(s.figures) for s in slices if s.fixed)


def slice_name(framework: Framework, s: Slice) -> str:
    """The breakdown a slice is by, with its fixed groups: "Deprivation — sex: Female"."""
    name = framework.breakdown_name(s.breakdown_type)
    if not s.fixed:
        return name
    fixed = (
        f"{lower_first(framework.breakdown_name(t))}: {framework.group_label(t, g)}"
        for t, g in s.fixed
    )
    return f"{name} — {', '.join(fixed)}"


def _reference(
    framework: Framework, indicator: Indicator, measure: Measure, s: Slice, period: str, place: str
) -> Bar | None:
    """The bar the groups are drawn against: the place's figure, or for a slice with one
    fixed breakdown, that group's own figure (all females) where there is one."""
    if not s.fixed:
        label, figures = place, indicator.series(measure.name)
    elif len(s.fixed) == 1:
        ((kind, group),) = s.fixed
        label = framework.group_label(kind, group)
        figures = [f for f in indicator.series(measure.name, kind) if f.breakdown_group == group]
    else:
        return None
    total = [f for f in figures if f.period == period and not f.is_suspect]
    return Bar(label, total[0].value) if total else None


def _breakdown_chart(
    framework: Framework,
    indicator: Indicator,
    measure: Measure,
    s: Slice,
    place: str,
    specs: SpecCache | None,
) -> Chart | None:
    figures, breakdown_type = s.figures, s.breakdown_type
    if not figures:
        return None
    name = framework.breakdown_name(breakdown_type)
    title = phrase(
        message("chart.title_by", title=measure.title, name=lower_first(slice_name(framework, s)))
    )
    units = measure_units(framework, measure)
    groups = groups_of(framework, figures)
    periods = {f.period for f in figures}
    cid = chart_id(indicator.slug, measure.name, s.key)
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
        reference = _reference(framework, indicator, measure, s, period, place)
        return bar_chart(
            cid,
            title,
            bars,
            period=period,
            x_title=measure.title,
            units=units,
            sort="value" if framework.is_geography(breakdown_type) else "given",
            reference=reference,
            source=chart_source(indicator, latest),
            specs=specs,
        )
    series: list[Series] = [
        series_from_figures(
            framework.group_label(breakdown_type, g), [f for f in figures if f.breakdown_group == g]
        )
        for g in groups
    ]
    return line_chart(
        cid,
        title,
        series,
        y_title=measure.title,
        units=units,
        legend_title=name,
        source=chart_source(indicator, figures),
        specs=specs,
    )


def indicator_charts(
    framework: Framework,
    indicator: Indicator,
    place: str,
    specs: SpecCache | None = None,
    boundaries: Mapping[str, BoundaryFile] | None = None,
) -> list[Chart]:
    """The charts of one indicator page, plus its sparkline, in page order; ``place``
    names the headline series; ``boundaries`` (by geography) are those of the maps."""
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
                    specs=specs,
                )
            )
    for measure in indicator.measures:
        chart = _headline_chart(framework, indicator, measure, place, specs)
        if chart is not None:
            charts.append(chart)
        for s in breakdown_slices(framework, indicator, measure.name):
            chart = _breakdown_chart(framework, indicator, measure, s, place, specs)
            if chart is not None:
                charts.append(chart)
    return charts + map_charts(framework, indicator, boundaries or {}, specs)


def plan_charts(
    framework: Framework, project: Project | None = None, specs: SpecCache | None = None
) -> list[Chart]:
    """Every chart of the site, sorted by id (each id once); the headline series are
    named by the place of ``project`` (by default the repository's own). ``specs``: a
    cache of the charts' specs by their inputs (a warm build then builds only the
    changed ones)."""
    project = project or default_project()
    boundaries = project_boundaries(project)
    charts: dict[str, Chart] = {}
    for slug in sorted(framework.indicators):
        indicator = framework.indicators[slug]
        for chart in indicator_charts(framework, indicator, project.place, specs, boundaries):
            charts.setdefault(chart.id, chart)
    for chart in evidence_charts(framework, specs):
        charts.setdefault(chart.id, chart)
    return [charts[i] for i in sorted(charts)]
