"""Indicator pages (what it measures, its status and why, key findings, charts and
tables for every measure and breakdown, the full data, sources and downloads): their
template contexts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from build_scripts import urls
from build_scripts.analyse.maps import BEST, MapData, map_data
from build_scripts.analyse.statuses import Status
from build_scripts.charts.crossed import choice_id
from build_scripts.charts.plan import (
    Combination,
    Slice,
    as_bars,
    breakdown_slices,
    chart_id,
    combinations,
    group_key,
    groups_of,
    latest_period,
    map_id,
    slice_name,
)
from build_scripts.embed import frame as embed_frame
from build_scripts.embed import snippet as embed_snippet
from build_scripts.formatting import number, published_date
from build_scripts.messages import Message, message, phrase
from build_scripts.messages import lower_first_name as lower_first
from build_scripts.model import (
    HEADLINE_TYPE,
    BreakdownPair,
    Figure,
    Indicator,
    Measure,
    Outcome,
    Source,
)
from build_scripts.pages.content import (
    Annotated,
    Cell,
    ChartFigure,
    EmbedSnippet,
    Link,
    Rows,
    cell,
)
from build_scripts.pages.context import Context
from build_scripts.pages.labels import indicator_title
from build_scripts.pages.releases import History, indicator_history
from build_scripts.pages.revisions import retired_notice
from build_scripts.pages.share import Cited, citation
from build_scripts.pages.targets import indicator_trails
from build_scripts.urls import relative, url


@dataclass(frozen=True)
class SeriesTable:
    """A measure's headline figures, with bounds and notes where any figure has them."""

    rows: Rows
    intervals: bool
    flags: bool


@dataclass(frozen=True)
class Breakdown:
    """One breakdown of a measure: its chart and table. ``period`` is set when the table
    shows the latest period only (one row per group); otherwise a row per period and a
    column per group (``groups``). ``type`` follows the measure in the chart's id and the
    anchor: the breakdown type, with the fixed groups of cross-classified figures."""

    type: str
    name: str
    chart: ChartFigure | None
    period: str
    groups: list[str]
    rows: Rows
    gap: Message | None = None  # the latest gap between groups (analyse.gaps), if any
    combination: str = ""  # the key of its combination of cross-classified breakdowns
    by: str = ""  # the type it is charted by (cross-classified figures)
    fixed: tuple[BreakdownPair, ...] = ()  # the groups of the other types
    note: Message | None = None  # where it is the one static chart of many


@dataclass(frozen=True)
class Choice:
    """A combination of breakdown types of cross-classified figures, as the chart a
    reader chooses offers it (``charts.crossed``): its radio's ``key`` and ``name``,
    and what ``choice.js`` reads (``data``: the data file of each type it can be charted
    by, the type it is charted by first, the slices with a static chart of their own)."""

    key: str
    name: str
    target: str  # the anchor of its first static chart's section
    data: dict[str, Any]


@dataclass(frozen=True)
class MeasureSection:
    measure: Measure
    chart: ChartFigure | None
    total: SeriesTable | None
    breakdowns: list[Breakdown]
    choices: list[Choice]


@dataclass(frozen=True)
class MapSection:
    """A measure's map: the static map (``chart``), and its figures by place in a table
    ordered best first (or highest first), with ranks; ``order`` says which, ``notes``
    name the places with no figure and the flagged figures."""

    measure: Measure
    name: str  # the geography's name: "Council areas"
    one: str  # one place: "Council area"
    anchor: str
    chart: ChartFigure | None
    period: str
    rows: Rows
    order: Message
    notes: list[Message]


@dataclass(frozen=True)
class MeasureLine:
    """A measure as the list of what the indicator measures names it."""

    title: str
    description: str
    direction: str


@dataclass(frozen=True)
class SourceLine:
    name: str | Link
    publisher: str
    published: str


def _outcomes_of(ctx: Context, indicator: Indicator) -> dict[str, Outcome]:
    """The outcomes an indicator's page names: the current ones, or for a retired
    indicator every outcome it was under."""
    shown = ctx.framework.outcomes if indicator.retired_in else ctx.framework.current_outcomes
    return {o.slug: o for o in shown}


def released_data(history: History | None) -> dict[str, str]:
    """The latest release holding an indicator's figures and the lasting address of its
    data there, for its citation; nothing before a release."""
    if history is None or not history.data:
        return {}
    last = history.data[-1]
    return {"release": last.label, "release_data": last.target}


