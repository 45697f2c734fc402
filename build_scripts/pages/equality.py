"""Equality pages: one per characteristic (indicators broken down by it, evidence
datasets about it), one per evidence dataset, and the list of characteristics."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from build_scripts.analyse.wording import Units, lower_first, usual_places
from build_scripts.charts.plan import breakdown_name
from build_scripts.model import Characteristic, EvidenceDataset, Indicator
from build_scripts.pages import markdown as md
from build_scripts.pages.context import Context

# Place is covered by the council area pages.
PLACE = "place"
EVIDENCE_COLUMNS = (
    ("measure", "Measure"),
    ("indicator", "Series"),
    ("period", "Period"),
    ("breakdown", "Group"),
    ("sub_breakdown", "Sub-group"),
    ("value", "Figure"),
    ("unit", "Unit"),
)


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
    for slug in sorted(ctx.framework.indicators):
        indicator = ctx.framework.indicators[slug]
        mine = sorted(
            {f.breakdown_type for f in indicator.figures if f.breakdown_type in types}
            | {f.breakdown_type_2 for f in indicator.figures if f.breakdown_type_2 in types}
        )
        if mine:
            found.append((indicator, [t for t in mine if t]))
    found.sort(key=lambda pair: (pair[0].title.casefold(), pair[0].slug))
    return found


def evidence_for(ctx: Context, characteristic: str) -> list[EvidenceDataset]:
    return sorted(
        (d for d in ctx.framework.evidence if d.characteristic == characteristic),
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
    then with the policy area, and last with the dataset's code."""
    datasets = ctx.framework.evidence
    titles = {d.slug: d.title.strip() for d in datasets}
    shared = Counter(titles.values())
    for d in datasets:
        measures = _measures(d)
        one = measures[0] if len(measures) == 1 else ""
        if shared[d.title.strip()] > 1 and one and one.casefold() not in d.title.casefold():
            titles[d.slug] = f"{one}: {lower_first(titles[d.slug])}"
    for qualify in (_by_characteristic, _in_policy_area, _with_code):
        count = Counter(titles.values())
        for d in datasets:
            if count[titles[d.slug]] > 1:
                titles[d.slug] = qualify(ctx, d, titles[d.slug])
    return titles


def _by_characteristic(ctx: Context, dataset: EvidenceDataset, title: str) -> str:
    known = ctx.framework.characteristics.get(dataset.characteristic)
    name = known.name if known else dataset.characteristic
    if not name or " by " in f" {title.casefold()} ":
        return title  # already says what it is broken down by
    return f"{title}, by {lower_first(name)}"


def _in_policy_area(ctx: Context, dataset: EvidenceDataset, title: str) -> str:
    area = dataset.policy_area.strip()
    if area == "Summary":
        area = "summary tables"
    return f"{title} ({area or 'policy area not given'})"


def _with_code(ctx: Context, dataset: EvidenceDataset, title: str) -> str:
    return f"{title}, dataset {dataset.slug}"


def evidence_table(
    datasets: Iterable[EvidenceDataset], caption: str, titles: dict[str, str] | None = None
) -> str:
    titles = titles or {}
    rows = [
        [
            md.html_cell(md.link(titles.get(d.slug, d.title), f"../evidence/{d.slug}.md")),
            md.cell(measures_of(d)),
            md.cell(_policy_area(d)),
            md.cell(d.last_updated),
        ]
        for d in datasets
    ]
    headers = ["Dataset", "Measures", "Policy area", "Last updated"]
    return md.table(caption, headers, rows)


def _policy_area(dataset: EvidenceDataset) -> str:
    area = dataset.policy_area.strip()
    if area == "Summary":
        return "Summary tables"
    return area or "Not given"


def _measures(dataset: EvidenceDataset) -> list[str]:
    seen: dict[str, None] = {}
    for row in dataset.rows:
        if row.get("measure"):
            seen.setdefault(str(row["measure"]).strip(), None)
    return list(seen)


def measures_of(dataset: EvidenceDataset, most: int = 3) -> str:
    """The dataset's measures as published (several datasets share a title)."""
    names = _measures(dataset)
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return "; ".join(names[:most]) + more


