"""Charts of cross-classified figures with a choice of breakdown combinations (issue 13).

A measure's figures broken down by several types at once (sex and age and region) are
one ``plan.Combination``. On the indicator page a reader charts it by any one of its
types (the lines or bars) with a group chosen for each other type ("Sex: Female", "Age:
16 to 24"): one *slice*. Every slice the data has can be reached, however many there
are. The page has the static chart of the default slice (or of every slice by the
default type when there are at most ``plan.MAX_CROSSED``); the others are drawn in the
browser by ``choice.js`` from one data file per combination and charted type, written
here as a script (``window.npfChoices[id] = {...}``, loaded by a ``<script>`` tag so that
it works from ``file://``), only when the reader asks for it:

- ``types``: each type of the combination with its name and its groups' labels, in
  display order; ``periods``: every period, ordered by start date;
- ``rows``: every figure, ``[period, group of each type..., value, lower, upper,
  figure, label]`` (indices into ``periods`` and each type's ``groups``; ``figure`` as
  its tooltip reads, ``label`` as a table cell and a bar's label read);
- ``specs``: the Vega-Lite spec of each kind of chart its slices are drawn as (``line``,
  ``bar``), made by ``line.line_spec`` and ``bar.bar_spec`` with every group of the
  charted type in its scales and no data: ``choice.js`` puts in a slice's rows and cuts
  the scales to its groups, as it does for a static chart's spec;
- ``slices``: by the other types' group indices joined with commas, what the build
  phrases for each slice: ``[kind, caption, summary, footer lines, value domain,
  period, bar order]`` (the last three for bars: the index of the latest period and
  the groups in the bars' order; a line chart's explicit value domain or null);
- ``default``: the other types' group indices of the slice shown first.

Each slice's words and figures are the same as its static chart would have
(``plan._breakdown_chart``): lines or bars by the same rule, the same summary, footer,
places of decimals and value axis, but no reference line on bars.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from build_scripts import urls
from build_scripts.analyse.indicators import measure_units
from build_scripts.charts.bar import bar_frame, bar_label, bar_spec, summarise_bars
from build_scripts.charts.line import (
    bounds,
    line_chart_summary,
    line_frame,
    line_spec,
    period_order,
    point_text,
)
from build_scripts.charts.model import Bar, Series, SeriesPoint, Units, series_from_figures
from build_scripts.charts.plan import (
    Combination,
    Slice,
    _short,
    as_bars,
    chart_id,
    chart_source,
    combinations,
    default_fixed,
    fixed_of,
    group_key,
    latest_period,
    slice_name,
)
from build_scripts.charts.specs import SpecCache, make_spec
from build_scripts.charts.style import BAR_STEP, footer, footer_lines, footer_text, value_scale
from build_scripts.charts.summary import decimals_of
from build_scripts.downloads import cached_bytes
from build_scripts.messages import lower_first_name as lower_first
from build_scripts.messages import message, phrase
from build_scripts.model import BreakdownPair, Figure, Framework, Indicator, Measure


def choice_id(slug: str, measure: str, c: Combination, along: int) -> str:
    """The id of a combination's data file charted by its type at ``along``."""
    return chart_id(slug, measure, _short(f"{c.key}--by-{c.types[along]}"))


@dataclass(frozen=True)
class SliceWords:
    """What a slice's chart says: its table's caption, its image's name, its summary and
    footer, and how it is drawn."""

    kind: str
    caption: str
    summary: str
    notes: list[str]
    domain: tuple[float, float] | None = None
    period: str = ""
    order: tuple[str, ...] = ()  # the bars' groups (codes), in their order


def _line_words(
    framework: Framework, indicator: Indicator, measure: Measure, s: Slice, units: Units
) -> tuple[SliceWords, Texts]:
    groups = sorted(
        {f.breakdown_group for f in s.figures},
        key=lambda g: group_key(framework, s.breakdown_type, g),
    )
    series = [
        series_from_figures(
            framework.group_label(s.breakdown_type, g),
            [f for f in s.figures if f.breakdown_group == g],
        )
        for g in groups
    ]
    title = _title(framework, measure, s)
    periods = period_order(series)
    scale = value_scale(bounds(series), units)
    source = chart_source(indicator, s.figures)
    words = SliceWords(
        "line",
        phrase(message("page.indicator.caption_by", title=measure.title, name=_name(framework, s))),
        line_chart_summary(series, title, units),
        footer_lines(periods[0], periods[-1], source, scale.from_zero),
        scale.domain,
    )
    return words, _texts(s, units, decimals_of(units, [f.value for f in s.figures]))


