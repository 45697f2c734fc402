"""Target pages (a framework's level between its outcomes and its indicators: the
target's code and title, its outcome, its indicators with their status, latest figure,
change and trend) and the trail from an outcome down to a page (its breadcrumbs): their
template contexts. A framework without targets has no target pages and no trails."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from build_scripts import urls
from build_scripts.model import Indicator, Target
from build_scripts.pages.content import Link
from build_scripts.pages.context import Context
from build_scripts.pages.labels import outcome_title, short, target_title
from build_scripts.pages.outcomes import counts_text, indicator_rows, status_counts


@dataclass(frozen=True)
class Trail:
    """One way down to a page: the links above it (its outcome, its target) and the
    page itself, named short (``Indicator 1.2.2``)."""

    links: list[Link]
    here: str


def target_trail(ctx: Context, target: Target) -> list[Trail]:
    """``Goal 1: No poverty`` › ``Target 1.2``."""
    outcome = next((o for o in ctx.framework.outcomes if o.slug == target.outcome), None)
    if outcome is None:
        return []
    here = short(ctx.project.nouns.target, target.code, target.title)
    return [Trail([ctx.outcome_link(outcome, titled=True)], here)]


def indicator_trails(ctx: Context, indicator: Indicator) -> list[Trail]:
    """``Goal 1: No poverty`` › ``Target 1.2`` › ``Indicator 1.2.2``: one trail for each
    of the indicator's targets (none in a framework without targets)."""
    nouns = ctx.project.nouns
    here = short(nouns.indicator, indicator.code, indicator.title)
    trails = []
    for slug in indicator.targets:
        target = ctx.framework.targets[slug]
        above = target_trail(ctx, target)
        if above:
            crumb = Link(short(nouns.target, target.code, target.title), urls.target(slug))
            trails.append(Trail([*above[0].links, crumb], here))
    return trails


def target_page(ctx: Context, target: Target) -> dict[str, Any]:
    outcome = next((o for o in ctx.framework.outcomes if o.slug == target.outcome), None)
    nouns = ctx.project.nouns
    return {
        "target": target,
        "title": target_title(nouns, target),
        "outcome": ctx.outcome_link(outcome) if outcome is not None else None,
        "outcome_title": outcome_title(nouns, outcome) if outcome is not None else "",
        "trails": target_trail(ctx, target),
        "count": len(target.indicators),
        "counts": counts_text(status_counts(ctx, target.indicators)),
        "caption_name": short(nouns.target, target.code, target.title),
        "rows": indicator_rows(ctx, target.indicators),
    }