def indicator_page(ctx: Context, indicator: Indicator) -> dict[str, Any]:
    by_slug = _outcomes_of(ctx, indicator)
    assessment = ctx.assessments.get(indicator.slug)
    status = ctx.status(indicator.slug)
    live = not indicator.in_development
    latest = ctx.change(indicator).latest
    headline = indicator.headline_measure
    shown = ctx.chart(chart_id(indicator.slug, headline.name)) if headline and live else None
    history = indicator_history(ctx, indicator.slug)
    return {
        "indicator": indicator,
        "title": indicator_title(ctx.project.nouns, indicator),
        "trails": indicator_trails(ctx, indicator),
        "retired": retired_notice(ctx, "indicator", indicator.slug),
        # the image a page shared elsewhere shows (og:image): its headline chart's PNG
        "image": shown.png if shown and shown.png else "",
        "image_alt": shown.chart.alt if shown and shown.png else "",
        "citation": citation(
            ctx.project,
            Cited(
                key=f"{ctx.project.property_prefix}-{indicator.slug}",
                title=indicator.title,
                kind=phrase(
                    message("page.cite.kind_indicator", indicator=ctx.project.nouns.indicator)
                ),
                path=url(urls.indicator(indicator.slug)),
                released=indicator.last_updated,
                latest=latest.period if latest is not None else "",
                **released_data(history),
            ),
            ctx.build_date,
        ),
        "outcomes": [ctx.outcome_link(by_slug[s]) for s in indicator.outcomes if s in by_slug],
        "targets": [ctx.target_link(ctx.framework.targets[s]) for s in indicator.targets],
        "about": (
            indicator.description if indicator.description and not _repeats(indicator) else ""
        ),
        "measures": [_measure_line(m) for m in indicator.measures],
        "status": status,
        "assessment": assessment,
        "history": history,
        # its Atom feed, linked from the page's head (theme/main.html), once released
        "feed": (
            relative(urls.indicator(indicator.slug), history.feed) if history is not None else ""
        ),
        "criteria_source": _criteria_source(indicator),
        "compared": (
            _compared(ctx, indicator, assessment.compared)
            if assessment and assessment.compared and status is not Status.IN_DEVELOPMENT
            else None
        ),
        "findings": _findings(ctx, indicator) if live else [],
        "sections": [_measure_section(ctx, indicator, m) for m in indicator.measures]
        if live
        else [],
        "maps": _maps(ctx, indicator) if live else [],
        "figures": _all_figures(ctx, indicator) if live else None,
        "sources": [_source_line(s) for s in indicator.sources],
        "latest_period": latest.period if latest is not None else "",
        "last_updated": published_date(indicator.last_updated) if indicator.last_updated else "",
        "latest_source": _latest_source(ctx, indicator),
        "related": _related(ctx, indicator),
        "downloads": {
            e: urls.download(urls.indicator_download(indicator.slug, e))
            for e in ("csv", "xlsx", "zip")
        },
        "json_ld": ctx.indicator_json_ld(indicator),
        "selection": {
            m.name: {
                "unit": ctx.units(m).label,
                "source": "; ".join(s.title for s in indicator.sources),
            }
            for m in indicator.measures
        },
    }


def _embedded(ctx: Context, piece: ChartFigure | None) -> ChartFigure | None:
    """An indicator's headline or breakdown chart with the snippet that embeds it (each
    has an embeddable page, ``embed.embedded_charts``), and the one that embeds it as it
    was in the latest release when that release has it (``frozen``)."""
    if piece is None:
        return None
    code = embed_snippet(ctx.project, piece.chart, piece.svg)
    snippet = EmbedSnippet(code, bool(ctx.project.publishing.site_url))
    latest = ctx.releases[-1] if ctx.releases else None
    then = latest.embeds.get(piece.chart.id) if latest is not None else None
    if latest is not None and then is not None:
        title = phrase(message("embed.release_frame", title=then.title, version=latest.version))
        path = urls.embed_release(latest.version, piece.chart.id)
        frozen = embed_frame(ctx.project, path, title, then.height, piece.chart.id)
        snippet = replace(snippet, frozen=frozen, release=latest.version)
    return replace(piece, embed=snippet)


def _latest_source(ctx: Context, indicator: Indicator) -> SourceLine | None:
    """The publication the latest headline figure comes from, with its date."""
    latest = ctx.change(indicator).latest
    if latest is None or not latest.source:
        return None
    source = next((s for s in indicator.sources if s.id == latest.source), None)
    return _source_line(source) if source is not None else None