def _bar_words(
    framework: Framework, indicator: Indicator, measure: Measure, s: Slice, units: Units
) -> tuple[SliceWords, Texts]:
    period, latest = latest_period(s.figures)
    kind = s.breakdown_type
    if framework.is_geography(kind):
        latest.sort(key=lambda f: (-f.value, framework.group_label(kind, f.breakdown_group)))
    else:
        latest.sort(key=lambda f: group_key(framework, kind, f.breakdown_group))
    bars = [
        Bar(
            framework.group_label(kind, f.breakdown_group),
            f.value,
            f.lower,
            f.upper,
            f.flag,
            f.note,
        )
        for f in latest
    ]
    title = _title(framework, measure, s)
    caption = phrase(
        message("page.indicator.caption_by", title=measure.title, name=_name(framework, s))
    )
    words = SliceWords(
        "bar",
        phrase(message("page.indicator.caption_period", caption=caption, period=period)),
        summarise_bars(bars, title, period, units),
        footer_lines(period, period, chart_source(indicator, latest), from_zero=True),
        None,
        period,
        tuple(f.breakdown_group for f in latest),
    )
    return words, _texts(s, units, decimals_of(units, [b.value for b in bars]))


Texts = dict[tuple[str, str], tuple[str, str]]
"""A slice's figures by period and charted group: as a tooltip and a table cell read."""


def _texts(s: Slice, units: Units, decimals: int) -> Texts:
    return {
        (f.period, f.breakdown_group): (
            point_text(p, units, decimals),
            bar_label(p, units, decimals),
        )
        for f in s.figures
        for p in (_point(f),)
    }


def _point(f: Figure) -> SeriesPoint:
    return SeriesPoint(f.period, f.period_start, f.value, f.lower, f.upper, f.flag, f.note)


def _name(framework: Framework, s: Slice) -> str:
    return lower_first(slice_name(framework, s))


def _title(framework: Framework, measure: Measure, s: Slice) -> str:
    return phrase(message("chart.title_by", title=measure.title, name=_name(framework, s)))


def slice_words(
    framework: Framework, indicator: Indicator, measure: Measure, s: Slice, units: Units
) -> tuple[SliceWords, Texts]:
    """A slice's words, and each of its figures as its tooltip and its table cell read
    (with the places of decimals of the slice's chart)."""
    groups = {f.breakdown_group for f in s.figures}
    periods = {f.period for f in s.figures}
    if as_bars(framework, s.breakdown_type, sorted(groups), periods):
        return _bar_words(framework, indicator, measure, s, units)
    return _line_words(framework, indicator, measure, s, units)


def _skeletons(
    framework: Framework,
    measure: Measure,
    c: Combination,
    along: int,
    kinds: set[str],
    units: Units,
    periods: Sequence[str],
) -> dict[str, Any]:
    """The spec of each kind of chart the slices are drawn as, with every group of the
    charted type in its scales and no data (``choice.js`` puts a slice's rows in)."""
    kind = c.types[along]
    labels = [framework.group_label(kind, g) for g in c.groups[along]]
    # a figure of each group, one with an interval where any has one, so that the spec
    # has the layers of bands or whiskers when a slice needs them
    sample: dict[str, Figure] = {}
    for f in c.figures:
        group = f.breakdowns[along][1]
        known = sample.get(group)
        if known is None or (known.lower is None and f.lower is not None):
            sample[group] = f
    points = [(label, _point(sample[g])) for g, label in zip(c.groups[along], labels, strict=True)]
    specs: dict[str, Any] = {}
    if "line" in kinds:
        series = [Series(label, (p,)) for label, p in points]
        spec = line_spec(
            line_frame(series, units),
            periods=periods,
            y_title=measure.title,
            units=units,
            description="",
            legend_title=framework.breakdown_name(kind),
        )
        specs["line"] = spec
    if "bar" in kinds:
        bars = [Bar(label, p.value, p.lower, p.upper) for label, p in points]
        decimals = decimals_of(units, [b.value for b in bars])
        spec = bar_spec(
            bar_frame(bars, units, decimals),
            x_title=measure.title,
            units=units,
            description="",
            decimals=decimals,
        )
        spec["height"] = BAR_STEP
        specs["bar"] = spec
    for spec in specs.values():
        spec["data"] = {"values": []}
        spec.pop("description", None)
        # the footer's style; each slice's lines are put in its text
        spec["title"] = {**footer(["-"]).to_dict(), "text": []}
    return specs


