"""Indicator pages: what it measures, its status and why, key findings, charts and
tables for every measure and breakdown, the full data, sources and downloads."""

from __future__ import annotations

from collections.abc import Sequence

from build_scripts.analyse.findings import GroupFigure, key_findings
from build_scripts.analyse.indicators import headline_points, release_note
from build_scripts.analyse.statuses import Assessment, Status
from build_scripts.analyse.wording import lower_first, published_date
from build_scripts.charts.plan import (
    COUNCIL,
    MAX_LINES,
    SCOTLAND,
    breakdown_name,
    chart_id,
    group_key,
    groups_of,
    latest_period,
)
from build_scripts.model import HEADLINE_TYPE, Figure, Indicator, Measure
from build_scripts.pages import markdown as md
from build_scripts.pages.context import Context

FLAG_NOTE = (
    "A flag marks a figure as provisional, revised, the first after a break in the series, "
    "or suspect (probably a slip in the source: shown, but never compared or ranked); the "
    "note says why."
)


def path(indicator: Indicator) -> str:
    return f"indicators/{indicator.slug}.md"


def csv_href(slug: str) -> str:
    return f"../data/{slug}.csv"


def xlsx_href(slug: str) -> str:
    return f"../data/{slug}.xlsx"


def zip_href(slug: str) -> str:
    return f"../data/{slug}.zip"


def indicator_page(ctx: Context, indicator: Indicator) -> str:
    blocks = [md.heading(1, indicator.title), _outcome_line(ctx, indicator)]
    blocks += _notices(indicator)
    blocks += _about(indicator)
    blocks += _status(ctx, indicator)
    if not indicator.in_development:
        blocks += _findings(ctx, indicator)
        for measure in indicator.measures:
            blocks += _measure_sections(ctx, indicator, measure)
        blocks += _all_figures(ctx, indicator)
    blocks += _sources(ctx, indicator)
    blocks += _downloads(indicator)
    description = (
        f"{indicator.title}: a National Indicator of Scotland's National Performance Framework."
    )
    return md.page(indicator.title, blocks, description)


def _outcome_line(ctx: Context, indicator: Indicator) -> str:
    by_slug = {o.slug: o for o in ctx.framework.outcomes}
    links = [
        md.link(by_slug[s].name, f"../outcomes/{s}.md") for s in indicator.outcomes if s in by_slug
    ]
    if not links:
        return ""
    word = "outcome" if len(links) == 1 else "outcomes"
    return f"National {word}: " + ", ".join(links)


def _notices(indicator: Indicator) -> list[str]:
    notices = []
    if indicator.in_development:
        notices.append(
            '!!! info "In development"\n\n'
            "    This indicator is in development: no figures have been published for it "
            "yet, so it has no performance status."
        )
    if not indicator.confirmed:
        notices.append(
            '!!! note "Provisional placement"\n\n'
            "    The name of this indicator or its place in the framework could not be "
            "checked against a second source, so treat it as provisional."
        )
    return notices


def _about(indicator: Indicator) -> list[str]:
    """What the indicator measures. The description is left out where it only repeats a
    measure's title and description (as the importers write it for one measure) or the
    in-development notice; with nothing left to say the section is left out."""
    blocks = [md.heading(2, "What it measures", "what-it-measures")]
    if indicator.description and not _repeats(indicator):
        blocks.append(md.text(indicator.description))
    items = []
    for m in indicator.measures:
        line = f"- **{md.text(m.title)}**"
        if m.description and m.description != m.title:
            line += f": {md.text(m.description)}"
        if m.direction and m.direction != "no preferred direction":
            line += f" ({md.text(m.direction)})"
        items.append(line)
    if items:
        blocks.append("\n".join(items))
    return blocks if len(blocks) > 1 else []


def _repeats(indicator: Indicator) -> bool:
    text = indicator.description.strip().rstrip(".").casefold()
    if indicator.in_development and text.startswith("in development"):
        return True
    for m in indicator.measures:
        said = f"{m.title}. {m.description}" if m.description else m.title
        if text == said.strip().rstrip(".").casefold():
            return True
    return False


def _status(ctx: Context, indicator: Indicator) -> list[str]:
    status = ctx.status(indicator.slug)
    blocks = [md.heading(2, "Performance status", "status"), md.status_badge(status)]
    assessment = ctx.assessments.get(indicator.slug)
    if assessment is None:
        return blocks
    if assessment.criterion:
        blocks.append(f"**How it is decided:** {md.text(assessment.criterion)}")
    origin = _criteria_origin(indicator)
    if origin:
        blocks.append(origin)
    if assessment.reason:
        blocks.append(f"**Why:** {md.text(assessment.reason)}")
    if assessment.compared and status is not Status.IN_DEVELOPMENT:
        blocks.append(_compared_table(ctx, indicator, assessment))
    return blocks