def characteristic_page(ctx: Context, characteristic: Characteristic) -> str:
    name = characteristic.name
    indicators = indicators_for(ctx, characteristic.slug)
    evidence = evidence_for(ctx, characteristic.slug)
    blocks = [
        md.heading(1, f"Equality: {name}"),
        md.heading(2, "National Indicators", "indicators"),
    ]
    if indicators:
        rows = []
        for indicator, types in indicators:
            rows.append(
                [
                    md.html_cell(ctx.indicator_link(indicator.slug)),
                    md.cell(", ".join(breakdown_name(ctx.framework, t) for t in types)),
                    md.html_cell(md.status_badge(ctx.status(indicator.slug))),
                ]
            )
        caption = f"Indicators with figures by {name.lower()}"
        blocks.append(md.table(caption, ["Indicator", "Broken down by", "Status"], rows))
        blocks.append(
            "The status of an indicator is decided on its figure for all of Scotland, "
            "never on a breakdown."
        )
    else:
        blocks.append(md.text(f"No National Indicator has figures by {name.lower()} yet."))
    blocks.append(md.heading(2, "Equality evidence", "evidence"))
    if evidence:
        caption = f"Equality evidence datasets about {name.lower()}"
        blocks.append(evidence_table(evidence, caption, evidence_titles(ctx)))
    else:
        blocks.append(md.text(f"There are no equality evidence datasets about {name.lower()}."))
    return md.page(f"Equality: {name}", blocks)


def equality_index(ctx: Context) -> str:
    rows = [
        [
            md.html_cell(md.link(c.name, f"{c.slug}.md")),
            md.cell(len(indicators_for(ctx, c.slug)), numeric=True),
            md.cell(len(evidence_for(ctx, c.slug)), numeric=True),
        ]
        for c in characteristics(ctx)
    ]
    blocks = [
        md.heading(1, "Equality"),
        "How outcomes differ between groups of people: the National Indicators with figures "
        "for each equality characteristic, and the equality evidence datasets about it.",
        md.table(
            "Equality characteristics", ["Characteristic", "Indicators", "Evidence datasets"], rows
        ),
        "Figures by place are on the " + md.link("council area pages", "../areas/index.md") + ".",
    ]
    return md.page("Equality", blocks)


MAX_EVIDENCE_PLACES = 2


def _evidence_cell(column: str, value: object, units: Units) -> md.Cell:
    if column == "value" and isinstance(value, float):
        return md.cell(units.number(value), numeric=True)
    return md.cell("" if value is None else value)


def evidence_units(dataset: EvidenceDataset) -> Units:
    """One number of decimal places for the whole dataset (never per cell): the places
    most of its figures are published with, at most 2 (survey shares computed to 6
    places are shown as the Finder shows them)."""
    values = [r["value"] for r in dataset.rows if isinstance(r.get("value"), float)]
    return Units(decimals=usual_places(values, MAX_EVIDENCE_PLACES))


def evidence_page(ctx: Context, dataset: EvidenceDataset) -> str:
    known = ctx.framework.characteristics.get(dataset.characteristic)
    columns = [
        (c, h) for c, h in EVIDENCE_COLUMNS if any(r.get(c) not in (None, "") for r in dataset.rows)
    ]
    units = evidence_units(dataset)
    rows = [[_evidence_cell(c, r.get(c), units) for c, _ in columns] for r in dataset.rows]
    title = evidence_titles(ctx)[dataset.slug]
    facts = [f"- Policy area: {md.text(_policy_area(dataset))}"]
    if known:
        facts.append(f"- Characteristic: {md.link(known.name, f'../equality/{known.slug}.md')}")
    elif dataset.characteristic:
        facts.append(f"- Characteristic: {md.text(dataset.characteristic)}")
    if dataset.last_updated:
        facts.append(f"- Last updated: {md.text(dataset.last_updated)}")
    sources = [
        f"- {md.text(s.title)}"
        + (f", {md.text(s.publisher)}" if s.publisher and s.publisher not in s.title else "")
        for s in dataset.sources
    ]
    blocks = [
        md.heading(1, title),
        md.text(dataset.description) if dataset.description else "",
        "\n".join(facts),
        md.heading(2, "Figures", "figures"),
        md.table(f"Figures of {title}", [h for _, h in columns], rows, row_headers=False)
        if rows
        else "No figures.",
        md.heading(2, "Source", "source"),
        "\n".join(sources) if sources else "Not recorded.",
        md.heading(2, "Download the data", "download"),
        f"- {md.link('The data package (zip)', f'../data/evidence/{dataset.slug}.zip')}",
    ]
    description = f"Equality evidence: {title}."
    return md.page(title, blocks, description)
