"""Council area pages: every indicator with a figure for the area, its latest figure
next to Scotland's, and the list of council areas."""

from __future__ import annotations

from build_scripts.charts.plan import COUNCIL, latest_period
from build_scripts.model import CouncilArea, Figure, Indicator
from build_scripts.pages import markdown as md
from build_scripts.pages.context import Context

NO_FIGURE = "no figure for this period"


def path(area: CouncilArea) -> str:
    return f"areas/{area.slug}.md"


def areas(ctx: Context) -> list[CouncilArea]:
    return sorted(ctx.framework.council_areas.values(), key=lambda a: (a.name.casefold(), a.code))


def area_rows(ctx: Context, area: CouncilArea) -> list[list[md.Cell]]:
    """One row per indicator measure with a figure for the area (latest period)."""
    rows = []
    indicators = sorted(
        ctx.framework.indicators.values(), key=lambda i: (i.title.casefold(), i.slug)
    )
    for indicator in indicators:
        for measure in indicator.measures:
            figures = [
                f
                for f in indicator.series(measure.name, COUNCIL)
                if f.breakdown_group == area.code and not f.is_suspect
            ]
            if not figures:
                continue
            period, (mine, *_) = latest_period(figures)
            scotland = _scotland(indicator, measure.name, period)
            name = ctx.indicator_link(indicator.slug)
            if len(indicator.measures) > 1:
                name += f": {md.text(measure.title)}"
            rows.append(
                [
                    md.html_cell(name),
                    md.cell(period),
                    md.cell(ctx.figure(mine.value, measure), numeric=True),
                    md.cell(
                        ctx.figure(scotland.value, measure) if scotland else NO_FIGURE,
                        numeric=True,
                    ),
                ]
            )
    return rows


def _scotland(indicator: Indicator, measure: str, period: str) -> Figure | None:
    for f in indicator.series(measure):
        if f.period == period:
            return f
    return None


def area_page(ctx: Context, area: CouncilArea) -> str:
    rows = area_rows(ctx, area)
    blocks = [md.heading(1, area.name), md.text(f"Council area code: {area.code}.")]
    if rows:
        blocks += [
            md.text(
                f"The latest figure for {area.name} of every National Indicator published "
                "by council area, next to the figure for Scotland."
            ),
            md.table(
                f"Indicators for {area.name} and Scotland",
                ["Indicator", "Period", area.name, "Scotland"],
                rows,
            ),
        ]
    else:
        blocks.append(md.text(f"No National Indicator has figures for {area.name} yet."))
    return md.page(area.name, blocks)


def areas_index(ctx: Context) -> str:
    rows = [
        [
            md.html_cell(md.link(a.name, f"{a.slug}.md")),
            md.cell(a.code),
            md.cell(len(area_rows(ctx, a)), numeric=True),
        ]
        for a in areas(ctx)
    ]
    blocks = [
        md.heading(1, "Council areas"),
        md.text(
            f"National Indicators for each of Scotland's {len(rows)} council areas, "
            "where they are published by area."
        ),
        md.table("Council areas", ["Council area", "Code", "Figures"], rows),
    ]
    return md.page("Council areas", blocks)
