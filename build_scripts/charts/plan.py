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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial

from build_scripts.analyse.indicators import measure_units
from build_scripts.analyse.maps import map_data
from build_scripts.boundaries import BoundaryFile, project_boundaries
from build_scripts.charts import bar_chart, line_chart, sparkline
from build_scripts.charts.choropleth import map_chart
from build_scripts.charts.evidence import evidence_charts
from build_scripts.charts.kept import PlanCache
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
"""The most static charts drawn for one combination of breakdown types of a measure (sex
by age: two charts, by age for each sex); a combination with more has one static chart
(its default slice) and the rest is chosen in the browser (``charts.crossed``)."""


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
    combination: str = ""  # the key of the slice's ``Combination``; "" for one breakdown


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


@dataclass(frozen=True)
class Combination:
    """A combination of breakdown types of a measure's cross-classified figures (sex by
    age by region): its ``types`` in the order of the figures' columns, each type's
    ``groups`` in display order, and the default view: charted by ``types[along]`` (the
    type with the most groups, the first on a tie), the other types fixed at ``fixed``
    (``default_fixed``). ``slices`` is how many combinations of the other types' groups
    have figures, each a chart by ``types[along]``."""

    types: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    figures: tuple[Figure, ...]
    along: int
    fixed: tuple[BreakdownPair, ...]
    slices: int

    @property
    def key(self) -> str:
        """The types joined: the combination's part of ids (``sex--age--simd``)."""
        return "--".join(self.types)

    @property
    def shown(self) -> bool:
        """Whether every slice by the default type has a static chart of its own (at most
        ``MAX_CROSSED`` of them); else only the default one has."""
        return self.slices <= MAX_CROSSED


def fixed_of(pairs: tuple[BreakdownPair, ...], along: int) -> tuple[BreakdownPair, ...]:
    """A figure's breakdowns but the one at ``along``: what a slice by that type fixes."""
    return pairs[:along] + pairs[along + 1 :]


def default_fixed(
    figures: Sequence[Figure], along: int, order: Sequence[Mapping[str, int]]
) -> tuple[tuple[BreakdownPair, ...], int]:
    """The slice a combination shows first when charted by its type at ``along``: the one
    with the most groups to compare, then the most figures, then the first in display
    order (``order``: each type's groups' positions); and how many slices there are."""
    combos: dict[tuple[BreakdownPair, ...], tuple[set[str], int]] = {}
    for f in figures:
        fixed = fixed_of(f.breakdowns, along)
        charted, n = combos.get(fixed, (set(), 0))
        charted.add(f.breakdowns[along][1])
        combos[fixed] = (charted, n + 1)
    others = [o for i, o in enumerate(order) if i != along]

    def rank(k: tuple[BreakdownPair, ...]) -> tuple[int, int, list[int]]:
        charted, n = combos[k]
        return (-len(charted), -n, [o[g] for o, (_, g) in zip(others, k, strict=True)])

    return min(combos, key=rank), len(combos)


def combinations(framework: Framework, indicator: Indicator, measure: str) -> list[Combination]:
    """The combinations of breakdown types of a measure's cross-classified figures, in
    the order of their types."""
    by_types: dict[tuple[str, ...], list[Figure]] = {}
    for f in indicator.figures:
        if f.cross and f.measure == measure:
            by_types.setdefault((f.breakdown_type, *(t for t, _ in f.cross)), []).append(f)
    found = []
    for types in sorted(by_types):
        figures = by_types[types]
        seen: list[set[str]] = [set() for _ in types]
        for f in figures:
            for groups_seen, (_, group) in zip(seen, f.breakdowns, strict=True):
                groups_seen.add(group)
        groups = tuple(
            tuple(sorted(g, key=lambda x, t=t: group_key(framework, t, x)))  # type: ignore[misc]
            for t, g in zip(types, seen, strict=True)
        )
        counts = [len(g) for g in groups]
        along = counts.index(max(counts))
        order = [{g: i for i, g in enumerate(gs)} for gs in groups]
        fixed, slices = default_fixed(figures, along, order)
        found.append(Combination(types, groups, tuple(figures), along, fixed, slices))
    return found


