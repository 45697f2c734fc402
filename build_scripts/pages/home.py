"""The home page: the purpose, the outcomes, how the place is performing, latest
updates: its template context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from build_scripts.analyse.statuses import Status
from build_scripts.formatting import published_date
from build_scripts.messages import message, phrase
from build_scripts.model import Indicator, Outcome, Source
from build_scripts.pages.content import Badge, Cell, Link, Rows, cell
from build_scripts.pages.context import Context
from build_scripts.pages.markdown import shown_statuses
from build_scripts.pages.outcomes import counts_text, status_counts, status_name

LATEST = 10


@dataclass(frozen=True)
class Card:
    outcome: Outcome
    counts: str  # ``2 improving, 1 worsening``
    link: Link  # its title (``Goal 1: No poverty``, or its name) to its page


@dataclass(frozen=True)
class Publication:
    title: str
    publisher: str  # the first named, or empty
    published: str  # ``12 October 2020``, ``March 2022`` or empty
    on_a_day: bool  # "on" a day, "in" a month or year


@dataclass(frozen=True)
class Latest:
    """The period of a latest figure and the indicator's title."""

    period: str
    title: str


def outcome_cards(ctx: Context) -> list[Card]:
    return [
        Card(o, counts_text(status_counts(ctx, o.indicators)), ctx.outcome_link(o, titled=True))
        for o in ctx.framework.current_outcomes
    ]


def performance_rows(ctx: Context) -> Rows:
    rows: list[list[Cell]] = []
    every = sorted(ctx.framework.current_indicators)
    counts = status_counts(ctx, every)
    shown = shown_statuses(counts)
    for o in ctx.framework.current_outcomes:
        outcome_counts = status_counts(ctx, o.indicators)
        rows.append(
            [cell(ctx.outcome_link(o))]
            + [cell(outcome_counts[s], numeric=True) for s in shown]
            + [cell(len(o.indicators), numeric=True)]
        )
    rows.append(
        [cell(phrase(message("page.home.all_indicators")))]
        + [cell(counts[s], numeric=True) for s in shown]
        + [cell(len(every), numeric=True)]
    )
    return rows


def latest_rows(ctx: Context) -> Rows:
    """The indicators whose figures are newest: by the date their newest source was
    published, then by the end of their latest period, newest first."""
    by_title = sorted(ctx.framework.current_indicators.values(), key=lambda i: (i.title, i.slug))
    rows = []
    for i in sorted(by_title, key=_newness, reverse=True):  # stable: titles stay A to Z
        latest = ctx.change(i).latest
        if not i.last_updated or latest is None:
            continue
        rows.append(
            [
                cell(ctx.indicator_link(i.slug)),
                cell(latest.period),
                cell(published_date(i.last_updated)),
                cell(Badge(ctx.status(i.slug))),
            ]
        )
    return rows[:LATEST]


def _newness(indicator: Indicator) -> tuple[str, str]:
    """The date of the newest source, then the end of the latest headline period."""
    ends = [f.period_end.isoformat() for f in indicator.figures if f.is_headline]
    return (indicator.last_updated, max(ends, default=""))


def publications(ctx: Context) -> list[Publication]:
    """The publications the figures come from, oldest first."""
    used = {f.source for i in ctx.framework.current_indicators.values() for f in i.figures}
    releases = {
        s.id: s
        for i in ctx.framework.current_indicators.values()
        for s in i.sources
        if s.id in used
    }
    named = sorted(releases.values(), key=lambda s: s.published)
    return [
        Publication(
            s.title,
            s.publisher.split(";")[0],
            published_date(s.published) if s.published else "",
            len(s.published) == 10,
        )
        for s in _distinct_publications(named)
    ]


def newest_and_oldest(ctx: Context) -> tuple[Latest, Latest] | None:
    """The newest and the oldest of the indicators' latest figures: how current the site is."""
    latest: list[tuple[date, str, str]] = []
    for i in ctx.framework.current_indicators.values():
        point = ctx.change(i).latest
        if point is not None:
            latest.append((point.end, point.period, i.title))
    if not latest:
        return None
    newest, oldest = max(latest), min(latest)
    return Latest(newest[1], newest[2]), Latest(oldest[1], oldest[2])


def _distinct_publications(sources: list[Source]) -> list[Source]:
    """One entry per publication (a title's words before ``:``, ``Wellbeing Economy
    Monitor: Gender pay gap``): a release of many files is named once."""
    seen: dict[tuple[str, str], Source] = {}
    for s in sources:
        title = s.title.split(":")[0]
        seen.setdefault(
            (title, s.published), Source(s.id, title, s.path, s.publisher, s.published, s.url)
        )
    return list(seen.values())


def home_page(ctx: Context) -> dict[str, Any]:
    every = sorted(ctx.framework.current_indicators)
    counts = status_counts(ctx, every)
    return {
        "purpose": ctx.framework.purpose,
        "cards": outcome_cards(ctx),
        "has_targets": bool(ctx.framework.targets),
        "total": len(every),
        "counts": {s.name: counts[s] for s in Status},
        "performance": performance_rows(ctx),
        "statuses": [status_name(s) for s in shown_statuses(counts)],
        "publications": publications(ctx),
        "latest": newest_and_oldest(ctx),
        "updates": latest_rows(ctx),
        "build_date": ctx.build_date,
    }
