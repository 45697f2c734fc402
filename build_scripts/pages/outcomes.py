"""Outcome pages (statement, description, every indicator with its status, latest
figure, change and trend, under its targets where the framework has them) and the list
of outcomes: their template contexts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from build_scripts import urls
from build_scripts.analyse.statuses import Status
from build_scripts.charts.plan import sparkline_id
from build_scripts.messages import message, phrase
from build_scripts.model import Outcome
from build_scripts.pages.content import Aside, Badge, Cell, Link, Rows, cell
from build_scripts.pages.context import Context
from build_scripts.pages.labels import outcome_title, short
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


def indicator_rows(ctx: Context, slugs: list[str]) -> Rows:
    """A row for each indicator: its link, status, latest figure, change and trend."""
    rows = []
    for slug in slugs:
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


@dataclass(frozen=True)
class TargetSection:
    """A target on its outcome's page: a heading linked to its page (``Target 1.2``, or
    its title where it has no code), its title below a short heading, and its
    indicators' rows."""

    heading: Link
    title: str
    anchor: str
    caption: str
    rows: Rows


def target_sections(ctx: Context, outcome: Outcome) -> list[TargetSection]:
    """The outcome's targets, in order, each with its indicators (none without targets)."""
    nouns = ctx.project.nouns
    sections = []
    for target in ctx.framework.targets_of(outcome):
        heading = short(nouns.target, target.code, target.title)
        sections.append(
            TargetSection(
                Link(heading, urls.target(target.slug)),
                target.title if target.code else "",
                f"target-{target.slug}",
                phrase(message("page.target.caption", indicators=nouns.indicators, name=heading)),
                indicator_rows(ctx, target.indicators),
            )
        )
    return sections


def untargeted(ctx: Context, outcome: Outcome) -> list[str]:
    """The outcome's indicators under none of its targets, where it has targets:
    validation leaves none among current ones, but a retired outcome's page still shows
    every indicator it had."""
    targets = ctx.framework.targets_of(outcome)
    if not targets:
        return []
    under = {slug for t in targets for slug in t.indicators}
    return [slug for slug in outcome.indicators if slug not in under]


def outcome_page(ctx: Context, outcome: Outcome) -> dict[str, Any]:
    targets = target_sections(ctx, outcome)
    return {
        "outcome": outcome,
        "title": outcome_title(ctx.project.nouns, outcome),
        "retired": retired_notice(ctx, "outcome", outcome.slug),
        "counts": counts_text(status_counts(ctx, outcome.indicators)),
        "rows": [] if targets else indicator_rows(ctx, outcome.indicators),
        "targets": targets,
        "others": indicator_rows(ctx, untargeted(ctx, outcome)),
    }


def outcomes_index(ctx: Context) -> dict[str, Any]:
    has_targets = bool(ctx.framework.targets)
    rows: list[list[Cell]] = [
        [
            cell(ctx.outcome_link(o)),
            cell(o.statement),
            *([cell(len(o.targets), numeric=True)] if has_targets else []),
            cell(len(o.indicators), numeric=True),
        ]
        for o in ctx.framework.current_outcomes
    ]
    return {
        "rows": rows,
        "has_targets": has_targets,
        "version": ctx.framework.version,
        "revisions": revision_rows(ctx),
        "framework_zip": urls.download(urls.FRAMEWORK_ZIP),
    }