def _related(ctx: Context, indicator: Indicator) -> list[Link]:
    """The other indicators of the indicator's outcomes, in the outcomes' order, once each."""
    by_slug = _outcomes_of(ctx, indicator)
    slugs = [
        slug
        for outcome in indicator.outcomes
        if outcome in by_slug
        for slug in by_slug[outcome].indicators
        if slug != indicator.slug and slug in ctx.framework.indicators
    ]
    return [ctx.indicator_link(slug) for slug in dict.fromkeys(slugs)]


def _measure_line(m: Measure) -> MeasureLine:
    return MeasureLine(
        m.title,
        m.description if m.description and m.description != m.title else "",
        m.direction if m.direction and m.direction != "no preferred direction" else "",
    )


def _repeats(indicator: Indicator) -> bool:
    text = indicator.description.strip().rstrip(".").casefold()
    if indicator.in_development and text.startswith("in development"):
        return True
    for m in indicator.measures:
        said = f"{m.title}. {m.description}" if m.description else m.title
        if text == said.strip().rstrip(".").casefold():
            return True
    return False


def _criteria_source(indicator: Indicator) -> str | Link:
    """Where the published criteria were read: a link when the source has one."""
    source = indicator.criteria_source
    if source is None:
        return ""
    return Link(source.title, source.url) if source.url else source.title


def _compared(ctx: Context, indicator: Indicator, compared: Sequence[Any]) -> SeriesTable:
    measure = indicator.headline_measure
    intervals = any(p.lower is not None or p.upper is not None for p in compared)
    rows = []
    for p in compared:
        row = [cell(p.period), cell(ctx.figure(p.value, measure), numeric=True)]
        if intervals:
            units = ctx.units(measure)
            row += [
                cell("" if p.lower is None else units.number(p.lower), numeric=True),
                cell("" if p.upper is None else units.number(p.upper), numeric=True),
            ]
        rows.append(row)
    return SeriesTable(rows, intervals, False)


def _findings(ctx: Context, indicator: Indicator) -> list[Message]:
    """The key findings (found by the analyse stage), as messages the template phrases."""
    return ctx.analysed.findings.get(indicator.slug, [])


def _measure_section(ctx: Context, indicator: Indicator, measure: Measure) -> MeasureSection:
    total = indicator.series(measure.name)
    slices = breakdown_slices(ctx.framework, indicator, measure.name)
    crossed = {c.key: c for c in combinations(ctx.framework, indicator, measure.name)}
    breakdowns = [
        _breakdown(ctx, indicator, measure, s, crossed.get(s.combination)) for s in slices
    ]
    return MeasureSection(
        measure,
        _embedded(ctx, ctx.chart(chart_id(indicator.slug, measure.name))) if total else None,
        _series_table(ctx, measure, total) if total else None,
        breakdowns,
        [_choice(ctx, indicator, measure, c, breakdowns) for c in crossed.values()],
    )


def _choice(
    ctx: Context,
    indicator: Indicator,
    measure: Measure,
    c: Combination,
    breakdowns: Sequence[Breakdown],
) -> Choice:
    """What the chart a reader chooses needs of a combination of breakdown types."""
    page = urls.indicator(indicator.slug)
    static = [
        {
            "key": b.type,
            "target": f"{measure.name}-{b.type}",
            "layout": "rows" if b.period else "columns",
            "by": b.by,
            "fixed": {t: ctx.framework.group_label(t, g) for t, g in b.fixed},
        }
        for b in breakdowns
        if b.combination == c.key
    ]
    names = [ctx.framework.breakdown_name(t) for t in c.types]
    words = names[:1] + [lower_first(n) for n in names[1:]]  # "Sex, age and region"
    return Choice(
        c.key,
        phrase(message("page.indicator.choice_combination", names=words)),
        str(static[0]["target"]),
        {
            "along": c.types[c.along],
            "types": list(c.types),
            "names": names,
            "sources": {
                t: relative(page, urls.chart_choice(choice_id(indicator.slug, measure.name, c, i)))
                for i, t in enumerate(c.types)
            },
            "static": static,
        },
    )


def _flag(f: Figure) -> str:
    """``revised: Revised in ...``: the flag and, where there is one, why."""
    if not f.flag:
        return ""
    return f"{f.flag}: {f.note}" if f.note else f.flag


def _series_table(ctx: Context, measure: Measure, figures: Sequence[Figure]) -> SeriesTable:
    intervals = any(f.lower is not None for f in figures)
    flags = any(f.flag for f in figures)
    rows = []
    for f in sorted(figures, key=lambda f: (f.period_start, f.period_end)):
        row = [cell(f.period), cell(ctx.figure(f.value, measure), numeric=True)]
        if intervals:
            units = ctx.units(measure)
            row += [
                cell("" if f.lower is None else units.number(f.lower), numeric=True),
                cell("" if f.upper is None else units.number(f.upper), numeric=True),
            ]
        if flags:
            row.append(cell(_flag(f)))
        rows.append(row)
    return SeriesTable(rows, intervals, flags)