def choice_data(
    framework: Framework, indicator: Indicator, measure: Measure, c: Combination, along: int
) -> dict[str, Any]:
    """The data file of a combination charted by its type at ``along`` (the module's
    docstring says what it holds)."""
    units = measure_units(framework, measure)
    kind = c.types[along]
    index = [{g: i for i, g in enumerate(groups)} for groups in c.groups]
    starts = {f.period: (f.period_start, f.period_end) for f in c.figures}
    periods = sorted(starts, key=lambda p: (*starts[p], p))
    period_index = {p: i for i, p in enumerate(periods)}
    by_fixed: dict[tuple[BreakdownPair, ...], list[Figure]] = {}
    for f in c.figures:
        by_fixed.setdefault(fixed_of(f.breakdowns, along), []).append(f)
    slices: dict[str, list[Any]] = {}
    texts: dict[Figure, tuple[str, str]] = {}
    kinds: set[str] = set()
    for fixed, figures in by_fixed.items():
        moved = [
            replace(f, breakdown_type=kind, breakdown_group=f.breakdowns[along][1], cross=fixed)
            for f in figures
        ]
        moved.sort(key=lambda f: (f.breakdown_group, f.period_start, f.period_end))
        words, moved_texts = slice_words(
            framework, indicator, measure, Slice(kind, fixed, moved, "", c.key), units
        )
        for f in figures:
            texts[f] = moved_texts[(f.period, f.breakdowns[along][1])]
        kinds.add(words.kind)
        key = _slice_key(fixed, along, c, index)
        slices[key] = [
            words.kind,
            words.caption,
            words.summary,
            footer_text(words.notes),
            list(words.domain) if words.domain else None,
        ]
        if words.kind == "bar":
            slices[key] += [
                period_index[words.period],
                [index[along][g] for g in words.order],
            ]
    rows = [
        [
            period_index[f.period],
            *(index[i][g] for i, (_, g) in enumerate(f.breakdowns)),
            f.value,
            f.lower,
            f.upper,
            *texts[f],
        ]
        for f in c.figures
    ]
    fixed, _ = default_fixed(c.figures, along, index)
    return {
        "types": [
            {
                "type": t,
                "name": framework.breakdown_name(t),
                "groups": [framework.group_label(t, g) for g in groups],
            }
            for t, groups in zip(c.types, c.groups, strict=True)
        ],
        "along": along,
        "periods": periods,
        "rows": rows,
        "specs": _skeletons(framework, measure, c, along, kinds, units, periods),
        "slices": dict(sorted(slices.items(), key=lambda kv: _numbers(kv[0]))),
        "default": _slice_key(fixed, along, c, index),
        "words": {
            "period": phrase(message("page.column.period")),
            "figure": phrase(message("page.column.figure")),
            "count": phrase(
                message(
                    "page.indicator.choice_count",
                    count=len(slices),
                    by=lower_first(framework.breakdown_name(kind)),
                    others=[lower_first(framework.breakdown_name(t)) for t in c.types if t != kind],
                )
            ),
        },
    }


def _slice_key(
    fixed: tuple[BreakdownPair, ...], along: int, c: Combination, index: list[dict[str, int]]
) -> str:
    others = [i for i in range(len(c.types)) if i != along]
    return ",".join(str(index[i][g]) for i, (_, g) in zip(others, fixed, strict=True))


def _numbers(key: str) -> list[int]:
    return [int(n) for n in key.split(",")]


def choice_script(id: str, data: dict[str, Any]) -> bytes:
    """A data file as the script ``choice.js`` loads: ``window.npfChoices[id] = ...``
    (ASCII only, so its encoding cannot be misread)."""
    body = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return f"(window.npfChoices=window.npfChoices||{{}})[{json.dumps(id)}]={body};\n".encode()


def choice_files(
    framework: Framework, cache: Path, specs: SpecCache | None = None
) -> dict[str, Path]:
    """``{path in the site: cached file}`` of the data file of every combination of
    breakdown types of every measure, charted by each of its types (``choice_data``,
    kept in ``specs`` by its inputs, and as a file in ``cache`` by its content)."""
    files: dict[str, Path] = {}
    for slug in sorted(framework.indicators):
        indicator = framework.indicators[slug]
        for measure in indicator.measures:
            for c in combinations(framework, indicator, measure.name):
                for along in range(len(c.types)):
                    id = choice_id(slug, measure.name, c, along)
                    script = choice_script(
                        id, _cached_data(framework, indicator, measure, c, along, specs)
                    )
                    key = hashlib.sha256(b"choice 1\0" + script).hexdigest()
                    files[urls.chart_choice(id)] = cached_bytes(cache, key, ".js", script)
    return files


def _cached_data(
    framework: Framework,
    indicator: Indicator,
    measure: Measure,
    c: Combination,
    along: int,
    specs: SpecCache | None,
) -> dict[str, Any]:
    """``choice_data``, through ``specs`` under everything it reads."""
    words = (
        tuple(framework.breakdown_name(t) for t in c.types),
        tuple(framework.is_geography(t) for t in c.types),
        tuple(
            framework.group_label(t, g)
            for t, groups in zip(c.types, c.groups, strict=True)
            for g in groups
        ),
        tuple(indicator.sources),
        indicator.source,
    )
    return make_spec(
        specs,
        "choice",
        (c, along, measure, measure_units(framework, measure), words),
        lambda: choice_data(framework, indicator, measure, c, along),
    )