def slice_of(c: Combination, along: int, fixed: tuple[BreakdownPair, ...]) -> list[Figure]:
    """The figures of one slice of a combination, charted by ``c.types[along]`` with the
    other types fixed: the charted breakdown first, the fixed ones as ``cross``, by group
    and period."""
    kind = c.types[along]
    chosen = [
        # charted by its first breakdown, a figure is as it was read
        f if not along else replace(f, breakdown_type=kind, breakdown_group=g, cross=fixed)
        for f in c.figures
        if fixed_of(f.breakdowns, along) == fixed
        for g in (f.breakdowns[along][1],)
    ]
    chosen.sort(key=lambda f: (f.breakdown_group, f.period_start, f.period_end))
    return chosen


def breakdown_slices(framework: Framework, indicator: Indicator, measure: str) -> list[Slice]:
    """The breakdown charts of a measure: one per breakdown type of its figures of one
    breakdown, by type; then, for each combination of breakdown types of its
    cross-classified figures (``combinations``), one chart per combination of groups of
    all but one type, charted by that one: the type with the most groups, so that
    females and males by council area are two charts, not 32. A combination of types
    that would need more than ``MAX_CROSSED`` charts has its default one only: a reader
    chooses any other in the browser (``charts.crossed``), and every figure is in the
    downloads. A slice's figures have the charted breakdown as their first, the fixed
    ones as ``cross``."""
    slices = [
        Slice(t, (), figures, t)
        for t in sorted(indicator.breakdown_types(measure))
        if (figures := indicator.series(measure, t))
    ]
    used = {s.key for s in slices}
    for c in combinations(framework, indicator, measure):
        # every slice by the default type, or the default one alone
        every = {fixed_of(f.breakdowns, c.along) for f in c.figures} if c.shown else {c.fixed}

        def order(fixed: tuple[BreakdownPair, ...]) -> list[tuple[int, str]]:
            return [group_key(framework, t, g) for t, g in fixed]

        for fixed in sorted(every, key=order):
            by = c.types[c.along]
            key = _short("--".join([by, *(f"{t}-{_id_part(g)}" for t, g in fixed)]))
            n, unique = 2, key
            while unique in used:  # two groups with the same letters and digits
                unique, n = f"{key}-{n}", n + 1
            used.add(unique)
            slices.append(Slice(by, fixed, slice_of(c, c.along, fixed), unique, c.key))
    return slices


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


EVIDENCE = "--evidence"
"""The name of the equality evidence charts in the chart cache (no slug has ``--``)."""


def plan_charts(
    framework: Framework,
    project: Project | None = None,
    specs: SpecCache | None = None,
    kept: PlanCache | None = None,
) -> list[Chart]:
    """Every chart of the site, sorted by id (each id once); the headline series are
    named by the place of ``project`` (by default the repository's own). ``specs``: a
    cache of the charts' specs by their inputs (a warm build then builds only the
    changed ones); ``kept``: a cache of each indicator's charts (``charts.kept``: a warm
    build plans only the changed indicators)."""
    project = project or default_project()
    read: list[Mapping[str, BoundaryFile]] = []  # read when a map is first planned

    def plan(indicator: Indicator) -> list[Chart]:
        if not read:
            read.append(project_boundaries(project))
        return indicator_charts(framework, indicator, project.place, specs, read[0])

    def planned(name: str, package: str, plan: Callable[[], list[Chart]]) -> list[Chart]:
        return plan() if kept is None else kept.charts(name, package, plan)

    charts: dict[str, Chart] = {}
    for slug in sorted(framework.indicators):
        indicator = framework.indicators[slug]
        for chart in planned(slug, f"indicators/{slug}", partial(plan, indicator)):
            charts.setdefault(chart.id, chart)
    evidence = partial(evidence_charts, framework, specs)
    for chart in planned(EVIDENCE, "equality-evidence", evidence):
        charts.setdefault(chart.id, chart)
    return [charts[i] for i in sorted(charts)]