def _criteria_origin(indicator: Indicator) -> str:
    """Whose criteria these are: the framework's published ones (with where they were
    read) or the project's default (and why)."""
    source = indicator.criteria_source
    if indicator.criteria_origin == "published" and source is not None:
        where = md.link(source.title, source.url) if source.url else md.text(source.title)
        said = f" They read: {md.text(indicator.criteria_note)}" if indicator.criteria_note else ""
        return f"**Whose criteria:** published by {md.text(source.publisher)} in {where}.{said}"
    if indicator.criteria_origin == "default":
        note = indicator.criteria_note or "No published criteria for change are recorded."
        return f"**Whose criteria:** this site's default. {md.text(note)}"
    return ""


def _compared_table(ctx: Context, indicator: Indicator, assessment: Assessment) -> str:
    measure = indicator.headline_measure
    intervals = any(p.lower is not None or p.upper is not None for p in assessment.compared)
    headers = ["Period", "Figure"] + (["Lower bound", "Upper bound"] if intervals else [])
    rows = []
    for p in assessment.compared:
        row = [md.cell(p.period), md.cell(ctx.figure(p.value, measure), numeric=True)]
        if intervals:
            units = ctx.units(measure)
            row += [
                md.cell("" if p.lower is None else units.number(p.lower), True),
                md.cell("" if p.upper is None else units.number(p.upper), True),
            ]
        rows.append(row)
    return md.table("The figures compared to decide the status", headers, rows)


def _findings(ctx: Context, indicator: Indicator) -> list[str]:
    measure = indicator.headline_measure
    if measure is None:
        return []
    units = ctx.units(measure)
    breakdowns: dict[str, list[GroupFigure]] = {}
    for breakdown_type in sorted(indicator.breakdown_types(measure.name)):
        figures = indicator.series(measure.name, breakdown_type)
        breakdowns[breakdown_name(ctx.framework, breakdown_type)] = [
            GroupFigure(ctx.group_label(f), f.value, f.period, f.period_start, f.is_suspect)
            for f in figures
        ]
    points = headline_points(indicator)
    sentences = key_findings(points, units=units, breakdowns=breakdowns)
    note = release_note(points[-2:], indicator.sources)
    if note and len(sentences) > 1:
        sentences.insert(2, note)
    if not sentences:
        return []
    return [
        md.heading(2, "Key findings", "key-findings"),
        "\n".join(f"- {md.text(s)}" for s in sentences),
    ]


def _measure_sections(ctx: Context, indicator: Indicator, measure: Measure) -> list[str]:
    blocks = [md.heading(2, measure.title, f"{measure.name}")]
    total = indicator.series(measure.name)
    if total:
        blocks.append(ctx.chart_block(chart_id(indicator.slug, measure.name)))
        blocks.append(_series_table(ctx, measure, f"{measure.title}, {SCOTLAND}", total))
    for breakdown_type in sorted(indicator.breakdown_types(measure.name)):
        figures = indicator.series(measure.name, breakdown_type)
        if not figures:
            continue  # only cross-classified rows: in the full table
        name = breakdown_name(ctx.framework, breakdown_type)
        title = f"{measure.title} by {lower_first(name)}"
        # The heading is short ("By age"): the measure's own heading stands above it.
        heading = f"By {lower_first(name)}"
        blocks.append(md.heading(3, heading, f"{measure.name}-{breakdown_type}"))
        blocks.append(ctx.chart_block(chart_id(indicator.slug, measure.name, breakdown_type)))
        blocks.append(_breakdown_table(ctx, measure, breakdown_type, title, figures))
    return blocks


def _flag(f: Figure) -> str:
    """``revised: Revised in ...``: the flag and, where there is one, why."""
    if not f.flag:
        return ""
    return f"{f.flag}: {f.note}" if f.note else f.flag


def _series_table(ctx: Context, measure: Measure, caption: str, figures: Sequence[Figure]) -> str:
    intervals = any(f.lower is not None for f in figures)
    flags = any(f.flag for f in figures)
    headers = ["Period", "Figure"] + (["Lower bound", "Upper bound"] if intervals else [])
    headers += ["Note"] if flags else []
    rows = []
    for f in sorted(figures, key=lambda f: (f.period_start, f.period_end)):
        row = [md.cell(f.period), md.cell(ctx.figure(f.value, measure), numeric=True)]
        if intervals:
            units = ctx.units(measure)
            row += [
                md.cell("" if f.lower is None else units.number(f.lower), True),
                md.cell("" if f.upper is None else units.number(f.upper), True),
            ]
        if flags:
            row.append(md.cell(_flag(f)))
        rows.append(row)
    return md.table(caption, headers, rows)


