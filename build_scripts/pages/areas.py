"""Place pages (a profile: every indicator measure with a figure for the place, its latest
figure beside the headline's, better or worse, its rank, its change and trend, as the
analyse stage found them in ``analyse.places``) and the list of places: their template
contexts. The places are those of the project's geographies (``[[geography]]`` of
``npf.toml``; the NPF's council areas)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from build_scripts import urls
from build_scripts.analyse.places import PlaceFigure
from build_scripts.charts.inline import trendline
from build_scripts.messages import capital, lower_first_name, message, phrase
from build_scripts.model import Indicator, Measure, Place, indicator_order
from build_scripts.pages.content import Cell, Detail, Link, Rows, Spark, cell
from build_scripts.pages.context import Context


def areas(ctx: Context) -> list[Place]:
    places = [p for kind in ctx.framework.places.values() for p in kind.values()]
    return sorted(places, key=lambda a: (a.name.casefold(), a.code))


def _compared(ctx: Context, area: Place) -> list[PlaceFigure]:
    """The area's figures of the current indicators (a retired indicator is on its own
    page only)."""
    current = ctx.framework.current_indicators
    return [f for f in ctx.analysed.place(area.breakdown_type, area.code) if f.indicator in current]


def profile(ctx: Context, area: Place) -> list[tuple[Indicator, Measure, PlaceFigure]]:
    """The area's compared figures with their indicator and measure, by indicator title
    and then in the indicator's order of measures."""
    indicators = ctx.framework.indicators
    found = []
    for f in _compared(ctx, area):
        indicator = indicators[f.indicator]
        for order, measure in enumerate(indicator.measures):
            if measure.name == f.measure:
                found.append((indicator, measure, f, order))
    found.sort(key=lambda item: (indicator_order(item[0]), item[3]))
    return [(indicator, measure, f) for indicator, measure, f, _ in found]


def area_rows(ctx: Context, area: Place) -> Rows:
    """One row per indicator measure with a figure for the area."""
    rows = []
    for indicator, measure, f in profile(ctx, area):
        several = len(indicator.measures) > 1
        rows.append(
            [
                cell(
                    ctx.indicator_link(indicator.slug), Detail(measure.title) if several else None
                ),
                cell(f.period),
                cell(ctx.figure(f.value, measure), numeric=True),
                cell(
                    phrase(message("page.area.no_figure"))
                    if f.country is None
                    else ctx.figure(f.country, measure),
                    numeric=True,
                ),
                cell(
                    phrase(
                        message("page.area.compared", comparison=f.comparison or "", total=f.total)
                    )
                ),
                cell(
                    # One place with a figure is not a ranking.
                    None
                    if f.rank is None or f.ranked < 2
                    else phrase(message("page.area.rank", rank=f.rank, count=f.ranked))
                ),
                cell(_change(ctx, measure, f)),
                cell(_spark(ctx, area, measure, f)),
            ]
        )
    return rows


def _change(ctx: Context, measure: Measure, f: PlaceFigure) -> str:
    if f.change is None or f.previous_period is None:
        return ""
    size = ctx.units(measure).amount(f.change)
    said = message(
        "page.outcome.change_since", change=f.change, size=size, period=f.previous_period
    )
    return phrase(said)


def _spark(ctx: Context, area: Place, measure: Measure, f: PlaceFigure) -> Spark | None:
    line = trendline([value for _, value in f.trend], f.country_trend)
    if line is None:
        return None
    (first_period, first), (last_period, last) = f.trend[0], f.trend[-1]
    # The country's figures of the same two periods, where the line draws them.
    country = f.country_trend if line.reference else ()
    country_first = country[0] if country else None
    country_last = country[-1] if country else None
    label = message(
        "page.area.trend",
        name=area.name,
        first=ctx.figure(first, measure),
        first_period=first_period,
        last=ctx.figure(last, measure),
        last_period=last_period,
        place=ctx.project.place_text,
        country_first="" if country_first is None else ctx.figure(country_first, measure),
        country_last="" if country_last is None else ctx.figure(country_last, measure),
        compared=bool(line.reference),
    )
    return Spark(line, phrase(label))


def comparison_counts(ctx: Context, area: Place) -> Counter[str]:
    """How many of the area's measures are better, worse or about the same as the
    headline, and how many are not compared (``""``)."""
    return Counter(f.comparison or "" for f in _compared(ctx, area))


def nouns(ctx: Context, area: Place) -> tuple[str, str]:
    """What a place of ``area``'s geography is called, and its places: ``("local
    authority", "local authorities")``."""
    geography = ctx.project.geography(area.breakdown_type)
    if geography is None:  # validation holds every place to a geography
        raise ValueError(f"{area.name}: no [[geography]] of {area.breakdown_type!r}")
    return lower_first_name(geography.one), lower_first_name(geography.name)


def area_page(ctx: Context, area: Place) -> dict[str, Any]:
    counts = comparison_counts(ctx, area)
    rows = area_rows(ctx, area)
    one, many = nouns(ctx, area)
    return {
        "area": area,
        "area_noun": one,
        "areas_noun": many,
        "rows": rows,
        "better": counts["better"],
        "worse": counts["worse"],
        "same": counts["same"],
        "compared": counts["better"] + counts["worse"] + counts["same"],
        "totals": sum(f.total for f in _compared(ctx, area)),
        "csv": _csv_link(ctx, area),
    }


def _csv_link(ctx: Context, area: Place) -> Link | None:
    name = urls.area_download(area.slug)
    if not any(d.name == name for d in ctx.downloads):
        return None
    return Link(phrase(message("page.area.csv", name=area.name)), urls.download(name))


def areas_index(ctx: Context) -> dict[str, Any]:
    """The places, each with its counts; with several geographies, each place's."""
    several = len(ctx.project.geographies) > 1
    rows: list[list[Cell]] = []
    for a in areas(ctx):
        counts = comparison_counts(ctx, a)
        kind = [cell(capital(nouns(ctx, a)[0]))] if several else []
        rows.append(
            [
                cell(Link(a.name, urls.area(a.slug))),
                *kind,
                cell(a.code),
                cell(counts.total(), numeric=True),
                cell(counts["better"], numeric=True),
                cell(counts["worse"], numeric=True),
            ]
        )
    return {"rows": rows, "several": several}
