"""Outcome pages (statement, description, every indicator with its status, latest
figure, change and trend) and the list of outcomes."""

from __future__ import annotations

from collections import Counter

from build_scripts.analyse.statuses import Status
from build_scripts.charts.plan import sparkline_id
from build_scripts.model import Outcome
from build_scripts.pages import markdown as md
from build_scripts.pages.context import Context


def path(outcome: Outcome) -> str:
    return f"outcomes/{outcome.slug}.md"


def status_counts(ctx: Context, slugs: list[str]) -> Counter[Status]:
    return Counter(ctx.status(s) for s in slugs)


def counts_text(counts: Counter[Status]) -> str:
    """``2 improving, 1 worsening, 1 in development`` (plain text)."""
    parts = [f"{counts[s]} {s.value.lower()}" for s in md.STATUS_ORDER if counts[s]]
    return ", ".join(parts) if parts else "no indicators"


def indicator_table(ctx: Context, outcome: Outcome) -> str:
    rows = []
    for slug in outcome.indicators:
        indicator = ctx.framework.indicators[slug]
        name = ctx.indicator_link(slug)
        if not indicator.confirmed:
            name += " <small>(placement provisional)</small>"
        rows.append(
            [
                md.html_cell(name),
                md.html_cell(md.status_badge(ctx.status(slug))),
                md.html_cell(ctx.latest_text(indicator) or "No figures yet"),
                md.html_cell(ctx.change_text(indicator)),
                md.html_cell(ctx.sparkline_html(sparkline_id(slug))),
            ]
        )
    headers = ["Indicator", "Status", "Latest figure", "Change", "Trend"]
    return md.table(f"Indicators of the outcome {outcome.name}", headers, rows)


def outcome_page(ctx: Context, outcome: Outcome) -> str:
    n = len(outcome.indicators)
    counts = status_counts(ctx, outcome.indicators)
    blocks = [
        md.heading(1, outcome.name),
        f'<p class="npf-statement">{md.text(outcome.statement)}</p>',
        md.text(outcome.description) if outcome.description else "",
        md.heading(2, "Indicators", "indicators"),
        md.text(
            f"This outcome is measured by {n} indicator{'s' if n != 1 else ''}: "
            f"{counts_text(counts)}."
        ),
        indicator_table(ctx, outcome) if outcome.indicators else "",
        "Each status comes from the indicator's own criteria for change, applied to its "
        "latest figures; see " + md.link("how statuses are decided", "../methodology.md") + ".",
    ]
    return md.page(outcome.name, blocks, outcome.statement)


def outcomes_index(ctx: Context) -> str:
    rows = [
        [
            md.html_cell(md.link(o.name, f"{o.slug}.md")),
            md.cell(o.statement),
            md.cell(len(o.indicators), numeric=True),
        ]
        for o in ctx.framework.outcomes
    ]
    blocks = [
        md.heading(1, "National Outcomes"),
        md.table("The National Outcomes", ["Outcome", "Statement", "Indicators"], rows),
    ]
    return md.page("National Outcomes", blocks)
