"""Outcome pages (statement, description, every indicator with its status, latest
figure, change and trend) and the list of outcomes: their template contexts."""

from __future__ import annotations

from collections import Counter
from typing import Any

from build_scripts import urls
from build_scripts.analyse.statuses import Status
from build_scripts.charts.plan import sparkline_id
from build_scripts.messages import message, phrase
from build_scripts.model import Outcome
from build_scripts.pages.content import Aside, Badge, Cell, Link, Rows, cell
from build_scripts.pages.context import Context
from build_scripts.pages.markdown import STATUS_ORDER
from build_scripts.pages.revisions import retired_notice, revision_rows


def status_counts(ctx: Context, slugs: list[str]) -> Counter[Status]:
    return Counter(ctx.status(s) for s in slugs)


def status_name(status: Status, lower: bool = False) -> str:
    """A status in the words of the catalogue in use: ``Improving``; with ``lower``, as
    running text says it (``improving``)."""
    slug = status.value.lower().replace(" ", "-")
    if lower:
        return phrase(message("page.status_lower", status=slug))
    return phrase(message("page.status", status=slug))


def counts_text(counts: Counter[Status]) -> str:
    """``2 improving, 1 worsening, 1 in development`` (plain text)."""
    parts = [f"{counts[s]} {status_name(s, lower=True)}" for s in STATUS_ORDER if counts[s]]
    return ", ".join(parts) if parts else phrase(message("page.no_indicators"))


def indicator_rows(ctx: Context, outcome: Outcome) -> Rows:
    rows = []
    for slug in outcome.indicators:
        indicator = ctx.framework.indicators[slug]
        rows.append(
            [
                cell(
                    ctx.indicator_link(slug),
                    None
                    if indicator.confirmed
                    else Aside(phrase(message("page.outcome.placement_provisional"))),
                ),
                cell(Badge(ctx.status(slug))),
                cell(ctx.latest(indicator) or phrase(message("page.outcome.no_figures"))),
                cell(ctx.change_text(indicator)),
                cell(ctx.sparkline(sparkline_id(slug))),
            ]
        )
    return rows


def outcome_page(ctx: Context, outcome: Outcome) -> dict[str, Any]:
    return {
        "outcome": outcome,
        "retired": retired_notice(ctx, "outcome", outcome.slug),
        "counts": counts_text(status_counts(ctx, outcome.indicators)),
        "rows": indicator_rows(ctx, outcome),
    }


def outcomes_index(ctx: Context) -> dict[str, Any]:
    rows: list[list[Cell]] = [
        [
            cell(Link(o.name, urls.outcome(o.slug))),
            cell(o.statement),
            cell(len(o.indicators), numeric=True),
        ]
        for o in ctx.framework.current_outcomes
    ]
    return {
        "rows": rows,
        "version": ctx.framework.version,
        "revisions": revision_rows(ctx),
        "framework_zip": urls.download(urls.FRAMEWORK_ZIP),
    }
