"""The home page: the purpose, the outcomes, how Scotland is performing, latest updates."""

from __future__ import annotations

from datetime import date

from build_scripts.analyse.statuses import Status
from build_scripts.analyse.wording import join_words, published_date
from build_scripts.model import Indicator, Source
from build_scripts.pages import markdown as md
from build_scripts.pages.context import Context
from build_scripts.pages.outcomes import counts_text, status_counts

LATEST = 10


def outcome_cards(ctx: Context) -> str:
    items = []
    for o in ctx.framework.outcomes:
        counts = status_counts(ctx, o.indicators)
        n = len(o.indicators)
        items.append(
            '<li class="npf-card">'
            f"<h3>{md.link(o.name, f'outcomes/{o.slug}.md')}</h3>"
            f"<p>{md.text(o.statement)}</p>"
            f'<p class="npf-card__counts">{n} indicator{"s" if n != 1 else ""}: '
            f"{md.text(counts_text(counts))}</p>"
            "</li>"
        )
    return '<ul class="npf-cards">\n' + "\n".join(items) + "\n</ul>"


def performance_table(ctx: Context) -> str:
    headers = ["Outcome", *[s.value for s in md.STATUS_ORDER], "All"]
    rows = []
    for o in ctx.framework.outcomes:
        counts = status_counts(ctx, o.indicators)
        rows.append(
            [md.html_cell(md.link(o.name, f"outcomes/{o.slug}.md"))]
            + [md.cell(counts[s], numeric=True) for s in md.STATUS_ORDER]
            + [md.cell(len(o.indicators), numeric=True)]
        )
    every = sorted(ctx.framework.indicators)
    counts = status_counts(ctx, every)
    rows.append(
        [md.cell("All indicators")]
        + [md.cell(counts[s], numeric=True) for s in md.STATUS_ORDER]
        + [md.cell(len(every), numeric=True)]
    )
    caption = "Indicators by performance status, for each outcome"
    return md.table(caption, headers, rows)


def latest_updates(ctx: Context) -> str:
    """The indicators whose figures are newest: by the date their newest source was
    published, then by the end of their latest period, newest first."""
    by_title = sorted(ctx.framework.indicators.values(), key=lambda i: (i.title, i.slug))
    rows = []
    for i in sorted(by_title, key=_newness, reverse=True):  # stable: titles stay A to Z
        latest = ctx.change(i).latest
        if not i.last_updated or latest is None:
            continue
        rows.append(
            [
                md.html_cell(ctx.indicator_link(i.slug, prefix="")),
                md.cell(latest.period),
                md.cell(published_date(i.last_updated)),
                md.html_cell(md.status_badge(ctx.status(i.slug))),
            ]
        )
    return md.table(
        "Indicators with the newest figures",
        ["Indicator", "Latest figure", "Published", "Status"],
        rows[:LATEST],
    )


def _newness(indicator: Indicator) -> tuple[str, str]:
    """The date of the newest source, then the end of the latest headline period."""
    ends = [f.period_end.isoformat() for f in indicator.figures if f.is_headline]
    return (indicator.last_updated, max(ends, default=""))


def data_age(ctx: Context) -> str:
    """When the figures were published and by whom, and how old the newest and oldest
    latest figures are: a reader can tell at once how current the site is."""
    used = {f.source for i in ctx.framework.indicators.values() for f in i.figures}
    releases = {
        s.id: s for i in ctx.framework.indicators.values() for s in i.sources if s.id in used
    }
    named = sorted(releases.values(), key=lambda s: s.published)
    if not named:
        return ""
    parts = [
        f"{s.title}, published by {s.publisher.split(';')[0] or 'its producer'}"
        + (f" {_on_or_in(s.published)} {published_date(s.published)}" if s.published else "")
        for s in _distinct_publications(named)
    ]
    latest: list[tuple[date, str, str]] = []
    for i in ctx.framework.indicators.values():
        point = ctx.change(i).latest
        if point is not None:
            latest.append((point.end, point.period, i.title))
    text = f"The figures come from {join_words(parts)}."
    if latest:
        newest, oldest = max(latest), min(latest)
        text += (
            f" The newest figures are for {newest[1]} ({newest[2]}); the oldest of the "
            f"indicators' latest figures are for {oldest[1]} ({oldest[2]})."
        )
    return md.text(text)


def _on_or_in(published: str) -> str:
    return "on" if len(published) == 10 else "in"


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


def _are(count: int) -> str:
    return "is" if count == 1 else "are"


def home_page(ctx: Context) -> str:
    every = sorted(ctx.framework.indicators)
    counts = status_counts(ctx, every)
    overall = (
        f"Of the {len(every)} National Indicators, {counts[Status.IMPROVING]} "
        f"{_are(counts[Status.IMPROVING])} improving, "
        f"{counts[Status.MAINTAINING]} maintaining and {counts[Status.WORSENING]} worsening; "
        f"{counts[Status.TO_BE_CONFIRMED]} {_are(counts[Status.TO_BE_CONFIRMED])} to be "
        "confirmed and "
        f"{counts[Status.IN_DEVELOPMENT]} in development."
    )
    blocks = [
        md.heading(1, "Scotland's National Performance Framework"),
        md.text(ctx.framework.purpose) if ctx.framework.purpose else "",
        md.heading(2, "National Outcomes", "outcomes"),
        outcome_cards(ctx),
        md.heading(2, "How Scotland is performing", "performance"),
        md.text(overall),
        performance_table(ctx),
        md.link("How statuses are decided", "methodology.md"),
        md.heading(2, "Latest updates", "latest-updates"),
        data_age(ctx),
        latest_updates(ctx),
        md.link("Download the data", "data/index.md")
        + ": every figure as CSV and as data packages.",
    ]
    d = ctx.build_date
    if d:
        blocks.append(
            f'<p class="npf-build-date">This site was built on {d.day} {d:%B %Y}; the '
            "figures are as published by their sources, above.</p>"
        )
    return md.page("Home", blocks, "How Scotland is doing against its National Outcomes.")
