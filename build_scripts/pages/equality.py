"""Equality pages: one per characteristic (indicators broken down by it, evidence
datasets about it), one per evidence dataset, and the list of characteristics: their
template contexts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from build_scripts import urls
from build_scripts.analyse.evidence import evidence_units, summarise_evidence, summary_messages
from build_scripts.charts.evidence import evidence_chart_id
from build_scripts.formatting import Units
from build_scripts.glossary import explain, load_glossary, used
from build_scripts.messages import Message, message, phrase
from build_scripts.messages import lower_first_name as lower_first
from build_scripts.model import Characteristic, EvidenceDataset, Indicator, indicator_order
from build_scripts.pages.content import Badge, Cell, Explained, Link, Rows, cell
from build_scripts.pages.context import Context
from build_scripts.pages.share import Cited, citation

# Place is covered by the council area pages.
PLACE = "place"
EVIDENCE_COLUMNS = ("measure", "indicator", "period", "breakdown", "sub_breakdown", "value", "unit")
"""The columns of an evidence dataset's table, in order; a column no row fills is left
out. Their headers are the catalogue's ``page.evidence.column``."""


def characteristics(ctx: Context) -> list[Characteristic]:
    """Characteristics with a page: every one in the framework except place."""
    return sorted(
        (c for c in ctx.framework.characteristics.values() if c.slug != PLACE),
        key=lambda c: (c.name.casefold(), c.slug),
    )


def breakdown_types_for(ctx: Context, characteristic: str) -> set[str]:
    return {
        slug
        for slug, t in ctx.framework.breakdown_types.items()
        if t.characteristic == characteristic
    }


def indicators_for(ctx: Context, characteristic: str) -> list[tuple[Indicator, list[str]]]:
    """Indicators with a breakdown for the characteristic, with those breakdown types."""
    types = breakdown_types_for(ctx, characteristic)
    found = []
    current = ctx.framework.current_indicators  # a retired one is on its own page only
    for slug in sorted(current):
        indicator = current[slug]
        used = {f.breakdown_type for f in indicator.figures}
        used |= {t for f in indicator.figures for t, _ in f.cross}
        mine = sorted(used & types)
        if mine:
            found.append((indicator, mine))
    found.sort(key=lambda pair: indicator_order(pair[0]))
    return found


def shown(ctx: Context) -> list[EvidenceDataset]:
    """The evidence datasets listed: identical tables once, under their main code."""
    return [d for d in ctx.framework.evidence if not d.same_as]


def evidence_for(ctx: Context, characteristic: str) -> list[EvidenceDataset]:
    return sorted(
        (d for d in shown(ctx) if d.characteristic == characteristic),
        key=lambda d: (d.policy_area.casefold(), d.title.casefold(), d.slug),
    )


def evidence_titles(ctx: Context) -> dict[str, str]:
    """``_evidence_titles``, computed once per build: every evidence page needs them."""
    if "evidence_titles" not in ctx.memo:
        ctx.memo["evidence_titles"] = _evidence_titles(ctx)
    titles: dict[str, str] = ctx.memo["evidence_titles"]  # type: ignore[assignment]
    return titles


def _evidence_titles(ctx: Context) -> dict[str, str]:
    """A title per evidence dataset (by slug) that tells it apart from the others.

    Many published titles are generic ("Percentage of respondents") or shared by the
    same table for each characteristic, so a title is made longer only as far as it needs:
    first with the measure when a generic title hides it, then with the characteristic,
    then with the policy area; then, only among titles it tells apart, with the periods
    covered, and last with the characteristic even where the title lists several. The
    dataset's code is never part of a title (a reader searching or scanning a list looks
    for words, not ``inc-pov-4a``): the page says it in its description. A table
    published under several codes is one dataset, titled once: its other codes take the
    main one's title."""
    datasets = shown(ctx)
    titles = {d.slug: d.title.strip() for d in datasets}
    shared = Counter(titles.values())
    for d in datasets:
        measures = _measures(d)
        one = measures[0] if len(measures) == 1 else ""
        if shared[d.title.strip()] > 1 and one and one.casefold() not in d.title.casefold():
            titles[d.slug] = f"{one}: {lower_first(titles[d.slug])}"
    for qualify in (_by_characteristic, _in_policy_area):
        count = Counter(titles.values())
        for d in datasets:
            if count[titles[d.slug]] > 1:
                titles[d.slug] = qualify(ctx, d, titles[d.slug])
    for qualify in (_over_periods, _for_characteristic):
        sharing: dict[str, list[EvidenceDataset]] = {}
        for d in datasets:
            sharing.setdefault(titles[d.slug], []).append(d)
        for title, group in sharing.items():
            longer = {d.slug: qualify(ctx, d, title) for d in group}
            if len(set(longer.values())) > 1:  # only where it tells them apart
                titles.update(longer)
    for d in ctx.framework.evidence:
        if d.same_as:
            titles[d.slug] = titles[d.same_as]
    return titles


