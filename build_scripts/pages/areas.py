"""Place pages (every indicator with a figure for the place, its latest figure next to
the headline's) and the list of places: their template contexts. The places are those of
the project's geographies (``[[geography]]`` of ``npf.toml``; the NPF's council areas)."""

from __future__ import annotations

from typing import Any

from build_scripts import urls
from build_scripts.charts.plan import latest_period
from build_scripts.messages import message, phrase
from build_scripts.model import Figure, Indicator, Place
from build_scripts.pages.content import Cell, Detail, Link, Rows, cell
from build_scripts.pages.context import Context


def areas(ctx: Context) -> list[Place]:
    places = [p for kind in ctx.framework.places.values() for p in kind.values()]
    return sorted(places, key=lambda a: (a.name.casefold(), a.code))


def area_rows(ctx: Context, area: Place) -> Rows:
    """One row per indicator measure with a figure for the area (latest period)."""
    rows = []
    indicators = sorted(
        ctx.framework.indicators.values(), key=lambda i: (i.title.casefold(), i.slug)
    )
    for indicator in indicators:
        for measure in indicator.measures:
            figures = [
                f
                for f in indicator.series(measure.name, area.breakdown_type)
                if f.breakdown_group == area.code and not f.is_suspect
            ]
            if not figures:
                continue
            period, (mine, *_) = latest_period(figures)
            headline = _headline(indicator, measure.name, period)
            rows.append(
                [
                    cell(
                        ctx.indicator_link(indicator.slug),
                        Detail(measure.title) if len(indicator.measures) > 1 else None,
                    ),
                    cell(period),
                    cell(ctx.figure(mine.value, measure), numeric=True),
                    cell(
                        ctx.figure(headline.value, measure)
                        if headline
                        else phrase(message("page.area.no_figure")),
                        numeric=True,
                    ),
                ]
            )
    return rows


def _headline(indicator: Indicator, measure: str, period: str) -> Figure | None:
    for f in indicator.series(measure):
        if f.period == period:
            return f
    return None


def area_page(ctx: Context, area: Place) -> dict[str, Any]:
    return {"area": area, "rows": area_rows(ctx, area)}


def areas_index(ctx: Context) -> dict[str, Any]:
    rows: list[list[Cell]] = [
        [
            cell(Link(a.name, urls.area(a.slug))),
            cell(a.code),
            cell(len(area_rows(ctx, a)), numeric=True),
        ]
        for a in areas(ctx)
    ]
    return {"rows": rows}