def _flagged(ctx: Context, f: Figure, measure: Measure) -> Cell:
    """A figure with its flag, if any (its note is in the table of all figures)."""
    shown = ctx.figure(f.value, measure)
    return cell(Annotated(shown, f.flag) if f.flag else shown, numeric=True)


def _combination_note(ctx: Context, measure: Measure, c: Combination | None) -> Message | None:
    """What the page says of a combination of breakdown types with more slices than
    have static charts: how many, and where the others are."""
    if c is None or c.shown:
        return None
    kind = c.types[c.along]
    return message(
        "page.indicator.combinations",
        title=lower_first(measure.title),
        names=[lower_first(ctx.framework.breakdown_name(t)) for t in c.types],
        by=lower_first(ctx.framework.breakdown_name(kind)),
        count=c.slices,
        others=[lower_first(ctx.framework.breakdown_name(t)) for t in c.types if t != kind],
    )


def _breakdown(
    ctx: Context, indicator: Indicator, measure: Measure, s: Slice, c: Combination | None = None
) -> Breakdown:
    found = _breakdown_of(ctx, indicator, measure, s)
    if c is None:
        return found
    return replace(
        found,
        combination=c.key,
        by=s.breakdown_type,
        fixed=s.fixed,
        note=_combination_note(ctx, measure, c),
    )


def _breakdown_of(ctx: Context, indicator: Indicator, measure: Measure, s: Slice) -> Breakdown:
    figures, breakdown_type = s.figures, s.breakdown_type
    groups = groups_of(ctx.framework, figures)
    periods = {f.period for f in figures}
    name = slice_name(ctx.framework, s)
    chart = _embedded(ctx, ctx.chart(chart_id(indicator.slug, measure.name, s.key)))
    gap = (
        None
        if s.fixed
        else ctx.analysed.gap_statement(indicator.slug, measure.name, breakdown_type)
    )
    if as_bars(ctx.framework, breakdown_type, groups, periods):
        period, latest = latest_period(figures)
        latest.sort(key=lambda f: group_key(ctx.framework, breakdown_type, f.breakdown_group))
        rows = [[cell(ctx.group_label(f)), _flagged(ctx, f, measure)] for f in latest]
        return Breakdown(s.key, name, chart, period, [], rows, gap)
    ordered = sorted(
        periods, key=lambda p: min((f.period_start, f.period_end) for f in figures if f.period == p)
    )
    by_cell = {(f.period, f.breakdown_group): f for f in figures}

    def shown(period: str, group: str) -> Cell:
        f = by_cell.get((period, group))
        return cell(numeric=True) if f is None else _flagged(ctx, f, measure)

    rows = [[cell(p)] + [shown(p, g) for g in groups] for p in ordered]
    labels = [ctx.framework.group_label(breakdown_type, g) for g in groups]
    return Breakdown(s.key, name, chart, "", labels, rows, gap)


def _maps(ctx: Context, indicator: Indicator) -> list[MapSection]:
    """A map section for each measure with figures by the places of a geography that
    has a boundary file (``npf.toml``), in the order of the measures; the first map's
    anchor is ``map``, the others ``map-<measure>``."""
    sections: list[MapSection] = []
    geographies = [g for g in ctx.project.geographies if g.boundaries is not None]
    for measure in indicator.measures:
        for geography in sorted(geographies, key=lambda g: g.breakdown_type):
            kind = geography.breakdown_type
            data = map_data(ctx.framework, indicator, measure, kind)
            if data is None:
                continue
            anchor = "map" if not sections else f"map-{measure.name}-{kind}"
            sections.append(
                MapSection(
                    measure,
                    geography.name,
                    geography.one,
                    anchor,
                    ctx.chart(map_id(indicator.slug, measure.name, kind)),
                    data.period,
                    [
                        [
                            cell(r.label),
                            cell("" if r.rank is None else number(r.rank, 0), numeric=True),
                            _flagged_value(ctx, r.value, r.flag, measure),
                        ]
                        for r in data.rows
                    ],
                    message(
                        "page.indicator.map_order",
                        best=data.order == BEST,
                        total=data.total,
                        direction=data.direction,
                        ranked=data.ranked,
                        one=lower_first(geography.one),
                    ),
                    _map_notes(data),
                )
            )
    return sections