def _by_characteristic(ctx: Context, dataset: EvidenceDataset, title: str) -> str:
    known = ctx.framework.characteristics.get(dataset.characteristic)
    name = known.name if known else dataset.characteristic
    if not name or " by " in f" {title.casefold()} ":
        return title  # already says what it is broken down by
    return phrase(message("page.evidence.title_by", title=title, name=lower_first(name)))


def _over_periods(ctx: Context, dataset: EvidenceDataset, title: str) -> str:
    """The periods the figures cover, for tables that differ in their years."""
    periods = sorted(
        {(str(r.get("period_start", "")), str(r.get("period", ""))) for r in dataset.rows}
    )
    if not periods:
        return title
    first, last = periods[0][1], periods[-1][1]
    return phrase(message("page.evidence.title_periods", title=title, first=first, last=last))


def _for_characteristic(ctx: Context, dataset: EvidenceDataset, title: str) -> str:
    """The characteristic, even where the title says "by" several: the last resort."""
    known = ctx.framework.characteristics.get(dataset.characteristic)
    name = known.name if known else dataset.characteristic
    if not name:
        return title
    return phrase(message("page.evidence.title_for", title=title, name=lower_first(name)))


def _in_policy_area(ctx: Context, dataset: EvidenceDataset, title: str) -> str:
    area = dataset.policy_area.strip()
    return phrase(message("page.evidence.title_area", title=title, area=area))


def evidence_rows(datasets: Iterable[EvidenceDataset], titles: dict[str, str]) -> Rows:
    return [
        [
            cell(Link(titles.get(d.slug, d.title), urls.evidence(d.slug))),
            cell(measures_of(d)),
            cell(_policy_area(d)),
            cell(d.last_updated),
        ]
        for d in datasets
    ]


def _policy_area(dataset: EvidenceDataset) -> str:
    return phrase(message("page.evidence.policy_area_name", area=dataset.policy_area.strip()))


def _measures(dataset: EvidenceDataset) -> list[str]:
    seen: dict[str, None] = {}
    for row in dataset.rows:
        if row.get("measure"):
            seen.setdefault(str(row["measure"]).strip(), None)
    return list(seen)


def measures_of(dataset: EvidenceDataset, most: int = 3) -> str:
    """The dataset's measures as published (several datasets share a title)."""
    names = _measures(dataset)
    more = len(names) - most
    return phrase(message("page.evidence.measures", names=names[:most], more=max(more, 0)))


@dataclass(frozen=True)
class GapLine:
    """One gap between groups, as a characteristic page lists it: what is compared
    (``what``: the measure, by the breakdown type) and the analyse stage's statement."""

    what: str
    statement: Message


@dataclass(frozen=True)
class IndicatorGaps:
    """An indicator with figures for a characteristic and the latest gap of each of its
    measures and breakdown types of that characteristic (none when no period has two
    groups to compare)."""

    indicator: Link
    lines: list[GapLine]