def _breakdown_table(
    ctx: Context, measure: Measure, breakdown_type: str, title: str, figures: Sequence[Figure]
) -> str:
    groups = groups_of(ctx.framework, figures)
    periods = {f.period for f in figures}
    name = breakdown_name(ctx.framework, breakdown_type)
    if breakdown_type == COUNCIL or len(groups) > MAX_LINES or len(periods) == 1:
        period, latest = latest_period(figures)
        latest.sort(key=lambda f: group_key(ctx.framework, breakdown_type, f.breakdown_group))
        rows = [
            [
                md.cell(ctx.group_label(f)),
                md.cell(
                    ctx.figure(f.value, measure) + (f" ({f.flag})" if f.flag else ""),
                    numeric=True,
                ),
            ]
            for f in latest
        ]
        return md.table(f"{title}, {period}", [name, "Figure"], rows)
    ordered = sorted(
        periods, key=lambda p: min((f.period_start, f.period_end) for f in figures if f.period == p)
    )
    by_cell = {(f.period, f.breakdown_group): f for f in figures}

    def shown(period: str, group: str) -> str:
        f = by_cell.get((period, group))
        if f is None:
            return ""
        text = ctx.figure(f.value, measure)
        return f"{text} ({f.flag})" if f.flag else text  # the note is in All figures

    rows = [[md.cell(p)] + [md.cell(shown(p, g), numeric=True) for g in groups] for p in ordered]
    headers = ["Period"] + [ctx.framework.group_label(breakdown_type, g) for g in groups]
    return md.table(title, headers, rows)


def _all_figures(ctx: Context, indicator: Indicator) -> list[str]:
    crossed = any(f.breakdown_type_2 for f in indicator.figures)
    headers = ["Measure", "Period", "Breakdown", "Group"]
    headers += ["Second breakdown", "Second group"] if crossed else []
    headers += ["Figure", "Lower bound", "Upper bound", "Note"]
    measures = {m.name: m for m in indicator.measures}
    order = {m.name: i for i, m in enumerate(indicator.measures)}

    def key(f: Figure) -> tuple[object, ...]:
        type_rank = 0 if f.breakdown_type == HEADLINE_TYPE else 1
        return (
            order.get(f.measure, len(order)),
            type_rank,
            f.breakdown_type,
            group_key(ctx.framework, f.breakdown_type, f.breakdown_group),
            f.breakdown_type_2 or "",
            f.breakdown_group_2 or "",
            f.period_start,
            f.period_end,
        )

    rows = []
    for f in sorted(indicator.figures, key=key):
        measure = measures.get(f.measure)
        row = [
            md.cell(measure.title if measure else f.measure),
            md.cell(f.period),
            md.cell(breakdown_name(ctx.framework, f.breakdown_type)),
            md.cell(ctx.group_label(f)),
        ]
        if crossed:
            second = f.breakdown_type_2 or ""
            row += [
                md.cell(breakdown_name(ctx.framework, second) if second else ""),
                md.cell(
                    ctx.framework.group_label(second, f.breakdown_group_2 or "") if second else ""
                ),
            ]
        units = ctx.units(measure)
        row += [
            md.cell(ctx.figure(f.value, measure), True),
            md.cell("" if f.lower is None else units.number(f.lower), True),
            md.cell("" if f.upper is None else units.number(f.upper), True),
            md.cell(_flag(f)),
        ]
        rows.append(row)
    table = md.table(f"Every figure of {indicator.title}", headers, rows, row_headers=False)
    summary = f"Show all {len(rows)} figures as a table"
    return [
        md.heading(2, "All figures", "all-figures"),
        md.details(summary, table),
        md.text(FLAG_NOTE),
    ]


def _sources(ctx: Context, indicator: Indicator) -> list[str]:
    """Where every figure comes from (each release with its date and link), the latest
    period and when its source was published, and the next update only when known."""
    blocks = [md.heading(2, "Source and updates", "source")]
    lines = []
    for s in indicator.sources:
        name = md.link(s.title, s.url) if s.url else md.text(s.title)
        line = f"- {name}"
        if s.publisher and s.publisher not in s.title:
            line += f", {md.text(s.publisher)}"
        if s.published:
            line += f", published {md.text(published_date(s.published))}"
        lines.append(line)
    if indicator.source:
        blocks.append(f"Produced by {md.text(indicator.source)}.")
    if lines:
        blocks.append("The figures come from:\n\n" + "\n".join(lines))
    facts = []
    latest = ctx.change(indicator).latest
    if latest is not None:
        facts.append(f"- Latest figure: {md.text(latest.period)}")
    if indicator.last_updated:
        when = published_date(indicator.last_updated)
        facts.append(f"- Last updated: {md.text(when)} (the newest source of these figures)")
    if indicator.next_update:
        facts.append(f"- Next update: {md.text(indicator.next_update)}")
    if facts:
        blocks.append("Updates:\n\n" + "\n".join(facts))
    return blocks


def _downloads(indicator: Indicator) -> list[str]:
    blocks = [md.heading(2, "Download the data", "download")]
    if indicator.in_development:
        blocks.append("There are no figures to download yet.")
        return blocks
    slug = indicator.slug
    blocks.append(
        "\n".join(
            [
                f"- {md.link('The figures as CSV', csv_href(slug))} (one row per figure)",
                f"- {md.link('The figures as an Excel workbook', xlsx_href(slug))} (the "
                "same table, with a sheet about the data)",
                f"- {md.link('The data package (zip)', zip_href(slug))}: the CSV with its "
                "description, sources and licence",
                f"- {md.link('Every download of the site', '../data/index.md')}",
            ]
        )
    )
    blocks.append("Open Government Licence v3.0: cite the source named above.")
    return blocks