def _flagged_value(ctx: Context, value: float, flag: str | None, measure: Measure) -> Cell:
    shown = ctx.figure(value, measure)
    return cell(Annotated(shown, flag) if flag else shown, numeric=True)


def _map_notes(data: MapData) -> list[Message]:
    """The places with no figure for the period, and the figures flagged."""
    notes = []
    if data.missing:
        notes.append(
            message("page.indicator.map_missing", places=list(data.missing), period=data.period)
        )
    flagged = data.flagged
    if flagged:
        notes.append(
            message(
                "page.indicator.map_flagged",
                places=[f"{r.label} ({r.flag})" for r in flagged],
                suspect=any(r.is_suspect for r in flagged),
            )
        )
    return notes


def further_headers(n: int) -> list[str]:
    """The headers of the ``n``-th breakdown's columns (2 or more) in the table of all
    figures: "Second breakdown", "Second group", ..."""
    return [
        phrase(message("page.indicator.further_breakdown", n=n)),
        phrase(message("page.indicator.further_group", n=n)),
    ]


TABLE_ROWS = 1_000
"""The most figures the table of all figures of an indicator page holds. An indicator
with more (tens of thousands of cross-classified figures, which no one reads on a page
and which made pages of megabytes) has the latest figure of each of its series there,
the first ``TABLE_ROWS`` of them at most, and says so; every figure is in its
downloads (CSV, Excel, data package) whatever the size: docs/scaling.md."""


def latest_of_each_series(figures: Sequence[Figure]) -> list[Figure]:
    """The latest figure of each series (measure, breakdown and group, further
    breakdowns) of ``figures``, in the order the series first appear."""
    latest: dict[tuple[object, ...], Figure] = {}
    for f in figures:
        series = (f.measure, f.breakdown_type, f.breakdown_group, f.cross)
        known = latest.get(series)
        if known is None or (f.period_start, f.period_end) >= (
            known.period_start,
            known.period_end,
        ):
            latest[series] = f
    return list(latest.values())


def _all_figures(ctx: Context, indicator: Indicator) -> dict[str, Any]:
    """Every figure of the indicator, one row each (or, beyond ``TABLE_ROWS`` figures,
    the latest of each series: ``count`` says how many there are, ``shown`` how many
    rows the table holds); ``further`` are the headers of the columns of the further
    breakdowns when some figures are cross-classified (one pair of columns for each
    further breakdown of the most cross-classified figure)."""
    depth = max((len(f.cross) for f in indicator.figures), default=0)
    measures = {m.name: m for m in indicator.measures}
    order = {m.name: i for i, m in enumerate(indicator.measures)}

    def key(f: Figure) -> tuple[object, ...]:
        type_rank = 0 if f.breakdown_type == HEADLINE_TYPE else 1
        return (
            order.get(f.measure, len(order)),
            type_rank,
            f.breakdown_type,
            group_key(ctx.framework, f.breakdown_type, f.breakdown_group),
            f.cross,
            f.period_start,
            f.period_end,
        )

    rows = []
    units_of = {name: ctx.units(m) for name, m in measures.items()}  # once a measure
    figures = sorted(indicator.figures, key=key)
    if len(figures) > TABLE_ROWS:
        figures = latest_of_each_series(figures)[:TABLE_ROWS]
    for f in figures:
        measure = measures.get(f.measure)
        row = [
            cell(measure.title if measure else f.measure),
            cell(f.period),
            cell(ctx.framework.breakdown_name(f.breakdown_type)),
            cell(ctx.group_label(f)),
        ]
        for n in range(depth):
            kind, group = f.cross[n] if n < len(f.cross) else ("", "")
            row += [
                cell(ctx.framework.breakdown_name(kind) if kind else ""),
                cell(ctx.framework.group_label(kind, group) if kind else ""),
            ]
        units = units_of[f.measure] if f.measure in units_of else ctx.units(measure)
        row += [
            cell(units.figure(f.value), numeric=True),
            cell("" if f.lower is None else units.number(f.lower), numeric=True),
            cell("" if f.upper is None else units.number(f.upper), numeric=True),
            cell(_flag(f)),
        ]
        rows.append(row)
    further = [h for n in range(2, depth + 2) for h in further_headers(n)]
    return {"further": further, "rows": rows, "count": len(indicator.figures), "shown": len(rows)}


def _source_line(s: Source) -> SourceLine:
    return SourceLine(
        Link(s.title, s.url) if s.url else s.title,
        s.publisher if s.publisher and s.publisher not in s.title else "",
        published_date(s.published) if s.published else "",
    )