def indicator_gaps(ctx: Context, indicator: Indicator, types: Iterable[str]) -> IndicatorGaps:
    """The gap statements of one indicator for the breakdown types of a characteristic,
    in the order of its measures."""
    analysed = ctx.analysed
    lines = []
    for measure in indicator.measures:
        for kind in types:
            statement = analysed.gap_statement(indicator.slug, measure.name, kind)
            if statement is None:
                continue
            what = message(
                "page.characteristic.gap_what",
                measure=measure.title,
                name=ctx.framework.breakdown_name(kind),
            )
            lines.append(GapLine(phrase(what), statement))
    return IndicatorGaps(ctx.indicator_link(indicator.slug), lines)


def characteristic_page(ctx: Context, characteristic: Characteristic) -> dict[str, Any]:
    indicators = [
        [
            cell(ctx.indicator_link(indicator.slug)),
            cell(", ".join(ctx.framework.breakdown_name(t) for t in types)),
            cell(Badge(ctx.status(indicator.slug))),
        ]
        for indicator, types in indicators_for(ctx, characteristic.slug)
    ]
    gaps = [
        indicator_gaps(ctx, indicator, types)
        for indicator, types in indicators_for(ctx, characteristic.slug)
    ]
    evidence = evidence_for(ctx, characteristic.slug)
    return {
        "characteristic": characteristic,
        "indicators": indicators,
        "gaps": gaps,
        "evidence": evidence_rows(evidence, evidence_titles(ctx)),
    }


@dataclass(frozen=True)
class EvidenceGroup:
    """The evidence datasets of one characteristic or one policy area, as the equality
    page lists them: its name, a link to each dataset and, where the group has a page
    of its own, a link to it (outside the ``<summary>``, which a link would not open)."""

    name: str
    datasets: list[Link]
    page: Link | None = None


def _policy_areas(ctx: Context, dataset: EvidenceDataset) -> list[str]:
    """Every policy area that publishes the dataset's table, under any of its codes."""
    by_slug = {d.slug: d for d in ctx.framework.evidence}
    codes = dataset.published_as or [dataset.slug]
    return sorted({by_slug[c].policy_area.strip() for c in codes if c in by_slug})


def evidence_by_characteristic(ctx: Context) -> list[EvidenceGroup]:
    titles = evidence_titles(ctx)
    groups = []
    for c in characteristics(ctx):
        found = sorted(evidence_for(ctx, c.slug), key=lambda d: (titles[d.slug].casefold(), d.slug))
        if found:
            links = [Link(titles[d.slug], urls.evidence(d.slug)) for d in found]
            page = Link(c.name, urls.characteristic(c.slug))
            groups.append(EvidenceGroup(c.name, links, page))
    return groups


def evidence_by_policy_area(ctx: Context) -> list[EvidenceGroup]:
    """Datasets by policy area, a dataset under each area of any code that publishes it;
    the areas by name, those not given last."""
    titles = evidence_titles(ctx)
    areas: dict[str, list[EvidenceDataset]] = {}
    for d in shown(ctx):
        for area in _policy_areas(ctx, d):
            areas.setdefault(area, []).append(d)
    return [
        EvidenceGroup(
            phrase(message("page.evidence.policy_area_name", area=area)),
            [
                Link(titles[d.slug], urls.evidence(d.slug))
                for d in sorted(found, key=lambda d: (titles[d.slug].casefold(), d.slug))
            ],
        )
        for area, found in sorted(areas.items(), key=lambda pair: (not pair[0], pair[0]))
    ]


def abbreviations(ctx: Context) -> list[tuple[str, str]]:
    """The glossary's abbreviations that the evidence datasets' titles and tables use."""
    texts = [d.title for d in ctx.framework.evidence]
    texts += [
        str(r.get(c) or "")
        for d in ctx.framework.evidence
        for r in d.rows
        for c in EXPLAINED_COLUMNS
    ]
    return used(texts, glossary(ctx))


def equality_index(ctx: Context) -> dict[str, Any]:
    rows: list[list[Cell]] = [
        [
            cell(Link(c.name, urls.characteristic(c.slug))),
            cell(len(indicators_for(ctx, c.slug)), numeric=True),
            cell(len(evidence_for(ctx, c.slug)), numeric=True),
        ]
        for c in characteristics(ctx)
    ]
    return {
        "rows": rows,
        "datasets": len(shown(ctx)),
        "codes": len(ctx.framework.evidence),
        "by_characteristic": evidence_by_characteristic(ctx),
        "by_policy_area": evidence_by_policy_area(ctx),
        "abbreviations": abbreviations(ctx),
    }


EXPLAINED_COLUMNS = frozenset({"measure", "indicator", "breakdown", "sub_breakdown"})
"""The columns whose words may hold an abbreviation the glossary explains."""


def glossary(ctx: Context) -> dict[str, str]:
    """The project's abbreviations (``glossary.toml``) and what they stand for."""
    return load_glossary(ctx.project.paths.root)


def _explained(text: str, terms: dict[str, str], seen: set[str]) -> Explained | str:
    parts = explain(text, terms, seen)
    return Explained(parts) if any(expansion for _, expansion in parts) else text


def _evidence_cell(
    column: str, value: object, units: Units, terms: dict[str, str], seen: set[str]
) -> Cell:
    if column == "value" and isinstance(value, float):
        return cell(units.number(value), numeric=True)
    text = "" if value is None else str(value)
    if column in EXPLAINED_COLUMNS and text:
        return cell(_explained(text, terms, seen))
    return Cell((text,))


def published_as(ctx: Context, dataset: EvidenceDataset) -> list[Link]:
    """Every code that publishes the dataset's table, each linked to its page."""
    return [Link(code, urls.evidence(code)) for code in dataset.published_as]


def evidence_page(ctx: Context, dataset: EvidenceDataset) -> dict[str, Any]:
    titles = evidence_titles(ctx)
    terms = glossary(ctx)
    seen: set[str] = set()  # each abbreviation explained at its first use on the page
    heading = _explained(titles[dataset.slug], terms, seen)
    if dataset.same_as:
        return {
            "dataset": dataset,
            "title": titles[dataset.slug],
            "heading": heading,
            "search_exclude": True,  # search finds the main page, not each pointer
            "same_as": Link(titles[dataset.same_as], urls.evidence(dataset.same_as)),
            "published_as": published_as(ctx, dataset),
            "json_ld": ctx.evidence_json_ld(dataset, titles[dataset.slug]),
        }
    columns = [c for c in EVIDENCE_COLUMNS if any(r.get(c) not in (None, "") for r in dataset.rows)]
    units = evidence_units(dataset)
    found = summarise_evidence(dataset)
    known = ctx.framework.characteristics.get(dataset.characteristic)
    return {
        "dataset": dataset,
        "title": titles[dataset.slug],
        "heading": heading,
        "json_ld": ctx.evidence_json_ld(dataset, titles[dataset.slug]),
        "summary": [phrase(m) for m in summary_messages(found, units)] if found else [],
        "same_as": None,
        "published_as": published_as(ctx, dataset),
        "policy_area": _policy_area(dataset),
        "characteristic": (
            Link(known.name, urls.characteristic(known.slug)) if known else dataset.characteristic
        ),
        "chart": ctx.chart(evidence_chart_id(dataset.slug)),
        "measures": len(found.measures) if found else 0,
        "headers": [phrase(message("page.evidence.column", column=c)) for c in columns],
        "rows": [
            [_evidence_cell(c, r.get(c), units, terms, seen) for c in columns] for r in dataset.rows
        ],
        "download": urls.download(urls.evidence_download(dataset.slug)),
        "citation": citation(
            ctx.project,
            Cited(
                key=f"{ctx.project.property_prefix}-evidence-{dataset.slug}",
                title=titles[dataset.slug],
                kind=phrase(message("page.cite.kind_evidence")),
                path=urls.url(urls.evidence(dataset.slug)),
                released=dataset.last_updated,
                latest=_latest_period(dataset),
            ),
            ctx.build_date,
        ),
    }


def _latest_period(dataset: EvidenceDataset) -> str:
    """The period of the dataset's latest figures, as published; ``""`` without any."""
    rows = [r for r in dataset.rows if r.get("period")]
    if not rows:
        return ""
    latest = max(rows, key=lambda r: (str(r.get("period_start") or ""), str(r["period"])))
    return str(latest["period"])
